"""Word timings -> caption cues (2 lines x 42 characters, 1-7 s) -> SRT, WebVTT and ASS text."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

MAX_LINE = 42
MAX_LINES = 2
MIN_SECONDS = 1.0
MAX_SECONDS = 7.0
CLAUSE_END = (",", ";", ":", "—", "–")
SENTENCE_END = (".", "!", "?", "…", '."', '!"', '?"', ".”", "!”", "?”")
# Words a line should not end on: they lean on the words after them ("At the darkest hour a / storm broke").
DANGLING = frozenset({
    "a", "an", "the", "this", "that", "these", "those", "every", "each", "some", "any", "no",
    "his", "her", "its", "their", "my", "our", "your",
    "and", "or", "but", "nor", "so", "yet", "if", "as", "than", "when", "while", "because", "though", "although",
    "of", "in", "on", "at", "to", "for", "with", "by", "from", "into", "onto", "over", "under", "about", "after",
    "before", "through", "across", "near", "toward", "towards", "between", "without", "within", "upon", "like",
})  # fmt: skip


def dangles(word: str) -> bool:
    return word.lower().strip("\"'“”‘’") in DANGLING


@dataclass(frozen=True)
class Word:
    text: str
    start: float
    end: float


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def wrap(words: Sequence[str], width: int = MAX_LINE) -> list[str] | None:
    """Break words into two lines of at most `width`: at a phrase boundary (never after an article,
    preposition or conjunction when another break fits), and then as balanced as can be; None if they
    need more than two lines."""
    text = " ".join(words)
    if len(text) <= width:
        return [text]
    best: tuple[tuple[bool, int], list[str]] | None = None
    for cut in range(1, len(words)):
        top, bottom = " ".join(words[:cut]), " ".join(words[cut:])
        if len(top) <= width and len(bottom) <= width:
            score = (dangles(words[cut - 1]), abs(len(top) - len(bottom)))
            if best is None or score < best[0]:
                best = (score, [top, bottom])
    return best[1] if best else None


def _fits(words: Sequence[Word], width: int = MAX_LINE) -> bool:
    return wrap([w.text for w in words], width) is not None and words[-1].end - words[0].start <= MAX_SECONDS


def _sentences(words: Sequence[Word]) -> list[list[Word]]:
    out: list[list[Word]] = [[]]
    for word in words:
        if word.text.strip():
            out[-1].append(word)
            if word.text.endswith(SENTENCE_END):
                out.append([])
    return [s for s in out if s]


def _even_chunks(words: list[Word], n: int) -> list[list[Word]]:
    """Split into n runs of about equal length, each word going where its middle falls."""
    total = sum(len(w.text) + 1 for w in words)
    chunks: list[list[Word]] = [[] for _ in range(n)]
    at = 0
    for word in words:
        middle = at + (len(word.text) + 1) / 2
        chunks[min(n - 1, int(middle * n / total))].append(word)
        at += len(word.text) + 1
    return [c for c in chunks if c]


def _undangle(chunks: list[list[Word]], width: int) -> list[list[Word]]:
    """A cue that ends on a leaning word ("the", "of") hands it to the next cue, when both still fit."""
    for i in range(len(chunks) - 1):
        while len(chunks[i]) > 1 and dangles(chunks[i][-1].text) and _fits([chunks[i][-1], *chunks[i + 1]], width):
            chunks[i + 1].insert(0, chunks[i].pop())
    return chunks


def _by_clause(words: list[Word], width: int) -> list[list[Word]] | None:
    """Pack whole clauses (cut after , ; : —) into cues, if every cue then fits."""
    clauses: list[list[Word]] = [[]]
    for word in words:
        clauses[-1].append(word)
        if word.text.endswith(CLAUSE_END):
            clauses.append([])
    packed: list[list[Word]] = []
    for clause in (c for c in clauses if c):
        if packed and _fits([*packed[-1], *clause], width):
            packed[-1] += clause
        else:
            packed.append(clause)
    return packed if len(packed) > 1 and all(_fits(p, width) for p in packed) else None


def _balanced(words: list[Word], width: int) -> list[list[Word]]:
    """A sentence that fits one cue stays whole; a longer one breaks at its clauses, or else into the
    fewest even pieces that fit (no orphaned last word on a cue of its own, no cue ending on "the")."""
    if _fits(words, width):
        return [words]
    clauses = _by_clause(words, width)
    if clauses:
        return clauses
    for n in range(2, len(words) + 1):
        chunks = _even_chunks(words, n)
        if all(_fits(c, width) for c in chunks):
            return _undangle(chunks, width)
    return [[w] for w in words]


def cut_cues(words: Sequence[Word], scene_start: float, scene_end: float, width: int = MAX_LINE) -> list[Cue]:
    """Cues for one scene's words (times on the film's timeline), never crossing scene_end, in lines of
    at most `width` characters.

    Each sentence gets its own cues, split into even pieces when it is too long for one; a sentence
    too short to read on its own (under a second) joins the next when they fit together."""
    groups: list[list[Word]] = []
    for sentence in _sentences(words):
        for chunk in _balanced(sentence, width):
            joined = [*groups[-1], *chunk] if groups else []
            if groups and groups[-1][-1].end - groups[-1][0].start < MIN_SECONDS and _fits(joined, width):
                groups[-1] += chunk
            else:
                groups.append(chunk)

    cues: list[Cue] = []
    for i, group in enumerate(groups):
        start = max(group[0].start, scene_start)
        next_start = groups[i + 1][0].start if i + 1 < len(groups) else scene_end
        # Hold a short cue up to a second, but never into the next cue or past the cut.
        end = min(max(group[-1].end + 0.2, start + MIN_SECONDS), next_start, scene_end, start + MAX_SECONDS)
        lines = wrap([w.text for w in group], width) or [" ".join(w.text for w in group)]
        cues.append(Cue(round(start, 3), round(max(end, start + 0.04), 3), tuple(lines)))
    return cues


def _clock(seconds: float, sep: str) -> str:
    ms = max(0, round(seconds * 1000))
    h, rem = divmod(ms, 3_600_000)
    m, rem = divmod(rem, 60_000)
    s, ms = divmod(rem, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def to_srt(cues: Iterable[Cue]) -> str:
    blocks = [f"{i}\n{_clock(c.start, ',')} --> {_clock(c.end, ',')}\n{c.text}\n" for i, c in enumerate(cues, 1)]
    return "\n".join(blocks)


def to_vtt(cues: Iterable[Cue]) -> str:
    blocks = [f"{_clock(c.start, '.')} --> {_clock(c.end, '.')}\n{c.text}\n" for c in cues]
    return "WEBVTT\n\n" + "\n".join(blocks)


def _ass_clock(seconds: float) -> str:
    cs = max(0, round(seconds * 100))
    h, rem = divmod(cs, 360_000)
    m, rem = divmod(rem, 6000)
    s, cs = divmod(rem, 100)
    return f"{h}:{m:02d}:{s:02d}.{cs:02d}"


def _ass_escape(line: str) -> str:
    return line.replace("\\", "\\\\").replace("{", "(").replace("}", ")")


@dataclass(frozen=True)
class Placement:
    """Where burned captions sit: bottom centre, inside the frame's safe area, in pixels."""

    size: int  # libass Fontsize (the font's ascender-to-descender height)
    margin_h: int  # left and right
    margin_v: int  # from the bottom edge to the bottom of the text


