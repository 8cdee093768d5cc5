"""Render benchmark: a 60 s, 8-scene film at 1080p, 16:9 and 9:16, rendered by `crewcut render` (the whole CLI
call, start-up included), then again after one scene changes; against two floors measured in the same run:
re-encoding the film's own pictures with the same encoder settings (what no render of this film can beat by
much) and encoding `testsrc2` (harder to encode than storyboard panels); and, on request, MoviePy 2 drawing
the same timeline. Prints a table of medians per aspect.

    .venv/bin/python bench/render.py [--runs 3] [--moviepy-runs 0] [--height 1080] [--aspects 16:9,9:16]

Each measured run is its own child process, so wall time, CPU time (user + system, children included) and peak
memory are the child's own. Runs alternate between the contenders so machine noise hits them alike."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SCENES = [
    ("Mara had kept the lighthouse on Gull Rock for eleven years, and in all that time she had never once "
     "missed a night.", "A lighthouse on a rocky island at dusk, Mara on the shore", "wide", "push-in"),
    ("Then one grey morning the tide brought her a visitor: a small copper robot, tangled in fishing net "
     "and blinking.", "Cog lies on the beach in the rain, tangled in net", "medium", "pan-right"),
    ("She cut it free, carried it up the spiral stairs, and set it by the stove to dry its rattling "
     "joints.", "Inside the lighthouse kitchen, Mara and Cog by the warm lamp", "medium", "static"),
    ("The robot did not speak, but it watched the great lamp turn with its round blue eyes, all night, "
     "every night.", "Close on Cog at the top of the lighthouse at night, the lamp glowing", "close-up", "tilt-up"),
    ("When the winter storms came, Mara grew tired, and the robot began to climb the stairs in her "
     "place.", "Cog climbing the stairs inside the tower in a storm", "wide", "pull-out"),
    ("One night the fog rolled in so thick that even the light could not cut through it, and a boat "
     "was lost.", "Mara and Cog look out over the sea in thick fog, a boat far away", "over-the-shoulder",
     "pan-left"),
    ("Cog climbed onto the gallery rail and sang out a long low note, over and over, until the boat "
     "found the harbour.", "Close on Cog's face in the fog at night, the lamp behind", "extreme-close-up",
     "push-in"),
    ("Now there are two keepers on Gull Rock, and the fishermen say the light has never shone so "
     "bright.", "The lighthouse at sunset, Mara and Cog side by side on the shore", "wide", "static"),
]  # fmt: skip


def storyboard(changed: bool = False, aspect: str = "16:9") -> dict:
    scenes = [{"narration": n, "visual": v, "shot": s, "camera": c, "mood": ""} for n, v, s, c in SCENES]
    if changed:  # the edit a person makes: scene 4 moved to a storm, its line rewritten
        line = "The robot never spoke, but it watched the lamp turn with its round blue eyes."
        scenes[3] = {**scenes[3], "visual": scenes[3]["visual"] + " in a storm", "narration": line}
    return {
        "title": "Two Keepers",
        "aspect_ratio": aspect,
        "music": {"mood": "gentle, hopeful"},
        "characters": [
            {"name": "Mara", "description": "a lighthouse keeper in a red coat with dark hair"},
            {"name": "Cog", "description": "a small copper robot with round blue eyes"},
        ],
        "scenes": scenes,
    }


def one_moviepy(out: Path, height: int) -> None:
    """The obvious alternative: the same timeline (same frames, moves, cues and mixed sound) composed in MoviePy."""
    from moviepy import AudioFileClip, CompositeVideoClip, ImageClip, TextClip, vfx

    import tools.render.run as runner
    from agents.editor import render_storyboard
    from domain import parse_storyboard
    from settings import Settings
    from tools.images.fonts import sans_bold_path
    from tools.render.timeline import Motion, Timeline

    captured: dict[str, Timeline] = {}

    def capture(
        timeline: Timeline,
        work: Path,
        output: Path,
        jobs: int = 2,
        report: Any = None,
        before_mix: Any = None,
        encoded: Any = None,
    ) -> Path:
        captured["timeline"] = timeline  # and the same sound, mastered the same way
        if before_mix is not None:
            before_mix()
        work.mkdir(parents=True, exist_ok=True)
        runner.mix_sound(timeline, work, "mix.m4a")
        return output

    import agents.editor

    agents.editor.render = capture  # plan with crewcut, draw with MoviePy
    render_storyboard(parse_storyboard(storyboard()), out, replace(Settings.from_env(), height=height))
    tl = captured["timeline"]
    w, h, fps, half = tl.width, tl.height, tl.fps, tl.transition_frames / tl.fps / 2

    def moving(path: Path, motion: Motion, seconds: float) -> CompositeVideoClip:
        def zoom(t: float) -> float:
            p = min(1.0, max(0.0, t / seconds))
            e = p * p * (3 - 2 * p)
            return motion.zoom[0] + (motion.zoom[1] - motion.zoom[0]) * e

        def where(t: float) -> tuple[float, float]:
            p = min(1.0, max(0.0, t / seconds))
            e = p * p * (3 - 2 * p)
            z = zoom(t)
            cx = motion.x[0] + (motion.x[1] - motion.x[0]) * e
            cy = motion.y[0] + (motion.y[1] - motion.y[0]) * e
            return (w / 2 - cx * w * z, h / 2 - cy * h * z)

        still = ImageClip(str(path)).with_duration(seconds)
        clip = still.resized(lambda t: zoom(t)).with_position(where) if not motion.still else still
        return CompositeVideoClip([clip], size=(w, h)).with_duration(seconds)

    layers = []
    for shot, start in zip(tl.shots, tl.starts(), strict=True):
        begin = max(0.0, start / fps - half)
        seconds = min(tl.duration, (start + shot.frames) / fps + half) - begin
        clip = moving(shot.image, shot.motion, seconds).with_start(begin)
        layers.append(clip.with_effects([vfx.CrossFadeIn(2 * half)]) if begin > 0 else clip)
    size = round(min(w, h) * 0.058)
    for cue in tl.cues:
        text = TextClip(font=str(sans_bold_path()), text=cue.text, font_size=size, color="white",
                        stroke_color="black", stroke_width=max(1, size // 12), method="caption",
                        size=(int(w * 0.84), None), text_align="center", margin=(0, size // 3))  # fmt: skip
        timed = text.with_start(cue.start).with_duration(cue.end - cue.start)
        layers.append(timed.with_position(("center", 0.78), relative=True))
    film = CompositeVideoClip(layers, size=(w, h)).with_duration(tl.duration)
    film = film.with_audio(AudioFileClip(str(out / "cache" / "mix.m4a")))
    film.write_videofile(str(out / "moviepy.mp4"), fps=fps, codec="libx264", preset="veryfast", audio_codec="aac",
                         threads=2, ffmpeg_params=["-crf", "23", "-pix_fmt", "yuv420p"], logger=None)  # fmt: skip


ENCODER = ["-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p"]  # as crewcut's


def one_floor(out: Path, width: int, height: int, seconds: float) -> None:
    from tools.render.ffmpeg import ffmpeg_path

    subprocess.run([str(ffmpeg_path()), "-loglevel", "error", "-y", "-f", "lavfi",
                    "-i", f"testsrc2=s={width}x{height}:r=30:d={seconds}", *ENCODER, str(out / "floor.mp4")],
                   check=True)  # fmt: skip


def one_pictures(out: Path, film: Path) -> None:
    """The stricter floor: the finished film's own pictures, decoded and encoded again the same way."""
    from tools.render.ffmpeg import ffmpeg_path

    subprocess.run([str(ffmpeg_path()), "-loglevel", "error", "-y", "-i", str(film), "-an", *ENCODER,
                    str(out / "pictures.mp4")], check=True)  # fmt: skip


