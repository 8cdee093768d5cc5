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
