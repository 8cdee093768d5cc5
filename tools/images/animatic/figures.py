"""Who stands where: figures sized by the shot and placed on the ground."""

from __future__ import annotations

from tools.images.animatic.animals import BODIES
from tools.images.animatic.canvas import Canvas
from tools.images.animatic.looks import Look, look_of
from tools.images.animatic.people import draw_back_of_head, draw_figure
from tools.images.base import FrameRequest

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
