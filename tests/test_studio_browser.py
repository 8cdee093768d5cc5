"""The chat studio end to end: `chainlit run` on a free localhost port, driven by Debian's chromium through
Playwright as a person would: type an idea, approve the storyboard by its button, see the frames, change a
scene in words and see its new frame, render, and get a playable MP4 from the page's <video>. A screenshot
of each step is kept in out/studio-test/ to look at."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import probe
from tests.studio import SHOTS, browser, frames, free_port, open_page, replied, say, studio


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with studio(tmp_path_factory.mktemp("studio-home"), free_port()) as url:
        yield url


@pytest.fixture
def page(served: str) -> Iterator[Any]:
    with browser() as chromium:
        tab = open_page(chromium.new_context(viewport={"width": 1280, "height": 1000}), served)
        yield tab
        assert tab.elsewhere == []  # the page fetched nothing from another host


def test_idea_to_film_in_the_browser(page: Any) -> None:
    page.wait_for_selector("text=Type an idea for a short film")
    page.screenshot(path=str(SHOTS / "0-welcome.png"))
    say(page, "a girl and her grandfather build a kite")
    page.wait_for_selector("text=Approve storyboard", timeout=60_000)
    assert page.locator("text=Scene 6").count() >= 1
    page.screenshot(path=str(SHOTS / "1-storyboard.png"), full_page=True)

    page.locator("button:has-text('Approve storyboard')").last.click()
    page.wait_for_selector("text=Approve all shots", timeout=90_000)
    shots = frames(page)
    assert len(shots) >= 6  # a frame per scene, and the contact sheet
    page.screenshot(path=str(SHOTS / "2-shots.png"), full_page=True)

    say(page, "make scene 2 happen at night in a storm")
    replied(page, "Approve all shots", 1)
    page.screenshot(path=str(SHOTS / "3-scene-2-at-night.png"), full_page=True)
    assert len(set(frames(page))) > len(set(shots))  # scene 2 came back with a new frame

    page.locator("button:has-text('Render')").last.click()
    page.wait_for_selector("video", timeout=180_000)
    page.screenshot(path=str(SHOTS / "4-film.png"), full_page=True)
    src = page.eval_on_selector("video", "v => v.currentSrc || v.src || v.querySelector('source').src")
    film = page.request.get(src)
    assert film.ok
    (SHOTS / "film.mp4").write_bytes(film.body())
    info = probe(SHOTS / "film.mp4")
    assert info["video"] and info["video"][0] == "h264" and info["audio"] and float(info["duration"]) > 10  # type: ignore[arg-type, index]


def test_bad_input_gets_a_reason_and_changes_nothing(page: Any) -> None:
    page.wait_for_selector("text=Type an idea for a short film")
    say(page, "x" * 20_000)
    try:
        page.wait_for_selector("text=Nothing changed", timeout=60_000)
    finally:
        page.screenshot(path=str(SHOTS / "5-too-long.png"))
    page.screenshot(path=str(SHOTS / "5-too-long.png"))
