"""The studio's chat history on Postgres (CREWCUT_STUDIO_DB=postgresql+asyncpg://...): a private cluster
from Debian's postgresql (the Makefile's test setup installs it), the real studio on it, a project taken to
its shots, then the thread resumed from what Postgres kept."""

from __future__ import annotations

import asyncio
import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.studio import Chat, free_port, studio

INITDB = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))


def _as_postgres(argv: list[str]) -> list[str]:
    """Postgres will not run as root: as root, run it as the postgres user Debian's package made."""
    return ["runuser", "-u", "postgres", "--", *argv] if os.geteuid() == 0 else argv


@pytest.fixture
def postgres() -> Iterator[str]:
    assert INITDB, "Debian's postgresql is missing: `make test` installs it (apt-get install postgresql)"
    # Its own folder in /tmp: the postgres user cannot reach into pytest's (root's, mode 700).
    folder = Path(tempfile.mkdtemp(prefix="crewcut-pg-"))
    bin_dir, data, port = Path(INITDB[-1]).parent, folder / "data", free_port()
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    run = lambda *argv: subprocess.run(_as_postgres([str(bin_dir / argv[0]), *argv[1:]]), check=True,  # noqa: E731
                                       capture_output=True, text=True)  # fmt: skip
    run("initdb", "-D", str(data), "-A", "trust", "-U", "postgres")
    run(
        "pg_ctl", "-D", str(data), "-o", f"-p {port} -k {folder} -h 127.0.0.1", "-l", str(folder / "log"), "-w", "start"
    )
    try:
        run("createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "crewcut")
        yield f"postgresql+asyncpg://postgres@127.0.0.1:{port}/crewcut"
    finally:
        run("pg_ctl", "-D", str(data), "-m", "fast", "stop")
        shutil.rmtree(folder, ignore_errors=True)


def test_threads_kept_in_postgres_resume(tmp_path: Path, postgres: str) -> None:
    async def body(url: str) -> None:
        chat = Chat(url)
        await chat.connect()
        await chat.wait(lambda c: c.said("Type an idea for a short film"))
        await chat.say("a tailor sews a coat for a giant")
        await chat.wait(lambda c: c.button("phase-approve_all") is not None)
        await chat.click(chat.button("phase-approve_all"))  # type: ignore[arg-type]
        await chat.wait(lambda c: c.button("phase-render") is not None)
        await chat.close()
        again = Chat(url)
        await again.connect(thread=chat.thread)
        await again.wait(lambda c: c.said("Welcome back") and c.button("approve-1") is not None)
        assert again.thread == chat.thread and not again.errors  # the thread was found in Postgres
        await again.close()

    home = tmp_path / "home"
    home.mkdir()
    with studio(home, free_port(), CREWCUT_STUDIO_DB=postgres) as url:
        asyncio.run(body(url))
    query = ["psql", postgres.replace("+asyncpg", ""), "-tAc", "select count(*) from elements"]
    counted = subprocess.run(_as_postgres(query), capture_output=True, text=True)
    assert int(counted.stdout.strip() or 0) >= 6, counted.stderr  # every frame of the shots, kept
