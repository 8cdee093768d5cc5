"""Crew notes with a model: a real CrewAI crew talking to a local OpenAI-compatible server on loopback."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from agents import crew_review
from domain import Options, parse_storyboard
from graphs.projects import Studio
from settings import Settings
from tests.conftest import SMALL, off_machine, openai_server, tool_call
from tests.test_crew_model import BOARD, IDEA, STORY

LOOKS = "Scenes 1 and 2 hold together: the same rock, the same light. Scene 2 could come closer to Rivet."
PACE = "Scene 1 is 3.5 s and flashes by; scene 2 is fine. Continuity holds."
GOOD = ('Here is my verdict:\n```json\n{"summary": "A clear opening; bring the storm closer.", "proposals": '
        '["scene 2 should be a close-up", "make scene 2 happen at night in a storm"]}\n```')  # fmt: skip
BAD = '{"summary": "Go tighter.", "proposals": ["scene 9 should be a close-up"]}'


def crew_server(*director_answers: str):
    """The server plays the whole crew: tool calls for the Screenwriter and the Director's draft; text for
    the CrewAI agents, told apart by the role in their system message; the Director's answers in turn."""
    answers = list(director_answers)

    def answer(body: dict[str, Any]) -> dict[str, Any]:
        if body.get("tools"):
            name = body["tools"][0]["function"]["name"]
            return tool_call(name, {"StoryDraft": STORY, "StoryboardDraft": BOARD}[name])
        system = body["messages"][0]["content"]
        if system.startswith("You are Cinematographer"):
            return {"content": LOOKS}
        if system.startswith("You are Editor"):
            return {"content": PACE}
        assert system.startswith("You are Director"), system
        return {"content": answers.pop(0) if len(answers) > 1 else answers[0]}

    return openai_server(answer)


@pytest.fixture
def studio_at(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("CREWAI_STORAGE_DIR", raising=False)  # crewai's own files go under the crewcut home

    def make(url: str) -> Studio:
        settings = replace(Settings.from_env(), home=tmp_path / "home", height=90, openai_api_key="sk-test",
                           openai_base_url=url, model="local-model", llm_timeout=10)  # fmt: skip
        return Studio(settings)

    return make


def director_requests(seen: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r["body"] for r in seen if r["body"]["messages"][0]["content"].startswith("You are Director")]


def test_the_crew_reviews_by_craft_and_the_director_repairs_an_invalid_proposal(
    studio_at, connections: list[object], tmp_path: Path
) -> None:
    with crew_server(BAD, GOOD) as (url, seen):
        studio = studio_at(url)
        turn = studio.new(IDEA, Options(scenes=2))
        before = studio.state(turn.project)["board"]
        told: list[str] = []
        turn = studio.say(turn.project, "what does the crew think?", progress=told.append)
    assert told == ["The crew is reading the storyboard…"]  # said before the crew's few seconds of work
    assert turn.changes[:3] == [f"Cinematographer: {LOOKS}", f"Editor: {PACE}",
                                "Director: A clear opening; bring the storm closer."]  # fmt: skip
    assert turn.changes[3:5] == ["Proposal 1: scene 2 should be a close-up",
                                 "Proposal 2: make scene 2 happen at night in a storm"]  # fmt: skip
    assert studio.state(turn.project)["board"] == before  # notes change nothing until one is accepted
    # The wire: plain chat completions on the configured server, no response_format (local servers refuse it).
    assert {r["path"] for r in seen} == {"/v1/chat/completions"} and {r["auth"] for r in seen} == {"Bearer sk-test"}
    assert all("response_format" not in r["body"] and r["body"]["model"] == "local-model" for r in seen)
    crafts = [r["body"]["messages"][1]["content"] for r in seen if not r["body"].get("tools")]
    assert "Marta at the lighthouse at dusk" in crafts[0] and "calm; 3.1 s]" in crafts[0]  # the storyboard, timed
    first, repair = director_requests(seen)
    assert LOOKS in json.dumps(first["messages"]) and PACE in json.dumps(first["messages"])  # the crew's notes
    assert "there is no scene 9" in json.dumps(repair["messages"])  # the guardrail said what was wrong
    assert off_machine(connections) == []
    assert (tmp_path / "home" / "crewai").is_dir()  # not ~/.local/share/<current folder>

    turn = studio.say(turn.project, "accept 2")
    scene = studio.state(turn.project)["board"]["scenes"][1]
    assert _stormy_night(scene["visual"]) and turn.changes[0].startswith("Proposal 2: Scene 2 revised")
    # Every model call's tokens, the crew's (CrewAI's own client) included, are in the ledger; a local server is free.
    from tools.cloud.ledger import Ledger

    spent = Ledger(tmp_path / "home" / "projects" / turn.project / "ledger.jsonl").summary()["by"]
    assert spent["local model tokens"]["amount"] >= 2 * len(seen) and spent["local model tokens"]["usd"] == 0


def test_a_crew_that_keeps_answering_badly_gives_way_to_the_rule_based_notes(studio_at) -> None:
    with crew_server("I think it is lovely.") as (url, seen):
        studio = studio_at(url)
        turn = studio.new(IDEA, Options(scenes=2))
        before = studio.state(turn.project)
        turn = studio.say(turn.project, "what does the crew think?")
    assert len(director_requests(seen)) == 2  # one answer and one repair, then the lint
    assert turn.changes[0].startswith("The crew's model failed (") and "rule-based" in turn.changes[0]
    assert any(line.startswith("Director: 2 scenes") for line in turn.changes)
    after = studio.state(turn.project)
    assert after["board"] == before["board"] and after["scenes"] == before["scenes"]


def test_an_unreachable_server_gives_the_rule_based_notes() -> None:
    board = parse_storyboard(json.loads(json.dumps(SMALL)))
    settings = replace(Settings.from_env(), openai_api_key="", openai_base_url="http://127.0.0.1:9/v1", llm_timeout=2)
    notes, why = crew_review.review(board, settings)
    assert why.startswith("The crew's model failed") and notes.notes[-1].craft == "Director"


def test_the_directors_answer_is_validated() -> None:
    board = parse_storyboard(json.loads(json.dumps(SMALL)))
    verdict = crew_review.read_verdict(GOOD, board)
    assert verdict.proposals == ["scene 2 should be a close-up", "make scene 2 happen at night in a storm"]
    cases = [("no json here", "no JSON object"), ('{"summary": ""}', "not valid"),
             ('{"summary": "ok", "proposals": ["make it pop"]}', "is not an edit command"),
             ('{"summary": "ok", "proposals": ["swap scenes 2 and 2"]}', "cannot be swapped")]  # fmt: skip
    for text, problem in cases:
        with pytest.raises(ValueError, match=problem):
            crew_review.read_verdict(text, board)


def _stormy_night(visual: str) -> bool:
    """The visual asked for: its time of day at night and its weather a storm (slots rewritten, not appended)."""
    return "at night" in visual.lower() and visual.endswith("in a storm")
