"""What a music backend is: a mood, a tempo and a length in, a WAV as long as the film out."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol


class MusicError(RuntimeError):
    """The backend could not make this score."""


class MusicBackend(Protocol):
    name: str

    def compose(self, mood: str, tempo: int | None, seconds: float, path: Path) -> Path:
        """Write a stereo WAV of exactly `seconds` to `path`, fading out at the end; return the path."""
        ...
