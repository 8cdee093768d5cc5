"""The storyboard artist's pencils and paper: the colours every drawn frame shares, and how to blend them."""

from __future__ import annotations

RGB = tuple[int, int, int]
GRAPHITE: RGB = (52, 48, 46)
RED_PENCIL: RGB = (196, 46, 40)
PAPER: RGB = (240, 233, 218)


def mix(a: RGB, b: RGB, t: float) -> RGB:
    """`a` blended toward `b` by `t` (0: all a, 1: all b)."""
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))
