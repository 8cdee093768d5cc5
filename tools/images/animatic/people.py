"""People and machines standing in the panel, and the foreground shoulder of an over-the-shoulder shot.

A person is drawn from their Look: a child has a larger head on a shorter body, an old person stoops a
little over a stick, build widens the shoulders; the outfit sets the shape (a dress or a robe to the ground,
armour in plates with a visored helmet, a spacesuit with its glass helmet and pack, an apron), then the hair
(short, long, a bun, none), a beard, and a hat (a crown, a wizard's point, a chef's toque, a cap)."""

from __future__ import annotations

from PIL import Image, ImageDraw, ImageFilter

from tools.images.animatic.canvas import Canvas
from tools.images.animatic.looks import Look
from tools.images.palette import GRAPHITE, RGB, mix

METAL: RGB = (176, 180, 186)
GLASS: RGB = (190, 220, 236)


def draw_machine(c: Canvas, look: Look, cx: float, ground: float, h: float, facing: int) -> None:
    """A robot: a box body with a glowing panel, block limbs, a square head with an antenna and round eyes."""
    aspect = c.h / c.w
    head_r = h * 0.075
    head_w = head_r * aspect
    head_cy = ground - h + head_r
    body_top, hip = head_cy + head_r * 1.2, ground - h * 0.47
    shoulder = h * 0.13 * aspect
    metal = look.clothes
    legs = mix(metal, (40, 40, 40), 0.3)
    c.rect(cx - shoulder * 0.6, hip, cx - shoulder * 0.15, ground, legs)
    c.rect(cx + shoulder * 0.15, hip, cx + shoulder * 0.6, ground, legs)
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
    c.rect(cx - shoulder * 0.4, body_top + h * 0.06, cx + shoulder * 0.4, body_top + h * 0.14, (90, 170, 190),
           line=1.5, grade=False)  # fmt: skip  # the glowing panel
    for side in (-1, 1):
        arm_x = cx + side * shoulder * 1.15
        c.rect(arm_x - shoulder * 0.18, body_top + h * 0.02, arm_x + shoulder * 0.18, hip + h * 0.05,
               mix(metal, (40, 40, 40), 0.15))  # fmt: skip
    c.rect(cx - head_w * 1.1, head_cy - head_r, cx + head_w * 1.1, head_cy + head_r, metal, line=2.5)
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


def _hair_behind(c: Canvas, look: Look, cx: float, cy: float, r: float, w: float) -> None:
    """Long hair falls behind the head to the shoulders; a bun sits at the back of the crown."""
    if not look.hair:
        return
    if look.hair_style == "long":
        c.shape(
            [
                (cx - w * 1.15, cy - r * 0.2),
                (cx - w * 1.2, cy + r * 1.9),
                (cx + w * 1.2, cy + r * 1.9),
                (cx + w * 1.15, cy - r * 0.2),
                (cx, cy - r * 1.1),
            ],
            look.hair,
            line=1.5,
        )
    elif look.hair_style == "bun":
        c.ellipse((cx - w * 0.5, cy - r * 1.55, cx + w * 0.5, cy - r * 0.7), look.hair, line=1.5)


def _hair_over(c: Canvas, look: Look, cx: float, cy: float, r: float, w: float) -> None:
    if not look.hair or look.outfit in ("armour", "spacesuit"):
        return
    c.shape(
        [
            (cx - w * 1.05, cy + r * 0.1),
            (cx - w * 0.95, cy - r * 0.8),
            (cx, cy - r * 1.12),
            (cx + w * 0.95, cy - r * 0.8),
            (cx + w * 1.05, cy + r * 0.1),
            (cx + w * 0.7, cy - r * 0.45),
            (cx - w * 0.7, cy - r * 0.45),
        ],
        look.hair,
        line=1.5,
    )


