"""The render plan as plain data: shots with camera moves, transitions, captions, sound; and its cut into segments."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tools.captions import Cue


@dataclass(frozen=True)
class Motion:
    """A Ken Burns move: the view's zoom and centre (fractions of the frame) at the start and end of the shot."""

    zoom: tuple[float, float] = (1.0, 1.0)
    x: tuple[float, float] = (0.5, 0.5)
    y: tuple[float, float] = (0.5, 0.5)

    @property
    def still(self) -> bool:
        return self.zoom == (1.0, 1.0) and self.x == self.y == (0.5, 0.5)


def _travel(zoom: float) -> float:
    """How far the view centre can move at this zoom without showing past the edge (a little inside)."""
    return (1 - 1 / zoom) / 2 * 0.96


PUSH = 1.14
PAN = 1.12
CAMERA_MOTIONS: dict[str, Motion] = {
    "static": Motion(),
    "push-in": Motion(zoom=(1.0, PUSH)),
    "pull-out": Motion(zoom=(PUSH, 1.0)),
    "pan-left": Motion(zoom=(PAN, PAN), x=(0.5 + _travel(PAN), 0.5 - _travel(PAN))),
    "pan-right": Motion(zoom=(PAN, PAN), x=(0.5 - _travel(PAN), 0.5 + _travel(PAN))),
    "tilt-up": Motion(zoom=(PAN, PAN), y=(0.5 + _travel(PAN), 0.5 - _travel(PAN))),
    "tilt-down": Motion(zoom=(PAN, PAN), y=(0.5 - _travel(PAN), 0.5 + _travel(PAN))),
}


def seen_throughout(camera: str) -> tuple[float, float, float, float]:
    """The part of the frame (x0, y0, x1, y1, as fractions) that stays in view for the whole of a camera move:
    where a drawn frame puts its label and its subject, so a pan never carries them out of the picture."""
    motion = CAMERA_MOTIONS.get(camera, CAMERA_MOTIONS["static"])
    half = 1 / (2 * max(motion.zoom))
    return (max(motion.x) - half, max(motion.y) - half, min(motion.x) + half, min(motion.y) + half)


@dataclass(frozen=True)
class Shot:
    """One still on the timeline, held for `frames` with its move (the title card is a shot too)."""

    image: Path
    frames: int
    motion: Motion = field(default_factory=Motion)
    clip: Path | None = None  # real motion (image-to-video), fitted to the film: played instead of the move
    clip_frames: int = 0


@dataclass(frozen=True)
class Encoding:
    preset: str = "veryfast"
    crf: int = 23
    audio_bitrate: str = "160k"


@dataclass(frozen=True)
class Timeline:
    """Everything the picture and sound of a film are made from. Times are in frames of `fps`."""

    width: int
    height: int
    shots: tuple[Shot, ...]
    transitions: tuple[str, ...]  # xfade kind between shot i and i+1 ("fade", "fadeblack")
    fps: int = 30
    transition_frames: int = 15  # 0.5 s at 30 fps
    fade_frames: int = 15  # fade in from black at the start, out to black at the end
    cues: tuple[Cue, ...] = ()
    caption_font: str = ""
    caption_size: int = 0  # libass font size; 0: the placement's own
    fonts_dir: Path | None = None  # captions are burned in when set
    narration: Path | None = None  # one track as long as the film
    music: Path | None = None
    speech: tuple[tuple[float, float], ...] = ()  # (start, end) seconds of every spoken word: the music ducks there
    encoding: Encoding = field(default_factory=Encoding)

    def __post_init__(self) -> None:
        if len(self.transitions) != max(0, len(self.shots) - 1):
            raise ValueError("one transition between each pair of shots")
        shortest = 2 * self.transition_frames + 1
        if any(s.frames < shortest for s in self.shots):
            raise ValueError(f"every shot needs at least {shortest} frames")

    @property
    def total_frames(self) -> int:
        return sum(s.frames for s in self.shots)

    @property
    def duration(self) -> float:
        return self.total_frames / self.fps

    def starts(self) -> list[int]:
        """The film frame where each shot's cut lands."""
        out, t = [], 0
        for shot in self.shots:
            out.append(t)
            t += shot.frames
        return out


@dataclass(frozen=True)
class Part:
    """A run of one shot's frames, counted from its own cut (negative: still in the transition before it)."""

    shot: int
    first: int
    frames: int


@dataclass(frozen=True)
class Segment:
    """A piece of the film encoded on its own: a shot's body, or a transition that mixes two shots."""

    start: int
    frames: int
    parts: tuple[Part, ...]
    transition: str | None = None
    fade_in: bool = False
    fade_out: bool = False


def segments(timeline: Timeline) -> list[Segment]:
    """Cut the film so every shot's body and every transition is its own segment.

    A transition straddles its cut (half before, half after), so the film keeps the length of its shots, and
    changing one shot re-encodes its body and the two short transitions beside it, nothing else."""
    before = timeline.transition_frames // 2  # frames of a transition that sit before its cut
    after = timeline.transition_frames - before
    last = len(timeline.shots) - 1
    out: list[Segment] = []
    for i, (shot, start) in enumerate(zip(timeline.shots, timeline.starts(), strict=True)):
        head = after if i > 0 else 0
        tail = before if i < last else 0
        out.append(
            Segment(
                start + head,
                shot.frames - head - tail,
                (Part(i, head, shot.frames - head - tail),),
                fade_in=i == 0,
                fade_out=i == last,
            )
        )
        if i < last:
            cut = start + shot.frames
            out.append(
                Segment(
                    cut - before,
                    timeline.transition_frames,
                    (
                        Part(i, shot.frames - before, timeline.transition_frames),
                        Part(i + 1, -before, timeline.transition_frames),
                    ),
                    transition=timeline.transitions[i],
                )
            )
    return out
