"""The Screenwriter: an idea becomes a titled story with a cast; a pasted script is kept as written.

Offline this is a rule-based writer (templates per story type), honest that it is not a language model."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, Field

from agents.cast import COATS, JOINING, LEAD_IN, VERBS, YOUNG_HAIR, cast_of, pick, roles_in, roles_of
from domain import Character, Options, Story

MAX_IDEA = 2000  # characters: an idea is a line or a paragraph
MAX_SCRIPT = 12000  # a pasted script; longer ones are refused rather than cut
BLOCKED = (  # a local, always-on check; a moderation endpoint adds to it when one is configured
    r"\bchild (porn|sex)", r"\bsexual\w* .*\b(child|minor|kid)s?\b", r"\bbeheading\b", r"\bgenocide\b",
    r"\bterror(ist)? attack plan", r"\bhow to (make|build) a bomb\b", r"\bsnuff\b", r"\bgore\b",
)  # fmt: skip


class Refusal(ValueError):
    """An idea or script the crew will not work on; the message says why."""


def check(text: str, limit: int, what: str) -> str:
    """The text, trimmed, or a Refusal naming what is wrong with it."""
    text = text.strip()
    if not text:
        raise Refusal(f"the {what} is empty: tell the crew what the film is about")
    if len(text) > limit:
        raise Refusal(f"the {what} is {len(text):,} characters long; the limit is {limit:,}")
    if len(re.findall(r"[^\W\d_]", text)) < 3:
        raise Refusal(f"the {what} has no words the crew can work with")
    lowered = text.lower()
    for pattern in BLOCKED:
        if re.search(pattern, lowered):
            raise Refusal(f"the crew won't make a film of this {what}: it asks for content that is not allowed")
    return text


# -- templates: one arc per story type, told in sentences the Director can cut into scenes ----------------------

TEMPLATES: dict[str, tuple[str, ...]] = {
    "adventure": (
        "{hero}, {hero_look}, had always wondered what lay beyond {place}.",
        "One morning a strange sign changed everything: {idea_clause}.",
        "{hero} packed a small bag and set out before the sun was high.",
        "The path grew wild, the wind turned cold, and more than once the way was lost.",
        "{friend_line}",
        "At the darkest hour a storm broke over them, and they had to trust each other to go on.",
        "When the clouds parted, {place} lay below them, brighter than any map had promised.",
        "{hero} came home changed, with a story worth telling and a friend worth keeping.",
    ),
    "romance": (
        "{hero}, {hero_look}, did not believe in sudden feelings.",
        "Then, on an ordinary day near {place}, it happened: {idea_clause}.",
        "{friend_line}",
        "They met again by chance, and then not by chance at all.",
        "A misunderstanding grew between them like a winter frost.",
        "On a quiet evening, with the lights coming on over {place}, {hero} finally spoke the truth.",
        "The frost melted, and neither of them was ever quite alone again.",
    ),
    "mystery": (
        "Nobody near {place} could explain it: {idea_clause}.",
        "{hero}, {hero_look}, noticed what everyone else had missed.",
        "A door that should have been locked stood open, and a light burned where no one lived.",
        "{friend_line}",
        "Clue by clue, in fog and in lamplight, the pieces began to fit.",
        "At midnight the last secret came out, stranger and kinder than anyone had feared.",
        "By morning {place} was quiet again, but {hero} would never see it the same way.",
    ),
    "sci-fi": (
        "In the year the stars went quiet, {hero}, {hero_look}, kept watch over {place}.",
        "Then the signal came: {idea_clause}.",
        "{friend_line}",
        "Together they followed it past the last station, into the dark between the planets.",
        "The ship shook, the lights failed, and for a long moment everything was silent.",
        "Out of the silence came an answer, patient and enormous and strangely familiar.",
        "{hero} turned for home carrying the first message from another world.",
    ),
    "fairy-tale": (
        "Once upon a time, near {place}, there lived {hero}, {hero_look}.",
        "One evening something wonderful happened: {idea_clause}.",
        "{friend_line}",
        "But a long winter came, the lamps grew dim, and the nights grew longer.",
        "So {hero} set out through the snow to find the one thing that could help.",
        "It was not magic that saved them in the end, but kindness, given freely.",
        "And from that day on, the light over {place} never went out again.",
    ),
    "documentary": (
        "This is {place}, and this is the story of how {idea_clause}.",
        "For years, {hero}, {hero_look}, has worked here from first light to last.",
        "The work is slow, and the weather is rarely kind.",
        "{friend_line}",
        "Small changes, repeated every day, have begun to add up.",
        "Today the results can be seen from the hills above {place}.",
        "What happens next depends on the people who keep showing up.",
    ),
}
NOT_HUMAN = {  # template lines only a person could live, told as any hero could
    "{hero} packed a small bag and set out before the sun was high.": "{hero} set out before the sun was high.",
    "{hero} kept a notebook of small victories, and it filled faster than expected.":
        "{hero} counted small victories, and there were more of them than expected.",
    "For years, {hero}, {hero_look}, has worked here from first light to last.":
        "For years, {hero}, {hero_look}, has lived here from first light to last.",
}  # fmt: skip
BEATS = (  # middle beats that fit every arc, used when a longer story is asked for
    "Days turned into weeks at {place}, and {hero} learned something new with each of them.",
    "Some evenings were hard and quiet; others were full of unexpected laughter.",
    "There were small mistakes, and small repairs, and a growing sense of what mattered.",
    "Word spread, and a few curious neighbours came to see what was happening.",
    "The seasons turned, the light changed, and the work went on.",
    "{hero} began to notice the little things: the sound of the wind, the colour of the sky at dusk.",
    "One night a lamp flickered and went out, and for a moment everything seemed lost.",
    "A letter arrived from far away, asking a question nobody at {place} could answer.",
    "Rain came for three days straight, and the old roof leaked in new places.",
    "{hero} kept a notebook of small victories, and it filled faster than expected.",
    "There was an argument, then a long silence, then an apology over warm tea.",
    "Strangers passing through {place} stopped to listen, and some of them stayed.",
)
PLACES: dict[str, tuple[str, ...]] = {
    "the old lighthouse on the cliffs": ("lighthouse",),
    "the little harbour by the sea": ("sea", "ocean", "coast", "harbour", "harbor", "island", "fish", "boat",
                                      "sailor", "pirate", "whale", "beach", "mermaid", "shore", "ship"),
    "the crowded city": ("city", "street", "town", "market"),
    "the great forest": ("forest", "wood", "tree", "fox", "owl"),
    "the high mountains": ("mountain", "snow", "peak", "valley"),
    "the red desert": ("desert", "sand", "dune"),
    "the space station": ("space", "star", "planet", "alien", "moon", "rocket"),
}  # fmt: skip


PAST = {  # the verbs ideas are written with whose past tense is not just "-ed"
    "is": "was", "are": "were", "has": "had", "have": "had", "finds": "found", "meets": "met", "goes": "went",
    "makes": "made", "takes": "took", "sees": "saw", "gets": "got", "becomes": "became", "runs": "ran", "comes": "came",
    "leaves": "left", "keeps": "kept", "teaches": "taught", "builds": "built", "loses": "lost", "falls": "fell",
    "wins": "won", "gives": "gave", "brings": "brought", "buys": "bought", "catches": "caught", "feels": "felt",
    "flies": "flew", "forgets": "forgot", "hides": "hid", "learns": "learned", "rides": "rode", "sells": "sold",
    "sends": "sent", "sings": "sang", "sleeps": "slept", "speaks": "spoke", "steals": "stole", "swims": "swam",
    "tells": "told", "thinks": "thought", "wakes": "woke", "writes": "wrote", "digs": "dug", "drives": "drove",
    "grows": "grew", "knows": "knew", "draws": "drew", "begins": "began", "stops": "stopped", "plans": "planned",
}  # fmt: skip


def past(verb: str) -> str:
    """The simple past of a present verb ("befriends" -> "befriended", "dig" -> "dug"), by lemminflect's
    lexicon; the few the idea's own words get wrong are in PAST."""
    from lemminflect import getInflection, getLemma

    lowered = verb.lower()
    if lowered in PAST:
        return PAST[lowered]
    lemma = (getLemma(lowered, upos="VERB") or (lowered,))[0]
    return (getInflection(lemma, tag="VBD") or (lemma + "ed",))[0]


