"""The command-line front door: render storyboards headless, print the storyboard schema and the settings."""

from __future__ import annotations

import argparse
import json
import os
import re
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
    from domain import StoryboardError, load_storyboard

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
    except SettingsError as err:  # name the flag that was typed, not the variable behind it
        raise UsageError(str(err).replace(f"CREWCUT_HEIGHT={args.height}", f"--height {args.height}")) from None
    from tools.speech.registry import resolve_voice

    resolve_voice(board.voice, settings.speech_backend)  # an unknown voice is refused before anything is drawn
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
    from domain import storyboard_schema

    print(json.dumps(storyboard_schema(), indent=2))
    return 0


def cmd_settings(args: argparse.Namespace, settings: Settings) -> int:
    from dataclasses import fields

    from tools.speech.registry import BACKENDS as VOICES

    secret = {f.name for f in fields(Settings) if not f.repr}  # keys: said to be set, never printed
    for env, name in Settings.variables().items():
        value = getattr(settings, name)
        shown = ("(set)" if value else "(not set)") if name in secret else value
        if name == "studio_db":
            shown = re.sub(r"://([^:/@]+):[^@]*@", r"://\1:***@", str(value))  # nor a database password
        print(f"{env:24} {shown}")
    for backend in VOICES.values():
        print(f"{'voices: ' + backend.name:24} {', '.join(backend.voices)}")
    return 0


def cmd_doctor(args: argparse.Namespace, settings: Settings) -> int:
    from tools.cloud.doctor import check_all

    failing = 0
    for check in check_all(settings):
        failing += not check.ok
        print(f"{check.role:7} {check.backend:10} {check.verdict:10} {check.detail}")
    return 1 if failing and args.strict else 0


# -- the crew: projects, one turn at a time -------------------------------------------------------------------


def _studio(args: argparse.Namespace, settings: Settings):  # -> graphs.projects.Studio
    from graphs.projects import Studio

    return Studio(settings, Path(args.project_dir) if args.project_dir else None)


def _print_turn(args: argparse.Namespace, turn) -> int:  # turn: graphs.projects.Turn
    if args.json:
        print(json.dumps(turn.as_dict(), indent=2))
        return 0
    print(f"[{turn.project}] {turn.reply}")
    for change in turn.changes:
        if change not in turn.reply:
            print(f"  - {change}")
    if turn.video:
        print(f"Video: {turn.video}")
    if turn.question:
        print(f"Waiting for you: {turn.question}")
    return 0


def _progress(args: argparse.Namespace):  # -> graphs.projects.Progress | None
    """What the crew is doing, on stderr while it works (so stdout, and --json, stay the result alone)."""
    return None if args.json else (lambda line: print(line, file=sys.stderr, flush=True))


def _options(args: argparse.Namespace):  # -> domain.Options
    from pydantic import ValidationError

    from domain import Options, StoryboardError, explain

    try:
        return Options(scenes=args.scenes, story_type=args.type, aspect_ratio=args.aspect, voice=args.voice,
                       style=args.style, length=args.length)  # fmt: skip
    except ValidationError as err:
        raise StoryboardError(explain(err)) from None


def _idea(args: argparse.Namespace) -> tuple[str, bool]:
    from domain import UnreadableFile, read_utf8

    if args.script:
        try:
            return read_utf8(Path(args.script)), True
        except UnreadableFile as err:
            raise UsageError(str(err)) from None
    if not args.idea:
        raise UsageError("give an idea in quotes, or --script FILE")
    return args.idea, False


def cmd_new(args: argparse.Namespace, settings: Settings) -> int:
    idea, is_script = _idea(args)
    return _print_turn(args, _studio(args, settings).new(idea, _options(args), is_script, _progress(args)))


def cmd_make(args: argparse.Namespace, settings: Settings) -> int:
    """The whole film headless: the crew's storyboard and shots approved as they come."""
    idea, is_script = _idea(args)
    studio = _studio(args, settings)
    turn = studio.new(idea, _options(args), is_script, _progress(args), render=args.yes)
    if not args.yes:
        _print_turn(args, turn)
        print(f"(add --yes to approve everything and render, or continue with `crewcut say {turn.project} ...`)")
        return 0
    return _print_turn(args, turn if args.json else replace(turn, question=""))  # --yes answered it itself


