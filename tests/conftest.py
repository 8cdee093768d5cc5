"""Shared fixtures: a small storyboard, settings for tiny renders, and ffmpeg-based probes."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import pytest

from domain import Storyboard, parse_storyboard
from settings import Settings
from tools.render.ffmpeg import ffmpeg_path

SMALL = {
    "title": "The Test Light",
    "music": {"mood": "calm"},
    "characters": [
        {"name": "Mara", "description": "a young sailor in a red coat"},
        {"name": "Cog", "description": "a small silver robot"},
    ],
    "scenes": [
        {"narration": "Mara rowed out to the lighthouse at dusk.", "visual": "Mara in a boat near a lighthouse",
         "shot": "wide", "camera": "push-in"},
        {"narration": "Inside, a small robot called Cog was waiting. It blinked twice.",
         "visual": "Inside the lighthouse room, Cog by the lamp", "shot": "medium", "camera": "pan-right"},
        {"narration": "Together they lit the lamp.", "visual": "Close on Mara at night, the lamp glowing",
         "shot": "close-up", "camera": "static"},
    ],
}  # fmt: skip


@pytest.fixture
def small_board() -> Storyboard:
    return parse_storyboard(json.loads(json.dumps(SMALL)))


@pytest.fixture
def tiny_settings(tmp_path: Path) -> Settings:
    return replace(Settings.from_env(), home=tmp_path / "home", height=180, jobs=2)


def probe(path: Path) -> dict[str, object]:
    """Streams and duration, read from what ffmpeg says about the file (imageio-ffmpeg ships no ffprobe)."""
    said = subprocess.run([str(ffmpeg_path()), "-hide_banner", "-i", str(path)], capture_output=True, text=True).stderr
    h, m, s = re.search(r"Duration: (\d+):(\d+):([\d.]+)", said).groups()  # type: ignore[union-attr]
    video = re.search(r"Video: (\w+).*?, (\w+)\(.*?(\d+)x(\d+).*?, ([\d.]+) fps", said)
    audio = re.search(r"Audio: (\w+).*?, (\d+) Hz", said)
    return {
        "duration": int(h) * 3600 + int(m) * 60 + float(s),
        "video": video.groups() if video else None,
        "audio": audio.groups() if audio else None,
    }


def loudness(path: Path) -> tuple[float, float]:
    """Integrated loudness (LUFS) and true peak (dBTP), measured by ffmpeg's ebur128 filter."""
    said = subprocess.run(
        [str(ffmpeg_path()), "-hide_banner", "-nostats", "-i", str(path), "-vn", "-af", "ebur128=peak=true",
         "-f", "null", "-"], capture_output=True, text=True,
    ).stderr  # fmt: skip
    summary = said[said.rindex("Summary:") :]
    integrated = float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary).group(1))  # type: ignore[union-attr]
    peak = float(re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summary).group(1))  # type: ignore[union-attr]
    return integrated, peak


def frame_at(video: Path, seconds: float, out: Path) -> Path:
    subprocess.run([str(ffmpeg_path()), "-loglevel", "error", "-y", "-ss", f"{seconds}", "-i", str(video),
                    "-frames:v", "1", str(out)], check=True)  # fmt: skip
    return out


# -- a real OpenAI-compatible chat server on loopback, for the wire protocol -----------------------------------

Answer = Callable[[dict[str, Any]], dict[str, Any]]  # request body -> the assistant message


@contextmanager
def openai_server(answer: Answer) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """Serves /v1/chat/completions on 127.0.0.1: each request is recorded (path, auth, body) and answered
    with the assistant message `answer` makes of its body. Yields the base URL and the record."""
    seen: list[dict[str, Any]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            seen.append({"path": self.path, "auth": self.headers.get("Authorization"), "body": body})
            message = {"role": "assistant", "content": None, **answer(body)}
            reply = {
                "id": f"chatcmpl-{len(seen)}", "object": "chat.completion", "created": 0, "model": body["model"],
                "choices": [{"index": 0, "message": message,
                             "finish_reason": "tool_calls" if message.get("tool_calls") else "stop"}],
                "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
            }  # fmt: skip
            data = json.dumps(reply).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: Any) -> None:
            pass

    httpd = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}/v1", seen
    finally:
        httpd.shutdown()


def tool_call(name: str, args: dict[str, Any]) -> dict[str, Any]:
    """An assistant message that calls one tool."""
    return {"tool_calls": [{"id": f"call_{name}", "type": "function",
                            "function": {"name": name, "arguments": json.dumps(args)}}]}  # fmt: skip


@pytest.fixture
def connections(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every socket connection the test makes, recorded; `off_machine(connections)` lists those that leave it."""
    attempts: list[object] = []
    real_connect = socket.socket.connect

    def recording_connect(self: socket.socket, address: object) -> object:
        attempts.append(address)
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", recording_connect)
    return attempts


def off_machine(attempts: list[object]) -> list[object]:
    return [a for a in attempts if not (isinstance(a, str) or str(a[0]).startswith(("127.", "::1")))]  # type: ignore[index]
