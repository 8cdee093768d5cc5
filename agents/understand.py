"""The offline Director's ear: what people type, read into typed edits without a language model.

A message is tidied (politeness and questions dropped, "the third scene" / "the opening" / "the first and last
scenes" made scene numbers), cut into its separate requests ("make the first scene darker, and the last one
at dusk"), and each request is read: an exact command by the rule parser (director.parse), a change to the
cast by agents/casting.py, and anything else by meaning: the offline embedding model (memory/embedder.py)
ranks the kinds of edit by how close the request is to their example phrasings, and the closest kind whose
slots the request fills (a scene, a place, a mood, a voice...) makes the edit. What the crew cannot do is said
in one line with the nearest thing it can."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import numpy as np

from agents import casting, director, visuals
from agents.director import Edit, EditError
from domain import Storyboard

ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
            "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12}  # fmt: skip
_ORDINAL = rf"(?:{'|'.join(ORDINALS)}|last|final|\d+(?:st|nd|rd|th))"
_UNIT = r"(?:scene|shot|panel|one|part)"
MOST_REQUESTS = 12  # requests in one message; more is a pasted text, not a direction
MOST_CHARACTERS = 2000
FLOOR = 0.38  # below this cosine a request is not close enough to any kind of edit to act on


class NotUnderstood(ValueError):
    """A request the offline Director cannot act on; the message is the one line to answer with."""


def _position(word: str, count: int) -> str:
    word = word.lower()
    if word in ("last", "final"):
        return str(count)
    return str(ORDINALS.get(word) or int(re.sub(r"\D", "", word)))


def tidy(message: str, count: int) -> str:
    """The message with its politeness gone and every way of naming a scene made "scene N"."""
    text = re.sub(r"\s+", " ", message.strip().replace("’", "'")).strip(" .!?")
    at = lambda m: _position(m.group(1), count)  # noqa: E731
    text = re.sub(rf"\bthe (?:penultimate|second[- ]to[- ]last|next[- ]to[- ]last) {_UNIT}\b", f"scene {count - 1}",
                  text, flags=re.I)  # fmt: skip
    text = re.sub(rf"\b(?:the )?({_ORDINAL}) and (?:the )?({_ORDINAL}) (?:scene|shot|panel|one)s?\b",
                  lambda m: f"scenes {at(m)} and {_position(m.group(2), count)}", text, flags=re.I)  # fmt: skip
    text = re.sub(rf"\bthe ({_ORDINAL}) {_UNIT}\b", lambda m: f"scene {at(m)}", text, flags=re.I)
    text = re.sub(rf"\b(?:scene|shot|panel) ({_ORDINAL})\b", lambda m: f"scene {at(m)}", text, flags=re.I)
    text = re.sub(rf"\b({_ORDINAL}) (?:scene|shot|panel)\b", lambda m: f"scene {at(m)}", text, flags=re.I)
    text = re.sub(r"\bthe (?:opening|opening scene|opening shot|start of the film)\b", "scene 1", text, flags=re.I)
    text = re.sub(r"\bthe (?:ending|closing scene|closing shot|end scene|finale)\b", f"scene {count}", text, flags=re.I)
    polite = (r"^(?:(?:please|pls|ok(?:ay)?|so|hey|hi|now|and|also|alright|right|hmm|oh|well|actually)[ ,]+)+",
              r"^(?:can|could|would|will) (?:you|we|i)(?: please| maybe| possibly)? ",
              r"^(?:i'd|i would|we'd|we would) (?:really )?(?:like|love|prefer)(?: it if you| you to| to)? ",
              r"^(?:i|we) (?:want|need|wish|think)(?: you to| to| that)? ",
              r"^(?:let's|let us|kindly|maybe|perhaps|how about|what about|why not|is it possible to) ",
              r"^(?:can|could|would|should|will|might|may) (?=(?:the )?scenes? )",
              r"[ ,]+(?:please|pls|thanks|thank you|if possible|if you can|for me)$")  # fmt: skip
    for _ in range(2):
        for pattern in polite:
            text = re.sub(pattern, "", text, flags=re.I).strip()
    text = re.sub(r"\b(making|having|putting|moving|setting|changing|swapping|adding|using)\b",
                  lambda m: m.group(1)[:-3] + ("e" if m.group(1)[:-3] in ("mak", "hav", "mov", "chang", "us") else ""),
                  text, flags=re.I)  # fmt: skip  # "what about making" -> "make"
    text = re.sub(r"\bput(?:t)?\b", "put", text)
    text = re.sub(r"\b(?:to be|to take place|to happen)\b", lambda m: m.group(0)[3:], text, flags=re.I)
    return text.strip(" ,.")


SPLIT = re.compile(
    r"\s*(?:;|\.\s+|\n+|,?\s+and then\s+|,\s*then\s+|,?\s+and also\s+|,\s*also\s+|,\s*and\s+|,\s*"
    r"(?=(?:make|set|change|put|move|swap|delete|remove|add|use|give|have|let|scene \d)\b))",
    re.I,
)
SCENE_REF = re.compile(r"\bscenes? (\d+)(?: and (\d+))?\b", re.I)


def _refs(text: str) -> list[int]:
    found: list[int] = []
    for m in SCENE_REF.finditer(text):
        found += [int(g) for g in m.groups() if g]
    found += [int(m.group(1)) for m in re.finditer(r"\b(?:scenes \d+,|,) (\d+)(?=,| and)", text)]
    return sorted(set(found), key=found.index)


@dataclass(frozen=True)
class Request:
    """One request of a message, tidied: TEXT as typed (capitals kept), the scenes it names."""

    text: str
    count: int

    @property
    def low(self) -> str:
        return self.text.lower()

    @property
    def scenes(self) -> list[int]:
        return _refs(self.text)

    def without_scenes(self) -> str:
        bare = re.sub(r"\b(?:in|for|of|on)? ?scenes? \d+(?: and \d+)?\b,?", "", self.text, flags=re.I)
        return re.sub(r"\s+", " ", bare).strip(" ,")


def _has(text: str, *words: str) -> bool:
    return any(re.search(rf"\b{w}\b", text) for w in words)


# -- what each kind of edit needs from a request ---------------------------------------------------------------

WHOLE = r"(?:the whole (?:film|video|movie|story|thing)|the film|the video|the movie|everything|every scene|all (?:the )?scenes|all of it|it all|it|overall)"  # noqa: E501
MOODS = director.SCENE_MOODS
MUSIC_WORDS = (*(w for words in MOODS.values() for w in words), "jazzy", "funky", "classical", "folk", "spooky")
VOICES: dict[str, tuple[str, ...]] = {  # an offline voice -> the accents people ask for
    "en-gb-scotland": ("scottish", "scotland", "scot"),
    "en-gb": ("british", "english", "uk", "england", "london", "posh", "bbc"),
    "en-us": ("american", "us", "usa", "america", "yankee"),
    "en-029": ("caribbean", "jamaican", "west indian"),
    "heart": ("default", "original", "natural", "warm voice", "softer voice", "female", "woman", "woman's"),
}
ASPECTS: dict[str, tuple[str, ...]] = {
    "9:16": ("vertical", "portrait", "tiktok", "reels", "reel", "shorts", "stories", "phone", "upright", "9:16"),
    "1:1": ("square", "instagram post", "1:1"),
    "16:9": ("horizontal", "landscape", "widescreen", "wide screen", "youtube", "16:9", "cinematic"),
}
SHOT_WORDS: dict[str, tuple[str, ...]] = {
    "close-up": ("close-ups", "close ups", "closeups", "close-up", "close up", "closeup", "closer shots"),
    "wide": ("wide shots", "wide shot", "wides", "establishing shots", "wider shots", "long shots", "wide"),
    "extreme-close-up": ("extreme close-ups", "extreme close ups", "extreme close-up", "extreme close up"),
    "over-the-shoulder": ("over-the-shoulder", "over the shoulder"),
    "medium": ("medium shots", "medium shot", "mid shots"),
}


def _mood(text: str) -> str | None:
    return visuals.slot_of(text, MOODS)


def _scene_revise(r: Request, board: Storyboard) -> list[Edit] | None:
    if len(r.scenes) != 1:
        return None
    instruction = r.without_scenes()
    director.revise(board.scenes[min(r.scenes[0], len(board.scenes)) - 1], instruction)  # raises if not understood
    return [Edit("revise", r.scenes[0], text=instruction)]


# What takes scenes away or reorders them is made only when the request also says so in words: meaning
# ranks the kinds of edit, and a near miss must not cost a person a scene.
SAYS = {
    "delete": ("delete", "remove", "cut", "drop", "get rid", "lose", "don't need", "do not need", "skip", "go",
               "take out", "scrap", "ditch", "without", "erase", "leave out", "kill"),
    "swap": ("swap", "swapped", "switch", "switched", "exchange", "trade", "flip", "places", "around", "reverse",
             "invert"),
    "merge": ("merge", "merged", "combine", "combined", "join", "joined", "together", "one scene", "single"),
    "split": ("split", "break", "divide", "two scenes", "in two", "half", "halves", "separate"),
    "regenerate": ("redo", "again", "another", "different", "redraw", "reframe", "regenerate", "new version",
                   "retake", "re-do", "fresh", "new take"),
    "animate": ("animate", "animated", "animation", "motion", "move", "moving", "come alive", "come to life",
                "to life", "alive", "video"),
    "still": ("no animation", "no motion", "no real motion", "not", "don't", "do not", "stop", "without", "still",
              "static", "freeze", "frozen", "off"),
}  # fmt: skip


def _says(r: Request, kind: str) -> bool:
    return any(re.search(rf"\b{re.escape(w)}\b", r.low) for w in SAYS[kind])


def _delete(r: Request, board: Storyboard) -> list[Edit] | None:
    return [Edit("delete", k) for k in sorted(r.scenes, reverse=True)] if _says(r, "delete") else None


def _swap(r: Request, board: Storyboard) -> list[Edit] | None:
    return [Edit("swap", r.scenes[0], r.scenes[1])] if len(r.scenes) == 2 and _says(r, "swap") else None


def _move(r: Request, board: Storyboard) -> list[Edit] | None:
    if len(r.scenes) == 1:
        if _has(r.low, "start", "beginning", "front", "first", "open", "opening"):
            return [Edit("move", r.scenes[0], 1)]
        if _has(r.low, "end", "last", "close", "finish", "back"):
            return [Edit("move", r.scenes[0], r.count)]
        return None
    if len(r.scenes) == 2:
        k, other = r.scenes
        if _has(r.low, "after", "behind", "follow", "follows"):
            return [Edit("move", k, other if k < other else other + 1)]
        if _has(r.low, "before", "ahead of", "precede", "precedes"):
            return [Edit("move", k, other - 1 if k < other else other)]
    return None


def _merge(r: Request, board: Storyboard) -> list[Edit] | None:
    return [Edit("merge", r.scenes[0], r.scenes[1])] if len(r.scenes) == 2 and _says(r, "merge") else None


def _split(r: Request, board: Storyboard) -> list[Edit] | None:
    return [Edit("split", r.scenes[0])] if len(r.scenes) == 1 and _says(r, "split") else None


def _regenerate(r: Request, board: Storyboard) -> list[Edit] | None:
    return [Edit("regenerate", r.scenes[0])] if len(r.scenes) == 1 and _says(r, "regenerate") else None


def _animate(r: Request, board: Storyboard) -> list[Edit] | None:
    """Real motion (image-to-video) for one scene, on or off: only when the request says motion in words,
    since "move scene 3" is about its place in the film."""
    if (
        len(r.scenes) != 1
        or not _says(r, "animate")
        or re.search(r"\bmove (?:scene|it) \d*\s*(?:to|before|after)\b", r.low)
    ):
        return None
    off = _says(r, "still") or re.search(r"n't\b", r.low)  # "shouldn't be animated", "won't move"
    return [Edit("animate", r.scenes[0], text="off" if off else "on")]


def _shots(r: Request, board: Storyboard) -> list[Edit] | None:
    if r.scenes:
        return None
    for shot, words in sorted(SHOT_WORDS.items(), key=lambda kv: -len(kv[0])):
        if any(w in r.low for w in words):
            fewer = _has(r.low, "fewer", "less", "no more", "not so many", "too many", "drop", "lose", "remove")
            return [Edit("shots", text=("-" if fewer else "") + shot)]
    return None


def _shorten(r: Request, board: Storyboard) -> list[Edit] | None:
    if r.scenes or _has(r.low, "music", "title", "voice"):
        return None
    return [Edit("shorten")] if _has(r.low, "shorter", "shorten", "trim", "tighter", "tighten", "quicker", "less long",
                                     "too long", "faster", "cut it down", "brief", "briefer") else None  # fmt: skip


def _ending(r: Request, board: Storyboard) -> list[Edit] | None:
    mood = _mood(r.low)
    if r.scenes or not mood or not _has(r.low, "ending", "end", "finale", "conclusion", "finish"):
        return None
    return [Edit("revise", r.count, text=r.low)]


def _music(r: Request, board: Storyboard) -> list[Edit] | None:
    if not _has(r.low, "music", "score", "soundtrack", "song", "tune", "background track"):
        return None
    words = [w for w in re.findall(r"[a-z-]+", r.low) if w in MUSIC_WORDS]
    if not words:
        return None
    base = {"happier": "happy", "sadder": "sad", "darker": "dark", "calmer": "calm", "gentler": "gentle",
            "scarier": "scary", "cheerier": "cheerful", "brighter": "bright", "warmer": "warm", "softer": "soft",
            "quieter": "quiet", "tenser": "tense", "dreamier": "dreamy", "spookier": "spooky"}  # fmt: skip
    return [Edit("set", text="music=" + ", ".join(dict.fromkeys(base.get(w, w) for w in words)))]


def _voice(r: Request, board: Storyboard) -> list[Edit] | None:
    if not _has(r.low, "voice", "narrator", "narration", "accent", "voiceover", "voice-over", "read", "sound", "speak"):
        return None
    voice = visuals.slot_of(r.low, VOICES)
    return [Edit("set", text=f"voice={voice}")] if voice else None


TITLED = re.compile(
    r"\b(?:title|titled|call|called|name|named|rename|retitle)\b(?:\s+(?:it|the (?:film|video|movie|story)|of the "
    r"(?:film|video|movie|story)))?(?:\s+(?:to|as|is|be|should be|will be|becomes?))?\s+(?P<title>.+)$",
    re.I,
)


def _title(r: Request, board: Storyboard) -> list[Edit] | None:
    if not _has(r.low, "title", "titled", "retitle", "film", "video", "movie", "story", "it"):
        return None  # "call the robot Pip" is the cast's
    quoted = re.search(r"[\"“‘'](.+?)[\"”’']$", r.text)
    named = TITLED.search(r.text)
    title = (quoted.group(1) if quoted else named.group("title") if named else "").strip(" .\"'“”‘’")
    if not title or title.lower() in ("it", "the film", "title", "the title"):
        return None
    return [Edit("set", text=f"title={title}")]


def _aspect(r: Request, board: Storyboard) -> list[Edit] | None:
    aspect = visuals.slot_of(r.low, ASPECTS)
    return [Edit("set", text=f"aspect={aspect}")] if aspect and not r.scenes else None


def _style(r: Request, board: Storyboard) -> list[Edit] | None:
    found = re.search(r"\b(?:look like|looks like|in the style of|style of|styled as|drawn as|drawn like|look)\s+"
                      r"(?:an? |the )?(.{3,80})$", r.text, re.I)  # fmt: skip
    found = found or re.search(r"\b(?:an? )?(.{3,60}?) style$", r.text, re.I)
    if not found or r.scenes:
        return None
    return [Edit("set", text=f"style={found.group(1).strip()}")]


def _film_mood(r: Request, board: Storyboard) -> list[Edit] | None:
    mood = _mood(r.low)
    if r.scenes or not mood or _has(r.low, "music", "ending", "end", "voice", "narrator"):
        return None
    return [Edit("mood", text=mood)]


def _film_look(r: Request, board: Storyboard) -> list[Edit] | None:
    """A place, time or weather for the whole film ("set it in a castle", "make it all happen at night")."""
    if r.scenes or (not re.search(WHOLE, r.low) and not _has(r.low, "story", "film", "all", "every", "always")):
        return None
    wanted = r.without_scenes()
    scene = board.scenes[0]
    try:
        director.revise(scene, wanted)
    except EditError:
        return None
    return [Edit("revise_all", text=wanted)]


def _plain(kind: str) -> Callable[[Request, Storyboard], list[Edit] | None]:
    return lambda r, board: [Edit(kind)] if not r.scenes else None


Builder = Callable[[Request, Storyboard], "list[Edit] | None"]
KINDS: dict[str, tuple[Builder, tuple[str, ...]]] = {  # a kind of edit -> (who builds it, what people say for it)
    "revise": (_scene_revise, (
        "make scene 2 darker", "can scene 3 be at the beach", "scene 4 should take place in a library",
        "put scene 1 in the mountains", "make it rain in scene 5", "scene 2 at night", "give scene 3 a stormy sky",
        "I'd like scene 2 to be a wide shot", "scene 3 needs to feel happier", "set scene 4 on Mars",
        "zoom in slowly on scene 2", "scene 5 should pan left", "make scene 2 a close-up", "add fog to scene 3",
        "scene 6 should be brighter", "the camera should not move in scene 4", "more dramatic lighting in scene 2")),
    "delete": (_delete, ("please delete scene 2", "get rid of scene 4", "remove scene 3", "cut scene 5 out",
                         "I don't need scene 2", "drop scene 6", "lose scene 3", "scene 4 can go", "skip scene 2")),
    "swap": (_swap, ("swap scenes 1 and 6", "switch scene 2 with scene 4", "exchange scenes 3 and 5",
                     "trade places between scene 1 and scene 2", "can scenes 2 and 3 be swapped",
                     "flip scenes 4 and 5", "scene 3 and scene 5 should change places")),
    "move": (_move, ("move scene 6 to the start", "put scene 2 after scene 5", "scene 4 should come first",
                     "open the film with scene 3", "end on scene 2", "scene 1 should come before scene 4",
                     "move scene 3 to the end", "start with scene 5")),
    "merge": (_merge, ("merge scenes 2 and 3", "combine scene 4 with scene 5", "join scenes 1 and 2 together",
                       "scenes 3 and 4 should be one scene", "make scenes 5 and 6 a single scene")),
    "split": (_split, ("split scene 4 in two", "break scene 2 into two scenes", "divide scene 3",
                       "scene 1 should be two scenes", "cut scene 5 in half")),
    "regenerate": (_regenerate, ("redo scene 3", "try scene 2 again", "another take of scene 4",
                                 "give me a different version of scene 5", "redraw scene 1", "reframe scene 2")),
    "animate": (_animate, ("animate scene 3", "bring scene 2 to life", "I want scene 4 to move for real",
                           "could scene 5 be animated", "add real motion to scene 1", "make scene 2 a moving video",
                           "no animation in scene 3", "keep scene 4 as a still", "stop animating scene 2")),
    "shots": (_shots, ("I want more close-ups", "use more wide shots", "fewer close-ups please",
                       "too many close-ups", "more establishing shots", "add some over the shoulder shots")),
    "shorten": (_shorten, ("make it shorter", "the film is too long", "trim it down", "can it be shorter",
                           "tighten the story", "shorten the video", "make it quicker")),
    "ending": (_ending, ("give it a happier ending", "a sadder ending", "I want a happy ending",
                         "the ending should be more hopeful", "make the end more cheerful", "a darker ending")),
    "music": (_music, ("more cheerful music", "the music should be sad", "make the score more epic",
                       "can the soundtrack be calmer", "I'd like gentler music", "use spooky music",
                       "the music is too dark, make it happier", "upbeat music please")),
    "voice": (_voice, ("the narrator should sound British", "a British narrator", "use an American voice",
                       "can the narration have a Scottish accent", "change the voice to English",
                       "I want a different accent", "give the narrator a Caribbean accent")),
    "title": (_title, ("change the title to The Last Light", "call the film Night Harbour", "rename the video to Home",
                       "the title should be 'Two Keepers'", "retitle it Gull Rock", "name the movie Storm Song")),
    "aspect": (_aspect, ("make it vertical", "make the video vertical for tiktok", "I need it in portrait for reels",
                         "make it square for instagram", "switch to widescreen", "make it horizontal for youtube")),
    "style": (_style, ("make it look like a watercolour", "in the style of a comic book", "make it look like film noir",
                       "can it look like an oil painting", "draw it like a children's book", "anime style")),
    "mood": (_film_mood, ("make the whole film more mysterious", "make it darker", "make everything happier",
                          "the film should feel more hopeful", "make it scarier", "a more romantic feel overall",
                          "it should feel calmer")),
    "look": (_film_look, ("set the story in a castle", "make it all happen at night", "set everything in Paris",
                          "make every scene rainy", "the whole film should take place underwater",
                          "move the story to Mars", "make it snow in every scene")),
    "approve": (_plain("approve"), ("looks great, go ahead", "I'm happy with it", "perfect, shoot it",
                                    "approve the storyboard", "that's good, continue", "go on with the shots")),
    "render": (_plain("render"), ("make the video now", "render the film", "let's see the film",
                                  "put it all together", "cut the final film", "export it")),
    "undo": (_plain("undo"), ("change it back", "revert that", "undo the last change", "put it back how it was",
                              "I liked it better before", "go back to the previous version")),
    "redo": (_plain("redo"), ("redo the change", "bring that change back", "actually do it again")),
    "notes": (_plain("notes"), ("what do you think of it", "any suggestions", "how can it be better",
                                "give me feedback", "what would the crew change", "is it any good")),
}  # fmt: skip
CANNOT: dict[str, tuple[str, tuple[str, ...]]] = {  # what the crew can't do yet -> (the one line, its phrasings)
    "music detail": ("I can't choose the music's key, tempo or instruments yet; I can set its mood: "
                     "'make the music cheerful'.", ("make the music in a minor key", "faster tempo music",
                     "use a piano in the music", "play a famous song", "add drums to the score", "slower music")),
    "dialogue": ("The film has one narrator, so I can't add dialogue yet; I can add a narrated scene: "
                 "'add a scene after 2: what happens'.", ("add some dialogue between them",
                 "make the characters talk", "can they speak to each other", "give the robot a line to say")),
    "sound effects": ("I can't add sound effects yet; I can set the music's mood: 'make the music tense'.",
                      ("add sound effects", "I want to hear the waves", "add thunder sounds", "add footsteps")),
    "longer": ("Offline I can't write more story; I can add a scene: 'add a scene after 3: what happens'.",
               ("make it longer", "the film is too short", "add more story", "extend the video")),
    "captions": ("I can't restyle the captions yet; the Editor burns them in one house style.",
                 ("make the subtitles bigger", "change the caption font", "yellow subtitles", "move the captions")),
    "language": ("I can only narrate in English for now; I can change the accent: 'use a British voice'.",
                 ("narrate it in French", "translate it to Spanish", "make it German", "in another language")),
    "pace": ("A scene lasts as long as its line; I can split or merge scenes: 'split scene 2'.",
             ("make scene 3 slower", "hold scene 2 longer", "speed up scene 4", "make the pacing faster")),
    "footage": ("Offline every frame is a drawn storyboard panel; I can change what a panel shows: "
                "'make scene 2 happen at the beach'.", ("use real footage", "make it photorealistic",
                "use real actors", "make it 3d animated")),
}  # fmt: skip


@cache
def _examples() -> tuple[list[tuple[str, str]], np.ndarray]:
    """Every example phrasing (kind, text) and its embedding, made once per process."""
    from memory.embedder import embedder

    rows = [(kind, text) for kind, (_, texts) in KINDS.items() for text in texts]
    rows += [(f"cannot:{kind}", text) for kind, (_, texts) in CANNOT.items() for text in texts]
    return rows, embedder()([text for _, text in rows])


def ranked(text: str) -> list[tuple[str, float, str]]:
    """The kinds of edit (and of things the crew can't do) by how close TEXT is to their phrasings: (kind,
    cosine, the closest phrasing), best first."""
    from memory.embedder import embedder

    rows, vectors = _examples()
    masked = re.sub(r"\bscenes? \d+(?: and \d+)?", lambda m: m.group(0).split()[0], text)  # numbers carry no meaning
    scores = vectors @ embedder()([masked])[0]
    best: dict[str, tuple[float, str]] = {}
    for (kind, example), score in zip(rows, scores.tolist(), strict=True):
        if score > best.get(kind, (-1.0, ""))[0]:
            best[kind] = (score, example)
    return sorted(((k, s, e) for k, (s, e) in best.items()), key=lambda row: -row[1])


def _exact(r: Request, board: Storyboard) -> list[Edit] | None:
    """A plain command (director.parse), a question for memory or a change to the cast; None otherwise."""
    try:
        edits = director.parse(r.text, r.count)
    except (KeyError, ValueError):
        edits = None
    if edits and len(r.scenes) > 1 and all(e.kind in ("revise", "reject", "approve") for e in edits):
        return None  # "make scene 2 darker and scene 4 a close-up" is two requests
    if edits and edits[0].kind == "revise":
        if not 1 <= edits[0].scene <= len(board.scenes):
            return None  # a model (or the meaning) may read it better; the edit itself would be refused
        try:  # its words are read now, so a revision the rules can't make goes on to be read by meaning
            director.revise(board.scenes[edits[0].scene - 1], edits[0].text)
        except EditError:
            return None
    if edits:
        return edits
    edit = casting.question(r.text) or casting.request(r.text, board)
    return [edit] if edit else None


def read_one(r: Request, board: Storyboard) -> list[Edit]:
    """One request's edits; NotUnderstood with the line to answer when it is none the crew can make."""
    exact = _exact(r, board)
    if exact:
        return exact
    rows = ranked(r.text)
    for kind, score, _ in rows:
        if score < FLOOR:
            break
        if kind.startswith("cannot:"):
            if score >= rows[0][1] - 0.02:  # only when it is what the request is closest to
                raise NotUnderstood(CANNOT[kind.split(":", 1)[1]][0])
            continue
        try:
            edits = KINDS[kind][0](r, board)
        except EditError:
            edits = None
        if edits:
            return edits
    closest = next((example for kind, _, example in rows if not kind.startswith("cannot:")), "help")
    raise NotUnderstood(f"I couldn't read an edit in “{r.text[:80]}”; the closest I can do is like “{closest}”.")


