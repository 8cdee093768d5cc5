"""What a narration backend is: text and a voice in, a WAV file and per-word timings out."""

from __future__ import annotations

import json
import wave
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from tools.captions import Word
from tools.files import written


class SpeechError(RuntimeError):
    """The backend could not speak this text (missing voice, engine failure)."""


@dataclass(frozen=True)
class Speech:
    """A narration take: mono 16-bit WAV at `sample_rate`, and when each word is heard (seconds)."""

    path: Path
    sample_rate: int
    duration: float
    words: tuple[Word, ...]

    def save_words(self) -> None:
        data = {"sample_rate": self.sample_rate, "duration": self.duration, "words": [asdict(w) for w in self.words]}
        with written(self.path.with_suffix(".json")) as tmp:
            tmp.write_text(json.dumps(data), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Speech | None:
        """A take recorded earlier, or None when its files are missing or damaged (then it is recorded again)."""
        try:
            data = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
            words = tuple(Word(str(w["text"]), float(w["start"]), float(w["end"])) for w in data["words"])
            take = cls(path, int(data["sample_rate"]), float(data["duration"]), words)
            with wave.open(str(path), "rb") as src:  # the audio must be whole, too
                whole = abs(src.getnframes() / src.getframerate() - take.duration) < 0.05
        except (OSError, ValueError, KeyError, TypeError, EOFError, wave.Error):
            return None
        return take if whole else None


class SpeechBackend(Protocol):
    name: str
    voices: tuple[str, ...]

    def synthesize(self, text: str, voice: str, path: Path) -> Speech:
        """Speak `text` into the WAV at `path`; raise SpeechError if it cannot."""
        ...


def write_wav(path: Path, audio: np.ndarray, sample_rate: int) -> None:
    pcm = (np.clip(audio, -1.0, 1.0) * 32767.0).astype("<i2")
    with written(path) as tmp, wave.open(str(tmp), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(sample_rate)
        out.writeframes(pcm.tobytes())


def read_wav(path: Path) -> tuple[np.ndarray, int]:
    with wave.open(str(path), "rb") as src:
        rate, channels = src.getframerate(), src.getnchannels()
        pcm = np.frombuffer(src.readframes(src.getnframes()), dtype="<i2")
    audio = pcm.astype(np.float32) / 32768.0
    if channels > 1:
        audio = audio.reshape(-1, channels).mean(axis=1)
    return audio, rate


def spread_words(text_words: list[str], start: float, end: float) -> list[Word]:
    """Timings by character share of a span: the fallback when a backend cannot align words itself."""
    weights = [len(w) + 1 for w in text_words]
    total = sum(weights) or 1
    out, t = [], start
    for word, weight in zip(text_words, weights, strict=True):
        step = (end - start) * weight / total
        out.append(Word(word, round(t, 3), round(t + step, 3)))
        t += step
    return out
