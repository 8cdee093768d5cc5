"""The paper-and-pencil finish: hatching in the shadows, paper showing through, grain and a vignette."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageChops, ImageDraw

from tools.images.animatic.canvas import SUPERSAMPLE, Canvas
from tools.images.palette import GRAPHITE, PAPER


def vignette(width: int, height: int, strength: float) -> np.ndarray:
    """A gentle darkening toward the corners, as a (height, width) multiplier."""
    xs = (np.arange(width, dtype=np.float32) / width - 0.5) ** 2
    ys = (np.arange(height, dtype=np.float32) / height - 0.5) ** 2
    return 1 - strength * 2.2 * (ys[:, None] + xs[None, :])


def _hatching(width: int, height: int, spacing: int, thickness: int) -> Image.Image:
    pattern = Image.new("L", (width, height), 0)
    d = ImageDraw.Draw(pattern)
    for k in range(-height, width, spacing):
        d.line((k, height, k + height, 0), fill=255, width=thickness)
    return pattern


def pencil_finish(c: Canvas, seed: int, exposure: float = 1.0) -> Image.Image:
    """Hatch the shadows, soften to the final size, lay the colour on paper, and add a faint grain.

    `exposure` dims the whole panel for the hour (dusk and night are darker all over, not only in the sky).
    Grain is kept low-frequency on purpose: fine noise costs the encoder more than the whole camera move."""
    hatch = _hatching(c.w, c.h, max(4, round(9 * c.u)), max(1, round(1.2 * c.u)))
    mask = ImageChops.multiply(c.shade, hatch)
    c.image.paste(GRAPHITE, (0, 0), mask.point(lambda v: v * 0.55))
    w, h = c.w // SUPERSAMPLE, c.h // SUPERSAMPLE
    img = c.image.reduce(SUPERSAMPLE)  # a box filter: exact for a whole-number downsample, and fast
    arr = np.asarray(img).astype(np.float32)
    paper = np.array(PAPER, np.float32)
    arr = arr * 0.84 + paper * 0.16  # colour pencil never covers the paper completely
    rng = np.random.default_rng(seed)
    grain = rng.normal(0, 1, (h // 8 + 2, w // 8 + 2)).astype(np.float32)
    grain_img = Image.fromarray(((grain * 20) + 128).clip(0, 255).astype(np.uint8)).resize(
        (w, h), Image.Resampling.BICUBIC
    )
    arr += (np.asarray(grain_img, np.float32)[..., None] - 128) * 0.12
    arr *= vignette(w, h, 0.18)[..., None] * exposure
    return Image.fromarray(arr.clip(0, 255).astype(np.uint8))
