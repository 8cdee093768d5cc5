"""The chat studio end to end: `chainlit run` on a free localhost port, driven by Debian's chromium through
Playwright as a person would: type an idea, approve the storyboard by its button, see the frames, change a
scene in words and see its new frame, render, and get a playable MP4 from the page's <video>. A screenshot
of each step is kept in out/studio-test/ to look at."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import probe
from tools.processes import popen_child

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "out" / "studio-test"
CHROMIUM = "/usr/bin/chromium"  # `make test` installs Debian's; Playwright's own download fails offline
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic", "--no-first-run",
         "--disable-component-update", "--disable-sync"]  # fmt: skip


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    home, port = tmp_path_factory.mktemp("studio-home"), _free_port()
    log = home / "server.log"
    env = {k: v for k, v in os.environ.items() if k not in ("OPENAI_API_KEY", "OPENAI_BASE_URL")}
    env.update({"CREWCUT_HOME": str(home), "CREWCUT_HEIGHT": "180", "CREWCUT_STUDIO_PORT": str(port), "CI": "true"})
    with open(log, "wb") as out:  # CI=true as on the CI machine: the launcher keeps Chainlit out of its CI mode
        server = popen_child([sys.executable, "-m", "chat.serve"], cwd=ROOT, env=env, stdout=out,
                             stderr=subprocess.STDOUT)  # fmt: skip
    deadline = time.monotonic() + 90
    while "Your app is available" not in log.read_text(errors="replace"):
        assert server.poll() is None and time.monotonic() < deadline, log.read_text(errors="replace")[-3000:]
        time.sleep(0.3)
    yield f"http://127.0.0.1:{port}"
    server.terminate()
    server.wait(timeout=10)
    said = log.read_text(errors="replace")
    assert "Traceback" not in said, said[-3000:]


@pytest.fixture
def page(studio: str) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        tab = browser.new_page(viewport={"width": 1280, "height": 1000})
        elsewhere: list[str] = []
        tab.on("request", lambda r: None if r.url.startswith(studio) or r.url.startswith("data:")
               else elsewhere.append(r.url))  # fmt: skip
        tab.goto(studio)
        tab.wait_for_selector("#chat-input", timeout=30_000)
        yield tab
        browser.close()
        assert elsewhere == []  # the page fetched nothing from another host


def _say(page, text: str) -> None:  # type: ignore[no-untyped-def]
    page.fill("#chat-input", text)
    page.keyboard.press("Enter")


def _frames(page) -> list[str]:  # type: ignore[no-untyped-def]
    """The images the crew sent (frames, contact sheets), not avatars."""
    return page.eval_on_selector_all("img[src*='/project/file/']", "els => els.map(e => e.src)")


def _replied(page, button: str, before: int) -> None:  # type: ignore[no-untyped-def]
    """Wait for the crew's next reply: one more `button` on the page than `before`."""
    script = "([text, n]) => [...document.querySelectorAll('button')].filter(b => b.textContent.trim() === text)"
    page.wait_for_function(script + ".length > n", arg=[button, before], timeout=120_000)


def test_idea_to_film_in_the_browser(page, studio: str) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_selector("text=Type an idea for a short film")
    page.screenshot(path=str(SHOTS / "0-welcome.png"))
    _say(page, "a girl and her grandfather build a kite")
    page.wait_for_selector("text=Approve storyboard", timeout=60_000)
    assert page.locator("text=Scene 6").count() >= 1
    page.screenshot(path=str(SHOTS / "1-storyboard.png"), full_page=True)

    page.locator("button:has-text('Approve storyboard')").last.click()
    page.wait_for_selector("text=Approve all shots", timeout=90_000)
    shots = _frames(page)
    assert len(shots) >= 6  # a frame per scene, and the contact sheet
    page.screenshot(path=str(SHOTS / "2-shots.png"), full_page=True)

    _say(page, "make scene 2 happen at night in a storm")
    _replied(page, "Approve all shots", 1)
    page.screenshot(path=str(SHOTS / "3-scene-2-at-night.png"), full_page=True)
    assert len(set(_frames(page))) > len(set(shots))  # scene 2 came back with a new frame

    page.locator("button:has-text('Render')").last.click()
    page.wait_for_selector("video", timeout=180_000)
    page.screenshot(path=str(SHOTS / "4-film.png"), full_page=True)
    src = page.eval_on_selector("video", "v => v.currentSrc || v.src || v.querySelector('source').src")
    film = page.request.get(src)
    assert film.ok
    (SHOTS / "film.mp4").write_bytes(film.body())
    info = probe(SHOTS / "film.mp4")
    assert info["video"] and info["video"][0] == "h264" and info["audio"] and float(info["duration"]) > 10  # type: ignore[arg-type, index]


def test_bad_input_gets_a_reason_and_changes_nothing(page) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_selector("text=Type an idea for a short film")
    _say(page, "x" * 20_000)
    try:
        page.wait_for_selector("text=Nothing changed", timeout=60_000)
    finally:
        page.screenshot(path=str(SHOTS / "5-too-long.png"))
    page.screenshot(path=str(SHOTS / "5-too-long.png"))
