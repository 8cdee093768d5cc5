"""The Cinematographer: a scene becomes a shot prompt carrying the characters' fixed looks, then a frame.

By rule the prompt is built from the style, shot, camera move, the scene's visual, its mood and the looks of
the characters in it. With a model the Cinematographer first describes each frame in its own words, which
take the place of the visual; the characters' fixed looks are still added by rule, word for word, so a
character looks the same in every scene whatever the model writes."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from domain import Character, Scene, Storyboard
from tools.cloud.http import CloudError
from tools.files import written
from tools.images.base import Figure, FrameRequest, ImageBackend, ImageError
from tools.images.registry import OFFLINE, cache_name, image_backend

Framings = Mapping[str, str]  # the rule-built prompt of a scene -> the model's description of its frame


def characters_in(scene: Scene, characters: list[Character]) -> list[Character]:
    """Who is in the shot: anyone named in its visual or narration by name, first name, alias or the kind of
    being their look names ("the robot", "the old keeper" for "an old lighthouse keeper"), in order of
    mention."""
    from agents.casting import references  # casting builds on the Director, which imports this module

    text = f"{scene.visual} {scene.narration}".lower()
    first: dict[int, int] = {}
    for way, who in references(characters).items():
        if way in ("person", "man", "woman"):  # "a person with dark hair" names nobody in particular
            continue
        for m in re.finditer(rf"\b{re.escape(way)}\b", text):
            first[who] = min(first.get(who, m.start()), m.start())
    return [characters[i] for i in sorted(first, key=lambda i: first[i])]


def shot_prompt(scene: Scene, board: Storyboard, described: str = "") -> str:
    """The prompt a text-to-image model reads: style, framing, the scene (or the model's description of
    its frame), then every character's fixed look."""
    cast = characters_in(scene, board.characters)
    looks = "; ".join(f"{c.name}: {c.description}" for c in cast if c.description)
    framing = f"{scene.shot.replace('-', ' ')} shot, camera {scene.camera.replace('-', ' ')}"
    mood = scene.mood or board.music.mood
    parts = [f"{board.style}", framing, described or scene.visual, f"mood: {mood}" if mood else "", looks]
    return ". ".join(p.strip().rstrip(".") for p in parts if p.strip()) + "."


def frame_request(
    scene: Scene, number: int, board: Storyboard, width: int, height: int, framings: Framings | None = None
) -> FrameRequest:
    """What to shoot for one scene. `framings` holds the model's frame descriptions, keyed by the rule-built
    prompt they were written for: an edit to the scene changes that key, so a stale description is never used."""
    cast = characters_in(scene, board.characters)
    by_rule = shot_prompt(scene, board)
    return FrameRequest(
        prompt=shot_prompt(scene, board, (framings or {}).get(by_rule, "")),
        width=width,
        height=height,
        shot=scene.shot,
        camera=scene.camera,
        mood=scene.mood or board.music.mood,
        figures=tuple(Figure(c.name, c.description) for c in cast),
        label=f"SC {number}",
        seed=number,
        references=tuple(c.reference for c in cast if c.reference),
    )