def names(people: list[str]) -> str:
    """ "Ada", "Ada and Ines", "Ada, Ines and Lena"."""
    return people[0] if len(people) == 1 else f"{', '.join(people[:-1])} and {people[-1]}"


def retell_group(idea: str, people: list[str], role: str) -> str | None:
    """ "three sisters open a bakery" -> "Ada, Ines and Lena opened a bakery"; None if the idea is not so."""
    clause = LEAD_IN.sub("", idea.strip().rstrip(".!?").strip())
    m = re.match(rf"(?:(?:the|two|three|four|five|twin|a pair of)\s+)?(?:[\w-]+\s+)?{re.escape(role)}\s+(\w+)\b",
                 clause, re.I)  # fmt: skip
    if not m or m.group(1).lower() in JOINING:
        return None
    return f"{names(people)} {past(m.group(1))}{clause[m.end() :]}"


def retell(idea: str, hero: str, role: str) -> str:
    """The idea as a line of the story: the hero's role becomes their name and its verb goes into the past
    ("a lighthouse keeper befriends a lost robot" -> "Ada befriended a lost robot"; "a girl and her dog
    find a door" -> "Ines and her dog found a door"). An idea without that shape is kept as written,
    lower-cased at the start to follow a colon."""
    clause = LEAD_IN.sub("", idea.strip().rstrip(".!?").strip())
    subject = rf"(?:a|an|the|one)\s+{re.escape(role)}"
    alone = re.match(rf"{subject}\s+(?:who\s+)?(\w+)\b", clause, re.I) if role else None
    if alone and re.fullmatch(r"[a-z]+[^s\W]s|is|has", alone.group(1)):
        return f"{hero} {past(alone.group(1))}{clause[alone.end() :]}"
    pairs = [
        re.match(rf"{subject}(\s+and\s+(?:a|an|the|her|his|their|its)(?:\s+\w+){{{n}}})\s+(\w+)\b", clause, re.I)
        for n in (1, 2, 3)
    ]  # "her dog", "an old friend", "an old lighthouse keeper"
    known = [m for m in pairs if m and m.group(2).lower() in VERBS]  # the partner ends where a verb begins
    pair = known[0] if known else next((m for m in pairs[:2] if m), None)
    if role and pair and pair.group(2).lower() not in JOINING and not pair.group(2).endswith("s"):
        verb = pair.group(2)
        done = PAST.get(verb.lower()) or past(plural_to_singular(verb))  # "are" -> "were", "find" -> "found"
        return f"{hero}{pair.group(1)} {done}{clause[pair.end() :]}"
    return clause[0].lower() + clause[1:] if clause[:2] != clause[:2].upper() else clause


