"""Four-legged animals: one drawer and a table of kinds (BEASTS) giving each its head, neck, legs, ears,
tail and marks: a horse's long neck and mane, a camel's hump, a fox's brush, an elephant's trunk.
Anchored on the head, so a close-up frames the face and the body trails off behind it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tools.images.animatic.canvas import Canvas
from tools.images.animatic.fur import EYE, WHITE, shade
from tools.images.palette import GRAPHITE, RGB, mix


@dataclass(frozen=True)
class Beast:
    """A four-legged kind's proportions, as shares of its height, and its marks."""

    colour: RGB = (150, 110, 70)
    size: float = 0.5  # its height against a person's
    head: float = 0.17  # the head's radius
    neck: float = 0.06  # from the top of the body to the head's centre
    body: float = 0.3  # the body's depth
    length: float = 1.0  # the body's length against the height
    snout: float = 0.12
    ears: str = "pointed"  # pointed | floppy | round | long | small | big
    tail: str = "thin"  # thin | bushy | curl | tuft | long | stub
    marks: tuple[
        str, ...
    ] = ()  # mane | neck-mane | horns | antlers | hump | humps | trunk | stripes | spots | wool | horn | shell

    @property
    def legs(self) -> float:
        return max(0.08, 1 - self.head - self.neck - self.body)

    @property
    def span(self) -> float:
        """Width over height: how wide the animal stands, head to tail."""
        return self.length + self.head + self.snout + 0.5  # the tail and the neck's lean beyond the body