def cmd_say(args: argparse.Namespace, settings: Settings) -> int:
    return _print_turn(args, _studio(args, settings).say(args.project, args.message, _progress(args)))


def cmd_resume(args: argparse.Namespace, settings: Settings) -> int:
    return _print_turn(args, _studio(args, settings).resume(args.project, _progress(args)))


def cmd_show(args: argparse.Namespace, settings: Settings) -> int:
    state = _studio(args, settings).state(args.project)
    if args.json:
        print(json.dumps({"project": args.project, **state}, indent=2, default=str))
        return 0
    story, board = state.get("story") or {}, state.get("board") or {}
    print(f"{board.get('title') or story.get('title', args.project)}  [{state.get('phase', 'new')}]")
    if story:
        print(f"\nStory ({story.get('story_type')}{', your script' if story.get('from_script') else ''}):")
        print(f"  {story.get('text', '')}")
    for c in board.get("characters", []):
        print(f"  * {c['name']}: {c['description']}")
    scenes = state.get("scenes", [])
    print(f"\nStoryboard: {board.get('aspect_ratio', '')}, voice {board.get('voice', '')}, "
          f"music {board.get('music', {}).get('mood', '')}")  # fmt: skip
    for k, scene in enumerate(board.get("scenes", []), 1):
        status = scenes[k - 1] if k - 1 < len(scenes) else {}
        print(f"  {k}. [{status.get('status', 'draft')}] {scene['shot']}, {scene['camera']}: {scene['visual']}")
        print(f'     "{scene["narration"]}"')
        if status.get("frame"):
            print(f"     frame: {status['frame']}")
    if state.get("video"):
        print(f"\nVideo: {state['video']}")
    from agents.estimate import estimate_render, estimate_shoot
    from domain import Storyboard
    from tools.cloud.ledger import describe, project_ledger

    folder = _studio(args, settings).projects_dir / args.project
    spent = describe(project_ledger(folder, settings).summary())
    print(f"\nSpent: {spent or 'nothing (every part ran offline)'}")
    if board:  # what the next paid steps would cost with the backends set now
        planned = Storyboard.model_validate(board)
        ahead = [estimate_shoot(planned, settings, folder) if state.get("phase") in ("", "review") else "",
                 estimate_render(planned, settings, folder)]  # fmt: skip
        for line in filter(None, ahead):
            print(line.split(" So far:")[0])
    return 0


def cmd_projects(args: argparse.Namespace, settings: Settings) -> int:
    rows = _studio(args, settings).list()
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    if not rows:
        print('No projects yet: `crewcut new "an idea"` starts one.')
    for row in rows:
        print(f"{row['id']:40} {row['phase']:10} {row['scenes']:2} scenes  {row['title']}")
    return 0


def cmd_chat(args: argparse.Namespace, settings: Settings) -> int:
    """The same conversation in a terminal: each line is a message; 'quit' or Ctrl-D leaves."""
    from graphs.projects import ProjectError

    studio = _studio(args, settings)
    state = studio.state(args.project)
    print(f"Talking to the crew about {args.project} [{state.get('phase')}]. 'quit' to leave.")
    while True:
        try:
            line = input("you> ").strip()
        except EOFError:
            print()
            return 0
        if line.lower() in {"quit", "exit", "bye"}:
            return 0
        if not line:
            continue
        try:
            _print_turn(args, studio.say(args.project, line, _progress(args)))
        except ProjectError as err:
            print(f"crewcut: {err}")


def cmd_characters(args: argparse.Namespace, settings: Settings) -> int:
    """A project's cast as the crew knows it, or the person's library of saved characters."""
    studio = _studio(args, settings)
    if args.library:
        if args.project:
            raise UsageError("give a project or --library, not both")
        from memory.store import LOCAL_USER

        cast = studio.memory.library(LOCAL_USER)
    elif args.project:
        state = studio.state(args.project)
        cast = (state.get("board") or state.get("story") or {}).get("characters", [])
    else:
        raise UsageError("say whose characters: `crewcut characters PROJECT` or `crewcut characters --library`")
    if args.json:
        print(json.dumps(cast, indent=2))
        return 0
    if not cast:
        print("No characters yet." if not args.library else "Your library is empty: say 'save NAME to my library'.")
    for c in cast:
        called = f" (also {', '.join(c.get('aliases', []))})" if c.get("aliases") else ""
        print(f"{c['name']}{called}: {c.get('description', '')}")
    return 0