def plural_to_singular(verb: str) -> str:
    """The third-person form of a plural present verb ("find" -> "finds", "watch" -> "watches")."""
    return verb + ("es" if re.search(r"(?:s|sh|ch|x|z|o)$", verb) else "s")


def place_of(idea: str) -> str:
    lowered = idea.lower()
    for place, words in PLACES.items():
        if any(w in lowered for w in words):
            return place
    return "the quiet valley"


SMALL_WORDS = {"a", "an", "the", "of", "to", "and", "or", "in", "on", "at", "with", "for", "by", "from"}


def title_of(idea: str, cast: list[Character]) -> str:
    """The two leads' names, or the idea itself in title case, cut after a whole word at six words."""
    if len(cast) >= 2:
        return f"{cast[0].name} and {cast[1].name}"
    idea = idea.strip() if idea.strip().lower().startswith("what if") else LEAD_IN.sub("", idea.strip())
    words = re.findall(r"[A-Za-z'-]+", idea)
    if len(words) > 7:
        words = words[:6]
        while len(words) > 1 and words[-1].lower() in SMALL_WORDS | {"is", "who", "that"}:  # not "of the"
            words.pop()
    titled = [w if i and w.lower() in SMALL_WORDS else w[:1].upper() + w[1:] for i, w in enumerate(words)]
    return " ".join(titled) or "Untitled"


