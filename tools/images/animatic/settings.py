"""Settings as layered silhouettes, far to near, each in its own painter; PAINTERS maps a setting to it."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PIL import Image, ImageDraw

from tools.images.animatic.canvas import Canvas
from tools.images.animatic.reading import Scene
from tools.images.animatic.sky import SKIES
from tools.images.palette import GRAPHITE, RGB, mix


def _far(c: Canvas, colour: RGB, scene: Scene, amount: float) -> RGB:
    """Atmospheric perspective: far layers take on the colour of the sky at the horizon."""
    return mix(colour, SKIES[scene.time][1], amount)


def paint_sea(c: Canvas, scene: Scene, horizon: float) -> None:
    c.ridge(horizon, 0.05, 3, _far(c, (96, 110, 120), scene, 0.55))  # distant headland
    water = (48, 92, 128) if scene.time != "night" else (22, 36, 64)
    c.shape([(-0.05, horizon), (1.05, horizon), (1.05, 1.05), (-0.05, 1.05)], water, line=1.0)
    rough = 3 if scene.weather == "storm" else 1
    for _ in range(26 * rough):
        y = horizon + (1 - horizon) * (c.rng.random() ** 1.6)
        x = c.rng.random()
        length = 0.02 + 0.06 * (y - horizon) / (1 - horizon)
        lift = 0.006 * rough * (1 + (y - horizon) * 4)
        c.line([(x, y), (x + length / 2, y - lift), (x + length, y)], mix(water, (236, 240, 240), 0.55), 1.6)
    if "lighthouse" in scene.text:
        bx, top = 0.80, horizon - 0.36
        c.shape(
            [(0.70, horizon + 0.02), (0.74, horizon - 0.07), (0.90, horizon - 0.09), (0.96, horizon + 0.02)],
            (84, 78, 72),
            hatch=90,
        )  # the rock it stands on
        c.shape(
            [(bx - 0.035, horizon - 0.06), (bx - 0.022, top), (bx + 0.022, top), (bx + 0.035, horizon - 0.06)],
            (236, 230, 220),
        )
        for k in range(3):
            y = horizon - 0.06 - (k + 0.5) * (horizon - 0.06 - top) / 3.4
            c.shape(
                [
                    (bx - 0.032 + k * 0.003, y),
                    (bx + 0.032 - k * 0.003, y),
                    (bx + 0.03 - k * 0.003, y - 0.035),
                    (bx - 0.03 + k * 0.003, y - 0.035),
                ],
                (178, 52, 44),
                line=1,
            )
        c.shape(
            [(bx - 0.025, top), (bx + 0.025, top), (bx + 0.018, top - 0.05), (bx - 0.018, top - 0.05)],
            (250, 230, 140) if scene.time in ("night", "dusk") else (180, 190, 196),
        )
        c.shape([(bx - 0.03, top - 0.05), (bx + 0.03, top - 0.05), (bx, top - 0.09)], (60, 58, 60))
        if scene.time in ("night", "dusk") or scene.weather in ("storm", "fog"):
            glow = Image.new("L", (c.w, c.h), 0)
            ImageDraw.Draw(glow).polygon(
                [c.px((bx, top - 0.025)), c.px((0.2, top - 0.14)), c.px((0.2, top + 0.1))], fill=70
            )
            c.image.paste((255, 240, 180), (0, 0), c.soften(glow, 8))
    c.shape(
        [
            (-0.05, 1.05),
            (-0.05, horizon + 0.2),
            (0.3, horizon + 0.17),
            (0.62, horizon + 0.21),
            (0.8, horizon + 0.3),
            (1.05, horizon + 0.36),
            (1.05, 1.05),
        ],
        (196, 174, 130),
        hatch=35,
    )  # the shore
    if any(w in scene.text for w in ("boat", "ship")):
        bx, by = 0.30, horizon + 0.07
        c.shape([(bx - 0.07, by), (bx + 0.07, by), (bx + 0.05, by + 0.03), (bx - 0.05, by + 0.03)], (110, 70, 46))
        c.shape([(bx, by - 0.002), (bx, by - 0.12), (bx + 0.05, by - 0.01)], (236, 230, 214))


def paint_city(c: Canvas, scene: Scene, horizon: float) -> None:
    lit = scene.time in ("night", "dusk")
    for layer, (shade, base_h) in enumerate(((0.6, 0.30), (0.3, 0.42), (0.0, 0.50))):
        x = -0.02 + c.rng.uniform(0, 0.04)
        while x < 1.02:
            w = c.rng.uniform(0.05, 0.11)
            top = horizon + 0.12 * layer - base_h * c.rng.uniform(0.5, 1.0)
            wall = _far(c, (92 + 18 * layer, 90 + 10 * layer, 100), scene, shade)
            c.shape(
                [(x, horizon + 0.14 * layer + 0.2), (x, top), (x + w, top), (x + w, horizon + 0.14 * layer + 0.2)],
                wall,
                hatch=60 * layer,
            )
            if layer == 2:
                for wy in np.arange(top + 0.03, horizon + 0.2, 0.06):
                    for wx in np.arange(x + 0.012, x + w - 0.02, 0.025):
                        on = lit and c.rng.random() < 0.45
                        glass = (250, 214, 120) if on else mix(wall, (30, 34, 44), 0.4)
                        c.shape(
                            [(wx, wy), (wx + 0.012, wy), (wx + 0.012, wy + 0.028), (wx, wy + 0.028)],
                            glass,
                            line=0.8,
                            grade=not on,
                        )
            x += w + c.rng.uniform(0.0, 0.02)
    c.shape([(-0.05, horizon + 0.48), (1.05, horizon + 0.48), (1.05, 1.05), (-0.05, 1.05)], (86, 84, 88))


def _tree(c: Canvas, x: float, base: float, height: float, colour: RGB, hatch: int) -> None:
    w = height * 0.32 * c.h / c.w
    c.shape(
        [
            (x - w * 0.08, base),
            (x - w * 0.08, base - height * 0.25),
            (x + w * 0.08, base - height * 0.25),
            (x + w * 0.08, base),
        ],
        (86, 62, 44),
        line=1.2,
    )
    for k in range(3):
        y0 = base - height * (0.2 + 0.26 * k)
        c.shape(
            [(x - w * (1 - 0.22 * k), y0), (x, y0 - height * 0.42), (x + w * (1 - 0.22 * k), y0)], colour, hatch=hatch
        )


def paint_forest(c: Canvas, scene: Scene, horizon: float) -> None:
    c.ridge(horizon, 0.06, 2, _far(c, (70, 100, 80), scene, 0.5))
    for layer in range(3):
        colour = _far(c, (50 + 12 * layer, 96 + 10 * layer, 60), scene, 0.45 - 0.2 * layer)
        base = horizon + 0.05 + 0.12 * layer
        x = c.rng.uniform(-0.05, 0.05)
        while x < 1.05:
            _tree(c, x, base, 0.22 + 0.14 * layer + c.rng.uniform(0, 0.08), colour, 50 * layer)
            x += c.rng.uniform(0.06, 0.13) + 0.03 * layer
    c.shape([(-0.05, horizon + 0.3), (1.05, horizon + 0.28), (1.05, 1.05), (-0.05, 1.05)], (74, 92, 56), line=1)


def paint_mountains(c: Canvas, scene: Scene, horizon: float) -> None:
    snow = scene.weather == "snow" or "snow" in scene.text
    c.ridge(horizon, 0.34, 3, _far(c, (110, 116, 140), scene, 0.55), jag=0.7)
    c.ridge(
        horizon + 0.06, 0.22, 4, _far(c, (88, 96, 110) if not snow else (200, 206, 214), scene, 0.3), jag=0.6, hatch=40
    )
    c.ridge(horizon + 0.2, 0.12, 5, (92, 106, 70) if not snow else (228, 230, 234), jag=0.4, hatch=60)
    if any(w in scene.text for w in ("house", "cottage", "cabin", "hut")):
        _house(c, 0.3, horizon + 0.16, 0.09)


def paint_desert(c: Canvas, scene: Scene, horizon: float) -> None:
    c.ridge(horizon, 0.08, 2, _far(c, (196, 150, 100), scene, 0.4), jag=0.1)
    c.ridge(horizon + 0.12, 0.1, 2, (214, 168, 110), jag=0.05, hatch=30)
    c.ridge(horizon + 0.3, 0.1, 1, (226, 184, 124), jag=0.05)


def paint_space(c: Canvas, scene: Scene, horizon: float) -> None:
    r = 0.26
    c.ellipse((0.56, 0.32, 0.56 + 2 * r * c.h / c.w, 0.32 + 2 * r), (80, 116, 170), line=2.5, grade=False)
    c.ellipse((0.61, 0.40, 0.61 + 0.6 * r * c.h / c.w, 0.40 + 0.45 * r), (110, 150, 120), line=0, grade=False)
    c.ellipse((0.12, 0.12, 0.12 + 0.05 * c.h / c.w, 0.17), (214, 200, 180), line=1.5, grade=False)
    if any(w in scene.text for w in ("ship", "station", "rocket")):
        c.shape([(0.16, 0.62), (0.36, 0.56), (0.40, 0.58), (0.36, 0.61), (0.18, 0.66)], (190, 196, 204))


def paint_interior(c: Canvas, scene: Scene, horizon: float) -> None:
    wall = (178, 150, 118) if scene.time != "night" else (96, 82, 74)
    floor_y = 0.72
    c.shape([(-0.05, -0.05), (1.05, -0.05), (1.05, floor_y), (-0.05, floor_y)], wall, line=0)
    c.shape([(-0.05, floor_y), (1.05, floor_y), (1.05, 1.05), (-0.05, 1.05)], (120, 86, 60), hatch=50)
    for k in range(1, 8):  # floorboards converge on the vanishing point
        c.line([(0.5 + (k - 4) * 0.04, floor_y), (0.5 + (k - 4) * 0.32, 1.05)], (90, 64, 46), 1.4)
    wx0, wx1, wy0, wy1 = 0.58, 0.80, 0.14, 0.50
    outside = SKIES["night" if scene.time == "night" else "day"][0]
    if scene.weather in ("storm", "rain"):
        outside = (74, 80, 92)
    c.shape([(wx0, wy0), (wx1, wy0), (wx1, wy1), (wx0, wy1)], outside, line=3, grade=False)
    c.line([((wx0 + wx1) / 2, wy0), ((wx0 + wx1) / 2, wy1)], GRAPHITE, 3)
    c.line([(wx0, (wy0 + wy1) / 2), (wx1, (wy0 + wy1) / 2)], GRAPHITE, 3)
    if scene.weather in ("rain", "storm"):
        for _ in range(24):
            x, y = c.rng.uniform(wx0, wx1), c.rng.uniform(wy0, wy1 - 0.05)
            c.line([(x, y), (x - 0.006, y + 0.04)], (200, 210, 220), 1)
    c.shape([(0.10, 0.60), (0.40, 0.60), (0.40, 0.64), (0.10, 0.64)], (110, 72, 46))  # table
    for x in (0.12, 0.37):
        c.shape([(x, 0.64), (x + 0.015, 0.64), (x + 0.015, 0.80), (x, 0.80)], (96, 62, 40))
    c.shape([(0.22, 0.60), (0.25, 0.52), (0.28, 0.60)], (214, 190, 120))  # a lamp, warm light
    glow = Image.new("L", (c.w, c.h), 0)
    ImageDraw.Draw(glow).ellipse((*c.px((0.10, 0.36)), *c.px((0.40, 0.70))), fill=60)
    c.image.paste((255, 226, 160), (0, 0), c.soften(glow, 20))


def _house(c: Canvas, x: float, base: float, size: float) -> None:
    w = size * c.h / c.w
    c.shape([(x - w, base), (x - w, base - size), (x + w, base - size), (x + w, base)], (200, 186, 160), hatch=30)
    c.shape([(x - w * 1.2, base - size), (x, base - size * 1.8), (x + w * 1.2, base - size)], (140, 60, 50))
    c.shape(
        [(x - w * 0.3, base), (x - w * 0.3, base - size * 0.6), (x + w * 0.1, base - size * 0.6), (x + w * 0.1, base)],
        (90, 64, 50),
    )


def paint_fields(c: Canvas, scene: Scene, horizon: float) -> None:
    c.ridge(horizon, 0.05, 2, _far(c, (110, 140, 96), scene, 0.5), jag=0.1)
    c.ridge(horizon + 0.1, 0.08, 2, (110, 150, 80), jag=0.1, hatch=20)
    c.ridge(horizon + 0.26, 0.06, 1, (96, 136, 66), jag=0.05)
    if any(w in scene.text for w in ("house", "cottage", "cabin", "farm", "village")):
        _house(c, 0.22, horizon + 0.08, 0.08)
    _tree(c, 0.86, horizon + 0.2, 0.3, (70, 116, 64), 40)


PAINTERS: dict[str, Callable[[Canvas, Scene, float], None]] = {
    "sea": paint_sea,
    "city": paint_city,
    "forest": paint_forest,
    "mountains": paint_mountains,
    "desert": paint_desert,
    "space": paint_space,
    "interior": paint_interior,
    "fields": paint_fields,
}
