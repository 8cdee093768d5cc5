"""What paid work will cost before it is done: said before shooting and before rendering, beside what the
project has spent so far. Estimates are upper bounds: what is already paid for (cached) costs nothing."""

from __future__ import annotations

from pathlib import Path

from agents.cinematographer import PORTRAIT
from agents.editor import FPS, frame_size, scene_frames
from domain import Storyboard
from settings import Settings
from tools.cloud.ledger import describe, project_ledger
from tools.images.base import FrameRequest
from tools.images.registry import cache_name, image_backend
from tools.motion.base import MotionRequest
from tools.motion.registry import motion_backend
from tools.speech.base import Speech
from tools.speech.registry import configured, resolve_voice

WORDS_PER_SECOND = 2.5


def frames_cost(board: Storyboard, settings: Settings, folder: Path) -> tuple[float, str]:
    backend = image_backend(settings.image_backend, settings, project_ledger(folder, settings))
    cost = getattr(backend, "cost", None)
    if cost is None:
        return 0.0, ""
    width, height = frame_size(board.aspect_ratio, settings.height)
    frames = cost(FrameRequest("", width, height)) * len(board.scenes)
    if getattr(backend, "takes_references", False):  # a portrait of each character not yet pictured
        unpictured = [c for c in board.characters if not (c.reference and Path(c.reference).is_file())]
        frames += cost(FrameRequest("", PORTRAIT, PORTRAIT)) * len(unpictured)
    return frames, cache_name(backend)


def render_cost(board: Storyboard, settings: Settings, folder: Path) -> tuple[float, list[str]]:
    ledger = project_ledger(folder, settings)
    voice, name = resolve_voice(board.voice, settings.speech_backend)
    voice = configured(voice, settings, ledger)
    usd, parts = 0.0, []
    price = getattr(voice, "cost", None)
    if price is not None:
        speech = sum(price(s.narration) for s in board.scenes)
        usd += speech
        parts.append(f"narration by {voice.name} {name} ${speech:.3f}")
    moving = [s for s in board.scenes if s.motion]
    mover = motion_backend(settings, ledger) if moving else None
    if mover is not None:
        width, height = frame_size(board.aspect_ratio, settings.height)
        seconds = [scene_frames(Speech(Path(), 1, len(s.narration.split()) / WORDS_PER_SECOND, ())) / FPS
                   for s in moving]  # fmt: skip
        clips = sum(mover.cost(MotionRequest(Path(), "", t, width, height)) for t in seconds)
        usd += clips
        parts.append(f"{len(moving)} clip{'s' * (len(moving) > 1)} of motion by {mover.name} ${clips:.3f}")
    return usd, parts


def _spent(folder: Path, settings: Settings) -> str:
    spent = describe(project_ledger(folder, settings).summary())
    return f" So far: {spent}." if spent else ""


def estimate_shoot(board: Storyboard, settings: Settings, folder: Path) -> str:
    """'' when shooting costs nothing (the animatic)."""
    usd, by = frames_cost(board, settings, folder)
    if not by:
        return ""
    return f"Shooting {len(board.scenes)} frames with {by} costs at most ${usd:.2f}." + _spent(folder, settings)


def estimate_render(board: Storyboard, settings: Settings, folder: Path) -> str:
    """'' when rendering costs nothing (offline voices, no motion)."""
    usd, parts = render_cost(board, settings, folder)
    if not parts:
        return ""
    return f"Rendering costs at most ${usd:.2f} ({'; '.join(parts)})." + _spent(folder, settings)
