"""Offline frames: an illustrated storyboard panel drawn from the shot prompt, the way a storyboard artist would.

Sky and light from the time of day and mood, the setting as layered silhouettes, weather, the characters as
figures sized by the shot, the camera move drawn in red pencil, then a paper-and-pencil finish."""

from __future__ import annotations

import colorsys
import math
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFilter

from tools.files import written
from tools.images.animals import BODIES, body_of
from tools.images.base import Figure, FrameRequest
from tools.images.fonts import font, hand_path
from tools.images.palette import GRAPHITE, PAPER, RED_PENCIL, RGB, mix

Point = tuple[float, float]
SUPERSAMPLE = 2  # shapes are drawn at twice the size and filtered down: smooth edges without a vector library


def _first(text: str, table: dict[str, tuple[str, ...]], default: str, last: bool = False) -> str:
    """The key whose word appears earliest in the text ("inside the lighthouse" is an interior), or latest
    with `last` (weather: "a long winter came, ... in a storm" is the storm the Director just asked for)."""
    best, where = default, -1 if last else len(text) + 1
    for key, words in table.items():
        for word in words:
            found = [m.start() for m in re.finditer(rf"\b{word}(?![\w]*-)", text)]  # "snow-white" is no snow
            if not found:
                continue
            at = found[-1] if last else found[0]
            if (at > where) if last else (at < where):
                best, where = key, at
    return best


SETTINGS: dict[str, tuple[str, ...]] = {
    "space": ("space", "planet", "orbit", "spaceship", "starship", "galaxy", "asteroid", "nebula", "cosmos"),
    "interior": (
        "inside",
        "interior",
        "room",
        "kitchen",
        "workshop",
        "library",
        "office",
        "bedroom",
        "hall",
        "cabin",
        "lab",
        "laboratory",
        "cafe",
        "café",
        "attic",
        "studio",
        "classroom",
        "indoors",
    ),
    "sea": (
        "sea",
        "ocean",
        "harbo",
        "beach",
        "coast",
        "shore",
        "lighthouse",
        "island",
        "wave",
        "bay",
        "boat",
        "ship",
        "pier",
        "dock",
        "cliff",
    ),
    "city": ("city", "street", "town", "alley", "rooftop", "market", "skyline", "building", "downtown"),
    "forest": ("forest", "wood", "jungle", "trees", "grove", "thicket"),
    "mountains": ("mountain", "peak", "summit", "valley", "glacier", "ridge", "hills"),
    "desert": ("desert", "dune", "sand", "canyon", "oasis"),
    "fields": ("meadow", "field", "countryside", "farm", "garden", "park", "village"),
}
TIMES: dict[str, tuple[str, ...]] = {
    "night": ("night", "midnight", "moon", "starlit", "dark"),
    "dawn": ("dawn", "sunrise", "morning", "daybreak"),
    "dusk": ("dusk", "sunset", "evening", "twilight", "golden hour"),
    "day": ("noon", "daylight", "midday", "afternoon", "day"),
}
WEATHER: dict[str, tuple[str, ...]] = {
    "storm": ("storm", "thunder", "lightning", "tempest", "gale"),
    "rain": ("rain", "drizzle", "downpour", "shower"),
    "snow": ("snow", "blizzard", "winter", "frost"),
    "fog": ("fog", "mist", "haze", "smoke"),
    "clear": (),
}
SKIES: dict[str, tuple[RGB, RGB]] = {  # top, horizon
    "day": ((118, 168, 214), (218, 228, 230)),
    "dawn": ((126, 140, 196), (246, 190, 150)),
    "dusk": ((70, 62, 128), (240, 146, 96)),
    "night": ((18, 24, 52), (52, 64, 104)),
    "space": ((6, 8, 20), (20, 18, 44)),
}
COLOURS: dict[str, RGB] = {
    "red": (178, 52, 44),
    "crimson": (150, 30, 40),
    "orange": (214, 120, 40),
    "yellow": (222, 184, 60),
    "gold": (204, 160, 60),
    "green": (70, 128, 70),
    "teal": (40, 124, 124),
    "blue": (52, 88, 160),
    "navy": (36, 48, 96),
    "purple": (112, 70, 140),
    "pink": (214, 130, 150),
    "brown": (120, 80, 50),
    "grey": (120, 120, 124),
    "gray": (120, 120, 124),
    "silver": (176, 180, 186),
    "white": (232, 232, 226),
    "black": (40, 40, 44),
    "copper": (176, 108, 64),
    "rust": (160, 80, 50),
    "ginger": (196, 100, 44),
    "golden": (214, 170, 70),
    "rusty": (160, 80, 50),
    "brass": (190, 150, 70),
}
HAIR: dict[str, RGB] = {
    "ginger": (190, 92, 40),
    "red-haired": (176, 70, 40),
    "red hair": (176, 70, 40),
    "blond": (224, 196, 120),
    "blonde": (224, 196, 120),
    "grey hair": (170, 170, 170),
    "gray hair": (170, 170, 170),
    "white hair": (230, 230, 226),
    "white beard": (230, 230, 226),
    "dark hair": (52, 40, 34),
    "black hair": (30, 28, 30),
    "brown hair": (110, 72, 44),
    "bald": (0, 0, 0),
}
GARMENTS = (
    "coat",
    "jacket",
    "dress",
    "shirt",
    "cloak",
    "sweater",
    "jumper",
    "hoodie",
    "uniform",
    "scarf",
    "overalls",
    "suit",
    "plates",
    "armou?r",
    "robe",
    "cape",
    "body",
    "paint",
    "raincoat",
    "vest",
)
MACHINES = ("robot", "android", "droid", "machine", "automaton", "mech", "cyborg")


