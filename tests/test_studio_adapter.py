"""The studio's adapter at the level of its handlers, over the real wire: chat events in (messages, button
clicks, a reconnect to the thread), Studio turns out (messages, buttons). Each test speaks Chainlit's
Socket.IO protocol to the real server, as the page does, and checks the project on disk after bad input."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from graphs.projects import Studio
from settings import Settings
from tests.studio import Chat, free_port, studio


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    home = tmp_path_factory.mktemp("adapter-home")
    with studio(home, free_port()) as url:
        yield url, home


def _board(home: Path, project: str) -> str:
    """The project as the crew keeps it: its storyboard and scene states."""
    state = Studio(replace(Settings.from_env(), home=home)).state(project)
    return json.dumps([state.get("board"), state.get("scenes"), state.get("phase")], sort_keys=True, default=str)


async def _storyboard(url: str, idea: str) -> Chat:
    chat = Chat(url)
    await chat.connect()
    await chat.wait(lambda c: c.said("Type an idea for a short film"))
    await chat.say(idea)
    await chat.wait(lambda c: c.button("phase-approve_all") is not None)
    return chat


def _run(coro: Any) -> Any:
    return asyncio.run(coro)


def test_idea_buttons_and_resume(served: tuple[str, Path]) -> None:
    url = served[0]

    async def body() -> None:
        chat = await _storyboard(url, "a beekeeper and her dog search the hills for a lost queen bee")
        assert sum(chat.said(f"**Scene {k}**") for k in range(1, 7)) == 6  # a card per scene
        assert [a["id"] for a in chat.actions if a["id"].startswith("edit-")] == [f"edit-{k}" for k in range(1, 7)]
        seen = len(chat.steps)
        assert await chat.click(chat.button("phase-approve_all")) == 200  # type: ignore[arg-type]
        await chat.wait(lambda c: c.button("phase-render") is not None)
        approve_2 = chat.button("approve-2")
        assert approve_2 and approve_2["payload"] == {"project": chat.thread, "scene": 2}
        assert chat.said("All the shots, side by side", seen)
        seen = len(chat.steps)
        await chat.click(approve_2)
        await chat.wait(lambda c: c.said("approved", seen))
        await chat.close()

        again = Chat(url)  # the page reloaded: the thread resumes, and what waits is offered again
        await again.connect(thread=chat.thread)
        await again.wait(lambda c: c.said("Welcome back") and c.button("phase-approve_all") is not None)
        assert again.thread == chat.thread
        assert again.said("Shots waiting for you: 1, 3, 4, 5, 6")
        assert again.button("approve-3") is not None and again.button("approve-2") is None  # the scenes that wait
        seen = len(again.steps)
        await again.click(again.button("approve-3"))  # type: ignore[arg-type]
        await again.wait(lambda c: c.said("approved", seen))  # a re-sent button works
        await again.close()

    _run(body())


def test_bad_input_gets_a_reason_and_changes_nothing(served: tuple[str, Path]) -> None:
    url, home = served

    async def body() -> None:
        chat = await _storyboard(url, "a tailor sews a coat for a giant")
        before = _board(home, chat.thread)
        cases: list[tuple[Any, str]] = [
            ("", "Type an idea for a film"),  # an empty message
            ("x" * 20_000, "Nothing changed"),  # far too long
            ({"name": "approve", "id": "approve-9", "payload": {"project": chat.thread, "scene": 9}},
             "Nothing changed"),  # a button for a scene that does not exist
            ({"name": "approve", "id": "approve-1", "payload": {"project": "someone-elses", "scene": 1}},
             "belongs to another project"),  # a button from another project
            ({"name": "say", "id": "phase-render", "payload": {"project": chat.thread, "text": 7}},
             "couldn't read an edit"),  # a forged button whose text is a number
        ]  # fmt: skip
        for sent, answer in cases:
            seen = len(chat.steps)
            if isinstance(sent, str):
                await chat.say(sent)
            else:
                await chat.click({"forId": "", **sent})
            await chat.wait(lambda c, seen=seen, answer=answer: c.said(answer, seen), timeout=60)
            assert _board(home, chat.thread) == before, sent
        status, answer = await chat.upload("film-notes.txt", b"x" * 50_000_000, "text/plain")  # 50 MB
        assert status == 400 and "too large" in str(answer).lower()
        status, answer = await chat.upload("photo.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "image/png")
        assert status == 400  # not a type the studio accepts
        status, answer = await chat.upload("script.txt", bytes(range(256)) * 40, "text/plain")  # binary, as .txt
        assert status == 200
        seen = len(chat.steps)
        await chat.say("", files=(answer["id"],))
        await chat.wait(lambda c: c.said("not UTF-8 text", seen), timeout=60)
        assert _board(home, chat.thread) == before
        await chat.close()

    _run(body())


def test_two_tabs_sending_at_once(served: tuple[str, Path]) -> None:
    url, home = served

    async def body() -> None:
        first = await _storyboard(url, "a boy and a heron cross a frozen lake")
        second = Chat(url)
        await second.connect(thread=first.thread)
        await second.wait(lambda c: c.said("Welcome back"))
        marks = len(first.steps), len(second.steps)
        await asyncio.gather(first.say("make scene 2 happen at night"), second.say("make scene 3 happen at dawn"))
        await first.wait(lambda c: c.said("Scene 2", marks[0]) or c.said("busy", marks[0]))
        await second.wait(lambda c: c.said("Scene 3", marks[1]) or c.said("busy", marks[1]))
        busy = first.said("busy", marks[0]) + second.said("busy", marks[1])
        assert busy <= 1  # both went through one after the other, or one was told to wait
        await asyncio.sleep(1)  # let a turn that went through finish
        board = json.loads(_board(home, first.thread))[0]
        changed = [board["scenes"][1]["visual"], board["scenes"][2]["visual"]]
        assert "night" in changed[0].lower() or "dawn" in changed[1].lower()
        await first.close()
        await second.close()

    _run(body())
