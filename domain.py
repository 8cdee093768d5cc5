"""The domain: a storyboard, its scenes and characters, the story and the options a project began with, and
how a file that breaks the contract is refused. Everything above it (tools, agents, graphs, front doors) may
import it; it imports nothing of the project."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError

AspectRatio = Literal["16:9", "9:16", "1:1"]
ShotType = Literal["wide", "medium", "close-up", "extreme-close-up", "over-the-shoulder"]
CameraMove = Literal["static", "push-in", "pull-out", "pan-left", "pan-right", "tilt-up", "tilt-down"]

SHOT_TYPES: tuple[str, ...] = get_args(ShotType)
CAMERA_MOVES: tuple[str, ...] = get_args(CameraMove)
ASPECT_RATIOS: tuple[str, ...] = get_args(AspectRatio)


class Strict(BaseModel):
    # A misspelt key ("narattion") is an error, not silently ignored.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Character(Strict):
    """Someone who appears in the film, with the one visual description every scene must keep."""

    name: str = Field(min_length=1, max_length=80)
    description: str = Field(default="", max_length=600)
    aliases: list[Annotated[str, Field(min_length=1, max_length=80)]] = Field(
        default_factory=list, max_length=10, description='other names scenes may use ("the keeper", "Grandpa")'
    )
    reference: str = Field(
        default="", max_length=500,
        description="a picture of the character (a PNG or JPEG path), sent to frame backends that take reference "
        "images; made once by the Cinematographer when such a backend draws the film and none is given",
    )  # fmt: skip


class Music(Strict):
    """The brief for the whole film's score."""

    mood: str = Field(default="calm", max_length=80)
    tempo: int | None = Field(default=None, ge=40, le=220, description="beats per minute; from the mood if unset")


class Scene(Strict):
    """One shot of the film: what is said over it and what is seen."""

    narration: str = Field(min_length=1, max_length=1200)
    visual: str = Field(min_length=1, max_length=1200)
    shot: ShotType = "medium"
    camera: CameraMove = "push-in"
    mood: str = Field(default="", max_length=80)
    motion: bool = Field(default=False, description="animate the frame with an image-to-video backend (CREWCUT_MOTION)")


class Storyboard(Strict):
    """The contract between the crew and the Editor: everything needed to cut the film."""

    title: str = Field(default="Untitled", max_length=120)
    aspect_ratio: AspectRatio = "16:9"
    voice: str = Field(default="heart", max_length=60)
    style: str = Field(default="pencil storyboard", max_length=200)
    music: Music = Field(default_factory=Music)
    characters: list[Character] = Field(default_factory=list, max_length=20)
    scenes: list[Scene] = Field(min_length=1, max_length=60)


class StoryboardError(ValueError):
    """A storyboard that breaks the contract; str() is one line per problem, naming the field."""


def _where(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _problem(error: Any) -> str:
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == "literal_error":
        return f"{error['input']!r} is not one of {ctx.get('expected', '')}"
    if kind == "extra_forbidden":
        return "is not a storyboard field"
    if kind == "missing":
        return "is required"
    return str(error["msg"]).removeprefix("Value error, ")


def explain(err: ValidationError) -> str:
    return "\n".join(f"{_where(tuple(e['loc']))}: {_problem(e)}" for e in err.errors())


def parse_storyboard(data: Any) -> Storyboard:
    try:
        return Storyboard.model_validate(data)
    except ValidationError as err:
        raise StoryboardError(explain(err)) from None


class UnreadableFile(ValueError):
    """A file that cannot be read as text; the message names it and says why."""


def read_utf8(path: Path) -> str:
    """A text file's contents, or an UnreadableFile that says plainly what is wrong."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UnreadableFile(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UnreadableFile(f"{path}: is a folder, not a file") from None
    except UnicodeDecodeError:
        raise UnreadableFile(f"{path}: not UTF-8 text (save it as UTF-8 and try again)") from None
    except OSError as err:
        raise UnreadableFile(f"{path}: {err.strerror}") from None


def load_storyboard(path: Path) -> Storyboard:
    """Read a storyboard JSON file; every way it can be wrong becomes a StoryboardError."""
    try:
        text = read_utf8(path)
    except UnreadableFile as err:
        raise StoryboardError(str(err)) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise StoryboardError(f"{path}: not valid JSON (line {err.lineno}, column {err.colno}: {err.msg})") from None
    except RecursionError:
        raise StoryboardError(f"{path}: nested too deeply to be a storyboard") from None
    except ValueError:  # Python refuses to read a number of thousands of digits
        raise StoryboardError(f"{path}: holds a number too long to read") from None
    board = parse_storyboard(data)
    quiet = [k for k, scene in enumerate(board.scenes, 1) if not any(ch.isalnum() for ch in scene.narration)]
    if quiet:  # checked before any work starts: nothing is drawn for a film that cannot be narrated
        raise StoryboardError("\n".join(f"scenes[{k - 1}].narration: has no words to say" for k in quiet))
    return board


def storyboard_schema() -> dict[str, Any]:
    return Storyboard.model_json_schema()


# -- the crew's project: the story, the options it was made with, the state of each scene --------------------

StoryType = Literal["adventure", "romance", "mystery", "sci-fi", "fairy-tale", "documentary"]
STORY_TYPES: tuple[str, ...] = get_args(StoryType)


class Options(Strict):
    """What the person asked for when the project began."""

    scenes: int = Field(default=6, ge=1, le=30)
    story_type: StoryType = "adventure"
    aspect_ratio: AspectRatio = "16:9"
    voice: str = Field(default="heart", max_length=60)
    style: str = Field(default="pencil storyboard", max_length=200)
    length: int = Field(default=750, ge=300, le=6000, description="target length of the story in characters")
    captions: bool = Field(default=True, description="burn the captions into the film (SRT and VTT either way)")


class Story(Strict):
    """The Screenwriter's work: a titled story and its cast, each with one fixed look."""

    title: str = Field(min_length=1, max_length=120)
    text: str = Field(min_length=1)
    story_type: StoryType = "adventure"
    characters: list[Character] = Field(default_factory=list)
    place: str = Field(default="", max_length=200, description='where it happens: "the bakery in Lisbon", "Mars"')
    from_script: bool = False  # a pasted script is kept as written
