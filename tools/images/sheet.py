"""The contact sheet: every shot of a storyboard on one page, numbered, to look at before approving them."""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw

from tools.files import written
from tools.images.fonts import font, sans_path
from tools.images.palette import GRAPHITE, PAPER

THUMB = 480  # the long side of each shot on the sheet, in pixels
GAP = 24


def contact_sheet(frames: list[Path], path: Path, columns: int = 3, captions: list[str] | None = None) -> Path:
    """The frames in a grid, in order, each with its number (or its caption) under it; written to `path`."""
    shots = [Image.open(f).convert("RGB") for f in frames]
    scale = THUMB / max(shots[0].size)
    w, h = round(shots[0].width * scale), round(shots[0].height * scale)
    columns = min(columns, len(shots))
    rows = math.ceil(len(shots) / columns)
    label = font(sans_path(), 22)
    cell_h = h + 40
    sheet = Image.new("RGB", (GAP + columns * (w + GAP), GAP + rows * (cell_h + GAP)), PAPER)
    draw = ImageDraw.Draw(sheet)
    for i, shot in enumerate(shots):
        x, y = GAP + (i % columns) * (w + GAP), GAP + (i // columns) * (cell_h + GAP)
        sheet.paste(shot.resize((w, h), Image.Resampling.LANCZOS), (x, y))
        draw.rectangle((x - 1, y - 1, x + w, y + h), outline=GRAPHITE)
        draw.text(
            (x + w / 2, y + h + 10),
            captions[i][: max(12, w // 11)] if captions else f"Scene {i + 1}",
            font=label,
            fill=GRAPHITE,
            anchor="mt",
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    with written(path) as tmp:
        sheet.save(tmp)
    return path
