"""Who stands where: figures sized by the shot, standing on the ground, inside the part of the frame the
camera move keeps in view (tools.render.timeline.seen_throughout), and an animal small enough that its whole
length fits a narrow frame."""

from __future__ import annotations

from tools.images.animatic.animals import BODIES, SWIMMERS, head_ahead, span_of
from tools.images.animatic.canvas import Canvas
from tools.images.animatic.looks import Look, look_of
from tools.images.animatic.people import draw_foreground, draw_machine, draw_person
from tools.images.base import FrameRequest
from tools.render.timeline import seen_throughout

SHOT_HEIGHTS: dict[str, float] = {  # how tall a standing person is, in frame heights
    "wide": 0.34,
    "medium": 1.55,
    "close-up": 3.4,
    "extreme-close-up": 8.5,
    "over-the-shoulder": 0.95,
}
ANIMAL_MOST = {"wide": 0.5, "medium": 0.78, "over-the-shoulder": 0.6}  # a whole animal in these shots
STRANGER = Look((84, 80, 78), (58, 50, 46))  # the shoulder we look over when the subject is alone


def draw_figure(c: Canvas, look: Look, cx: float, ground: float, height: float, facing: int = 1) -> None:
    """A figure `height` tall before its own scale (a fraction of the frame height), feet at `ground`; what
    falls outside the frame is simply cut, which is what a medium or close shot is."""
    h = height * look.scale
    if look.body in BODIES:
        BODIES[look.body](c, look.clothes, look.kind, cx, ground - h, h, facing)
    elif look.machine:
        draw_machine(c, look, cx, ground, h, facing)
    else:
        draw_person(c, look, cx, ground, h, facing)


def _animal_height(c: Canvas, look: Look, shot: str, height: float, room: float) -> float:
    """An animal's height before scale: whole in a wide, medium or over-the-shoulder shot, and no wider than the
    room it has across the frame."""
    h = height * look.scale
    if shot in ANIMAL_MOST:
        h = min(h, ANIMAL_MOST[shot])
    widest = room * c.w / c.h / span_of(look.body, look.kind)
    return min(h, widest) / look.scale


def paint_figures(c: Canvas, request: FrameRequest, horizon: float, under_water: bool = False) -> None:
    looks = [look_of(f) for f in request.figures]
    if not looks:
        return
    x0, _, x1, _ = seen_throughout(request.camera)
    shot = request.shot if request.shot in SHOT_HEIGHTS else "medium"
    # Heights are tuned for 16:9; a tall frame is narrow, so the same shot needs a smaller figure.
    narrow = min(1.0, (c.w / c.h) / (16 / 9)) ** 0.8
    height = SHOT_HEIGHTS[shot] * (max(0.65, narrow) if shot == "wide" else narrow)  # a wide keeps its people seen
    head = height * 0.085  # the head's radius, in frame heights
    if shot == "over-the-shoulder":
        subject = looks[1] if len(looks) > 1 else looks[0]
        size = _animal_height(c, subject, shot, height, 0.45) if subject.body in BODIES else height
        draw_figure(c, subject, 0.66, 0.24 + size * subject.scale if subject.body in BODIES else 0.24 + size, size, -1)
        # Alone in the shot, the subject is seen over someone else's shoulder, not their own.
        draw_foreground(c, looks[0] if len(looks) > 1 else STRANGER)
        return
    if shot in ("close-up", "extreme-close-up"):
        looks = looks[:1]  # one face fills a close shot
    ground_line = min(0.96, horizon + 0.22)  # where feet stand in a wide shot: on the ground, below the horizon
    head_top = {"wide": ground_line - height, "extreme-close-up": 0.52 - head}.get(shot, 0.22)
    n = len(looks)
    inner = x1 - x0
    standing = [look.scale for look in looks if look.body not in BODIES]
    tallest = max(standing, default=1.0)
    if shot != "wide" and n > 1 and standing:
        # A child beside an adult: step back until the shorter one's face is in the frame too.
        spread = tallest - min(standing)
        height = min(height, 0.33 / spread) if spread > 0 else height
    for i, look in enumerate(looks):
        # Spread inside what the move keeps in view, never closer to its edge than a tenth of it.
        cx = (x0 + x1) / 2 if n == 1 else x0 + inner * (0.2 + 0.6 * i / (n - 1))
        room = inner * (0.8 if n == 1 else 0.5 / (n - 1))
        size = height
        if shot == "wide" or n > 1:  # figures share the ground
            ground = ground_line if shot == "wide" else head_top + height * tallest
        else:  # alone in a closer shot, the one figure is framed by its head
            ground = head_top + height * look.scale
        if look.body in BODIES:
            size = _animal_height(c, look, shot, height, room)
            if shot != "wide" and (n > 1 or shot == "medium"):  # a whole animal on the ground before the camera
                ground = 0.97 if n > 1 else min(0.97, max(horizon + 0.2, 0.3 + size * look.scale))
            if look.body in SWIMMERS and under_water:  # swimmers swim: mid-frame, not on the floor
                ground = min(ground, 0.5 + size * look.scale / 2)
        facing = 1 if cx <= 0.5 else -1
        if look.body in BODIES and shot in ANIMAL_MOST:  # seen whole: centre the body, not the head
            cx += facing * head_ahead(look.body, look.kind) * size * look.scale * c.h / c.w
        draw_figure(c, look, cx, ground, size, facing)
