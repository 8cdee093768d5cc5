"""The drawing surface: relative coordinates, a hand's wobble, hatching for shadows and the mood's colour grade."""

from __future__ import annotations

import colorsys
import math
import random

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from tools.images.palette import GRAPHITE, PAPER, RGB, mix

Point = tuple[float, float]
SUPERSAMPLE = 2  # shapes are drawn at twice the size and filtered down: smooth edges without a vector library


def mood_grade(colour: RGB, mood: str) -> RGB:
    """Dark moods cool and desaturate the palette; warm ones warm it."""
    h, lightness, s = colorsys.rgb_to_hls(*(c / 255 for c in colour))
    m = mood.lower()
    tint: RGB | None = None
    if any(w in m for w in ("dark", "tense", "myster", "eerie", "sad", "somber", "ominous", "storm", "lonely")):
        s, lightness, tint = s * 0.7, lightness * 0.88, (58, 70, 104)
    elif any(w in m for w in ("warm", "happy", "joy", "romant", "hope", "tender", "golden")):
        s, tint = min(1.0, s * 1.1), (250, 200, 140)
    r, g, b = colorsys.hls_to_rgb(h, min(1.0, lightness), min(1.0, s))
    graded = (round(r * 255), round(g * 255), round(b * 255))
    return mix(graded, tint, 0.12) if tint else graded


class Canvas:
    """A drawing surface in relative coordinates (0..1 on each axis) with a hatching layer for shadows."""

    def __init__(self, width: int, height: int, rng: random.Random, mood: str) -> None:
        self.w, self.h = width * SUPERSAMPLE, height * SUPERSAMPLE
        self.u = min(self.w, self.h) / 1080  # one line-weight unit
        self.image = Image.new("RGB", (self.w, self.h), PAPER)
        self.draw = ImageDraw.Draw(self.image)
        self.shade = Image.new("L", (self.w, self.h), 0)  # where hatching goes
        self.shade_draw = ImageDraw.Draw(self.shade)
        self.rng = rng
        self.mood = mood

    def soften(self, mask: Image.Image, radius: float) -> Image.Image:
        """A wide blur of a mask, done at a quarter of the size: a glow has no detail to lose."""
        small = mask.resize((self.w // 4, self.h // 4), Image.Resampling.BOX)
        blurred = small.filter(ImageFilter.GaussianBlur(radius * self.u / 4))
        return blurred.resize((self.w, self.h), Image.Resampling.BILINEAR)

    def px(self, p: Point) -> tuple[float, float]:
        return (p[0] * self.w, p[1] * self.h)

    def wobble(self, points: list[Point], amount: float = 0.0015) -> list[tuple[float, float]]:
        """A hand's slight unsteadiness, so lines do not look ruled."""
        return [
            self.px((x + self.rng.uniform(-amount, amount), y + self.rng.uniform(-amount, amount))) for x, y in points
        ]

    def shape(self, points: list[Point], fill: RGB, line: float = 2.0, hatch: int = 0, grade: bool = True) -> None:
        colour = mood_grade(fill, self.mood) if grade else fill
        pts = self.wobble(points)
        self.draw.polygon(pts, fill=colour, outline=GRAPHITE if line else None, width=max(1, round(line * self.u)))
        if hatch:
            self.shade_draw.polygon(pts, fill=hatch)

    def rect(self, x0: float, y0: float, x1: float, y1: float, fill: RGB, line: float = 2.0, hatch: int = 0,
             grade: bool = True) -> None:  # fmt: skip
        self.shape([(x0, y0), (x1, y0), (x1, y1), (x0, y1)], fill, line=line, hatch=hatch, grade=grade)

    def ellipse(
        self,
        box: tuple[float, float, float, float],
        fill: RGB | None,
        line: float = 2.0,
        outline: RGB = GRAPHITE,
        grade: bool = True,
        hatch: int = 0,
    ) -> None:
        x0, y0 = self.px(box[:2])
        x1, y1 = self.px(box[2:])
        x0, x1 = min(x0, x1), max(x0, x1)  # a box given right to left, as a figure facing left draws it
        y0, y1 = min(y0, y1), max(y0, y1)
        colour = (mood_grade(fill, self.mood) if grade else fill) if fill else None
        self.draw.ellipse(
            (x0, y0, x1, y1), fill=colour, outline=outline if line else None, width=max(1, round(line * self.u))
        )
        if hatch:
            self.shade_draw.ellipse((x0, y0, x1, y1), fill=hatch)

    def line(self, points: list[Point], colour: RGB = GRAPHITE, width: float = 2.0) -> None:
        self.draw.line(self.wobble(points, 0.0008), fill=colour, width=max(1, round(width * self.u)), joint="curve")

    def ridge(self, base: float, height: float, bumps: int, fill: RGB, jag: float = 0.5, hatch: int = 0) -> None:
        """A layer of land: a ragged silhouette across the frame, filled down to the bottom."""
        xs = np.linspace(-0.05, 1.05, bumps * 4 + 1)
        phase = self.rng.uniform(0, 6.28)
        ys = [
            base
            - height * (0.55 + 0.45 * math.sin(x * bumps * 3.1 + phase) * (1 - jag) + jag * self.rng.uniform(-0.5, 0.5))
            for x in xs
        ]
        self.shape([(-0.05, 1.05), *zip(xs, ys, strict=True), (1.05, 1.05)], fill, hatch=hatch)