def _hat(c: Canvas, look: Look, cx: float, cy: float, r: float, w: float) -> None:
    if look.hat == "crown":
        base = cy - r * 0.75
        pts = [(cx - w * 0.8, base)]
        for k in range(5):
            x = cx - w * 0.8 + k * w * 0.4
            pts += [(x + w * 0.2, base - r * 0.7), (x + w * 0.4, base - r * 0.25)]
        c.shape([*pts[:-1], (cx + w * 0.8, base)], (224, 184, 60), line=1.5, grade=False)
    elif look.hat == "pointed":
        c.shape(
            [(cx - w * 1.5, cy - r * 0.6), (cx + w * 0.3, cy - r * 3.2), (cx + w * 1.5, cy - r * 0.6)],
            mix(look.clothes, GRAPHITE, 0.2),
            line=2,
        )
        c.rect(cx - w * 1.6, cy - r * 0.75, cx + w * 1.6, cy - r * 0.5, mix(look.clothes, GRAPHITE, 0.3), line=1.5)
    elif look.hat == "chef":
        c.rect(cx - w * 0.75, cy - r * 1.5, cx + w * 0.75, cy - r * 0.7, (244, 244, 240), line=1.5, grade=False)
        for dx in (-0.5, 0.0, 0.5):
            c.ellipse(
                (cx + w * (dx - 0.45), cy - r * 2.1, cx + w * (dx + 0.45), cy - r * 1.3),
                (244, 244, 240),
                line=1.5,
                grade=False,
            )
    elif look.hat == "cap":
        c.shape(
            [
                (cx - w * 1.0, cy - r * 0.5),
                (cx - w * 0.9, cy - r * 1.1),
                (cx + w * 0.9, cy - r * 1.1),
                (cx + w * 1.0, cy - r * 0.5),
            ],
            mix(look.clothes, GRAPHITE, 0.4),
            line=1.5,
        )
        c.rect(cx - w * 0.2, cy - r * 0.6, cx + w * 1.4, cy - r * 0.45, mix(look.clothes, GRAPHITE, 0.5), line=1)


def _face(c: Canvas, look: Look, cx: float, cy: float, r: float, w: float, facing: int) -> None:
    for side in (-1, 1):
        ex = cx + (side * 0.38 + 0.12 * facing) * w
        c.ellipse((ex - w * 0.09, cy - r * 0.12, ex + w * 0.09, cy + r * 0.08), GRAPHITE, line=0, grade=False)
    c.line(
        [(cx + facing * w * 0.14, cy), (cx + facing * w * 0.2, cy + r * 0.25), (cx + facing * w * 0.08, cy + r * 0.28)],
        GRAPHITE,
        1.5,
    )
    if look.beard and look.hair:
        c.shape(
            [
                (cx - w * 0.85, cy + r * 0.15),
                (cx - w * 0.5, cy + r * 1.05),
                (cx, cy + r * 1.35),
                (cx + w * 0.5, cy + r * 1.05),
                (cx + w * 0.85, cy + r * 0.15),
                (cx, cy + r * 0.5),
            ],
            look.hair,
            line=1.5,
        )
    else:
        c.line(
            [(cx - w * 0.25 + facing * w * 0.08, cy + r * 0.52), (cx + w * 0.25 + facing * w * 0.08, cy + r * 0.5)],
            GRAPHITE,
            1.5,
        )
    if look.age == "old":  # the lines of age at the eyes
        for side in (-1, 1):
            ex = cx + (side * 0.38 + 0.12 * facing) * w + side * w * 0.16
            c.line([(ex, cy - r * 0.05), (ex + side * w * 0.1, cy + r * 0.02)], GRAPHITE, 1)


