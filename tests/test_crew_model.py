"""The crew with a language model: forced tool calls, validation, repair, fallback to rules, the wire protocol."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.types import Command

from agents import cinematographer, director, screenwriter
from domain import Options
from graphs.crew import CrewContext, build_crew_graph
from graphs.projects import Studio
from settings import Settings
from tests.conftest import openai_server, tool_call
from tools.llm import ModelError, chat_model, structured

IDEA = "a lighthouse keeper befriends a lost robot"
STORY = {
    "title": "The Keeper's Light",
    "text": ("Old Marta kept the lighthouse on Gull Rock. One stormy night a small robot washed ashore. "
             "She named it Rivet and taught it to polish the great lamp. When fog hid the harbour, Rivet climbed "
             "the tower and sang until the fishing boats came home. Now two keepers tend the light."),
    "characters": [{"name": "Marta", "description": "an old woman with a grey braid and a yellow raincoat"},
                   {"name": "Rivet", "description": "a small copper robot with one round blue eye"}],
}  # fmt: skip
BOARD = {
    "music_mood": "hopeful, gentle",
    "scenes": [
        {"narration": "Old Marta kept the lighthouse on Gull Rock.", "visual": "Marta at the lighthouse at dusk",
         "shot": "wide", "camera": "push-in", "mood": "calm"},
        {"narration": "One stormy night a small robot washed ashore.", "visual": "Rivet on the beach in a storm",
         "shot": "medium", "camera": "pan-left", "mood": "tense"},
    ],
}  # fmt: skip


def call(name: str, args: dict[str, Any], n: int = 1) -> AIMessage:
    return AIMessage(content="", tool_calls=[{"name": name, "args": args, "id": f"call_{name}_{n}"}])


class ScriptedModel(GenericFakeChatModel):
    """A fake chat model that plays back scripted replies (tool calls included) and accepts tools."""

    def bind_tools(self, tools: Any, **kwargs: Any) -> ScriptedModel:  # the stock fake raises
        return self


def scripted(*replies: AIMessage) -> ScriptedModel:
    return ScriptedModel(messages=iter(replies))


def test_structured_output_repairs_invalid_output_once_then_gives_up() -> None:
    bad = call("StoryDraft", {"title": "", "text": "too short"})
    good = call("StoryDraft", STORY, 2)
    story = structured(scripted(bad, good), screenwriter.StoryDraft, "system", "user")
    assert story.title == "The Keeper's Light"
    with pytest.raises(ModelError, match="did not match StoryDraft"):
        structured(scripted(bad, bad), screenwriter.StoryDraft, "system", "user")
    with pytest.raises(ModelError, match="did not match StoryDraft"):
        structured(scripted(AIMessage(content="Sure! Here is a story..."), AIMessage(content="...")),
                   screenwriter.StoryDraft, "system", "user")  # fmt: skip


def test_the_screenwriter_and_director_use_the_model_and_fall_back_to_rules_when_it_fails() -> None:
    story, note = screenwriter.write(IDEA, Options(), scripted(call("StoryDraft", STORY)))
    assert story.title == "The Keeper's Light" and [c.name for c in story.characters] == ["Marta", "Rivet"]
    assert note == ""
    board, note = director.draft_with(story, 2, "16:9", "heart", "pencil", scripted(call("StoryboardDraft", BOARD)))
    assert [s.shot for s in board.scenes] == ["wide", "medium"] and board.music.mood == "hopeful, gentle"
    junk = AIMessage(content="I'd rather not use tools.")
    story, note = screenwriter.write(IDEA, Options(), scripted(junk, junk))
    assert story.characters and "written by rule" in note
    board, note = director.draft_with(story, 3, "16:9", "heart", "pencil", scripted(junk, junk))
    assert len(board.scenes) == 3 and "drafted by rule" in note


@pytest.fixture
def crew_with(tmp_path: Path):
    def make(model: Any):
        graph = build_crew_graph().compile(checkpointer=InMemorySaver())
        config = {"configurable": {"thread_id": "m"}}
        context = CrewContext(settings=replace(Settings.from_env(), height=90), folder=tmp_path, model=model)

        def run(payload: Any) -> dict[str, Any]:
            graph.invoke(payload, config, context=context)
            return dict(graph.get_state(config).values)

        return run

    return make


def test_free_text_goes_through_the_model_into_typed_edits(crew_with) -> None:
    turn = {
        "reply": "Moved the robot's arrival to the start and made it night.",
        "edits": [{"kind": "move", "scene": 2, "other": 1}, {"kind": "revise", "scene": 1, "text": "at night"}],
    }
    run = crew_with(scripted(call("StoryDraft", STORY), call("StoryboardDraft", BOARD), call("DirectorTurn", turn)))
    state = run({"idea": IDEA, "options": Options(scenes=2).model_dump()})
    assert "No language model" not in state["reply"]
    state = run(Command(resume="open on the robot, and make it dark"))
    scenes = state["board"]["scenes"]
    assert scenes[0]["narration"].startswith("One stormy night") and "at night" in scenes[0]["visual"].lower()
    assert state["reply"].startswith("Moved the robot's arrival")


def test_a_failing_model_mid_conversation_changes_nothing_and_says_so(crew_with) -> None:
    junk = AIMessage(content="no tools today")
    run = crew_with(scripted(call("StoryDraft", STORY), call("StoryboardDraft", BOARD), junk, junk))
    before = run({"idea": IDEA, "options": Options(scenes=2).model_dump()})
    after = run(Command(resume="make it feel lonelier"))
    assert after["board"] == before["board"]
    assert after["reply"].startswith("The Director's model failed") and "nothing changed" in after["reply"]
    after = run(Command(resume="swap scenes 1 and 2"))  # commands never need the model
    assert after["board"]["scenes"][0] == before["board"]["scenes"][1]


# -- the wire protocol, against a local OpenAI-compatible server -----------------------------------------------


@pytest.fixture
def server() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """A local OpenAI-compatible chat server that answers every request with a tool call carrying STORY."""
    with openai_server(lambda body: tool_call(body["tools"][0]["function"]["name"], STORY)) as served:
        yield served


def test_requests_use_forced_tool_calls_on_any_openai_compatible_server(server) -> None:
    url, seen = server
    model = chat_model("sk-test", url, "local-model", timeout=5)
    story, note = screenwriter.write(IDEA, Options(story_type="mystery"), model)
    assert story.title == "The Keeper's Light" and note == ""
    (request,) = seen
    body = request["body"]
    assert request["path"] == "/v1/chat/completions" and request["auth"] == "Bearer sk-test"
    assert body["model"] == "local-model" and "response_format" not in body  # json_schema fails on llama.cpp
    assert body["tools"][0]["function"]["name"] == "StoryDraft"
    assert body["tool_choice"] == {"type": "function", "function": {"name": "StoryDraft"}}
    assert "mystery" in body["messages"][0]["content"] and IDEA in body["messages"][1]["content"]


def test_an_unreachable_server_falls_back_to_rules() -> None:
    model = chat_model("", "http://127.0.0.1:9/v1", "m", timeout=2)  # nothing listens on the discard port
    story, note = screenwriter.write(IDEA, Options(), model.with_config({}) if model else None)
    assert story.characters and "could not be reached" in note


def test_no_key_and_no_url_means_no_model() -> None:
    assert chat_model("", "", "gpt-4o-mini", 5) is None
    assert not replace(Settings.from_env(), openai_api_key="", openai_base_url="").uses_model


# -- the Cinematographer with a model ---------------------------------------------------------------------------


def test_the_cinematographer_describes_frames_but_the_looks_stay_word_for_word() -> None:
    story, _ = screenwriter.write(IDEA, Options(), scripted(call("StoryDraft", STORY)))
    board, _ = director.draft_with(story, 2, "16:9", "heart", "pencil", scripted(call("StoryboardDraft", BOARD)))
    shots = {"shots": [{"scene": 2, "frame": "Rivet lies in the surf below the rock, lit by a lightning flash."},
                       {"scene": 7, "frame": "A scene that does not exist and is ignored."}]}  # fmt: skip
    framings, note = cinematographer.frame_with(board, [2], scripted(call("ShotList", shots)))
    assert note == "" and list(framings) == [cinematographer.shot_prompt(board.scenes[1], board)]
    request = cinematographer.frame_request(board.scenes[1], 2, board, 160, 90, framings)
    assert "lit by a lightning flash" in request.prompt and "Rivet on the beach" not in request.prompt
    assert request.prompt.endswith("Rivet: a small copper robot with one round blue eye.")  # added by rule
    assert cinematographer.frame_request(board.scenes[0], 1, board, 160, 90, framings).prompt == (
        cinematographer.shot_prompt(board.scenes[0], board)
    )  # a scene it did not describe is framed by rule
    junk = AIMessage(content="no tools")
    framings, note = cinematographer.frame_with(board, [1, 2], scripted(junk, junk))
    assert framings == {} and "framed by rule" in note


def frames_server(seen_scenes: list[str]):
    """A local server playing the crew with tools; the Cinematographer describes whichever scenes it is asked."""

    def answer(body: dict[str, Any]) -> dict[str, Any]:
        name = body["tools"][0]["function"]["name"]
        if name != "ShotList":
            return tool_call(name, {"StoryDraft": STORY, "StoryboardDraft": BOARD}[name])
        wanted = re.search(r"frames for scenes ([\d, ]+)\.", body["messages"][-1]["content"]).group(1)  # type: ignore[union-attr]
        seen_scenes.append(wanted)
        shots = [{"scene": int(k), "frame": f"Frame {k} as the Cinematographer sees it, at dusk."}
                 for k in wanted.split(", ")]  # fmt: skip
        return tool_call(name, {"shots": shots})

    return openai_server(answer)


def test_shots_are_framed_once_per_version_of_a_scene(tmp_path: Path) -> None:
    asked: list[str] = []
    with frames_server(asked) as (url, _seen):
        settings = replace(Settings.from_env(), home=tmp_path, height=90, openai_api_key="", openai_base_url=url,
                           model="local-model", llm_timeout=10)  # fmt: skip
        studio = Studio(settings)
        project = studio.new(IDEA, Options(scenes=2)).project
        studio.say(project, "approve all")
        studio.say(project, "approve 1")
        state = studio.state(project)
        assert asked == ["1, 2"] and len(state["framings"]) == 2
        assert all(v.startswith("Frame ") for v in state["framings"].values())
        first_frame = state["scenes"][0]["frame"]
        studio.say(project, "reject 2: make it foggy")  # only the changed scene is framed again
        state = studio.state(project)
        assert asked == ["1, 2", "2"] and state["scenes"][0] == {"status": "approved", "frame": first_frame, "note": ""}
        turn = studio.say(project, "render")
        assert Path(turn.video).is_file() and asked == ["1, 2", "2"]  # the Editor reuses the framings


def test_the_director_is_reminded_of_earlier_turns_not_the_whole_history(tmp_path: Path) -> None:
    """Memory recalls the turns closest to a new message; they go into the model's prompt, the rest do not."""
    answers = {"StoryDraft": STORY, "StoryboardDraft": BOARD, "DirectorTurn": {"reply": "Noted.", "edits": []}}

    def answer(body: dict[str, Any]) -> dict[str, Any]:
        name = body["tools"][0]["function"]["name"]
        return tool_call(name, answers[name]) if name in answers else {"content": "no"}

    with openai_server(answer) as (url, seen):
        studio = Studio(replace(Settings.from_env(), home=tmp_path, openai_base_url=url, openai_api_key="k"))
        project = studio.new(IDEA, Options(scenes=2)).project
        studio.say(project, "I want the storm to feel like the end of the world")
        studio.say(project, "please give the music a gentle flute melody")
        studio.say(project, "make the sky match the weather I described")
        asked = [s for s in seen if s["body"]["tools"][0]["function"]["name"] == "DirectorTurn"][-1]
        prompt = json.dumps(asked["body"]["messages"])
        assert "end of the world" in prompt  # the earlier turn about the weather was recalled
        assert prompt.count("make the sky match the weather I described") == 1  # and not the message itself again


def test_a_models_tokens_go_in_the_ledger_and_a_spent_budget_stops_the_next_call(server, tmp_path) -> None:
    from langchain_core.outputs import LLMResult

    from tools.cloud.ledger import BudgetError, Ledger
    from tools.llm import TokenCounter

    url, _seen = server
    book = Ledger(tmp_path / "ledger.jsonl")
    screenwriter.write(IDEA, Options(), chat_model("sk-test", url, "local-model", timeout=5, ledger=book))
    [local] = book.entries()
    assert (local.backend, local.what, local.amount, local.usd) == ("local model", "tokens", 2, 0.0)  # free
    paid = TokenCounter(Ledger(tmp_path / "paid.jsonl", budget=0.0009), "gpt-4o-mini", paid=True)
    paid.on_chat_model_start({}, [])  # nothing spent yet: the call goes
    paid.on_llm_end(LLMResult(generations=[], llm_output={"token_usage": {"prompt_tokens": 2000,
                                                                          "completion_tokens": 1000}}))  # fmt: skip
    assert round(paid.ledger.spent(), 6) == 0.0009  # $0.15 and $0.60 a million tokens in and out
    with pytest.raises(BudgetError, match="would cost a little"):
        paid.on_chat_model_start({}, [])
