"""The crew from the command line: new, say, show, projects, chat, make --yes, and resume after kill -9."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

CREWCUT = str(Path(sys.executable).parent / "crewcut")
IDEA = "a lighthouse keeper befriends a lost robot"
PROJECT = "a-lighthouse-keeper-befriends-a"


def run(home: Path, *args: str, stdin: str | None = None, height: int = 90) -> subprocess.CompletedProcess[str]:
    """`crewcut ARGS` as a person types it, but in this process: LangGraph takes seconds to import, and a
    real process per call would make this file minutes long. (The kill -9 test below uses real processes.)"""
    import contextlib
    import io

    from cli import main

    out, err = io.StringIO(), io.StringIO()
    saved = {k: os.environ.get(k) for k in ("CREWCUT_HOME", "CREWCUT_HEIGHT")}
    os.environ.update({"CREWCUT_HOME": str(home), "CREWCUT_HEIGHT": str(height)})
    old_stdin = sys.stdin
    sys.stdin = io.StringIO(stdin or "")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exit_:
                code = int(exit_.code or 0)
            except BaseException as crash:  # a traceback is a failure of its own
                err.write(f"Traceback: {crash!r}")
                code = 99
    finally:
        sys.stdin = old_stdin
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


def test_a_conversation_from_the_command_line(tmp_path: Path) -> None:
    new = run(tmp_path, "new", IDEA, "--scenes", "5", "--type", "fairy-tale", "--aspect", "9:16")
    assert new.returncode == 0, new.stderr
    assert f"[{PROJECT}] Here is" in new.stdout and "Waiting for you:" in new.stdout
    said = run(tmp_path, "say", PROJECT, "make scene 3 happen at night in a storm")
    assert said.returncode == 0 and "Scene 3 revised" in said.stdout
    assert "Swapped scenes 2 and 4." in run(tmp_path, "say", PROJECT, "swap scenes 2 and 4").stdout
    assert "Undid the last change (scene 2; scene 4)." in run(tmp_path, "say", PROJECT, "undo").stdout
    shown = json.loads(run(tmp_path, "show", PROJECT, "--json").stdout)
    assert shown["board"]["aspect_ratio"] == "9:16" and shown["phase"] == "review"
    assert _stormy_night(shown["board"]["scenes"][2]["visual"])
    text = run(tmp_path, "show", PROJECT).stdout
    assert "Story (fairy-tale)" in text and "3. [draft]" in text
    assert run(tmp_path, "say", PROJECT, "approve all").returncode == 0
    rendered = run(tmp_path, "say", PROJECT, "render", "--json")
    turn = json.loads(rendered.stdout)
    assert turn["phase"] == "done" and Path(turn["video"]).is_file()
    listed = json.loads(run(tmp_path, "projects", "--json").stdout)
    assert listed == [{"id": PROJECT, "title": shown["board"]["title"], "phase": "done", "scenes": 5,
                       "video": turn["video"]}]  # fmt: skip


def test_bad_requests_exit_2_and_change_nothing(tmp_path: Path) -> None:
    assert run(tmp_path, "new", IDEA, "--scenes", "4").returncode == 0
    before = run(tmp_path, "show", PROJECT, "--json").stdout
    latin = tmp_path / "script.txt"
    latin.write_bytes("Caf\xe9 at dawn.".encode("latin-1"))
    for args, message in [
        (("say", PROJECT, "scene 9 should be a close-up"), "there is no scene 9"),
        (("say", PROJECT, "swap scene 2 with itself"), "cannot be swapped with itself"),
        (("say", PROJECT, ""), "empty"),
        (("say", "nope", "hello"), "no project called 'nope'"),
        (("new", "x" * 20000), "20,000 characters long"),
        (("new", "   "), "is empty"),
        (("make", "--script", str(latin), "--yes"), "not UTF-8"),
        (("new", IDEA, "--scenes", "99"), "scenes: Input should be less than or equal to 30"),
        (("new", IDEA, "--type", "western"), "story_type: 'western' is not one of"),
        (("new", IDEA, "--voice", "bella"), "no voice called 'bella'"),
        (("new", IDEA, "--project-dir", str(latin)), "cannot keep projects in"),  # a file, not a folder
        (("projects", "--project-dir", "/proc/crewcut"), "set CREWCUT_HOME or --project-dir to a folder"),
    ]:
        proc = run(tmp_path, *args)
        assert proc.returncode == 2, (args, proc.stdout, proc.stderr)
        assert message in proc.stderr and "Traceback" not in proc.stderr
    assert run(tmp_path, "show", PROJECT, "--json").stdout == before
    assert [p["id"] for p in json.loads(run(tmp_path, "projects", "--json").stdout)] == [PROJECT]


def test_chat_is_the_same_conversation_in_a_terminal(tmp_path: Path) -> None:
    run(tmp_path, "new", IDEA, "--scenes", "3")
    chat = run(tmp_path, "chat", PROJECT, stdin="swap scenes 1 and 2\nscene 7 should be wide\nundo\nquit\n")
    assert chat.returncode == 0
    assert "Swapped scenes 1 and 2." in chat.stdout and "there is no scene 7" in chat.stdout
    assert "Undid the last change (scene 1; scene 2)." in chat.stdout


def test_make_a_pasted_script_headless(tmp_path: Path) -> None:
    script = tmp_path / "story.txt"
    script.write_text("Rain on the Roof\nNell listened to the rain. Nell smiled at the storm.", encoding="utf-8")
    made = run(tmp_path, "make", "--script", str(script), "--scenes", "2", "--yes", "--json")
    assert made.returncode == 0 and made.stderr == ""  # --json: the result alone, no progress lines
    turn = json.loads(made.stdout)
    again = run(tmp_path, "make", "--script", str(script), "--scenes", "2", "--yes")
    assert "Editor: cutting" in again.stderr and "Editor: cutting" not in again.stdout  # progress on stderr
    assert "Waiting for you" not in again.stdout  # --yes answered the storyboard's question itself
    state = json.loads(run(tmp_path, "show", turn["project"], "--json").stdout)
    assert state["story"]["text"] == script.read_text().strip() and state["story"]["from_script"]
    assert Path(turn["video"]).is_file()


def test_kill_9_while_rendering_then_resume_finishes_without_redoing_work(tmp_path: Path) -> None:
    env = {**os.environ, "CREWCUT_HOME": str(tmp_path), "CREWCUT_HEIGHT": "360"}
    proc = subprocess.Popen([CREWCUT, "make", IDEA, "--scenes", "4", "--yes"], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)  # fmt: skip
    cache = tmp_path / "projects" / PROJECT / "film" / "cache"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not any(p.name.count(".") == 1 for p in cache.glob("*.mp4")):
        assert proc.poll() is None, "the render finished before it could be killed"
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)  # the process and its ffmpeg children, mid-render
    proc.wait()
    done_before = {p.name for p in cache.glob("*.mp4") if p.name.count(".") == 1}
    frames_before = {p: p.stat().st_mtime_ns for p in (tmp_path / "projects" / PROJECT / "review").glob("*.png")}
    assert done_before and frames_before
    shown = json.loads(run(tmp_path, "show", PROJECT, "--json", height=360).stdout)
    assert shown["phase"] == "rendering" and not shown.get("video")

    resumed = run(tmp_path, "resume", PROJECT, "--json", height=360)
    assert resumed.returncode == 0, resumed.stderr
    turn = json.loads(resumed.stdout)
    assert turn["phase"] == "done" and Path(turn["video"]).is_file()
    report = json.loads((tmp_path / "projects" / PROJECT / "film" / "render.json").read_text())
    segments = next(s for s in report["steps"] if s["name"] == "segments")
    assert segments["hits"] >= len(done_before)  # finished segments were reused, not encoded again
    assert {p: p.stat().st_mtime_ns for p in frames_before} == frames_before  # shots were not redrawn


def test_kill_9_while_shooting_then_resume_keeps_the_finished_shots(tmp_path: Path) -> None:
    env = {**os.environ, "CREWCUT_HOME": str(tmp_path), "CREWCUT_HEIGHT": "540"}
    started = run(tmp_path, "new", IDEA, "--scenes", "20", height=540)
    count = len(json.loads(run(tmp_path, "show", PROJECT, "--json", height=540).stdout)["board"]["scenes"])
    assert count >= 12 and (count == 20 or "only had enough lines" in started.stdout)
    proc = subprocess.Popen([CREWCUT, "say", PROJECT, "approve all"], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)  # fmt: skip
    review = tmp_path / "projects" / PROJECT / "review"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not any(
        p.suffix == ".png" and ".tmp" not in p.name for p in review.glob("*")
    ):
        assert proc.poll() is None, "the shoot finished before it could be killed"
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    shot_before = {p: p.stat().st_mtime_ns for p in review.glob("*.png") if ".tmp" not in p.name}
    assert 0 < len(shot_before) < count
    assert json.loads(run(tmp_path, "show", PROJECT, "--json", height=540).stdout)["phase"] == "shots"  # not done

    turn = json.loads(run(tmp_path, "resume", PROJECT, "--json", height=540).stdout)
    assert turn["phase"] == "shots" and "Approve the shots" in turn["question"]
    state = json.loads(run(tmp_path, "show", PROJECT, "--json", height=540).stdout)
    assert [s["status"] for s in state["scenes"]] == ["shot"] * count
    assert {p: p.stat().st_mtime_ns for p in shot_before} == shot_before  # finished shots were not redrawn


def _stormy_night(visual: str) -> bool:
    """The visual asked for: its time of day at night and its weather a storm (slots rewritten, not appended)."""
    return "at night" in visual.lower() and visual.endswith("in a storm")
