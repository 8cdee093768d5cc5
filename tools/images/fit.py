"""A generated picture, whatever size the service drew, cropped and scaled to exactly the frame's size."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from tools.files import written
from tools.images.base import ImageError


def fitted_png(data: bytes, width: int, height: int, path: Path, cache: Path, service: str) -> Path:
    """Fill width x height from the middle of the picture (its ratio is the nearest the service draws)
    and write it as PNG. Bytes that are not a picture are dropped from the paid cache and refused."""
    try:
        with Image.open(io.BytesIO(data)) as picture:
            picture.load()
            frame = ImageOps.fit(picture.convert("RGB"), (width, height), Image.Resampling.LANCZOS)
    except (UnidentifiedImageError, OSError, ValueError) as err:
        cache.unlink(missing_ok=True)
        raise ImageError(f"{service} sent something that is not a picture ({type(err).__name__})") from None
    with written(path) as tmp:
        frame.save(tmp, format="PNG")
    return path
