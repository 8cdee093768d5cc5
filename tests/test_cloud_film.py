"""Whole films through the fakes of the paid services (tests/fakes.py), run as a user runs crewcut: frames
from Stability, voices from OpenAI, motion from Runway. One frame fails for good and the film still
finishes with that scene as an animatic panel; the key appears nowhere; a budget stops paid work and the
project resumes without paying twice."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fakes import Fake, Seen, error, ffmpeg_binary, keyed_env, serving

KEY = "sk-live-FAKE-7c1d0e9b2a"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def fake() -> Iterator[Fake]:
    with serving(ffmpeg_binary()) as server:
        yield server


def crewcut(*args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("CREWCUT_", "OPENAI_", "STABILITY_", "RUNWAY"))}
    return subprocess.run([sys.executable, str(ROOT / "cli.py"), *args], env={**clean, **env}, cwd=cwd,
                          capture_output=True, text=True, timeout=600)  # fmt: skip


def fails_for(word: str, fake: Fake):  # a frame whose prompt names `word` fails every time
    def answer(seen: Seen):
        if word in seen.fields().get("prompt", ""):
            return error(500, {"id": "x", "name": "internal_error", "errors": ["the GPU fell over"]})
        return fake.default(seen)

    return answer


def no_key_in(folder: Path, *texts: str) -> list[str]:
    found = [str(p) for p in folder.rglob("*") if p.is_file() and KEY.encode() in p.read_bytes()]
    return found + [f"output {k}" for k, t in enumerate(texts) if KEY in t]


BOARD = {
    "title": "The Lamp",
    "aspect_ratio": "16:9",
    "characters": [{"name": "Wren", "description": "an old lighthouse keeper with a grey beard and a blue coat"}],
    "scenes": [
        {"narration": "Wren climbed the tower as the storm came in.", "visual": "Wren climbs a spiral stair",
         "shot": "wide", "camera": "push-in"},
        {"narration": "The lamp turned, and its light swept the sea.", "visual": "the great lamp turning",
         "shot": "close-up", "camera": "static", "motion": True},
        {"narration": "Far off, a volcano glowed red on the water.", "visual": "a volcano glowing across the bay",
         "shot": "wide", "camera": "pan-left"},
    ],
}  # fmt: skip


def test_a_headless_cloud_film_finishes_with_a_failed_frame_drawn_offline(fake: Fake, tmp_path: Path) -> None:
    fake.script("POST", "stable-image", fails_for("volcano", fake), repeat=True)
    board = tmp_path / "board.json"
    board.write_text(json.dumps(BOARD))
    out = tmp_path / "film"
    done = crewcut("render", str(board), "--out", str(out), env=keyed_env(fake, KEY, tmp_path / "home"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    report = json.loads((out / "render.json").read_text())
    assert Path(report["video"]).stat().st_size > 10_000
    [failed] = [w for w in report["warnings"] if "animatic" in w]
    assert failed.startswith("scene 3:") and "the GPU fell over" in failed
    assert "warning: scene 3" in done.stderr  # the person is told which scene and why
    assert not [w for w in report["warnings"] if w.startswith(("scene 1", "scene 2"))]
    spend = report["spend"]["by"]
    assert spend["stability image"]["amount"] == 2  # the failed frame cost nothing
    assert spend["openai speech"]["amount"] == sum(len(s["narration"]) for s in BOARD["scenes"])
    assert spend["runway video"]["amount"] == 5
    assert [s["misses"] for s in report["steps"] if s["name"] == "motion"] == [1]
    assert len(list((out / "assets" / "motion").glob("*-320x180.mp4"))) == 1  # scene 2 moves for real
    # Captions come from the transcription's word timings: the first cue starts when the first word is heard.
    srt = Path(report["srt"]).read_text()
    assert "Wren climbed the tower" in srt
    assert no_key_in(tmp_path, done.stdout, done.stderr) == []  # render.json, the cache, the ledger, the output
    # Rendering again pays for nothing: every paid result is cached by what was sent.
    before = len(fake.seen)
    again = crewcut("render", str(board), "--out", str(out), env=keyed_env(fake, KEY, tmp_path / "home"), cwd=tmp_path)
    assert again.returncode == 0, again.stderr[-2000:]
    paid_paths = ("stable-image/generate", "audio/speech", "image_to_video")
    assert [s.path for s in fake.seen[before:] if any(p in s.path for p in paid_paths)] == [
        "/v2beta/stable-image/generate/core"
    ] * 2  # only the failed frame is tried again (failures cost nothing)


def test_a_project_made_through_the_cloud_keeps_the_key_out_of_everything(fake: Fake, tmp_path: Path) -> None:
    env = {**keyed_env(fake, KEY, tmp_path / "home"), "CREWCUT_MOTION": "none"}
    made = crewcut("make", "a fox teaches an owl to fish", "--scenes", "3", "--yes", env=env, cwd=tmp_path)
    assert made.returncode == 0, made.stderr[-3000:]
    home = tmp_path / "home"
    assert list(home.glob("projects/*/film/*.mp4"))
    assert (home / "crewcut.sqlite").exists()
    assert no_key_in(home, made.stdout, made.stderr) == []  # checkpoints, ledger, render.json, memory, output
    project = next(home.glob("projects/*/project.json")).parent.name
    shown = crewcut("show", project, env=env, cwd=tmp_path)
    assert "Spent: $" in shown.stdout and "stability image: 3 images" in shown.stdout
    assert KEY not in shown.stdout
    settings = crewcut("settings", env=env, cwd=tmp_path)
    assert KEY not in settings.stdout and "STABILITY_API_KEY" in settings.stdout
    assert "voices: openai" in settings.stdout and "nova" in settings.stdout


def test_a_budget_stops_paid_work_and_the_project_resumes_without_paying_twice(fake: Fake, tmp_path: Path) -> None:
    env = {**keyed_env(fake, KEY, tmp_path / "home"), "CREWCUT_MOTION": "none", "CREWCUT_SPEECH": "hibari",
           "CREWCUT_BUDGET_USD": "0.05"}  # fmt: skip
    stopped = crewcut("make", "a robot learns to paint", "--scenes", "3", "--yes", env=env, cwd=tmp_path)
    assert stopped.returncode == 2, stopped.stderr[-2000:]
    assert "Traceback" not in stopped.stderr
    assert "budget (CREWCUT_BUDGET_USD)" in stopped.stderr and "crewcut resume" in stopped.stderr
    sent = len(fake.requests("stable-image"))
    assert sent == 1  # $0.03 a frame: the second would pass $0.05, so it was never sent
    project = next((tmp_path / "home").glob("projects/*/project.json")).parent.name
    resumed = crewcut("resume", project, env={**env, "CREWCUT_BUDGET_USD": "5"}, cwd=tmp_path)
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    assert list((tmp_path / "home").glob(f"projects/{project}/film/*.mp4"))
    assert len(fake.requests("stable-image")) == 3  # the first frame was not paid for again


def test_animate_a_scene_in_conversation_and_hear_that_no_backend_is_set(tmp_path: Path) -> None:
    env = {"CREWCUT_HOME": str(tmp_path / "home"), "CREWCUT_HEIGHT": "90"}
    new = crewcut("new", "a girl and her kite cross the mountains", "--scenes", "3", env=env, cwd=tmp_path)
    assert new.returncode == 0, new.stderr[-2000:]
    project = next((tmp_path / "home").glob("projects/*/project.json")).parent.name
    said = crewcut("say", project, "animate the second scene", env=env, cwd=tmp_path)
    assert said.returncode == 0, said.stderr[-2000:]
    assert "Scene 2 will move for real" in said.stdout and "No motion backend is set" in said.stdout
    board = json.loads(crewcut("show", project, "--json", env=env, cwd=tmp_path).stdout)["board"]
    assert [s["motion"] for s in board["scenes"]] == [False, True, False]
    still = crewcut("say", project, "keep scene 2 still", env=env, cwd=tmp_path)
    assert "Scene 2 is a still again" in still.stdout
    board = json.loads(crewcut("show", project, "--json", env=env, cwd=tmp_path).stdout)["board"]
    assert not any(s["motion"] for s in board["scenes"])
