"""Who is in an idea: the offline Screenwriter's cast.

Each noun phrase of the idea whose head word is a being ("a lighthouse keeper", "a lost robot", "a talking
fish") becomes a character with a name and one fixed look; objects and places ("a dragon egg", "the stars")
do not. Everything is chosen deterministically from the idea, so the same idea always gives the same cast."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass

from graphs.state import Character
from tools.images.animals import ANIMALS as DRAWN_ANIMALS

FEMALE_NAMES = ("Mara", "Ines", "Ada", "Nora", "Lena", "Wren")
MALE_NAMES = ("Elias", "Tomas", "Jonah", "Felix", "Ravi", "Oskar")
MACHINE_NAMES = ("Bolt", "Pip", "Cog", "Sprocket", "Tink", "Rivet")
CREATURE_NAMES = ("Juniper", "Moss", "Ember", "Clover", "Pepper", "Sage")
COATS = ("navy coat", "red coat", "green jacket", "yellow raincoat", "grey sweater", "blue scarf")
YOUNG_HAIR = ("dark hair", "ginger hair", "blond hair", "black hair", "brown hair")
OLD_HAIR = ("grey hair", "white hair")
METALS = ("copper plates", "silver plates", "rusty steel", "brass panels")
COLOURS = ("ginger", "silver-grey", "black-and-white", "golden", "pure white", "speckled brown")

FEMALE = {"girl", "woman", "queen", "princess", "witch", "mother", "mum", "mom", "grandmother", "grandma",
          "sister", "daughter", "wife", "lady", "aunt", "widow", "nun", "actress", "waitress", "heroine",
          "bride", "mermaid", "duchess", "empress", "goddess", "sorceress", "schoolgirl"}  # fmt: skip
MALE = {"boy", "man", "king", "prince", "father", "dad", "grandfather", "grandpa", "brother", "son", "husband",
        "uncle", "monk", "wizard", "duke", "emperor", "god", "sorcerer", "schoolboy", "groom"}  # fmt: skip
PEOPLE = {"child", "kid", "person", "friend", "stranger", "knight", "pilot", "chef", "cook", "nurse", "doctor",
          "scientist", "artist", "student", "teacher", "detective", "thief", "pirate", "soldier", "sailor",
          "astronaut", "captain", "farmer", "keeper", "baker", "painter", "poet", "musician", "inventor",
          "explorer", "traveller", "traveler", "orphan", "hero", "spy", "elf", "dwarf", "giant", "ranger",
          "shepherd", "guard", "hunter", "clown", "dancer", "singer", "writer", "gardener", "miner", "mechanic",
          "engineer", "librarian", "courier", "postman", "fisherman", "villager", "neighbour", "neighbor",
          "twin", "twins", "family", "couple", "teenager", "grandparent", "parent", "witch", "wizard"}  # fmt: skip
MACHINES = {"robot", "android", "droid", "machine", "automaton", "drone", "cyborg", "mech", "ai"}
ANIMALS = set(DRAWN_ANIMALS)  # the animals the animatic can draw
CREATURES = {"alien", "ghost", "monster", "troll", "goblin", "spirit", "vampire", "fairy", "sprite", "yeti",
             "golem", "phantom", "creature", "beast"}  # fmt: skip
OLD = {"old", "elderly", "aged", "ancient", "retired", "grandmother", "grandfather", "grandma", "grandpa", "widow"}
YOUNG = {"young", "little", "girl", "boy", "child", "kid", "teenager", "schoolgirl", "schoolboy", "orphan",
         "student", "puppy", "kitten", "lamb", "prince", "princess"}  # fmt: skip

NOUN_PHRASE = re.compile(  # a lookahead, so "a girl and her dog" yields "girl and her" and then "dog"
    r"(?=\b(?:a|an|the|one|two|her|his|their|its|my|our)\s+([a-z-]+(?:\s+[a-z-]+)?(?:\s+[a-z-]+)?))", re.I
)
LEAD_IN = re.compile(r"^(?:(?:a|the)\s+(?:story|film|tale|movie|video)\s+(?:about|of)|about|what if)\s+", re.I)


def pick(options: tuple[str, ...], seed: str, salt: str) -> str:
    digest = hashlib.sha256(f"{seed}:{salt}".encode()).digest()
    return options[digest[0] % len(options)]


def an(phrase: str) -> str:
    """The phrase with the article it takes ("an old fisherman")."""
    return ("an " if phrase[:1].lower() in "aeiou" else "a ") + phrase


@dataclass(frozen=True)
class Role:
    """A being named in the idea: the phrase as written, and what kind of being its head word says it is."""

    phrase: str
    kind: str  # a key of LOOKS


def kind_of(word: str) -> str | None:
    if word in MACHINES:
        return "machine"
    if word in ANIMALS:
        return "animal"
    if word in CREATURES:
        return "creature"
    if word in FEMALE or word.endswith("woman"):
        return "woman"
    if word in MALE or word.endswith("man"):
        return "man"
    if word in PEOPLE:
        return "person"
    return None


def roles_in(idea: str) -> list[Role]:
    """Up to three beings named in the idea, in order. A phrase is cut at its head word: "a keeper who
    finds" is a keeper, "a dragon egg" is an egg (so not a being) and "a lost robot" is a robot."""
    found: list[Role] = []
    for match in NOUN_PHRASE.finditer(LEAD_IN.sub("", idea.strip())):
        words = match.group(1).lower().split()
        for end in range(len(words), 0, -1):  # the longest run of words that ends in a being
            kind = kind_of(words[end - 1])
            if kind and not (end < len(words) and kind_of(words[end]) is None and _noun_follows(words, end)):
                phrase = " ".join(words[:end])
                if all(r.phrase != phrase for r in found):
                    found.append(Role(phrase, kind))
                break
    return found[:3]


