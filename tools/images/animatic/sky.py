"""Sky and light: the gradient of the time of day, sun, moon and stars, clouds, and the weather over it all."""

from __future__ import annotations

from PIL import Image, ImageDraw

from tools.images.animatic.canvas import Canvas, Point, mood_grade
from tools.images.animatic.reading import INDOORS, Scene
from tools.images.palette import RGB, mix

SKIES: dict[str, tuple[RGB, RGB]] = {  # top, horizon
    "day": ((118, 168, 214), (218, 228, 230)),
    "dawn": ((126, 140, 196), (246, 190, 150)),
    "dusk": ((70, 62, 128), (240, 146, 96)),
    "night": ((18, 24, 52), (52, 64, 104)),
    "space": ((6, 8, 20), (20, 18, 44)),
}


def far(c: Canvas, colour: RGB, scene: Scene, amount: float) -> RGB:
    """Atmospheric perspective: far layers take on the colour of the sky at the horizon."""
    return mix(colour, SKIES[scene.time][1], amount)


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
        c.draw.rectangle((0, y0 * c.h, c.w, y1 * c.h), fill=mood_grade(mix(top, bottom, t**1.4), c.mood))
    c.draw.rectangle((0, horizon * c.h, c.w, c.h), fill=mood_grade(bottom, c.mood))
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


def paint_weather(c: Canvas, scene: Scene) -> None:
    if scene.setting in INDOORS or scene.under_water:
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
