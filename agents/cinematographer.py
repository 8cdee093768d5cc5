"""The Cinematographer: a scene becomes a shot prompt carrying the characters' fixed looks, then a frame."""

from __future__ import annotations

import re
from pathlib import Path

from graphs.state import Character, Scene, Storyboard
from tools.images.base import Figure, FrameRequest, ImageBackend


def characters_in(scene: Scene, characters: list[Character]) -> list[Character]:
    """Who is in the shot: anyone named (by full or first name) in its visual or narration, in order of mention."""
    text = f"{scene.visual} {scene.narration}".lower()
    found: list[tuple[int, Character]] = []
    for character in characters:
        names = {character.name.lower(), character.name.split()[0].lower()}
        hits = [m.start() for n in names for m in re.finditer(rf"\b{re.escape(n)}\b", text)]
        if hits:
            found.append((min(hits), character))
    return [c for _, c in sorted(found, key=lambda pair: pair[0])]


def shot_prompt(scene: Scene, board: Storyboard) -> str:
    """The prompt a text-to-image model reads: style, framing, the scene, then every character's fixed look."""
    cast = characters_in(scene, board.characters)
    looks = "; ".join(f"{c.name}: {c.description}" for c in cast if c.description)
    framing = f"{scene.shot.replace('-', ' ')} shot, camera {scene.camera.replace('-', ' ')}"
    mood = scene.mood or board.music.mood
    parts = [f"{board.style}", framing, scene.visual, f"mood: {mood}" if mood else "", looks]
    return ". ".join(p.strip().rstrip(".") for p in parts if p.strip()) + "."


def frame_request(scene: Scene, number: int, board: Storyboard, width: int, height: int) -> FrameRequest:
    cast = characters_in(scene, board.characters)
    return FrameRequest(
        prompt=shot_prompt(scene, board),
        width=width,
        height=height,
        shot=scene.shot,
        camera=scene.camera,
        mood=scene.mood or board.music.mood,
        figures=tuple(Figure(c.name, c.description) for c in cast),
        label=f"SC {number}",
        seed=number,
    )


def shoot(request: FrameRequest, backend: ImageBackend, folder: Path) -> Path:
    """The frame for this request, made once: the file is named by the request's hash."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{request.key(backend.name)}.png"
    if not path.exists():
        backend.generate(request, path)
    return path