def cmd_remember(args: argparse.Namespace, settings: Settings) -> int:
    """What the crew remembers of a project that is closest in meaning to QUERY: characters and turns."""
    from memory.store import RecallError

    studio = _studio(args, settings)
    studio.state(args.project)  # an unknown project is refused by name
    recall = studio.recall(args.project)
    try:
        found = {"characters": recall.characters(args.query), "turns": recall.turns(args.query)}
    except RecallError as err:
        raise UsageError(str(err)) from None
    if args.json:
        print(json.dumps({k: [{"text": r.text, "score": r.score, **r.meta} for r in v] for k, v in found.items()},
                         indent=2))  # fmt: skip
        return 0
    for kind, hits in found.items():
        print(f"{kind}:")
        for r in hits:
            who = f"turn {r.meta.get('turn')} ({r.meta.get('role')})" if kind == "turns" else r.meta.get("name", "")
            print(f"  {r.score:5.2f}  {who}: {r.text[:160]}")
    return 0


def cmd_user(args: argparse.Namespace, settings: Settings) -> int:
    """The studio's users (CREWCUT_AUTH=password): add one, or list them."""
    from chat import access

    path = settings.studio_users
    if args.action == "list":
        for name in sorted(access.users(path)):
            print(name)
        return 0
    if not args.name:
        raise UsageError("say who: `crewcut user add NAME`")
    if sys.stdin.isatty():
        import getpass

        password = getpass.getpass(f"password for {args.name}: ")
        if getpass.getpass("again: ") != password:
            raise UsageError("the two passwords differ; nothing changed")
    else:  # a script pipes it in: `printf '%s\n' "$PASSWORD" | crewcut user add NAME`
        password = sys.stdin.readline().rstrip("\n")
    new = access.add(path, args.name, password)
    print(f"{'added' if new else 'changed the password of'} {args.name} in {path}")
    if settings.studio_auth != "password":
        print("(the studio asks for it once CREWCUT_AUTH=password is set)")
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace, Settings], int]] = {
    "render": cmd_render,
    "schema": cmd_schema,
    "settings": cmd_settings,
    "doctor": cmd_doctor,
    "new": cmd_new,
    "make": cmd_make,
    "say": cmd_say,
    "show": cmd_show,
    "resume": cmd_resume,
    "projects": cmd_projects,
    "chat": cmd_chat,
    "user": cmd_user,
    "characters": cmd_characters,
    "remember": cmd_remember,
}


