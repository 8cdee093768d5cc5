"""Frame backends by name."""

from __future__ import annotations

from tools.images.animatic import AnimaticImages
from tools.images.base import ImageBackend, ImageError

BACKENDS: dict[str, ImageBackend] = {b.name: b for b in (AnimaticImages(),)}


def image_backend(name: str) -> ImageBackend:
    if name not in BACKENDS:
        raise ImageError(f"unknown image backend {name!r} (known: {', '.join(BACKENDS)})")
    return BACKENDS[name]
