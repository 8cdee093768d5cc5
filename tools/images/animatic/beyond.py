"""Settings beyond the everyday sky: outer space, Mars (or any red, rocky world), under the sea, a coral reef.

Under water there is no sky: the painter fills the whole frame, light falls from the surface in shafts, and
the weather never reaches it."""

from __future__ import annotations

from PIL import Image, ImageDraw

from tools.images.animatic.canvas import Canvas
from tools.images.animatic.reading import Scene
from tools.images.palette import RGB, mix

CORALS: tuple[RGB, ...] = ((232, 120, 110), (240, 170, 80), (180, 100, 170), (240, 210, 120), (120, 190, 170))


def paint_space(c: Canvas, scene: Scene, horizon: float) -> None:
    r = 0.26
    c.ellipse((0.56, 0.32, 0.56 + 2 * r * c.h / c.w, 0.32 + 2 * r), (80, 116, 170), line=2.5, grade=False)
    c.ellipse((0.61, 0.40, 0.61 + 0.6 * r * c.h / c.w, 0.40 + 0.45 * r), (110, 150, 120), line=0, grade=False)
    c.ellipse((0.12, 0.12, 0.12 + 0.05 * c.h / c.w, 0.17), (214, 200, 180), line=1.5, grade=False)
    if "station" in scene.text:  # modules in a row, solar wings either side, a docking ring
        metal, panel = (200, 204, 212), (52, 70, 130)
        for side in (-1, 1):
            x = 0.3 + side * 0.16
            c.shape(
                [(x - 0.07, 0.18), (x + 0.07, 0.18), (x + 0.07, 0.3), (x - 0.07, 0.3)], panel, line=1.5, grade=False
            )
            for k in range(1, 4):
                c.line([(x - 0.07 + k * 0.035, 0.18), (x - 0.07 + k * 0.035, 0.3)], (150, 170, 210), 1)
            c.line([(x - side * 0.07, 0.24), (0.3 - side * 0.05, 0.24)], metal, 3)
        c.shape([(0.22, 0.22), (0.38, 0.22), (0.38, 0.26), (0.22, 0.26)], metal, line=2, grade=False)
        c.ellipse((0.27, 0.2, 0.27 + 0.06 * c.h / c.w, 0.28), metal, line=2, grade=False)
    elif any(w in scene.text for w in ("ship", "rocket")):
        c.shape([(0.16, 0.62), (0.36, 0.56), (0.40, 0.58), (0.36, 0.61), (0.18, 0.66)], (190, 196, 204))


def paint_mars(c: Canvas, scene: Scene, horizon: float) -> None:
    """A butterscotch sky over red ground: far mesas, craters, scattered rocks, a small pale sun."""
    # The sky painter drew an Earth sky; Mars has its own, butterscotch by day.
    top, low = ((60, 40, 56), (150, 90, 70)) if scene.time in ("night", "dusk") else ((196, 140, 100), (232, 184, 140))
    steps = 32
    for i in range(steps):
        y0, y1 = horizon * i / steps, horizon * (i + 1) / steps + 0.01
        c.draw.rectangle((0, y0 * c.h, c.w, y1 * c.h), fill=mix(top, low, (i / steps) ** 1.3))
    c.ellipse((0.7, 0.12, 0.7 + 0.035 * c.h / c.w, 0.155), (250, 240, 220), line=1, grade=False)
    c.ridge(horizon, 0.1, 2, (170, 90, 64), jag=0.2)  # mesas, then nearer red ground
    c.ridge(horizon + 0.08, 0.05, 3, (186, 98, 62), jag=0.3, hatch=30)
    c.shape([(-0.05, horizon + 0.1), (1.05, horizon + 0.08), (1.05, 1.05), (-0.05, 1.05)], (196, 108, 70), line=1)
    for x, y, r in ((0.22, horizon + 0.22, 0.09), (0.74, horizon + 0.3, 0.13)):  # craters
        rx = r * c.h / c.w
        c.ellipse((x - rx, y - r * 0.3, x + rx, y + r * 0.3), (160, 84, 56), line=1.5)
        c.ellipse((x - rx * 0.8, y - r * 0.2, x + rx * 0.8, y + r * 0.25), (140, 72, 50), line=0)
    for _ in range(14):
        x, y = c.rng.uniform(0, 1), c.rng.uniform(horizon + 0.12, 0.98)
        s = 0.008 + 0.03 * (y - horizon)
        c.shape([(x - s, y), (x - s * 0.6, y - s), (x + s * 0.7, y - s * 0.8), (x + s, y)], (120, 62, 44), line=1)


