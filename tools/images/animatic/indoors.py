"""Settings under a roof: a room, a kitchen, a classroom, a library, a station platform, an aquarium.

Every room shares one box (back wall, floor boards toward a vanishing point, a window showing the time and
the weather), then its own furniture. Furniture stands on the back wall's foot, behind where people stand."""

from __future__ import annotations

from PIL import Image, ImageDraw

from tools.images.animatic.canvas import Canvas
from tools.images.animatic.reading import Scene
from tools.images.animatic.sky import SKIES
from tools.images.palette import GRAPHITE, RGB, mix

FLOOR = 0.72  # where the back wall meets the floor
WOOD: RGB = (120, 86, 60)
BOOKS: tuple[RGB, ...] = ((150, 50, 44), (52, 88, 140), (70, 120, 70), (200, 160, 70), (110, 70, 120), (60, 60, 64))


def _glow(c: Canvas, box: tuple[float, float, float, float], colour: RGB, strength: int, radius: float) -> None:
    """Warm light pooled around a lamp or a window: a soft ellipse added over what is drawn."""
    glow = Image.new("L", (c.w, c.h), 0)
    ImageDraw.Draw(glow).ellipse((*c.px(box[:2]), *c.px(box[2:])), fill=strength)
    c.image.paste(colour, (0, 0), c.soften(glow, radius))


def window(c: Canvas, scene: Scene, x0: float, y0: float, x1: float, y1: float) -> None:
    """A window onto the time of day and the weather."""
    outside = SKIES["night" if scene.time == "night" else "dusk" if scene.time == "dusk" else "day"][0]
    if scene.weather in ("storm", "rain"):
        outside = (74, 80, 92)
    elif scene.weather in ("snow", "fog"):
        outside = (200, 204, 208)
    c.rect(x0, y0, x1, y1, outside, line=3, grade=False)
    c.line([((x0 + x1) / 2, y0), ((x0 + x1) / 2, y1)], GRAPHITE, 3)
    c.line([(x0, (y0 + y1) / 2), (x1, (y0 + y1) / 2)], GRAPHITE, 3)
    if scene.weather in ("rain", "storm", "snow"):
        for _ in range(24):
            x, y = c.rng.uniform(x0, x1), c.rng.uniform(y0, y1 - 0.05)
            if scene.weather == "snow":
                c.ellipse((x, y, x + 0.006, y + 0.006 * c.w / c.h), (250, 250, 252), line=0, grade=False)
            else:
                c.line([(x, y), (x - 0.006, y + 0.04)], (200, 210, 220), 1)


def room(c: Canvas, scene: Scene, wall: RGB, floor: RGB = WOOD) -> None:
    """The box every interior shares: back wall, a skirting board, floorboards converging on the centre."""
    night = scene.time == "night"
    c.rect(-0.05, -0.05, 1.05, FLOOR, mix(wall, (40, 36, 44), 0.45) if night else wall, line=0)
    c.rect(-0.05, FLOOR - 0.015, 1.05, FLOOR, mix(wall, GRAPHITE, 0.4), line=1)
    c.rect(-0.05, FLOOR, 1.05, 1.05, floor, hatch=50)
    for k in range(1, 8):
        c.line([(0.5 + (k - 4) * 0.04, FLOOR), (0.5 + (k - 4) * 0.32, 1.05)], mix(floor, GRAPHITE, 0.3), 1.4)


def paint_interior(c: Canvas, scene: Scene, horizon: float) -> None:
    room(c, scene, (178, 150, 118))
    window(c, scene, 0.58, 0.14, 0.80, 0.50)
    c.rect(0.10, 0.60, 0.40, 0.64, (110, 72, 46))  # a table
    for x in (0.12, 0.37):
        c.rect(x, 0.64, x + 0.015, 0.80, (96, 62, 40))
    c.shape([(0.22, 0.60), (0.25, 0.52), (0.28, 0.60)], (214, 190, 120))  # a lamp, warm light
    _glow(c, (0.10, 0.36, 0.40, 0.70), (255, 226, 160), 60, 20)