BEASTS: dict[str, Beast] = {
    "beast": Beast(),
    "dog": Beast((150, 104, 64), 0.45, snout=0.14, ears="floppy", tail="thin"),
    "puppy": Beast((170, 124, 80), 0.32, head=0.2, snout=0.1, ears="floppy"),
    "cat": Beast((120, 120, 124), 0.32, head=0.18, snout=0.04, length=0.9, tail="long-thin"),
    "kitten": Beast((200, 160, 110), 0.24, head=0.21, snout=0.03, length=0.8, tail="long-thin"),
    "fox": Beast((206, 108, 44), 0.38, head=0.15, snout=0.18, length=1.05, ears="big-pointed", tail="bushy"),
    "wolf": Beast((120, 120, 126), 0.55, head=0.15, snout=0.2, length=1.1, tail="bushy"),
    "bear": Beast((104, 72, 50), 0.8, head=0.16, neck=0.04, body=0.42, length=1.1, snout=0.1, ears="round",
                  tail="stub"),
    "panda": Beast((240, 240, 236), 0.75, head=0.17, neck=0.04, body=0.42, length=1.0, snout=0.07, ears="round",
                   tail="stub", marks=("patches",)),
    "rabbit": Beast((176, 150, 124), 0.22, head=0.2, neck=0.06, body=0.34, length=0.75, snout=0.05, ears="long",
                    tail="stub"),
    "mouse": Beast((150, 140, 136), 0.1, head=0.2, neck=0.02, body=0.42, length=0.9, snout=0.1, ears="round",
                   tail="long-thin"),
    "horse": Beast((140, 80, 44), 0.95, head=0.1, neck=0.28, body=0.24, length=1.0, snout=0.22, ears="small",
                   tail="long", marks=("neck-mane",)),
    "pony": Beast((180, 140, 100), 0.7, head=0.11, neck=0.24, body=0.27, length=0.95, snout=0.18, ears="small",
                  tail="long", marks=("neck-mane",)),
    "donkey": Beast((136, 126, 120), 0.8, head=0.11, neck=0.24, body=0.27, length=0.95, snout=0.18, ears="long",
                    tail="tuft"),
    "unicorn": Beast((240, 240, 240), 0.95, head=0.1, neck=0.28, body=0.24, length=1.0, snout=0.22, ears="small",
                     tail="long", marks=("neck-mane", "horn")),
    "zebra": Beast((236, 236, 230), 0.9, head=0.1, neck=0.26, body=0.25, length=1.0, snout=0.2, ears="small",
                   tail="tuft", marks=("stripes", "neck-mane")),
    "camel": Beast((200, 160, 104), 1.05, head=0.08, neck=0.26, body=0.22, length=1.0, snout=0.16, ears="small",
                   tail="tuft", marks=("hump",)),
    "giraffe": Beast((222, 170, 80), 1.5, head=0.06, neck=0.48, body=0.17, length=0.55, snout=0.1, ears="small",
                     tail="tuft", marks=("spots", "ossicones")),
    "deer": Beast((160, 110, 70), 0.8, head=0.1, neck=0.22, body=0.24, length=0.95, snout=0.14, ears="small",
                  tail="stub", marks=("antlers",)),
    "cow": Beast((236, 232, 224), 0.85, head=0.12, neck=0.1, body=0.36, length=1.15, snout=0.12, ears="small",
                 tail="tuft", marks=("horns", "spots")),
    "bull": Beast((80, 60, 50), 0.9, head=0.12, neck=0.1, body=0.38, length=1.15, snout=0.12, ears="small",
                  tail="tuft", marks=("horns",)),
    "goat": Beast((220, 214, 200), 0.5, head=0.12, neck=0.14, body=0.3, length=0.9, snout=0.14, ears="small",
                  tail="stub", marks=("horns",)),
    "sheep": Beast((238, 234, 222), 0.5, head=0.12, neck=0.1, body=0.4, length=1.0, snout=0.1, ears="small",
                   tail="stub", marks=("wool",)),
    "pig": Beast((236, 170, 170), 0.45, head=0.16, neck=0.02, body=0.44, length=1.1, snout=0.1, ears="small",
                 tail="curl", marks=("snout-disc",)),
    "lion": Beast((210, 160, 80), 0.75, head=0.15, neck=0.06, body=0.32, length=1.1, snout=0.1, ears="round",
                  tail="tuft", marks=("mane",)),
    "tiger": Beast((222, 130, 50), 0.75, head=0.15, neck=0.06, body=0.32, length=1.15, snout=0.1, ears="round",
                   tail="long-thin", marks=("stripes",)),
    "elephant": Beast((150, 150, 156), 1.2, head=0.17, neck=0.02, body=0.4, length=1.05, snout=0.05, ears="big",
                      tail="tuft", marks=("trunk",)),
    "dragon": Beast((80, 140, 90), 1.1, head=0.12, neck=0.2, body=0.3, length=1.2, snout=0.2, ears="small",
                    tail="long-thin", marks=("wings", "horns")),
    "turtle": Beast((96, 130, 80), 0.22, head=0.16, neck=0.0, body=0.56, length=1.1, snout=0.08, ears="none",
                    tail="stub", marks=("shell",)),
    "squirrel": Beast((176, 96, 50), 0.16, head=0.2, neck=0.08, body=0.34, length=0.8, snout=0.08, ears="pointed",
                      tail="bushy-up"),
    "hedgehog": Beast((130, 104, 80), 0.14, head=0.2, neck=0.0, body=0.5, length=1.0, snout=0.12, ears="none",
                      tail="stub", marks=("spines",)),
}  # fmt: skip
# Other words for a kind ("a pup", "a mare") and kinds drawn as a near one.
SAME: dict[str, str] = {
    "pup": "puppy", "hound": "dog", "puppies": "puppy", "kitty": "kitten", "mare": "horse", "stallion": "horse",
    "foal": "pony", "colt": "pony", "mule": "donkey", "calf": "cow", "ox": "bull", "oxen": "bull", "buffalo": "bull",
    "bison": "bull", "lamb": "sheep", "ram": "sheep", "piglet": "pig", "boar": "pig", "bunny": "rabbit",
    "hare": "rabbit", "rat": "mouse", "hamster": "mouse", "mole": "mouse", "cub": "bear", "koala": "bear",
    "raccoon": "fox", "badger": "bear", "otter": "dog", "leopard": "tiger", "cheetah": "tiger", "jaguar": "tiger",
    "panther": "tiger", "reindeer": "deer", "moose": "deer", "elk": "deer", "llama": "camel", "alpaca": "camel",
    "kangaroo": "deer", "monkey": "dog", "gorilla": "bear", "rhino": "bull", "hippo": "pig", "tortoise": "turtle",
    "lizard": "dragon", "frog": "turtle", "snail": "turtle", "crab": "turtle",
}  # fmt: skip


