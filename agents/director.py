"""The Director: a story becomes a storyboard; a person's message becomes typed edits, each applied and undoable.

Offline the Director is rule-based: sentence-aware scene splitting, a shot grammar, and a parser for edit
requests ("make scene 3 happen at night in a storm", "swap scenes 2 and 4", "move the last scene to the start")."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from typing import Any, Literal

from pydantic import BaseModel, Field

from agents import places, visuals
from agents.cinematographer import characters_in
from domain import ASPECT_RATIOS, CAMERA_MOVES, SHOT_TYPES, STORY_TYPES, Music, Scene, Story, Storyboard

MOODS: dict[str, tuple[str, str]] = {  # story type -> (music mood, the mood of its turning point)
    "adventure": ("adventurous, hopeful", "tense"),
    "romance": ("romantic, warm", "bittersweet"),
    "mystery": ("mysterious, dark", "tense"),
    "sci-fi": ("cosmic, dreamy", "tense"),
    "fairy-tale": ("whimsical, gentle", "dark"),
    "documentary": ("calm, hopeful", "calm"),
}
SHOT_CYCLE = ("medium", "close-up", "wide", "over-the-shoulder", "medium", "extreme-close-up")
CAMERA_CYCLE = ("push-in", "pan-right", "static", "tilt-up", "pan-left", "pull-out")


MAX_NARRATION = 1200  # characters a scene may say (the storyboard contract)
LONGEST_UNIT = 400  # a sentence longer than this is cut before scenes are made of sentences


class EditError(ValueError):
    """An edit that cannot be made as asked (scene 9 of 5, a scene swapped with itself); nothing changed."""


def sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?…])[\"”’)]*\s+(?=[A-Z\"“(])", text.strip())
    return [p.strip() for p in parts if p.strip()]


def split_scenes(text: str, count: int) -> list[str]:
    """`count` runs of whole sentences of about equal length; if there are fewer sentences than scenes,
    the longest are cut at a comma so every scene has something to say."""
    units = sentences(text) or [text.strip()]
    while max(len(u) for u in units) > LONGEST_UNIT:  # a run-on idea with no full stop: cut it to fit a scene
        longest = max(range(len(units)), key=lambda i: len(units[i]))
        units[longest : longest + 1] = _clause_cut(units[longest]) or _word_cut(units[longest])
    total = sum(len(u) + 1 for u in units)
    count = max(count, math.ceil(total / (MAX_NARRATION - LONGEST_UNIT)))  # no scene over the narration limit
    while len(units) < count:  # cut the longest sentence that has a clause to cut at
        cuts = ((i, _clause_cut(units[i])) for i in sorted(range(len(units)), key=lambda i: -len(units[i])))
        longest, cut = next(((i, c) for i, c in cuts if c), (0, None))
        if cut is None:
            break
        units[longest : longest + 1] = cut
    count = min(count, len(units))
    total = sum(len(u) + 1 for u in units)
    chunks: list[list[str]] = [[] for _ in range(count)]
    at = 0.0
    for unit in units:
        middle = at + (len(unit) + 1) / 2
        chunks[min(count - 1, int(middle * count / total))].append(unit)
        at += len(unit) + 1
    for i in range(count):  # a scene left empty by the rounding borrows from its neighbour
        if not chunks[i]:
            donor = max(range(count), key=lambda j: len(chunks[j]))
            chunks[i].append(chunks[donor].pop(0 if donor > i else -1))
    return [" ".join(c) for c in chunks if c]


def _word_cut(sentence: str) -> list[str]:
    """Two halves at the space nearest the middle (a sentence with no comma to cut at)."""
    spaces = [m.start() for m in re.finditer(r"\s", sentence)] or [len(sentence) // 2]
    cut = min(spaces, key=lambda c: abs(c - len(sentence) / 2))
    return [sentence[:cut].strip(), sentence[cut:].strip()]


def _clause_cut(sentence: str) -> list[str] | None:
    commas = [m.end() for m in re.finditer(r"[,;:]\s", sentence)]
    if not commas:
        return None
    cut = min(commas, key=lambda c: abs(c - len(sentence) / 2))
    head, tail = sentence[:cut].rstrip(",;: ") + ".", sentence[cut:].strip()
    return [head, tail[0].upper() + tail[1:]]


def place_in(story: Story) -> str:
    """Where the story happens: as the Screenwriter set it, else the first place its text names."""
    return story.place or places.place_of(story.text, story.story_type)


PERSONAL = ("close-up", "extreme-close-up", "over-the-shoulder")  # shots that need someone to frame


def framed_for_whom(grammar: list[tuple[str, str]], chunks: list[str], story: Story) -> list[tuple[str, str]]:
    """A scene that names nobody is not a close-up or an over-the-shoulder of no one: it opens out to the
    place (a wide, or a medium where that would make three wides in a row)."""
    out = list(grammar)
    for i, text in enumerate(chunks):
        shot, camera = out[i]
        if shot in PERSONAL and not characters_in(Scene(narration=text, visual=text), story.characters):
            shots = [x for x, _ in out]
            shots[i] = "wide"
            run = any(shots[k : k + 3] == ["wide"] * 3 for k in range(max(0, i - 2), i + 1))
            out[i] = ("medium" if run else "wide", camera)
    return out


def shot_grammar(count: int) -> list[tuple[str, str]]:
    """An establishing wide first, then a varied cycle; never three identical shots in a row; a wide close."""
    shots = [("wide", "push-in")]
    for i in range(1, count):
        shots.append((SHOT_CYCLE[(i - 1) % len(SHOT_CYCLE)], CAMERA_CYCLE[i % len(CAMERA_CYCLE)]))
    if count > 2:
        shots[-1] = ("wide", "pull-out")
    return shots


TIMES_OF_DAY = {  # the words a story tells the time with -> how the shot prompt says it
    ("dawn", "sunrise", "daybreak"): "at dawn",
    ("morning",): "in the morning",
    ("noon", "midday"): "at midday",
    ("afternoon",): "in the afternoon",
    ("evening", "dusk", "sunset", "twilight"): "at dusk",
    ("night", "midnight"): "at night",
}
NARRATED_TIME = re.compile(  # "one grey morning", "that night", "by morning"; not "the nights grew longer"
    r"\b(?:(?:one|that|this|each|every|a|an)(?:\s+[a-z]+)?|at|by|all|before|after|until|till|in the)\s+"
    rf"({'|'.join(w for words in TIMES_OF_DAY for w in words)})\b",
    re.I,
)


SUN_TIMES = {  # the other ways a story tells the hour: the sun, the dark
    "at dawn": r"the sun (?:rose|came up)|first light|(?:when|as) (?:the )?morning came|the sky grew pale",
    "at dusk": r"the sun (?:went down|set|sank)|sundown|the lights (?:came|were coming) on",
    "at night": r"after dark|nightfall|the small hours|the darkest hour|under the stars|in the dark",
}


def told_times(narration: str) -> list[str]:
    """The times of day the narration tells, in order, as a shot prompt says them ("one evening" -> "at dusk",
    "the sun rose" -> "at dawn")."""
    found = [
        (told.start(), next(phrase for words, phrase in TIMES_OF_DAY.items() if told.group(1).lower() in words))
        for told in NARRATED_TIME.finditer(narration)
    ]
    for phrase, pattern in SUN_TIMES.items():
        found += [(m.start(), phrase) for m in re.finditer(rf"\b(?:{pattern})\b", narration, re.I)]
    return [phrase for _, phrase in sorted(found)]


def visual_for(narration: str, story: Story, place: str, time: str) -> str:
    """What the camera sees: who is named, where, and the light the narration tells (else the scene before's)."""
    scene = Scene(narration=narration, visual=narration)
    cast = [c.name for c in characters_in(scene, story.characters)]
    who = " and ".join(cast) if cast else place
    said = narration
    for c in story.characters:  # "Wren, a lighthouse keeper with ..., had always" -> "Wren had always"
        said = said.replace(f"{c.name}, {c.description}, ", f"{c.name} ")
    if story.characters:  # "Ada, Ines and Lena, sisters, knew" -> "Ada and Ines and Lena knew": no comma inside
        who_all = "|".join(re.escape(c.name) for c in story.characters)
        group = rf"(?:{who_all})(?:, (?:{who_all}))* and (?:{who_all})"
        said = re.sub(rf"({group}), [^,]{{1,60}}, ", lambda m: m.group(1) + " ", said)
        said = re.sub(group, lambda m: m.group(0).replace(", ", " and "), said)
    seen = re.split(r"[,;:.]", said)[0].strip()  # the first clause says what happens
    seen = re.sub(r"^(?:but|and|so|then|yet|or)\s+", "", seen, flags=re.I)  # "but a long winter came" reads badly
    where = f"{who} {places.at(place)} {time}" if cast else f"{who} {time}"
    own = visuals.place_in(narration)  # "deep under the sea": the scene is where its narration says
    if own and not re.search(r"\b(?:like|as if|as though)\b", narration.lower()):
        where = f"{' and '.join(cast) if cast else ''} {own[0].lower() + own[1:]} {time}".strip()
    if seen and seen.split()[0] not in {c.name.split()[0] for c in story.characters}:  # "Wren set out" stays
        seen = seen[0].lower() + seen[1:]
    return f"{where}: {seen}" if seen else where


def draft(story: Story, scenes: int, aspect: str, voice: str, style: str) -> Storyboard:
    """The offline Director's storyboard: the story split into scenes with a deliberate shot grammar."""
    chunks = split_scenes(story.text, scenes)
    place = place_in(story)
    music_mood, turn_mood = MOODS[story.story_type]
    grammar = framed_for_whom(shot_grammar(len(chunks)), chunks, story)
    turn = max(1, (2 * len(chunks)) // 3 - 1)  # the scene where the story turns darkest
    board = Storyboard(
        title=story.title,
        aspect_ratio=aspect,  # type: ignore[arg-type]
        voice=voice,
        style=style,
        music=Music(mood=music_mood),
        characters=story.characters,
        scenes=[
            Scene(narration=text, visual=visual_for(text, story, place, time), shot=shot,  # type: ignore[arg-type]
                  camera=camera, mood=turn_mood if i == turn else "")  # type: ignore[arg-type]
            for i, (text, time, (shot, camera)) in enumerate(zip(chunks, light_of(chunks), grammar, strict=True))
        ],
    )  # fmt: skip
    return board


def light_of(chunks: list[str]) -> list[str]:
    """Each scene's time of day: the first its narration tells, else where the scene before left off (a
    story that never says the hour stays in daylight; "that night" darkens it until morning is told)."""
    times, now = [], "at midday"
    for text in chunks:
        told = told_times(text)
        times.append(told[0] if told else now)
        now = told[-1] if told else now
    return times


# -- edits: typed operations a message turns into ------------------------------------------------------------


@dataclass(frozen=True)
class Edit:
    """One change the Director makes. `scene` and `other` count from 1, as people do."""

    kind: str
    scene: int = 0
    other: int = 0
    text: str = ""


WORD_NUMBERS = {"one": 1, "first": 1, "two": 2, "second": 2, "three": 3, "third": 3, "four": 4, "fourth": 4,
                "five": 5, "fifth": 5, "six": 6, "sixth": 6, "seven": 7, "seventh": 7, "eight": 8, "eighth": 8,
                "nine": 9, "ninth": 9, "ten": 10, "tenth": 10}  # fmt: skip
NUM = rf"(\d+|last|{'|'.join(WORD_NUMBERS)})"
SCENE = rf"(?:scene|shot|panel)s?\s*(?:#|no\.?|number)?\s*{NUM}"
SCENE_OR_NUM = rf"(?:(?:scene|shot|panel)s?\s*(?:#|no\.?|number)?\s*)?{NUM}"  # "reject 3", "reject scene 3"


def number(word: str, count: int) -> int:
    return count if word == "last" else int(word) if word.isdigit() else WORD_NUMBERS[word]


def parse(message: str, count: int) -> list[Edit] | None:
    """The edits a message asks for, read by rules; None when it is free text the rules do not cover."""
    text = message.strip().lower().rstrip(".!")
    text = re.sub(r"\bthe (first|last) scene\b", r"scene \1", text)
    n = lambda w: number(w, count)  # noqa: E731
    rules: list[tuple[str, object]] = [
        (r"^(undo|undo that|go back)$", lambda m: [Edit("undo")]),
        (r"^(redo|redo that)$", lambda m: [Edit("redo")]),
        (r"^(render|render it|make the film|make the video|cut it|go|ship it)$", lambda m: [Edit("render")]),
        (
            r"^(approve|approve all|approve everything|looks good|lgtm|yes|ok|okay|shoot it|shoot)( all)?$",
            lambda m: [Edit("approve")],
        ),
        (rf"^approve {SCENE_OR_NUM}$", lambda m: [Edit("approve", n(m.group(1)))]),
        (
            rf"^(?:reject|reshoot|redo) {SCENE_OR_NUM}(?:[:,]?\s*(?:because|—|-)?\s*(.*))?$",
            lambda m: [Edit("reject", n(m.group(1)), text=(m.group(2) or "").strip())],
        ),
        (
            r"^(what does the crew think|crew notes|notes|critique|review it|what do you think)\??$",
            lambda m: [Edit("notes")],
        ),
        (r"^accept (?:all|them all|every proposal|all proposals)$", lambda m: [Edit("accept")]),
        (rf"^accept (?:proposal |note |suggestion )?(?:#|no\.? ?)?{NUM}$", lambda m: [Edit("accept", n(m.group(1)))]),
        (r"^(help|\?|commands|what can you do|what can i say)\??$", lambda m: [Edit("help")]),
        (rf"^swap {SCENE_OR_NUM} with itself$", lambda m: [Edit("swap", n(m.group(1)), n(m.group(1)))]),
        (
            rf"^swap {SCENE_OR_NUM} (?:and|with) (?:{SCENE}|{NUM})$",
            lambda m: [Edit("swap", n(m.group(1)), n(m.group(2) or m.group(3)))],
        ),
        (
            rf"^move {SCENE} (?:to )?(?:the )?(start|beginning|end|front|back)$",
            lambda m: [Edit("move", n(m.group(1)), 1 if m.group(2) in ("start", "beginning", "front") else count)],
        ),
        (
            rf"^move {SCENE} (?:to|before|after) (?:position |{SCENE.split(NUM)[0]})?{NUM}$",
            lambda m: [Edit("move", n(m.group(1)), n(m.group(2)))],
        ),
        (rf"^(?:delete|remove|cut|drop) {SCENE_OR_NUM}$", lambda m: [Edit("delete", n(m.group(1)))]),
        (rf"^(?:split) {SCENE_OR_NUM}$", lambda m: [Edit("split", n(m.group(1)))]),
        (
            rf"^(?:merge|join|combine) {SCENE_OR_NUM} (?:and|with) (?:{SCENE}|{NUM})$",
            lambda m: [Edit("merge", n(m.group(1)), n(m.group(2) or m.group(3)))],
        ),
        (rf"^(?:regenerate|rewrite|redraw) {SCENE_OR_NUM}$", lambda m: [Edit("regenerate", n(m.group(1)))]),
        (
            rf"^(?:don'?t|do not|stop|no longer) (?:animate|animating|move|moving) {SCENE_OR_NUM}$|"
            rf"^(?:keep|leave) {SCENE} (?:still|as a still|static)$|"
            rf"^(?:no (?:real )?motion|stills?) (?:in|for) {SCENE}$",
            lambda m: [Edit("animate", n(next(g for g in m.groups() if g)), text="off")],
        ),
        (
            rf"^(?:animate|bring|add (?:real )?motion to|put (?:real )?motion in) {SCENE_OR_NUM}"
            r"(?: to life| for real)?$|"
            rf"^(?:make |have )?{SCENE} (?:move|animated|come alive|come to life)(?: for real)?$",
            lambda m: [Edit("animate", n(next(g for g in m.groups() if g)), text="on")],
        ),
        (
            rf"^(?:add|insert) (?:a )?(?:new )?scene after {SCENE_OR_NUM}(?:[:,]?\s*(.*))?$",
            lambda m: [Edit("insert", n(m.group(1)), text=(m.group(2) or "").strip())],
        ),
        (
            r"^(?:set |change |use )?(?:the )?(voice|style|aspect|aspect ratio|story type|type) (?:to |is |= )?(.+)$",
            lambda m: [Edit("set", text=f"{m.group(1).split()[0]}={m.group(2).strip()}")],
        ),
        (
            rf"^{SCENE}(?: should)? (?:be |is |as )?(?:an? )?({'|'.join(SHOT_TYPES)}|close up|closeup)(?: shot)?$",
            lambda m: [Edit("revise", n(m.group(1)), text=m.group(2))],
        ),
        (
            rf"^(?:make |have |let )?{SCENE} (?:happen |take place |be set |be )?(.+)$",
            lambda m: [Edit("revise", n(m.group(1)), text=m.group(2))],
        ),
        (rf"^(?:in|for) {SCENE},? (.+)$", lambda m: [Edit("revise", n(m.group(1)), text=m.group(2))]),
    ]
    for pattern, build in rules:
        m = re.match(pattern, text)
        if m:
            return [_as_typed(edit, message) for edit in build(m)]  # type: ignore[operator]
    return None


def original(message: str, lowered: str) -> str:
    """LOWERED as the person typed it in MESSAGE: the rules read lower case, but "on Mars" and "show Mara"
    keep their capitals."""
    at = message.lower().replace("’", "'").find(lowered)
    return message[at : at + len(lowered)] if at >= 0 else lowered


def _as_typed(edit: Edit, message: str) -> Edit:
    return replace(edit, text=original(message, edit.text)) if edit.text else edit


def difference(before: Storyboard, after: Storyboard) -> str:
    """What differs between two storyboards, briefly ("scene 2: shot, camera"), for undo and redo to say."""
    if len(before.scenes) != len(after.scenes):
        return f"now {len(after.scenes)} scenes"
    parts = [name.replace("_", " ") for name in ("title", "aspect_ratio", "voice", "style", "music", "characters")
             if getattr(before, name) != getattr(after, name)]  # fmt: skip
    for k, (a, b) in enumerate(zip(before.scenes, after.scenes, strict=True), 1):
        fields = [f for f in Scene.model_fields if getattr(a, f) != getattr(b, f)]
        if fields == list(Scene.model_fields) or {"narration", "visual"} <= set(fields):
            parts.append(f"scene {k}")  # a different scene altogether (a swap or a move)
        elif fields:
            parts.append(f"scene {k}: {', '.join(fields)}")
    return "; ".join(parts)


# -- applying edits: pure functions from one storyboard to the next ------------------------------------------


def check_scene(k: int, count: int, what: str = "scene") -> int:
    if not 1 <= k <= count:
        raise EditError(f"there is no {what} {k}: the storyboard has {count} scene{'s' * (count != 1)}")
    return k - 1


SCENE_MOODS: dict[str, tuple[str, ...]] = {  # a scene's mood -> the words that ask for it
    "dark": ("dark", "darker", "gloomy", "gloomier", "grim", "bleak", "sinister", "ominous", "moody", "dim"),
    "bright, joyful": ("bright", "brighter", "lighter", "sunnier", "cheerful", "cheerier", "happy", "happier",
                       "joyful", "upbeat", "fun", "lively", "playful", "uplifting"),
    "sad": ("sad", "sadder", "melancholy", "tragic", "mournful", "sombre", "somber", "bittersweet", "lonely"),
    "eerie": ("scary", "scarier", "creepy", "creepier", "spooky", "eerie", "frightening", "haunting"),
    "mysterious": ("mysterious", "mystery", "mystical", "magical", "dreamy", "dreamier"),
    "tense": ("tense", "dramatic", "exciting", "suspenseful", "intense", "thrilling", "epic", "danger", "dangerous"),
    "calm": ("calm", "calmer", "peaceful", "gentle", "gentler", "quiet", "quieter", "serene", "soothing"),
    "romantic, warm": ("romantic", "warm", "warmer", "tender", "loving", "cosy", "cozy"),
    "hopeful": ("hopeful", "inspiring", "optimistic", "triumphant", "heroic"),
}  # fmt: skip
CAMERA_WORDS: dict[str, tuple[str, ...]] = {
    "push-in": ("push in", "push-in", "zoom in", "move in", "dolly in", "closer and closer", "creep in"),
    "pull-out": ("pull out", "pull-out", "pull back", "zoom out", "move back", "dolly out", "reveal"),
    "pan-left": ("pan left", "pan-left", "pans left", "pan to the left", "move left"),
    "pan-right": ("pan right", "pan-right", "pans right", "pan to the right", "move right", "pan across"),
    "tilt-up": ("tilt up", "tilt-up", "tilts up", "look up", "tilt upward"),
    "tilt-down": ("tilt down", "tilt-down", "tilts down", "look down", "tilt downward"),
    "static": ("static", "still camera", "not move", "no movement", "no camera move", "locked off", "hold still",
               "steady", "stay still", "keep still"),
}  # fmt: skip
SHOT_NAMES: dict[str, tuple[str, ...]] = {
    "extreme-close-up": ("extreme close-up", "extreme close up", "extreme closeup", "macro"),
    "over-the-shoulder": ("over-the-shoulder", "over the shoulder", "ots"),
    "close-up": ("close-up", "close up", "closeup", "closer", "tighter", "tight shot"),
    "wide": ("wide", "wider", "establishing", "long shot", "far away", "from afar", "landscape shot"),
    "medium": ("medium", "mid shot", "mid-shot", "waist"),
}  # fmt: skip
CLEAR_WEATHER = re.compile(
    r"\b(?:no|without|remove|lose|drop|stop|clear|take away|get rid of)\b.{0,20}\b"
    r"(?:storm|rain|snow|fog|mist|weather|clouds)\b"
)
ADDED = re.compile(
    r"^(?:(?:add|show|include|draw)\s+(?P<who>[a-z][\w'-]{1,40}(?: [\w'-]{1,40})?$)|"
    r"(?:add|show|include|put|place|have|with|there should be|i want to see|let us see|draw)\s+"
    r"(?P<what>(?:an?|the|some|two|three|many|lots of)\s+.{2,80}?)"
    r"(?:\s+(?:in|to|into) (?:it|the (?:shot|scene|frame|picture)))?$)"
)
DARKER_TIME = {"at dawn": "at dusk", "in the morning": "at dusk", "at midday": "at dusk", "in the afternoon": "at dusk",
               "at dusk": "at night", "": "at dusk"}  # fmt: skip
BRIGHTER_TIME = {"at night": "in the morning", "at dusk": "at midday", "at dawn": "in the morning"}


def revise(scene: Scene, instruction: str) -> Scene:
    """Apply a plain-language instruction by rule, slot by slot: shot type, camera move, place, time of day,
    weather and mood; "add a kite" adds to what is seen. The visual is rewritten (agents/visuals.py), never
    appended with the request's words. Raises EditError when the instruction names nothing it can change."""
    text = instruction.strip().rstrip(".!?")
    lowered = re.sub(r"\s+", " ", text.lower())
    lowered_words = re.sub(r"[^a-z0-9' -]", " ", lowered)
    update: dict[str, str] = {}
    visual = scene.visual
    shot, camera = visuals.slot_of(lowered_words, SHOT_NAMES), visuals.slot_of(lowered_words, CAMERA_WORDS)
    if shot and not re.search(r"\bwide(?:r)? (?:angle )?(?:and|to)\b", lowered):
        update["shot"] = shot
    if camera:
        update["camera"] = camera
    place = visuals.place_in(text)
    if place and not re.search(r"\b(?:close|closer)\b", place.lower()):
        visual = visuals.set_place(visual, place)
    time = visuals.slot_of(lowered_words, visuals.TIMES)
    mood = visuals.slot_of(lowered_words, SCENE_MOODS)
    if mood == "dark" and not time:  # darker: the light goes down too, so the frame shows it
        time = DARKER_TIME.get(visuals.time_of(visual))
    if mood == "bright, joyful" and not time:
        time = BRIGHTER_TIME.get(visuals.time_of(visual))
    if time:
        visual = visuals.set_time(visual, time)
    if CLEAR_WEATHER.search(lowered):
        visual = visuals.set_weather(visual, "")
    else:
        weather = visuals.slot_of(lowered_words, visuals.WEATHERS)
        if weather:
            visual = visuals.set_weather(visual, weather)
            mood = mood or ("tense" if weather == "in a storm" else None)
    if mood:
        update["mood"] = mood
    added = ADDED.match(re.sub(r"^(?:also |please |and )+", "", lowered))
    if added and not (place or time or mood):
        what = original(text, added.group("what") or added.group("who"))  # as typed ("show Mara")
        visual = f"{visual.rstrip(' .,')}, with {what}"
    if visual == scene.visual and not update:
        raise EditError(
            f"I couldn't tell what to change in “{instruction.strip()[:80]}”: say a place ('at the beach'), a time "
            "('at night'), weather ('in the rain'), a mood ('darker'), a shot ('a close-up') or a move ('pan left')"
        )
    return scene.model_copy(update={**update, "visual": visual})


def _revise_all(scenes: list[Scene], instruction: str) -> list[Scene]:
    """Every scene revised by INSTRUCTION; a scene that is already so stays as it is."""
    changed = []
    for scene in scenes:
        try:
            changed.append(revise(scene, instruction))
        except EditError:
            changed.append(scene)
    if changed == scenes:
        revise(scenes[0], instruction)  # says why nothing could change
    return changed


SHORTEST_SHOT = 2  # in a film longer than this, "more close-ups" keeps the establishing first and closing last


def more_shots(board: Storyboard, shot: str) -> tuple[Storyboard, str]:
    """More of SHOT ("-SHOT": fewer): every other scene of the common framings becomes one (or, fewer, goes
    back to medium), never the establishing first scene or the closing one."""
    fewer = shot.startswith("-")
    shot = shot.lstrip("-")
    scenes = list(board.scenes)
    middle = range(1, len(scenes) - 1) if len(scenes) > SHORTEST_SHOT else range(len(scenes))
    if fewer:
        chosen = [i for i in middle if scenes[i].shot == shot][::2] or [i for i in middle if scenes[i].shot == shot]
        new = "medium" if shot != "medium" else "wide"
    else:
        chosen = [i for i in middle if scenes[i].shot != shot][::2]
        new = shot
    if not chosen:
        raise EditError(f"no scene between the first and the last can be {'changed from' if fewer else 'made'} {shot}")
    for i in chosen:
        scenes[i] = scenes[i].model_copy(update={"shot": new})
    which = ", ".join(str(i + 1) for i in chosen)
    return board.model_copy(update={"scenes": scenes}), f"Scene{'s' * (len(chosen) > 1)} {which} now {new}."


def shorten(board: Storyboard) -> tuple[Storyboard, str]:
    """A shorter film: each scene of more than one sentence keeps its first; a film of one-line scenes loses
    its shortest middle scene."""
    scenes = list(board.scenes)
    cut = [i for i, s in enumerate(scenes) if len(sentences(s.narration)) > 1]
    if cut:
        for i in cut:
            scenes[i] = scenes[i].model_copy(update={"narration": sentences(scenes[i].narration)[0]})
        said = f"Scene{'s' * (len(cut) > 1)} {', '.join(str(i + 1) for i in cut)} now say only their first sentence."
        return board.model_copy(update={"scenes": scenes}), said
    if len(scenes) < 3:
        raise EditError("the film is already as short as it can be: every scene says one line")
    k = min(range(1, len(scenes) - 1), key=lambda i: len(scenes[i].narration))
    scenes.pop(k)
    return board.model_copy(update={"scenes": scenes}), f"Deleted scene {k + 1}, the shortest, to make it shorter."


def apply(board: Storyboard, edit: Edit) -> tuple[Storyboard, str]:
    """The storyboard after one edit, and a line saying what changed. Raises EditError (board untouched)."""
    scenes = list(board.scenes)
    count = len(scenes)
    kind = edit.kind
    if kind == "revise":
        i = check_scene(edit.scene, count)
        scenes[i] = revise(scenes[i], edit.text)
        new = scenes[i]
        said = f"Scene {edit.scene} revised: {new.shot}, {new.camera}: {new.visual}"
        return board.model_copy(update={"scenes": scenes}), said
    if kind == "swap":
        i, j = check_scene(edit.scene, count), check_scene(edit.other, count)
        if i == j:
            raise EditError(f"scene {edit.scene} cannot be swapped with itself")
        scenes[i], scenes[j] = scenes[j], scenes[i]
        return board.model_copy(update={"scenes": scenes}), f"Swapped scenes {edit.scene} and {edit.other}."
    if kind == "move":
        i, j = check_scene(edit.scene, count), check_scene(edit.other, count)
        if i == j:
            raise EditError(f"scene {edit.scene} is already there")
        scenes.insert(j, scenes.pop(i))
        return board.model_copy(update={"scenes": scenes}), f"Moved scene {edit.scene} to position {edit.other}."
    if kind == "delete":
        i = check_scene(edit.scene, count)
        if count == 1:
            raise EditError("the storyboard needs at least one scene")
        scenes.pop(i)
        return board.model_copy(update={"scenes": scenes}), f"Deleted scene {edit.scene}."
    if kind == "insert":
        i = check_scene(edit.scene, count)
        text = edit.text or "A quiet moment before the story goes on."
        new = Scene(narration=text if text.endswith((".", "!", "?")) else text + ".", visual=text,
                    shot="wide", camera="static")  # fmt: skip
        scenes.insert(i + 1, new)
        return board.model_copy(update={"scenes": scenes}), f"Added scene {edit.scene + 1} after scene {edit.scene}."
    if kind == "split":
        i = check_scene(edit.scene, count)
        parts = split_scenes(scenes[i].narration, 2)
        if len(parts) < 2:
            raise EditError(f"scene {edit.scene} is a single short line; there is nothing to split")
        first = scenes[i].model_copy(update={"narration": parts[0]})
        second = scenes[i].model_copy(
            update={"narration": parts[1], "shot": "close-up" if scenes[i].shot != "close-up" else "medium"}
        )
        scenes[i : i + 1] = [first, second]
        return board.model_copy(update={"scenes": scenes}), f"Split scene {edit.scene} in two."
    if kind == "merge":
        i, j = sorted((check_scene(edit.scene, count), check_scene(edit.other, count)))
        if i == j or j != i + 1:
            raise EditError("only two neighbouring scenes can be merged (e.g. merge scenes 2 and 3)")
        merged = scenes[i].model_copy(update={"narration": f"{scenes[i].narration} {scenes[j].narration}"})
        scenes[i : j + 1] = [merged]
        return board.model_copy(update={"scenes": scenes}), f"Merged scenes {i + 1} and {j + 1}."
    if kind == "animate":
        i = check_scene(edit.scene, count)
        on = edit.text != "off"
        scenes[i] = scenes[i].model_copy(update={"motion": on})
        moving = (
            f"Scene {edit.scene} will move for real: its frame goes to the image-to-video backend (CREWCUT_MOTION)."
        )
        said = moving if on else f"Scene {edit.scene} is a still again, with its {scenes[i].camera}."
        return board.model_copy(update={"scenes": scenes}), said
    if kind == "regenerate":  # offline, a new take is a new framing: the next shot and move in the cycles
        i = check_scene(edit.scene, count)
        shot = scenes[i].shot if scenes[i].shot in SHOT_CYCLE else "wide"
        alt_shot = SHOT_CYCLE[(SHOT_CYCLE.index(shot) + 1) % len(SHOT_CYCLE)]
        alt_camera = CAMERA_CYCLE[(CAMERA_CYCLE.index(scenes[i].camera) + 1) % len(CAMERA_CYCLE)]
        scenes[i] = scenes[i].model_copy(update={"shot": alt_shot, "camera": alt_camera})
        return board.model_copy(update={"scenes": scenes}), f"Scene {edit.scene} reframed: {alt_shot}, {alt_camera}."
    if kind == "revise_all":  # one change to every scene ("set it all at night")
        changed = _revise_all(scenes, edit.text)
        return board.model_copy(update={"scenes": changed}), f"Every scene revised: {edit.text}."
    if kind == "mood":  # the whole film: every scene's mood and the score's
        changed = _revise_all(scenes, edit.text)
        board = board.model_copy(update={"scenes": changed, "music": Music(mood=edit.text[:80])})
        return board, f"The whole film is now {edit.text}: every scene and the music."
    if kind == "shots":
        return more_shots(board, edit.text)
    if kind == "shorten":
        return shorten(board)
    if kind == "set":
        field, _, value = edit.text.partition("=")
        return _set(board, field, value.strip())
    raise EditError(f"'{kind}' is not an edit of the storyboard")


def _set(board: Storyboard, field: str, value: str) -> tuple[Storyboard, str]:
    if field == "aspect":
        if value not in ASPECT_RATIOS:
            raise EditError(f"aspect must be one of {', '.join(ASPECT_RATIOS)}")
        return board.model_copy(update={"aspect_ratio": value}), f"Aspect ratio is now {value}."
    if field == "voice":
        from tools.speech.registry import available_voices

        known = {v.split(":", 1)[1] for v in available_voices()} | set(available_voices())
        if value not in known:
            raise EditError(f"no voice called {value!r} (available: {', '.join(available_voices())})")
        return board.model_copy(update={"voice": value}), f"Voice is now {value}."
    if field == "title":
        if not value.strip():
            raise EditError("the title can't be empty")
        return board.model_copy(update={"title": value[:120]}), f"The title is now “{value[:120]}”."
    if field == "music":
        return board.model_copy(
            update={"music": board.music.model_copy(update={"mood": value[:80]})}
        ), f"The music is now {value[:80]}."
    if field == "style":
        return board.model_copy(update={"style": value[:200]}), f"Style is now {value[:200]}."
    if field in ("story", "type"):
        if value not in STORY_TYPES:
            raise EditError(f"story type must be one of {', '.join(STORY_TYPES)}")
        mood = MOODS[value][0]
        return board.model_copy(update={"music": Music(mood=mood)}), f"Story type is now {value} (music: {mood})."
    raise EditError(f"there is no setting called {field!r}")


# -- with a language model ------------------------------------------------------------------------------------


class StoryboardDraft(BaseModel):
    """A storyboard as the model drafts it (validated before the crew uses it)."""

    scenes: list[Scene] = Field(min_length=1, max_length=30)
    music_mood: str = Field(default="calm", max_length=80)


EditKind = Literal["revise", "regenerate", "swap", "move", "insert", "delete", "split", "merge", "set", "approve",
                   "reject", "undo", "redo", "render", "notes", "accept", "revise_all", "mood", "shots",
                   "shorten", "animate"]  # fmt: skip


class EditSpec(BaseModel):
    """One edit as the model names it."""

    kind: EditKind
    scene: int = Field(default=0, ge=0, le=60)
    other: int = Field(default=0, ge=0, le=60)
    text: str = Field(default="", max_length=600)


class DirectorTurn(BaseModel):
    """The model's answer to a message: a short reply and the edits it makes."""

    reply: str = Field(min_length=1, max_length=1000)
    edits: list[EditSpec] = Field(default_factory=list, max_length=12)


def draft_with(story: Story, scenes: int, aspect: str, voice: str, style: str, model: Any) -> tuple[Storyboard, str]:
    """The Director's storyboard: drafted by the model when one is configured, by rule otherwise or when
    the model fails. Returns the storyboard and a note for the chat."""
    by_rule = draft(story, scenes, aspect, voice, style)
    if model is None:
        return by_rule, ""
    from agents.prompts import director as prompt
    from tools.llm import ModelError, structured

    system = prompt.DRAFT_SYSTEM.format(scenes=scenes, shots=", ".join(SHOT_TYPES), moves=", ".join(CAMERA_MOVES))
    cast = "\n".join(f"- {c.name}: {c.description}" for c in story.characters) or "- (none named)"
    try:
        user = prompt.DRAFT_USER.format(title=story.title, characters=cast, story=story.text)
        drafted = structured(model, StoryboardDraft, system, user)
    except ModelError as err:
        return by_rule, f"The Director's model failed ({err}), so the storyboard was drafted by rule."
    if len(drafted.scenes) != len(by_rule.scenes):  # a small local model drops scenes: keep what was asked for
        got = len(drafted.scenes)
        return (
            by_rule,
            f"The Director's model drafted {got} scene{'s' * (got != 1)} of {len(by_rule.scenes)}, "
            "so the storyboard was drafted by rule.",
        )
    board = by_rule.model_copy(update={"scenes": drafted.scenes, "music": Music(mood=drafted.music_mood)})
    return board, ""


def interpret(board: Storyboard, message: str, model: Any, recalled: list[str] | None = None) -> tuple[list[Edit], str]:
    """Free text, read by the model into edits and a reply, with the cast and the earlier turns memory
    recalled for it (not the whole history). Raises tools.llm.ModelError when it cannot."""
    from agents.prompts import director as prompt
    from tools.llm import structured

    lines = "\n".join(
        f'{k}. [{s.shot}, {s.camera}] {s.visual} | "{s.narration}"' for k, s in enumerate(board.scenes, 1)
    )
    cast = "\n".join(f"- {c.name}: {c.description}" for c in board.characters)
    earlier = "\n".join(f"- {text[:300]}" for text in recalled or [])
    user = prompt.EDIT_USER.format(count=len(board.scenes), scenes=lines, message=message,
                                   cast=prompt.CAST.format(lines=cast) if cast else "",
                                   recalled=prompt.RECALLED.format(lines=earlier) if earlier else "")  # fmt: skip
    turn = structured(model, DirectorTurn, prompt.EDIT_SYSTEM, user)
    return [Edit(e.kind, e.scene, e.other, e.text) for e in turn.edits], turn.reply
