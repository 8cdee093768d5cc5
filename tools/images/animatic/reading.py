"""What the panel shows, read from the shot prompt: the setting, the time of day and the weather.

Only the scene is read: the characters' names and fixed looks are taken out first ("Dune", "a yellow
raincoat", "dark hair" set no desert, rain or night), and so are similes ("eyes like a winter frost" is no snow)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tools.images.base import FrameRequest

# Each setting's words, as regular-expression stems; a word may take a plural ("dunes", "benches").
SETTINGS: dict[str, tuple[str, ...]] = {
    "space": ("space", "outer space", "orbit", "spaceship", "starship", "galaxy", "galaxies", "asteroid", "nebula",
              "cosmos", "space station", "spacecraft", "satellite", "zero gravity"),
    "mars": ("mars", "martian", "red planet", "red desert", "crater", "lunar", "moon base", "moon's surface",
             "surface of the moon", "alien planet", "on the moon"),
    "underwater": ("underwater", "under the sea", "under the water", "under the ocean", "undersea", "seabed",
                   "sea floor", "seafloor", "ocean floor", "sea bed", "deep sea", "depths", "beneath the waves",
                   "submarine", "shipwreck", "sunken", "kelp"),
    "reef": ("reef", "coral", "lagoon"),
    "aquarium": ("aquarium", "fish tank", "oceanarium"),
    "polar": ("arctic", "antarctic", "antarctica", "iceberg", "ice floe", "ice sheet", "tundra", "north pole",
              "south pole", "igloo", "frozen sea", "polar"),
    "kitchen": ("kitchen", "bakery", "bakehouse", "stove", "oven", "pantry"),
    "station": ("train station", "railway station", "station platform", "platform", "railway", "train platform",
                "on the train", "subway", "metro", "tram", "station"),
    "school": ("school", "classroom", "blackboard", "chalkboard", "schoolroom", "teacher's desk"),
    "library": ("library", "libraries", "bookshop", "bookstore", "bookshelf", "bookshelves", "archive", "reading room"),
    "market": ("market", "marketplace", "bazaar", "stall", "souk"),
    "castle": ("castle", "palace", "fortress", "citadel", "throne", "kingdom", "battlement", "moat"),
    "interior": ("inside", "interior", "indoors", "room", "workshop", "office", "bedroom", "hall", "cabin", "lab",
                 "laboratory", "cafe", "café", "attic", "studio", "shop", "museum"),
    "sea": ("sea", "ocean", "harbour", "harbor", "beach", "coast", "shore", "lighthouse", "island", "wave", "bay",
            "boat", "ship", "pier", "dock", "cliff", "sail"),
    "city": ("city", "cities", "street", "town", "alley", "rooftop", "skyline", "building", "downtown",
             "startup", "neighbourhood", "neighborhood"),
    "forest": ("forest", "wood", "jungle", "trees", "grove", "thicket"),
    "mountains": ("mountain", "peak", "summit", "valley", "glacier", "ridge", "hills", "cave"),
    "desert": ("desert", "dune", "sand", "canyon", "oasis", "sahara"),
    "fields": ("meadow", "field", "countryside", "farm", "garden", "park", "village", "orchard", "pasture"),
}  # fmt: skip
TIMES: dict[str, tuple[str, ...]] = {
    "night": ("night", "midnight", "moon", "moonlight", "starlit", "dark", "nightfall"),
    "dawn": ("dawn", "sunrise", "morning", "daybreak", "first light"),
    "dusk": ("dusk", "sunset", "evening", "twilight", "golden hour", "sundown"),
    "day": ("noon", "daylight", "midday", "afternoon", "day", "sunny", "sunshine"),
}
WEATHER: dict[str, tuple[str, ...]] = {
    "storm": ("storm", "stormy", "thunder", "thunderstorm", "lightning", "tempest", "gale", "hurricane"),
    "rain": ("rain", "rainy", "raining", "rained", "rainfall", "drizzle", "drizzling", "downpour", "pouring"),
    "snow": ("snow", "snowy", "snowing", "snowfall", "snowflake", "blizzard", "winter"),
    "fog": ("fog", "foggy", "mist", "misty", "haze", "hazy"),
    "clear": (),
}
INDOORS = ("kitchen", "station", "school", "library", "interior", "aquarium")  # weather is what a window shows
WATERS = ("underwater", "reef", "aquarium")  # the frame is under water: no sky, no weather
BROAD = ("interior", "city", "fields")  # a room, a town, the country: what a named place within them overrides
PLACES_WITHIN = ("kitchen", "station", "school", "library", "market", "castle", "aquarium")

SIMILE = re.compile(  # "like a winter frost", "as if a storm had passed", "as cold as snow", "dreamlike"
    r"\b(?:like|as if|as though)\b(?: (?:a|an|the|some))? [\w'-]+(?: [\w'-]+)?"
    r"|\bas \w+ as [\w' -]+?(?=[,.;]|$)|\w+-like\b"
)


def _found(word: str, text: str) -> list[int]:
    """Where a word (or its plural) stands whole in the text; "snow-white" and "raincoat" are no weather."""
    return [m.start() for m in re.finditer(rf"\b{word}(?:s|es)?\b(?!-)", text)]


def first_of(text: str, table: dict[str, tuple[str, ...]], default: str, last: bool = False) -> str:
    """The key whose word appears earliest in the text ("inside the lighthouse" is an interior), or latest
    with `last` (weather: "a long winter came, ... in a storm" is the storm the Director just asked for).
    At the same place the longer phrase wins ("space station" is space, not a train station)."""
    best, where, length = default, -1 if last else len(text) + 1, 0
    for key, words in table.items():
        for word in words:
            found = _found(word, text)
            if not found:
                continue
            at = found[-1] if last else found[0]
            if ((at > where) if last else (at < where)) or (at == where and len(word) > length):
                best, where, length = key, at, len(word)
    return best


@dataclass
class Scene:
    """What the panel shows, read from the prompt."""

    setting: str
    time: str
    weather: str
    text: str

    @property
    def under_water(self) -> bool:
        return self.setting in WATERS


def scene_text(request: FrameRequest) -> str:
    """The prompt without the cast's names and looks, and without similes: what the scene itself says."""
    text = f"{request.prompt} {request.mood}"
    for figure in request.figures:
        for part in (figure.description, figure.name):
            if part:
                text = re.sub(re.escape(part), " ", text, flags=re.IGNORECASE)
    return SIMILE.sub(" ", text.lower())


def read_prompt(request: FrameRequest) -> Scene:
    text = scene_text(request)
    setting = first_of(text, SETTINGS, "fields")
    if setting in BROAD:  # "inside the kitchen", "the city aquarium": the place named, over a plain room or town
        setting = first_of(text, {k: SETTINGS[k] for k in PLACES_WITHIN}, setting)
    time = "space" if setting == "space" else first_of(text, TIMES, "day")
    weather = "clear" if setting in WATERS or setting == "space" else first_of(text, WEATHER, "clear", last=True)
    return Scene(setting, time, weather, text)
