"""The studio's chat threads, kept across restarts: Chainlit's SQLAlchemy data layer on SQLite under
CREWCUT_HOME by default, or any SQLAlchemy async URL (CREWCUT_STUDIO_DB, e.g. a shared Postgres). Frames and
films go to the storage client (chat/files.py). A thread's id is its project's id.

The tables are Chainlit's documented schema with plain TEXT where Postgres would use UUID, JSONB or TEXT[],
so one schema serves both; Chainlit passes Python lists and dicts as they are (which SQLite cannot bind), so
they go in as JSON."""

from __future__ import annotations

import asyncio
import json
import threading
from typing import Any

from chainlit.data.sql_alchemy import SQLAlchemyDataLayer
from chainlit.data.storage_clients.base import BaseStorageClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

TABLES = (
    """CREATE TABLE IF NOT EXISTS users ("id" TEXT PRIMARY KEY, "identifier" TEXT NOT NULL UNIQUE,
        "metadata" TEXT NOT NULL, "createdAt" TEXT)""",
    """CREATE TABLE IF NOT EXISTS threads ("id" TEXT PRIMARY KEY, "createdAt" TEXT, "name" TEXT, "userId" TEXT,
        "userIdentifier" TEXT, "tags" TEXT, "metadata" TEXT,
        FOREIGN KEY ("userId") REFERENCES users("id") ON DELETE CASCADE)""",
    """CREATE TABLE IF NOT EXISTS steps ("id" TEXT PRIMARY KEY, "name" TEXT NOT NULL, "type" TEXT NOT NULL,
        "threadId" TEXT NOT NULL, "parentId" TEXT, "streaming" BOOLEAN NOT NULL, "waitForAnswer" BOOLEAN,
        "isError" BOOLEAN, "metadata" TEXT, "tags" TEXT, "input" TEXT, "output" TEXT, "createdAt" TEXT,
        "command" TEXT, "modes" TEXT, "start" TEXT, "end" TEXT, "generation" TEXT, "showInput" TEXT,
        "language" TEXT, "indent" INT, "defaultOpen" BOOLEAN, "autoCollapse" BOOLEAN, "icon" TEXT,
        FOREIGN KEY ("threadId") REFERENCES threads("id") ON DELETE CASCADE)""",
    """CREATE TABLE IF NOT EXISTS elements ("id" TEXT PRIMARY KEY, "threadId" TEXT, "type" TEXT, "url" TEXT,
        "chainlitKey" TEXT, "name" TEXT NOT NULL, "display" TEXT, "objectKey" TEXT, "size" TEXT, "page" INT,
        "language" TEXT, "forId" TEXT, "mime" TEXT, "props" TEXT, "autoPlay" BOOLEAN, "playerConfig" TEXT,
        FOREIGN KEY ("threadId") REFERENCES threads("id") ON DELETE CASCADE)""",
    """CREATE TABLE IF NOT EXISTS feedbacks ("id" TEXT PRIMARY KEY, "forId" TEXT NOT NULL, "threadId" TEXT NOT NULL,
        "value" INT NOT NULL, "comment" TEXT,
        FOREIGN KEY ("threadId") REFERENCES threads("id") ON DELETE CASCADE)""",
)
SQLITE_WAIT = 30  # seconds a writer waits for another (ten sessions write at once)


def _connect_args(url: str) -> dict[str, Any]:
    return {"timeout": SQLITE_WAIT} if url.startswith("sqlite") else {}


async def _create_tables(url: str) -> None:
    engine = create_async_engine(url, connect_args=_connect_args(url))
    try:
        async with engine.begin() as db:
            if url.startswith("sqlite"):
                await db.execute(text("PRAGMA journal_mode=WAL"))  # readers do not wait for the writer
            for table in TABLES:
                await db.execute(text(table))
    finally:
        await engine.dispose()


def create_tables(url: str) -> None:
    """Make the tables if they are missing (at start-up, before Chainlit's loop; safe to repeat)."""
    if url.startswith("sqlite"):
        from pathlib import Path

        Path(url.split(":///", 1)[1]).parent.mkdir(parents=True, exist_ok=True)
    failed: list[BaseException] = []

    def run() -> None:  # its own thread and loop: Chainlit may already have one running here
        try:
            asyncio.run(_create_tables(url))
        except BaseException as err:
            failed.append(err)

    worker = threading.Thread(target=run)
    worker.start()
    worker.join()
    if failed:
        raise failed[0]


class History(SQLAlchemyDataLayer):
    """Chainlit's SQLAlchemy data layer with lists and dicts stored as JSON text."""

    def __init__(self, url: str, storage: BaseStorageClient) -> None:
        super().__init__(url, connect_args=_connect_args(url), storage_provider=storage)

    async def execute_sql(self, query: str, parameters: dict) -> Any:
        bound = {k: json.dumps(v) if isinstance(v, list | dict) else v for k, v in parameters.items()}
        return await super().execute_sql(query, bound)
