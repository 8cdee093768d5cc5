"""What a scene's visual says, slot by slot: where it happens, the time of day, the weather. The Director
rewrites a slot in place ("at the beach" replaces "by the lighthouse") instead of appending a request's words,
so the visual stays a description of a picture and the frame changes as asked.

The offline Director writes visuals as "WHO PLACE TIME: what happens"; a slot is rewritten in that head. A
visual written by a person or a model has no head, and the slot's phrase goes at its front (the animatic reads
the first place it meets)."""

from __future__ import annotations

import re

TIMES: dict[str, tuple[str, ...]] = {  # how a visual says a time of day -> the words people ask for it with
    "at dawn": ("dawn", "sunrise", "daybreak", "first light"),
    "in the morning": ("morning",),
    "at midday": ("midday", "noon", "daytime", "day time", "broad daylight", "daylight", "during the day"),
    "in the afternoon": ("afternoon",),
    "at dusk": ("dusk", "sunset", "evening", "twilight", "golden hour"),
    "at night": ("night", "midnight", "nighttime", "night time", "after dark"),
}
WEATHERS: dict[str, tuple[str, ...]] = {
    "in a storm": ("storm", "stormy", "thunder", "lightning", "thunderstorm", "tempest"),
    "in the rain": ("rain", "rainy", "raining", "drizzle", "downpour", "wet"),
    "in the snow": ("snow", "snowy", "snowing", "blizzard", "snowfall"),
    "in thick fog": ("fog", "foggy", "mist", "misty", "haze", "hazy"),
    "under a clear sky": ("clear sky", "sunny", "sunshine", "clear weather", "fine weather", "blue sky"),
}
_TIME_PHRASES = sorted({*TIMES, "at sunset", "at sunrise", "at noon", "in the evening", "at midnight"}, key=len)
_WEATHER_PHRASES = ("in a storm", "in the rain", "in fog", "in the fog", "in thick fog", "in the snow", "in mist",
                    "in a blizzard", "under a clear sky", "in the sunshine")  # fmt: skip
PLACE_WORDS = (  # nouns that name where a scene happens (the animatic's settings, and the common rest)
    "beach", "sea", "ocean", "coast", "shore", "harbour", "harbor", "island", "lighthouse", "pier", "dock", "cliff",
    "boat", "ship", "reef", "underwater", "aquarium", "lake", "river", "city", "street", "town", "market", "alley",
    "rooftop", "square", "station", "forest", "wood", "woods", "jungle", "grove", "mountain", "mountains", "peak",
    "valley", "glacier", "hills", "desert", "dunes", "canyon", "oasis", "space", "planet", "moon", "mars", "orbit",
    "meadow", "field", "fields", "countryside", "farm", "garden", "park", "village", "kitchen", "room", "library",
    "office", "bedroom", "hall", "cabin", "lab", "laboratory", "cafe", "café", "attic", "studio", "classroom",
    "school", "castle", "palace", "cave", "bakery", "shop", "museum", "church", "tower", "house", "home",
    "workshop", "garage", "train", "bridge", "swamp", "arctic", "snowfield", "tundra", "volcano", "stage",
    "theatre", "theater", "hospital", "prison", "temple", "ruins", "camp", "tent", "restaurant", "bar", "airport",
)  # fmt: skip
PREPOSITIONS = r"(?:in|on|at|by|inside|near|under|beside|outside|into|onto|across|through|over|beneath|within)"
_FILLER = rf"(?:(?!(?:{PREPOSITIONS}|the|a|an|and|or|with)\b)[\w'-]+\s+)"  # "busy", "train" in "a busy train station"
_PLACE_PHRASE = re.compile(
    rf"\b{PREPOSITIONS}\s+(?:the|a|an|some|his|her|their|its)?\s*{_FILLER}{{0,3}}"
    rf"(?:{'|'.join(PLACE_WORDS)})s?\b(?:\s+of\s+[A-Z][\w'-]+)?|\b(?:underwater|under water|indoors|outdoors)\b",
    re.I,
)


def head_and_tail(visual: str) -> tuple[str, str]:
    """("Mara by the sea at dusk", "she waits") for "Mara by the sea at dusk: she waits"; ("", visual) when
    the visual has no such head."""
    head, colon, tail = visual.partition(": ")
    if colon and len(head) <= 160 and "." not in head:
        return head, tail
    return "", visual


def _join(head: str, tail: str) -> str:
    head, tail = re.sub(r"\s+", " ", head).strip(" ,"), re.sub(r"\s+", " ", tail).strip(" ,")
    if not head:
        return tail
    return f"{head}: {tail}" if tail else head


