"""What every drawn animal shares: eye and pale colours, and how a colour darkens into shadow."""

from __future__ import annotations

from tools.images.palette import RGB, mix

EYE: RGB = (30, 28, 30)
WHITE: RGB = (240, 238, 230)


def shade(colour: RGB, amount: float = 0.35) -> RGB:
    """The colour in shadow: the far legs, ears and fins."""
    return mix(colour, (40, 36, 34), amount)