def draw_person(c: Canvas, look: Look, cx: float, ground: float, h: float, facing: int) -> None:
    """A standing person `h` tall, feet at `ground`, dressed and aged as their Look says."""
    aspect = c.h / c.w
    child = look.age == "child"
    head_r = h * (0.11 if child else 0.085)
    stoop = facing * h * 0.02 * aspect if look.age == "old" else 0.0
    head_w, head_cy = head_r * aspect, ground - h + head_r
    head_x = cx + stoop
    body_top = head_cy + head_r * 1.2
    hip = ground - h * (0.42 if child else 0.47)
    shoulder = h * (0.15 if child else 0.13) * aspect * look.build
    bulky = look.outfit in ("spacesuit", "armour")
    if look.outfit == "spacesuit":
        shoulder *= 1.2
        c.rect(cx - shoulder * 0.9, body_top + h * 0.02, cx + shoulder * 0.9, hip - h * 0.02, (200, 200, 196), line=2)
    legs = mix(look.clothes, (40, 40, 50), 0.55) if not bulky else mix(look.clothes, GRAPHITE, 0.15)
    skin = look.skin
    hands = skin if not bulky else mix(look.clothes, GRAPHITE, 0.2)
    _hair_behind(c, look, head_x, head_cy, head_r, head_w)
    if look.outfit in ("dress", "robe"):  # one long shape from the waist (a dress) or the shoulders (a robe)
        hem = ground - h * (0.12 if look.outfit == "dress" else 0.0)
        if look.outfit == "dress":
            for side in (-1, 1):
                c.rect(
                    cx + side * shoulder * 0.3 - shoulder * 0.1,
                    hem - h * 0.02,
                    cx + side * shoulder * 0.3 + shoulder * 0.1,
                    ground,
                    skin,
                    line=1.2,
                )
        top = hip - h * 0.06 if look.outfit == "dress" else body_top + h * 0.05
        c.shape(
            [
                (cx - shoulder * 0.75, top),
                (cx + shoulder * 0.75, top),
                (cx + shoulder * 1.25, hem),
                (cx - shoulder * 1.25, hem),
            ],
            look.clothes,
            line=2.5,
            hatch=30,
        )
    else:
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
            legs,
            hatch=40,
        )
    if bulky or look.age == "old":  # boots
        for side in (-1, 1):
            c.rect(
                cx + side * shoulder * 0.28 - shoulder * 0.2,
                ground - h * 0.04,
                cx + side * shoulder * 0.28 + shoulder * 0.2,
                ground,
                mix(look.clothes, GRAPHITE, 0.5),
                line=1.2,
            )
    c.shape(
        [
            (cx - shoulder, body_top + h * 0.03),
            (cx - shoulder * 0.6 + stoop, body_top),
            (cx + shoulder * 0.6 + stoop, body_top),
            (cx + shoulder, body_top + h * 0.03),
            (cx + shoulder * 0.8, hip + h * 0.04),
            (cx - shoulder * 0.8, hip + h * 0.04),
        ],
        look.clothes,
        line=2.5,
        hatch=30,
    )
    if look.outfit == "armour":  # plates across the chest, a belt
        for k in (0.3, 0.55, 0.8):
            y = body_top + (hip - body_top) * k
            c.line([(cx - shoulder * 0.85, y), (cx + shoulder * 0.85, y)], mix(look.clothes, GRAPHITE, 0.5), 1.5)
    elif look.outfit == "apron":
        c.shape(
            [
                (cx - shoulder * 0.55, body_top + h * 0.06),
                (cx + shoulder * 0.55, body_top + h * 0.06),
                (cx + shoulder * 0.7, hip + h * 0.16),
                (cx - shoulder * 0.7, hip + h * 0.16),
            ],
            (246, 244, 238),
            line=1.5,
            grade=False,
        )
    elif look.outfit == "spacesuit":
        c.rect(
            cx - shoulder * 0.35,
            body_top + h * 0.08,
            cx + shoulder * 0.35,
            body_top + h * 0.16,
            (90, 150, 200),
            line=1.2,
            grade=False,
        )
    sleeve = look.clothes
    for side in (-1, 1):
        sx = cx + side * shoulder * 0.95
        c.shape(
            [
                (sx - side * shoulder * 0.05, body_top + h * 0.04),
                (sx + side * shoulder * 0.25, body_top + h * 0.05),
                (sx + side * shoulder * (0.45 if look.outfit == "robe" else 0.3), hip),
                (sx + side * shoulder * 0.05, hip),
            ],
            sleeve,
        )
        hx = sx + side * shoulder * 0.17
        c.ellipse((hx - head_w * 0.25, hip - head_r * 0.2, hx + head_w * 0.25, hip + head_r * 0.35), hands, line=1.5)
    if look.age == "old":  # a walking stick in the forward hand
        sx = cx + facing * shoulder * 1.15
        c.line([(sx, hip), (sx + facing * shoulder * 0.15, ground)], (110, 76, 50), 3)
    if look.outfit == "spacesuit":  # the glass helmet over the head
        c.ellipse(
            (head_x - head_w * 1.6, head_cy - head_r * 1.5, head_x + head_w * 1.6, head_cy + head_r * 1.6),
            GLASS,
            line=2.5,
            grade=False,
        )
    c.shape(
        [
            (head_x - head_w * 0.35, body_top - head_r * 0.5),
            (head_x + head_w * 0.35, body_top - head_r * 0.5),
            (cx + head_w * 0.35, body_top + h * 0.01),
            (cx - head_w * 0.35, body_top + h * 0.01),
        ],
        skin,
        line=1.5,
    )
    if look.outfit == "armour":  # a helmet with its visor slit in place of a face
        c.ellipse(
            (head_x - head_w * 1.1, head_cy - head_r * 1.15, head_x + head_w * 1.1, head_cy + head_r * 1.1),
            look.clothes,
            line=2.5,
        )
        c.rect(
            head_x - head_w * 0.8,
            head_cy - head_r * 0.15,
            head_x + head_w * 0.8,
            head_cy + head_r * 0.05,
            GRAPHITE,
            line=0,
            grade=False,
        )
        c.line(
            [(head_x, head_cy - head_r * 1.15), (head_x - facing * head_w * 0.8, head_cy - head_r * 1.9)],
            (178, 52, 44),
            6,
        )
        return
    c.ellipse((head_x - head_w, head_cy - head_r, head_x + head_w, head_cy + head_r), skin, line=2.5)
    _hair_over(c, look, head_x, head_cy, head_r, head_w)
    _face(c, look, head_x, head_cy, head_r, head_w, facing)
    if look.outfit == "spacesuit":  # the glint on the glass
        c.line(
            [(head_x - head_w * 1.1, head_cy - head_r * 0.6), (head_x - head_w * 0.7, head_cy - head_r * 1.1)],
            (250, 250, 250),
            3,
        )
    else:
        _hat(c, look, head_x, head_cy, head_r, head_w)


