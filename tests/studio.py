"""Driving the real chat studio in tests and the bench: `python -m chat.serve` on a free localhost port, and
Debian's chromium through Playwright, used as a person would (type, click, wait for the crew's reply)."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from tools.processes import popen_child

WAIT = 300  # seconds for one reply of the crew (a render of a small film included)

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


def say(page: Any, text: str, welcomed: bool = True) -> None:
    """Type a message and send it; on a new chat, once the session is live (the crew's welcome is on the
    page): typed before that, Chainlit drops it, and a fresh chromium is often quicker than the socket."""
    if welcomed:
        page.wait_for_selector("text=Type an idea for a short film", timeout=60_000)
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
    if answer.value.ok:  # in once the crew's welcome is on the page: the session is live, messages reach it
        page.wait_for_selector("text=Type an idea for a short film", timeout=60_000)
    return int(answer.value.status)


class Chat:
    """One chat session over Chainlit's Socket.IO protocol, as the page speaks it: the header login, connect
    (to a new thread, or resuming one), hello, messages and button clicks; everything the server sends is kept
    in `steps` (messages and crew steps) and `actions` (buttons)."""

    def __init__(self, url: str) -> None:
        import socketio

        self.url = url
        self.session = str(uuid.uuid4())
        self.thread = ""
        self.token = ""
        self.steps: list[dict[str, Any]] = []
        self.actions: list[dict[str, Any]] = []
        self.errors: list[str] = []
        self.changed = asyncio.Condition()
        self.client = socketio.AsyncClient(reconnection=False)
        for event in ("new_message", "update_message"):
            self.client.on(event, self._step)
        self.client.on("action", self._action)
        self.client.on("resume_thread", self._resumed)
        self.client.on("resume_thread_error", lambda error: self.errors.append(str(error)))

    async def _note(self) -> None:
        async with self.changed:
            self.changed.notify_all()

    async def _step(self, step: dict[str, Any]) -> None:
        self.thread = self.thread or str(step.get("threadId") or "")
        self.steps.append(step)
        await self._note()

    async def _action(self, action: dict[str, Any]) -> None:
        self.actions.append(action)
        await self._note()

    async def _resumed(self, thread: dict[str, Any]) -> None:
        self.thread = str(thread.get("id", ""))
        await self._note()

    async def connect(self, thread: str | None = None) -> None:
        async with httpx.AsyncClient(base_url=self.url) as http:
            self.token = (await http.post("/auth/header", json={})).cookies["access_token"]
        auth = {"clientType": "webapp", "sessionId": self.session, "threadId": thread, "userEnv": "{}"}
        await self.client.connect(self.url, socketio_path="/ws/socket.io", transports=["websocket"], auth=auth,
                                  headers={"Cookie": f"access_token={self.token}"})  # fmt: skip
        await self.client.emit("connection_successful")

    async def say(self, text: str, files: tuple[str, ...] = ()) -> None:
        """Send a message, with the ids of files uploaded for it."""
        message = {"id": str(uuid.uuid4()), "threadId": self.thread, "output": text, "name": "User",
                   "type": "user_message", "createdAt": datetime.now(UTC).isoformat()}  # fmt: skip
        references = [{"id": file} for file in files]
        await self.client.emit("client_message", {"message": message, "fileReferences": references})

    async def upload(self, name: str, data: bytes, mime: str) -> tuple[int, dict[str, Any]]:
        """Attach a file (as the page does, by HTTP): the HTTP status and Chainlit's answer."""
        cookies = {"access_token": self.token}
        async with httpx.AsyncClient(base_url=self.url, timeout=WAIT, cookies=cookies) as http:
            answer = await http.post("/project/file", params={"session_id": self.session},
                                     files={"file": (name, data, mime)})  # fmt: skip
        return answer.status_code, answer.json()

    async def click(self, action: dict[str, Any]) -> int:
        """Press a button (as the page does, by HTTP); the HTTP status."""
        cookies = {"access_token": self.token}
        async with httpx.AsyncClient(base_url=self.url, timeout=WAIT, cookies=cookies) as http:
            answer = await http.post("/project/action", json={"sessionId": self.session, "action": action})
        return answer.status_code

    async def wait(self, done: Any, timeout: float = WAIT) -> None:
        """Wait until done(self) holds."""
        async with self.changed:
            await asyncio.wait_for(self.changed.wait_for(lambda: done(self)), timeout)

    def said(self, text: str, since: int = 0) -> bool:
        return any(text in str(step.get("output", "")) for step in self.steps[since:])

    def button(self, action_id: str) -> dict[str, Any] | None:
        found = [a for a in self.actions if a.get("id") == action_id]
        return found[-1] if found else None

    async def close(self) -> None:
        await self.client.disconnect()