def _tail(c: Canvas, b: Beast, fur: RGB, root: tuple[float, float], x: float, h: float, facing: int) -> None:
    rx, ry = root
    back = -facing
    if b.tail in ("thin", "long-thin"):
        reach = 0.45 if b.tail == "long-thin" else 0.3
        c.line([(rx, ry), (rx + back * x * 0.12, ry - 0.08 * h), (rx + back * x * reach, ry - 0.2 * h)], shade(fur), 5)
    elif b.tail in ("bushy", "bushy-up"):
        up = 0.45 if b.tail == "bushy-up" else 0.12
        tip = (rx + back * x * 0.42, ry - up * h)
        c.shape(
            [
                (rx, ry - 0.04 * h),
                (rx + back * x * 0.2, ry - (up + 0.08) * h),
                tip,
                (rx + back * x * 0.24, ry + 0.06 * h),
                (rx, ry + 0.05 * h),
            ],
            fur,
            line=2,
        )
        if b.colour == BEASTS["fox"].colour:
            c.ellipse((tip[0] - x * 0.05, tip[1] - 0.04 * h, tip[0] + x * 0.05, tip[1] + 0.04 * h), WHITE, line=1.5)
    elif b.tail == "curl":
        c.ellipse(
            (rx + back * x * 0.08 - x * 0.04, ry - 0.05 * h, rx + back * x * 0.08 + x * 0.04, ry + 0.03 * h),
            None,
            line=2.5,
            outline=shade(fur),
        )
    elif b.tail == "tuft":
        end = (rx + back * x * 0.1, ry + 0.3 * h)
        c.line([(rx, ry), end], shade(fur), 3)
        c.ellipse((end[0] - x * 0.03, end[1] - 0.02 * h, end[0] + x * 0.03, end[1] + 0.05 * h), shade(fur, 0.6), line=1)
    elif b.tail == "long":
        c.shape(
            [
                (rx, ry - 0.02 * h),
                (rx + back * x * 0.14, ry + 0.1 * h),
                (rx + back * x * 0.1, ry + 0.45 * h),
                (rx + back * x * 0.02, ry + 0.4 * h),
                (rx, ry + 0.06 * h),
            ],
            shade(fur, 0.55),
            line=1.5,
        )
    else:  # a stub
        c.ellipse((rx - x * 0.05, ry - 0.04 * h, rx + x * 0.05, ry + 0.05 * h), mix(fur, WHITE, 0.4), line=1.5)


def _ears(c: Canvas, b: Beast, fur: RGB, cx: float, cy: float, r: float, facing: int) -> None:
    """Ears around the head of radius r (in frame heights) centred at (cx, cy)."""
    rw = r * c.h / c.w  # the radius across, in frame widths
    dark = shade(fur)
    for side in (-1, 1):
        ex = cx + side * rw * 0.55 - facing * rw * 0.15
        if b.ears in ("pointed", "big-pointed"):
            tall = 1.3 if b.ears == "big-pointed" else 0.95
            c.shape(
                [(ex - rw * 0.35, cy - r * 0.55), (ex, cy - r * (0.55 + tall)), (ex + rw * 0.35, cy - r * 0.55)],
                fur if side == facing else dark,
                line=2,
            )
        elif b.ears == "floppy":
            c.ellipse(
                (ex - rw * 0.28 + side * rw * 0.35, cy - r * 0.6, ex + rw * 0.28 + side * rw * 0.35, cy + r * 0.6),
                dark,
                line=2,
            )
        elif b.ears == "round":
            c.ellipse((ex - rw * 0.32, cy - r * 1.25, ex + rw * 0.32, cy - r * 0.6), dark, line=2)
        elif b.ears == "long":
            c.ellipse(
                (ex - rw * 0.22, cy - r * 2.6, ex + rw * 0.22, cy - r * 0.6), fur if side == facing else dark, line=2
            )
        elif b.ears == "small":
            c.shape(
                [
                    (ex - rw * 0.18, cy - r * 0.75),
                    (ex - facing * rw * 0.1, cy - r * 1.4),
                    (ex + rw * 0.18, cy - r * 0.75),
                ],
                dark,
                line=1.5,
            )
        elif b.ears == "big" and side == -facing:
            c.ellipse(
                (cx - facing * rw * 1.4, cy - r * 0.9, cx + facing * rw * 0.1 - facing * rw * 0.0, cy + r * 1.0),
                shade(fur, 0.15),
                line=2,
            )


