"""Caption cutting: two lines of 42 characters, 1-7 s a cue, never across a cut; SRT/WebVTT/ASS text."""

from __future__ import annotations

import itertools

import pytest
import srt

from tools.captions import MAX_LINE, Cue, Word, cut_cues, dangles, line_width, placement, to_ass, to_srt, to_vtt, wrap


def words_of(text: str, start: float = 0.0, pace: float = 0.3) -> list[Word]:
    return [Word(w, start + i * pace, start + i * pace + pace * 0.8) for i, w in enumerate(text.split())]


LONG = ("On a rocky island at the edge of the sea, old Elias kept the lighthouse burning every night, "
        "and nobody ever thanked him for it, not once in forty long years of storms.")  # fmt: skip


def test_wrap_balances_two_lines_and_refuses_three() -> None:
    assert wrap(["short", "line"]) == ["short line"]
    words = "the quick brown fox jumps over the lazy dog and then some more"
    top, bottom = wrap(words.split()) or []
    assert len(top) <= MAX_LINE and len(bottom) <= MAX_LINE and abs(len(top) - len(bottom)) < 12
    assert wrap(("word " * 30).split()) is None


def test_cues_respect_lines_length_and_scene() -> None:
    words = words_of(LONG, start=10.0, pace=0.32)
    scene_end = words[-1].end + 0.5
    cues = cut_cues(words, 10.0, scene_end)
    assert len(cues) >= 3
    for cue in cues:
        assert 1 <= len(cue.lines) <= 2
        assert all(len(line) <= MAX_LINE for line in cue.lines)
        assert 10.0 <= cue.start < cue.end <= scene_end
        assert cue.end - cue.start <= 7.0
    assert " ".join(" ".join(c.lines) for c in cues).split() == LONG.split()  # nothing lost, order kept
    assert all(a.end <= b.start for a, b in itertools.pairwise(cues))


def test_a_cue_lasts_at_least_a_second_unless_the_cut_comes_first() -> None:
    cues = cut_cues(words_of("Bolt.", start=2.0, pace=0.2), 2.0, 10.0)
    assert cues[0].end - cues[0].start >= 1.0
    clipped = cut_cues(words_of("Bolt.", start=2.0, pace=0.2), 2.0, 2.5)
    assert clipped[0].end <= 2.5


def test_long_sentences_break_at_clauses_not_mid_phrase() -> None:
    cues = cut_cues(
        words_of("On a rocky island at the edge of the sea, old Elias kept the lighthouse burning every night."), 0, 30
    )
    assert cues[0].text == "On a rocky island at the edge of the sea,"


def test_srt_and_vtt_parse_back() -> None:
    cues = [Cue(1.0, 2.5, ("Hello there,", "general.")), Cue(3.0, 4.25, ("Bye.",))]
    parsed = list(srt.parse(to_srt(cues)))
    assert [(p.start.total_seconds(), p.end.total_seconds(), p.content) for p in parsed] == [
        (1.0, 2.5, "Hello there,\ngeneral."),
        (3.0, 4.25, "Bye."),
    ]
    vtt = to_vtt(cues)
    assert vtt.startswith("WEBVTT\n\n00:00:01.000 --> 00:00:02.500\nHello there,\ngeneral.\n")


def test_ass_is_offset_for_a_segment_and_escapes_override_braces() -> None:
    ass = to_ass([Cue(10.0, 12.0, ("a {b}",))], 320, 180, "Source Sans Pro", offset=9.5)
    assert "Dialogue: 0,0:00:00.50,0:00:02.50,Caption,,0,0,0,,a (b)" in ass
    assert "PlayResX: 320" in ass and "Style: Caption,Source Sans Pro," in ass


def _stories() -> list[str]:
    """Narration nobody tuned the line breaks on: the offline Screenwriter's stories of a few ideas."""
    from agents.screenwriter import write
    from domain import Options

    ideas = [
        ("a fox and a crow argue over a piece of cheese", "fairy-tale"),
        ("how volcanoes form", "documentary"),
        ("two sisters open a bakery in a small town", "romance"),
        ("a detective loses her memory", "mystery"),
    ]
    return [write(idea, Options(story_type=kind, length=1200), None)[0].text for idea, kind in ideas]


@pytest.mark.parametrize("width", [MAX_LINE, 32])
def test_lines_break_at_phrase_boundaries_where_a_break_fits(width: int) -> None:
    """No line ends on an article, preposition or conjunction when another break would fit the lines."""
    lines = avoidable = 0
    for text in [LONG, *_stories()]:
        for cue in cut_cues(words_of(text), 0.0, 10_000.0, width):
            words = cue.text.split()
            assert all(len(line) <= width for line in cue.lines)
            lines += len(cue.lines)
            if len(cue.lines) == 2 and dangles(cue.lines[0].split()[-1]):
                other_cuts = [k for k in range(1, len(words)) if not dangles(words[k - 1])
                              and len(" ".join(words[:k])) <= width and len(" ".join(words[k:])) <= width]  # fmt: skip
                avoidable += bool(other_cuts)
    assert lines > 40 and avoidable == 0


def test_a_cue_hands_a_leaning_last_word_to_the_next() -> None:
    words = words_of(
        "At the darkest hour of the longest night of the year a storm broke over the island and the sea rose"
    )
    cues = cut_cues(words, 0.0, 100.0)
    assert len(cues) > 1 and not any(dangles(c.text.split()[-1]) for c in cues)


def test_vertical_captions_sit_above_the_apps_controls() -> None:
    wide, tall = placement(1920, 1080), placement(1080, 1920)
    assert wide.margin_v == round(1080 * 0.07) and wide.margin_h == round(1920 * 0.08)  # as before
    assert tall.margin_v >= 0.2 * 1920 and tall.margin_h >= 0.08 * 1080
    assert line_width(9, 16) < MAX_LINE == line_width(16, 9) == line_width(1, 1)
    style = next(line for line in to_ass([], 1080, 1920, "Sans", size=40).splitlines() if line.startswith("Style:"))
    assert style.split(",")[2] == "40" and style.split(",")[-2] == str(tall.margin_v)