def _mood_grade(colour: RGB, mood: str) -> RGB:
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


@dataclass
class Scene:
    """What the panel shows, read from the prompt."""

    setting: str
    time: str
    weather: str
    text: str


def read_prompt(request: FrameRequest) -> Scene:
    text = f"{request.prompt} {request.mood}".lower()
    setting = _first(text, SETTINGS, "fields")
    time = "space" if setting == "space" else _first(text, TIMES, "day")
    weather = _first(text, WEATHER, "clear", last=True)
    return Scene(setting, time, weather, text)


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
        colour = _mood_grade(fill, self.mood) if grade else fill
        pts = self.wobble(points)
        self.draw.polygon(pts, fill=colour, outline=GRAPHITE if line else None, width=max(1, round(line * self.u)))
        if hatch:
            self.shade_draw.polygon(pts, fill=hatch)

    def ellipse(
        self,
        box: tuple[float, float, float, float],
        fill: RGB | None,
        line: float = 2.0,
        outline: RGB = GRAPHITE,
        grade: bool = True,
    ) -> None:
        x0, y0 = self.px(box[:2])
        x1, y1 = self.px(box[2:])
        colour = (_mood_grade(fill, self.mood) if grade else fill) if fill else None
        self.draw.ellipse(
            (x0, y0, x1, y1), fill=colour, outline=outline if line else None, width=max(1, round(line * self.u))
        )

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


# -- sky --------------------------------------------------------------------------------------------------


