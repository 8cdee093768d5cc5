"""Crew notes: the crew reviews a storyboard from its crafts. The Cinematographer speaks to visual coherence
and shot variety, the Editor to pacing (words per second against scene length) and continuity, and the
Director sums up and proposes edits the person can accept one by one ("accept 2").

A proposal is always an edit command the rule parser reads ("scene 3 should be a close-up", "split scene
2"), so accepting one needs no model and goes through the same undoable edit as typing it. This file holds
the contract and the rule-based lint; the CrewAI crew that writes notes with a model is agents/crew_review.py."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, Field

from agents import arcs, casting, director, visuals
from agents.cinematographer import characters_in
from domain import Scene, Storyboard

WORDS_PER_SECOND = 2.6  # the offline voice's pace
MAX_SCENE_SECONDS = 14  # longer than this and a single frame outstays its welcome
STORYBOARD_EDITS = ("revise", "regenerate", "swap", "move", "insert", "delete", "split", "merge", "set", "animate")
Craft = Literal["Cinematographer", "Editor", "Director"]


class Note(BaseModel):
    craft: Craft
    text: str = Field(min_length=1, max_length=800)


class CrewNotes(BaseModel):
    """What the crew thinks of one storyboard: notes by craft, and the edits the Director proposes."""

    notes: list[Note] = Field(default_factory=list, max_length=20)
    proposals: list[str] = Field(default_factory=list, max_length=8)

    def lines(self) -> list[str]:
        """The notes as a person reads them in the chat."""
        out = [f"{n.craft}: {n.text}" for n in self.notes]
        out += [f"Proposal {k}: {p}" for k, p in enumerate(self.proposals, 1)]
        if self.proposals:
            out.append("Say 'accept 1' (or 'accept all') to make a proposal, or ignore them.")
        return out


def proposal_problem(board: Storyboard, proposal: str) -> str:
    """Why a proposal cannot be offered for this storyboard ('' when it can): it must read as a storyboard
    edit command and apply cleanly."""
    edits = director.parse(proposal, len(board.scenes))
    if not edits or any(e.kind not in STORYBOARD_EDITS for e in edits):
        return f"{proposal!r} is not an edit command (e.g. 'scene 3 should be a close-up', 'split scene 2')"
    try:
        for edit in edits:
            board, _ = director.apply(board, edit)
    except director.EditError as err:
        return f"{proposal!r} cannot be made: {err}"
    return ""


def seconds_of(narration: str) -> float:
    return len(narration.split()) / WORDS_PER_SECOND


def lint(board: Storyboard) -> CrewNotes:
    """The rule-based crew notes: runs on every new storyboard, and answers 'what does the crew think?'
    when no model is configured."""
    notes: list[Note] = []
    proposals: list[str] = []
    shots = [s.shot for s in board.scenes]
    if shots[0] != "wide":
        notes.append(Note(craft="Cinematographer", text="the film opens without an establishing wide shot."))
        proposals.append("scene 1 should be a wide")
    for i in range(2, len(shots)):
        if shots[i] == shots[i - 1] == shots[i - 2]:
            other = "close-up" if shots[i] != "close-up" else "medium"
            notes.append(Note(craft="Cinematographer", text=f"scenes {i - 1}-{i + 1} are all {shots[i]} shots."))
            proposals.append(f"scene {i} should be a {other}")
    if len(board.scenes) > 2 and len({s.camera for s in board.scenes}) == 1:
        notes.append(Note(craft="Cinematographer", text=f"every scene uses {board.scenes[0].camera}; vary the moves."))
        proposals.append("scene 2 should pan right" if board.scenes[1].camera != "pan-right" else "scene 2 static")
    for k, scene in enumerate(board.scenes, 1):
        seconds, words = seconds_of(scene.narration), len(scene.narration.split())
        if seconds > MAX_SCENE_SECONDS:
            notes.append(Note(craft="Editor", text=f"scene {k} runs about {seconds:.0f} s of narration on one frame."))
            proposals.append(f"split scene {k}")
        elif words < 4 and len(board.scenes) > 1:
            notes.append(Note(craft="Editor", text=f"scene {k} is very short ({words} words)."))
            proposals.append(
                f"merge scenes {k} and {k + 1}" if k < len(board.scenes) else f"merge scenes {k - 1} and {k}"
            )
    seen = {c.name for s in board.scenes for c in characters_in(s, board.characters)}
    for name in sorted({c.name for c in board.characters} - seen):
        notes.append(Note(craft="Editor", text=f"{name} is in the cast but never appears; name them in a scene."))
    story_notes(board, notes, proposals)
    total = sum(seconds_of(s.narration) for s in board.scenes)
    summary = f"{len(board.scenes)} scenes, about {total:.0f} s of narration."
    if not notes:
        summary += " Nothing to fix; say 'approve all' to shoot."
    notes.append(Note(craft="Director", text=summary))
    # Keep only proposals that still apply to this board (a proposal made twice is offered once).
    offered = [p for p in dict.fromkeys(proposals) if not proposal_problem(board, p)]
    return CrewNotes(notes=notes, proposals=offered)


# -- the story as told against the story as shown ----------------------------------------------------------------

OPENINGS = re.compile(r"\b(?:once upon a time|long ago|one (?:morning|day|evening|night)|there (?:once )?lived|"
                      r"this is the story|had always|it all (?:began|started)|in the beginning)\b", re.I)  # fmt: skip
ENDINGS = re.compile(r"\b(?:from that day on|ever after|in the end|and so|came home|never .{0,40}again|"
                     r"from then on|the end\b|at last|to this day|that is how)", re.I)  # fmt: skip


def _told(beats: list[tuple[str, ...]]) -> re.Pattern[str]:
    """Any telling of these arc beats, whatever names and places fill its slots."""
    shapes = [re.escape(t).replace(r"\{", "{").replace(r"\}", "}") for beat in beats for t in beat]
    return re.compile("|".join(re.sub(r"\{\w+\}", r".{1,120}?", shape) for shape in shapes), re.I)


# The rule Screenwriter's own first and last beats, so its stories' openings and endings are always known.
ARC_OPENINGS = _told([arc[0] for arc in (*arcs.ARCS.values(), arcs.DOCUMENTARY)])
ARC_ENDINGS = _told([arc[-1] for arc in (*arcs.ARCS.values(), arcs.DOCUMENTARY)])


def opens(text: str) -> bool:
    return bool(OPENINGS.search(text) or ARC_OPENINGS.search(text))


def ends(text: str) -> bool:
    return bool(ENDINGS.search(text) or ARC_ENDINGS.search(text))


def story_notes(board: Storyboard, notes: list[Note], proposals: list[str]) -> None:
    """The Director's notes on the story as the storyboard tells it: an ending placed first, a scene whose
    picture contradicts what is said over it, and someone the narration names who is never seen."""
    scenes = board.scenes
    opening = next((k for k, s in enumerate(scenes, 1) if opens(s.narration)), 0)
    if len(scenes) > 2 and ends(scenes[0].narration) and opening != 1:
        where = f"; the story's opening is scene {opening}" if opening else ""
        notes.append(
            Note(craft="Director", text=f"scene 1 sounds like the ending (“{scenes[0].narration[:60]}…”){where}.")
        )
        proposals.append("move scene 1 to the end")
    elif opening > 1 and not ends(scenes[opening - 1].narration):
        notes.append(Note(craft="Director", text=f"scene {opening} opens the story but comes after scene 1."))
        proposals.append(f"move scene {opening} to the start")
    for k, scene in enumerate(scenes, 1):
        clash = contradiction(scene)
        if clash:
            note, fix = clash
            notes.append(Note(craft="Director", text=f"scene {k}: {note}."))
            proposals.append(f"scene {k} {fix}")
    shown = {who for s in scenes for who in _named(s.visual, board)}
    for name in sorted({who for s in scenes for who in _named(s.narration, board)} - shown):
        first = next(k for k, s in enumerate(scenes, 1) if name in _named(s.narration, board))
        notes.append(Note(craft="Cinematographer", text=f"{name} is named in the narration but never seen."))
        proposals.append(f"in scene {first}, show {name}")


def _named(text: str, board: Storyboard) -> set[str]:
    """The cast's names TEXT names a character by (name, alias or kind)."""
    lowered = text.lower()
    ways = casting.references(board)
    return {board.characters[i].name for way, i in ways.items() if re.search(rf"\b{re.escape(way)}\b", lowered)}


def contradiction(scene: Scene) -> tuple[str, str] | None:
    """What the visual says against the narration (a place or a time of day), and the revision that fixes it;
    None when they agree or the narration does not say."""
    said_place, shown_place = visuals.place_in(scene.narration), visuals.place_of(scene.visual)
    if said_place and shown_place and _setting(said_place) and _setting(said_place) != _setting(shown_place):
        return f"the narration is {said_place} but the picture is {shown_place}", said_place.lower()
    told = director.NARRATED_TIME.search(scene.narration)
    shown_time = visuals.time_of(visuals.head_and_tail(scene.visual)[0] or scene.visual)
    if told:
        said_time = visuals.slot_of(told.group(1), visuals.TIMES)
        if said_time and shown_time and said_time != shown_time:
            return f"the narration says {told.group(0).lower()} but the picture is {shown_time}", said_time
    return None


def _setting(phrase: str) -> str:
    """The animatic's kind of setting a place phrase is drawn as ("" when it is none it knows)."""
    from tools.images.animatic.reading import SETTINGS

    lowered = phrase.lower()
    return next((kind for kind, words in SETTINGS.items() if any(re.search(rf"\b{w}", lowered) for w in words)), "")
