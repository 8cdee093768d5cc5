"""What a frame backend is: a shot prompt (and a few plain hints) in, one still image file out."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Protocol


class ImageError(RuntimeError):
    """The backend could not make this frame."""


@dataclass(frozen=True)
class Figure:
    """Someone in the frame, by name and fixed visual description."""

    name: str
    description: str = ""

    @property
    def role(self) -> str:
        """What the description says they are, from its opening words: "a lost robot, small..." -> "lost robot"."""
        found = re.match(r"an? ([a-z -]+?)(?:,| with |$)", self.description.lower())
        return found.group(1) if found else ""


@dataclass(frozen=True)
class FrameRequest:
    """A frame to make. `prompt` is what a text-to-image model reads; the hints let an offline renderer
    compose the shot the way the prompt asks without understanding language."""

    prompt: str
    width: int
    height: int
    shot: str = "medium"
    camera: str = "static"
    mood: str = ""
    figures: tuple[Figure, ...] = field(default_factory=tuple)
    label: str = ""  # e.g. "SC 3" for the corner of a storyboard panel
    seed: int = 0
    references: tuple[str, ...] = ()  # pictures of the characters in shot, for backends that take them

    def key(self, backend: str) -> str:
        """The content hash that names the file: the same request to the same backend is a cache hit (and a
        reference picture counts by its content, not its name)."""
        fields = asdict(self)
        fields["references"] = [_digest(Path(p)) for p in self.references]
        if not fields["references"]:
            del fields["references"]  # frames drawn before references existed keep their names
        blob = json.dumps({"backend": backend, **fields}, sort_keys=True)
        return hashlib.sha256(blob.encode()).hexdigest()[:20]


def _digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    except OSError:
        return f"missing:{path}"


class ImageBackend(Protocol):
    name: str

    def generate(self, request: FrameRequest, path: Path) -> Path:
        """Write the frame (PNG, request.width x request.height) to `path` and return it."""
        ...