def requests(message: str, count: int) -> list[Request]:
    """A message cut into its requests; "scene 2 darker and scene 4 a close-up" into two."""
    text = tidy(message, count)
    pieces: list[str] = []
    for piece in (p.strip(" ,") for p in SPLIT.split(text) if p and p.strip(" ,")):
        if pieces and re.fullmatch(r"(?:in|for|on|with|about)?\s*scenes? \d+(?: and \d+)?", pieces[-1], re.I):
            pieces[-1] = f"{pieces[-1]}, {piece}"  # "in scene 2, make it rain" is one request
        else:
            pieces.append(piece)
    out: list[Request] = []
    for piece in pieces:
        halves = re.split(r",?\s+and\s+(?=(?:make |set |change |put |move |use |give |have )?scenes? \d)", piece)
        together = Request(piece, count)  # "swap scene 2 and scene 4" is one request about two scenes
        if len(halves) > 1 and all(_refs(h) for h in halves) and not _says(together, "swap") | _says(together, "merge"):
            out += [Request(tidy(h, count), count) for h in halves]
        else:
            out.append(Request(piece, count))
    return out


def exact(message: str, board: Storyboard) -> list[Edit] | None:
    """The edits of a message made only of plain commands (each request read by the rules), or None. A
    command whose text runs on ("add a scene after 2: she waves. Then she goes.") is read whole."""
    count = len(board.scenes)
    whole = _exact(Request(tidy(message, count), count), board)
    parts = requests(message, count)
    if whole and (len(parts) == 1 or whole[0].kind in ("insert", "reject")):
        return whole
    found = [_exact(part, board) for part in parts]
    return [edit for edits in found for edit in edits or []] if found and all(found) else None


def read(message: str, board: Storyboard) -> tuple[list[Edit], list[str]]:
    """Every edit a message asks for, and a line for each request that could not be read. Raises
    NotUnderstood when none could."""
    whole = exact(message, board)
    if whole:
        return whole, []
    edits: list[Edit] = []
    missed: list[str] = []
    asked = requests(message[:MOST_CHARACTERS], len(board.scenes))
    if len(message) > MOST_CHARACTERS or len(asked) > MOST_REQUESTS:
        most = f"at most {MOST_REQUESTS} requests, {MOST_CHARACTERS:,} characters"
        raise NotUnderstood(f"Nothing changed: that is more than I can read in one message ({most}); "
                            "send the changes a few at a time.")  # fmt: skip
    for r in asked:
        try:
            edits += read_one(r, board)
        except NotUnderstood as err:
            missed.append(str(err))
    if not edits:
        raise NotUnderstood(" ".join(missed) or "There was nothing to read in that.")
    return edits, missed
