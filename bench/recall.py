"""Bench: the crew's memory. Embedding throughput of the offline model, and query latency (p50/p95) with
10,000 stored turns in Chroma on disk, each query taking the cross-process lock and reopening the client
as every visit does.

    .venv/bin/python bench/recall.py [--turns 10000] [--queries 50]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from memory.embedder import embedder
from memory.store import Memory

SUBJECTS = ["the storm", "the lighthouse", "the robot", "Mara's coat", "the ending", "the music", "scene three",
            "the title", "the harbour", "the night sky", "the narrator", "the colours"]  # fmt: skip
ASKS = ["make {} darker", "I love {}", "can {} be calmer?", "change {} to feel warmer", "more of {} please"]


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=50)
    args = parser.parse_args()
    rng = random.Random(7)
    texts = [rng.choice(ASKS).format(rng.choice(SUBJECTS)) + f" (take {k})" for k in range(args.turns)]
    embed = embedder()
    embed(["warm up"])
    started = time.perf_counter()
    embed(texts[:1000])
    per_second = 1000 / (time.perf_counter() - started)
    with tempfile.TemporaryDirectory() as home:
        memory = Memory(Path(home))
        started = time.perf_counter()
        for start in range(0, len(texts), 500):  # as a long conversation would have stored them
            memory.keep_project("ann", "p1", None, [(k, "person", texts[k]) for k in range(start, start + 500)])
        stored = time.perf_counter() - started
        latencies = []
        for q in range(args.queries):
            began = time.perf_counter()
            memory.recall_turns("ann", "p1", f"what did I say about {SUBJECTS[q % len(SUBJECTS)]}?")
            latencies.append(time.perf_counter() - began)
    print(f"embedding: {per_second:.0f} texts/s (all-MiniLM-L6-v2 int8, onnxruntime, batches of 32)")
    print(f"stored {args.turns:,} turns in {stored:.1f} s ({args.turns / stored:.0f} turns/s, embedding included)")
    print("| query (k=4) over 10,000 turns | p50 | p95 |\n|---|---|---|")
    print(f"| recall_turns, lock + open + embed + search | {statistics.median(latencies) * 1000:.0f} ms "
          f"| {_p95(latencies) * 1000:.0f} ms |")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
