"""How someone looks in the panel, read from their name and fixed description: what they are (a person, a
machine or an animal's kind), their age, build, hair, clothes and colours, so a girl, a grandmother and a
knight are three different figures. Where the description is silent, skin and hair come from the name, so
two plain figures still differ and each keeps the same look in every panel."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from tools.images.animatic.animals import colour_of, kind_of, size_of
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
    "apron",
    "shawl",
    "gown",
    "skirt",
    "spacesuit",
    "robe",
    "cape",
    "body",
    "paint",
    "raincoat",
    "vest",
)
MACHINES = ("robot", "android", "droid", "machine", "automaton", "mech", "cyborg")
SKINS: tuple[RGB, ...] = ((240, 204, 176), (226, 186, 150), (198, 150, 110), (160, 112, 80), (112, 76, 56))
HAIRS: tuple[RGB, ...] = ((52, 40, 34), (30, 28, 30), (110, 72, 44), (176, 90, 44), (214, 184, 110))
# Words that say age, build and outfit; each outfit also says what is worn on the head.
CHILD = r"\b(child|children|kid|girl|boy|toddler|baby|grandson|granddaughter|grandchild|schoolgirl|schoolboy|" \
        r"little (?:sister|brother)|young (?:girl|boy)|pupil|daughter|son)s?\b"  # fmt: skip
OLD = r"\b(old|elderly|aged|ancient|grandmother|grandfather|grandma|grandpa|granny|gran|grandparent|retired|" \
      r"white-haired|grey-haired|gray-haired|widow|widower)\b"  # fmt: skip
FEMALE = r"\b(girl|woman|women|she|her|grandmother|grandma|granny|gran|mother|mum|mom|sister|queen|princess|lady|" \
         r"daughter|aunt|wife|witch|nun|ballerina|granddaughter|bride|actress|waitress|heroine|niece|" \
         r"schoolgirl)s?\b"  # fmt: skip
BROAD = r"\b(burly|stout|broad|plump|big|heavy|round|strong|hefty|chubby|large|giant)\b"
SLIM = r"\b(thin|slender|lanky|skinny|wiry|slim|tall|willowy)\b"
OUTFITS: dict[str, str] = {  # outfit -> the words that put it on
    "armour": r"\b(knight|armou?r|armou?red|plate mail|chain ?mail|paladin|crusader)\b",
    "spacesuit": r"\b(astronaut|spacesuit|space suit|cosmonaut|spacewoman|spaceman)\b",
    "robe": r"\b(robe|robes|wizard|monk|witch|sorcerer|sorceress|mage|priest|cloak|druid)\b",
    "dress": r"\b(dress|gown|skirt|princess|queen|ballerina|bride)\b",
    "apron": r"\b(apron|baker|chef|cook|butcher|barista)\b",
}
HATS: dict[str, str] = {  # what is worn on the head -> its words
    "crown": r"\b(king|queen|princess|prince|crown|crowned|emperor|empress)\b",
    "pointed": r"\b(wizard|witch|sorcerer|sorceress|mage|pointed hat)\b",
    "chef": r"\b(chef|baker|cook)\b",
    "cap": r"\b(cap|captain|sailor|pilot|conductor|police|detective|postman|postwoman)\b",
}


@dataclass
class Look:
    clothes: RGB  # or fur, feathers, scales, plates: the figure's main colour
    hair: RGB | None
    body: str = "person"  # or "machine", or an animal's body plan (animals.BODIES)
    kind: str = ""  # the animal's kind: "fox", "owl"
    scale: float = 1.0  # "a small robot" stands shorter than the people beside it
    age: str = "adult"  # child | adult | old
    build: float = 1.0  # shoulder width against an adult's
    hair_style: str = "short"  # short | long | bun | bald
    outfit: str = "plain"  # plain | dress | robe | armour | spacesuit | apron
    hat: str = ""  # crown | pointed | chef | cap
    beard: bool = False
    skin: RGB = SKINS[1]

    @property
    def machine(self) -> bool:
        return self.body == "machine"


def _seeded(name: str, options: tuple[RGB, ...]) -> RGB:
    """A stable pick by name: the same character gets the same skin or hair in every panel."""
    return options[int(hashlib.sha256(name.encode()).hexdigest()[:8], 16) % len(options)]


def _colour(text: str, machine: bool, animal: bool) -> str:
    worn = re.search(rf"\b({'|'.join(COLOURS)})\b[\w\s-]{{0,12}}?\b({'|'.join(GARMENTS)})", text)
    words = [w for w in re.findall(r"[a-z]+", re.sub(r"\w+ (hair|beard)", "", text)) if w in COLOURS]
    return worn.group(1) if worn else (words[0] if words else "")


def look_of(figure: Figure) -> Look:
    text = f"{figure.name} {figure.description}".lower()
    role = figure.role.split()
    animal = kind_of(role[-1:])  # "a talking fish, ...": its last word says what it is ("a dog walker" is none)
    machine = animal is None and any(re.search(rf"\b{w}", text) for w in MACHINES)
    colour = _colour(text, machine, animal is not None)
    small = bool(re.search(r"\b(small|little|tiny|wee)\b", text))
    if animal:
        plan, kind = animal
        metal = any(w in MACHINES for w in role[:-1])  # "a robot dog": a dog's shape in plates of metal
        fur = COLOURS[colour] if colour else (176, 180, 186) if metal else colour_of(kind)
        return Look(fur, None, plan, kind, size_of(plan, kind) * (0.75 if small else 1.0))
    if machine:
        return Look(COLOURS.get(colour, (176, 180, 186)), None, "machine", scale=0.72 if small else 1.0)
    age = "child" if re.search(CHILD, text) else "old" if re.search(OLD, text) else "adult"
    outfit = next((o for o, words in OUTFITS.items() if re.search(words, text)), "plain")
    defaults = {"armour": (176, 180, 186), "spacesuit": (236, 236, 232), "apron": (236, 234, 226)}
    clothes = COLOURS[colour] if colour else defaults.get(outfit, _seeded(figure.name + "coat", (
        (90, 96, 120), (120, 70, 60), (70, 110, 90), (130, 110, 70), (96, 76, 120))))  # fmt: skip
    said_hair = next((c for k, c in HAIR.items() if k in text), None)
    hair = said_hair or ((200, 200, 204) if age == "old" else _seeded(figure.name, HAIRS))
    female = bool(re.search(FEMALE, text))
    style = "bald" if said_hair == (0, 0, 0) or "bald" in text else (
        "bun" if female and age == "old" else "long" if female or "long hair" in text else "short")  # fmt: skip
    build = 1.25 if re.search(BROAD, text) else 0.85 if re.search(SLIM, text) else 1.0
    scale = {"child": 0.62, "old": 0.95}.get(age, 1.0) * (0.85 if small and age != "child" else 1.0)
    scale *= 1.06 if re.search(r"\btall\b", text) else 1.0
    return Look(
        clothes,
        None if style == "bald" else hair,
        age=age,
        scale=scale,
        build=build,
        hair_style=style,
        outfit=outfit,
        hat=next((h for h, words in HATS.items() if re.search(words, text)), ""),
        beard=bool(re.search(r"\bbeard(ed)?\b", text)),
        skin=_seeded(figure.name + "skin", SKINS),
    )