DOCUMENTARY = (  # non-fiction: a subject, what is known of it, its steps; no invented hero
    "This film is about {subject}.",
    "It begins {origin}, with a question people have asked for a long time.",
    "To understand it, look first at the small parts, each doing one job.",
    "Step by step, those parts work together, and the result is more than any one of them.",
    "It did not happen all at once: it took patience, mistakes and many hands.",
    "Today {subject} is part of everyday life, and most people never stop to notice it.",
    "Next time you see it, you will know how much is hidden inside.",
)


def _subject(idea: str) -> str:
    """A documentary's subject as a phrase ("how bees make honey" -> "how bees make honey")."""
    clause = LEAD_IN.sub("", idea.strip().rstrip(".!?").strip())
    return clause[0].lower() + clause[1:] if clause[:2] != clause[:2].upper() else clause


def write_documentary(idea: str, options: Options) -> Story:
    """A documentary by rule: the subject and its steps, told now; the beings it names are its subjects."""
    cast = [c for c in cast_of(idea) if roles_in(idea)]
    origin = "long ago" if re.search(r"\b(?:history|invention|origin|first|ancient)\b", idea, re.I) else "in nature"
    lines = [line.format(subject=_subject(idea), origin=origin) for line in DOCUMENTARY]
    if cast:
        lines.insert(2, f"Meet {names([c.name for c in cast])}: {cast[0].description}.")
    text = " ".join(lines)
    middle = iter(BEATS)
    while len(text) < options.length - 120:
        lines.insert(len(lines) - 2, next(middle).format(hero="the work", place="here"))
        text = " ".join(lines)
    return Story(title=title_of(idea, []), text=text, story_type="documentary", characters=cast)


