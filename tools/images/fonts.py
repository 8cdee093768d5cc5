"""The fonts crewcut draws with, from font packages on PyPI (no system font is assumed)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PIL import ImageFont

CAPTION_FAMILY = "Source Sans Pro"  # the family name libass looks up in caption_dir()


def caption_dir() -> Path:
    import font_source_sans_pro

    return Path(font_source_sans_pro.__file__).parent / "files"


def sans_bold_path() -> Path:
    return caption_dir() / "SourceSansPro-Bold.ttf"


def sans_path() -> Path:
    return caption_dir() / "SourceSansPro-Regular.ttf"


def hand_path() -> Path:
    import font_amatic_sc

    return Path(font_amatic_sc.__file__).parent / "files" / "AmaticSC-Bold.ttf"


@cache
def font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), max(6, size))


def fitting_size(lines: list[str], room: int, largest: int) -> int:
    """The largest libass font size (up to `largest`) at which every line, in the bold caption face,
    is at most `room` pixels wide. libass sizes a font by its ascender-to-descender height, Pillow by
    its em, so Pillow's width is scaled by the ratio of the two."""
    if not lines:
        return largest
    face = font(sans_bold_path(), largest)
    ascent, descent = face.getmetrics()
    widest = max(face.getlength(line) for line in lines) * largest / (ascent + descent)
    return max(8, min(largest, int(largest * room / max(widest, 1.0))))
