"""Music backends by name ("none" leaves the film without a score)."""

from __future__ import annotations

from tools.music.base import MusicBackend, MusicError
from tools.music.midi import MidiMusic

BACKENDS: dict[str, MusicBackend | None] = {"midi": MidiMusic(), "none": None}


def music_backend(name: str) -> MusicBackend | None:
    if name not in BACKENDS:
        raise MusicError(f"unknown music backend {name!r} (known: {', '.join(BACKENDS)})")
    return BACKENDS[name]