def paint_kitchen(c: Canvas, scene: Scene, horizon: float) -> None:
    """Tiles, a window over the counter, a stove with its oven and a pot, cupboards, a shelf of jars."""
    room(c, scene, (214, 206, 186), floor=(150, 132, 110))
    for y in (0.40, 0.46):  # the tiled splashback
        c.line([(-0.05, y), (1.05, y)], (186, 178, 160), 1)
    window(c, scene, 0.40, 0.12, 0.58, 0.36)
    top = 0.50  # the counter top
    c.rect(-0.05, top, 1.05, top + 0.025, (170, 160, 150), line=1.5)
    c.rect(-0.05, top + 0.025, 1.05, FLOOR, (150, 104, 70), hatch=30)
    for x in (0.04, 0.2, 0.64, 0.82):  # cupboard doors with their knobs
        c.rect(x, top + 0.05, x + 0.14, FLOOR - 0.02, (164, 116, 80), line=1.2)
        c.ellipse((x + 0.11, top + 0.1, x + 0.12, top + 0.1 + 0.01 * c.w / c.h), GRAPHITE, line=0, grade=False)
    sx0, sx1 = 0.38, 0.60  # the stove: a black top with two burners, an oven door with its window
    c.rect(sx0, top - 0.01, sx1, FLOOR, (70, 70, 76), hatch=40)
    c.rect(sx0 + 0.02, top + 0.07, sx1 - 0.02, FLOOR - 0.03, (50, 50, 56), line=1.5)
    c.rect(sx0 + 0.05, top + 0.1, sx1 - 0.05, top + 0.15, (230, 150, 70) if scene.time != "day" else (110, 80, 60),
          line=1.2)  # fmt: skip
    c.line([(sx0 + 0.04, top + 0.045), (sx1 - 0.04, top + 0.045)], (200, 200, 204), 3)  # the oven's handle
    for bx in (sx0 + 0.06, sx1 - 0.06):
        c.ellipse((bx - 0.03, top - 0.02, bx + 0.03, top + 0.0), (40, 40, 44), line=1)
    px = sx0 + 0.06  # a pot on the left burner, steam rising
    c.rect(px - 0.035, top - 0.08, px + 0.035, top - 0.015, (150, 156, 164), line=1.5)
    for k in range(2):
        c.line([(px - 0.01 + k * 0.02, top - 0.09), (px + k * 0.02, top - 0.13), (px - 0.01 + k * 0.02, top - 0.17)],
               (236, 236, 236), 1.5)  # fmt: skip
    c.rect(0.66, 0.22, 0.98, 0.235, (120, 84, 58), line=1.2)  # a shelf of jars
    for k, x in enumerate((0.68, 0.74, 0.80, 0.87, 0.93)):
        c.rect(x, 0.16, x + 0.04, 0.22, mix(BOOKS[k % len(BOOKS)], (240, 236, 226), 0.4), line=1.2)
    for x in (0.08, 0.14, 0.2):  # pans hanging on the wall
        c.line([(x, 0.12), (x, 0.18)], GRAPHITE, 1.5)
        c.ellipse((x - 0.03, 0.18, x + 0.03, 0.18 + 0.06 * c.w / c.h * 0.5), (120, 116, 110), line=1.5)


def paint_school(c: Canvas, scene: Scene, horizon: float) -> None:
    """A blackboard with chalk on it, a clock, and rows of small desks."""
    room(c, scene, (196, 202, 176))
    c.rect(0.12, 0.14, 0.62, 0.46, (44, 70, 56), line=3)  # the blackboard and its chalk
    c.rect(0.12, 0.46, 0.62, 0.475, (120, 86, 60), line=1.2)
    for k in range(3):
        y = 0.2 + 0.07 * k
        c.line([(0.16, y), (0.3 + 0.1 * k, y + 0.01)], (230, 232, 224), 2)
    c.line([(0.44, 0.22), (0.56, 0.36)], (230, 232, 224), 2)
    c.line([(0.56, 0.22), (0.44, 0.36)], (230, 232, 224), 2)
    r = 0.045  # the clock
    c.ellipse((0.76, 0.12, 0.76 + 2 * r * c.h / c.w, 0.12 + 2 * r), (240, 238, 230), line=2, grade=False)
    cx, cy = 0.76 + r * c.h / c.w, 0.12 + r
    c.line([(cx, cy), (cx, cy - r * 0.7)], GRAPHITE, 2)
    c.line([(cx, cy), (cx + r * 0.5 * c.h / c.w, cy)], GRAPHITE, 2)
    window(c, scene, 0.74, 0.28, 0.94, 0.56)
    for row, (y, w) in enumerate(((0.66, 0.09), (0.78, 0.12))):  # desks, nearer rows larger
        for x in (0.06, 0.3, 0.54, 0.78) if row == 0 else (0.0, 0.33, 0.66):
            c.rect(x, y, x + w * 1.6, y + 0.025, (170, 120, 76), line=1.5)
            for lx in (x + 0.01, x + w * 1.6 - 0.02):
                c.rect(lx, y + 0.025, lx + 0.01, y + 0.1 + 0.04 * row, (96, 96, 100), line=1)


def paint_library(c: Canvas, scene: Scene, horizon: float) -> None:
    """Shelves of books from wall to wall, a reading table with a green lamp."""
    room(c, scene, (120, 86, 62))
    for x0, x1 in ((-0.05, 0.42), (0.58, 1.05)):
        c.rect(x0, 0.04, x1, FLOOR, (96, 64, 42), hatch=30)
        for shelf in range(6):
            y = 0.08 + shelf * 0.105
            x = x0 + 0.01
            while x < x1 - 0.02:
                w = c.rng.uniform(0.012, 0.022)
                h = c.rng.uniform(0.06, 0.085)
                c.rect(x, y + 0.09 - h, x + w, y + 0.09, BOOKS[c.rng.randrange(len(BOOKS))], line=0.8)
                x += w + 0.002
            c.rect(x0, y + 0.09, x1, y + 0.1, (80, 54, 36), line=1)
    window(c, scene, 0.46, 0.1, 0.54, 0.5)
    c.rect(0.34, 0.62, 0.66, 0.655, (110, 72, 46))  # the reading table and its lamp
    for x in (0.36, 0.63):
        c.rect(x, 0.655, x + 0.012, 0.8, (96, 62, 40))
    c.shape([(0.46, 0.62), (0.5, 0.56), (0.54, 0.62)], (60, 120, 80))
    _glow(c, (0.34, 0.44, 0.66, 0.74), (255, 226, 160), 70, 18)


