"""Narration backends by name, and which backend speaks a storyboard's voice."""

from __future__ import annotations

from typing import Any

from tools.speech.base import SpeechBackend, SpeechError
from tools.speech.espeak import EspeakSpeech
from tools.speech.hibari import HibariSpeech
from tools.speech.openai_tts import OpenAISpeech

BACKENDS: dict[str, SpeechBackend] = {b.name: b for b in (HibariSpeech(), EspeakSpeech(), OpenAISpeech())}
OFFLINE = "hibari"  # the offline default: where a take a paid service could not make goes
FALLBACK = "espeak"  # always works offline, so it is where a failed offline take goes
DEFAULT_VOICE = "heart"  # a storyboard's voice when nobody chose one: the chosen backend's own first voice


def configured(backend: SpeechBackend, settings: Any, ledger: Any) -> SpeechBackend:
    """A paid backend given its key, endpoint and the project's ledger; an offline one as it is."""
    attach = getattr(backend, "with_settings", None)
    return attach(settings, ledger) if attach else backend


def fallback_for(backend: SpeechBackend) -> tuple[SpeechBackend, str] | None:
    """Who speaks a take this backend could not: a paid voice falls back to the offline default, that to
    espeak-ng, and espeak-ng to nobody."""
    nxt = OFFLINE if getattr(backend, "local", True) is False else FALLBACK if backend.name != FALLBACK else ""
    return (BACKENDS[nxt], BACKENDS[nxt].voices[0]) if nxt else None


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
    chosen = BACKENDS[default_backend]
    if voice == DEFAULT_VOICE and voice not in chosen.voices:  # nobody picked a voice: the backend's own
        return chosen, chosen.voices[0]
    ordered = [chosen, *(b for b in BACKENDS.values() if b.name != default_backend)]
    for backend in ordered:
        if voice in backend.voices:
            return backend, voice
    if not voice:
        return ordered[0], ordered[0].voices[0]
    raise SpeechError(f"no voice called {voice!r} (available: {', '.join(available_voices())})")


def available_voices() -> list[str]:
    return [f"{b.name}:{v}" for b in BACKENDS.values() for v in b.voices]