def placement(width: int, height: int) -> Placement:
    """16:9 and 1:1: the classic title-safe bottom. 9:16: vertical apps lay their own controls over about
    the bottom fifth and the right edge, so the captions end above 79% of the height, 9% from each side."""
    short = min(width, height)
    if height > width:
        return Placement(round(short * 0.058), round(width * 0.09), round(height * 0.21))
    return Placement(round(short * 0.058), round(width * 0.08), round(height * 0.07))


def line_width(aspect_width: int, aspect_height: int) -> int:
    """Characters per caption line: 42 (the broadcast rule) where the frame is wide; a vertical frame has
    room for fewer at a readable size."""
    return 32 if aspect_height > aspect_width else MAX_LINE


def to_ass(cues: Iterable[Cue], width: int, height: int, font: str, offset: float = 0.0, size: int = 0) -> str:
    """An ASS script for burning cues in: bottom centre, white with a dark outline, inside the safe area.

    `offset` is subtracted from every time, so a render segment can burn its own slice of the film; `size`
    (when set) is the font size that fits the film's widest line between the margins."""
    place = placement(width, height)
    size = min(size or place.size, place.size)
    outline = max(1, round(size * 0.09))
    margin_v, margin_h = place.margin_v, place.margin_h
    header = (
        "[Script Info]\nScriptType: v4.00+\nWrapStyle: 2\nScaledBorderAndShadow: yes\n"
        f"PlayResX: {width}\nPlayResY: {height}\n\n"
        "[V4+ Styles]\n"
        "Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, "
        "Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, "
        "Alignment, MarginL, MarginR, MarginV, Encoding\n"
        f"Style: Caption,{font},{size},&H00FFFFFF,&H00FFFFFF,&H00201810,&H80000000,-1,0,0,0,100,100,0,0,1,"
        f"{outline},{max(1, outline // 2)},2,{margin_h},{margin_h},{margin_v},1\n\n"
        "[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n"
    )
    events = [
        f"Dialogue: 0,{_ass_clock(c.start - offset)},{_ass_clock(c.end - offset)},Caption,,0,0,0,,"
        + "\\N".join(_ass_escape(line) for line in c.lines)
        for c in cues
    ]
    return header + "\n".join(events) + "\n"
