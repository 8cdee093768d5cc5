"""Animals in the animatic, drawn as their kind in the same pencil-and-paper manner as the people.

A name ("a fox", "two pups", "a mare") becomes a body plan and a kind; each plan has its drawer: four-legged
beasts (beasts.py), fish, whales and octopuses (swimmers.py), birds and insects (fliers.py)."""

from __future__ import annotations

from collections.abc import Callable

from tools.images.animatic.beasts import BEASTS, SAME, draw_beast
from tools.images.animatic.canvas import Canvas
from tools.images.animatic.fliers import draw_bird, draw_insect
from tools.images.animatic.swimmers import draw_fish, draw_octopus, draw_whale
from tools.images.palette import RGB

FISH = ("fish", "goldfish", "salmon", "trout", "shark", "dolphin", "seal", "seahorse", "carp", "tuna", "eel", "cod")
WHALES = ("whale", "orca")
OCTOPUSES = ("octopus", "squid", "jellyfish", "kraken")
BIRDS = (
    "bird",
    "owl",
    "crow",
    "raven",
    "parrot",
    "penguin",
    "duck",
    "goose",
    "swan",
    "hen",
    "chicken",
    "robin",
    "sparrow",
    "eagle",
    "gull",
    "seagull",
    "pigeon",
    "bat",
    "owlet",
    "rooster",
    "hawk",
    "falcon",
    "flamingo",
    "peacock",
    "heron",
    "stork",
    "pelican",
    "duckling",
    "chick",
)
INSECTS = (
    "bee",
    "butterfly",
    "moth",
    "ladybird",
    "ladybug",
    "dragonfly",
    "ant",
    "beetle",
    "spider",
    "wasp",
    "firefly",
    "bumblebee",
    "caterpillar",
    "grasshopper",
    "cricket",
)
SIZES: dict[str, float] = {"fish": 0.42, "whale": 1.3, "octopus": 0.5, "bird": 0.4, "insect": 0.16}
COLOURS: dict[str, RGB] = {
    "goldfish": (236, 140, 50), "shark": (120, 130, 140), "dolphin": (110, 140, 170), "salmon": (220, 130, 110),
    "whale": (70, 96, 140), "orca": (40, 40, 46), "octopus": (190, 80, 80), "jellyfish": (210, 170, 220),
    "owl": (140, 100, 64), "crow": (46, 44, 50), "raven": (46, 44, 50), "penguin": (40, 40, 46),
    "parrot": (60, 160, 80), "duck": (236, 220, 120), "swan": (240, 240, 236), "robin": (150, 110, 80),
    "flamingo": (240, 150, 170), "bee": (230, 180, 50), "bumblebee": (230, 180, 50), "butterfly": (230, 140, 60),
    "ladybird": (200, 50, 40), "ladybug": (200, 50, 40), "ant": (60, 40, 36), "spider": (50, 46, 48),
    "chick": (240, 210, 90), "duckling": (240, 210, 90), "eagle": (110, 80, 56),
}  # fmt: skip


def kind_of(words: list[str]) -> tuple[str, str] | None:
    """(body plan, kind) of the first animal named in these words, if any: "fox" -> ("beast", "fox")."""
    for word in words:
        for name in (word, word[:-1] if word.endswith("s") else word, word[:-2] if word.endswith("es") else word):
            name = SAME.get(name, name)
            if name in BEASTS and name != "beast":
                return "beast", name
            for plan, names in (
                ("fish", FISH),
                ("whale", WHALES),
                ("octopus", OCTOPUSES),
                ("bird", BIRDS),
                ("insect", INSECTS),
            ):
                if name in names:
                    return plan, name
    return None


def colour_of(kind: str) -> RGB:
    return BEASTS[kind].colour if kind in BEASTS else COLOURS.get(kind, (150, 110, 70))


def size_of(plan: str, kind: str) -> float:
    return BEASTS[kind].size if plan == "beast" and kind in BEASTS else SIZES.get(plan, 0.5)


def head_ahead(plan: str, kind: str) -> float:
    """How far the head sits ahead of the middle of the whole animal, in units of its height across: a figure
    framed whole is centred on its middle, not on its head."""
    if plan == "beast" and kind in BEASTS:
        b = BEASTS[kind]
        return b.length / 2 + b.neck * 0.35 + 0.05
    return {"fish": 0.5, "whale": 0.9}.get(plan, 0.0)


def span_of(plan: str, kind: str) -> float:
    """Width over height, for fitting the animal inside a narrow frame."""
    return BEASTS[kind].span if plan == "beast" and kind in BEASTS else {"fish": 1.6, "whale": 2.6}.get(plan, 1.0)


Drawer = Callable[[Canvas, RGB, str, float, float, float, int], None]  # (canvas, colour, kind, cx, top, h, facing)
BODIES: dict[str, Drawer] = {  # body plan -> how to draw it
    "beast": draw_beast,
    "fish": draw_fish,
    "whale": draw_whale,
    "octopus": draw_octopus,
    "bird": draw_bird,
    "insect": draw_insect,
}
ANIMALS: tuple[str, ...] = (*(k for k in BEASTS if k != "beast"), *SAME, *FISH, *WHALES, *OCTOPUSES, *BIRDS, *INSECTS)
SWIMMERS = ("fish", "whale", "octopus")  # body plans that belong in water
