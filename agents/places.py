"""Where a story happens: the place its idea names ("a bakery in Lisbon", "on Mars", "an aquarium"), else the
place its cast belongs to (a whale's ocean, a knight's castle, an astronaut's station), else one its story type
suits. A place is a noun phrase the story can say ("the bakery in Lisbon") and a preposition a shot can put
people in it with ("in the bakery in Lisbon", "on Mars", "under the sea"). Every phrase is one the animatic
draws as its own setting."""

from __future__ import annotations

import re
from collections.abc import Mapping

# A place word -> how a story names it, and how a shot puts people there.
PLACES: dict[str, tuple[str, str]] = {
    "lighthouse": ("the old lighthouse", "by"), "harbour": ("the harbour", "by"), "harbor": ("the harbour", "by"),
    "beach": ("the beach", "on"), "coast": ("the coast", "on"), "island": ("the island", "on"),
    "sea": ("the sea", "by"), "ocean": ("the ocean", "by"), "ship": ("the ship", "on"), "boat": ("the boat", "on"),
    "underwater": ("the deep sea", "in"), "seabed": ("the sea floor", "on"), "reef": ("the coral reef", "on"),
    "coral": ("the coral reef", "on"), "aquarium": ("the aquarium", "in"), "kitchen": ("the kitchen", "in"),
    "bakery": ("the bakery", "in"), "restaurant": ("the restaurant kitchen", "in"), "cafe": ("the cafe", "in"),
    "café": ("the café", "in"), "station": ("the train station", "at"), "train": ("the train station", "at"),
    "railway": ("the railway station", "at"), "school": ("the school", "at"), "classroom": ("the classroom", "in"),
    "library": ("the library", "in"), "bookshop": ("the bookshop", "in"), "market": ("the market", "at"),
    "bazaar": ("the bazaar", "at"), "castle": ("the castle", "at"), "palace": ("the palace", "at"),
    "kingdom": ("the castle", "at"), "mars": ("Mars", "on"), "martian": ("Mars", "on"),
    "moon": ("the surface of the moon", "on"), "space": ("the space station", "on"),
    "spaceship": ("the spaceship", "on"), "rocket": ("the space station", "on"), "planet": ("the red planet", "on"),
    "orbit": ("the space station", "on"), "arctic": ("the arctic ice", "on"), "antarctic": ("the antarctic ice", "on"),
    "iceberg": ("the arctic ice", "on"), "forest": ("the great forest", "in"), "wood": ("the woods", "in"),
    "woods": ("the woods", "in"), "jungle": ("the jungle", "in"), "mountain": ("the high mountains", "in"),
    "valley": ("the valley", "in"), "desert": ("the desert", "in"), "city": ("the city", "in"),
    "town": ("the town", "in"), "street": ("the city streets", "in"), "village": ("the village", "in"),
    "farm": ("the farm", "on"), "garden": ("the garden", "in"), "meadow": ("the meadow", "in"),
    "park": ("the park", "in"), "workshop": ("the workshop", "in"), "lab": ("the laboratory", "in"),
    "laboratory": ("the laboratory", "in"), "office": ("the office", "in"), "museum": ("the museum", "in"),
    "startup": ("a city office", "in"), "studio": ("the studio", "in"), "attic": ("the attic", "in"),
}  # fmt: skip
# A being of the cast -> the place it belongs to, when the idea names none.
HOMES: dict[str, str] = {
    "whale": "underwater", "dolphin": "ocean", "shark": "underwater", "fishing": "harbour", "fish": "underwater",
    "octopus": "reef",
    "turtle": "reef", "mermaid": "underwater", "jellyfish": "underwater", "seal": "coast", "penguin": "arctic",
    "astronaut": "space", "alien": "space", "cosmonaut": "space", "camel": "desert", "knight": "castle",
    "king": "castle", "queen": "castle", "prince": "castle", "princess": "castle", "dragon": "castle",
    "baker": "bakery", "chef": "kitchen", "cook": "kitchen", "teacher": "school", "pupil": "school",
    "librarian": "library", "farmer": "farm", "cow": "farm", "sheep": "farm", "pig": "farm", "horse": "farm",
    "fisherman": "harbour", "sailor": "harbour", "pirate": "ship", "captain": "ship", "keeper": "lighthouse",
    "inventor": "workshop", "scientist": "laboratory", "robot": "workshop", "bee": "meadow",
    "butterfly": "meadow", "fox": "forest", "owl": "forest", "deer": "forest", "bear": "forest", "wolf": "forest",
    "squirrel": "forest", "lion": "desert", "giraffe": "desert", "elephant": "jungle", "monkey": "jungle",
    "tiger": "jungle", "programmer": "startup", "founder": "startup", "detective": "city", "painter": "studio",
    "beekeeper": "meadow", "bake": "kitchen", "bread": "bakery", "cake": "kitchen", "soup": "kitchen", "sail": "sea",
}  # fmt: skip
BY_TYPE = {"adventure": "valley", "romance": "city", "mystery": "town", "sci-fi": "space", "fairy-tale": "forest",
           "documentary": "city"}  # fmt: skip
NAMED = re.compile(r"\b(?:in|at|to|from|near)\s+((?:[A-Z][a-z'-]+)(?:\s+[A-Z][a-z'-]+)?)")  # "in Lisbon"
NOT_PLACES = {"I", "The", "A", "An", "One", "Once", "Christmas", "Monday", "Sunday", "Spring", "Summer"}


BENEFIT = re.compile(r"\bfor (?:the |a |an |their |his |her )?(?:whole |entire |little |local )?$", re.I)


def _first_word(text: str, table: Mapping[str, object]) -> str | None:
    """The key of the table named earliest in the text, as a whole word (or its plural); a place the action is
    for ("bake bread for the whole village") is not where it happens."""
    found = [(m.start(), m.group(1).lower()) for m in
             re.finditer(rf"\b({'|'.join(map(re.escape, table))})(?:s|es)?\b", text, re.I)
             if not BENEFIT.search(text[: m.start()])]  # fmt: skip
    return min(found)[1] if found else None


def place_of(idea: str, story_type: str = "adventure") -> str:
    """The place the story happens in, as the story names it: "the bakery in Lisbon", "Mars", "the ocean"."""
    word = _first_word(idea, PLACES) or _first_word(idea, HOMES)
    key = word if word in PLACES else HOMES.get(word or "", "") or BY_TYPE.get(story_type, "valley")
    phrase = PLACES[key][0]
    town = next((m.group(1) for m in NAMED.finditer(idea) if m.group(1).split()[0] not in NOT_PLACES), None)
    if town and town.lower() not in phrase.lower() and key not in ("mars", "martian", "moon", "space"):
        if not word or word not in PLACES:  # a city and no place in it: its streets
            return f"the streets of {town}"
        return f"{phrase} in {town}"
    return phrase


def at(place: str) -> str:
    """The place with the preposition that puts someone there: "in the bakery in Lisbon", "on Mars"."""
    head = place.split(" in ")[0]
    for phrase, preposition in PLACES.values():
        if phrase == head:
            return f"{preposition} {place}"
    return f"{'in' if place.startswith(('the streets', 'the city')) else 'at'} {place}"
