"""People and machines standing in the panel, and the foreground shoulder of an over-the-shoulder shot."""

from __future__ import annotations

from tools.images.animatic.animals import BODIES
from tools.images.animatic.canvas import Canvas
from tools.images.animatic.looks import Look
from tools.images.palette import GRAPHITE, mix


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