def paint_sky(c: Canvas, scene: Scene, horizon: float) -> None:
    top, bottom = SKIES[scene.time]
    if scene.weather in ("storm", "rain"):
        top, bottom = mix(top, (70, 74, 84), 0.6), mix(bottom, (120, 124, 130), 0.6)
    elif scene.weather in ("fog", "snow"):
        top, bottom = mix(top, (190, 194, 198), 0.5), mix(bottom, (214, 216, 218), 0.6)
    steps = 48
    for i in range(steps):
        t = i / (steps - 1)
        y0, y1 = horizon * i / steps, horizon * (i + 1) / steps + 0.01
        c.draw.rectangle((0, y0 * c.h, c.w, y1 * c.h), fill=_mood_grade(mix(top, bottom, t**1.4), c.mood))
    c.draw.rectangle((0, horizon * c.h, c.w, c.h), fill=_mood_grade(bottom, c.mood))
    if scene.time in ("night", "space"):
        for _ in range(120 if scene.time == "space" else 60):
            x, y = c.rng.random(), c.rng.random() * horizon * 0.9
            r = c.rng.uniform(0.6, 1.8) * c.u
            c.draw.ellipse((x * c.w - r, y * c.h - r, x * c.w + r, y * c.h + r), fill=(236, 236, 220))
    if scene.weather in ("storm", "rain", "fog", "snow"):
        return
    if scene.time == "night":
        c.ellipse((0.74, 0.10, 0.74 + 0.07 * c.h / c.w, 0.17), (236, 232, 206), line=1.5, grade=False)
    elif scene.time in ("dawn", "dusk"):
        r = 0.09
        x = 0.28 if scene.time == "dawn" else 0.70
        c.ellipse((x, horizon - r, x + r * c.h / c.w, horizon), (250, 206, 120), line=1.5, grade=False)
    elif scene.time == "day":
        c.ellipse((0.78, 0.08, 0.78 + 0.08 * c.h / c.w, 0.16), (252, 236, 170), line=1.5, grade=False)
        for cx, cy in ((0.2, 0.16), (0.52, 0.1)):
            for dx, dy, r in ((0, 0, 0.05), (0.045, 0.012, 0.04), (-0.045, 0.015, 0.035)):
                rr = r * c.h / c.w
                c.ellipse((cx + dx - rr, cy + dy - r, cx + dx + rr, cy + dy + r * 0.8), (246, 246, 242), line=0)


# -- settings: far to near silhouettes --------------------------------------------------------------------


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


# -- weather ----------------------------------------------------------------------------------------------


def paint_weather(c: Canvas, scene: Scene) -> None:
    if scene.setting == "interior":
        return  # indoors, the weather is what the window shows
    if scene.weather in ("rain", "storm"):
        layer = Image.new("L", (c.w, c.h), 0)
        d = ImageDraw.Draw(layer)
        for _ in range(420 if scene.weather == "storm" else 260):
            x, y = c.rng.uniform(-0.1, 1.05) * c.w, c.rng.uniform(-0.05, 1.0) * c.h
            length = c.rng.uniform(0.03, 0.07) * c.h
            d.line((x, y, x + length * 0.25, y + length), fill=150, width=max(1, round(1.4 * c.u)))
        c.image.paste((214, 222, 232), (0, 0), layer)
    if scene.weather == "storm":
        x = c.rng.uniform(0.2, 0.5)
        pts: list[Point] = [(x, 0.0)]
        for k in range(1, 6):
            pts.append((x + c.rng.uniform(-0.04, 0.04), k * 0.07))
        c.line(pts, (250, 250, 230), 4)
    if scene.weather == "snow":
        for _ in range(300):
            x, y = c.rng.random() * c.w, c.rng.random() * c.h
            r = c.rng.uniform(1.0, 3.2) * c.u
            c.draw.ellipse((x - r, y - r, x + r, y + r), fill=(250, 250, 252))
    if scene.weather == "fog":
        veil = Image.new("L", (c.w, c.h), 0)
        d = ImageDraw.Draw(veil)
        for k in range(5):
            y = 0.35 + 0.12 * k
            d.rectangle((0, (y - 0.05) * c.h, c.w, (y + 0.05) * c.h), fill=90 + 12 * k)
        c.image.paste((222, 224, 226), (0, 0), c.soften(veil, 30))


# -- figures ----------------------------------------------------------------------------------------------


@dataclass
class Look:
    clothes: RGB  # or fur, feathers, scales, plates: the figure's main colour
    hair: RGB | None
    machine: bool
    scale: float = 1.0  # "a small robot" stands shorter than the people beside it
    body: str = "person"  # or "machine", or one of animals.BODIES


ANIMAL_SCALE = {"beast": 0.5, "fish": 0.42, "bird": 0.42}  # against a person's height


