"""Pure functions from the timeline to ffmpeg argument lists: nothing here runs anything or touches files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

from tools.captions import to_ass
from tools.render.timeline import Motion, Segment, Timeline

FONTS_LINK = "fonts"  # the runner links the caption fonts here, beside the segments: no path escaping in filters


GLIDE_TRAVEL = 0.10  # at most this share of the frame: the zoom a glide needs stays under 1.1


def _eased(counter: str, first: int, span: int) -> str:
    """Smoothstep progress 0..1 of a move at this output frame (`counter` is the filter's frame number)."""
    return f"(st(0,clip(({counter}+{first})/{span},0,1));ld(0)*ld(0)*(3-2*ld(0)))"


def _hold(frames: int, fps: int) -> str:
    """Repeat the one decoded still: decoding a PNG per frame (what -loop 1 does) costs more than the move."""
    return f"loop=loop={frames - 1}:size=1:start=0,settb=1/{fps},setpts=N"


def zoom_chain(motion: Motion, width: int, height: int, first: int, span: int, frames: int, fps: int) -> str:
    """A centred zoom as scale + crop, several times cheaper than a perspective warp.

    The scaled size grows by whole pixels on both sides at once, so the crop offset is an exact integer and
    the centre never wobbles; the crop runs in yuv444p because a yuv420p crop snaps to even pixels.

    Inside a filtergraph a link keeps the frame size it was configured with (from the first frame) even
    when scale's eval=frame changes it, and crop clamps its offset against that size. So the chain opens
    with one extra frame at the move's largest zoom, which configures the links, and trims it off after
    the crop; every real frame is smaller, the clamp never bites, and the exact offset stands."""
    counter = f"(round(t*{fps})-1)"  # frame 0 is the extra one
    z = (
        f"if(lt({counter},0),{max(motion.zoom)},"
        f"{motion.zoom[0]}+{motion.zoom[1] - motion.zoom[0]:.6f}*{_eased(counter, first, span)})"
    )
    half_w, half_h = f"round({width / 2}*(({z})-1))", f"round({height / 2}*(({z})-1))"
    return (
        f"{_hold(frames + 1, fps)},"
        f"scale=w='{width}+2*{half_w}':h='{height}+2*{half_h}':eval=frame:flags=bilinear,format=yuv444p,"
        f"crop=w={width}:h={height}:x='{half_w}':y='{half_h}',trim=start_frame=1,setpts=PTS-STARTPTS,"
        "format=yuv420p"
    )


def glide_chain(motion: Motion, width: int, height: int, first: int, span: int, repeat: str) -> str | None:
    """A pan or tilt at exactly one pixel per frame: scale once, then crop one pixel further each frame.

    Whole-pixel steps at a constant whole-pixel speed are perfectly even, so this is as smooth as a sub-pixel
    warp at a fraction of its cost (30 px/s at 30 fps). The travel is capped at GLIDE_TRAVEL of the frame;
    a longer shot holds still before and after the move. A shot that would spend over two thirds of its time
    holding (small frames, long shots) returns None and takes the warp."""
    along_x = motion.x[0] != motion.x[1]
    if motion.zoom[0] != motion.zoom[1] or (along_x and motion.y[0] != motion.y[1]):
        return None
    side = width if along_x else height
    travel = min(span, int(side * GLIDE_TRAVEL))
    if travel < span / 3:
        return None
    wait = (span - travel) // 2  # frames held still before the move starts
    if along_x:
        big_w = width + travel
        big_h = 2 * ((height * big_w + width * 2 - 1) // (width * 2))  # keep the aspect, round up to even
    else:
        big_h = height + travel
        big_w = 2 * ((width * big_h + height * 2 - 1) // (height * 2))
    forward = (motion.x[1] > motion.x[0]) if along_x else (motion.y[1] > motion.y[0])
    at = f"n+{first - wait}"
    step = f"clip({at},0,{travel})" if forward else f"clip({travel}-({at}),0,{travel})"
    x, y = (step, str((big_h - height) // 2)) if along_x else (str((big_w - width) // 2), step)
    crop = f"crop=w={width}:h={height}:x='{x}':y='{y}'"
    return f"scale={big_w}:{big_h}:flags=lanczos,format=yuv444p,{repeat},{crop},format=yuv420p"


def warp_filter(motion: Motion, width: int, height: int, first: int, span: int) -> str:
    """Any other move as a perspective warp: exact sub-pixel framing for pans too long to glide. The four
    corners are the view rectangle in the source image."""
    e = _eased("in", first, span)
    z = f"({motion.zoom[0]}+{motion.zoom[1] - motion.zoom[0]:.6f}*{e})"
    cx = f"({motion.x[0]}+{motion.x[1] - motion.x[0]:.6f}*{e})*{width}"
    cy = f"({motion.y[0]}+{motion.y[1] - motion.y[0]:.6f}*{e})*{height}"
    left, right = f"{cx}-{width / 2}/{z}", f"{cx}+{width / 2}/{z}"
    top, bottom = f"{cy}-{height / 2}/{z}", f"{cy}+{height / 2}/{z}"
    corners = {"x0": left, "y0": top, "x1": right, "y1": top, "x2": left, "y2": bottom, "x3": right, "y3": bottom}
    args = ":".join(f"{k}='{v}'" for k, v in corners.items())
    return f"perspective={args}:interpolation=linear:eval=frame"


def move_chain(motion: Motion, width: int, height: int, first: int, span: int, frames: int, fps: int) -> str:
    """Filters that turn one decoded still into `frames` yuv420p frames of the move, cheapest exact way first:
    nothing for a still, scale + crop for a centred zoom, a whole-pixel glide for a pan, else the warp."""
    hold = _hold(frames, fps)
    if motion.still:
        return f"format=yuv420p,{hold}"
    if motion.x == (0.5, 0.5) and motion.y == (0.5, 0.5) and min(motion.zoom) >= 1.0:
        return zoom_chain(motion, width, height, first, span, frames, fps)
    glide = glide_chain(motion, width, height, first, span, hold)
    if glide is not None:
        return glide
    return f"format=yuv420p,{hold},{warp_filter(motion, width, height, first, span)}"


MAX_SLOW = 2.0  # a generated clip shorter than its scene plays at down to half speed, then holds


def clip_chain(clip_frames: int, shown: int, first: int, frames: int, fps: int) -> str:
    """A generated clip over the `shown` frames its shot is seen for: slowed (at most MAX_SLOW) to fill
    them, then held on its last frame; a longer clip is cut. This segment takes `frames` from `first`."""
    speed = min(MAX_SLOW, max(1.0, shown / max(1, clip_frames)))
    return (
        f"setpts={speed:.6f}*(PTS-STARTPTS),fps={fps},tpad=stop_mode=clone:stop={shown},"
        f"trim=start_frame={first}:end_frame={first + frames},setpts=PTS-STARTPTS,format=yuv420p"
    )


def _picture_chain(timeline: Timeline, index: int, shot_index: int, first: int, frames: int) -> str:
    shot = timeline.shots[shot_index]
    before = timeline.transition_frames // 2
    after = timeline.transition_frames - before
    if shot.clip is not None:
        return f"[{index}:v]" + clip_chain(shot.clip_frames, shot.frames + before + after, first + before, frames,
                                           timeline.fps)  # fmt: skip
    # The move runs over everything the shot is seen in, transitions included, so it never stops at a cut.
    span = max(1, shot.frames + before + after - 1)
    moved = move_chain(shot.motion, timeline.width, timeline.height, first + before, span, frames, timeline.fps)
    return f"[{index}:v]{moved}"


def segment_ass(timeline: Timeline, segment: Segment) -> str | None:
    """The captions seen during this segment, timed from its first frame (None: nothing to burn)."""
    if timeline.fonts_dir is None:
        return None
    start, end = segment.start / timeline.fps, (segment.start + segment.frames) / timeline.fps
    cues = [c for c in timeline.cues if c.start < end and c.end > start]
    if not cues:
        return None
    return to_ass(
        cues, timeline.width, timeline.height, timeline.caption_font, offset=start, size=timeline.caption_size
    )


def crossfade(outgoing: str, incoming: str, frames: int, label: str) -> str:
    """The outgoing shot fades out over the incoming one: a fade of its alpha and an overlay, which costs
    about half of what xfade does per frame."""
    return (f"{outgoing},format=yuva420p,fade=t=out:s=0:n={frames}:alpha=1[{label}a];"
            f"{incoming}[{label}b];[{label}b][{label}a]overlay=format=yuv420")  # fmt: skip


def dip_to_black(outgoing: str, incoming: str, frames: int, label: str) -> str:
    """Out to black over the first half, in from black over the second (title card to first scene)."""
    half = frames // 2
    return (f"{outgoing},fade=t=out:s=0:n={half}[{label}a];"
            f"{incoming},fade=t=in:s={half}:n={frames - half}[{label}b];"
            f"[{label}a][{label}b]overlay=enable='gte(n,{half})':format=yuv420")  # fmt: skip


TRANSITIONS: dict[str, Callable[[str, str, int, str], str]] = {"fade": crossfade, "fadeblack": dip_to_black}


def segment_graph(timeline: Timeline, segment: Segment, ass_file: str | None, first_input: int, label: str) -> str:
    """The filtergraph of one segment, reading its stills from input `first_input` on, ending at [label]."""
    chains = [
        _picture_chain(timeline, first_input + i, part.shot, part.first, part.frames)
        for i, part in enumerate(segment.parts)
    ]
    if segment.transition:
        graph = [TRANSITIONS[segment.transition](chains[0], chains[1], segment.frames, label)]
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
    graph[-1] += "," + ",".join(tail) + f"[{label}]"
    return ";".join(graph)


def encoder_args(timeline: Timeline, frames: int, threads: int = 0) -> list[str]:
    """Identical for every segment, which is what lets the join copy streams instead of re-encoding.
    (`threads` only spreads the work: 0 lets x264 use every core.)"""
    enc = timeline.encoding
    return ["-frames:v", str(frames), "-r", str(timeline.fps), "-c:v", "libx264", "-preset", enc.preset,
            "-crf", str(enc.crf), "-threads", str(threads), "-pix_fmt", "yuv420p",
            "-video_track_timescale", str(timeline.fps * 512), "-an"]  # fmt: skip


def segment_argv(
    timeline: Timeline, segment: Segment, output: str, ass_file: str | None, threads: int = 0
) -> list[str]:
    """ffmpeg arguments that encode one segment (silent video) to `output`, burning `ass_file` if given."""
    sources = [timeline.shots[part.shot].clip or timeline.shots[part.shot].image for part in segment.parts]
    inputs = [arg for source in sources for arg in ("-i", str(source))]
    graph = segment_graph(timeline, segment, ass_file, 0, "v")
    return ["-hide_banner", "-loglevel", "error", "-y", *inputs, "-filter_complex", graph, "-map", "[v]",
            *encoder_args(timeline, segment.frames, threads), output]  # fmt: skip


TARGET_LUFS = -16.0
CEILING_DBTP = -1.5
LIMIT_DBFS = -3.0  # the limiter's sample-peak ceiling: true peaks and AAC's overshoot stay under CEILING_DBTP


def decode_argv(timeline: Timeline, voice: str, music: str | None) -> list[str]:
    """The narration (mono) and the music (stereo) as raw 32-bit float PCM at 48 kHz, each exactly as long
    as the film, for the planned mix (tools/render/mix.py)."""
    if timeline.narration is None:
        raise ValueError("the timeline has no narration track")
    length = ["-af", "apad", "-t", f"{timeline.duration:.6f}", "-ar", "48000", "-f", "f32le", "-c:a", "pcm_f32le"]
    argv = ["-hide_banner", "-loglevel", "error", "-y", "-i", str(timeline.narration)]
    if music is not None and timeline.music is not None:
        argv += ["-i", str(timeline.music)]
    argv += ["-map", "0:a", "-ac", "1", *length, voice]
    if music is not None and timeline.music is not None:
        argv += ["-map", "1:a", "-ac", "2", *length, music]
    return argv


def measure_argv(wav: str) -> list[str]:
    """EBU R128 integrated loudness and true peak, printed in ffmpeg's summary (8x faster than loudnorm's)."""
    return ["-hide_banner", "-nostats", "-i", wav, "-af", "ebur128=peak=true:framelog=quiet", "-f", "null", "-"]


def master_gain(integrated: float, true_peak: float) -> tuple[float, bool]:
    """The one gain that brings the mix to TARGET_LUFS, and whether its peaks then need the limiter."""
    gain = TARGET_LUFS - integrated
    return round(gain, 2), true_peak + gain > LIMIT_DBFS


def master_argv(timeline: Timeline, wav: str, gain_db: float, limit: bool, output: str) -> list[str]:
    """Loudness by one linear gain (no pumping), a peak limiter only when the gain needs one, then AAC.

    Mixed and encoded once over the whole film, not per segment, so there are no AAC gaps at the joins.
    The "fast" AAC coder takes half the CPU of the default "twoloop" and is transparent at 160 kb/s."""
    chain = f"volume={gain_db}dB"
    if limit:
        chain += f",alimiter=limit={10 ** (LIMIT_DBFS / 20):.4f}:attack=5:release=80:level=false:latency=1"
    return ["-hide_banner", "-loglevel", "error", "-y", "-i", wav, "-af", chain, "-t", f"{timeline.duration:.6f}",
            "-c:a", "aac", "-aac_coder", "fast", "-b:a", timeline.encoding.audio_bitrate, output]  # fmt: skip


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
    """A segment file is named by the hash of everything that makes it: its argv (less the output name and
    the thread count, which change how fast, not what) and its captions."""
    import hashlib

    parts = [a for i, a in enumerate(argv[:-1]) if i == 0 or argv[i - 1] != "-threads"]
    blob = "\0".join(parts) + "\0" + (ass or "")
    return hashlib.sha256(blob.encode()).hexdigest()[:24]


def fontconfig(fonts_dir: Path, cache_dir: Path) -> str:
    """A fontconfig file that knows only crewcut's caption fonts: libass starts without scanning the
    machine's fonts (about 0.15 s a segment), and captions look the same on every machine."""
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
        f"<fontconfig><dir>{escape(str(fonts_dir))}</dir><cachedir>{escape(str(cache_dir))}</cachedir></fontconfig>\n"
    )


def ffmpeg_path() -> Path:
    """The one place the ffmpeg binary is resolved: the static build imageio-ffmpeg ships."""
    import imageio_ffmpeg

    return Path(imageio_ffmpeg.get_ffmpeg_exe())
