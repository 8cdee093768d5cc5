"""The command line as a person uses it: clear messages and exit codes, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import SMALL

CREWCUT = str(Path(sys.executable).parent / "crewcut")


def run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([CREWCUT, *args], capture_output=True, text=True, env={**os.environ, **(env or {})}, cwd=cwd)


def write(tmp_path: Path, data: object, name: str = "board.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_broken_storyboard_is_refused_naming_the_field_and_nothing_is_written(tmp_path: Path) -> None:
    bad = {"scenes": [{"narration": "a", "visual": "b"}] * 2 + [{"narration": "c", "visual": "d", "shot": "closeup"}]}
    out = tmp_path / "out"
    proc = run("render", str(write(tmp_path, bad)), "--out", str(out))
    assert proc.returncode == 2
    assert "scenes[2].shot: 'closeup' is not one of 'wide', 'medium'" in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    assert not out.exists()


def test_missing_and_non_utf8_files_and_bad_settings_exit_2(tmp_path: Path) -> None:
    latin = tmp_path / "latin.json"
    latin.write_bytes(b'{"title": "caf\xe9"}')
    for args, env, message in [
        (("render", str(tmp_path / "missing.json"), "--out", str(tmp_path)), None, "no such file"),
        (("render", str(latin), "--out", str(tmp_path)), None, "not UTF-8"),
        (("render", str(write(tmp_path, SMALL)), "--out", str(tmp_path), "--height", "7"), None, "--height 7"),
        (("schema",), {"CREWCUT_JOBS": "many"}, "CREWCUT_JOBS='many' is not a whole number"),
        (("render", str(write(tmp_path, {**SMALL, "voice": "bella"})), "--out", str(tmp_path / "v")), None,
         "no voice called 'bella'"),
    ]:  # fmt: skip
        proc = run(*args, env=env)
        assert proc.returncode == 2, proc.stderr
        assert message in proc.stderr and "Traceback" not in proc.stderr


def test_schema_prints_the_storyboard_json_schema() -> None:
    proc = run("schema")
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["title"] == "Storyboard"


def test_settings_lists_every_variable() -> None:
    proc = run("settings")
    assert proc.returncode == 0
    for name in ("CREWCUT_HOME", "CREWCUT_SPEECH", "CREWCUT_HEIGHT", "CREWCUT_JOBS", "CREWCUT_BURN_CAPTIONS"):
        assert name in proc.stdout
    assert "voices: hibari" in proc.stdout and "heart" in proc.stdout and "voices: openai" in proc.stdout


def test_render_prints_where_the_film_is(tmp_path: Path) -> None:
    one = {**SMALL, "scenes": SMALL["scenes"][:1]}
    write(tmp_path, one)
    proc = run("render", "board.json", "--out", "out/film", "--height", "90", "--json", cwd=tmp_path)  # relative
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert Path(report["video"]).is_file() and report["size"] == [160, 90]
    assert Path(report["video"]).parent == (tmp_path / "out" / "film").resolve()
    human = run("render", "board.json", "--out", "out/film", "--height", "90", cwd=tmp_path)
    assert human.returncode == 0 and f"Rendered {report['duration']:.1f} s: {report['video']}" in human.stdout
    assert {s["name"] for s in report["steps"]} >= {"narration", "frames", "music", "segments", "join"}


def test_the_readme_documents_every_setting_and_command() -> None:
    from cli import COMMANDS
    from settings import Settings

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert [v for v in Settings.variables() if f"`{v}`" not in readme] == []
    assert [c for c in COMMANDS if f"crewcut {c}" not in readme] == []
    assert readme.index("make demo") < readme.index("make test") < readme.index("## Direct the crew")
