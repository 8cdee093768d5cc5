"""The storyboard artist's notes in red pencil: the camera move drawn on the panel, and the label tab."""

from __future__ import annotations

import math
from collections.abc import Callable

from tools.images.animatic.canvas import Canvas, Point
from tools.images.base import FrameRequest
from tools.images.fonts import font, hand_path
from tools.images.palette import GRAPHITE, RED_PENCIL
from tools.render.timeline import seen_throughout


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
    """Scene number, shot and move, hand-lettered on a paper tab inside what the camera move keeps in view
    all through the shot, shrunk to fit when a narrow frame cannot hold it at full size."""
    parts = [request.label, request.shot.upper().replace("-", " "), CAMERA_WORDS.get(request.camera, "")]
    text = "  ·  ".join(p for p in parts if p)
    x0, y0, x1, _ = seen_throughout(request.camera)
    margin = 0.03 * min(c.w, c.h)
    left, top, room = x0 * c.w + margin, y0 * c.h + margin, (x1 - x0) * c.w - 2 * margin
    size = round(min(c.w, c.h) * 0.062)
    f = font(hand_path(), size)
    pad = size * 0.3
    width = c.draw.textlength(text, font=f) + 2 * pad
    if width > room:
        size = max(8, int(size * room / width))
        f, pad = font(hand_path(), size), size * 0.3
    x, y = left + pad, top + pad
    box = c.draw.textbbox((x, y), text, font=f)
    c.draw.rectangle(
        (box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad),
        fill=(246, 240, 226),
        outline=GRAPHITE,
        width=max(1, round(2 * c.u)),
    )
    c.draw.text((x, y), text, font=f, fill=GRAPHITE)
