"""Who is in an idea: the offline Screenwriter's cast.

Each noun phrase of the idea whose head word is a being ("a lighthouse keeper", "a lost robot", "a talking
fish") becomes a character with a name and one fixed look; objects and places ("a dragon egg", "the stars")
do not. Everything is chosen deterministically from the idea, so the same idea always gives the same cast."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass

from domain import Character
from tools.images.animatic.animals import ANIMALS as DRAWN_ANIMALS

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
          "granddaughter", "niece", "ballerina", "policewoman",
          "sister", "daughter", "wife", "lady", "aunt", "widow", "nun", "actress", "waitress", "heroine",
          "bride", "mermaid", "duchess", "empress", "goddess", "sorceress", "schoolgirl"}  # fmt: skip
MALE = {"boy", "man", "king", "prince", "father", "dad", "grandfather", "grandpa", "brother", "son", "husband",
        "grandson", "nephew",
        "uncle", "monk", "wizard", "duke", "emperor", "god", "sorcerer", "schoolboy", "groom"}  # fmt: skip
PEOPLE = {"child", "kid", "person", "friend", "stranger", "knight", "pilot", "chef", "cook", "nurse", "doctor",
          "scientist", "artist", "student", "teacher", "detective", "thief", "pirate", "soldier", "sailor",
          "astronaut", "captain", "farmer", "keeper", "baker", "painter", "poet", "musician", "inventor",
          "explorer", "traveller", "traveler", "orphan", "hero", "spy", "elf", "dwarf", "giant", "ranger",
          "shepherd", "guard", "hunter", "clown", "dancer", "singer", "writer", "gardener", "miner", "mechanic",
          "engineer", "librarian", "courier", "postman", "fisherman", "villager", "neighbour", "neighbor",
          "twin", "twins", "family", "couple", "teenager", "grandparent", "parent", "witch", "wizard", "founder",
          "entrepreneur", "programmer", "coder", "developer", "designer", "worker", "boss", "ceo", "owner", "driver",
          "mayor", "president", "king", "athlete", "runner", "player", "coach", "climber", "surfer", "diver", "skater",
          "photographer", "journalist", "reporter", "actor", "magician", "juggler", "acrobat", "violinist", "pianist",
          "drummer", "composer", "architect", "carpenter", "blacksmith", "tailor", "potter", "weaver", "monk",
          "priest", "samurai", "ninja", "viking", "cowboy", "sheriff", "outlaw", "prisoner", "refugee", "immigrant",
          "tourist", "hiker", "camper", "volunteer", "firefighter", "paramedic", "surgeon", "vet", "pharmacist",
          "barista", "waiter", "shopkeeper", "grocer", "butcher", "florist", "beekeeper", "rancher", "lumberjack",
          "archaeologist", "historian", "astronomer", "biologist", "chemist", "physicist", "mathematician", "genius",
          "rookie", "veteran", "champion", "rival", "girlfriend", "boyfriend", "classmate", "roommate",
          "colleague", "partner", "janitor", "apprentice", "pupil", "assistant", "guest", "visitor", "helper",
          "companion", "ally", "mentor", "master", "servant", "squire", "healer", "storyteller"}  # fmt: skip
MACHINES = {"robot", "android", "droid", "machine", "automaton", "drone", "cyborg", "mech", "ai", "rover"}
ANIMALS = set(DRAWN_ANIMALS)  # the animals the animatic can draw
CREATURES = {"alien", "ghost", "monster", "troll", "goblin", "spirit", "vampire", "fairy", "sprite", "yeti",
             "golem", "phantom", "creature", "beast"}  # fmt: skip
OLD = {"old", "elderly", "aged", "ancient", "retired", "grandmother", "grandfather", "grandma", "grandpa", "widow"}
YOUNG = {"young", "little", "girl", "boy", "child", "kid", "teenager", "schoolgirl", "schoolboy", "orphan", "grandson",
         "granddaughter", "son", "daughter", "niece", "nephew",
         "student", "puppy", "kitten", "lamb", "prince", "princess"}  # fmt: skip

COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "twin": 2, "twins": 2, "both": 2, "a pair of": 2}
NOUN_PHRASE = re.compile(  # a lookahead, so "a girl and her dog" yields "girl and her" and then "dog"
    r"(?=\b(a|an|the|one|two|three|four|five|twin|a pair of|her|his|their|its|my|our)\s+"
    r"([a-z-]+(?:\s+[a-z-]+)?(?:\s+[a-z-]+)?))",
    re.I,
)
MOST_OF_ONE_ROLE = 4  # "five brothers": four are drawn; a film of more faces can't tell them apart
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
    count: int = 1  # "three sisters": 3 characters of one role


def singular(word: str) -> str:
    """The singular of a noun ("sisters" -> "sister", "foxes" -> "fox"), by lemminflect's lexicon."""
    from lemminflect import getLemma

    if not word.endswith("s") or word.endswith("ss"):
        return word
    lemma = getLemma(word, upos="NOUN")
    return lemma[0] if lemma else word


