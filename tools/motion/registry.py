"""Motion backends by name; "none" means every scene keeps its Ken Burns move."""

from __future__ import annotations

from collections.abc import Callable

from settings import Settings
from tools.cloud.ledger import Ledger
from tools.motion.base import MotionBackend, MotionError
from tools.motion.runway import RunwayMotion
from tools.motion.stability_video import StabilityMotion

BACKENDS: dict[str, Callable[[Settings, Ledger], MotionBackend] | None] = {
    "none": None,
    "runway": RunwayMotion,
    "stability": StabilityMotion,
}


def motion_backend(settings: Settings, ledger: Ledger) -> MotionBackend | None:
    make = BACKENDS.get(settings.motion_backend, "unknown")
    if make == "unknown":
        raise MotionError(f"unknown motion backend {settings.motion_backend!r} (known: {', '.join(BACKENDS)})")
    return make(settings, ledger) if callable(make) else None