def crewcut_cli(board: Path, out: Path, height: int) -> list[str]:
    """The whole command a person runs, as its own process (start-up included)."""
    return [str(Path(sys.executable).parent / "crewcut"), "render", str(board), "--out", str(out),
            "--height", str(height), "--json"]  # fmt: skip


def measure(args: list[str], argv: list[str] | None = None) -> dict[str, float]:
    """Run this script as a child doing one job (or `argv`); its wall, CPU (children included) and peak RSS."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv or [sys.executable, __file__, *args], stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"benchmark run failed: {args}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024}


LABELS = {
    "crewcut": "crewcut render (whole CLI call)",
    "rerender": "crewcut render after 1 scene changed",
    "pictures": "film's own pictures re-encoded",
    "floor": "testsrc2 encode",
    "moviepy": "MoviePy 2.2.1",
}


def bench_aspect(aspect: str, args: argparse.Namespace, tmp: Path) -> None:
    from agents.editor import frame_size

    width, height = frame_size(aspect, args.height)
    results: dict[str, list[dict[str, float]]] = {k: [] for k in LABELS}
    duration = 0.0
    boards = {}
    for changed in (False, True):
        boards[changed] = tmp / f"board-{aspect.replace(':', 'x')}-{changed}.json"
        boards[changed].write_text(json.dumps(storyboard(changed, aspect)))
    for run in range(max(args.runs, args.moviepy_runs)):
        film = tmp / f"crewcut{run}"
        if run < args.runs:
            results["crewcut"].append(measure([], crewcut_cli(boards[False], film, args.height)))
            report = json.loads((film / "render.json").read_text())
            duration = report["duration"]
            results["pictures"].append(measure(["--one", "pictures", "--out", str(tmp), "--film", report["video"]]))
            results["rerender"].append(measure([], crewcut_cli(boards[True], film, args.height)))
            shutil.rmtree(film)
            results["floor"].append(measure(["--one", "floor", "--out", str(tmp), "--size", f"{width}x{height}",
                                             "--seconds", f"{duration:.3f}"]))  # fmt: skip
        if run < args.moviepy_runs:
            mp = tmp / f"mp{run}"
            results["moviepy"].append(measure(["--one", "moviepy", "--out", str(mp), "--height", str(args.height)]))
            shutil.rmtree(mp)
    med = {k: {m: statistics.median(r[m] for r in v) for m in ("wall", "cpu", "rss_mb")} for k, v in results.items()
           if v}  # fmt: skip
    floor, ours = med["pictures"]["wall"], med["crewcut"]["wall"]
    print(f"\n{aspect}: {duration:.1f} s film, 8 scenes, {width}x{height}, 30 fps, x264 veryfast crf 23")
    print(f"runs: {args.runs} (MoviePy {args.moviepy_runs}), medians\n")
    print(f"| {'what':38} | {'wall s':>7} | {'CPU s':>7} | {'peak MB':>7} | {'x pictures':>10} | {'x crewcut':>9} |")
    print(f"|{'-' * 40}|{'-' * 9}|{'-' * 9}|{'-' * 9}|{'-' * 12}|{'-' * 11}|")
    for key in LABELS:
        if key in med:
            m = med[key]
            print(f"| {LABELS[key]:38} | {m['wall']:7.1f} | {m['cpu']:7.1f} | {m['rss_mb']:7.0f} | "
                  f"{m['wall'] / floor:10.2f} | {m['wall'] / ours:9.2f} |")  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--moviepy-runs", type=int, default=0)
    ap.add_argument("--height", type=int, default=1080)
    ap.add_argument("--aspects", default="16:9,9:16")
    ap.add_argument("--one", choices=["moviepy", "floor", "pictures"])
    ap.add_argument("--out")
    ap.add_argument("--film")
    ap.add_argument("--size", default="1920x1080")
    ap.add_argument("--seconds", type=float, default=60.0)
    args = ap.parse_args()
    if args.one:
        out = Path(args.out)
        width, height = (int(n) for n in args.size.split("x"))
        {"moviepy": lambda: one_moviepy(out, args.height),
         "floor": lambda: one_floor(out, width, height, args.seconds),
         "pictures": lambda: one_pictures(out, Path(args.film))}[args.one]()  # fmt: skip
        return
    with tempfile.TemporaryDirectory() as tmp:
        for aspect in args.aspects.split(","):
            bench_aspect(aspect, args, Path(tmp))


if __name__ == "__main__":
    main()
