"""Narration backends by name, and which backend speaks a storyboard's voice."""

from __future__ import annotations

from tools.speech.base import SpeechBackend, SpeechError
from tools.speech.espeak import EspeakSpeech
from tools.speech.hibari import HibariSpeech

BACKENDS: dict[str, SpeechBackend] = {b.name: b for b in (HibariSpeech(), EspeakSpeech())}
FALLBACK = "espeak"  # always works offline, so it is where a failed take goes


def resolve_voice(voice: str, default_backend: str) -> tuple[SpeechBackend, str]:
    """A voice is "NAME" (looked up in the default backend first, then the others) or "BACKEND:NAME"."""
    if default_backend not in BACKENDS:
        raise SpeechError(f"unknown speech backend {default_backend!r} (known: {', '.join(BACKENDS)})")
    backend_name, _, name = voice.partition(":") if ":" in voice else ("", "", voice)
    if backend_name:
        backend = BACKENDS.get(backend_name)
        if backend is None:
            raise SpeechError(f"unknown speech backend {backend_name!r} in voice {voice!r}")
        name = name or backend.voices[0]
        if name not in backend.voices:
            raise SpeechError(f"{backend_name} has no voice {name!r} (it has: {', '.join(backend.voices)})")
        return backend, name
    if voice in BACKENDS:  # "espeak" alone: that backend's first voice
        return BACKENDS[voice], BACKENDS[voice].voices[0]
    ordered = [BACKENDS[default_backend], *(b for b in BACKENDS.values() if b.name != default_backend)]
    for backend in ordered:
        if voice in backend.voices:
            return backend, voice
    if not voice:
        return ordered[0], ordered[0].voices[0]
    raise SpeechError(f"no offline voice called {voice!r} (available: {', '.join(available_voices())})")


def available_voices() -> list[str]:
    return [f"{b.name}:{v}" for b in BACKENDS.values() for v in b.voices]
