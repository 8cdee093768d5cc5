"""What a motion backend is: a frame, a prompt and a wanted length in, a video clip out (any size or rate;
the Editor fits it to the film)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol


class MotionError(RuntimeError):
    """The backend could not animate this frame; the scene keeps its Ken Burns move."""


@dataclass(frozen=True)
class MotionRequest:
    image: Path  # the scene's frame: the clip's first frame
    prompt: str  # what moves, in words
    seconds: float  # how long the scene is on screen
    width: int
    height: int
    seed: int = 0
    last_image: Path | None = None  # where the move ends, for backends that take a last frame (takes_last_frame)


class MotionBackend(Protocol):
    name: str

    def cost(self, request: MotionRequest) -> float: ...

    def animate(self, request: MotionRequest) -> Path:
        """The clip, an MP4 in the project's paid cache (paid for once, named by what was sent)."""
        ...
