"""The thin runner: executes the planned ffmpeg commands, segments in parallel, reusing segments already made."""

from __future__ import annotations

import json
import os
import re
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from tools.render.ffmpeg import (
    FONTS_LINK,
    MEASURED,
    audio_argv,
    concat_list,
    ffmpeg_path,
    loudness_probe_argv,
    mux_argv,
    segment_argv,
    segment_ass,
    segment_name,
)
from tools.render.timeline import Timeline, segments


class RenderError(RuntimeError):
    """ffmpeg failed; the message carries the end of what it said."""


@dataclass
class Step:
    name: str
    seconds: float
    hits: int = 0
    misses: int = 0


@dataclass
class RenderReport:
    steps: list[Step] = field(default_factory=list)

    def add(self, name: str, started: float, hits: int = 0, misses: int = 0) -> None:
        self.steps.append(Step(name, round(time.perf_counter() - started, 3), hits, misses))


def run_ffmpeg(args: list[str], cwd: Path) -> str:
    """Run ffmpeg; return what it said on stderr."""
    proc = subprocess.run([str(ffmpeg_path()), *args], cwd=cwd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        said = "\n".join(proc.stderr.strip().splitlines()[-8:])
        raise RenderError(f"ffmpeg failed (exit {proc.returncode}):\n{said}")
    return proc.stderr


def measure_loudness(timeline: Timeline, cwd: Path) -> dict[str, str]:
    said = run_ffmpeg(loudness_probe_argv(timeline), cwd)
    found = re.search(r"\{[^{}]*\"input_i\"[^{}]*\}", said)
    if not found:
        raise RenderError("ffmpeg's loudness measurement printed no result")
    data = json.loads(found.group())
    return {k: str(data[k]) for k in MEASURED}


def _link_fonts(work: Path, fonts_dir: Path | None) -> None:
    link = work / FONTS_LINK
    if fonts_dir is None or (link.is_symlink() and Path(os.readlink(link)) == fonts_dir):
        return
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(fonts_dir, target_is_directory=True)


def render(timeline: Timeline, work: Path, output: Path, jobs: int = 2, report: RenderReport | None = None) -> Path:
    """Encode the timeline's segments into `work` (skipping ones already there), mix the sound, and join
    them into `output`. Every file is written under a temporary name first, so a killed render leaves no
    half-written segment to be mistaken for a finished one."""
    report = report if report is not None else RenderReport()
    work.mkdir(parents=True, exist_ok=True)
    _link_fonts(work, timeline.fonts_dir)
    todo: list[tuple[list[str], str, str]] = []
    names: list[str] = []
    for seg in segments(timeline):
        ass = segment_ass(timeline, seg)
        key = segment_name(segment_argv(timeline, seg, "OUT", "CAPTIONS" if ass else None), ass)
        name = f"{key}.mp4"
        names.append(name)
        if not (work / name).exists() and all(t[1] != name for t in todo):
            if ass:
                (work / f"{key}.ass").write_text(ass, encoding="utf-8")
            todo.append((segment_argv(timeline, seg, f"{key}.tmp.mp4", f"{key}.ass" if ass else None), name, key))

    audio_name = f"audio-{segment_name(audio_argv(timeline, 'OUT'), _fingerprint(timeline))}.m4a"

    def encode(job: tuple[list[str], str, str]) -> None:
        argv, name, key = job
        run_ffmpeg(argv, work)
        (work / f"{key}.tmp.mp4").replace(work / name)

    def mix() -> None:
        measured = measure_loudness(timeline, work)
        run_ffmpeg(audio_argv(timeline, f"{audio_name}.tmp.m4a", measured), work)
        (work / f"{audio_name}.tmp.m4a").replace(work / audio_name)

    started = time.perf_counter()
    audio_cached = (work / audio_name).exists()
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        # The sound mix runs beside the picture: it is a small single-threaded job.
        audio_job = None if audio_cached else pool.submit(mix)
        for future in [pool.submit(encode, job) for job in todo]:
            future.result()
        if audio_job:
            audio_job.result()
    report.add("segments", started, hits=len(set(names)) - len(todo), misses=len(todo))
    report.steps.append(Step("audio mix", 0.0, hits=int(audio_cached), misses=int(not audio_cached)))

    started = time.perf_counter()
    (work / "concat.txt").write_text(concat_list(names), encoding="utf-8")
    tmp = output.with_name(output.stem + ".tmp.mp4")
    run_ffmpeg(mux_argv("concat.txt", audio_name, str(tmp.resolve())), work)
    tmp.replace(output)
    report.add("join", started)
    return output


def _fingerprint(timeline: Timeline) -> str:
    """What the sound is made of: the narration and music files' bytes change when the film's words do."""
    import hashlib

    digest = hashlib.sha256()
    for path in (timeline.narration, timeline.music):
        if path is not None:
            digest.update(path.read_bytes())
    return digest.hexdigest()