def kind_of(word: str) -> str | None:
    word = singular(word) if word not in MACHINES | ANIMALS | CREATURES | FEMALE | MALE | PEOPLE else word
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
    """Up to three roles named in the idea, in order, each with how many beings it names ("three sisters",
    "twin brothers", "bees"). A phrase is cut at its head word: "a keeper who finds" is a keeper, "a dragon
    egg" is an egg (so not a being), "a lost robot" is a robot and "a robot dog" a machine."""
    found: list[Role] = []
    text = LEAD_IN.sub("", idea.strip())
    bare = [(m.start(), "", m.group(1)) for m in re.finditer(r"(?:^|(?<=\s))([a-z-]+s)\b", text, re.I)
            if kind_of(m.group(1).lower()) and not _held(text[: m.start()])]  # fmt: skip
    phrases = [(m.start(), m.group(1), m.group(2)) for m in NOUN_PHRASE.finditer(text)]
    for _, opener, phrase in sorted(phrases + bare):
        opener = opener.lower()
        words = phrase.lower().split()
        # A phrase ends where a joining word or a verb begins; a verb that names a being too ("a night guard",
        # "a cook") is the being.
        ends = [k for k, w in enumerate(words) if k and (w in JOINING | ADVERBS or (is_verb(w) and not kind_of(w)))]
        cut = ends[0] if ends else len(words)
        words = words[:cut]  # "a farm from foxes" is a farm; the foxes start their own phrase
        for end in range(len(words), 0, -1):  # the longest run of words that ends in a being
            head = words[end - 1]
            kind = kind_of(head)
            plural = head != singular(head) and kind is not None
            if end >= 2 and plural and kind_of(words[end - 2]) and singular(words[end - 2]) == words[end - 2]:
                continue  # "a robot dog guards": after a singular being, "guards" is its verb
            if kind and not (end < len(words) and kind_of(words[end]) is None and _noun_follows(words, end, plural)):
                phrase = " ".join(words[:end])
                if any(w in MACHINES for w in words[: end - 1]):
                    kind = "machine"  # "a robot dog", "a robot chef"
                if kind == "person":  # "a detective and her dog": the possessive says who the detective is
                    after = re.match(r"\s+and\s+(her|his)\b", text[m_end(text, phrase) :], re.I)
                    kind = {"her": "woman", "his": "man"}[after.group(1).lower()] if after else kind
                count = COUNTS.get(opener, 2 if plural else 1)
                if any(singular(r.phrase) == singular(phrase) or r.phrase.endswith(" " + phrase) for r in found):
                    break
                if found and found[-1].phrase.endswith(phrase):
                    break
                found.append(Role(phrase, kind, min(count, MOST_OF_ONE_ROLE)))
                break
    return _distinct(found)[:3]


ADVERBS = {"never", "always", "often", "sometimes", "still", "finally", "suddenly", "secretly", "only", "just",
           "once", "again", "also", "soon", "every", "each", "together", "forever", "today", "tonight"}  # fmt: skip


def is_verb(word: str) -> bool:
    """A verb an idea is told with, in its plain or third-person form ("find", "forgets", "waits"), the
    forms by lemminflect's lexicon."""
    from lemminflect import getLemma

    return word in VERBS or any(lemma in VERBS for lemma in getLemma(word, upos="VERB") if lemma != word)


def m_end(text: str, phrase: str) -> int:
    """Where the phrase ends in the text (0 when it is not there as written)."""
    at = text.lower().find(phrase.lower())
    return at + len(phrase) if at >= 0 else 0


