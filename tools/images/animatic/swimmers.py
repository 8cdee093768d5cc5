"""Animals of the water, side-on: fish (a shark's tall fin), whales with flukes, octopuses and jellyfish."""

from __future__ import annotations

import math

from tools.images.animatic.canvas import Canvas
from tools.images.animatic.fur import EYE, WHITE, shade
from tools.images.palette import GRAPHITE, RGB, mix


def draw_fish(c: Canvas, scales: RGB, kind: str, cx: float, top: float, h: float, facing: int) -> None:
    """A fish side-on: a long body, a forked tail behind, a fin (a shark's tall), and a round eye at the front."""
    x = h * c.h / c.w
    mid = top + 0.45 * h
    back = cx - facing * x * 1.05
    dark = shade(scales)
    c.shape(
        [
            (back, mid),
            (back - facing * x * 0.32, mid - 0.3 * h),
            (back - facing * x * 0.22, mid),
            (back - facing * x * 0.32, mid + 0.3 * h),
        ],
        dark,
    )
    c.ellipse(
        (min(cx + facing * x * 0.18, back), top + 0.15 * h, max(cx + facing * x * 0.18, back), top + 0.75 * h),
        scales,
        line=2.5,
    )
    fin = cx - facing * x * 0.45
    tall = 0.3 if kind in ("shark", "dolphin") else 0.0
    c.shape(
        [(fin - x * 0.18, top + 0.2 * h), (fin - facing * x * 0.08, top - tall * h), (fin + x * 0.18, top + 0.2 * h)],
        dark,
    )
    c.ellipse((cx - x * 0.06, top + 0.33 * h, cx + x * 0.06, top + 0.45 * h), WHITE, line=1.5, grade=False)
    c.ellipse((cx - x * 0.03, top + 0.36 * h, cx + x * 0.03, top + 0.42 * h), EYE, line=0, grade=False)
    c.line([(cx + facing * x * 0.14, top + 0.55 * h), (cx + facing * x * 0.04, top + 0.58 * h)], GRAPHITE, 1.5)


def draw_whale(c: Canvas, skin: RGB, kind: str, cx: float, top: float, h: float, facing: int) -> None:
    """A whale side-on: a long rounded body with a pale belly, flukes raised behind, a flipper, a small eye."""
    x = h * c.h / c.w
    head = cx + facing * x * 0.35
    tail = cx - facing * x * 1.9
    belly = mix(skin, WHITE, 0.6) if kind != "orca" else WHITE
    c.shape(
        [
            (tail, top + 0.45 * h),
            (tail - facing * x * 0.35, top + 0.1 * h),
            (tail - facing * x * 0.12, top + 0.42 * h),
            (tail - facing * x * 0.35, top + 0.78 * h),
        ],
        shade(skin),
    )
    c.shape(
        [
            (head, top + 0.45 * h),
            (head - facing * x * 0.2, top + 0.12 * h),
            (cx - facing * x * 0.8, top + 0.1 * h),
            (tail, top + 0.38 * h),
            (tail, top + 0.52 * h),
            (cx - facing * x * 0.8, top + 0.85 * h),
            (head - facing * x * 0.15, top + 0.9 * h),
        ],
        skin,
        line=2.5,
        hatch=30,
    )
    c.shape(
        [
            (head - facing * x * 0.15, top + 0.66 * h),
            (cx - facing * x * 0.9, top + 0.8 * h),
            (head - facing * x * 0.2, top + 0.86 * h),
        ],
        belly,
        line=1.5,
    )
    c.line([(head, top + 0.56 * h), (head - facing * x * 0.5, top + 0.62 * h)], GRAPHITE, 2)  # the mouth
    c.shape(
        [
            (cx - facing * x * 0.3, top + 0.7 * h),
            (cx - facing * x * 0.6, top + 1.0 * h),
            (cx - facing * x * 0.45, top + 0.72 * h),
        ],
        shade(skin),
        line=1.5,
    )
    eye = head - facing * x * 0.42
    c.ellipse((eye - x * 0.03, top + 0.48 * h, eye + x * 0.03, top + 0.54 * h), EYE, line=0, grade=False)


def draw_octopus(c: Canvas, skin: RGB, kind: str, cx: float, top: float, h: float, facing: int) -> None:
    """An octopus: a round mantle on top, two big eyes, eight curling arms spread below."""
    x = h * c.h / c.w
    dark = shade(skin, 0.25)
    mantle_bottom = top + 0.5 * h
    for k in range(8):  # the arms, the far ones darker
        spread = (k - 3.5) / 3.5
        base = (cx + spread * x * 0.18, mantle_bottom - 0.04 * h)
        pts = [base]
        for t in (0.25, 0.5, 0.75, 1.0):
            wave = math.sin(t * 5 + k) * 0.06
            pts.append(
                (
                    base[0] + spread * x * 0.42 * t + wave * x,
                    base[1] + 0.46 * h * t - (0.1 * h * t * t if abs(spread) > 0.6 else 0),
                )
            )
        c.line(pts, dark if k % 2 else skin, 12 if kind != "jellyfish" else 3)
    if kind == "jellyfish":
        c.ellipse((cx - x * 0.3, top, cx + x * 0.3, top + 0.5 * h), mix(skin, WHITE, 0.3), line=2)
        return
    c.ellipse((cx - x * 0.28, top, cx + x * 0.28, top + 0.56 * h), skin, line=2.5, hatch=20)
    for side in (-1, 1):
        ex = cx + side * x * 0.11
        c.ellipse((ex - x * 0.07, top + 0.3 * h, ex + x * 0.07, top + 0.42 * h), WHITE, line=1.5, grade=False)
        c.ellipse(
            (ex - x * 0.03 + facing * x * 0.02, top + 0.33 * h, ex + x * 0.03 + facing * x * 0.02, top + 0.4 * h),
            EYE,
            line=0,
            grade=False,
        )