def write_story(idea: str, options: Options) -> Story:
    """The offline Screenwriter: the idea's cast dropped into the story type's arc, about options.length long.
    Every being the idea names is in the cast and in the story, in the number it names."""
    idea = check(idea, MAX_IDEA, "idea")
    if options.story_type == "documentary":
        return write_documentary(idea, options)
    cast = cast_of(idea)
    groups = roles_of(idea)
    hero, friend = cast[0], cast[1] if len(cast) > 1 else None
    roles = roles_in(idea)
    together = (
        retell_group(idea, [c.name for c in groups[0][1]], roles[0].phrase) if roles and roles[0].count > 1 else None
    )
    clause = together or retell(idea, hero.name, roles[0].phrase if roles else "")
    extra: list[str] = []
    if roles and roles[0].count > 1:  # "three sisters": all of them lead, named where the hero's look was
        if not together:
            extra.append(f"{names([c.name for c in groups[0][1]])} were {roles[0].phrase}.")
        friend = None if len(groups) < 2 else groups[1][1][0]
    if friend is None:
        friend_line = (
            "" if extra else f"{hero.name} was not alone for long: a stranger's kindness made the road shorter."
        )
    elif len(roles) > 1 and roles[1].phrase in clause.lower() and roles[1].count == 1:  # now name them
        look = (
            friend.description.split(roles[1].phrase, 1)[1].lstrip(", ")
            if roles[1].phrase in friend.description
            else ""
        )
        owner = re.search(rf"\b(her|his|their)\s+{re.escape(roles[1].phrase)}", clause, re.I)  # "her dog"
        whose = owner.group(1).capitalize() if owner else "The"
        called = "is called" if options.story_type == "documentary" else "was called"  # a documentary is told now
        friend_line = f"{whose} {roles[1].phrase} {called} {friend.name}" + (f", {look}." if look else ".")
    else:
        friend_line = f"That was how {hero.name} met {friend.name}, {friend.description}."
    named = {hero.name, *(c.name for c in groups[0][1])} | ({friend.name} if friend else set())
    for role, people in groups[1:]:
        rest = [c for c in people if c.name not in named]
        if rest:
            extra.append(f"There {'were' if len(rest) > 1 else 'was'} also {names([c.name for c in rest])}, "
                         f"{'the ' + role.phrase if len(rest) > 1 else rest[0].description}.")  # fmt: skip
            named |= {c.name for c in rest}
    lead = names([c.name for c in groups[0][1]]) if together else hero.name
    values = {"hero": lead, "hero_look": hero.description, "friend_line": " ".join([friend_line, *extra]).strip(),
              "place": place_of(idea), "idea_clause": clause}  # fmt: skip
    lines: tuple[str, ...] = TEMPLATES[options.story_type]
    middle: tuple[str, ...] = BEATS
    if roles and roles[0].kind in ("animal", "machine", "creature"):  # a fox does not pack a bag
        lines, middle = (tuple(NOT_HUMAN.get(line, line) for line in group) for group in (lines, BEATS))
    sentences = [line.format(**values) for line in lines]
    sentences = [s[0].upper() + s[1:] for s in sentences if s.strip()]
    if together:  # a group is not one person "with dark hair": "Ada, Ines and Lena, three sisters, ..."
        sentences = [s.replace(f", {hero.description}", f", {roles[0].phrase}") for s in sentences]
    text = " ".join(sentences)
    beats = iter(middle * (1 + options.length // 1000))  # unique beats first; they repeat only past ~1,700 chars
    while len(text) < options.length - 120:  # a longer film: more beats in the middle of the arc
        sentences.insert(len(sentences) - 2, next(beats).format(**values))
        text = " ".join(sentences)
    return Story(title=title_of(idea, cast), text=text, story_type=options.story_type, characters=cast)


def keep_script(script: str, options: Options) -> Story:
    """A pasted script, kept word for word; the cast is read from its capitalised names."""
    script = check(script, MAX_SCRIPT, "script")
    names = re.findall(r"\b([A-Z][a-z]{2,})\b", script)
    common = {"The", "And", "But", "Then", "When", "She", "His", "Her", "They", "One", "There", "This", "That", "With"}
    counted: dict[str, int] = {}
    for n in names:
        if n not in common:
            counted[n] = counted.get(n, 0) + 1
    cast = [
        Character(name=n, description=f"a person with {pick(YOUNG_HAIR, script, n)} and a {pick(COATS, script, n)}")
        for n, c in sorted(counted.items(), key=lambda kv: -kv[1])[:3]
        if c >= 2
    ]
    first_line = script.strip().splitlines()[0].strip()
    title = first_line if len(first_line) <= 60 and not first_line.endswith(".") else title_of(script, cast)
    return Story(title=title, text=script, story_type=options.story_type, characters=cast, from_script=True)


# -- with a language model ------------------------------------------------------------------------------------


class StoryDraft(BaseModel):
    """A story as the model writes it (validated before the crew uses it)."""

    title: str = Field(min_length=1, max_length=120)
    text: str = Field(min_length=200, max_length=8000)
    characters: list[Character] = Field(default_factory=list, max_length=4)


def write(idea: str, options: Options, model: Any) -> tuple[Story, str]:
    """The Screenwriter: with the model when one is configured, by rule otherwise or when the model fails.
    Returns the story and a note for the chat (empty when there is nothing to say)."""
    idea = check(idea, MAX_IDEA, "idea")
    if model is None:
        return write_story(idea, options), ""
    from agents.prompts import screenwriter as prompt
    from tools.llm import ModelError, structured

    system = prompt.SYSTEM.format(story_type=options.story_type, scenes=options.scenes,
                                  seconds=round(options.length / 14), length=options.length)  # fmt: skip
    try:
        draft = structured(model, StoryDraft, system, prompt.USER.format(idea=idea))
    except ModelError as err:
        return write_story(idea, options), f"The Screenwriter's model failed ({err}), so the story was written by rule."
    story = Story(title=draft.title, text=draft.text, story_type=options.story_type, characters=draft.characters)
    return story, ""