def draw_beast(c: Canvas, fur: RGB, kind: str, cx: float, top: float, h: float, facing: int) -> None:
    """A four-legged animal standing side-on, `h` tall from the top of its head to its feet."""
    b = BEASTS.get(kind, BEASTS["beast"])
    x = h * c.h / c.w  # one unit of h, across
    r = b.head * h
    rw = r * c.h / c.w
    head = (cx, top + r)
    body_top = head[1] + b.neck * h
    body_bottom = body_top + b.body * h
    ground = top + h
    length = b.length * x
    front = cx - facing * (rw * 0.2 + b.neck * x * 0.35)  # the chest, below and behind the head
    rear = front - facing * length
    mid_y = (body_top + body_bottom) / 2
    dark = shade(fur)
    leg_w = min(x * 0.07, b.body * x * 0.22)
    legs = [(front - facing * length * f) for f in (0.16, 0.3, 0.74, 0.88)]
    for k, lx in enumerate(legs):  # the far pair first, darker
        if k in (1, 3):
            c.rect(lx - leg_w, mid_y, lx + leg_w, ground, dark, line=1.5)
    _tail(c, b, fur, (rear + facing * length * 0.04, body_top + b.body * h * 0.25), x, h, facing)
    if "wings" in b.marks:
        wx = (front + rear) / 2
        c.shape(
            [
                (wx, body_top),
                (wx - facing * length * 0.2, body_top - 0.4 * h),
                (wx + facing * length * 0.3, body_top - 0.3 * h),
                (wx + facing * length * 0.15, body_top),
            ],
            shade(fur, 0.2),
            line=2,
        )
    c.ellipse((min(front, rear), body_top, max(front, rear), body_bottom), fur, line=2.5, hatch=30)
    for mark in b.marks:
        MARKS.get(mark, lambda *_: None)(c, fur, (min(front, rear), body_top, max(front, rear), body_bottom), h)
    for k, lx in enumerate(legs):
        if k in (0, 2):
            c.rect(lx - leg_w, mid_y, lx + leg_w, ground, fur, line=1.5)
            c.rect(lx - leg_w, ground - 0.03 * h, lx + leg_w, ground, shade(fur, 0.6), line=1)  # hooves, paws
    # The neck: from the chest and the withers behind it up to the head, never thinner than a leg is long wide.
    nape, throat = max(rw * 0.6, x * 0.06), max(rw * 0.5, x * 0.05)
    c.shape(
        [
            (front + facing * length * 0.04, body_top + b.body * h * 0.55),
            (front - facing * length * 0.2, body_top + b.body * h * 0.1),
            (cx - facing * nape, head[1] - r * 0.4),
            (cx + facing * throat, head[1] + r * 0.5),
        ],
        fur,
        line=2,
    )
    if "neck-mane" in b.marks:
        c.shape(
            [
                (cx - facing * rw * 0.3, head[1] - r * 0.9),
                (front - facing * length * 0.06, body_top + 0.02 * h),
                (front + facing * length * 0.01, body_top - 0.01 * h),
                (cx + facing * rw * 0.2, head[1] - r * 0.7),
            ],
            shade(fur, 0.55),
            line=1.5,
        )
    if "mane" in b.marks:
        c.ellipse((cx - rw * 1.7, head[1] - r * 1.6, cx + rw * 1.5, head[1] + r * 1.7), shade(fur, 0.3), line=2)
    _ears(c, b, fur, cx, head[1], r, facing)
    c.ellipse((cx - rw, head[1] - r, cx + rw, head[1] + r), fur, line=2.5)
    if b.snout:
        sx = cx + facing * (rw * 0.6 + b.snout * x * 0.5)
        sr = max(r * 0.45, 0.02 * h)
        c.ellipse(
            (min(cx, sx) - rw * 0.2, head[1] - sr * 0.4, max(cx, sx) + rw * 0.3, head[1] + sr * 1.1),
            mix(fur, WHITE, 0.15),
            line=2,
        )
        nose = sx + facing * rw * 0.25
    else:
        nose = cx + facing * rw * 0.85
    c.ellipse((nose - rw * 0.14, head[1] - r * 0.05, nose + rw * 0.14, head[1] + r * 0.22), EYE, line=0, grade=False)
    eye = cx + facing * rw * 0.35
    c.ellipse((eye - rw * 0.13, head[1] - r * 0.45, eye + rw * 0.13, head[1] - r * 0.18), EYE, line=0, grade=False)
    if "trunk" in b.marks:
        c.line(
            [
                (cx + facing * rw * 0.8, head[1] + r * 0.1),
                (cx + facing * rw * 1.3, head[1] + r * 0.9),
                (cx + facing * rw * 1.2, head[1] + r * 1.9),
                (cx + facing * rw * 1.5, head[1] + r * 2.3),
            ],
            fur,
            14,
        )
        c.line([(cx + facing * rw * 0.6, head[1] + r * 0.7), (cx + facing * rw * 1.1, head[1] + r * 1.0)], WHITE, 4)
    if "horns" in b.marks:
        for side in (-1, 1):
            hx = cx + side * rw * 0.5
            c.line(
                [
                    (hx, head[1] - r * 0.8),
                    (hx + side * rw * 0.5, head[1] - r * 1.5),
                    (hx + side * rw * 0.3, head[1] - r * 1.9),
                ],
                (230, 220, 190),
                4,
            )
    if "horn" in b.marks:
        c.shape(
            [
                (cx + facing * rw * 0.3, head[1] - r * 0.8),
                (cx + facing * rw * 1.0, head[1] - r * 2.4),
                (cx + facing * rw * 0.7, head[1] - r * 0.7),
            ],
            (240, 210, 120),
            line=1.5,
        )
    if "ossicones" in b.marks:
        for side in (-1, 1):
            c.line([(cx + side * rw * 0.3, head[1] - r * 0.8), (cx + side * rw * 0.35, head[1] - r * 1.6)], dark, 3)
    if "antlers" in b.marks:
        for side in (-1, 1):
            base = (cx + side * rw * 0.4, head[1] - r * 0.8)
            tip = (base[0] + side * rw * 0.9, base[1] - r * 2.2)
            c.line([base, tip], (150, 120, 86), 3)
            for t in (0.4, 0.7):
                p = (base[0] + (tip[0] - base[0]) * t, base[1] + (tip[1] - base[1]) * t)
                c.line([p, (p[0] - side * rw * 0.4, p[1] - r * 0.5)], (150, 120, 86), 2.5)
    if "snout-disc" in b.marks:
        c.ellipse(
            (nose - rw * 0.25, head[1] - r * 0.15, nose + rw * 0.25, head[1] + r * 0.45), (240, 150, 160), line=1.5
        )