def look_of(figure: Figure) -> Look:
    text = f"{figure.name} {figure.description}".lower()
    animal = body_of(figure.role.split()[-1:])  # "a talking fish, ...": its last word says what it is
    machine = animal is None and any(w in text for w in MACHINES)
    hair = next((c for k, c in HAIR.items() if k in text), (70, 50, 38))
    hair_value = None if hair == (0, 0, 0) or machine or animal else hair
    worn = re.search(rf"\b({'|'.join(COLOURS)})\b[\w\s-]{{0,12}}?\b({'|'.join(GARMENTS)})", text)
    words = [w for w in re.findall(r"[a-z]+", re.sub(r"\w+ (hair|beard)", "", text)) if w in COLOURS]
    colour = worn.group(1) if worn else (words[0] if words else "")
    clothes = COLOURS.get(colour, (176, 180, 186) if machine else (150, 110, 70) if animal else (90, 96, 120))
    scale = 0.72 if re.search(r"\b(small|little|tiny|child|kid|young girl|young boy)\b", text) else 1.0
    if animal:
        return Look(clothes, None, False, scale * ANIMAL_SCALE[animal], animal)
    return Look(clothes, hair_value, machine, scale, "machine" if machine else "person")


def draw_figure(c: Canvas, look: Look, cx: float, ground: float, height: float, facing: int = 1) -> None:
    """A standing figure `height` tall (fraction of frame height), feet at `ground`; parts beyond the
    frame are simply cut, which is what a medium or close shot is."""
    h = height * look.scale
    if look.body in BODIES:
        BODIES[look.body][1](c, look.clothes, cx, ground - h, h, facing)
        return
    aspect = c.h / c.w
    head_r = h * (0.085 if not look.machine else 0.075)
    head_w = head_r * aspect
    head_cy = ground - h + head_r
    body_top, hip = head_cy + head_r * 1.2, ground - h * 0.47
    shoulder = h * 0.13 * aspect
    skin = (226, 190, 160)
    metal = look.clothes
    if look.machine:
        c.shape(
            [
                (cx - shoulder * 0.6, hip),
                (cx - shoulder * 0.6, ground),
                (cx - shoulder * 0.15, ground),
                (cx - shoulder * 0.15, hip),
            ],
            mix(metal, (40, 40, 40), 0.3),
        )
        c.shape(
            [
                (cx + shoulder * 0.15, hip),
                (cx + shoulder * 0.15, ground),
                (cx + shoulder * 0.6, ground),
                (cx + shoulder * 0.6, hip),
            ],
            mix(metal, (40, 40, 40), 0.3),
        )
        c.shape(
            [
                (cx - shoulder, body_top),
                (cx + shoulder, body_top),
                (cx + shoulder * 0.9, hip),
                (cx - shoulder * 0.9, hip),
            ],
            metal,
            line=2.5,
            hatch=40,
        )
        c.shape(
            [
                (cx - shoulder * 0.4, body_top + h * 0.06),
                (cx + shoulder * 0.4, body_top + h * 0.06),
                (cx + shoulder * 0.4, body_top + h * 0.14),
                (cx - shoulder * 0.4, body_top + h * 0.14),
            ],
            (90, 170, 190),
            line=1.5,
            grade=False,
        )
        for side in (-1, 1):
            arm_x = cx + side * shoulder * 1.15
            c.shape(
                [
                    (arm_x - shoulder * 0.18, body_top + h * 0.02),
                    (arm_x + shoulder * 0.18, body_top + h * 0.02),
                    (arm_x + shoulder * 0.18, hip + h * 0.05),
                    (arm_x - shoulder * 0.18, hip + h * 0.05),
                ],
                mix(metal, (40, 40, 40), 0.15),
            )
        c.shape(
            [
                (cx - head_w * 1.1, head_cy - head_r),
                (cx + head_w * 1.1, head_cy - head_r),
                (cx + head_w * 1.1, head_cy + head_r),
                (cx - head_w * 1.1, head_cy + head_r),
            ],
            metal,
            line=2.5,
        )
        c.line([(cx, head_cy - head_r), (cx, head_cy - head_r * 1.7)], GRAPHITE, 2)
        c.ellipse(
            (cx - head_w * 0.2, head_cy - head_r * 1.95, cx + head_w * 0.2, head_cy - head_r * 1.55),
            (230, 80, 60),
            line=1,
            grade=False,
        )
        for side in (-1, 1):
            ex = cx + side * head_w * 0.45
            c.ellipse(
                (ex - head_w * 0.22, head_cy - head_r * 0.3, ex + head_w * 0.22, head_cy + head_r * 0.15),
                (120, 220, 240),
                line=1.5,
                grade=False,
            )
        return
    trousers = mix(look.clothes, (40, 40, 50), 0.55)
    c.shape(
        [
            (cx - shoulder * 0.7, hip),
            (cx - shoulder * 0.45, ground),
            (cx - shoulder * 0.1, ground),
            (cx, hip + h * 0.05),
            (cx + shoulder * 0.1, ground),
            (cx + shoulder * 0.45, ground),
            (cx + shoulder * 0.7, hip),
        ],
        trousers,
        hatch=40,
    )
    c.shape(
        [
            (cx - shoulder, body_top + h * 0.03),
            (cx - shoulder * 0.6, body_top),
            (cx + shoulder * 0.6, body_top),
            (cx + shoulder, body_top + h * 0.03),
            (cx + shoulder * 0.8, hip + h * 0.04),
            (cx - shoulder * 0.8, hip + h * 0.04),
        ],
        look.clothes,
        line=2.5,
        hatch=30,
    )
    for side in (-1, 1):
        sx = cx + side * shoulder * 0.95
        c.shape(
            [
                (sx - side * shoulder * 0.05, body_top + h * 0.04),
                (sx + side * shoulder * 0.25, body_top + h * 0.05),
                (sx + side * shoulder * 0.3, hip),
                (sx + side * shoulder * 0.05, hip),
            ],
            look.clothes,
        )
        c.ellipse(
            (
                sx + side * shoulder * 0.17 - head_w * 0.25,
                hip - head_r * 0.2,
                sx + side * shoulder * 0.17 + head_w * 0.25,
                hip + head_r * 0.35,
            ),
            skin,
            line=1.5,
        )
    c.shape(
        [
            (cx - head_w * 0.35, body_top - head_r * 0.5),
            (cx + head_w * 0.35, body_top - head_r * 0.5),
            (cx + head_w * 0.35, body_top + h * 0.01),
            (cx - head_w * 0.35, body_top + h * 0.01),
        ],
        skin,
        line=1.5,
    )
    c.ellipse((cx - head_w, head_cy - head_r, cx + head_w, head_cy + head_r), skin, line=2.5)
    if look.hair:
        c.shape(
            [
                (cx - head_w * 1.05, head_cy + head_r * 0.1),
                (cx - head_w * 0.95, head_cy - head_r * 0.8),
                (cx, head_cy - head_r * 1.12),
                (cx + head_w * 0.95, head_cy - head_r * 0.8),
                (cx + head_w * 1.05, head_cy + head_r * 0.1),
                (cx + head_w * 0.7, head_cy - head_r * 0.45),
                (cx - head_w * 0.7, head_cy - head_r * 0.45),
            ],
            look.hair,
            line=1.5,
        )
    for side in (-1, 1):
        ex = cx + (side * 0.38 + 0.12 * facing) * head_w
        c.ellipse(
            (ex - head_w * 0.09, head_cy - head_r * 0.12, ex + head_w * 0.09, head_cy + head_r * 0.08),
            GRAPHITE,
            line=0,
            grade=False,
        )
    c.line(
        [
            (cx + facing * head_w * 0.14, head_cy + head_r * 0.0),
            (cx + facing * head_w * 0.2, head_cy + head_r * 0.25),
            (cx + facing * head_w * 0.08, head_cy + head_r * 0.28),
        ],
        GRAPHITE,
        1.5,
    )
    c.line(
        [
            (cx - head_w * 0.25 + facing * head_w * 0.08, head_cy + head_r * 0.52),
            (cx + head_w * 0.25 + facing * head_w * 0.08, head_cy + head_r * 0.5),
        ],
        GRAPHITE,
        1.5,
    )


