"""Pay once: a paid result is written to its cache file (named by the hash of the request) the moment it
arrives, before it is converted, recorded or used, so a crash after payment never pays twice."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tools.cloud.ledger import Entry, Ledger
from tools.files import written


def paid_once(cache: Path, ledger: Ledger, entry: Entry, make: Callable[[], bytes]) -> bytes:
    """The bytes cached at `cache`, or `make()`'s (paid for, checked against the budget, then cached and
    written in the ledger as `entry`)."""
    if cache.exists():
        return cache.read_bytes()
    with ledger.paying(entry.usd, f"{entry.backend} {entry.what}"):
        data = make()
        cache.parent.mkdir(parents=True, exist_ok=True)
        with written(cache) as tmp:
            tmp.write_bytes(data)
    ledger.record(entry)
    return data