VERBS = {"find", "meet", "go", "make", "take", "see", "get", "become", "run", "come", "leave", "keep", "build", "lose",
         "search", "discover", "explore", "travel", "visit", "help", "save", "open", "play", "learn", "start", "try",
         "want", "need", "live", "work", "walk", "climb", "wander", "escape", "follow", "chase", "rescue", "fly",
         "protect", "decide", "dream", "plan", "return", "sail", "swim", "hunt", "share", "fight", "befriend",
         "are", "were", "have", "had", "must", "can", "could", "will", "would", "set", "win", "catch"}  # fmt: skip
ARTICLES = {"a", "an", "the", "her", "his", "their", "its", "my", "our", "to", "out", "off", "up", "away"}
JOINING = {"who", "that", "and", "or", "with", "in", "on", "at", "from", "of", "to", "by", "for", "near", "under"}


def _noun_follows(words: list[str], end: int) -> bool:
    """ "dragon egg": the being word is only a modifier when a plain noun comes right after it, not a verb
    ("a dog finds", "her dog find a door") or a joining word ("a fox in the snow")."""
    following, after = words[end], words[end + 1] if end + 1 < len(words) else ""
    if following in JOINING or following in ("is", "was") or following.endswith("s"):
        return False
    return following not in VERBS and after not in ARTICLES


def _human(role: Role, name: str, idea: str) -> str:
    words = set(role.phrase.split())
    hair = pick(OLD_HAIR if words & OLD else YOUNG_HAIR, idea, name)
    looks = [hair]
    if role.kind == "man" and not words & YOUNG and pick(("", "", "beard"), idea, name + ":beard"):
        looks.append(f"a {hair.split()[0]} beard")
    coats = tuple(coat for coat in COATS if coat.split()[0] != hair.split()[0])  # not grey on grey on grey
    looks.append(f"a {pick(coats, idea, name)}")
    return f"{an(role.phrase)} with {', '.join(looks[:-1])} and {looks[-1]}"


def _machine(role: Role, name: str, idea: str) -> str:
    return f"{an(role.phrase)}, small and round-eyed, with {pick(METALS, idea, name)}"


def _animal(role: Role, name: str, idea: str) -> str:
    return f"{an(role.phrase)}, {pick(COLOURS, idea, name)} all over, with bright eyes"


def _creature(role: Role, name: str, idea: str) -> str:
    return f"{an(role.phrase)}, tall and pale, with {pick(COLOURS, idea, name)} markings"


LOOKS: dict[str, tuple[tuple[str, ...], Callable[[Role, str, str], str]]] = {  # kind -> (names, look)
    "woman": (FEMALE_NAMES, _human),
    "man": (MALE_NAMES, _human),
    "person": (FEMALE_NAMES + MALE_NAMES, _human),
    "machine": (MACHINE_NAMES, _machine),
    "animal": (CREATURE_NAMES, _animal),
    "creature": (CREATURE_NAMES, _creature),
}


def cast_of(idea: str) -> list[Character]:
    """A character for each being in the idea, named and given one fixed look; a curious traveller when the
    idea names none."""
    people: list[Character] = []
    used: set[str] = set()
    for i, role in enumerate(roles_in(idea)):
        names, look = LOOKS[role.kind]
        name = next(n for n in (pick(names, idea, f"{i}:{k}") for k in range(60)) if n not in used)
        used.add(name)
        people.append(Character(name=name, description=look(role, name, idea)))
    return people or [Character(name="Ada", description=f"a curious traveller with dark hair and a {COATS[1]}")]
