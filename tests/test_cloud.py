"""The paid backends against local fakes of the providers (tests/fakes.py): each request's shape, and what
crewcut does with success, the provider's error bodies, 401, 402, 429 with Retry-After, 500, a timeout, a
malformed body and a content-filter refusal. Base URLs are settings, so this is the code users run."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from settings import Settings
from tests.fakes import Fake, error, ffmpeg_binary, pause, serving
from tools.cloud.http import CloudError
from tools.cloud.ledger import BudgetError, Ledger
from tools.images.base import FrameRequest, ImageError
from tools.images.openai_images import OpenAIImages
from tools.images.stability import StabilityImages
from tools.motion.base import MotionError, MotionRequest
from tools.motion.runway import RunwayMotion
from tools.motion.stability_video import StabilityMotion
from tools.speech.base import SpeechError, read_wav
from tools.speech.openai_tts import OpenAISpeech, align

KEY = "sk-test-0123456789abcdef"
PROMPT = "pencil storyboard. wide shot. a lighthouse on a cliff. Wren: an old keeper with a grey beard."


@pytest.fixture(scope="module")
def fake() -> Iterator[Fake]:
    with serving(ffmpeg_binary()) as server:
        yield server


@pytest.fixture
def fresh(fake: Fake) -> Fake:
    fake.seen.clear()
    fake.scripts.clear()
    return fake


def settings_for(fake: Fake, tmp_path: Path, **changes: object) -> Settings:
    base = replace(Settings.from_env(), home=tmp_path, stability_api_key=KEY, stability_base_url=fake.url,
                   openai_api_key=KEY, openai_media_base_url=f"{fake.url}/v1", runway_api_key=KEY,
                   runway_base_url=fake.url, cloud_attempts=3, cloud_timeout=2, cloud_poll=0.02)  # fmt: skip
    return replace(base, **changes)  # type: ignore[arg-type]


def ledger(tmp_path: Path, budget: float | None = None) -> Ledger:
    return Ledger(tmp_path / "project" / "ledger.jsonl", budget)


def request(width: int = 320, height: int = 180, prompt: str = PROMPT) -> FrameRequest:
    return FrameRequest(prompt, width, height, seed=3)


# -- Stability frames ---------------------------------------------------------------------------------------


def test_stability_frame_request_shape_size_cache_and_ledger(fresh: Fake, tmp_path: Path) -> None:
    book = ledger(tmp_path)
    backend = StabilityImages(settings_for(fresh, tmp_path), book)
    frame = backend.generate(request(), tmp_path / "frame.png")
    assert Image.open(frame).size == (320, 180)
    [sent] = fresh.requests("stable-image")
    assert sent.path == "/v2beta/stable-image/generate/core"
    assert sent.headers["authorization"] == f"Bearer {KEY}" and sent.headers["accept"] == "image/*"
    fields = sent.fields()
    assert fields["prompt"] == PROMPT and fields["aspect_ratio"] == "16:9" and fields["output_format"] == "png"
    assert "model" not in fields  # core takes none
    # The review's light frame and the film's full one come from the one paid picture.
    backend.generate(request(640, 360), tmp_path / "big.png")
    assert Image.open(tmp_path / "big.png").size == (640, 360)
    assert len(fresh.requests("stable-image")) == 1
    assert [(e.backend, e.what, e.usd) for e in book.entries()] == [("stability", "image", 0.03)]


def test_stability_sd3_sends_its_model_and_maps_portrait(fresh: Fake, tmp_path: Path) -> None:
    s = settings_for(fresh, tmp_path, stability_engine="sd3", stability_sd3_model="sd3.5-medium")
    StabilityImages(s, ledger(tmp_path)).generate(request(180, 320), tmp_path / "f.png")
    [sent] = fresh.requests("stable-image")
    assert sent.path.endswith("/sd3") and sent.fields()["model"] == "sd3.5-medium"
    assert sent.fields()["aspect_ratio"] == "9:16"


STABILITY_FAILURES = [
    # (scripted answer, words the message must carry, how many attempts)
    (error(400, {"id": "a1", "name": "bad_request", "errors": ["prompt: must not be empty"]}),
     "refused the request: prompt: must not be empty", 1),
    (error(401, {"id": "a2", "name": "unauthorized", "errors": ["invalid api key"]}), "did not accept the key", 1),
    (error(402, {"id": "a3", "name": "payment_required", "errors": ["lacks sufficient credits"]}),
     "out of credit: lacks sufficient credits", 1),
    (error(500, {"id": "a4", "name": "internal_error", "errors": ["unexpected"]}), "failed (HTTP 500)", 3),
    ((200, {"content-type": "image/png", "finish-reason": "CONTENT_FILTERED"}, b"blurred"), "refused the content", 1),
    ((200, {"content-type": "image/png", "finish-reason": "SUCCESS"}, b"<html>not a png</html>"),
     "not a picture", 1),
]  # fmt: skip


@pytest.mark.parametrize(("answer", "said", "attempts"), STABILITY_FAILURES)
def test_stability_failures_say_why_and_retry_only_what_may_pass(
    fresh: Fake, tmp_path: Path, answer: tuple, said: str, attempts: int
) -> None:
    fresh.script("POST", "stable-image", answer, repeat=True)
    book = ledger(tmp_path)
    backend = StabilityImages(replace(settings_for(fresh, tmp_path)), book)
    backend.service = replace(backend.service, backoff=0.01)
    with pytest.raises((CloudError, ImageError)) as caught:
        backend.generate(request(), tmp_path / "frame.png")
    assert said in str(caught.value)
    assert KEY not in str(caught.value)
    assert len(fresh.requests("stable-image")) == attempts
    assert book.entries() == [] or "not a picture" in said  # nothing is charged for a failure
    assert not (tmp_path / "frame.png").exists()
    assert not list((tmp_path / "project" / "paid").glob("*.png"))  # a broken picture is not kept as paid


def test_stability_429_waits_for_retry_after_then_succeeds(fresh: Fake, tmp_path: Path) -> None:
    fresh.script("POST", "stable-image", error(429, {"name": "rate_limited", "errors": ["slow down"]},
                                               {"Retry-After": "1"}))  # fmt: skip
    frame = StabilityImages(settings_for(fresh, tmp_path), ledger(tmp_path)).generate(request(), tmp_path / "f.png")
    assert frame.exists()
    first, second = fresh.requests("stable-image")
    assert second.at - first.at >= 0.9  # it waited as long as the service asked


def test_stability_timeout_is_retried_then_given_up(fresh: Fake, tmp_path: Path) -> None:
    fresh.script("POST", "stable-image", pause(1.5, error(200, {})), repeat=True)
    backend = StabilityImages(settings_for(fresh, tmp_path, cloud_timeout=1, cloud_attempts=2), ledger(tmp_path))
    backend.service = replace(backend.service, backoff=0.01)
    with pytest.raises(CloudError, match="did not answer within 1 s"):
        backend.generate(request(), tmp_path / "f.png")
    assert len(fresh.requests("stable-image")) == 2


def test_a_budget_stops_paid_work_before_it_is_sent(fresh: Fake, tmp_path: Path) -> None:
    book = ledger(tmp_path, budget=0.05)
    backend = StabilityImages(settings_for(fresh, tmp_path), book)
    backend.generate(request(prompt="one"), tmp_path / "1.png")
    with pytest.raises(BudgetError, match=r"spent \$0.030 of its \$0.05 budget"):
        backend.generate(request(prompt="two"), tmp_path / "2.png")
    assert len(fresh.requests("stable-image")) == 1  # the second was never sent
    backend.ledger = Ledger(book.path, budget=1.0)  # the budget raised: it goes on, the first is not paid again
    backend.generate(request(prompt="one"), tmp_path / "1b.png")
    backend.generate(request(prompt="two"), tmp_path / "2.png")
    assert len(fresh.requests("stable-image")) == 2 and Ledger(book.path).spent() == 0.06


# -- OpenAI frames ------------------------------------------------------------------------------------------


def test_openai_image_request_shape(fresh: Fake, tmp_path: Path) -> None:
    book = ledger(tmp_path)
    OpenAIImages(settings_for(fresh, tmp_path), book).generate(request(), tmp_path / "f.png")
    [sent] = fresh.requests("images/generations")
    assert sent.headers["authorization"] == f"Bearer {KEY}"
    body = sent.json()
    assert (body["model"], body["size"], body["quality"], body["prompt"]) == ("gpt-image-1", "1536x1024", "medium",
                                                                              PROMPT)  # fmt: skip
    assert Image.open(tmp_path / "f.png").size == (320, 180)
    assert book.spent() == 0.063


OPENAI_FAILURES = [
    (error(400, {"error": {"message": "Your request was rejected by the safety system.",
                           "type": "image_generation_user_error", "code": "moderation_blocked"}}),
     "refused the content", 1),
    (error(400, {"error": {"message": "Invalid size '12x12'.", "type": "invalid_request_error", "code": None}}),
     "refused the request: Invalid size", 1),
    (error(401, {"error": {"message": "Incorrect API key provided: sk-test-****cdef.", "type": "invalid_request_error",
                           "code": "invalid_api_key"}}), "did not accept the key", 1),
    (error(429, {"error": {"message": "You exceeded your current quota", "type": "insufficient_quota",
                           "code": "insufficient_quota"}}), "rate-limiting", 3),
    (error(500, {"error": {"message": "The server had an error", "type": "server_error"}}), "HTTP 500", 3),
    ((200, {"content-type": "application/json"}, b'{"created": 1, "data": []}'), "answered without an image", 1),
    ((200, {"content-type": "application/json"}, b"{not json"), "unreadable", 1),
]  # fmt: skip


@pytest.mark.parametrize(("answer", "said", "attempts"), OPENAI_FAILURES)
def test_openai_image_failures(fresh: Fake, tmp_path: Path, answer: tuple, said: str, attempts: int) -> None:
    fresh.script("POST", "images/generations", answer, repeat=True)
    backend = OpenAIImages(settings_for(fresh, tmp_path), ledger(tmp_path))
    backend.service = replace(backend.service, backoff=0.01)
    with pytest.raises((CloudError, ImageError)) as caught:
        backend.generate(request(), tmp_path / "f.png")
    assert said in str(caught.value) and KEY not in str(caught.value)
    assert len(fresh.requests("images/generations")) == attempts


# -- OpenAI voices ------------------------------------------------------------------------------------------

LINE = "The keeper climbed the stairs, slowly, and lit the lamp."


def test_openai_speech_request_shape_and_word_timings_from_transcription(fresh: Fake, tmp_path: Path) -> None:
    s = settings_for(fresh, tmp_path, tts_model="tts-1", tts_speed=1.25)
    book = ledger(tmp_path)
    take = OpenAISpeech().with_settings(s, book).synthesize(LINE, "nova", tmp_path / "take.wav")
    [spoke] = fresh.requests("audio/speech")
    assert spoke.json() == {"model": "tts-1", "voice": "nova", "input": LINE, "response_format": "pcm", "speed": 1.25}
    [heard] = fresh.requests("audio/transcriptions")
    fields = heard.fields()
    assert fields["model"] == "whisper-1" and fields["response_format"] == "verbose_json"
    assert fields["timestamp_granularities[]"] == "word"
    assert [w.text for w in take.words] == LINE.split()  # the captions show the storyboard's words
    truth = fresh.voices[round(take.duration, 4)]
    assert [w.start for w in take.words] == [t["start"] for t in truth]
    audio, rate = read_wav(take.path)
    assert rate == 24000 and abs(len(audio) / rate - take.duration) < 0.01
    assert {e.what for e in book.entries()} == {"speech", "transcription"}


def test_without_a_transcription_words_are_spread_over_the_voice(fresh: Fake, tmp_path: Path) -> None:
    fresh.script("POST", "audio/transcriptions", error(500, {"error": {"message": "down"}}), repeat=True)
    s = settings_for(fresh, tmp_path, cloud_attempts=1)
    take = OpenAISpeech().with_settings(s, ledger(tmp_path)).synthesize(LINE, "alloy", tmp_path / "take.wav")
    starts = [w.start for w in take.words]
    assert starts == sorted(starts) and starts[0] >= 0.25 and take.words[-1].end <= take.duration + 0.01


def test_alignment_keeps_the_storyboard_words_when_the_transcript_mishears() -> None:
    heard = [("the", 0.1, 0.2), ("keeper", 0.2, 0.5), ("climb", 0.5, 0.8), ("stairs", 0.9, 1.2)]
    words = align(["The", "keeper", "climbed", "the", "stairs."], heard, 1.5)
    assert [w.text for w in words] == ["The", "keeper", "climbed", "the", "stairs."]
    assert words[1].start == 0.2 and words[4].start == 0.9
    assert words[1].end <= words[2].start <= words[3].start < words[4].start  # the misheard are placed between


def test_openai_speech_unknown_voice_and_missing_key(fresh: Fake, tmp_path: Path) -> None:
    s = settings_for(fresh, tmp_path)
    with pytest.raises(SpeechError, match="no voice 'heart'"):
        OpenAISpeech().with_settings(s, ledger(tmp_path)).synthesize(LINE, "heart", tmp_path / "t.wav")
    with pytest.raises(SpeechError, match="OPENAI_API_KEY is not set"):
        OpenAISpeech().with_settings(replace(s, openai_api_key=""), ledger(tmp_path)).synthesize(
            LINE, "nova", tmp_path / "t.wav"
        )
    assert fresh.requests("audio") == []


# -- motion -------------------------------------------------------------------------------------------------


def _frame(tmp_path: Path) -> Path:
    path = tmp_path / "frame.png"
    Image.new("RGB", (320, 180), (90, 120, 200)).save(path)
    return path


def test_runway_submits_polls_and_downloads_without_the_key(fresh: Fake, tmp_path: Path) -> None:
    frame = _frame(tmp_path)
    book = ledger(tmp_path)
    clip = (
        RunwayMotion(settings_for(fresh, tmp_path), book)
        .animate(MotionRequest(frame, "the lamp turns", 4.2, 320, 180, seed=2))
        .read_bytes()
    )
    assert clip[4:8] == b"ftyp" or b"moov" in clip or b"moof" in clip
    [start] = fresh.requests("image_to_video")
    assert start.headers["x-runway-version"] == "2024-11-06" and start.headers["authorization"] == f"Bearer {KEY}"
    body = start.json()
    assert (body["model"], body["ratio"], body["duration"], body["promptText"]) == ("gen4_turbo", "1280:720", 5,
                                                                                     "the lamp turns")  # fmt: skip
    assert base64.b64decode(body["promptImage"].split(",", 1)[1])[:3] == b"\xff\xd8\xff"  # a JPEG data URI
    assert len(fresh.requests("/v1/tasks/")) == 3  # RUNNING, RUNNING, SUCCEEDED
    [download] = fresh.requests("/cdn/")
    assert "authorization" not in download.headers  # the key is for Runway's API, not the file host
    assert book.spent() == 0.25


def test_runway_gen3a_moves_towards_the_last_frame(fresh: Fake, tmp_path: Path) -> None:
    frame = _frame(tmp_path)
    RunwayMotion(settings_for(fresh, tmp_path, runway_model="gen3a_turbo"), ledger(tmp_path)).animate(
        MotionRequest(frame, "x", 8, 320, 180, last_image=frame)
    )
    images = fresh.requests("image_to_video")[0].json()["promptImage"]
    assert [i["position"] for i in images] == ["first", "last"] and fresh.requests("image_to_video")[0].json()[
        "duration"
    ] == 10


def test_runway_safety_failure_is_a_motion_error(fresh: Fake, tmp_path: Path) -> None:
    fresh.script("GET", "/v1/tasks/", error(200, {"id": "t", "status": "FAILED", "failure": "Input image flagged",
                                                  "failureCode": "SAFETY.INPUT.IMAGE"}), repeat=True)  # fmt: skip
    with pytest.raises(MotionError, match="Input image flagged"):
        RunwayMotion(settings_for(fresh, tmp_path), ledger(tmp_path)).animate(
            MotionRequest(_frame(tmp_path), "x", 3, 320, 180)
        )


def test_stability_video_polls_202_then_takes_the_clip(fresh: Fake, tmp_path: Path) -> None:
    clip = (
        StabilityMotion(settings_for(fresh, tmp_path), ledger(tmp_path))
        .animate(MotionRequest(_frame(tmp_path), "x", 3, 320, 180))
        .read_bytes()
    )
    assert len(clip) > 1000
    [start] = fresh.requests("v2beta/image-to-video$")
    assert b'name="image"; filename="frame.png"' in start.body
    with Image.open(__import__("io").BytesIO(start.body.split(b"\r\n\r\n", 2)[1].split(b"\r\n--")[0])) as sent:
        assert sent.size == (1024, 576)
    assert [s.headers["accept"] for s in fresh.requests("result")] == ["video/*", "video/*"]


def test_doctor_says_what_works_and_what_falls_back(fresh: Fake, tmp_path: Path) -> None:
    from tools.cloud.doctor import check_all

    s = settings_for(fresh, tmp_path, image_backend="stability", speech_backend="openai", motion_backend="runway",
                     text_backend="rules")  # fmt: skip
    checks = {c.role: c for c in check_all(s)}
    assert checks["frames"].ok and "42.5 credits" in checks["frames"].detail
    assert checks["motion"].ok and "1000 credits" in checks["motion"].detail
    assert checks["voice"].ok and checks["text"].backend == "rules"
    fresh.script("GET", "/v1/user/balance", error(401, {"name": "unauthorized", "errors": ["bad key"]}), repeat=True)
    refused = {c.role: c for c in check_all(replace(s, runway_api_key=""))}
    assert not refused["frames"].ok and "falls back to animatic panels" in refused["frames"].detail
    assert not refused["motion"].ok and "RUNWAYML_API_SECRET is not set" in refused["motion"].detail
    assert json.dumps([c.detail for c in refused.values()]).count(KEY) == 0


def test_gpt_image_draws_each_character_once_and_every_frame_from_those_pictures(fresh: Fake, tmp_path: Path) -> None:
    from agents.cinematographer import frame_request, with_references
    from domain import Storyboard

    board = Storyboard.model_validate({
        "style": "soft watercolour",
        "characters": [{"name": "Wren", "description": "an old lighthouse keeper with a grey beard"},
                       {"name": "Bolt", "description": "a small rusty robot with one blue eye"}],
        "scenes": [{"narration": "Wren found Bolt on the rocks.", "visual": "Wren kneels beside Bolt"}]})  # fmt: skip
    backend = OpenAIImages(settings_for(fresh, tmp_path), ledger(tmp_path))
    cast, notes = with_references(board, backend, tmp_path / "references")
    assert notes == [] and all(Path(c.reference).is_file() for c in cast.characters)
    portraits = fresh.requests("images/generations")
    assert len(portraits) == 2 and "Character reference sheet of Wren" in portraits[0].json()["prompt"]
    assert portraits[0].json()["size"] == "1024x1024"
    again, _ = with_references(cast, backend, tmp_path / "references")
    assert again == cast and len(fresh.requests("images/generations")) == 2  # made once
    frame = frame_request(cast.scenes[0], 1, cast, 320, 180)
    assert frame.references == (cast.characters[0].reference, cast.characters[1].reference)
    backend.generate(frame, tmp_path / "scene.png")
    [drawn] = fresh.requests("images/edits")
    assert drawn.body.count(b'name="image[]"') == 2  # both pictures go with the prompt
    for character in cast.characters:
        assert Path(character.reference).read_bytes()[:200] in drawn.body
    assert drawn.fields()["model"] == "gpt-image-1" and "Wren kneels beside Bolt" in drawn.fields()["prompt"]
    # dall-e-3 takes no pictures: the storyboard goes on as it is, the look in words alone.
    plain = OpenAIImages(settings_for(fresh, tmp_path, openai_image_model="dall-e-3",
                                      openai_image_quality="standard"), ledger(tmp_path))  # fmt: skip
    assert with_references(board, plain, tmp_path / "r2") == (board, [])


# -- every backend against every failure ----------------------------------------------------------------------


def _speak(s: Settings, book: Ledger, tmp_path: Path) -> object:
    return OpenAISpeech().with_settings(s, book).synthesize(LINE, "nova", tmp_path / "take.wav")


def _run(s: Settings, book: Ledger, tmp_path: Path) -> object:
    return RunwayMotion(s, book).animate(MotionRequest(_frame(tmp_path), "x", 3, 320, 180))


def _svd(s: Settings, book: Ledger, tmp_path: Path) -> object:
    return StabilityMotion(s, book).animate(MotionRequest(_frame(tmp_path), "x", 3, 320, 180))


OPENAI_ERROR = lambda status, message: error(status, {"error": {"message": message, "type": "x", "code": None}})  # noqa: E731
RUNWAY_ERROR = lambda status, message: error(status, {"error": message})  # noqa: E731
STABILITY_ERROR = lambda status, message: error(status, {"id": "e", "name": "x", "errors": [message]})  # noqa: E731
BACKENDS = {  # name: (make and use it, the route it starts on, the provider's error body, malformed, refusal)
    "openai speech": (_speak, "POST", "audio/speech", OPENAI_ERROR, (200, {}, b""), "sent no audio", None),
    "runway": (_run, "POST", "image_to_video", RUNWAY_ERROR, (200, {"content-type": "text/html"}, b"<html>"),
               "unreadable", ("GET", "/v1/tasks/", error(200, {"status": "FAILED", "failure": "flagged",
                                                               "failureCode": "SAFETY.INPUT.TEXT"}), "flagged")),
    "stability video": (_svd, "POST", "v2beta/image-to-video$", STABILITY_ERROR, (200, {}, b"[]"), "unreadable",
                        ("POST", "v2beta/image-to-video$", error(403, {"name": "content_moderation",
                                                                       "errors": ["flagged by moderation"]}),
                         "refused the content")),
}  # fmt: skip
STATUSES = [(400, "refused the request: bad field", 1), (401, "did not accept the key", 1),
            (402, "out of credit", 1), (500, "HTTP 500", 3)]  # fmt: skip


@pytest.mark.parametrize("name", BACKENDS)
@pytest.mark.parametrize(("status", "said", "attempts"), STATUSES)
def test_each_backend_says_what_each_status_means(fresh: Fake, tmp_path: Path, name: str, status: int, said: str,
                                                  attempts: int) -> None:  # fmt: skip
    use, method, route, body, *_ = BACKENDS[name]
    fresh.script(method, route, body(status, "bad field"), repeat=True)
    with pytest.raises((CloudError, MotionError, ImageError, SpeechError)) as caught:
        use(settings_for(fresh, tmp_path, cloud_attempts=3), ledger(tmp_path), tmp_path)
    assert said in str(caught.value) and KEY not in str(caught.value)
    assert len(fresh.requests(route)) == attempts
    assert ledger(tmp_path).entries() == []


@pytest.mark.parametrize("name", BACKENDS)
def test_each_backend_waits_out_a_429_and_goes_on(fresh: Fake, tmp_path: Path, name: str) -> None:
    use, method, route, body, *_ = BACKENDS[name]
    status, headers, payload = body(429, "slow down")
    fresh.script(method, route, (status, {**headers, "Retry-After": "0"}, payload))
    use(settings_for(fresh, tmp_path), ledger(tmp_path), tmp_path)
    assert len(fresh.requests(route)) == 2 and ledger(tmp_path).spent() > 0


@pytest.mark.parametrize("name", BACKENDS)
def test_each_backend_gives_up_on_a_timeout_and_a_malformed_answer(fresh: Fake, tmp_path: Path, name: str) -> None:
    use, method, route, _body, malformed, says, _refusal = BACKENDS[name]
    fresh.script(method, route, pause(1.5, malformed), repeat=True)
    with pytest.raises((CloudError, MotionError, SpeechError), match="did not answer within 1 s"):
        use(settings_for(fresh, tmp_path, cloud_timeout=1, cloud_attempts=2), ledger(tmp_path), tmp_path)
    fresh.scripts.clear()
    fresh.script(method, route, malformed, repeat=True)
    with pytest.raises((CloudError, MotionError, SpeechError), match=says):
        use(settings_for(fresh, tmp_path), ledger(tmp_path), tmp_path)


@pytest.mark.parametrize("name", [n for n, b in BACKENDS.items() if b[-1]])
def test_each_backend_takes_a_content_refusal_at_once(fresh: Fake, tmp_path: Path, name: str) -> None:
    use, *_, (method, route, answer, says) = BACKENDS[name]
    fresh.script(method, route, answer, repeat=True)
    with pytest.raises(MotionError, match=says):
        use(settings_for(fresh, tmp_path), ledger(tmp_path), tmp_path)
    assert len(fresh.requests(route)) == 1  # a refusal is not asked again
