"""Pure functions from the timeline to ffmpeg argument lists: nothing here runs anything or touches files."""

from __future__ import annotations

from pathlib import Path

from tools.captions import to_ass
from tools.render.timeline import Motion, Segment, Timeline

FONTS_LINK = "fonts"  # the runner links the caption fonts here, beside the segments: no path escaping in filters


def _eased(counter: str, first: int, span: int) -> str:
    """Smoothstep progress 0..1 of a move at this output frame (`counter` is the filter's frame number)."""
    return f"(st(0,clip(({counter}+{first})/{span},0,1));ld(0)*ld(0)*(3-2*ld(0)))"


def zoom_filter(motion: Motion, width: int, height: int, first: int, span: int) -> str:
    """A centred zoom as scale + crop: about five times cheaper than a perspective warp.

    The scaled size grows in whole pixels on both sides at once, so the crop offset is an exact integer
    and the centre never wobbles; it runs in yuv444p because a yuv420p crop snaps to even pixels."""
    z = f"({motion.zoom[0]}+{motion.zoom[1] - motion.zoom[0]:.6f}*{_eased('n', first, span)})"
    half_w, half_h = f"round({width / 2}*({z}-1))", f"round({height / 2}*({z}-1))"
    return (
        f"format=yuv444p,scale=w='{width}+2*{half_w}':h='{height}+2*{half_h}':eval=frame:flags=bicubic,"
        f"crop=w={width}:h={height}:x='{half_w}':y='{half_h}'"
    )


def pan_filter(motion: Motion, width: int, height: int, first: int, span: int) -> str:
    """A move that travels, as a perspective warp: exact sub-pixel framing, so a slow pan glides instead of
    stepping a whole pixel at a time the way an integer crop (or zoompan) does. The four corners are the
    view rectangle in the source image."""
    e = _eased("in", first, span)
    z = f"({motion.zoom[0]}+{motion.zoom[1] - motion.zoom[0]:.6f}*{e})"
    cx = f"({motion.x[0]}+{motion.x[1] - motion.x[0]:.6f}*{e})*{width}"
    cy = f"({motion.y[0]}+{motion.y[1] - motion.y[0]:.6f}*{e})*{height}"
    left, right = f"{cx}-{width / 2}/{z}", f"{cx}+{width / 2}/{z}"
    top, bottom = f"{cy}-{height / 2}/{z}", f"{cy}+{height / 2}/{z}"
    corners = {"x0": left, "y0": top, "x1": right, "y1": top, "x2": left, "y2": bottom, "x3": right, "y3": bottom}
    args = ":".join(f"{k}='{v}'" for k, v in corners.items())
    return f"perspective={args}:interpolation=linear:eval=frame"


def move_filter(motion: Motion, width: int, height: int, first: int, span: int) -> str:
    """The camera move as a filter: the cheap exact zoom when the view stays centred, the warp otherwise."""
    centred = motion.x == (0.5, 0.5) and motion.y == (0.5, 0.5) and min(motion.zoom) >= 1.0
    return (zoom_filter if centred else pan_filter)(motion, width, height, first, span)


def _picture_chain(timeline: Timeline, index: int, shot_index: int, first: int, frames: int) -> str:
    """One still turned into `frames` moving frames: decoded once, repeated by `loop`, then moved."""
    shot = timeline.shots[shot_index]
    before = timeline.transition_frames // 2
    after = timeline.transition_frames - before
    # The move runs over everything the shot is seen in, transitions included, so it never stops at a cut.
    span = max(1, shot.frames + before + after - 1)
    chain = [f"[{index}:v]format=yuv420p", f"loop=loop={frames - 1}:size=1:start=0", f"setpts=N/({timeline.fps}*TB)"]
    if not shot.motion.still:
        chain.append(move_filter(shot.motion, timeline.width, timeline.height, first + before, span))
    return ",".join(chain)


def segment_ass(timeline: Timeline, segment: Segment) -> str | None:
    """The captions seen during this segment, timed from its first frame (None: nothing to burn)."""
    if timeline.fonts_dir is None:
        return None
    start, end = segment.start / timeline.fps, (segment.start + segment.frames) / timeline.fps
    cues = [c for c in timeline.cues if c.start < end and c.end > start]
    if not cues:
        return None
    return to_ass(cues, timeline.width, timeline.height, timeline.caption_font, offset=start)


