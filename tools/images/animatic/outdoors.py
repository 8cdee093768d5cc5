"""Settings under the open sky, as layered silhouettes from far to near: sea, city, forest, mountains, desert,
fields, a market, a castle, the polar ice."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from tools.images.animatic.canvas import Canvas
from tools.images.animatic.reading import Scene
from tools.images.animatic.sky import far
from tools.images.palette import GRAPHITE, RGB, mix


def paint_sea(c: Canvas, scene: Scene, horizon: float) -> None:
    c.ridge(horizon, 0.05, 3, far(c, (96, 110, 120), scene, 0.55))  # distant headland
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
            wall = far(c, (92 + 18 * layer, 90 + 10 * layer, 100), scene, shade)
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
    c.ridge(horizon, 0.06, 2, far(c, (70, 100, 80), scene, 0.5))
    for layer in range(3):
        colour = far(c, (50 + 12 * layer, 96 + 10 * layer, 60), scene, 0.45 - 0.2 * layer)
        base = horizon + 0.05 + 0.12 * layer
        x = c.rng.uniform(-0.05, 0.05)
        while x < 1.05:
            _tree(c, x, base, 0.22 + 0.14 * layer + c.rng.uniform(0, 0.08), colour, 50 * layer)
            x += c.rng.uniform(0.06, 0.13) + 0.03 * layer
    c.shape([(-0.05, horizon + 0.3), (1.05, horizon + 0.28), (1.05, 1.05), (-0.05, 1.05)], (74, 92, 56), line=1)


def paint_mountains(c: Canvas, scene: Scene, horizon: float) -> None:
    snow = scene.weather == "snow" or "snow" in scene.text
    c.ridge(horizon, 0.34, 3, far(c, (110, 116, 140), scene, 0.55), jag=0.7)
    c.ridge(
        horizon + 0.06, 0.22, 4, far(c, (88, 96, 110) if not snow else (200, 206, 214), scene, 0.3), jag=0.6, hatch=40
    )
    c.ridge(horizon + 0.2, 0.12, 5, (92, 106, 70) if not snow else (228, 230, 234), jag=0.4, hatch=60)
    if any(w in scene.text for w in ("house", "cottage", "cabin", "hut")):
        _house(c, 0.3, horizon + 0.16, 0.09)


def paint_desert(c: Canvas, scene: Scene, horizon: float) -> None:
    c.ridge(horizon, 0.08, 2, far(c, (196, 150, 100), scene, 0.4), jag=0.1)
    c.ridge(horizon + 0.12, 0.1, 2, (214, 168, 110), jag=0.05, hatch=30)
    c.ridge(horizon + 0.3, 0.1, 1, (226, 184, 124), jag=0.05)


def _house(c: Canvas, x: float, base: float, size: float) -> None:
    w = size * c.h / c.w
    c.shape([(x - w, base), (x - w, base - size), (x + w, base - size), (x + w, base)], (200, 186, 160), hatch=30)
    c.shape([(x - w * 1.2, base - size), (x, base - size * 1.8), (x + w * 1.2, base - size)], (140, 60, 50))
    c.shape(
        [(x - w * 0.3, base), (x - w * 0.3, base - size * 0.6), (x + w * 0.1, base - size * 0.6), (x + w * 0.1, base)],
        (90, 64, 50),
    )


def paint_fields(c: Canvas, scene: Scene, horizon: float) -> None:
    c.ridge(horizon, 0.05, 2, far(c, (110, 140, 96), scene, 0.5), jag=0.1)
    c.ridge(horizon + 0.1, 0.08, 2, (110, 150, 80), jag=0.1, hatch=20)
    c.ridge(horizon + 0.26, 0.06, 1, (96, 136, 66), jag=0.05)
    if any(w in scene.text for w in ("house", "cottage", "cabin", "farm", "village")):
        _house(c, 0.22, horizon + 0.08, 0.08)
    _tree(c, 0.86, horizon + 0.2, 0.3, (70, 116, 64), 40)


def paint_market(c: Canvas, scene: Scene, horizon: float) -> None:
    """Stalls under striped awnings before the town, crates of fruit, bunting across the square."""
    for layer, shade in enumerate((0.5, 0.25)):  # the town behind
        x = -0.02
        while x < 1.02:
            w = c.rng.uniform(0.08, 0.14)
            top = horizon - c.rng.uniform(0.12, 0.26) + 0.06 * layer
            c.shape([(x, horizon + 0.1), (x, top), (x + w / 2, top - 0.05), (x + w, top), (x + w, horizon + 0.1)],
                    far(c, (190, 160, 130), scene, shade), hatch=30 * layer)  # fmt: skip
            x += w
    c.shape([(-0.05, horizon + 0.08), (1.05, horizon + 0.08), (1.05, 1.05), (-0.05, 1.05)], (170, 150, 120), hatch=20)
    colours = ((178, 52, 44), (52, 88, 160), (70, 128, 70), (214, 150, 40))
    for k, x in enumerate((0.02, 0.36, 0.7)):  # three stalls
        w, top, counter = 0.28, horizon - 0.06, horizon + 0.14
        for s in range(6):  # the awning's stripes
            sx = x + s * w / 6
            c.shape([(sx, top), (sx + w / 6, top), (sx + w / 6 + 0.01, top + 0.07), (sx + 0.01, top + 0.07)],
                    colours[k] if s % 2 else (240, 236, 226), line=1.2)  # fmt: skip
        for px in (x + 0.01, x + w - 0.01):
            c.line([(px, top + 0.07), (px, counter + 0.14)], (96, 70, 50), 3)
        c.shape(
            [(x, counter), (x + w, counter), (x + w, counter + 0.12), (x, counter + 0.12)], (140, 100, 64), hatch=40
        )
        for f in range(7):  # fruit heaped on the counter
            fx = x + 0.03 + f * (w - 0.06) / 6
            r = 0.016
            fruit = ((214, 80, 50), (230, 180, 60), (110, 160, 60))[(f + k) % 3]
            c.ellipse((fx - r * c.h / c.w, counter - 2 * r, fx + r * c.h / c.w, counter), fruit, line=1)
    c.line([(-0.05, 0.1), (0.25, 0.18), (0.5, 0.12), (0.75, 0.19), (1.05, 0.11)], GRAPHITE, 1.2)  # bunting
    for k in range(14):
        x = k * 0.075
        y = 0.14 + 0.03 * abs(((x * 4) % 2) - 1)
        c.shape([(x, y), (x + 0.03, y), (x + 0.015, y + 0.04)], colours[k % len(colours)], line=1)


def paint_castle(c: Canvas, scene: Scene, horizon: float) -> None:
    """A castle on its hill: curtain wall with battlements, round towers with pointed roofs, a gate, flags."""
    c.ridge(horizon, 0.06, 2, far(c, (110, 140, 96), scene, 0.5), jag=0.1)
    hill = horizon - 0.02
    c.shape([(0.05, horizon + 0.08), (0.3, hill - 0.04), (0.7, hill - 0.04), (0.95, horizon + 0.08)],
            far(c, (100, 136, 80), scene, 0.2), hatch=20)  # fmt: skip
    stone = far(c, (170, 164, 150), scene, 0.25)
    base, top = hill - 0.03, hill - 0.22
    c.shape([(0.3, base), (0.3, top), (0.7, top), (0.7, base)], stone, hatch=40)
    for k in range(9):  # battlements
        x = 0.3 + k * 0.045
        c.shape([(x, top), (x, top - 0.025), (x + 0.025, top - 0.025), (x + 0.025, top)], stone, line=1.2)
    c.shape([(0.46, base), (0.46, base - 0.09), (0.5, base - 0.12), (0.54, base - 0.09), (0.54, base)], (70, 50, 40))
    for x, h in ((0.27, 0.34), (0.5, 0.44), (0.73, 0.34)):
        w = 0.05
        c.shape([(x - w, base), (x - w, base - h), (x + w, base - h), (x + w, base)], stone, hatch=50)
        c.shape([(x - w * 1.2, base - h), (x, base - h - 0.12), (x + w * 1.2, base - h)], (60, 70, 120))
        c.line([(x, base - h - 0.12), (x, base - h - 0.18)], GRAPHITE, 1.5)
        c.shape([(x, base - h - 0.18), (x + 0.04, base - h - 0.165), (x, base - h - 0.15)], (178, 52, 44), line=1)
        c.shape([(x - 0.01, base - h * 0.6), (x + 0.01, base - h * 0.6), (x + 0.01, base - h * 0.5),
                 (x - 0.01, base - h * 0.5)], (40, 36, 40), line=1)  # fmt: skip
    c.ridge(horizon + 0.26, 0.06, 1, (96, 136, 66), jag=0.05)


def paint_polar(c: Canvas, scene: Scene, horizon: float) -> None:
    """The ice: a strip of dark sea, icebergs on it, a white plain with blue shadows."""
    c.shape([(-0.05, horizon), (1.05, horizon), (1.05, horizon + 0.06), (-0.05, horizon + 0.06)], (40, 70, 100))
    for x, h in ((0.18, 0.1), (0.62, 0.16), (0.86, 0.07)):
        w = h * 1.2 * c.h / c.w
        c.shape([(x - w, horizon + 0.02), (x - w * 0.3, horizon - h), (x + w * 0.2, horizon - h * 0.8),
                 (x + w, horizon + 0.02)], (236, 244, 250), hatch=20)  # fmt: skip
    c.ridge(horizon + 0.1, 0.03, 2, (226, 236, 244), jag=0.2, hatch=15)
    c.ridge(horizon + 0.24, 0.04, 1, (240, 246, 250), jag=0.1)
