"""Files written whole or not at all: each writer uses a temporary name of its own, renamed when done."""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tools.processes import alive

_TMP = re.compile(r"\.(\d+)-\d+\.tmp(\.\w+)?$")


def temporary_name(path: Path) -> Path:
    """`frame.png` -> `frame.<pid>-<thread>.tmp.png`: two writers (or a killed one's leftover ffmpeg) never
    write into the same temporary file, and the suffix still tells programs what the file is."""
    return path.with_name(f"{path.stem}.{os.getpid()}-{threading.get_ident()}.tmp{path.suffix}")


@contextmanager
def written(path: Path) -> Iterator[Path]:
    """Write to the yielded temporary path; it becomes `path` only if the block ends without an error."""
    tmp = temporary_name(path)
    try:
        yield tmp
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


def clear_leftovers(folder: Path) -> int:
    """Delete temporary files left under `folder` by writers that died (kill -9); live writers' are kept."""
    removed = 0
    for path in folder.rglob("*.tmp*"):
        found = _TMP.search(path.name)
        if found and not alive(int(found.group(1))):
            path.unlink(missing_ok=True)
            removed += 1
    return removed
