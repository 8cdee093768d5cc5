"""The render plan: segments tile the film exactly, and the argv builders say what the render will do."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.captions import Cue
from tools.render.ffmpeg import (
    decode_argv,
    master_argv,
    master_gain,
    move_chain,
    mux_argv,
    segment_argv,
    segment_ass,
    segment_name,
)
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
    assert "loop=loop=15:size=1" in graph  # 15 frames and the zoom's one extra that sizes its links
    assert "fade=t=out:s=0:n=7[va]" in graph and "fade=t=in:s=7:n=8[vb]" in graph  # dip to black at the cut
    assert "overlay=enable='gte(n,7)'" in graph
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


def test_moves_pick_the_cheapest_exact_way() -> None:
    zoom = move_chain(CAMERA_MOTIONS["push-in"], 1920, 1080, 0, 100, 30, 30)
    assert "scale=w='1920+2*round(" in zoom and "eval=frame" in zoom and "crop=w=1920:h=1080" in zoom
    assert zoom.index("loop=") < zoom.index("scale=")  # the zoom changes every frame
    glide = move_chain(CAMERA_MOTIONS["pan-right"], 1920, 1080, 0, 150, 30, 30)
    assert glide.startswith("scale=2070:1166:flags=lanczos,format=yuv444p,loop=")  # scaled once, then repeated
    assert "x='clip(n+0,0,150)'" in glide  # one pixel a frame across the 150-frame shot
    left = move_chain(CAMERA_MOTIONS["pan-left"], 1920, 1080, 40, 150, 30, 30)
    assert "x='clip(150-(n+40),0,150)'" in left  # a segment starting 40 frames into the shot
    warp = move_chain(CAMERA_MOTIONS["tilt-up"], 320, 180, 0, 150, 30, 30)  # too little room to glide
    assert "perspective=" in warp and "eval=frame" in warp
    assert (
        move_chain(Motion(), 320, 180, 0, 150, 30, 30)
        == "format=yuv420p,loop=loop=29:size=1:start=0,settb=1/30,setpts=N"
    )
    assert Motion().still and not CAMERA_MOTIONS["tilt-up"].still


def test_a_glide_moves_exactly_one_pixel_per_frame_across_the_shot() -> None:
    chain = move_chain(CAMERA_MOTIONS["pan-right"], 1920, 1080, 0, 300, 30, 30)
    # 192 px (10% of the width, so a zoom of 1.1), held 54 frames either side of the move.
    assert "x='clip(n+-54,0,192)'" in chain and chain.startswith("scale=2112:1188:")


def test_a_still_shot_gets_no_move_filter() -> None:
    tl = Timeline(320, 180, (Shot(Path("/a.png"), 60, Motion()),), ())
    graph = segment_argv(tl, segments(tl)[0], "o.mp4", None)
    assert "perspective" not in graph[graph.index("-filter_complex") + 1]
    assert "scale=" not in graph[graph.index("-filter_complex") + 1]


def test_the_sound_is_decoded_to_the_films_length_and_mastered_to_minus_16_lufs() -> None:
    tl = timeline([90, 120], narration=Path("/n.wav"), music=Path("/m.wav"))
    decode = decode_argv(tl, "v.raw", "m.raw")
    assert decode.count("-t") == 2 and decode[decode.index("-t") + 1] == f"{tl.duration:.6f}"
    assert decode[-1] == "m.raw" and "v.raw" in decode and decode.count("apad") == 2
    assert "m.raw" not in decode_argv(timeline([90, 120], narration=Path("/n.wav")), "v.raw", "m.raw")
    assert master_gain(-25.9, -9.6) == (9.9, True)  # +9.9 dB would push peaks past the limiter's ceiling
    assert master_gain(-18.0, -12.0) == (2.0, False)
    master = master_argv(tl, "mix.wav", 9.9, True, "a.m4a")
    chain = master[master.index("-af") + 1]
    assert chain.startswith("volume=9.9dB,alimiter=limit=0.7079") and master[master.index("-c:a") + 1] == "aac"
    assert "alimiter" not in " ".join(master_argv(tl, "mix.wav", 2.0, False, "a.m4a"))


def test_join_copies_streams_and_names_are_content_hashes() -> None:
    argv = mux_argv("list.txt", "a.m4a", "film.mp4")
    assert argv[argv.index("-c") + 1] == "copy" and "+faststart" in argv
    tl = timeline([90, 120])
    seg = segments(tl)[0]
    same = segment_name(segment_argv(tl, seg, "x.mp4", None), None)
    assert same == segment_name(segment_argv(tl, seg, "y.mp4", None), None)  # the output name is not content
    assert same != segment_name(segment_argv(tl, seg, "x.mp4", None), "captions")