def draw_back_of_head(c: Canvas, look: Look) -> None:
    """The foreground shoulder of an over-the-shoulder shot: a dark, out-of-focus mass on the left."""
    dark = mix(look.clothes, (30, 30, 34), 0.6)
    c.shape([(-0.05, 1.05), (-0.05, 0.62), (0.08, 0.55), (0.30, 0.60), (0.42, 0.78), (0.46, 1.05)], dark, hatch=90)
    hair = mix(look.hair or (60, 60, 64), (20, 20, 24), 0.5)
    c.ellipse((0.04, 0.16, 0.04 + 0.36 * c.h / c.w, 0.70), hair if not look.machine else dark, line=2)


SHOT_HEIGHTS: dict[str, float] = {  # how tall a standing figure is, in frame heights
    "wide": 0.34,
    "medium": 1.55,
    "close-up": 3.4,
    "extreme-close-up": 8.5,
    "over-the-shoulder": 0.95,
}


def paint_figures(c: Canvas, request: FrameRequest, horizon: float) -> None:
    looks = [look_of(f) for f in request.figures]
    if not looks:
        return
    shot = request.shot if request.shot in SHOT_HEIGHTS else "medium"
    # Heights are tuned for 16:9; a tall frame is narrow, so the same shot needs a smaller figure.
    height = SHOT_HEIGHTS[shot] * min(1.0, (c.w / c.h) / (16 / 9)) ** 0.8
    head = height * 0.085  # the head's radius, in frame heights
    if shot == "over-the-shoulder":
        subject = looks[1] if len(looks) > 1 else looks[0]
        draw_figure(c, subject, 0.66, 0.24 + height, height, facing=-1)
        # Alone in the shot, the subject is seen over someone else's shoulder, not their own.
        draw_back_of_head(c, looks[0] if len(looks) > 1 else Look((84, 80, 78), (58, 50, 46), False))
        return
    if shot in ("close-up", "extreme-close-up"):
        looks = looks[:1]  # one face fills a close shot
    head_top = {"wide": min(0.96, horizon + 0.22) - height, "extreme-close-up": 0.52 - head}.get(shot, 0.22)
    n = len(looks)
    for i, look in enumerate(looks):
        cx = 0.5 if n == 1 else 0.34 + 0.32 * i / (n - 1)
        # Figures in a wide shot share the ground; alone in a closer shot, the one figure is framed by its head.
        ground = head_top + height if shot == "wide" or n > 1 else head_top + height * look.scale
        size = height
        if look.body in BODIES and n > 1 and shot != "wide":  # beside a person in a closer shot: in the foreground
            ground, size = 0.97, min(height, 0.5 / look.scale)
        draw_figure(c, look, cx, ground, size, facing=1 if cx <= 0.5 else -1)