def _strip(text: str, phrases: tuple[str, ...] | list[str]) -> str:
    for phrase in sorted(phrases, key=len, reverse=True):
        text = re.sub(rf",?\s*\b{re.escape(phrase)}\b", "", text, flags=re.I)
    return text


OPENERS = r"the|a|an|one|some|two|three|his|her|their|its|inside|close|then|she|he|they|it|we|outside|far|on|in|at"
COMMON_OPENERS = set(OPENERS.split("|"))  # a visual's first word that loses its capital behind a new phrase


def _front(phrase: str, visual: str) -> str:
    """PHRASE at the front of a head-less visual: "At night, Cog climbs the stairs"."""
    rest = visual.strip(" ,")
    if rest.split(" ", 1)[0].lower() in COMMON_OPENERS:  # "The boat drifts" -> "at night, the boat drifts"
        rest = rest[0].lower() + rest[1:]  # ("Cog climbs" keeps its capital)
    return f"{phrase[0].upper()}{phrase[1:]}, {rest}" if rest else phrase


def set_place(visual: str, place: str) -> str:
    """The visual with its place said by PLACE ("on the beach"): the old place phrase goes."""
    head, tail = head_and_tail(visual)
    if head:
        cut = _PLACE_PHRASE.sub("", head)
        times = [p for p in _TIME_PHRASES if re.search(rf"\b{re.escape(p)}\b", cut, re.I)]
        bare = _strip(cut, times).strip(" ,")
        if re.fullmatch(rf"(?:the|a|an)\s+(?:[\w'-]+\s+){{0,2}}?(?:{'|'.join(PLACE_WORDS)})s?", bare, re.I):
            bare = ""  # "the forest at dusk": the place was the subject, and the new place takes its room
        when = " ".join(times[-1:])
        return _join(f"{bare} {place} {when}", tail)
    return _front(place, _PLACE_PHRASE.sub("", visual).replace(" ,", ","))


def set_time(visual: str, time: str) -> str:
    """The visual at TIME ("at night"), its old time of day gone."""
    head, tail = head_and_tail(visual)
    if head:
        return _join(f"{_strip(head, _TIME_PHRASES)} {time}", _strip(tail, _TIME_PHRASES))
    return _front(time, _strip(visual, _TIME_PHRASES))


def set_weather(visual: str, weather: str) -> str:
    """The visual in WEATHER ("in the rain"; "" clears it), its old weather gone. The weather goes last:
    the animatic reads the last weather it meets, so the one asked for wins over a story's words."""
    bare = _strip(visual, _WEATHER_PHRASES).rstrip(" ,.")
    return f"{bare}, {weather}" if weather else bare


def place_of(visual: str) -> str:
    """The place phrase a visual's head (or, without a head, the visual) names; "" if none."""
    head, tail = head_and_tail(visual)
    found = _PLACE_PHRASE.search(head or tail)
    return found.group(0) if found else ""


def time_of(visual: str) -> str:
    """The time phrase (one of TIMES) the visual is set at, or ""."""
    lowered = visual.lower()
    for phrase, words in TIMES.items():
        if phrase in lowered or any(re.search(rf"\b{w}\b", lowered) for w in words):
            return phrase
    return ""


def slot_of(text: str, table: dict[str, tuple[str, ...]]) -> str | None:
    """The key of TABLE whose words TEXT uses ("make it stormy" -> "in a storm")."""
    lowered = text.lower()
    for key, words in table.items():
        if any(re.search(rf"\b{re.escape(w)}\b", lowered) for w in words):
            return key
    return None


def place_in(request: str) -> str | None:
    """The place a request asks for, as the person wrote it ("in a library", "on Mars", "at the beach");
    None when it names none. A place is a prepositional phrase ending in a place noun, or any "in/at/on" +
    article + noun phrase after 'take place', 'be set', 'happen' or 'be'."""
    found = _PLACE_PHRASE.search(request)
    if found:
        return found.group(0).strip()
    found = re.search(
        rf"\b(?:take place|takes place|set|happen|happens|be|is|move(?: it)?|put (?:it|them))\s+"
        rf"((?:{PREPOSITIONS})\s+(?:the|a|an)\s+[\w'-]+(?:\s+[\w'-]+){{0,2}}|(?:in|on|at)\s+[A-Z][\w'-]+)",
        request,
    )
    return found.group(1).strip() if found else None