def _stripes(c: Canvas, fur: RGB, box: tuple[float, float, float, float], h: float) -> None:
    x0, y0, x1, y1 = box
    for k in range(1, 7):
        x = x0 + (x1 - x0) * k / 7
        c.line(
            [(x, y0 + (y1 - y0) * 0.08), (x - (x1 - x0) * 0.03, (y0 + y1) / 2), (x, y1 - (y1 - y0) * 0.12)],
            (40, 36, 34),
            3,
        )


def _spots(c: Canvas, fur: RGB, box: tuple[float, float, float, float], h: float) -> None:
    x0, y0, x1, y1 = box
    for fx, fy in ((0.25, 0.35), (0.5, 0.55), (0.72, 0.3), (0.4, 0.7), (0.62, 0.72), (0.3, 0.55), (0.82, 0.55)):
        px, py = x0 + (x1 - x0) * fx, y0 + (y1 - y0) * fy
        s = (y1 - y0) * 0.1
        c.ellipse((px - s * c.h / c.w, py - s, px + s * c.h / c.w, py + s), shade(fur, 0.5), line=0)


def _hump(c: Canvas, fur: RGB, box: tuple[float, float, float, float], h: float) -> None:
    x0, y0, x1, y1 = box
    mid = (x0 + x1) / 2
    w = (x1 - x0) * 0.22
    c.ellipse((mid - w, y0 - (y1 - y0) * 0.7, mid + w, y0 + (y1 - y0) * 0.5), fur, line=2.5)


