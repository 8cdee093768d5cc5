"""The Director's work on the cast, by rule: change how a character looks, rename them, give them other
names, save them to the person's library and bring them back; and the questions memory answers ("what does
Mara look like?", "who is the pilot?", "what did I say about the storm?").

A character is found by name, first name, alias or role ("the robot", "the keeper"). What is found here is
an Edit for the graph; the memory calls (library, questions) happen in graphs/crew.py, which has the store."""

from __future__ import annotations

import re

from agents.cast import an
from agents.director import Edit, EditError, original
from domain import Character, Storyboard

LONGEST_LOOK = 600  # the storyboard contract's limit on a description
AGE_WORDS = {"older": "old", "old": "old", "elderly": "old", "younger": "young", "young": "young"}
MODAL = r"should|shall|will|must|could|can|ought(?: to)?|needs(?: to)?|has(?: to)?|is going(?: to)?"
REQUESTS: list[tuple[str, str]] = [  # (kind, pattern over the lower-cased message; WHO: a character), first wins
    ("save", r"^(?:please )?(?:save|keep|store|add) WHO (?:to|in|into) (?:my|the) (?:library|cast library)$"),
    ("rename", r"^(?:please )?(?:rename|call) WHO (?:to|as) (?P<text>[\w' -]{1,80})$"),
    ("rename", r"^(?:please )?change WHO(?:'s)? name to (?P<text>[\w' -]{1,80})$"),
    ("alias", r"^WHO is (?:also )?(?:called|known as|nicknamed) (?P<text>[\w' -]{1,80})$"),
    ("alias", r"^(?:also )?call WHO (?P<text>[\w' -]{1,80}) too$"),
    ("rename", r"^(?:call|name) WHO (?P<text>[\w'-]{1,40}(?: [\w'-]{1,40})?)$"),
    ("rename", r"^WHO (?:MODAL) be (?:called|named|renamed) (?P<text>[\w' -]{1,80})$"),
    ("rename", r"^WHO(?:'s| s) name (?:should be|is|will be|must be|could be) (?P<text>[\w' -]{1,80})$"),
    ("look", r"^(?:please )?(?:make|have) WHO (?P<text>(?:look |be |wear |have )?.+)$"),
    ("look", r"^WHO (?P<verb>has|have|wears|is|looks|should (?:be|have|look|wear)) (?P<text>.+)$"),
]  # fmt: skip
BRING = re.compile(
    r"^(?:please )?(?:bring back|bring in|reuse|cast) (?P<who>[\w' .-]{1,80}?)"
    r"(?: from (?:my|the) library)?(?: (?:to|into|in) (?:this|the) (?:film|project|cast|story))?$"
)
QUESTIONS: list[tuple[str, str]] = [
    ("look", r"^(?:what|how) (?:does|do|did) (?P<who>.{1,200}) look like$"),
    ("look", r"^(?:describe|tell me about) (?P<who>.{1,200})$"),
    ("who", r"^who (?:is|was|are|were|plays) (?P<who>.{1,200})$"),
    ("said", r"^what (?:did|have) (?:i|we) (?:say|said|tell you|told you|ask|asked) (?:about|of|on) (?P<who>.{1,200})$"),  # noqa: E501
    ("said", r"^(?:remind me|what was said) (?:about|of) (?P<who>.{1,200})$"),
]  # fmt: skip


POLITE = re.compile(r"^(?:(?:please|ok|okay|now|and|also)\s*,?\s+|(?:can|could|would|will) you\s+(?:please\s+)?)+")
CONTRACTIONS = {"who's": "who is", "what's": "what is", "what're": "what are", "he's": "he is", "she's": "she is"}


def _clean(message: str) -> str:
    """The message as the patterns read it: lower case, one space, no end punctuation, contractions spelt
    out, and no politeness around the request ("can you ... please")."""
    text = re.sub(r"\s+", " ", message.strip().lower().replace("’", "'")).rstrip(".!? ")
    text = re.sub(r"[,\s]+please$", "", POLITE.sub("", text))
    return " ".join(CONTRACTIONS.get(word, word) for word in text.split(" "))


def question(message: str) -> Edit | None:
    """A question for memory: Edit("ask", text=KIND:QUERY); None if it is not one."""
    text = _clean(message)
    for kind, pattern in QUESTIONS:
        m = re.match(pattern, text)
        if m:
            return Edit("ask", text=f"{kind}:{m.group('who').strip()}")
    return None


def references(board: Storyboard | list[Character]) -> dict[str, int]:
    """Every way the cast can be named -> which character: name, first name, aliases, and the kind of being
    their look opens with ("a small silver robot": "small silver robot", "silver robot", "robot"); a word two
    characters share names neither."""
    seen: dict[str, set[int]] = {}
    for i, c in enumerate(board.characters if isinstance(board, Storyboard) else board):
        kind = re.sub(r"^(?:an?|the) ", "", c.description.lower().split(" with ")[0].split(",")[0]).split()
        ways = {c.name.lower(), c.name.split()[0].lower(), *(a.lower() for a in c.aliases)}
        ways |= {" ".join(kind[k:]) for k in range(len(kind))} if kind else set()
        for way in ways:
            seen.setdefault(re.sub(r"^(?:the|a|an) ", "", way), set()).add(i)
    return {way: next(iter(who)) for way, who in seen.items() if len(who) == 1 and way}


