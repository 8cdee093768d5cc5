"""What the panel shows, read from the shot prompt: the setting, the time of day and the weather."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tools.images.base import FrameRequest


def _first(text: str, table: dict[str, tuple[str, ...]], default: str, last: bool = False) -> str:
    """The key whose word appears earliest in the text ("inside the lighthouse" is an interior), or latest
    with `last` (weather: "a long winter came, ... in a storm" is the storm the Director just asked for)."""
    best, where = default, -1 if last else len(text) + 1
    for key, words in table.items():
        for word in words:
            found = [m.start() for m in re.finditer(rf"\b{word}(?![\w]*-)", text)]  # "snow-white" is no snow
            if not found:
                continue
            at = found[-1] if last else found[0]
            if (at > where) if last else (at < where):
                best, where = key, at
    return best


SETTINGS: dict[str, tuple[str, ...]] = {
    "space": ("space", "planet", "orbit", "spaceship", "starship", "galaxy", "asteroid", "nebula", "cosmos"),
    "interior": (
        "inside",
        "interior",
        "room",
        "kitchen",
        "workshop",
        "library",
        "office",
        "bedroom",
        "hall",
        "cabin",
        "lab",
        "laboratory",
        "cafe",
        "café",
        "attic",
        "studio",
        "classroom",
        "indoors",
    ),
    "sea": (
        "sea",
        "ocean",
        "harbo",
        "beach",
        "coast",
        "shore",
        "lighthouse",
        "island",
        "wave",
        "bay",
        "boat",
        "ship",
        "pier",
        "dock",
        "cliff",
    ),
    "city": ("city", "street", "town", "alley", "rooftop", "market", "skyline", "building", "downtown"),
    "forest": ("forest", "wood", "jungle", "trees", "grove", "thicket"),
    "mountains": ("mountain", "peak", "summit", "valley", "glacier", "ridge", "hills"),
    "desert": ("desert", "dune", "sand", "canyon", "oasis"),
    "fields": ("meadow", "field", "countryside", "farm", "garden", "park", "village"),
}
TIMES: dict[str, tuple[str, ...]] = {
    "night": ("night", "midnight", "moon", "starlit", "dark"),
    "dawn": ("dawn", "sunrise", "morning", "daybreak"),
    "dusk": ("dusk", "sunset", "evening", "twilight", "golden hour"),
    "day": ("noon", "daylight", "midday", "afternoon", "day"),
}
WEATHER: dict[str, tuple[str, ...]] = {
    "storm": ("storm", "thunder", "lightning", "tempest", "gale"),
    "rain": ("rain", "drizzle", "downpour", "shower"),
    "snow": ("snow", "blizzard", "winter", "frost"),
    "fog": ("fog", "mist", "haze", "smoke"),
    "clear": (),
}


@dataclass
class Scene:
    """What the panel shows, read from the prompt."""

    setting: str
    time: str
    weather: str
    text: str


def read_prompt(request: FrameRequest) -> Scene:
    text = f"{request.prompt} {request.mood}".lower()
    setting = _first(text, SETTINGS, "fields")
    time = "space" if setting == "space" else _first(text, TIMES, "day")
    weather = _first(text, WEATHER, "clear", last=True)
    return Scene(setting, time, weather, text)
