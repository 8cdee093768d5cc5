"""The LangGraph checkpointer for projects: one SQLite file, written after every step."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from langgraph.checkpoint.sqlite import SqliteSaver


def sqlite_checkpointer(path: Path) -> SqliteSaver:
    """A SqliteSaver on `path` (created if missing). WAL lets `crewcut show` read while a render writes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    saver = SqliteSaver(connection)
    saver.setup()
    return saver
