"""Birds and insects: owls and penguins upright with their fronts, other birds side-on; bees striped with clear
wings, butterflies with wide coloured ones."""

from __future__ import annotations

from tools.images.animatic.canvas import Canvas
from tools.images.animatic.fur import EYE, WHITE, shade
from tools.images.palette import GRAPHITE, RGB, mix


def draw_bird(c: Canvas, feathers: RGB, kind: str, cx: float, top: float, h: float, facing: int) -> None:
    """A bird: an owl or a penguin stands upright (tufts and ringed eyes, a white front), others side-on."""
    x = h * c.h / c.w
    ground = top + h
    dark = shade(feathers)
    if kind in ("owl", "owlet", "penguin"):
        front = WHITE if kind == "penguin" else mix(feathers, WHITE, 0.45)
        for offset in (-0.1, 0.1):
            c.ellipse(
                (cx + x * offset - x * 0.08, ground - 0.05 * h, cx + x * offset + x * 0.08, ground),
                (222, 164, 60),
                line=1.2,
                grade=False,
            )
        c.ellipse((cx - x * 0.34, top + 0.18 * h, cx + x * 0.34, ground - 0.02 * h), feathers, line=2.5, hatch=30)
        c.ellipse((cx - x * 0.2, top + 0.42 * h, cx + x * 0.2, ground - 0.08 * h), front, line=1.5)
        if kind != "penguin":
            for side in (-1, 1):  # ear tufts, and eyes in their pale discs
                c.shape(
                    [
                        (cx + side * x * 0.12, top + 0.1 * h),
                        (cx + side * x * 0.3, top - 0.04 * h),
                        (cx + side * x * 0.3, top + 0.14 * h),
                    ],
                    dark,
                    line=1.5,
                )
        c.ellipse((cx - x * 0.3, top + 0.04 * h, cx + x * 0.3, top + 0.46 * h), feathers, line=2.5)
        for side in (-1, 1):
            ex = cx + side * x * 0.13
            ring = (240, 200, 80) if kind != "penguin" else WHITE
            c.ellipse((ex - x * 0.1, top + 0.14 * h, ex + x * 0.1, top + 0.32 * h), ring, line=1.5, grade=False)
            c.ellipse((ex - x * 0.05, top + 0.18 * h, ex + x * 0.05, top + 0.28 * h), EYE, line=0, grade=False)
        c.shape(
            [(cx - x * 0.04, top + 0.3 * h), (cx + x * 0.04, top + 0.3 * h), (cx, top + 0.4 * h)],
            (222, 164, 60),
            line=1.2,
            grade=False,
        )
        return
    body_x = cx - facing * x * 0.22
    for offset in (-0.08, 0.08):
        c.line([(body_x + x * offset, top + 0.78 * h), (body_x + x * offset, ground)], (200, 140, 60), 3)
    c.ellipse((body_x - x * 0.34, top + 0.3 * h, body_x + x * 0.34, top + 0.84 * h), feathers, line=2.5)
    c.ellipse(
        (body_x - facing * x * 0.22 - x * 0.2, top + 0.42 * h, body_x - facing * x * 0.22 + x * 0.2, top + 0.72 * h),
        dark,
        line=1.5,
    )
    c.ellipse((cx - x * 0.2, top, cx + x * 0.2, top + 0.4 * h), feathers, line=2.5)
    tip = cx + facing * x * 0.34
    c.shape(
        [(cx + facing * x * 0.17, top + 0.15 * h), (tip, top + 0.21 * h), (cx + facing * x * 0.17, top + 0.27 * h)],
        (222, 164, 60),
        line=1.5,
        grade=False,
    )
    c.ellipse(
        (cx + facing * x * 0.05 - x * 0.035, top + 0.12 * h, cx + facing * x * 0.05 + x * 0.035, top + 0.19 * h),
        EYE,
        line=0,
        grade=False,
    )


def draw_insect(c: Canvas, colour: RGB, kind: str, cx: float, top: float, h: float, facing: int) -> None:
    """A bee (striped, with clear wings), a butterfly (wide coloured wings), or a beetle, seen side-on in flight."""
    x = h * c.h / c.w
    mid = top + 0.55 * h
    if kind in ("butterfly", "moth"):
        for side, tint in ((-1, 0.25), (1, 0.0)):
            c.ellipse(
                (cx - x * 0.5 + side * x * 0.05, top, cx + side * x * 0.05, mid + 0.05 * h), shade(colour, tint), line=2
            )
            c.ellipse(
                (cx + side * x * 0.05, top + 0.1 * h, cx + x * 0.45 + side * x * 0.05, mid + 0.25 * h),
                shade(colour, tint),
                line=2,
            )
        c.ellipse((cx - x * 0.05, top + 0.2 * h, cx + x * 0.05, top + 0.9 * h), (60, 50, 46), line=1.5)
        return
    body = (cx - facing * x * 0.75, mid - 0.25 * h, cx - facing * x * 0.05, mid + 0.3 * h)
    wings = (216, 230, 240)
    for k, lift in enumerate((0.55, 0.4)):
        wx = cx - facing * x * (0.35 + 0.12 * k)
        c.ellipse(
            (wx - x * 0.18, mid - lift * h - 0.25 * h, wx + x * 0.18, mid - 0.15 * h), wings, line=1.5, grade=False
        )
    c.ellipse((min(body[0], body[2]), body[1], max(body[0], body[2]), body[3]), colour, line=2.5)
    if kind in ("bee", "bumblebee", "wasp"):
        for band in (0.3, 0.55, 0.8):
            bx = body[2] + (body[0] - body[2]) * band
            c.line([(bx, mid - 0.22 * h), (bx, mid + 0.27 * h)], (40, 36, 34), 8)
        c.shape(
            [(body[0], mid + 0.02 * h), (body[0] - facing * x * 0.1, mid + 0.05 * h), (body[0], mid + 0.1 * h)],
            (40, 36, 34),
            line=1,
        )
    elif kind in ("ladybird", "ladybug"):
        for fx, fy in ((0.3, 0.3), (0.6, 0.5), (0.45, 0.75)):
            px = body[2] + (body[0] - body[2]) * fx
            c.ellipse(
                (
                    px - x * 0.04,
                    body[1] + (body[3] - body[1]) * fy - 0.04 * h,
                    px + x * 0.04,
                    body[1] + (body[3] - body[1]) * fy + 0.04 * h,
                ),
                (30, 28, 30),
                line=0,
            )
    c.ellipse((cx - x * 0.16, mid - 0.18 * h, cx + x * 0.16, mid + 0.16 * h), (50, 44, 40), line=2)
    for side in (-1, 1):
        c.line(
            [(cx + facing * x * 0.05, mid - 0.15 * h), (cx + facing * x * (0.2 + 0.05 * side), mid - 0.45 * h)],
            GRAPHITE,
            2,
        )
    c.ellipse(
        (cx + facing * x * 0.06 - x * 0.04, mid - 0.08 * h, cx + facing * x * 0.06 + x * 0.04, mid + 0.0 * h),
        WHITE,
        line=0,
        grade=False,
    )