def paint_station(c: Canvas, scene: Scene, horizon: float) -> None:
    """A platform under a girder roof: the rails, a carriage waiting, a hanging clock, a bench."""
    sky = SKIES["night" if scene.time == "night" else scene.time if scene.time != "space" else "day"]
    c.rect(-0.05, -0.05, 1.05, 0.6, mix(sky[1], (150, 150, 150), 0.4), line=0)
    for k in range(7):  # the roof's girders
        x = -0.05 + k * 0.19
        c.line([(x, -0.05), (x + 0.1, 0.14), (x + 0.19, -0.05)], (70, 72, 78), 3)
    c.rect(-0.05, 0.12, 1.05, 0.15, (70, 72, 78), line=1.5)
    c.rect(0.5, 0.24, 1.05, 0.62, (60, 100, 90), hatch=30)  # a carriage on the far track
    for x in (0.54, 0.66, 0.78, 0.90):
        lit = scene.time in ("night", "dusk")
        c.rect(x, 0.3, x + 0.09, 0.42, (250, 214, 120) if lit else (150, 180, 196), line=1.5, grade=not lit)
    c.rect(0.5, 0.56, 1.05, 0.6, (50, 52, 56), line=1)
    c.rect(-0.05, 0.6, 1.05, 0.66, (80, 76, 72), line=1)  # the track bed and rails
    for y in (0.615, 0.645):
        c.line([(-0.05, y), (1.05, y)], (170, 170, 176), 2.5)
    c.rect(-0.05, 0.66, 1.05, 1.05, (150, 146, 140), hatch=30)  # the platform and its yellow edge
    c.rect(-0.05, 0.66, 1.05, 0.675, (222, 184, 60), line=1, grade=False)
    c.line([(0.2, 0.15), (0.2, 0.22)], GRAPHITE, 2)  # the hanging clock
    r = 0.04
    c.ellipse((0.2 - r * c.h / c.w, 0.22, 0.2 + r * c.h / c.w, 0.22 + 2 * r), (240, 238, 230), line=2, grade=False)
    c.line([(0.2, 0.22 + r), (0.2, 0.22 + r * 0.4)], GRAPHITE, 1.5)
    c.rect(0.06, 0.74, 0.3, 0.76, (110, 72, 46), line=1.5)  # a bench
    for x in (0.08, 0.27):
        c.rect(x, 0.76, x + 0.01, 0.8, (60, 60, 64), line=1)


def paint_aquarium(c: Canvas, scene: Scene, horizon: float) -> None:
    """A dim hall before a wall of glass: blue water, weed, fish, light from above; people stand in front."""
    c.rect(-0.05, -0.05, 1.05, 1.05, (40, 44, 60), line=0)
    water_top, water_bottom = (40, 120, 170), (16, 56, 96)
    steps = 24
    for i in range(steps):  # the tank, lit from above
        y0, y1 = 0.06 + 0.6 * i / steps, 0.06 + 0.6 * (i + 1) / steps + 0.005
        c.draw.rectangle((0.04 * c.w, y0 * c.h, 0.96 * c.w, y1 * c.h), fill=mix(water_top, water_bottom, i / steps))
    for x in (0.12, 0.3, 0.7, 0.86):  # weed swaying up from the gravel
        c.line([(x, 0.66), (x + 0.02, 0.52), (x - 0.01, 0.4), (x + 0.015, 0.3)], (60, 130, 80), 4)
    for _ in range(7):
        fx, fy = c.rng.uniform(0.1, 0.85), c.rng.uniform(0.14, 0.5)
        colour = ((230, 140, 50), (230, 200, 80), (200, 80, 80), (120, 170, 220))[c.rng.randrange(4)]
        c.ellipse((fx, fy, fx + 0.05, fy + 0.03), colour, line=1.2, grade=False)
        c.shape([(fx, fy + 0.015), (fx - 0.02, fy), (fx - 0.02, fy + 0.03)], colour, line=1)
    c.rect(0.04, 0.62, 0.96, 0.66, (170, 150, 110), line=1)  # gravel
    for x in (0.04, 0.5, 0.96):  # the frame of the glass
        c.rect(x - 0.01, 0.05, x + 0.01, 0.67, (30, 32, 40), line=1)
    c.rect(0.03, 0.05, 0.97, 0.07, (30, 32, 40), line=1)
    c.rect(-0.05, 0.67, 1.05, 1.05, (54, 56, 70), hatch=40)  # the hall's floor, the tank's glow on it
    _glow(c, (0.0, 0.55, 1.0, 0.95), (80, 150, 200), 50, 24)
