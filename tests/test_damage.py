"""Bad input and damaged projects: a clear message (exit 2), nothing written or changed, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SMALL
from tests.test_crew_cli import CREWCUT, IDEA, PROJECT, run
from tools.render.probe import video_frames


def _board(tmp_path: Path, **changes: object) -> Path:
    path = tmp_path / "board.json"
    path.write_text(json.dumps({**SMALL, **changes}), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"title": "x", "music": {"tempo": ' + "9" * 5001 + '}, "scenes": []}', "a number too long"),
    ],
)
def test_storyboard_files_that_break_the_parser_are_refused(tmp_path: Path, text: str, says: str) -> None:
    (tmp_path / "b.json").write_text(text)
    done = run(tmp_path, "render", str(tmp_path / "b.json"), "--out", str(tmp_path / "out"))
    assert done.returncode == 2 and says in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()


REFUSED_BEFORE_WORK = [
    ({"voice": "nobody"}, "no voice called 'nobody'"),
    ({"scenes": [{"narration": "🎉🎉", "visual": "a party"}]}, "no words"),
    ({"scenes": [{"narration": "\x00\x00", "visual": "a void"}]}, "no words"),
]


@pytest.mark.parametrize(("change", "says"), REFUSED_BEFORE_WORK)
def test_refusals_come_before_any_work(tmp_path: Path, change: dict, says: str) -> None:
    done = run(tmp_path, "render", str(_board(tmp_path, **change)), "--out", str(tmp_path / "out"))
    assert done.returncode == 2 and says in done.stderr
    assert not [p for p in (tmp_path / "out").rglob("*") if p.is_file()]  # exit 2 promises nothing written


def test_height_is_refused_by_the_flag_typed(tmp_path: Path) -> None:
    done = run(tmp_path, "render", str(_board(tmp_path)), "--out", str(tmp_path / "out"), "--height", "91")
    assert done.returncode == 2 and "--height 91" in done.stderr and "CREWCUT_HEIGHT" not in done.stderr


def test_ffmpeg_never_reads_crewcuts_stdin_and_a_short_segment_is_never_cached(tmp_path: Path) -> None:
    """`yes q | crewcut render`: every frame is there; a truncated segment in the cache is made again."""
    one = {**SMALL, "scenes": SMALL["scenes"][:1]}  # type: ignore[index]
    board, out = _board(tmp_path, **one), tmp_path / "out"
    env = {**os.environ, "CREWCUT_HEIGHT": "90"}
    done = subprocess.run([CREWCUT, "render", str(board), "--out", str(out), "--json"], input="q\n" * 10_000,
                          capture_output=True, text=True, env=env)  # fmt: skip
    assert done.returncode == 0, done.stderr
    video = Path(json.loads(done.stdout)["video"])
    planned = json.loads(done.stdout)["duration"] * 30
    assert abs((video_frames(video) or 0) - planned) <= 1
    biggest = max((out / "cache").glob("*.mp4"), key=lambda p: p.stat().st_size)
    biggest.write_bytes(biggest.read_bytes()[: biggest.stat().st_size // 2])  # a crash mid-write, say
    again = subprocess.run([CREWCUT, "render", str(board), "--out", str(out), "--json"], capture_output=True,
                           text=True, env=env, stdin=subprocess.DEVNULL)  # fmt: skip
    segments = next(s for s in json.loads(again.stdout)["steps"] if s["name"] == "segments")
    assert segments["misses"] == 1 and abs((video_frames(video) or 0) - planned) <= 1


def test_an_edit_that_would_break_the_storyboard_is_refused_and_undo_still_works(tmp_path: Path) -> None:
    assert run(tmp_path, "new", IDEA, "--scenes", "3").returncode == 0
    before = run(tmp_path, "show", PROJECT, "--json").stdout
    long = "in scene 2, add " + "a red lantern glowing over the old stone bridge and " * 25
    said = run(tmp_path, "say", PROJECT, long)  # read as a place (the bridge), or refused: never a broken board
    assert said.returncode in (0, 2) and "Traceback" not in said.stderr
    if said.returncode == 2:
        assert run(tmp_path, "show", PROJECT, "--json").stdout == before
    # A revision rewrites the visual's slots rather than appending, so repeated long ones never grow it.
    for _ in range(5):
        run(tmp_path, "say", PROJECT, "in scene 2, " + "with a red lantern glowing over the old stone bridge " * 5)
    visual = json.loads(run(tmp_path, "show", PROJECT, "--json").stdout)["board"]["scenes"][1]["visual"]
    assert len(visual) <= 1200
    assert run(tmp_path, "say", PROJECT, "swap 1 and 2").returncode == 0
    assert run(tmp_path, "say", PROJECT, "undo").returncode == 0


def test_a_long_idea_with_no_full_stop_makes_a_storyboard(tmp_path: Path) -> None:
    idea = ("a robot and a girl walk along the long road under the big sky and talk about the stars " * 20)[:1900]
    made = run(tmp_path, "new", idea, "--json")
    assert made.returncode == 0, made.stderr
    state = json.loads(run(tmp_path, "show", json.loads(made.stdout)["project"], "--json").stdout)
    assert all(len(s["narration"]) <= 1200 for s in state["board"]["scenes"])


def test_damaged_and_missing_state_is_said_by_name(tmp_path: Path) -> None:
    assert run(tmp_path, "new", IDEA, "--scenes", "2").returncode == 0
    assert run(tmp_path, "new", "a fox finds a key", "--scenes", "2").returncode == 0
    (tmp_path / "projects" / "a-fox-finds-a-key" / "project.json").write_text("{garbled")
    listed = run(tmp_path, "projects", "--json")
    assert listed.returncode == 0
    rows = {row["id"]: row for row in json.loads(listed.stdout)}
    assert rows["a-fox-finds-a-key"]["phase"] == "damaged" and rows[PROJECT]["phase"] == "review"

    for bad in ("../projects/" + PROJECT, "/etc", "A B"):
        refused = run(tmp_path, "resume", bad)
        assert refused.returncode == 2 and "not a project id" in refused.stderr

    assert run(tmp_path, "say", PROJECT, "approve all").returncode == 0  # shot: review/ holds its frames
    database = tmp_path / "crewcut.sqlite"
    good = database.read_bytes()
    database.write_bytes(b"this is not a database" * 100)
    for command in (("projects",), ("show", PROJECT), ("resume", PROJECT)):
        damaged = run(tmp_path, *command)
        assert damaged.returncode == 2 and "crewcut.sqlite is damaged" in damaged.stderr, damaged.stderr
    database.unlink()
    for side in ("-wal", "-shm"):
        Path(f"{database}{side}").unlink(missing_ok=True)
    lost = run(tmp_path, "resume", PROJECT)
    assert lost.returncode == 2 and "checkpoints of" in lost.stderr and "missing" in lost.stderr

    database.write_bytes(good)  # back, but with its review frames deleted: they are shot again
    for frame in (tmp_path / "projects" / PROJECT / "review").glob("*.png"):
        frame.unlink()
    assert run(tmp_path, "say", PROJECT, "render").returncode == 0


def test_a_garbled_narration_timing_file_is_recorded_again(tmp_path: Path) -> None:
    board, out = _board(tmp_path, scenes=SMALL["scenes"][:1]), tmp_path / "out"  # type: ignore[index]
    assert run(tmp_path, "render", str(board), "--out", str(out)).returncode == 0
    timing = next((out / "assets" / "narration").glob("*.json"))
    timing.write_text('{"words": [')
    again = run(tmp_path, "render", str(board), "--out", str(out))
    assert again.returncode == 0, again.stderr
    assert json.loads(timing.read_text())["words"]  # whole again


def test_many_crewcuts_opening_one_home_at_once_all_succeed(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor
    from dataclasses import replace

    from graphs.projects import Studio
    from settings import Settings

    settings = replace(Settings.from_env(), home=tmp_path)
    with ThreadPoolExecutor(8) as pool:
        studios = list(pool.map(lambda _: Studio(settings), range(40)))
    assert len(studios) == 40 and not list((tmp_path / "projects").iterdir())  # no probe file left behind


def test_light_commands_do_not_load_the_crew() -> None:
    """`crewcut schema` and `--help` answer without importing LangGraph or LangChain (seconds of start-up)."""
    heavy = "('langgraph', 'langchain_core', 'crewai')"
    code = ("import sys, cli\ntry:\n    cli.main(['schema'])\nexcept SystemExit:\n    pass\n"
            f"print(sorted(m for m in sys.modules if m.split('.')[0] in {heavy}))")  # fmt: skip
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_leftovers_of_dead_writers_are_cleared_and_live_ones_kept(tmp_path: Path) -> None:
    from tools.files import clear_leftovers, temporary_name

    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    dead = tmp_path / "sub" / f"frame.{gone.pid}-1.tmp.png"
    dead.parent.mkdir()
    dead.write_bytes(b"half a frame")
    live = temporary_name(tmp_path / "frame.png")
    live.write_bytes(b"being written")
    assert clear_leftovers(tmp_path) == 1 and not dead.exists() and live.exists()
