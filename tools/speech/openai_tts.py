"""Narration by OpenAI's text-to-speech, timed word by word by its transcription endpoint.

TTS returns audio and no timings, so each take is sent on to the transcription endpoint with
`timestamp_granularities=["word"]` (whisper-1), and the words it hears are matched to the narration's own
words: the captions show what the storyboard says, at the moments the voice says it. If the transcription
cannot be had, the words are spread over the voiced part of the take. Both results are paid for once and
cached by what was sent. The audio is asked for as raw PCM (24 kHz, 16-bit, mono) and wrapped here."""

from __future__ import annotations

import difflib
import hashlib
import io
import json
import re
from pathlib import Path
from typing import Any

import numpy as np

from settings import Settings
from tools.captions import Word
from tools.cloud import openai_sdk, prices, services
from tools.cloud.http import CloudError
from tools.cloud.ledger import Entry, Ledger
from tools.cloud.paid import paid_once
from tools.speech.base import Speech, SpeechError, spread_words, write_wav

RATE = 24_000
VOICES = ("alloy", "ash", "ballad", "coral", "echo", "fable", "nova", "onyx", "sage", "shimmer", "verse", "marin",
          "cedar")  # fmt: skip
MAX_INPUT = 4096  # characters per request
VOICED = 0.02  # a 20 ms window louder than this (RMS) has voice in it


def _plain(word: str) -> str:
    return re.sub(r"[^a-z0-9']", "", word.lower())


def align(said: list[str], heard: list[tuple[str, float, float]], duration: float) -> list[Word]:
    """The narration's words, timed by the transcript's: words matched in order take the times heard;
    a run the transcript missed or misheard is spread over the gap between its neighbours."""
    a, b = [_plain(w) for w in said], [_plain(w[0]) for w in heard]
    times: list[tuple[float, float] | None] = [None] * len(said)
    for block in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_matching_blocks():
        for k in range(block.size):
            _, start, end = heard[block.b + k]
            times[block.a + k] = (start, end)
    out: list[Word] = []
    i = 0
    while i < len(said):
        if times[i] is not None:
            start, end = times[i]  # type: ignore[misc]
            out.append(Word(said[i], round(start, 3), round(max(end, start + 0.05), 3)))
            i += 1
            continue
        j = i
        while j < len(said) and times[j] is None:
            j += 1
        begin = out[-1].end if out else 0.0
        finish = times[j][0] if j < len(said) else duration  # type: ignore[index]
        out += spread_words(said[i:j], begin, max(begin + 0.05 * (j - i), finish))
        i = j
    return out


def voiced_span(audio: np.ndarray, rate: int) -> tuple[float, float]:
    """Where the voice is in a take: from the first to the last loud 20 ms window."""
    window = max(1, rate // 50)
    frames = len(audio) // window
    if not frames:
        return 0.0, len(audio) / rate
    rms = np.sqrt((audio[: frames * window].reshape(frames, window) ** 2).mean(axis=1))
    loud = np.flatnonzero(rms > VOICED)
    if not len(loud):
        return 0.0, len(audio) / rate
    return loud[0] * window / rate, (loud[-1] + 1) * window / rate


class OpenAISpeech:
    name = "openai"
    voices: tuple[str, ...] = VOICES
    local = False

    def __init__(self, settings: Settings | None = None, ledger: Ledger | None = None) -> None:
        self.settings, self.ledger = settings, ledger

    def with_settings(self, settings: Settings, ledger: Ledger) -> OpenAISpeech:
        return OpenAISpeech(settings, ledger)

    def cost(self, text: str) -> float:
        s = self.settings
        if s is None:
            return 0.0
        seconds = len(text.split()) / 2.5  # narration runs about 150 words a minute
        return prices.speech_price(s.tts_model, len(text)) + prices.transcription_price(s.transcribe_model, seconds)

    def synthesize(self, text: str, voice: str, path: Path) -> Speech:
        s, ledger = self.settings, self.ledger
        if s is None or ledger is None:
            raise SpeechError("OpenAI speech needs the settings (its key and endpoint)")
        if not s.openai_api_key:
            raise SpeechError("OpenAI: OPENAI_API_KEY is not set")
        if voice not in self.voices:
            raise SpeechError(f"OpenAI has no voice {voice!r} (it has: {', '.join(self.voices)})")
        if len(text) > MAX_INPUT:
            raise SpeechError(f"OpenAI speaks at most {MAX_INPUT} characters at a time")
        service = services.openai_media(s)
        client = openai_sdk.client(service)
        args: dict[str, Any] = {"model": s.tts_model, "voice": voice, "input": text, "response_format": "pcm",
                                "speed": s.tts_speed}  # fmt: skip
        cache = ledger.paid_file(f"openai:{s.tts_model}", args, ".pcm")
        entry = Entry("openai", "speech", len(text), "characters", prices.speech_price(s.tts_model, len(text)),
                      cache.name)  # fmt: skip

        def speak() -> bytes:
            answer = openai_sdk.call(service, lambda: client.audio.speech.create(**args))
            data = bytes(answer.content)
            if len(data) < 2 * RATE // 10:  # under 0.1 s of audio for a sentence: not a take
                raise CloudError(service.name, "sent no audio")
            return data

        try:
            pcm = paid_once(cache, ledger, entry, speak)
        except CloudError as err:
            raise SpeechError(str(err)) from None
        audio = np.frombuffer(pcm[: len(pcm) // 2 * 2], dtype="<i2").astype(np.float32) / 32768.0
        write_wav(path, audio, RATE)
        duration = round(len(audio) / RATE, 3)
        words = self._timings(text, path, duration, audio, service, client)
        speech = Speech(path, RATE, duration, tuple(words))
        speech.save_words()
        return speech

    def _timings(self, text: str, wav: Path, duration: float, audio: np.ndarray, service: Any,
                 client: Any) -> list[Word]:  # fmt: skip
        s, ledger = self.settings, self.ledger
        assert s is not None and ledger is not None
        said = text.split()
        data = wav.read_bytes()
        cache = ledger.paid_file(f"openai:{s.transcribe_model}", hashlib.sha256(data).hexdigest(), ".json")
        entry = Entry("openai", "transcription", duration, "seconds",
                      prices.transcription_price(s.transcribe_model, duration), cache.name)  # fmt: skip

        def transcribe() -> bytes:
            answer = openai_sdk.call(service, lambda: client.audio.transcriptions.create(
                model=s.transcribe_model, file=("take.wav", io.BytesIO(data), "audio/wav"),
                response_format="verbose_json", timestamp_granularities=["word"]))  # fmt: skip
            words = [{"word": str(w.word), "start": float(w.start), "end": float(w.end)}
                     for w in (getattr(answer, "words", None) or [])]  # fmt: skip
            if not words:
                raise CloudError(service.name, "transcribed the take without word timings")
            return json.dumps(words).encode()

        try:
            heard = [(w["word"], w["start"], w["end"]) for w in json.loads(paid_once(cache, ledger, entry, transcribe))]
        except (CloudError, ValueError, KeyError, TypeError):
            start, end = voiced_span(audio, RATE)  # no timings to be had: spread over where the voice is
            return spread_words(said, start, end)
        return align(said, heard, duration)
