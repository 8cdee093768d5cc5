"""What the studio shows of a project, as plain data: a card per scene, the buttons each phase offers,
and which cards a turn changed. Nothing here knows Chainlit, so it is tested without a browser."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Scene buttons: what each one says to the Director (K: the scene's number; NOTE: what the person typed).
SCENE_ACTIONS = {
    "approve": ("Approve", "approve {k}"),
    "reshoot": ("Reshoot", "reject {k}: {note}"),
    "edit": ("Edit", "in scene {k}, {note}"),
}
# Whole-project buttons, by the phase the project waits in.
PHASE_ACTIONS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "review": (("approve_all", "Approve storyboard", "approve all"),
               ("notes", "Crew notes", "what does the crew think?")),
    "shots": (("approve_all", "Approve all shots", "approve all"), ("render", "Render", "render")),
    "confirm": (("render", "Render", "render"),),
    "done": (("render", "Render again", "render"),),
}  # fmt: skip


@dataclass(frozen=True)
class Card:
    """One scene as the studio shows it."""

    number: int
    shot: str
    camera: str
    narration: str
    visual: str
    status: str
    frame: str  # the shot's image, once shot ("" before)
    actions: tuple[str, ...]

    @property
    def text(self) -> str:
        head = f"**Scene {self.number}** · {self.shot}, {self.camera.replace('-', ' ')} · _{self.status}_"
        return f"{head}\n\n> {self.narration}\n\n{self.visual}"


def scene_actions(phase: str, status: str) -> tuple[str, ...]:
    if phase == "shots":
        return ("reshoot", "edit") if status == "approved" else ("approve", "reshoot", "edit")
    return ("edit",)


def cards(state: dict[str, Any]) -> list[Card]:
    board, phase = state.get("board") or {}, state.get("phase", "")
    scenes = state.get("scenes", [])
    out = []
    for k, scene in enumerate(board.get("scenes", []), 1):
        shot_state = scenes[k - 1] if k - 1 < len(scenes) else {}
        status = shot_state.get("status", "draft")
        frame = shot_state.get("frame", "")
        out.append(Card(k, scene["shot"], scene["camera"], scene["narration"], scene["visual"], status,
                        frame if frame and Path(frame).is_file() else "", scene_actions(phase, status)))  # fmt: skip
    return out


def pending(shown: list[Card]) -> list[Card]:
    """The cards whose buttons wait for the person: shots not yet approved."""
    return [card for card in shown if "approve" in card.actions]


def changed(before: list[Card], after: list[Card]) -> list[Card]:
    """The cards a turn changed: new, different, or renumbered (a swap shows both scenes)."""
    return [card for card in after if card.number > len(before) or before[card.number - 1] != card]


def command(action: str, scene: int, note: str = "") -> str:
    """What a scene button says to the Director."""
    return SCENE_ACTIONS[action][1].format(k=scene, note=note.strip())


def sheet(review: Path) -> str:
    """The contact sheet of the latest shoot in a project's review folder ("" before the first)."""
    sheets = sorted(review.glob("sheet-*.png"), key=lambda p: p.stat().st_mtime)
    return str(sheets[-1]) if sheets else ""


def film(state: dict[str, Any]) -> dict[str, str]:
    """The finished film and its captions, by kind (empty before the first render)."""
    video = state.get("video", "")
    if not video or not Path(video).is_file():
        return {}
    files = {"mp4": video}
    for kind in ("srt", "vtt"):
        side = Path(video).with_suffix(f".{kind}")
        if side.is_file():
            files[kind] = str(side)
    return files


def spend_sheet(summary: dict[str, Any]) -> str:
    """What the project has spent on paid services, as the side panel shows it ("" when nothing was and no
    budget is set): the total against the budget, then each backend and kind."""
    if not summary["by"] and summary.get("budget_usd") is None:
        return ""
    budget = f" of ${summary['budget_usd']:.2f}" if summary.get("budget_usd") is not None else ""
    lines = [f"**${summary['spent_usd']:.3f}**{budget} spent"]
    lines += [f"- {name}: {row['amount']:g} {row['unit']}, ${row['usd']:.3f}" for name, row in summary["by"].items()]
    return "\n".join(lines)


def cast_sheet(state: dict[str, Any]) -> str:
    """The cast as the side panel shows it: each character's names and look (markdown; "" with no cast)."""
    cast = (state.get("board") or state.get("story") or {}).get("characters", [])
    lines = []
    for c in cast:
        called = f" _(also {', '.join(c.get('aliases', []))})_" if c.get("aliases") else ""
        lines.append(f"**{c['name']}**{called}: {c.get('description', '')}")
    return "\n\n".join(lines)