def under_the_sea(c: Canvas, scene: Scene, seabed: float) -> None:
    """Blue water darkening with depth, shafts of light from the surface, bubbles, a sandy floor."""
    deep = scene.time in ("night", "dusk") or "deep" in scene.text or "dark" in scene.text
    top, bottom = ((30, 70, 120), (8, 20, 44)) if deep else ((70, 160, 200), (18, 70, 120))
    steps = 40
    for i in range(steps):
        y0, y1 = i / steps, (i + 1) / steps + 0.01
        c.draw.rectangle((0, y0 * c.h, c.w, y1 * c.h), fill=mix(top, bottom, i / steps))
    rays = Image.new("L", (c.w, c.h), 0)
    d = ImageDraw.Draw(rays)
    for _ in range(5):
        x = c.rng.uniform(0.0, 1.0)
        w = c.rng.uniform(0.03, 0.07)
        d.polygon([c.px((x, -0.02)), c.px((x + w, -0.02)), c.px((x + w * 3 + 0.1, 1.0)), c.px((x + 0.1, 1.0))],
                  fill=40 if deep else 60)  # fmt: skip
    c.image.paste((200, 236, 250), (0, 0), c.soften(rays, 6))
    c.ridge(seabed, 0.03, 3, (150, 140, 110) if deep else (196, 180, 130), jag=0.3, hatch=30)
    for _ in range(4):
        x = c.rng.uniform(0.02, 0.98)
        c.line([(x, seabed + 0.02), (x + 0.02, seabed - 0.12), (x - 0.01, seabed - 0.24), (x + 0.02, seabed - 0.34)],
               (50, 120, 80), 5)  # fmt: skip
    for _ in range(18):
        x, y = c.rng.uniform(0.05, 0.95), c.rng.uniform(0.05, seabed)
        r = c.rng.uniform(0.004, 0.012)
        c.ellipse((x - r * c.h / c.w, y - r, x + r * c.h / c.w, y + r), None, line=1.2, outline=(220, 240, 250))


def paint_underwater(c: Canvas, scene: Scene, horizon: float) -> None:
    under_the_sea(c, scene, 0.82)
    if any(w in scene.text for w in ("shipwreck", "wreck", "sunken")):
        c.shape([(0.56, 0.8), (0.62, 0.62), (0.92, 0.6), (0.98, 0.78)], (90, 70, 56), hatch=80)
        c.line([(0.72, 0.61), (0.7, 0.34)], (90, 70, 56), 6)


def _coral(c: Canvas, x: float, base: float, height: float, colour: RGB) -> None:
    """A branching coral: a trunk that forks twice, each tip rounded."""
    stack = [(x, base, -1.5708, height, 3)]
    while stack:
        x0, y0, angle, length, depth = stack.pop()
        x1 = x0 + length * 0.5 * c.h / c.w * (1 if depth % 2 else -1) * abs(angle + 1.5708)
        y1 = y0 - length * 0.6
        c.line([(x0, y0), (x1, y1)], colour, 4 + depth * 2)
        if depth:
            for turn in (-0.5, 0.5):
                stack.append((x1, y1, angle + turn, length * 0.6, depth - 1))
        else:
            c.ellipse((x1 - 0.006, y1 - 0.01, x1 + 0.006, y1 + 0.004), colour, line=1)


def paint_reef(c: Canvas, scene: Scene, horizon: float) -> None:
    under_the_sea(c, scene, 0.8)
    for k, x in enumerate((0.06, 0.2, 0.34, 0.62, 0.78, 0.92)):
        _coral(c, x, 0.86, c.rng.uniform(0.16, 0.26), CORALS[k % len(CORALS)])
    for k in range(3):  # round brain corals on the floor
        x = 0.12 + 0.36 * k
        c.ellipse((x, 0.8, x + 0.1 * c.h / c.w * 1.6, 0.88), CORALS[(k + 2) % len(CORALS)], line=2)
    for _ in range(6):  # a shoal of small bright fish
        fx, fy = c.rng.uniform(0.1, 0.85), c.rng.uniform(0.14, 0.5)
        colour = ((240, 160, 50), (250, 220, 80), (90, 170, 230))[c.rng.randrange(3)]
        c.ellipse((fx, fy, fx + 0.04, fy + 0.024), colour, line=1.2, grade=False)
        c.shape([(fx, fy + 0.012), (fx - 0.016, fy), (fx - 0.016, fy + 0.024)], colour, line=1)
