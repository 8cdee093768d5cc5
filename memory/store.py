"""The crew's memory in Chroma: what each character looks like, and what was said, recalled by meaning.

Two collections: `characters` (one record per character of a project, and per character a person saved to
their library) and `turns` (each message of the conversation, the person's and the crew's). Every record
carries its user and project in its metadata and every query filters on them, so no query returns another
person's or another project's memory. The graph state stays the source of truth for the storyboard and
the film; this is what is recalled.

Chroma's PersistentClient is thread-safe but not process-safe (two processes on one folder read stale
indexes or hang). So on one machine each operation takes an exclusive lock on the folder (lockf: the OS
drops it if the process dies), opens the client, works, and closes it, and the CLI and the studio can
share a home. For many machines, CHROMA_HOST/CHROMA_PORT name a Chroma server (`chroma run --path DIR`,
which the chromadb package ships) and the same code talks to it over HTTP with no lock."""

from __future__ import annotations

import fcntl
import hashlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from memory.embedder import embedder

LIBRARY = ""  # the project of a character kept in a person's library
LOCAL_USER = "local"  # the one person of the command line and of a studio without logins
LONGEST_QUERY = 2000
_IN_PROCESS = threading.Lock()


class RecallError(ValueError):
    """A request memory cannot answer (an empty or huge query, an unknown character); nothing changed."""


@dataclass(frozen=True)
class Recalled:
    """One thing remembered, and how close it is to what was asked (1.0 = the same meaning)."""

    text: str
    score: float
    meta: dict[str, Any]