def _height(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of pixels") from None


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="crewcut",
        description="Turn an idea into a finished short film with a crew you direct, or render a storyboard.",
    )
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    render = sub.add_parser("render", help="render a storyboard JSON file into DIR (MP4, SRT, WebVTT)")
    render.add_argument("storyboard", help="a storyboard JSON file (see `crewcut schema`)")
    render.add_argument("--out", required=True, metavar="DIR", help="folder for the film and its cached assets")
    render.add_argument("--height", type=_height, help="short side in pixels (default 1080, CREWCUT_HEIGHT)")
    render.add_argument("--no-captions", action="store_true", help="do not burn captions into the picture")
    render.add_argument("--json", action="store_true", help="print the render report as JSON")
    sub.add_parser("schema", help="print the storyboard format as JSON Schema")
    sub.add_parser("settings", help="print every setting, its environment variable and each backend's voices")
    doctor = sub.add_parser("doctor", help="check each configured backend: key, endpoint, what will fall back")
    doctor.add_argument("--strict", action="store_true", help="exit 1 if any configured backend would fall back")

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--project-dir", metavar="DIR", help="where projects live (default: CREWCUT_HOME)")
    common.add_argument("--json", action="store_true", help="print JSON for scripts")
    making = argparse.ArgumentParser(add_help=False)
    making.add_argument("idea", nargs="?", help="the idea, in quotes")
    making.add_argument("--script", metavar="FILE", help="a script (UTF-8 text) to film as written")
    making.add_argument("--scenes", type=int, default=6, help="how many scenes (default 6)")
    making.add_argument("--type", default="adventure", help=f"story type: {', '.join(STORY_TYPE_NAMES)}")
    making.add_argument("--aspect", default="16:9", help="16:9, 9:16 or 1:1")
    making.add_argument("--voice", default="heart", help="narration voice (see `crewcut settings`)")
    making.add_argument("--style", default="pencil storyboard", help="visual style, in words")
    making.add_argument("--length", type=int, default=750, help="story length in characters (default 750)")
    sub.add_parser("new", parents=[common, making], help="start a project: story and storyboard, then review")
    make = sub.add_parser("make", parents=[common, making], help="make a whole film headless")
    make.add_argument("--yes", action="store_true", help="approve the storyboard and every shot, and render")
    say = sub.add_parser("say", parents=[common], help="tell the crew something (an edit, approve, render)")
    say.add_argument("project")
    say.add_argument("message")
    for name, text in (("show", "the story, characters, storyboard, scene states and assets"),
                       ("resume", "continue after a crash or a closed terminal"),
                       ("chat", "talk to the crew in this terminal")):  # fmt: skip
        sub.add_parser(name, parents=[common], help=text).add_argument("project")
    sub.add_parser("projects", parents=[common], help="list projects and where each stands")
    characters = sub.add_parser("characters", parents=[common], help="a project's cast, or --library")
    characters.add_argument("project", nargs="?")
    characters.add_argument("--library", action="store_true", help="the characters you saved to your library")
    remember = sub.add_parser("remember", parents=[common], help="what the crew recalls of a project, by meaning")
    remember.add_argument("project")
    remember.add_argument("query", help="a question or phrase, e.g. 'the storm' or 'who is the pilot?'")
    user = sub.add_parser("user", help="the studio's logins (CREWCUT_AUTH=password): add NAME, or list")
    user.add_argument("action", choices=("add", "list"))
    user.add_argument("name", nargs="?", help="who to add (the password is asked for, or read from stdin)")
    return top


STORY_TYPE_NAMES = ("adventure", "romance", "mystery", "sci-fi", "fairy-tale", "documentary")


# The errors that mean "bad input" (exit 2) or "the work failed" (exit 1), by name: importing their modules
# up front would load the whole crew (LangGraph, LangChain: ~2.5 s) before `crewcut schema` could answer.
USAGE_ERRORS = {"cli.UsageError", "__main__.UsageError", "settings.SettingsError", "tools.speech.base.SpeechError",
                "tools.images.base.ImageError", "tools.music.base.MusicError", "agents.screenwriter.Refusal",
                "graphs.projects.ProjectError", "domain.StoryboardError", "chat.access.AccessError",
                "memory.store.RecallError", "tools.cloud.ledger.BudgetError",
                "tools.motion.base.MotionError"}  # fmt: skip
FAILURES = {"tools.render.run.RenderError"}


def _names(err: BaseException) -> set[str]:
    return {f"{kind.__module__}.{kind.__qualname__}" for kind in type(err).__mro__}


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        settings = Settings.from_env()
        return COMMANDS[args.command](args, settings)
    except KeyboardInterrupt:
        print("crewcut: stopped; finished work is cached and reused next time", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `crewcut show P | head`: the reader has gone, which is no error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as err:
        names = _names(err)
        if names & USAGE_ERRORS:
            print(f"crewcut: {err}", file=sys.stderr)
            return EXIT_USAGE
        if names & FAILURES:
            print(f"crewcut: the render failed: {err}", file=sys.stderr)
            return EXIT_FAILED
        if isinstance(err, OSError):  # the machine said no (a full disk, a folder taken away): no traceback
            print(f"crewcut: {err.strerror or err}{f': {err.filename}' if err.filename else ''}", file=sys.stderr)
            return EXIT_FAILED
        raise


if __name__ == "__main__":
    sys.exit(main())
