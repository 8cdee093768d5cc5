"""The animatic's gallery: every setting and every body drawn at every aspect ratio, on contact sheets to look
at, with how long each panel took. Not a test: a page to look at before changing how panels are drawn.

    .venv/bin/python bench/panels.py [--out out/panels] [--height 540]

Writes settings-<aspect>.png, bodies-<aspect>.png and shots-<aspect>.png to OUT and prints a table of the
median milliseconds per panel by aspect."""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools.images.animatic import AnimaticImages  # noqa: E402
from tools.images.base import Figure, FrameRequest  # noqa: E402
from tools.images.sheet import contact_sheet  # noqa: E402

ASPECTS = {"16:9": (16, 9), "9:16": (9, 16), "1:1": (1, 1)}
# One line a storyboard might carry for each setting the animatic knows, and a few of the ways people write it.
SETTINGS = [
    "a meadow by a farm at noon", "a dark forest at dusk", "mountains under snow", "a desert of dunes at dawn",
    "a city street at night", "a lighthouse on the coast at dusk", "deep under the sea", "a coral reef",
    "a big aquarium with fish tanks", "inside the kitchen, a stove and an oven", "a train station platform",
    "a classroom at school", "a market with stalls", "a castle on a hill", "a library full of books",
    "the red desert of Mars", "a space station in orbit", "the arctic ice at dawn", "a workshop inside",
    "a village in the rain", "a beach in a storm", "a foggy harbour at dawn",
]  # fmt: skip
BODIES = [
    ("Ada", "a young girl, small, with red hair in a yellow raincoat"), ("Tom", "a boy, small, in a blue jumper"),
    ("Rosa", "an old grandmother with white hair and a green shawl"), ("Abe", "an old man with a grey beard"),
    ("Sir Galen", "a knight in silver armour"), ("Yuri", "an astronaut in a white spacesuit"),
    ("Mina", "a woman, tall and slender, in a red dress"), ("Bram", "a burly baker in a white apron"),
    ("Merlin", "a wizard in a blue robe"), ("Olaf", "a king with a golden crown"), ("Cog", "a small copper robot"),
    ("Pip", "a small brown dog"), ("Tib", "a grey cat"), ("Star", "a chestnut horse"), ("Rusty", "a red fox"),
    ("Hoot", "a brown owl"), ("Inky", "a purple octopus"), ("Blue", "a blue whale"), ("Dune", "a camel"),
    ("Buzz", "a bee"), ("Finn", "a goldfish"), ("Robin", "a small bird"), ("Leo", "a lion"), ("Wooly", "a sheep"),
    ("Ella", "an elephant"), ("Gigi", "a giraffe"), ("Shelly", "a turtle"), ("Pingu", "a penguin"),
]  # fmt: skip
SHOTS = [
    ("wide", "static"), ("medium", "pan-left"), ("medium", "pan-right"), ("close-up", "push-in"),
    ("extreme-close-up", "static"), ("over-the-shoulder", "static"), ("medium", "tilt-up"), ("wide", "pull-out"),
]  # fmt: skip


def draw(requests: list[tuple[str, FrameRequest]], folder: Path) -> tuple[list[Path], list[float]]:
    backend, paths, times = AnimaticImages(), [], []
    for i, (_, request) in enumerate(requests):
        start = time.perf_counter()
        paths.append(backend.generate(request, folder / f"{i:02d}.png"))
        times.append((time.perf_counter() - start) * 1000)
    return paths, times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "panels")
    parser.add_argument("--height", type=int, default=540)
    args = parser.parse_args()
    rows = []
    for aspect, (aw, ah) in ASPECTS.items():
        short = args.height
        w, h = (round(short * aw / ah), short) if aw >= ah else (short, round(short * ah / aw))
        w, h = w - w % 2, h - h % 2
        duo = (Figure("Ada", BODIES[0][1]), Figure("Cog", dict(BODIES)["Cog"]))
        sets = {
            "settings": [(s, FrameRequest(s, w, h, "wide", "static", "", duo, "SC 1")) for s in SETTINGS],
            "bodies": [
                (f"{n}: {d}", FrameRequest(f"{n} in a meadow", w, h, "medium", "static", "", (Figure(n, d),), n))
                for n, d in BODIES
            ],
            "shots": [
                (f"{s} {m}", FrameRequest("a meadow at noon", w, h, s, m, "", duo, f"SC {i + 1}"))
                for i, (s, m) in enumerate(SHOTS)
            ],
        }
        for name, requests in sets.items():
            folder = args.out / f"{name}-{aspect.replace(':', 'x')}"
            folder.mkdir(parents=True, exist_ok=True)
            paths, times = draw(requests, folder)
            contact_sheet(paths, args.out / f"{name}-{aspect.replace(':', 'x')}.png", columns=6 if aw >= ah else 8,
                          captions=[c for c, _ in requests])  # fmt: skip
            rows.append((aspect, name, len(paths), statistics.median(times)))
    print("| aspect | sheet    | panels | median ms/panel |\n|--------|----------|--------|-----------------|")
    for aspect, name, n, ms in rows:
        print(f"| {aspect:6} | {name:8} | {n:6} | {ms:15.0f} |")
    print(f"sheets in {args.out}")


if __name__ == "__main__":
    main()
