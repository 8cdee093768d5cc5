"""Offline narration with hibari-tts's bundled voice, timed per word from the model's own phoneme durations."""

from __future__ import annotations

import re
import threading
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from tools.captions import Word
from tools.files import written
from tools.speech.base import Speech, SpeechError, spread_words, write_wav

# The duration predictor's integer output inside hibari.onnx: one value per phoneme id, in units
# of two spectrogram frames. Exposing it as an extra graph output gives exact word timings.
DURATION_TENSOR = "/Cast_32_output_0"
LEAD_IN = 0.12  # seconds of silence kept before a take's first word (the model makes ~0.33 s)
_WORDLIKE = re.compile(r"[^\s.,;:!?…—–\-\"'“”‘’()\[\]]")


class HibariSpeech:
    """The "heart" voice (American English, female), 24 kHz. Other hibari voices download at first use,
    which an offline tool must not do, so they are not offered."""

    name = "hibari"
    voices: tuple[str, ...] = ("heart",)

    def __init__(self) -> None:
        self._lock = threading.Lock()  # one onnxruntime session, shared by render threads

    @cached_property
    def _engine(self) -> tuple[Any, Any]:
        """hibari with the timed model: built once per machine into the user cache, then loaded directly
        (one onnxruntime session, no graph surgery on every start)."""
        from hibari import Hibari

        return (tts := Hibari(voice="heart", model=str(_timed_model()))), tts.sess

    def synthesize(self, text: str, voice: str, path: Path) -> Speech:
        if voice not in self.voices:
            raise SpeechError(f"hibari has no offline voice {voice!r} (it has: {', '.join(self.voices)})")
        try:
            with self._lock:
                audio, words, rate = self._speak(text)
        except SpeechError:
            raise
        except Exception as err:  # the G2P and the model raise many kinds; the caller falls back
            raise SpeechError(f"hibari could not speak this text: {err}") from err
        write_wav(path, audio, rate)
        speech = Speech(path, rate, round(len(audio) / rate, 3), tuple(words))
        speech.save_words()
        return speech

    def _speak(self, text: str) -> tuple[np.ndarray, list[Word], int]:
        from hibari import dsp

        tts, session = self._engine
        rate = int(tts.sample_rate)
        rng = np.random.default_rng(0)  # fixed noise: the same text gives the same file
        pieces: list[np.ndarray] = []
        words: list[Word] = []
        offset = 0  # samples already placed
        for sentence in tts.split_sentences(text):
            spans: list[tuple[float, float]] = []
            for phonemes in tts.phonemize(sentence):
                ids = tts.ids(phonemes)
                if len(ids) < 3:
                    continue
                feed = {"ids": np.asarray([ids], np.int64), "speed": np.asarray([1.0], np.float32)}
                *spectra, durations = session.run(None, feed)  # spectra are batched, durations not
                lh, th, ln, lr, phi, f0 = (o[0] for o in spectra)
                audio = dsp.synth(lh, th, ln, lr, phi, f0, rng)
                unit = len(audio) / max(1, int(np.sum(durations)))
                trim = 0
                if not pieces:  # tighten the model's long lead-in on the take's first sentence only
                    trim = max(0, int(durations[0] * unit - LEAD_IN * rate))
                    audio = audio[trim:]
                ends = np.cumsum(durations) * unit - trim
                starts = ends - np.asarray(durations) * unit
                spans += _word_spans(phonemes, tts.vocab, starts, ends, offset, rate)
                pieces.append(audio)
                offset += len(audio)
            text_words = sentence.split()
            if spans and len(spans) == len(text_words):
                words += [
                    Word(w, round(float(a), 3), round(float(b), 3)) for w, (a, b) in zip(text_words, spans, strict=True)
                ]
            elif spans:  # numbers and symbols expand to other word counts: share the sentence's span
                words += spread_words(text_words, float(spans[0][0]), float(spans[-1][1]))
        if not pieces:
            raise SpeechError("there is nothing to say in this text")
        return np.concatenate(pieces), words, rate


def _timed_model() -> Path:
    """hibari's "heart" model with the duration tensor exposed as an extra output, cached by the hash of
    the original so a new hibari release rebuilds it."""
    import hashlib

    from hibari.voices import voice_path
    from platformdirs import user_cache_path

    original = Path(voice_path("heart"))
    digest = hashlib.sha256(original.read_bytes()).hexdigest()[:16]
    timed = user_cache_path("crewcut") / f"hibari-heart-timed-{digest}.onnx"
    if not timed.exists():
        import onnx

        model = onnx.load(str(original))
        model.graph.output.append(onnx.helper.make_tensor_value_info(DURATION_TENSOR, onnx.TensorProto.INT64, None))
        timed.parent.mkdir(parents=True, exist_ok=True)
        with written(timed) as tmp:  # atomic: parallel first runs never see half a model
            onnx.save(model, str(tmp))
    return timed


def _word_spans(
    phonemes: str, vocab: dict[str, int], starts: np.ndarray, ends: np.ndarray, offset: int, rate: int
) -> list[tuple[float, float]]:
    """(start, end) seconds of each spoken word: phoneme ids map 1:1 to the characters hibari keeps,
    after a leading pad id; words are the space-separated groups that hold a sound."""
    spans: list[tuple[float, float]] = []
    index = 1  # id 0 is the leading pad
    group: list[int] = []
    group_text = ""
    for char in [*phonemes, " "]:
        if char == " ":
            if group and _WORDLIKE.search(group_text):
                spans.append(((starts[group[0]] + offset) / rate, (ends[group[-1]] + offset) / rate))
            elif group and spans:  # punctuation alone: it belongs to the word before
                spans[-1] = (spans[-1][0], (ends[group[-1]] + offset) / rate)
            group, group_text = [], ""
            if char in vocab:
                index += 1
            continue
        if char in vocab:
            group.append(index)
            group_text += char
            index += 1
    return spans
