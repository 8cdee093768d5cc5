"""Driving the real chat studio in tests and the bench: `python -m chat.serve` on a free localhost port, and
Debian's chromium through Playwright, used as a person would (type, click, wait for the crew's reply)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tools.processes import popen_child

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "out" / "studio-test"
CHROMIUM = "/usr/bin/chromium"  # `make test` installs Debian's; Playwright's own download fails offline
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic", "--no-first-run",
         "--disable-component-update", "--disable-sync"]  # fmt: skip
# The crew's images on the page: live ones from the session, persisted ones from the owner-only route.
FRAMES = "img[src*='/project/file/'], img[src*='/crewcut/files/']"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def studio(home: Path, port: int, **env: str) -> Iterator[str]:
    """The studio serving HOME on PORT until the block ends; its log must hold no traceback."""
    log = home / f"server-{time.monotonic_ns()}.log"
    environ = {k: v for k, v in os.environ.items() if k not in ("OPENAI_API_KEY", "OPENAI_BASE_URL")}
    environ.update(
        {"CREWCUT_HOME": str(home), "CREWCUT_HEIGHT": "180", "CREWCUT_STUDIO_PORT": str(port), "CI": "true", **env}
    )  # fmt: skip - CI=true as on CI: the launcher keeps Chainlit out of CI mode
    with open(log, "wb") as out:
        server = popen_child([sys.executable, "-m", "chat.serve"], cwd=ROOT, env=environ, stdout=out,
                             stderr=subprocess.STDOUT)  # fmt: skip
    try:
        deadline = time.monotonic() + 90
        while "Your app is available" not in log.read_text(errors="replace"):
            assert server.poll() is None and time.monotonic() < deadline, log.read_text(errors="replace")[-3000:]
            time.sleep(0.3)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=20)
    said = log.read_text(errors="replace")
    assert "Traceback" not in said, said[-3000:]


@contextmanager
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield launched
        finally:
            launched.close()


def open_page(context: Any, url: str, ready: str = "#chat-input") -> Any:
    """A tab on URL, showing READY; it records every request to another host in `tab.elsewhere`."""
    tab = context.new_page()
    tab.elsewhere = []
    tab.on("request", lambda r: None if r.url.startswith(url) or r.url.startswith("data:")
           else tab.elsewhere.append(r.url))  # fmt: skip
    tab.goto(url)
    tab.wait_for_selector(ready, timeout=30_000)
    return tab


def say(page: Any, text: str) -> None:
    page.fill("#chat-input", text)
    page.keyboard.press("Enter")


def frames(page: Any) -> list[str]:
    """The images the crew sent (frames, contact sheets), not avatars."""
    return list(page.eval_on_selector_all(FRAMES, "els => els.map(e => e.src)"))


def replied(page: Any, button: str, before: int) -> None:
    """Wait for the crew's next reply: one more `button` on the page than `before`."""
    script = "([text, n]) => [...document.querySelectorAll('button')].filter(b => b.textContent.trim() === text)"
    page.wait_for_function(script + ".length > n", arg=[button, before], timeout=120_000)


def buttons(page: Any, text: str) -> int:
    return int(page.locator(f"button:text-is('{text}')").count())


def login(page: Any, name: str, password: str) -> int:
    """Log in on the login page; the HTTP status of the login (200 in, 401 refused)."""
    page.fill("input[name='email']", name)
    page.fill("input[name='password']", password)
    with page.expect_response(lambda r: r.url.endswith("/login")) as answer:
        page.keyboard.press("Enter")
    if answer.value.ok:
        page.wait_for_selector("#chat-input", timeout=30_000)
    return int(answer.value.status)