# -- annotations: the storyboard artist's notes in red pencil ---------------------------------------------


def _arrow(c: Canvas, start: Point, end: Point, width: float = 5.0) -> None:
    c.line([start, end], RED_PENCIL, width)
    ang = math.atan2((end[1] - start[1]) * c.h, (end[0] - start[0]) * c.w)
    size = 0.035 * min(c.w, c.h)
    ex, ey = c.px(end)
    for side in (-1, 1):
        a = ang + math.pi + side * 0.45
        c.draw.line(
            (ex, ey, ex + size * math.cos(a), ey + size * math.sin(a)),
            fill=RED_PENCIL,
            width=max(1, round(width * c.u)),
        )


def _frame_in_frame(c: Canvas, inner: float, inward: bool) -> None:
    """The push-in / pull-out mark: the end (or start) framing as a rectangle, corner arrows between."""
    m = (1 - inner) / 2
    pts = [(m, m), (1 - m, m), (1 - m, 1 - m), (m, 1 - m), (m, m)]
    c.line(pts, RED_PENCIL, 3.5)
    outer = 0.13
    for (ox, oy), (ix, iy) in zip(
        [(outer, outer), (1 - outer, outer), (1 - outer, 1 - outer), (outer, 1 - outer)], pts[:4], strict=True
    ):
        ix2, iy2 = ix + (ox - ix) * 0.1, iy + (oy - iy) * 0.1
        _arrow(c, (ox, oy), (ix2, iy2), 4) if inward else _arrow(c, (ix2, iy2), (ox, oy), 4)


