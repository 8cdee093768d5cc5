"""The Screenwriter: an idea becomes a titled story with a cast; a pasted script is kept as written.

Offline this is a rule-based writer (templates per story type), honest that it is not a language model."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, Field

from agents import arcs, places
from agents.cast import COATS, JOINING, LEAD_IN, VERBS, YOUNG_HAIR, cast_of, is_verb, kind_of, pick, roles_in, roles_of
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
    alone = re.match(rf"{subject}\s+(who\s+)?(\w+)\b", clause, re.I) if role else None
    if alone and re.fullmatch(r"[a-z]+[^s\W]s|is|has", alone.group(2)):
        rest = clause[alone.end() :]
        main = _main_verb(rest) if alone.group(1) else None
        if main:  # "a knight who is afraid of the dark must rescue a dragon": the relative clause, then the main one
            relative, verb, after = rest[: main.start()].strip(), main.group(1), rest[main.end() :]
            done = MODAL_PAST.get(verb.lower()) or past(verb)
            return f"{hero}, who {past(alone.group(2))} {relative}, {done}{after}"
        return f"{hero} {past(alone.group(2))}{rest}"
    pairs = [
        re.match(rf"{subject}(\s+and\s+(?:a|an|the|her|his|their|its)(?:\s+\w+){{{n}}})\s+(\w+)\b", clause, re.I)
        for n in (1, 2, 3)
    ]  # "her dog", "an old friend", "an old lighthouse keeper"
    known = [m for m in pairs if m and m.group(2).lower() in VERBS]  # the partner ends where a verb begins
    pair = known[0] if known else next((m for m in pairs[:2] if m), None)
    if role and pair and pair.group(2).lower() not in JOINING and not pair.group(2).endswith("s"):
        verb = pair.group(2)
        done = past(verb)  # "are" -> "were", "find" -> "found"
        return f"{hero}{pair.group(1)} {done}{clause[pair.end() :]}"
    return clause[0].lower() + clause[1:] if clause[:2] != clause[:2].upper() else clause


MODAL_PAST = {"must": "had to", "can": "could", "will": "would", "should": "had to", "may": "might"}


def _main_verb(rest: str) -> re.Match[str] | None:
    """Where the main clause's verb begins after a relative clause ("... of the dark must rescue a dragon")."""
    for m in re.finditer(r"\b(\w+)\b", rest):
        word = m.group(1).lower()
        if m.start() and (word in MODAL_PAST or (word.endswith("s") and is_verb(word))):
            return m
    return None


SMALL_WORDS = {"a", "an", "the", "of", "to", "and", "or", "in", "on", "at", "with", "for", "by", "from"}


BOUNDARIES = {"who", "that", "which", "and", "but", "when", "while", "because", "after", "before", "until", "so",
              "in", "on", "at", "with", "from", "into", "during", "for", "by", "near", "under", "to"}  # fmt: skip


def _titled(words: list[str]) -> str:
    return " ".join(w if i and w.lower() in SMALL_WORDS else w[:1].upper() + w[1:] for i, w in enumerate(words))


def title_of(idea: str, cast: list[Character]) -> str:
    """A whole phrase for a title: the idea itself when it is short, else its longest opening that ends at a
    phrase boundary ("... Must Share One Oven" of "... one oven in a small town"); else a lead and a companion
    by role ("Wren and the Lost Robot"); else the idea's subject."""
    idea = idea.strip() if idea.strip().lower().startswith("what if") else LEAD_IN.sub("", idea.strip())
    words = re.findall(r"[A-Za-z'-]+", idea)
    if len(words) <= 9:
        return _titled(words) or "Untitled"
    cuts = [k for k in range(4, 9) if words[k].lower() in BOUNDARIES]  # the phrase ends before word k
    if cuts:
        return _titled(words[: max(cuts)])
    roles = roles_in(idea)
    if len(cast) >= 2 and len(roles) >= 2 and roles[0].count == 1 and roles[1].count == 1:
        return f"{cast[0].name} and the {_titled(roles[1].phrase.split())}"
    verb = next((k for k, w in enumerate(words) if (k > 1 and w.lower() in MODAL_PAST) or
                 (is_verb(w.lower()) and not kind_of(w.lower()))), 0)  # fmt: skip
    return _titled(words[: verb or 6])


def _subject(idea: str) -> str:
    """A documentary's subject as a phrase ("how bees make honey" -> "how bees make honey")."""
    clause = LEAD_IN.sub("", idea.strip().rstrip(".!?").strip())
    return clause[0].lower() + clause[1:] if clause[:2] != clause[:2].upper() else clause


def write_documentary(idea: str, options: Options) -> Story:
    """A documentary by rule: the subject and its steps, told now; the beings it names are its subjects."""
    cast = [c for c in cast_of(idea) if roles_in(idea)]
    origin = "long ago" if re.search(r"\b(?:history|invention|origin|first|ancient)\b", idea, re.I) else "in nature"
    lines = [line.format(subject=_subject(idea), origin=origin) for line in arcs.tell(arcs.DOCUMENTARY, idea)]
    if cast:
        lines.insert(2, f"Meet {names([c.name for c in cast])}: {cast[0].description}.")
    text = " ".join(lines)
    place = places.place_of(idea, "documentary")
    middle = iter(arcs.middle(arcs.DOCUMENTARY_BEATS, idea) * (1 + options.length // 600))
    while len(text) < options.length - 120:
        lines.insert(len(lines) - 2, next(middle))
        text = " ".join(lines)
    return Story(title=title_of(idea, []), text=text, story_type="documentary", characters=cast, place=place)


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
    if friend is None:  # a lone lead meets help on the way; a group has each other
        alone = arcs.tell((arcs.ALONE,), idea)[0].format(hero=hero.name)
        friend_line = "" if extra or (roles and roles[0].count > 1) else alone
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
    leads = groups[0][1] if groups else [hero]  # an idea that names nobody has the stand-in traveller
    named = {hero.name, *(c.name for c in leads)} | ({friend.name} if friend else set())
    for role, people in groups[1:]:
        rest = [c for c in people if c.name not in named]
        if rest:
            extra.append(f"There {'were' if len(rest) > 1 else 'was'} also {names([c.name for c in rest])}, "
                         f"{'the ' + role.phrase if len(rest) > 1 else rest[0].description}.")  # fmt: skip
            named |= {c.name for c in rest}
    lead = names([c.name for c in groups[0][1]]) if together else hero.name
    place = places.place_of(idea, options.story_type)
    values = {"hero": lead, "hero_look": hero.description, "friend_line": " ".join([friend_line, *extra]).strip(),
              "place": place, "at_place": places.at(place), "idea_clause": clause}  # fmt: skip
    sentences = [line.format(**values) for line in arcs.tell(arcs.ARCS[options.story_type], idea)]
    sentences = [s[0].upper() + s[1:] for s in sentences if s.strip()]
    if together:  # a group is not one person "with dark hair": "Ada, Ines and Lena, three sisters, ..."
        sentences = [s.replace(f", {hero.description}", f", {roles[0].phrase}") for s in sentences]
    text = " ".join(sentences)
    # Unique beats first, in an order of the idea's own; they repeat only past ~1,700 characters.
    beats = iter(arcs.middle(arcs.BEATS, idea) * (1 + options.length // 1000))
    while len(text) < options.length - 120:  # a longer film: more beats in the middle of the arc
        sentences.insert(len(sentences) - 2, next(beats).format(**values))
        text = " ".join(sentences)
    return Story(title=title_of(idea, cast), text=text, story_type=options.story_type, characters=cast, place=place)


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
