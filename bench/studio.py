"""Bench: ten people at once in the chat studio, each driving a project from an idea to its storyboard.

Starts the real studio (python -m chat.serve, offline crew) on a free port and opens N Socket.IO sessions
the way the page does (log in, connect, say hello, send the idea), all at the same time, each with its own
idea. Measures per session:
  first reply  - from sending the idea to the first thing the crew shows (before any generation: the
                 Screenwriter's step opening)
  storyboard   - from sending the idea to the Director's reply with its "Approve storyboard" button
and checks that none fails and that no session sees another's thread or another's idea.

    .venv/bin/python bench/studio.py [--sessions 10]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.studio import Chat, free_port, studio

IDEAS = [
    "a lighthouse keeper befriends a lost robot", "two rival bakers must share one oven",
    "a girl teaches her grandfather to skateboard", "a documentary about how bees make honey",
    "an astronaut finds a garden on the moon", "a cat runs a tiny post office",
    "a detective searches a train for a missing violin", "a boy builds a raft to cross the lake",
    "a dragon is afraid of the dark", "a chef cooks for a king who cannot taste",
    "a fox and a crow open a bookshop", "a storm keeps a village awake all night",
]  # fmt: skip


@dataclass
class Session:
    idea: str
    chat: Chat | None = None
    sent: float = 0.0
    first: float = 0.0
    board: float = 0.0
    error: str = ""


async def drive(url: str, session: Session) -> None:
    chat = session.chat = Chat(url)
    await chat.connect()
    try:
        await chat.wait(lambda c: c.said("Type an idea for a short film"))
        seen = len(chat.steps)
        session.sent = time.perf_counter()
        await chat.say(session.idea)
        await chat.wait(lambda c: any(s.get("type") != "user_message" for s in c.steps[seen:]))
        session.first = time.perf_counter()
        await chat.wait(lambda c: c.button("phase-approve_all") is not None)
        session.board = time.perf_counter()
    except TimeoutError:
        session.error = "no storyboard in time"
    finally:
        await chat.close()


def row(name: str, values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"| {name} | {statistics.median(ordered):.2f} s | {p95:.2f} s | {max(ordered):.2f} s |"


async def run(url: str, count: int) -> list[Session]:
    sessions = [Session(IDEAS[k % len(IDEAS)]) for k in range(count)]
    results = await asyncio.gather(*(drive(url, s) for s in sessions), return_exceptions=True)
    for s, result in zip(sessions, results, strict=True):
        if isinstance(result, BaseException):
            s.error = f"{type(result).__name__}: {result}"
    return sessions


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home, studio(Path(home), free_port()) as url:
        started = time.perf_counter()
        sessions = asyncio.run(run(url, args.sessions))
        wall = time.perf_counter() - started
    failed = [s for s in sessions if s.error or not s.board]
    crossed = [s for s in sessions if s.chat and {st.get("threadId") for st in s.chat.steps} - {s.chat.thread}]
    others = {s.idea for s in sessions}
    leaked = [s for s in sessions if s.chat and any(o != s.idea and s.chat.said(o) for o in others)]
    done = [s for s in sessions if s.board]
    print(f"{args.sessions} concurrent sessions, offline crew, {wall:.1f} s wall")
    print("| measure | p50 | p95 | max |\n|---|---|---|---|")
    if done:
        print(row("message -> first reply", [s.first - s.sent for s in done]))
        print(row("idea -> storyboard", [s.board - s.sent for s in done]))
    print(f"failed: {len(failed)}; cross-talk (another thread's events): {len(crossed)}; "
          f"another session's idea seen: {len(leaked)}")  # fmt: skip
    for s in failed:
        print(f"  {s.idea}: {s.error or 'no storyboard'}")
    return 1 if failed or crossed or leaked else 0


if __name__ == "__main__":
    sys.exit(main())