def _id(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()


class Memory:
    """Memory under HOME/memory (or on a Chroma server). Cheap to make; each call opens what it needs."""

    def __init__(self, home: Path, host: str = "", port: int = 8000, model: str = "minilm") -> None:
        self.folder = home / "memory"
        self.host, self.port = host, port
        self.embed = embedder(model)

    @contextmanager
    def _collections(self) -> Iterator[tuple[Any, Any]]:
        """(characters, turns), for one visit."""
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        chroma = ChromaSettings(anonymized_telemetry=False)
        if self.host:
            yield _both(chromadb.HttpClient(host=self.host, port=self.port, settings=chroma))
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        with _IN_PROCESS, open(self.folder / ".lock", "a+") as lock:  # lockf does not exclude this process's threads
            fcntl.lockf(lock, fcntl.LOCK_EX)
            try:
                client = chromadb.PersistentClient(path=str(self.folder / "chroma"), settings=chroma)
                try:
                    yield _both(client)
                finally:
                    client.clear_system_cache()  # the next visit reads what other processes wrote since
            finally:
                fcntl.lockf(lock, fcntl.LOCK_UN)

    # -- the conversation -------------------------------------------------------------------------------

    def remember_turn(self, user: str, project: str, turn: int, role: str, text: str) -> None:
        """Keep one message of a project's conversation (role: person or crew)."""
        self.keep_project(user, project, None, [(turn, role, text)])

    def keep_project(self, user: str, project: str, characters: list[dict[str, Any]] | None,
                     turns: list[tuple[int, str, str]]) -> None:  # fmt: skip
        """In one visit: make the project's cast in memory exactly CHARACTERS (None: leave it), and keep
        TURNS (number, role, text) of its conversation."""
        turns = [(k, role, text.strip()) for k, role, text in turns if text.strip()]
        said = self.embed([text[:LONGEST_QUERY] for _, _, text in turns]) if turns else None
        cards = [_card(c) for c in characters or []]
        looks = self.embed(cards) if cards else None
        with self._collections() as (cast, conversation):
            if turns:
                conversation.upsert(
                    ids=[_id(user, project, str(k), role) for k, role, _ in turns], embeddings=said,
                    documents=[text for _, _, text in turns],
                    metadatas=[{"user": user, "project": project, "turn": k, "role": role, "time": time.time()}
                               for k, role, _ in turns])  # fmt: skip
            if characters is None:
                return
            stale = cast.get(where={"$and": [{"user": user}, {"project": project}]}, include=[])["ids"]
            if stale:
                cast.delete(ids=stale)
            if characters:
                cast.upsert(ids=[_id(user, project, c["name"]) for c in characters], embeddings=looks,
                            documents=cards, metadatas=[_meta(user, project, c) for c in characters])  # fmt: skip

    def recall_turns(self, user: str, project: str, query: str, k: int = 4, role: str = "") -> list[Recalled]:
        """The earlier messages of this project closest in meaning to QUERY (not the whole history)."""
        where: dict[str, Any] = {"$and": [{"user": user}, {"project": project}, *([{"role": role}] if role else [])]}
        return self._query(1, self._vector(query), where, k)

    # -- the character bible ----------------------------------------------------------------------------

    def keep_characters(self, user: str, project: str, characters: list[dict[str, Any]]) -> None:
        """Make the project's cast in memory exactly CHARACTERS (name, description, aliases, reference)."""
        self.keep_project(user, project, characters, [])

    def find_character(self, user: str, project: str, query: str, k: int = 3) -> list[Recalled]:
        """The project's characters closest in meaning to QUERY ("the aviator with ginger hair")."""
        return self._query(0, self._vector(query), {"$and": [{"user": user}, {"project": project}]}, k)

    def save_to_library(self, user: str, character: dict[str, Any]) -> bool:
        """Keep a character in USER's library (replacing one of that name); True when it is new there."""
        key = _id(user, LIBRARY, character["name"].lower())
        text = _card(character)
        with self._collections() as (cast, _):
            new = not cast.get(ids=[key], include=[])["ids"]
            cast.upsert(ids=[key], embeddings=self.embed([text]), documents=[text],
                        metadatas=[_meta(user, LIBRARY, character)])  # fmt: skip
        return new

    def library(self, user: str) -> list[dict[str, Any]]:
        with self._collections() as (cast, _):
            found = cast.get(where={"$and": [{"user": user}, {"project": LIBRARY}]}, include=["metadatas"])
        return sorted((_character(m) for m in found["metadatas"] or []), key=lambda c: c["name"].lower())

    def from_library(self, user: str, name: str) -> dict[str, Any] | None:
        """USER's saved character called NAME (or by one of its aliases), or None."""
        wanted = name.strip().lower()
        for character in self.library(user):
            if wanted == character["name"].lower() or wanted in (a.lower() for a in character["aliases"]):
                return character
        return None

    # -- plumbing ---------------------------------------------------------------------------------------

    def _vector(self, query: str) -> Any:
        query = query.strip()
        if not query:
            raise RecallError("ask something: the question is empty")
        if len(query) > LONGEST_QUERY:
            raise RecallError(f"that question is {len(query):,} characters; keep it under {LONGEST_QUERY:,}")
        return self.embed([query])

    def _query(self, which: int, vector: Any, where: dict[str, Any], k: int) -> list[Recalled]:
        with self._collections() as collections:
            found = collections[which].query(query_embeddings=vector, n_results=k, where=where,
                                             include=["documents", "metadatas", "distances"])  # fmt: skip
        docs, metas, distances = found["documents"][0], found["metadatas"][0], found["distances"][0]
        return [Recalled(d, round(1 - float(x), 3), dict(m)) for d, m, x in zip(docs, metas, distances, strict=True)]


def _both(client: Any) -> tuple[Any, Any]:
    space = {"hnsw:space": "cosine"}
    return (client.get_or_create_collection("characters", embedding_function=None, metadata=space),
            client.get_or_create_collection("turns", embedding_function=None, metadata=space))  # fmt: skip


def _card(character: dict[str, Any]) -> str:
    """How a character is embedded: name, what they are called, and their look."""
    aliases = [a for a in character.get("aliases", []) if a]
    called = f" (also called {', '.join(aliases)})" if aliases else ""
    return f"{character['name']}{called}: {character.get('description', '')}".strip()


def _meta(user: str, project: str, character: dict[str, Any]) -> dict[str, Any]:
    aliases = "|".join(character.get("aliases", []))
    return {"user": user, "project": project, "name": character["name"], "time": time.time(),
            "description": character.get("description", ""), "aliases": aliases,
            "reference": character.get("reference", "")}  # fmt: skip


def _character(meta: Any) -> dict[str, Any]:
    aliases = str(meta.get("aliases", ""))
    found = {"name": str(meta["name"]), "description": str(meta.get("description", "")),
             "aliases": [a for a in aliases.split("|") if a]}  # fmt: skip
    return {**found, "reference": str(meta["reference"])} if meta.get("reference") else found


@dataclass(frozen=True)
class ProjectMemory:
    """Memory as one project's crew sees it: its owner's library, its own cast and conversation."""

    memory: Memory
    user: str
    project: str
    read_only: bool = False  # for checking a request before it is made: nothing is written

    def reading(self) -> ProjectMemory:
        return ProjectMemory(self.memory, self.user, self.project, read_only=True)

    def characters(self, query: str) -> list[Recalled]:
        return self.memory.find_character(self.user, self.project, query)

    def said(self, query: str) -> list[Recalled]:
        return self.memory.recall_turns(self.user, self.project, query, role="person")

    def turns(self, query: str, k: int = 4) -> list[Recalled]:
        return self.memory.recall_turns(self.user, self.project, query, k=k)

    def save(self, character: dict[str, Any]) -> bool:
        if self.read_only:
            return self.memory.from_library(self.user, character["name"]) is None
        return self.memory.save_to_library(self.user, character)

    def bring(self, name: str) -> dict[str, Any] | None:
        return self.memory.from_library(self.user, name)

    def library(self) -> list[dict[str, Any]]:
        return self.memory.library(self.user)

    def keep(self, characters: list[dict[str, Any]], conversation: list[dict[str, str]], since: int) -> None:
        """Mirror the project's cast, and its conversation from turn SINCE on, into memory."""
        turns = [(k, "person" if t.get("role") == "you" else "crew", str(t.get("text", "")))
                 for k, t in enumerate(conversation[since:], since)]  # fmt: skip
        self.memory.keep_project(self.user, self.project, characters, turns)
