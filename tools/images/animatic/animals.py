"""Animals in the animatic: a four-legged beast, a fish and a bird, drawn in the same pencil-and-paper
manner as the people. Each is anchored on its head (where a person's head would be), so a close-up frames
the face and the body trails off behind it, away from the way it faces."""

from __future__ import annotations

from collections.abc import Callable

from tools.images.animatic.canvas import Canvas
from tools.images.palette import GRAPHITE, RGB, mix

EYE: RGB = (30, 28, 30)

FISH = ("fish", "whale", "dolphin", "shark", "seal", "octopus", "goldfish", "salmon", "trout", "seahorse", "jellyfish")
BIRDS = ("bird", "owl", "crow", "raven", "parrot", "penguin", "duck", "goose", "swan", "hen", "chicken", "robin",
         "sparrow", "eagle", "gull", "seagull", "pigeon", "bat", "butterfly", "moth", "bee")  # fmt: skip
BEASTS = ("cat", "dog", "fox", "bear", "wolf", "rabbit", "mouse", "horse", "dragon", "turtle", "frog", "deer",
          "lion", "tiger", "elephant", "otter", "squirrel", "pig", "goat", "cow", "monkey", "snail", "crab",
          "unicorn", "puppy", "kitten", "badger", "hedgehog", "sheep", "lamb", "lizard", "snake", "spider", "ant",
          "beetle", "hamster", "donkey", "kangaroo", "koala", "panda", "raccoon", "mole", "rat", "camel", "giraffe",
          "zebra", "hippo", "rhino", "gorilla", "llama", "alpaca", "bull", "ox", "puppy")  # fmt: skip
ANIMALS = FISH + BIRDS + BEASTS


def draw_beast(c: Canvas, fur: RGB, cx: float, top: float, h: float, facing: int) -> None:
    """A four-legged animal standing side-on, `h` tall from ears to paws."""
    x = h * c.h / c.w  # one unit of h, across
    ground = top + h
    body = (cx - facing * x * 0.62, top + 0.42 * h)  # the middle of the body
    dark = mix(fur, (40, 36, 34), 0.35)
    c.line([(body[0] - facing * x * 0.45, body[1]), (body[0] - facing * x * 0.78, top + 0.22 * h)], dark, 5)
    for offset in (-0.36, -0.16, 0.2, 0.38):  # legs: the far pair darker, drawn first
        lx = body[0] + facing * x * offset
        c.shape([(lx - x * 0.06, body[1]), (lx + x * 0.06, body[1]), (lx + x * 0.06, ground),
                 (lx - x * 0.06, ground)], dark if offset in (-0.16, 0.38) else fur)  # fmt: skip
    c.ellipse((body[0] - x * 0.5, top + 0.26 * h, body[0] + x * 0.5, top + 0.72 * h), fur, line=2.5)
    r = 0.2 * h
    for side in (-1, 1):  # ears
        ex = cx + side * x * 0.11
        c.shape([(ex - x * 0.08, top + 0.12 * h), (ex, top), (ex + x * 0.08, top + 0.12 * h)], dark)
    c.ellipse((cx - x * 0.2, top + 0.06 * h, cx + x * 0.2, top + 0.06 * h + 2 * r), fur, line=2.5)
    c.ellipse((cx + facing * x * 0.06 - x * 0.03, top + 0.17 * h, cx + facing * x * 0.06 + x * 0.03,
               top + 0.23 * h), EYE, line=0, grade=False)  # fmt: skip
    nose = cx + facing * x * 0.19
    c.ellipse((nose - x * 0.03, top + 0.27 * h, nose + x * 0.03, top + 0.31 * h), EYE, line=0, grade=False)


def draw_fish(c: Canvas, scales: RGB, cx: float, top: float, h: float, facing: int) -> None:
    """A fish leaping side-on: a long body, a forked tail behind, one fin and a round eye at the front."""
    x = h * c.h / c.w
    mid = top + 0.45 * h
    back = cx - facing * x * 1.05
    dark = mix(scales, (40, 36, 34), 0.35)
    c.shape([(back, mid), (back - facing * x * 0.32, mid - 0.3 * h), (back - facing * x * 0.22, mid),
             (back - facing * x * 0.32, mid + 0.3 * h)], dark)  # fmt: skip
    c.ellipse((min(cx + facing * x * 0.18, back), top + 0.15 * h, max(cx + facing * x * 0.18, back), top + 0.75 * h),
              scales, line=2.5)  # fmt: skip
    fin = cx - facing * x * 0.45
    c.shape([(fin - x * 0.18, top + 0.2 * h), (fin, top), (fin + x * 0.18, top + 0.2 * h)], dark)
    c.ellipse((cx - x * 0.06, top + 0.33 * h, cx + x * 0.06, top + 0.45 * h), (240, 238, 230), line=1.5, grade=False)
    c.ellipse((cx - x * 0.03, top + 0.36 * h, cx + x * 0.03, top + 0.42 * h), EYE, line=0, grade=False)
    c.line([(cx + facing * x * 0.14, top + 0.55 * h), (cx + facing * x * 0.04, top + 0.58 * h)], GRAPHITE, 1.5)


def draw_bird(c: Canvas, feathers: RGB, cx: float, top: float, h: float, facing: int) -> None:
    """A bird standing side-on: a round head with a beak, a plump body with a folded wing, thin legs."""
    x = h * c.h / c.w
    ground = top + h
    dark = mix(feathers, (40, 36, 34), 0.35)
    body_x = cx - facing * x * 0.22
    for offset in (-0.08, 0.08):
        c.line([(body_x + x * offset, top + 0.78 * h), (body_x + x * offset, ground)], (200, 140, 60), 3)
    c.ellipse((body_x - x * 0.34, top + 0.3 * h, body_x + x * 0.34, top + 0.84 * h), feathers, line=2.5)
    c.ellipse((body_x - facing * x * 0.22 - x * 0.2, top + 0.42 * h, body_x - facing * x * 0.22 + x * 0.2,
               top + 0.72 * h), dark, line=1.5)  # fmt: skip
    c.ellipse((cx - x * 0.2, top, cx + x * 0.2, top + 0.4 * h), feathers, line=2.5)
    tip = cx + facing * x * 0.34
    c.shape([(cx + facing * x * 0.17, top + 0.15 * h), (tip, top + 0.21 * h), (cx + facing * x * 0.17, top + 0.27 * h)],
            (222, 164, 60), line=1.5, grade=False)  # fmt: skip
    c.ellipse((cx + facing * x * 0.05 - x * 0.035, top + 0.12 * h, cx + facing * x * 0.05 + x * 0.035,
               top + 0.19 * h), EYE, line=0, grade=False)  # fmt: skip


BODIES: dict[str, tuple[tuple[str, ...], Callable[..., None]]] = {  # body plan -> (its words, how to draw it)
    "fish": (FISH, draw_fish),
    "bird": (BIRDS, draw_bird),
    "beast": (BEASTS, draw_beast),
}


def body_of(words: list[str]) -> str | None:
    """The body plan of the first animal named in these words, if any."""
    for word in words:
        for body, (names, _) in BODIES.items():
            if word in names or (word.endswith("s") and word[:-1] in names):
                return body
    return None