def segment_argv(timeline: Timeline, segment: Segment, output: str, ass_file: str | None) -> list[str]:
    """ffmpeg arguments that encode one segment (silent video) to `output`, burning `ass_file` if given."""
    argv = ["-hide_banner", "-loglevel", "error", "-y"]
    chains = []
    for i, part in enumerate(segment.parts):
        argv += ["-i", str(timeline.shots[part.shot].image)]
        chains.append(_picture_chain(timeline, i, part.shot, part.first, part.frames))
    if segment.transition:
        seconds = segment.frames / timeline.fps
        graph = [
            f"{chains[0]}[a]",
            f"{chains[1]}[b]",
            f"[a][b]xfade=transition={segment.transition}:duration={seconds:.6f}:offset=0",
        ]
    else:
        graph = [chains[0]]
    tail = []
    if segment.fade_in:
        tail.append(f"fade=t=in:s=0:n={timeline.fade_frames}")
    if segment.fade_out:
        tail.append(f"fade=t=out:s={segment.frames - timeline.fade_frames}:n={timeline.fade_frames}")
    if ass_file:
        tail.append(f"ass=filename={ass_file}:fontsdir={FONTS_LINK}")
    tail.append("format=yuv420p")
    graph[-1] += "," + ",".join(tail) + "[v]"
    enc = timeline.encoding
    return [
        *argv,
        "-filter_complex",
        ";".join(graph),
        "-map",
        "[v]",
        "-frames:v",
        str(segment.frames),
        "-r",
        str(timeline.fps),
        "-c:v",
        "libx264",
        "-preset",
        enc.preset,
        "-crf",
        str(enc.crf),
        "-pix_fmt",
        "yuv420p",
        "-video_track_timescale",
        str(timeline.fps * 512),
        "-an",
        output,
    ]


LOUDNESS = "I=-16:TP=-2.0:LRA=11"  # -16 LUFS; the ceiling sits 0.5 dB under -1.5 dBTP for AAC's overshoot
MEASURED = ("input_i", "input_tp", "input_lra", "input_thresh", "target_offset")


def _mix_graph(timeline: Timeline, loudnorm: str) -> tuple[list[str], str]:
    if timeline.narration is None:
        raise ValueError("the timeline has no narration track")
    inputs = ["-i", str(timeline.narration)]
    stereo = "aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo"
    tail = f"{loudnorm},aresample=48000"
    if timeline.music is None:
        return inputs, f"[0:a]{stereo},{tail}[a]"
    graph = (
        f"[0:a]{stereo},asplit=2[voice][key];"
        f"[1:a]{stereo},volume=0.32[bed];"
        "[bed][key]sidechaincompress=threshold=0.02:ratio=8:attack=20:release=450[ducked];"
        f"[voice][ducked]amix=inputs=2:duration=first:normalize=0,{tail}[a]"
    )
    return [*inputs, "-i", str(timeline.music)], graph


def loudness_probe_argv(timeline: Timeline) -> list[str]:
    """First pass: measure the mix; loudnorm prints its measurements as JSON at the end of stderr."""
    inputs, graph = _mix_graph(timeline, f"loudnorm={LOUDNESS}:print_format=json")
    return [
        "-hide_banner",
        "-nostats",
        "-y",
        *inputs,
        "-filter_complex",
        graph,
        "-map",
        "[a]",
        "-t",
        f"{timeline.duration:.6f}",
        "-f",
        "null",
        "-",
    ]


def audio_argv(timeline: Timeline, output: str, measured: dict[str, str] | None = None) -> list[str]:
    """Narration over music, the music ducked under the voice, loudness-normalised once for the whole film.

    With the first pass's measurements the gain is one linear change (exact, no pumping); mixed once over
    the film, not per segment, so there are no AAC priming gaps at the joins."""
    loudnorm = f"loudnorm={LOUDNESS}"
    if measured:
        loudnorm += (
            f":measured_I={measured['input_i']}:measured_TP={measured['input_tp']}"
            f":measured_LRA={measured['input_lra']}:measured_thresh={measured['input_thresh']}"
            f":offset={measured['target_offset']}:linear=true"
        )
    inputs, graph = _mix_graph(timeline, loudnorm)
    return [
        "-hide_banner",
        "-loglevel",
        "error",
        "-y",
        *inputs,
        "-filter_complex",
        graph,
        "-map",
        "[a]",
        "-t",
        f"{timeline.duration:.6f}",
        "-c:a",
        "aac",
        "-b:a",
        timeline.encoding.audio_bitrate,
        output,
    ]


def concat_list(paths: list[str]) -> str:
    return "".join(f"file '{p}'\n" for p in paths)


def mux_argv(list_file: str, audio: str, output: str) -> list[str]:
    """Join the segments (stream copy: they share every encoder setting) and lay the film's sound under them."""
    return [
        "-hide_banner",
        "-loglevel",
        "error",
        "-y",
        "-f",
        "concat",
        "-safe",
        "0",
        "-i",
        list_file,
        "-i",
        audio,
        "-map",
        "0:v",
        "-map",
        "1:a",
        "-c",
        "copy",
        "-movflags",
        "+faststart",
        output,
    ]


def segment_name(argv: list[str], ass: str | None) -> str:
    """A segment file is named by the hash of everything that makes it (its argv and its captions)."""
    import hashlib

    blob = "\0".join(a for a in argv[:-1]) + "\0" + (ass or "")
    return hashlib.sha256(blob.encode()).hexdigest()[:24]


def ffmpeg_path() -> Path:
    """The one place the ffmpeg binary is resolved: the static build imageio-ffmpeg ships."""
    import imageio_ffmpeg

    return Path(imageio_ffmpeg.get_ffmpeg_exe())
