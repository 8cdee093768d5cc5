"""What the crew answers from memory (memory/store.py's ProjectMemory), by meaning: how a character looks,
who a role is, what the person said about something; and the person's library of characters."""

from __future__ import annotations

from typing import Any

from agents import casting
from agents.director import EditError
from domain import Character, Storyboard

SAME_PERSON = 0.2  # cosine at or above which "the aviator with ginger hair" is taken to mean that character
SAID_IT = 0.25  # ... and an earlier message to be about what was asked
CLOSE = 0.08  # messages this close to the best match are quoted with it
MEMORY_OFF = "I have no memory to look in here"


def _look(c: Character) -> str:
    called = f" (also called {', '.join(c.aliases)})" if c.aliases else ""
    return f"{c.name}{called}: {c.description or 'no fixed look yet'}."


def answer(spec: str, board: Storyboard, recall: Any) -> str:
    """SPEC is KIND:QUERY from casting.question (look, who, said)."""
    kind, _, query = spec.partition(":")
    if kind in ("look", "who"):
        found = casting.find(board, query)
        if found is not None:
            return _look(board.characters[found])
        if recall is None:
            return MEMORY_OFF
        by_name = {c.name: c for c in board.characters}
        hits = [h for h in recall.characters(query) if h.score >= SAME_PERSON and h.meta.get("name") in by_name]
        if not hits:
            names = ", ".join(by_name) or "nobody yet"
            return f"I don't know anyone like {query} in this film (the cast: {names})."
        return _look(by_name[hits[0].meta["name"]])
    if recall is None:
        return MEMORY_OFF
    hits = [h for h in recall.said(query) if h.score >= SAID_IT]
    if not hits:
        return f"I don't remember you saying anything about {query}."
    close = [h for h in hits if h.score >= hits[0].score - CLOSE][:3]  # the best, and any as good as it
    quoted = "; ".join(f"“{h.text[:200]}”" for h in sorted(close, key=lambda h: h.meta.get("turn", 0)))
    return f"About {query} you said: {quoted}."


def save(character: Character, recall: Any) -> str:
    if recall is None:
        return MEMORY_OFF
    new = recall.save(character.model_dump())
    done = "Saved" if new else "Updated"
    return f"{done} {character.name} in your library; in another film say 'bring back {character.name}'."


def bring(name: str, recall: Any) -> Character:
    """The library's character called NAME. Raises EditError (nothing changed) if there is none."""
    if recall is None:
        raise EditError(MEMORY_OFF)
    found = recall.bring(name)
    if found is None:
        kept = [c["name"] for c in recall.library()]
        has = f"it has {', '.join(kept)}" if kept else "it is empty; say 'save NAME to my library' in a film"
        raise EditError(f"there is no {name} in your library ({has})")
    return Character.model_validate(found)
