"""The command-line front door: render storyboards headless, print the storyboard schema and the settings."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from settings import Settings, SettingsError

EXIT_USAGE = 2  # bad input: nothing was changed
EXIT_FAILED = 1  # the input was fine but the work failed


class UsageError(Exception):
    """Bad input from the person at the keyboard; printed as one clear message, exit code 2."""


def cmd_render(args: argparse.Namespace, settings: Settings) -> int:
    from agents.editor import render_storyboard
    from graphs.state import StoryboardError, load_storyboard

    try:
        board = load_storyboard(Path(args.storyboard))
    except StoryboardError as err:
        raise UsageError(f"{args.storyboard} is not a usable storyboard:\n{err}") from None
    if args.height is not None:
        settings = replace(settings, height=args.height)
    if args.no_captions:
        settings = replace(settings, burn_captions=False)
    try:
        settings.validate()
    except SettingsError as err:
        raise UsageError(str(err)) from None
    log = None if args.json else (lambda msg: print(msg, file=sys.stderr))
    result = render_storyboard(board, Path(args.out), settings, log=log)
    if args.json:
        print(result.report.read_text(encoding="utf-8"))
        return 0
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"Rendered {result.duration:.1f} s: {result.video}")
    print(f"Captions: {result.srt}, {result.vtt}")
    print(f"Report:   {result.report}")
    return 0


def cmd_schema(args: argparse.Namespace, settings: Settings) -> int:
    from graphs.state import storyboard_schema

    print(json.dumps(storyboard_schema(), indent=2))
    return 0


def cmd_settings(args: argparse.Namespace, settings: Settings) -> int:
    from tools.speech.registry import available_voices

    for env, name in Settings.variables().items():
        print(f"{env:24} {getattr(settings, name)}")
    print(f"{'voices':24} {', '.join(available_voices())}")
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace, Settings], int]] = {
    "render": cmd_render,
    "schema": cmd_schema,
    "settings": cmd_settings,
}


def _height(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of pixels") from None


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="crewcut", description="Turn a storyboard into a finished short film.")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    render = sub.add_parser("render", help="render a storyboard JSON file into DIR (MP4, SRT, WebVTT)")
    render.add_argument("storyboard", help="a storyboard JSON file (see `crewcut schema`)")
    render.add_argument("--out", required=True, metavar="DIR", help="folder for the film and its cached assets")
    render.add_argument("--height", type=_height, help="short side in pixels (default 1080, CREWCUT_HEIGHT)")
    render.add_argument("--no-captions", action="store_true", help="do not burn captions into the picture")
    render.add_argument("--json", action="store_true", help="print the render report as JSON")
    sub.add_parser("schema", help="print the storyboard format as JSON Schema")
    sub.add_parser("settings", help="print every setting, its environment variable and the offline voices")
    return top


def main(argv: list[str] | None = None) -> int:
    from tools.images.base import ImageError
    from tools.music.base import MusicError
    from tools.render.run import RenderError
    from tools.speech.base import SpeechError

    args = parser().parse_args(argv)
    try:
        settings = Settings.from_env()
        return COMMANDS[args.command](args, settings)
    except (UsageError, SettingsError, SpeechError, ImageError, MusicError) as err:
        print(f"crewcut: {err}", file=sys.stderr)
        return EXIT_USAGE
    except RenderError as err:
        print(f"crewcut: the render failed: {err}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("crewcut: stopped; finished work is cached and reused next time", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