CAMERA_MARKS: dict[str, Callable[[Canvas], None]] = {
    "push-in": lambda c: _frame_in_frame(c, 0.62, inward=True),
    "pull-out": lambda c: _frame_in_frame(c, 0.62, inward=False),
    "pan-left": lambda c: _arrow(c, (0.86, 0.14), (0.54, 0.14)),
    "pan-right": lambda c: _arrow(c, (0.54, 0.14), (0.86, 0.14)),
    "tilt-up": lambda c: _arrow(c, (0.86, 0.70), (0.86, 0.30)),
    "tilt-down": lambda c: _arrow(c, (0.86, 0.30), (0.86, 0.70)),
    "static": lambda c: None,
}
CAMERA_WORDS = {
    "push-in": "PUSH IN",
    "pull-out": "PULL OUT",
    "pan-left": "PAN LEFT",
    "pan-right": "PAN RIGHT",
    "tilt-up": "TILT UP",
    "tilt-down": "TILT DOWN",
    "static": "LOCKED OFF",
}


def paint_label(c: Canvas, request: FrameRequest) -> None:
    """Scene number, shot and move, hand-lettered on a paper tab inside the safe area (moves crop the edges)."""
    parts = [request.label, request.shot.upper().replace("-", " "), CAMERA_WORDS.get(request.camera, "")]
    text = "  ·  ".join(p for p in parts if p)
    size = round(min(c.w, c.h) * 0.062)
    f = font(hand_path(), size)
    x, y = 0.115 * c.w, 0.115 * c.h
    box = c.draw.textbbox((x, y), text, font=f)
    pad = size * 0.3
    c.draw.rectangle(
        (box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad),
        fill=(246, 240, 226),
        outline=GRAPHITE,
        width=max(1, round(2 * c.u)),
    )
    c.draw.text((x, y), text, font=f, fill=GRAPHITE)


def vignette(width: int, height: int, strength: float) -> np.ndarray:
    """A gentle darkening toward the corners, as a (height, width) multiplier."""
    xs = (np.arange(width, dtype=np.float32) / width - 0.5) ** 2
    ys = (np.arange(height, dtype=np.float32) / height - 0.5) ** 2
    return 1 - strength * 2.2 * (ys[:, None] + xs[None, :])


# -- finish -----------------------------------------------------------------------------------------------


def _hatching(width: int, height: int, spacing: int, thickness: int) -> Image.Image:
    pattern = Image.new("L", (width, height), 0)
    d = ImageDraw.Draw(pattern)
    for k in range(-height, width, spacing):
        d.line((k, height, k + height, 0), fill=255, width=thickness)
    return pattern


def pencil_finish(c: Canvas, seed: int) -> Image.Image:
    """Hatch the shadows, soften to the final size, lay the colour on paper, and add a faint grain.

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
    arr *= vignette(w, h, 0.18)[..., None]
    return Image.fromarray(arr.clip(0, 255).astype(np.uint8))


class AnimaticImages:
    """The offline frame backend: deterministic for a given request."""

    name = "animatic"

    def generate(self, request: FrameRequest, path: Path) -> Path:
        rng = random.Random(request.key(self.name))
        scene = read_prompt(request)
        c = Canvas(request.width, request.height, rng, request.mood)
        horizon = {"wide": 0.56, "medium": 0.52, "over-the-shoulder": 0.5}.get(request.shot, 0.48)
        if request.camera == "tilt-up":
            horizon += 0.05  # more sky to tilt up into
        paint_sky(c, scene, horizon)
        PAINTERS[scene.setting](c, scene, horizon)
        paint_figures(c, request, horizon)
        paint_weather(c, scene)
        CAMERA_MARKS.get(request.camera, CAMERA_MARKS["static"])(c)
        paint_label(c, request)
        image = pencil_finish(c, rng.randrange(2**31))
        with written(path) as tmp:
            image.save(tmp, compress_level=1)
        return path