def find(board: Storyboard, who: str) -> int | None:
    """Which character WHO names ("Mara", "the keeper", "the robot"), or None."""
    return references(board).get(re.sub(r"^(?:the|a|an|my|our|that|this) ", "", _clean(who)).removesuffix("'s"))


def request(message: str, board: Storyboard) -> Edit | None:
    """A change to the cast: Edit(kind, scene=character number from 1, text=...); None if it is not one."""
    text = _clean(message)
    bring = BRING.match(text)
    if bring and find(board, bring.group("who")) is None:  # not in this cast: looked up in the library
        return Edit("bring", text=original(message, bring.group("who")))
    refs = references(board)
    if not refs:
        return None
    who = "(?P<who>(?:the |my |our )?(?:" + "|".join(re.escape(w) for w in sorted(refs, key=len, reverse=True)) + "))"
    for kind, pattern in REQUESTS:
        m = re.match(pattern.replace("WHO", who).replace("MODAL", MODAL), text)
        if not m:
            continue
        found = find(board, m.group("who"))
        if found is None:
            continue
        value = original(message, m.group("text")) if m.groupdict().get("text") else ""
        if kind == "look" and m.groupdict().get("verb") in ("has", "have", "wears", "should have", "should wear"):
            value = f"with {value}"
        return Edit(kind, scene=found + 1, text=value.strip())
    return None


def restyle(character: Character, change: str) -> str:
    """The new look: what the person said replaces what it speaks of. "with red hair, a leather jacket"
    replaces the old "with ..." part; "rusty" or "older, with grey hair" goes in front of (or changes the
    age in) the kind of being they are; the words said are kept word for word."""
    kind, _, worn = character.description.partition(" with ")
    change = change.strip().rstrip(".")
    change = re.sub(r"^(?:look|looks|be|is|should be|should look) ", "", change)
    if change.lower().startswith(("with ", "wear ", "have ")):  # new things worn or had replace the old ones
        said = re.sub(r"^(?:wear|have) ", "with ", change)
        return f"{kind.rstrip(',')} {said}"[:LONGEST_LOOK]
    keeps = "" if " with " in f" {change.lower()}" or not worn else f"{',' * kind.endswith(',')} with {worn}"
    if any(w in AGE_WORDS for w in re.findall(r"[a-z]+", change.lower())):  # "older": the old age goes
        kind = re.sub(r"\b(?:young|old|elderly)\s+", "", kind)
    bare = re.sub(r"^(?:an?|the) ", "", kind.strip().rstrip(","))
    if re.fullmatch(r"[a-z-]+", change.lower()):  # one word: "rusty" -> "a rusty small silver robot"
        return f"{an(change)} {bare}{keeps}"[:LONGEST_LOOK]
    return f"{an(bare)}, {change}{keeps}"[:LONGEST_LOOK]


def apply(board: Storyboard, edit: Edit) -> tuple[Storyboard, str]:
    """A cast edit (look, rename, alias) applied to the storyboard, with what changed. Raises EditError."""
    cast = list(board.characters)
    i = edit.scene - 1
    if not 0 <= i < len(cast):
        raise EditError("there is no such character")
    who = cast[i]
    if edit.kind == "look":
        if len(edit.text) > LONGEST_LOOK:
            raise EditError(f"that description is {len(edit.text):,} characters; a look is at most {LONGEST_LOOK}")
        cast[i] = who.model_copy(update={"description": restyle(who, edit.text)})
        return board.model_copy(update={"characters": cast}), f"{who.name} now looks like: {cast[i].description}."
    if edit.kind == "rename":
        new = edit.text.strip().title() if edit.text.islower() else edit.text.strip()
        if any(c.name.lower() == new.lower() for k, c in enumerate(cast) if k != i):
            raise EditError(f"there is already a character called {new}")
        if new.lower() == who.name.lower():
            raise EditError(f"{who.name} is already called that")
        cast[i] = who.model_copy(update={"name": new})
        pattern = re.compile(rf"\b{re.escape(who.name)}\b")
        renamed = lambda text: pattern.sub(new, text)  # noqa: E731
        scenes = [s.model_copy(update={"narration": renamed(s.narration), "visual": renamed(s.visual)})
                  for s in board.scenes]  # fmt: skip
        return board.model_copy(update={"characters": cast, "scenes": scenes}), f"{who.name} is now called {new}."
    if edit.kind == "alias":
        alias = edit.text.strip()
        taken = [c.name for k, c in enumerate(cast) if k != i and alias.lower() in
                 {c.name.lower(), *(a.lower() for a in c.aliases)}]  # fmt: skip
        if taken:
            raise EditError(f"{taken[0]} is already called {alias}")
        if alias.lower() in (a.lower() for a in who.aliases):
            raise EditError(f"{who.name} is already called {alias}")
        cast[i] = who.model_copy(update={"aliases": [*who.aliases, alias][-10:]})
        return board.model_copy(update={"characters": cast}), f"{who.name} is also called {alias} now."
    raise EditError(f"'{edit.kind}' is not an edit of the cast")


def join(board: Storyboard, character: Character) -> tuple[Storyboard, str]:
    """A character from the library joins the cast."""
    if any(c.name.lower() == character.name.lower() for c in board.characters):
        raise EditError(f"{character.name} is already in this film")
    if len(board.characters) >= 20:
        raise EditError("a film has at most 20 characters")
    cast = [*board.characters, character]
    return board.model_copy(update={"characters": cast}), f"{character.name} joins the cast: {character.description}."
