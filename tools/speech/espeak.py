"""Offline narration with espeak-ng (bundled by espeakng-loader): robotic, but always works, with exact word events."""

from __future__ import annotations

import ctypes
import re
import threading
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from tools.captions import Word
from tools.speech.base import Speech, SpeechError, write_wav

AUDIO_OUTPUT_SYNCHRONOUS = 2
POS_CHARACTER = 1
CHARS_UTF8 = 1
EVENT_LIST_TERMINATED, EVENT_WORD = 0, 1


class _Event(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("unique_identifier", ctypes.c_uint),
        ("text_position", ctypes.c_int),
        ("length", ctypes.c_int),
        ("audio_position", ctypes.c_int),
        ("sample", ctypes.c_int),
        ("user_data", ctypes.c_void_p),
        ("id", ctypes.c_char * 8),
    ]


_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.POINTER(_Event))
_TOKEN = re.compile(r"\S+")
_LOCK = threading.Lock()  # the library keeps one global synthesizer


class EspeakSpeech:
    """Voices are espeak-ng voice names ("en-us", "en-gb", ...); "espeak" alone means en-us."""

    name = "espeak"
    voices: tuple[str, ...] = ("en-us", "en-gb", "en-gb-scotland", "en-029")

    @cached_property
    def _lib(self) -> tuple[Any, int]:
        import espeakng_loader

        lib = ctypes.CDLL(espeakng_loader.get_library_path())
        lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_Synth.argtypes = [
            ctypes.c_void_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int,
            ctypes.c_uint, ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p,
        ]  # fmt: skip
        rate = lib.espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 500, espeakng_loader.get_data_path().encode(), 0)
        if rate <= 0:
            raise SpeechError("espeak-ng did not start (its data folder is missing?)")
        return lib, rate

    def synthesize(self, text: str, voice: str, path: Path) -> Speech:
        voice = voice or "en-us"
        if voice not in self.voices:
            raise SpeechError(f"espeak has no voice {voice!r} (it has: {', '.join(self.voices)})")
        if not re.search(r"\w", text):
            raise SpeechError("there is nothing to say in this text")
        with _LOCK:
            lib, rate = self._lib
            chunks: list[np.ndarray] = []
            marks: list[tuple[int, int, int]] = []  # (ms, char position, length)

            def on_audio(wav: Any, count: int, events: Any) -> int:
                if count > 0:
                    chunks.append(np.ctypeslib.as_array(wav, shape=(count,)).copy())
                i = 0
                while events[i].type != EVENT_LIST_TERMINATED:
                    e = events[i]
                    if e.type == EVENT_WORD:
                        marks.append((e.audio_position, e.text_position, e.length))
                    i += 1
                return 0

            callback = _CALLBACK(on_audio)  # kept alive until the synthesis returns
            lib.espeak_SetSynthCallback(callback)
            if lib.espeak_SetVoiceByName(voice.encode()) != 0:
                raise SpeechError(f"espeak-ng could not load voice {voice!r}")
            data = text.encode("utf-8")
            if lib.espeak_Synth(data, len(data) + 1, 0, POS_CHARACTER, 0, CHARS_UTF8, None, None) != 0:
                raise SpeechError("espeak-ng failed to synthesize this text")
            lib.espeak_Synchronize()
        if not chunks:
            raise SpeechError("espeak-ng produced no audio")
        audio = np.concatenate(chunks).astype(np.float32) / 32768.0
        duration = len(audio) / rate
        words: list[Word] = []
        for i, (ms, pos, _length) in enumerate(marks):
            start = ms / 1000
            end = marks[i + 1][0] / 1000 if i + 1 < len(marks) else duration
            # The whole whitespace-separated token, so captions keep its punctuation.
            found = _TOKEN.match(text, pos - 1) or _TOKEN.search(text, max(0, pos - 1))
            if found:
                words.append(Word(found.group(), round(start, 3), round(max(end - 0.05, start + 0.05), 3)))
        write_wav(path, audio, rate)
        speech = Speech(path, rate, round(duration, 3), tuple(words))
        speech.save_words()
        return speech
