"""What the paid services charge, in US dollars, in one table with the date it was read.

List prices as the providers published them (Stability: 1 credit = $0.01; Runway: 1 credit = $0.01).
They change: when they do, edit this file and its date. An unknown model costs 0 here and is marked so in
`crewcut doctor`, never guessed."""

from __future__ import annotations

from collections.abc import Mapping

PRICED_ON = "2026-12-02"

IMAGE = {  # dollars per image, by backend:model[:quality] and, for OpenAI, the size class
    "stability:core": 0.03,
    "stability:ultra": 0.08,
    "stability:sd3.5-large": 0.065,
    "stability:sd3.5-large-turbo": 0.04,
    "stability:sd3.5-medium": 0.035,
    "openai:gpt-image-1:low": 0.011,
    "openai:gpt-image-1:medium": 0.042,
    "openai:gpt-image-1:high": 0.167,
    "openai:gpt-image-1:low:wide": 0.016,
    "openai:gpt-image-1:medium:wide": 0.063,
    "openai:gpt-image-1:high:wide": 0.25,
    "openai:dall-e-3:standard": 0.04,
    "openai:dall-e-3:standard:wide": 0.08,
    "openai:dall-e-3:hd": 0.08,
    "openai:dall-e-3:hd:wide": 0.12,
}

SPEECH_PER_MILLION_CHARS = {"tts-1": 15.0, "tts-1-hd": 30.0, "gpt-4o-mini-tts": 12.0}
TRANSCRIPTION_PER_MINUTE = {"whisper-1": 0.006}

VIDEO_PER_SECOND = {"runway:gen4_turbo": 0.05, "runway:gen3a_turbo": 0.05}
VIDEO_PER_CLIP = {"stability:image-to-video": 0.20}

TOKENS_PER_MILLION = {  # (input, output) dollars per million tokens
    "gpt-4o-mini": (0.15, 0.60),
    "gpt-4o": (2.50, 10.0),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1": (2.0, 8.0),
}


def image_price(key: str) -> float:
    return IMAGE.get(key, 0.0)


def speech_price(model: str, characters: int) -> float:
    return SPEECH_PER_MILLION_CHARS.get(model, 0.0) * characters / 1e6


def transcription_price(model: str, seconds: float) -> float:
    return TRANSCRIPTION_PER_MINUTE.get(model, 0.0) * seconds / 60


def video_price(backend: str, seconds: float) -> float:
    return VIDEO_PER_SECOND.get(backend, 0.0) * seconds + VIDEO_PER_CLIP.get(backend, 0.0)


def token_price(model: str, prompt: int, completion: int) -> float:
    rate_in, rate_out = TOKENS_PER_MILLION.get(model, (0.0, 0.0))
    return (rate_in * prompt + rate_out * completion) / 1e6


def known(key: str) -> bool:
    """Whether the table prices this model (for the doctor's report)."""
    tables: list[Mapping[str, object]] = [IMAGE, SPEECH_PER_MILLION_CHARS, TRANSCRIPTION_PER_MINUTE, VIDEO_PER_SECOND,
                                       VIDEO_PER_CLIP, TOKENS_PER_MILLION]  # fmt: skip
    return any(key in table or any(k.startswith(key + ":") for k in table) for table in tables)
