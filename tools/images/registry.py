"""Frame backends by name. Paid ones are built with the settings (key, endpoint, model) and the project's
ledger; the animatic is the offline default and where a frame that a service could not make goes."""

from __future__ import annotations

from collections.abc import Callable

from settings import Settings
from tools.cloud.ledger import Ledger
from tools.images.animatic import AnimaticImages
from tools.images.base import ImageBackend, ImageError
from tools.images.openai_images import OpenAIImages
from tools.images.stability import StabilityImages

OFFLINE = "animatic"
BACKENDS: dict[str, Callable[[Settings, Ledger], ImageBackend]] = {
    "animatic": lambda _settings, _ledger: AnimaticImages(),
    "stability": StabilityImages,
    "openai": OpenAIImages,
}


def image_backend(name: str, settings: Settings | None = None, ledger: Ledger | None = None) -> ImageBackend:
    if name not in BACKENDS:
        raise ImageError(f"unknown image backend {name!r} (known: {', '.join(BACKENDS)})")
    if name == OFFLINE:
        return AnimaticImages()
    if settings is None or ledger is None:  # a paid backend spends the project's money under its settings
        raise ImageError(f"the {name} image backend needs the settings (its key and endpoint) and a ledger")
    return BACKENDS[name](settings, ledger)


def cache_name(backend: ImageBackend) -> str:
    """What a frame's file name is hashed with: the backend, and for paid ones its model too."""
    return str(getattr(backend, "version", backend.name))


def is_local(backend: ImageBackend) -> bool:
    """Whether it draws on this machine's CPU (then in worker processes) or waits on a service (threads)."""
    return bool(getattr(backend, "local", True))
