"""How someone looks in the panel, read from their name and fixed description: body, colours, size."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tools.images.animatic.animals import body_of
from tools.images.base import Figure
from tools.images.palette import RGB

COLOURS: dict[str, RGB] = {
    "red": (178, 52, 44),
    "crimson": (150, 30, 40),
    "orange": (214, 120, 40),
    "yellow": (222, 184, 60),
    "gold": (204, 160, 60),
    "green": (70, 128, 70),
    "teal": (40, 124, 124),
    "blue": (52, 88, 160),
    "navy": (36, 48, 96),
    "purple": (112, 70, 140),
    "pink": (214, 130, 150),
    "brown": (120, 80, 50),
    "grey": (120, 120, 124),
    "gray": (120, 120, 124),
    "silver": (176, 180, 186),
    "white": (232, 232, 226),
    "black": (40, 40, 44),
    "copper": (176, 108, 64),
    "rust": (160, 80, 50),
    "ginger": (196, 100, 44),
    "golden": (214, 170, 70),
    "rusty": (160, 80, 50),
    "brass": (190, 150, 70),
}
HAIR: dict[str, RGB] = {
    "ginger": (190, 92, 40),
    "red-haired": (176, 70, 40),
    "red hair": (176, 70, 40),
    "blond": (224, 196, 120),
    "blonde": (224, 196, 120),
    "grey hair": (170, 170, 170),
    "gray hair": (170, 170, 170),
    "white hair": (230, 230, 226),
    "white beard": (230, 230, 226),
    "dark hair": (52, 40, 34),
    "black hair": (30, 28, 30),
    "brown hair": (110, 72, 44),
    "bald": (0, 0, 0),
}
GARMENTS = (
    "coat",
    "jacket",
    "dress",
    "shirt",
    "cloak",
    "sweater",
    "jumper",
    "hoodie",
    "uniform",
    "scarf",
    "overalls",
    "suit",
    "plates",
    "armou?r",
    "robe",
    "cape",
    "body",
    "paint",
    "raincoat",
    "vest",
)
MACHINES = ("robot", "android", "droid", "machine", "automaton", "mech", "cyborg")


@dataclass
class Look:
    clothes: RGB  # or fur, feathers, scales, plates: the figure's main colour
    hair: RGB | None
    machine: bool
    scale: float = 1.0  # "a small robot" stands shorter than the people beside it
    body: str = "person"  # or "machine", or one of animals.BODIES


ANIMAL_SCALE = {"beast": 0.5, "fish": 0.42, "bird": 0.42}  # against a person's height


def look_of(figure: Figure) -> Look:
    text = f"{figure.name} {figure.description}".lower()
    animal = body_of(figure.role.split()[-1:])  # "a talking fish, ...": its last word says what it is
    machine = animal is None and any(w in text for w in MACHINES)
    hair = next((c for k, c in HAIR.items() if k in text), (70, 50, 38))
    hair_value = None if hair == (0, 0, 0) or machine or animal else hair
    worn = re.search(rf"\b({'|'.join(COLOURS)})\b[\w\s-]{{0,12}}?\b({'|'.join(GARMENTS)})", text)
    words = [w for w in re.findall(r"[a-z]+", re.sub(r"\w+ (hair|beard)", "", text)) if w in COLOURS]
    colour = worn.group(1) if worn else (words[0] if words else "")
    clothes = COLOURS.get(colour, (176, 180, 186) if machine else (150, 110, 70) if animal else (90, 96, 120))
    scale = 0.72 if re.search(r"\b(small|little|tiny|child|kid|young girl|young boy)\b", text) else 1.0
    if animal:
        return Look(clothes, None, False, scale * ANIMAL_SCALE[animal], animal)
    return Look(clothes, hair_value, machine, scale, "machine" if machine else "person")
