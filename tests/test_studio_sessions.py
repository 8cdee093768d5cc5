"""The studio remembers and keeps people apart, in a real chromium against the real server.

- Restart: a project reviewed halfway, the server stopped and started again; the thread list shows it,
  opening it shows its frames and the buttons that still wait, and the film gets finished.
- Two users with CREWCUT_AUTH=password: B cannot list, open, resume or download A's project, by thread id
  or by file URL."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from chat import access
from graphs.projects import Studio
from settings import Settings
from tests.conftest import probe
from tests.studio import SHOTS, browser, buttons, frames, free_port, login, open_page, replied, say, studio

VIEW = {"width": 1280, "height": 1000}


def _storyboard_then_shots(page: Any, idea: str) -> None:
    say(page, idea)
    try:
        page.wait_for_selector("#phase-approve_all", timeout=120_000)
    finally:
        page.screenshot(path=str(SHOTS / f"sessions-{idea.split()[1]}-storyboard.png"))
    page.locator("button:text-is('Approve storyboard')").last.click()
    page.wait_for_selector("button:text-is('Approve all shots')", timeout=120_000)


def test_a_project_survives_a_server_restart(tmp_path: Path) -> None:
    port = free_port()
    with browser() as chromium:
        context = chromium.new_context(viewport=VIEW)
        with studio(tmp_path, port) as url:
            page = open_page(context, url)
            _storyboard_then_shots(page, "an old fisherman teaches a seagull to read")
            thread = page.url.rsplit("/", 1)[-1]
            seen = len(frames(page))
            assert "/thread/" in page.url and seen >= 6
            page.screenshot(path=str(SHOTS / "restart-0-before.png"))
        # the server is gone: the tab says so, and nothing can be done until it is back
        with studio(tmp_path, port) as url:
            page = open_page(context, url)
            page.wait_for_selector(f"a[href='/thread/{thread}']", timeout=30_000)  # the thread list has it
            page.click(f"a[href='/thread/{thread}']")
            page.wait_for_selector("button:text-is('Approve all shots')", timeout=60_000)  # buttons sent again
            page.wait_for_function("n => document.querySelectorAll(\"img[src*='/crewcut/files/']\").length >= n", arg=6)
            page.screenshot(path=str(SHOTS / "restart-1-reopened.png"))
            kept = [src for src in frames(page) if "/crewcut/files/" in src]
            assert len(kept) >= 6 and all(page.request.get(src).ok for src in kept[:2])  # the frames came back
            before = buttons(page, "Render")
            page.locator("button:text-is('Approve all shots')").last.click()
            replied(page, "Render", before)
            page.locator("button:text-is('Render')").last.click()
            page.wait_for_selector("video", timeout=180_000)
            page.screenshot(path=str(SHOTS / "restart-2-film.png"))
            src = page.eval_on_selector("video", "v => v.currentSrc || v.src || v.querySelector('source').src")
            (tmp_path / "film.mp4").write_bytes(page.request.get(src).body())
            assert float(probe(tmp_path / "film.mp4")["duration"]) > 10  # type: ignore[arg-type]
            assert page.elsewhere == []


def test_one_user_cannot_reach_another_users_project(tmp_path: Path) -> None:
    users = tmp_path / "users.json"
    access.add(users, "ann", "ann-secret-1")
    access.add(users, "bob", "bob-secret-1")
    auth = {"CREWCUT_AUTH": "password", "CREWCUT_USERS": str(users)}
    with studio(tmp_path, free_port(), **auth) as url, browser() as chromium:
        ann = open_page(chromium.new_context(viewport=VIEW), url, ready="input[name='email']")
        assert login(ann, "ann", "wrong password") == 401
        assert login(ann, "ann", "ann-secret-1") == 200
        _storyboard_then_shots(ann, "a night guard at a museum hears the statues whisper")
        thread = ann.url.rsplit("/", 1)[-1]
        ann.reload()  # her frames now come from the owner-only route
        ann.wait_for_selector("button:text-is('Approve all shots')", timeout=60_000)
        hers = [src for src in frames(ann) if "/crewcut/files/" in src]
        assert hers and ann.request.get(hers[0]).ok

        bob = open_page(chromium.new_context(viewport=VIEW), url, ready="input[name='email']")
        assert login(bob, "bob", "bob-secret-1") == 200
        bob.screenshot(path=str(SHOTS / "users-0-bob.png"))
        assert bob.locator(f"a[href='/thread/{thread}']").count() == 0  # not in his thread list
        assert not bob.request.get(f"{url}/project/thread/{thread}").ok  # nor readable by its id
        assert not bob.request.get(hers[0]).ok  # nor her frames by their URL
        listed = bob.request.post(f"{url}/project/threads", data={"pagination": {"first": 20}, "filter": {}})
        assert thread not in listed.text()
        bob.goto(f"{url}/thread/{thread}")  # opening it by its address shows nothing of hers
        bob.wait_for_timeout(3000)
        bob.screenshot(path=str(SHOTS / "users-1-bob-opens-ann.png"))
        assert buttons(bob, "Approve all shots") == 0 and not frames(bob)
        if bob.locator("#chat-input").count():  # a message typed there does not reach her project
            say(bob, "approve all", welcomed=False)  # another's thread: no welcome of its own
            bob.wait_for_timeout(3000)
    scenes = Studio(replace(Settings.from_env(), home=tmp_path)).state(thread)["scenes"]
    assert scenes and not any(scene["status"] == "approved" for scene in scenes)  # her shots still wait for her
