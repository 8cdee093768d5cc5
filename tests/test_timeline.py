"""The render plan: segments tile the film exactly, and the argv builders say what the render will do."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.captions import Cue
from tools.render.ffmpeg import audio_argv, move_filter, mux_argv, segment_argv, segment_ass, segment_name
from tools.render.timeline import CAMERA_MOTIONS, Motion, Shot, Timeline, segments


def timeline(frames: list[int], **kw: object) -> Timeline:
    shots = tuple(Shot(Path(f"/frames/{i}.png"), n, CAMERA_MOTIONS["push-in"]) for i, n in enumerate(frames))
    kinds = tuple("fadeblack" if i == 0 else "fade" for i in range(len(frames) - 1))
    return Timeline(width=320, height=180, shots=shots, transitions=kinds, **kw)  # type: ignore[arg-type]


def test_segments_tile_the_film_without_gaps_or_overlap() -> None:
    tl = timeline([90, 120, 75, 200])
    segs = segments(tl)
    assert [s.transition for s in segs] == [None, "fadeblack", None, "fade", None, "fade", None]
    at = 0
    for seg in segs:
        assert seg.start == at and seg.frames > 0
        assert sum(p.frames for p in seg.parts) == seg.frames * len(seg.parts)
        at += seg.frames
    assert at == tl.total_frames == 485
    assert segs[0].fade_in and segs[-1].fade_out and not any(s.fade_out for s in segs[:-1])


def test_a_transition_straddles_its_cut_and_shows_both_shots() -> None:
    tl = timeline([90, 120])
    transition = segments(tl)[1]
    assert transition.start == 90 - 7 and transition.frames == 15
    outgoing, incoming = transition.parts
    assert (outgoing.shot, outgoing.first) == (0, 83) and (incoming.shot, incoming.first) == (1, -7)


def test_shots_too_short_for_their_transitions_are_refused() -> None:
    with pytest.raises(ValueError, match="at least 31 frames"):
        timeline([90, 20])


def test_segment_argv_loops_one_decode_moves_fades_and_burns_captions() -> None:
    tl = timeline([90, 120], cues=(Cue(3.5, 5.0, ("hi",)),), fonts_dir=Path("/fonts"), caption_font="Sans")
    body, transition, last = segments(tl)
    argv = segment_argv(tl, transition, "out.mp4", "seg.ass")
    graph = argv[argv.index("-filter_complex") + 1]
    assert argv.count("-i") == 2 and "-loop" not in argv  # each still decoded once, repeated by the loop filter
    assert "loop=loop=14:size=1" in graph and "xfade=transition=fadeblack:duration=0.500000:offset=0" in graph
    assert "ass=filename=seg.ass:fontsdir=fonts" in graph
    assert argv[argv.index("-frames:v") + 1] == "15" and argv[-1] == "out.mp4"
    assert argv[argv.index("-c:v") + 1] == "libx264" and argv[argv.index("-pix_fmt") + 1] == "yuv420p"
    first = segment_argv(tl, body, "a.mp4", None)
    assert "fade=t=in:s=0:n=15" in first[first.index("-filter_complex") + 1]
    end = segment_argv(tl, last, "b.mp4", None)
    assert f"fade=t=out:s={last.frames - 15}:n=15" in end[end.index("-filter_complex") + 1]


def test_captions_are_cut_per_segment_on_its_own_clock() -> None:
    tl = timeline([90, 120], cues=(Cue(3.5, 5.0, ("hello",)),), fonts_dir=Path("/fonts"), caption_font="Sans")
    body0, _transition, body1 = segments(tl)
    assert segment_ass(tl, body0) is None
    ass = segment_ass(tl, body1) or ""
    assert "Dialogue: 0,0:00:00.23,0:00:01.73,Caption,,0,0,0,,hello" in ass  # body1 starts at frame 98
    no_burn = timeline([90, 120], cues=(Cue(3.5, 5.0, ("hello",)),))
    assert segment_ass(no_burn, segments(no_burn)[2]) is None


def test_moves_pick_the_cheap_exact_zoom_or_the_subpixel_warp() -> None:
    zoom = move_filter(CAMERA_MOTIONS["push-in"], 1920, 1080, 0, 100)
    assert zoom.startswith("format=yuv444p,scale=") and "crop=w=1920:h=1080" in zoom
    pan = move_filter(CAMERA_MOTIONS["pan-left"], 1920, 1080, 0, 100)
    assert pan.startswith("perspective=") and "eval=frame" in pan
    assert Motion().still and not CAMERA_MOTIONS["tilt-up"].still


def test_a_still_shot_gets_no_move_filter() -> None:
    tl = Timeline(320, 180, (Shot(Path("/a.png"), 60, Motion()),), ())
    graph = segment_argv(tl, segments(tl)[0], "o.mp4", None)
    assert "perspective" not in graph[graph.index("-filter_complex") + 1]
    assert "scale=" not in graph[graph.index("-filter_complex") + 1]


def test_audio_ducks_music_under_the_voice_and_normalises_loudness() -> None:
    tl = timeline([90, 120], narration=Path("/n.wav"), music=Path("/m.wav"))
    argv = audio_argv(tl, "a.m4a", {"input_i": "-20", "input_tp": "-3", "input_lra": "4", "input_thresh": "-30",
                                    "target_offset": "0.1"})  # fmt: skip
    graph = argv[argv.index("-filter_complex") + 1]
    assert "sidechaincompress" in graph and "[bed][key]" in graph
    assert "loudnorm=I=-16:TP=-2.0:LRA=11:measured_I=-20" in graph and "linear=true" in graph
    assert argv[argv.index("-t") + 1] == f"{tl.duration:.6f}" and argv[argv.index("-c:a") + 1] == "aac"
    silent = timeline([90, 120], narration=Path("/n.wav"))
    assert "sidechaincompress" not in audio_argv(silent, "a.m4a")[6]


def test_join_copies_streams_and_names_are_content_hashes() -> None:
    argv = mux_argv("list.txt", "a.m4a", "film.mp4")
    assert argv[argv.index("-c") + 1] == "copy" and "+faststart" in argv
    tl = timeline([90, 120])
    seg = segments(tl)[0]
    same = segment_name(segment_argv(tl, seg, "x.mp4", None), None)
    assert same == segment_name(segment_argv(tl, seg, "y.mp4", None), None)  # the output name is not content
    assert same != segment_name(segment_argv(tl, seg, "x.mp4", None), "captions")