def draw_foreground(c: Canvas, look: Look) -> None:
    """The near figure of an over-the-shoulder shot, seen from behind at the left edge: the back of the head
    (hair, an ear), the neck, and the slope of a shoulder, softened as a lens softens what is close to it."""
    layer = Image.new("RGBA", (c.w, c.h), (0, 0, 0, 0))
    saved = c.image, c.draw
    c.image, c.draw = layer, ImageDraw.Draw(layer)
    coat = mix(look.clothes, (30, 30, 34), 0.45)
    r = min(0.21, 0.2 * c.w / c.h)  # the head's radius, in frame heights: narrower in a tall frame
    w = r * c.h / c.w
    hx, hy = 0.2, 0.52
    c.shape(
        [
            (-0.08, 1.06),
            (-0.08, 0.8),
            (0.04, 0.74),
            (hx - w * 0.6, 0.72),
            (hx + w * 0.6, 0.72),
            (hx + w * 1.9, 0.8),
            (hx + w * 2.6, 0.95),
            (hx + w * 2.8, 1.06),
        ],
        coat,
        line=2.5,
        hatch=60,
    )
    c.rect(hx - w * 0.5, hy + r * 0.5, hx + w * 0.5, 0.76, mix(look.skin, (30, 30, 34), 0.3), line=2)  # the neck
    if look.machine:
        c.rect(hx - w * 0.95, hy - r, hx + w * 0.95, hy + r * 0.95, coat, line=2.5)
    else:
        c.ellipse(
            (hx + w * 0.78, hy - r * 0.15, hx + w * 1.08, hy + r * 0.3), mix(look.skin, (30, 30, 34), 0.25), line=2
        )  # the ear, toward the subject
        hair = mix(look.hair or (60, 52, 48), (24, 22, 24), 0.35)
        c.ellipse((hx - w, hy - r, hx + w, hy + r), hair, line=2.5)
        if look.hat:
            c.ellipse(
                (hx - w * 1.02, hy - r * 1.05, hx + w * 1.02, hy - r * 0.35), mix(look.clothes, GRAPHITE, 0.4), line=2
            )
    c.image, c.draw = saved
    soft = layer.filter(ImageFilter.GaussianBlur(2.5 * c.u))
    c.image.paste(soft, (0, 0), soft)
