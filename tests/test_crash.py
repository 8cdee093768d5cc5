"""kill -9 of crewcut's main process alone, as a crash or the OOM killer does it, at each stage of a film:
no process of crewcut outlives it, the project is not left locked, and `resume` finishes the film without
redoing a finished frame, narration take or segment."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.test_crew_cli import CREWCUT, IDEA, PROJECT, run

HEIGHT = 180


def session_members(sid: int) -> list[int]:
    """Every live process whose session is `sid` (the crewcut started with start_new_session, and all it
    started: frame workers, ffmpeg)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z" and int(fields[3]) == sid:  # fields after the name: state, ppid, pgrp, session
            found.append(int(stat.parent.name))
    return found


def finished_files(project: Path) -> dict[Path, int]:
    """Frames, takes, music and segments that are done (no temporary names), with their mtimes."""
    kinds = ("*.png", "*.wav", "*.json", "*.mp4")
    return {p: p.stat().st_mtime_ns for k in kinds for p in project.rglob(k) if ".tmp" not in p.name
            and p.parent.name in ("review", "frames", "narration", "music", "cache")}  # fmt: skip


def _exists(pattern: str, folder: str) -> Callable[[Path, list[str]], bool]:
    def ready(project: Path, _lines: list[str]) -> bool:
        return any(project.glob(f"{folder}/{pattern}"))

    return ready


def _said(text: str) -> Callable[[Path, list[str]], bool]:
    return lambda _project, lines: any(text in line for line in lines)


KILL_POINTS = {  # stage -> when it is reached
    "drafting": _said("Director: drafting the storyboard"),
    "shooting": _exists("*.tmp.png", "review"),  # a review frame being written
    "drawing": _exists("*.tmp.png", "film/assets/frames"),  # the film's frames being drawn
    "encoding": _exists("*.tmp.mp4", "film/cache"),  # a segment being encoded
    "mixing": _exists("*.tmp.wav", "film/cache"),  # the sound being mixed
}


@pytest.mark.parametrize("stage", list(KILL_POINTS))
def test_kill_9_of_the_main_process_alone_then_resume(tmp_path: Path, stage: str) -> None:
    env = {**os.environ, "CREWCUT_HOME": str(tmp_path), "CREWCUT_HEIGHT": str(HEIGHT)}
    proc = subprocess.Popen([CREWCUT, "make", IDEA, "--scenes", "4", "--yes"], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)  # fmt: skip
    lines: queue.Queue[str] = queue.Queue()
    assert proc.stderr is not None
    threading.Thread(target=lambda: [lines.put(line) for line in proc.stderr], daemon=True).start()  # type: ignore[union-attr]
    project, seen = tmp_path / "projects" / PROJECT, []
    deadline = time.monotonic() + 120
    while not KILL_POINTS[stage](project, seen):
        assert proc.poll() is None, f"the film finished before it reached {stage}"
        assert time.monotonic() < deadline, f"never reached {stage}; said: {seen}"
        while not lines.empty():
            seen.append(lines.get())
        time.sleep(0.005)
    os.kill(proc.pid, signal.SIGKILL)  # the main process alone: its children are not signalled
    proc.wait()

    left = session_members(proc.pid)
    for _ in range(50):  # workers notice within a tenth of a second; give a slow machine two seconds
        if not left:
            break
        time.sleep(0.04)
        left = session_members(proc.pid)
    assert not left, f"processes outlived crewcut: {left}"

    before = finished_files(project)
    resumed = run(tmp_path, "resume", PROJECT, "--json", height=HEIGHT)
    assert resumed.returncode == 0, resumed.stderr  # not "busy": no orphan kept the lock
    turn = json.loads(resumed.stdout)
    assert turn["phase"] == "done" and Path(turn["video"]).is_file(), (turn, seen)
    after = finished_files(project)
    assert {p: after.get(p) for p in before} == before  # nothing finished was made again
    assert not [p for p in project.rglob("*") if ".tmp" in p.name]  # the killed writers' leftovers are gone
