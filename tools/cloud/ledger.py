"""A project's spending on paid services: one JSON line per paid result, and the budget that stops more.

Paid work asks the ledger first (`paying`), with what it expects to cost. If that would take the project
past CREWCUT_BUDGET_USD, nothing is sent: BudgetError says so, and since every paid result already made is
cached by its content hash, raising the budget and going on pays for nothing twice. Failed calls cost
nothing (the services charge for results), so only a success is written down."""

from __future__ import annotations

import fcntl
import hashlib
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

LEDGER_FILE = "ledger.jsonl"


class BudgetError(RuntimeError):
    """Paid work that would take the project past its budget; nothing was sent or spent."""


@dataclass(frozen=True)
class Entry:
    backend: str  # "stability", "openai", "runway"
    what: str  # "image", "speech", "transcription", "video", "tokens"
    amount: float  # images, characters, seconds or tokens
    unit: str
    usd: float
    asset: str = ""  # the cache name of what was paid for


class Ledger:
    """The spending of the project whose folder holds `path`. Thread-safe; appends are atomic lines."""

    def __init__(self, path: Path, budget: float | None = None) -> None:
        self.path, self.budget = path, budget
        self._lock = threading.Lock()
        self._reserved = 0.0  # what calls in flight expect to spend

    def paid_file(self, version: str, sent: object, suffix: str) -> Path:
        """Where the result of a paid request is kept: named by what was sent, so the same request (the
        review's frame and the film's, a resumed render) is paid for once per project."""
        blob = json.dumps([version, sent], sort_keys=True, default=str).encode()
        return self.path.parent / "paid" / f"{hashlib.sha256(blob).hexdigest()[:24]}{suffix}"

    def entries(self) -> list[Entry]:
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except OSError:
            return []
        out = []
        for line in lines:
            try:
                data = json.loads(line)
                out.append(Entry(**{k: data[k] for k in Entry.__dataclass_fields__ if k in data}))
            except (ValueError, TypeError, KeyError):  # a line torn by a crash is not a payment
                continue
        return out

    def spent(self) -> float:
        return round(sum(e.usd for e in self.entries()), 4)

    def record(self, entry: Entry) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        line = json.dumps({"at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), **entry.__dict__}) + "\n"
        with open(self.path, "a", encoding="utf-8") as out:
            fcntl.flock(out, fcntl.LOCK_EX)  # another crewcut on the same project appends whole lines too
            out.write(line)

    def check(self, usd: float, what: str) -> None:
        """Refuse `what` if spending `usd` more would pass the budget (BudgetError)."""
        if self.budget is None or usd <= 0:
            return
        spent = self.spent() + self._reserved
        if spent + usd > self.budget + 1e-9:
            cost = f"about ${usd:.3f}" if usd >= 0.0005 else "a little"
            raise BudgetError(
                f"{what} would cost {cost}, and this project has spent ${spent:.3f} of its "
                f"${self.budget:.2f} budget (CREWCUT_BUDGET_USD): nothing more was paid for. Raise the budget "
                "and go on: what is already made is kept"
            )

    @contextmanager
    def paying(self, estimate: float, what: str) -> Iterator[None]:
        """Hold `estimate` against the budget while a paid call runs (parallel calls cannot overspend)."""
        with self._lock:
            self.check(estimate, what)
            self._reserved += estimate
        try:
            yield
        finally:
            with self._lock:
                self._reserved -= estimate

    def summary(self) -> dict[str, Any]:
        """Spend so far, per backend and kind, for `crewcut show`, the studio and render.json."""
        by: dict[str, dict[str, Any]] = {}
        for e in self.entries():
            row = by.setdefault(f"{e.backend} {e.what}", {"amount": 0.0, "unit": e.unit, "usd": 0.0})
            row["amount"] = round(row["amount"] + e.amount, 3)
            row["usd"] = round(row["usd"] + e.usd, 4)
        return {"spent_usd": self.spent(), "budget_usd": self.budget, "by": by}


def describe(summary: dict[str, Any]) -> str:
    """What was spent, for a line that begins 'Spent: ' or 'So far: ': '$0.41 of $5.00 (stability image: 6 images
    $0.18; ...)', or '' if nothing was."""
    if not summary["by"]:
        return ""
    parts = [f"{name}: {row['amount']:g} {row['unit']} ${row['usd']:.3f}" for name, row in summary["by"].items()]
    budget = f" of ${summary['budget_usd']:.2f}" if summary.get("budget_usd") is not None else ""
    return f"${summary['spent_usd']:.3f}{budget} ({'; '.join(parts)})"


def project_ledger(folder: Path, settings: Any) -> Ledger:
    """The ledger of the project in `folder`, with the budget the settings set."""
    return Ledger(folder / LEDGER_FILE, settings.budget_usd)
