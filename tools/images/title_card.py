"""The title card: the film's name hand-lettered on the storyboard paper."""

from __future__ import annotations

import textwrap
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from tools.files import written
from tools.images.animatic.finish import vignette
from tools.images.fonts import font, hand_path, sans_path
from tools.images.palette import GRAPHITE, PAPER, RED_PENCIL


def title_card(title: str, subtitle: str, width: int, height: int, path: Path) -> Path:
    image = Image.new("RGB", (width, height), PAPER)
    draw = ImageDraw.Draw(image)
    short = min(width, height)
    big = font(hand_path(), round(short * 0.16))
    lines = textwrap.wrap(title, width=max(10, round(22 * width / max(width, height) + 6))) or [title]
    line_h = round(short * 0.17)
    top = height * 0.46 - line_h * len(lines) / 2
    for i, line in enumerate(lines):
        draw.text((width / 2, top + i * line_h), line, font=big, fill=GRAPHITE, anchor="mt")
    rule_y = top + len(lines) * line_h + short * 0.03
    draw.line((width * 0.38, rule_y, width * 0.62, rule_y), fill=RED_PENCIL, width=max(1, round(short * 0.004)))
    small = font(sans_path(), round(short * 0.035))
    draw.text((width / 2, rule_y + short * 0.04), subtitle, font=small, fill=(110, 100, 92), anchor="mt")
    arr = np.asarray(image).astype(np.float32)
    arr *= vignette(width, height, 0.16)[..., None]
    with written(path) as tmp:
        Image.fromarray(arr.clip(0, 255).astype(np.uint8)).save(tmp, compress_level=1)
    return path