def _wool(c: Canvas, fur: RGB, box: tuple[float, float, float, float], h: float) -> None:
    x0, y0, x1, y1 = box
    r = (y1 - y0) * 0.22
    for k in range(7):
        for row in (0.25, 0.75):
            px = x0 + (x1 - x0) * (0.1 + 0.8 * k / 6)
            py = y0 + (y1 - y0) * row
            c.ellipse((px - r * c.h / c.w, py - r, px + r * c.h / c.w, py + r), mix(fur, WHITE, 0.4), line=1.5)


def _shell(c: Canvas, fur: RGB, box: tuple[float, float, float, float], h: float) -> None:
    x0, y0, x1, y1 = box
    c.shape(
        [
            (x0, (y0 + y1) / 2 + (y1 - y0) * 0.2),
            (x0 + (x1 - x0) * 0.2, y0 - (y1 - y0) * 0.4),
            (x1 - (x1 - x0) * 0.2, y0 - (y1 - y0) * 0.4),
            (x1, (y0 + y1) / 2 + (y1 - y0) * 0.2),
        ],
        (120, 96, 60),
        line=2.5,
        hatch=40,
    )
    for k in range(1, 4):
        c.line([(x0 + (x1 - x0) * k / 4, y0 - (y1 - y0) * 0.3), (x0 + (x1 - x0) * k / 4, (y0 + y1) / 2)], GRAPHITE, 1.5)


def _spines(c: Canvas, fur: RGB, box: tuple[float, float, float, float], h: float) -> None:
    x0, y0, x1, y1 = box
    for k in range(10):
        px = x0 + (x1 - x0) * (0.1 + 0.8 * k / 9)
        c.line([(px, y0 + (y1 - y0) * 0.3), (px - (x1 - x0) * 0.05, y0 - (y1 - y0) * 0.2)], shade(fur, 0.6), 2)


def _patches(c: Canvas, fur: RGB, box: tuple[float, float, float, float], h: float) -> None:
    x0, y0, x1, y1 = box
    c.shape(
        [
            (x0 + (x1 - x0) * 0.55, y0),
            (x0 + (x1 - x0) * 0.8, y0 + (y1 - y0) * 0.1),
            (x0 + (x1 - x0) * 0.75, y1),
            (x0 + (x1 - x0) * 0.5, y1),
        ],
        (40, 40, 44),
        line=1,
    )


MARKS: dict[str, Callable[[Canvas, RGB, tuple[float, float, float, float], float], None]] = {
    "stripes": _stripes, "spots": _spots, "hump": _hump, "wool": _wool, "shell": _shell, "spines": _spines,
    "patches": _patches,
}  # fmt: skip