def _held(before: str) -> bool:
    """Whether a bare noun belongs to a phrase opened just before it ("two | astronauts", "a lost | robots")."""
    for word in reversed(before.lower().split()[-3:]):
        if word in JOINING:
            return False
        if word in ARTICLES | set(COUNTS) | {"one", "two"}:
            return True
    return False


def _distinct(roles: list[Role]) -> list[Role]:
    """Roles without those a longer one already holds ("robot dog" holds "dog")."""
    return [r for r in roles if not any(o is not r and o.phrase.endswith(" " + r.phrase) for o in roles)]


VERBS = {"find", "meet", "go", "make", "take", "see", "get", "become", "run", "come", "leave", "keep", "build", "lose",
         "search", "discover", "explore", "travel", "visit", "help", "save", "open", "play", "learn", "start", "try",
         "want", "need", "live", "work", "walk", "climb", "wander", "escape", "follow", "chase", "rescue", "fly",
         "protect", "decide", "dream", "plan", "return", "sail", "swim", "hunt", "share", "fight", "befriend",
         "are", "were", "have", "had", "must", "can", "could", "will", "would", "set", "win", "catch", "bake",
         "cook", "paint", "sing", "dance", "write", "read", "grow", "plant", "fix", "repair", "invent", "race", "ride",
         "draw", "dig", "sew", "knit", "teach", "tell", "hide", "watch", "wait", "cross", "carry", "guard", "bring",
         "raise", "feed", "sell", "buy", "steal", "solve", "train", "care", "look", "stay", "move", "turn",
         "give", "send", "throw", "clean", "wake", "sleep", "laugh", "cry", "love", "forget", "fall", "enter",
         "join", "remember", "argue", "hatch", "haunt", "land", "defend", "reunite", "wish"}  # fmt: skip
ARTICLES = {"a", "an", "the", "her", "his", "their", "its", "my", "our", "to", "out", "off", "up", "away"}
JOINING = {"who", "that", "and", "or", "with", "in", "on", "at", "from", "of", "to", "by", "for", "near", "under"}


def _noun_follows(words: list[str], end: int, plural: bool = False) -> bool:
    """ "dragon egg": the being word is only a modifier when a plain noun comes right after it, not a verb
    ("a dog finds", "her dog find a door", "two chefs compete") or a joining word ("a fox in the snow"). After
    a plural a verb is in its base form, so any word lemminflect knows as a verb is one."""
    from lemminflect import getAllLemmas

    following, after = words[end], words[end + 1] if end + 1 < len(words) else ""
    if following in JOINING or following in ("is", "was") or (following.endswith("s") and not plural):
        return False
    if plural and "VERB" in getAllLemmas(following):
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
    phrase = role.phrase
    if role.kind == "woman" and kind_of(phrase.split()[-1]) == "person":  # "her" said so: "a woman detective"
        phrase = (
            f"woman {phrase}"
            if len(phrase.split()) == 1
            else phrase.replace(phrase.split()[-1], "woman " + phrase.split()[-1])
        )
    return f"{an(phrase)} with {', '.join(looks[:-1])} and {looks[-1]}"


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
    """A character for each being in the idea (three for "three sisters"), named and given one fixed look;
    a curious traveller when the idea names none."""
    people: list[Character] = []
    used: set[str] = set()
    for i, role in enumerate(roles_in(idea)):
        names, look = LOOKS[role.kind]
        one = Role(" ".join([*role.phrase.split()[:-1], singular(role.phrase.split()[-1])]), role.kind)
        group: set[str] = set()
        for k in range(role.count):
            salt = f"{i}:{k}" if k else str(i)
            name = next(n for n in (pick(names, idea, f"{salt}:{j}") for j in range(60)) if n not in used)
            used.add(name)
            # Two kids of one role are still two people: each gets a look of their own.
            looks = (look(one, name, idea + (salt + f"#{j}" if j else salt * bool(k))) for j in range(24))
            description = next((d for d in looks if d not in group), look(one, name, idea + salt))
            group.add(description)
            people.append(Character(name=name, description=description))
    return people or [Character(name="Ada", description=f"a curious traveller with dark hair and a {COATS[1]}")]


def roles_of(idea: str) -> list[tuple[Role, list[Character]]]:
    """Each role of the idea with the characters cast in it, in order."""
    cast, out, at = cast_of(idea), [], 0
    for role in roles_in(idea):
        out.append((role, cast[at : at + role.count]))
        at += role.count
    return out
