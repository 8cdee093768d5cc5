"""Local stand-ins for the paid services, built from their documented request and response formats.

One real HTTP server on a free port answers Stability's Stable Image and image-to-video, OpenAI's images,
speech and transcription, and Runway's image-to-video and tasks. Every request is recorded (method, path,
headers, body). A test can script a route's next answers (an error body, a 429 with Retry-After, a pause
longer than the client's timeout, a malformed body); unscripted requests get a valid answer of the
provider's shape: a PNG, PCM audio, word timings, an MP4."""

from __future__ import annotations

import base64
import io
import json
import re
import struct
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

RATE = 24_000
WORD_SECONDS, GAP_SECONDS = 0.2, 0.08  # the fake voice: a tone per word, a gap between words


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    at: float

    def fields(self) -> dict[str, str]:
        """A multipart form's text fields."""
        found = re.findall(rb'name="([^"]+)"\r\n(?:Content-Type: [^\r]*\r\n)?\r\n(.*?)\r\n--', self.body, re.S)
        return {k.decode(): v.decode(errors="replace") for k, v in found if b"filename" not in k}

    def json(self) -> dict:
        return json.loads(self.body)


Answer = tuple[int, dict[str, str], bytes]
Script = Callable[[Seen], Answer] | Answer


def png(width: int, height: int, text: str = "") -> bytes:
    picture = Image.new("RGB", (width, height), (70, 110, 160))
    draw = ImageDraw.Draw(picture)
    draw.ellipse((width // 3, height // 3, 2 * width // 3, 2 * height // 3), fill=(230, 190, 90))
    draw.text((10, 10), text[:60], fill=(255, 255, 255))
    out = io.BytesIO()
    picture.save(out, format="PNG")
    return out.getvalue()


def spoken(text: str) -> tuple[bytes, list[dict]]:
    """PCM for `text` (a tone per word) and where each word is, as the transcription endpoint gives them."""
    words, chunks, t = [], [np.zeros(int(0.3 * RATE), np.float32)], 0.3
    for k, word in enumerate(text.split()):
        length = WORD_SECONDS + 0.03 * len(word)  # takes of as many words differ in length
        tone = 0.3 * np.sin(2 * np.pi * (180 + 20 * (k % 5)) * np.arange(int(length * RATE)) / RATE)
        chunks += [tone.astype(np.float32), np.zeros(int(GAP_SECONDS * RATE), np.float32)]
        words.append({"word": re.sub(r"[^\w']", "", word), "start": round(t, 3), "end": round(t + length, 3)})
        t += length + GAP_SECONDS
    audio = np.concatenate(chunks)
    return (audio * 32767).astype("<i2").tobytes(), words


def _wav_seconds(body: bytes) -> float:
    at = body.find(b"RIFF")
    if at < 0:
        return 0.0
    rate = struct.unpack("<I", body[at + 24 : at + 28])[0]
    data = body.find(b"data", at)
    size = struct.unpack("<I", body[data + 4 : data + 8])[0]
    return size / 2 / rate


_CLIP: dict[str, bytes] = {}


def mp4(ffmpeg: str) -> bytes:
    """A 2-second 640x360 test clip (made once per test run)."""
    if "clip" not in _CLIP:
        out = subprocess.run([ffmpeg, "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
                              "testsrc=size=640x360:rate=24:duration=2", "-c:v", "libx264", "-preset", "ultrafast",
                              "-pix_fmt", "yuv420p", "-f", "mp4", "-movflags", "frag_keyframe+empty_moov", "pipe:1"],
                             capture_output=True, check=True)  # fmt: skip
        _CLIP["clip"] = out.stdout
    return _CLIP["clip"]


@dataclass
class Fake:
    """The services. `script(method, path_regex, *answers)`: the next matching requests get these answers
    in order (the last repeats while it is the only one left when `repeat`)."""

    ffmpeg: str
    url: str = ""
    seen: list[Seen] = field(default_factory=list)
    scripts: list[tuple[str, re.Pattern[str], list[Script], bool]] = field(default_factory=list)
    voices: dict[float, list[dict]] = field(default_factory=dict)  # take length -> its words
    tasks: dict[str, int] = field(default_factory=dict)  # a task id -> polls before it is done
    lock: threading.Lock = field(default_factory=threading.Lock)

    def script(self, method: str, path: str, *answers: Script, repeat: bool = False) -> None:
        with self.lock:
            self.scripts.append((method, re.compile(path), list(answers), repeat))

    def requests(self, path: str) -> list[Seen]:
        return [s for s in self.seen if re.search(path, s.path)]

    def answer(self, seen: Seen) -> Answer:
        with self.lock:
            self.seen.append(seen)
            for method, pattern, answers, repeat in self.scripts:
                if method == seen.method and pattern.search(seen.path) and answers:
                    scripted = answers[0] if (repeat and len(answers) == 1) else answers.pop(0)
                    break
            else:
                scripted = None
        if scripted is not None:
            return scripted(seen) if callable(scripted) else scripted
        return self.default(seen)

    # -- what each provider answers when nothing is scripted --------------------------------------------------

    def default(self, seen: Seen) -> Answer:
        for (method, pattern), make in ROUTES.items():
            if method == seen.method and re.fullmatch(pattern, seen.path.split("?")[0]):
                return make(self, seen)
        return 404, {"content-type": "application/json"}, b'{"error": {"message": "no such route"}}'


def _stability_image(fake: Fake, seen: Seen) -> Answer:
    ratio = seen.fields().get("aspect_ratio", "1:1")
    w, h = (int(x) for x in ratio.split(":"))
    scale = 1024 / max(w, h)
    return (
        200,
        {"content-type": "image/png", "finish-reason": "SUCCESS", "seed": "1"},
        png(round(w * scale), round(h * scale), seen.fields().get("prompt", "")),
    )


def _openai_image(fake: Fake, seen: Seen) -> Answer:
    w, h = (int(x) for x in (seen.json() if seen.path.endswith("generations") else seen.fields())["size"].split("x"))
    body = {"created": int(time.time()), "data": [{"b64_json": base64.b64encode(png(w // 4, h // 4)).decode()}],
            "usage": {"input_tokens": 50, "output_tokens": 1000, "total_tokens": 1050}}  # fmt: skip
    return 200, {"content-type": "application/json"}, json.dumps(body).encode()


def _openai_speech(fake: Fake, seen: Seen) -> Answer:
    pcm, words = spoken(seen.json()["input"])
    with fake.lock:
        fake.voices[round(len(pcm) / 2 / RATE, 4)] = words
    return 200, {"content-type": "audio/pcm"}, pcm


def _openai_transcription(fake: Fake, seen: Seen) -> Answer:
    seconds = _wav_seconds(seen.body)
    words = fake.voices.get(round(seconds, 4), [])
    body = {"task": "transcribe", "language": "english", "duration": seconds,
            "text": " ".join(w["word"] for w in words), "words": words}  # fmt: skip
    return 200, {"content-type": "application/json"}, json.dumps(body).encode()


def _start(prefix: str, polls: int) -> Callable[[Fake, Seen], Answer]:
    """A job starts: its id, and how many polls it stays running for."""

    def start(fake: Fake, seen: Seen) -> Answer:
        task = f"{prefix}-{len(fake.tasks) + 1}"
        fake.tasks[task] = polls
        return 200, {"content-type": "application/json"}, json.dumps({"id": task}).encode()

    return start


def _poll(running: Callable[[str], Answer], done: Callable[[Fake, str], Answer]) -> Callable[[Fake, Seen], Answer]:
    """A job's status, by the id that ends the path: running until its polls are used up, then done."""

    def poll(fake: Fake, seen: Seen) -> Answer:
        task = seen.path.rsplit("/", 1)[-1]
        if fake.tasks.get(task, 0) > 0:
            fake.tasks[task] -= 1
            return running(task)
        return done(fake, task)

    return poll


def _as_json(status: int, body: object) -> Answer:
    return status, {"content-type": "application/json"}, json.dumps(body).encode()


_stability_video_start = _start("gen", 1)
_stability_video_result = _poll(lambda task: _as_json(202, {"id": task, "status": "in-progress"}),
                                lambda fake, _task: (200, {"content-type": "video/mp4"}, mp4(fake.ffmpeg)))  # fmt: skip
_runway_start = _start("task", 2)
_runway_task = _poll(lambda task: _as_json(200, {"id": task, "status": "RUNNING"}),
                     lambda fake, task: _as_json(200, {"id": task, "status": "SUCCEEDED",
                                                       "output": [f"{fake.url}/cdn/{task}.mp4"]}))  # fmt: skip


def _runway_clip(fake: Fake, seen: Seen) -> Answer:
    return 200, {"content-type": "video/mp4"}, mp4(fake.ffmpeg)


def _json(body: object) -> Callable[[Fake, Seen], Answer]:
    return lambda _fake, _seen: (200, {"content-type": "application/json"}, json.dumps(body).encode())


ROUTES: dict[tuple[str, str], Callable[[Fake, Seen], Answer]] = {
    ("POST", r"/v2beta/stable-image/generate/(core|ultra|sd3)"): _stability_image,
    ("POST", r"/v2beta/image-to-video"): _stability_video_start,
    ("GET", r"/v2beta/image-to-video/result/[\w-]+"): _stability_video_result,
    ("GET", r"/v1/user/balance"): _json({"credits": 42.5}),
    ("POST", r"/v1/images/(generations|edits)"): _openai_image,
    ("POST", r"/v1/audio/speech"): _openai_speech,
    ("POST", r"/v1/audio/transcriptions"): _openai_transcription,
    ("GET", r"/v1/models/[\w.-]+"): _json({"id": "model", "object": "model", "owned_by": "openai"}),
    ("POST", r"/v1/image_to_video"): _runway_start,
    ("GET", r"/v1/tasks/[\w-]+"): _runway_task,
    ("GET", r"/v1/organization"): _json({"creditBalance": 1000, "tier": {"maxMonthlyCreditSpend": 10000}}),
    ("GET", r"/cdn/[\w-]+\.mp4"): _runway_clip,
}


def error(status: int, body: object, headers: dict[str, str] | None = None) -> Answer:
    return status, {"content-type": "application/json", **(headers or {})}, json.dumps(body).encode()


def pause(seconds: float, then: Answer) -> Callable[[Seen], Answer]:
    """Answer late: longer than the client waits, it is a timeout."""

    def late(_seen: Seen) -> Answer:
        time.sleep(seconds)
        return then

    return late


@contextmanager
def serving(ffmpeg: str) -> Iterator[Fake]:
    fake = Fake(ffmpeg)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _any(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            body = self.rfile.read(length) if length else b""
            seen = Seen(self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, body, time.time())
            status, headers, payload = fake.answer(seen)
            try:
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("content-length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout test)
                pass

        do_GET = do_POST = _any

        def log_message(self, *_args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()


def ffmpeg_binary() -> str:
    from tools.render.ffmpeg import ffmpeg_path

    return str(ffmpeg_path())


def keyed_env(fake: Fake, key: str, home: Path) -> dict[str, str]:
    """Environment for a whole cloud run through the fakes (each provider on its documented paths)."""
    return {"CREWCUT_HOME": str(home), "CREWCUT_TEXT": "rules", "CREWCUT_IMAGES": "stability",
            "STABILITY_API_KEY": key, "STABILITY_BASE_URL": fake.url, "CREWCUT_SPEECH": "openai",
            "OPENAI_API_KEY": key, "OPENAI_MEDIA_BASE_URL": f"{fake.url}/v1", "CREWCUT_MOTION": "runway",
            "RUNWAYML_API_SECRET": key, "RUNWAY_BASE_URL": fake.url, "CREWCUT_CLOUD_POLL": "0.05",
            "CREWCUT_CLOUD_ATTEMPTS": "2", "CREWCUT_CLOUD_TIMEOUT": "20", "CREWCUT_HEIGHT": "180"}  # fmt: skip