def shoot(request: FrameRequest, backend: ImageBackend, folder: Path) -> Path:
    """The frame for this request, made once: the file is named by the request's hash."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{request.key(cache_name(backend))}.png"
    if not path.exists():
        backend.generate(request, path)
    return path


def shoot_or_draw(request: FrameRequest, backend: ImageBackend, folder: Path) -> tuple[Path, str]:
    """The frame from `backend`, or, when a service cannot make it after its retries, the animatic panel
    and why (for the chat: "Stability refused the content ..."). A budget stop is not a failure: it stops."""
    try:
        return shoot(request, backend, folder), ""
    except (ImageError, CloudError) as err:
        if backend.name == OFFLINE:
            raise
        return shoot(request, image_backend(OFFLINE), folder), str(err)


PORTRAIT = 1024


def portrait_request(character: Character, board: Storyboard) -> FrameRequest:
    """A character's reference picture: the whole figure, as the film's style draws it, on a plain ground."""
    prompt = (f"{board.style}. Character reference sheet of {character.name}: {character.description}. "
              "One full figure, standing, facing the viewer, plain light background, no text.")  # fmt: skip
    return FrameRequest(prompt, PORTRAIT, PORTRAIT, shot="wide", camera="static", label=character.name, seed=0)


def with_references(board: Storyboard, backend: ImageBackend, folder: Path) -> tuple[Storyboard, list[str]]:
    """The storyboard with a reference picture for every character, when the backend draws from them: a
    character without one (or whose picture has gone) gets a portrait, made once, which every frame of
    theirs is then drawn from. Other backends get the storyboard as it is. Also says what could not be made."""
    if not getattr(backend, "takes_references", False):
        return board, []
    cast, notes = [], []
    for character in board.characters:
        if character.reference and Path(character.reference).is_file():
            cast.append(character)
            continue
        try:
            path = shoot(portrait_request(character, board), backend, folder)
        except (ImageError, CloudError) as err:
            notes.append(f"{character.name} has no reference picture ({err}), so their look is in words alone")
            cast.append(character)
            continue
        cast.append(character.model_copy(update={"reference": str(path)}))
    return board.model_copy(update={"characters": cast}), notes


def camera_end(frame: Path, camera: str) -> Path:
    """The view the scene's camera move ends on, as a picture of its own (made once): an image-to-video
    backend that interpolates between two frames moves the way the storyboard's camera does."""
    from PIL import Image

    from tools.render.timeline import CAMERA_MOTIONS

    path = frame.with_name(f"{frame.stem}-end-{camera}.png")
    if path.exists():
        return path
    move = CAMERA_MOTIONS.get(camera, CAMERA_MOTIONS["static"])
    with Image.open(frame) as picture:
        w, h = picture.size
        zoom, cx, cy = move.zoom[1], move.x[1] * w, move.y[1] * h
        box = (round(cx - w / zoom / 2), round(cy - h / zoom / 2), round(cx + w / zoom / 2), round(cy + h / zoom / 2))
        end = picture.convert("RGB").crop(box).resize((w, h), Image.Resampling.LANCZOS)
    with written(path) as tmp:
        end.save(tmp, format="PNG")
    return path


def sheet_of(frames: list[str], folder: Path) -> Path:
    """All the shots on one page, to look at before approving them; named by the frames, so made once."""
    import hashlib

    from tools.images.sheet import contact_sheet

    path = folder / f"sheet-{hashlib.sha256(' '.join(frames).encode()).hexdigest()[:16]}.png"
    return path if path.exists() else contact_sheet([Path(f) for f in frames], path)


# -- with a language model ------------------------------------------------------------------------------------


class Framing(BaseModel):
    scene: int = Field(ge=1, le=60)
    frame: str = Field(min_length=10, max_length=500, description="what the frame shows, in one or two sentences")


class ShotList(BaseModel):
    """The Cinematographer's descriptions of the frames it was asked for."""

    shots: list[Framing] = Field(min_length=1, max_length=60)


def frame_with(board: Storyboard, wanted: list[int], model: Any) -> tuple[dict[str, str], str]:
    """The model's frame descriptions for scenes `wanted` (from 1), keyed as frame_request reads them, and a
    note for the chat. Without a model, or when it fails, there are none and every prompt is built by rule."""
    if model is None or not wanted:
        return {}, ""
    from agents.prompts import cinematographer as prompt
    from tools.llm import ModelError, structured

    lines = "\n".join(f"{k}. [{s.shot}, {s.camera}{', ' + s.mood if s.mood else ''}] {s.visual}"
                      for k, s in enumerate(board.scenes, 1))  # fmt: skip
    user = prompt.USER.format(scenes=lines, wanted=", ".join(map(str, wanted)))
    try:
        listed = structured(model, ShotList, prompt.SYSTEM.format(style=board.style), user)
    except ModelError as err:
        return {}, f"The Cinematographer's model failed ({err}), so the shots were framed by rule."
    framed = {f.scene: f.frame.strip() for f in listed.shots if f.scene in wanted}
    return {shot_prompt(board.scenes[k - 1], board): text for k, text in framed.items()}, ""
