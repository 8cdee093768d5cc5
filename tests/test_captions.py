"""Caption cutting: two lines of 42 characters, 1-7 s a cue, never across a cut; SRT/WebVTT/ASS text."""

from __future__ import annotations

import itertools

import srt

from tools.captions import MAX_LINE, Cue, Word, cut_cues, to_ass, to_srt, to_vtt, wrap


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
