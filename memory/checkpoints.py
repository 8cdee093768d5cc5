"""The LangGraph checkpointer for projects: one SQLite file, written after every step."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from langgraph.checkpoint.sqlite import SqliteSaver


def sqlite_checkpointer(path: Path) -> SqliteSaver:
    """A SqliteSaver on `path` (created if missing). WAL lets `crewcut show` read while a render writes.

    The connection keeps sqlite3's default transactions (not autocommit): the saver writes a step's
    writes in one executemany and commits once, so a kill -9 midway leaves none of them rather than the
    first few, which LangGraph would take for the whole step (a lost route, a graph that just stops)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(str(path), check_same_thread=False)
    connection.execute("PRAGMA journal_mode=WAL")
    saver = SqliteSaver(connection)
    saver.setup()
    return saver
