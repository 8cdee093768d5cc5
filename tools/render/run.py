"""The thin runner: executes the planned ffmpeg commands, segments in parallel, reusing segments already made."""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from tools.files import clear_leftovers, temporary_name, written
from tools.processes import run_child
from tools.render.ffmpeg import (
    FONTS_LINK,
    TARGET_LUFS,
    concat_list,
    decode_argv,
    ffmpeg_path,
    fontconfig,
    master_argv,
    master_gain,
    measure_argv,
    mux_argv,
    segment_argv,
    segment_ass,
    segment_name,
)
from tools.render.mix import duck_gain, lines_of, write_float_wav
from tools.render.probe import video_frames
from tools.render.timeline import Segment, Timeline, segments

FONTS_CONF = "fonts.conf"


class RenderError(RuntimeError):
    """ffmpeg failed; the message carries the end of what it said."""


@dataclass
class Step:
    name: str
    seconds: float
    hits: int = 0
    misses: int = 0


@dataclass
class RenderReport:
    steps: list[Step] = field(default_factory=list)

    def add(self, name: str, started: float, hits: int = 0, misses: int = 0) -> None:
        self.steps.append(Step(name, round(time.perf_counter() - started, 3), hits, misses))


def run_ffmpeg(args: list[str], cwd: Path) -> str:
    """Run ffmpeg in `cwd` (with the fontconfig file there, if any); return what it said on stderr."""
    env = dict(os.environ)
    if (cwd / FONTS_CONF).exists():
        env["FONTCONFIG_FILE"] = str((cwd / FONTS_CONF).resolve())
    proc = run_child([str(ffmpeg_path()), *args], cwd=cwd, env=env, capture_output=True)
    if proc.returncode != 0:
        said = "\n".join(proc.stderr.strip().splitlines()[-8:])
        raise RenderError(f"ffmpeg failed (exit {proc.returncode}):\n{said}")
    return proc.stderr


def measure_loudness(wav: str, cwd: Path) -> tuple[float, float]:
    """Integrated loudness (LUFS) and true peak (dBTP) from ffmpeg's ebur128 summary."""
    said = run_ffmpeg(measure_argv(wav), cwd)
    summary = said[said.rfind("Summary:") :]
    found_i = re.search(r"I:\s+(-?[\d.]+|-inf) LUFS", summary)
    found_p = re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summary)
    if not (found_i and found_p):
        raise RenderError("ffmpeg's loudness measurement printed no result")
    integrated, peak = float(found_i.group(1)), float(found_p.group(1))
    if integrated == float("-inf"):  # a silent film: leave it silent
        return TARGET_LUFS, peak
    return integrated, peak


def _link_fonts(work: Path, fonts_dir: Path | None) -> None:
    link = work / FONTS_LINK
    if fonts_dir is None:
        return
    if not (link.is_symlink() and Path(os.readlink(link)) == fonts_dir):
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(fonts_dir, target_is_directory=True)
    (work / FONTS_CONF).write_text(fontconfig(fonts_dir, (work / "fontcache").resolve()), encoding="utf-8")


def render(
    timeline: Timeline,
    work: Path,
    output: Path,
    jobs: int = 2,
    report: RenderReport | None = None,
    before_mix: Callable[[], object] | None = None,
    encoded: Callable[[int, int], object] | None = None,
) -> Path:
    """Encode the timeline's segments into `work` (skipping ones already there), mix the sound, and join
    them into `output`. Every file is written under a temporary name first, so a killed render leaves no
    half-written segment to be mistaken for a finished one. `before_mix` is waited for before the sound is
    mixed (the caller may still be writing the music file while the picture encodes); `encoded(done, of)` is
    told, in frames, as each segment to encode is finished."""
    report = report if report is not None else RenderReport()
    work.mkdir(parents=True, exist_ok=True)
    clear_leftovers(work)  # what a killed render was writing
    _link_fonts(work, timeline.fonts_dir)
    todo: list[tuple[Segment, str, str | None]] = []  # (segment, key, captions) not yet encoded
    names: list[str] = []
    for seg in segments(timeline):
        ass = segment_ass(timeline, seg)
        key = segment_name(segment_argv(timeline, seg, "OUT", "CAPTIONS" if ass else None), ass)
        names.append(f"{key}.mp4")
        if video_frames(work / f"{key}.mp4") != seg.frames and all(t[1] != key for t in todo):
            if ass:
                (work / f"{key}.ass").write_text(ass, encoding="utf-8")
            todo.append((seg, key, ass))

    # Longest first, so the last segments to finish are short and no core idles at the end.
    todo.sort(key=lambda job: -job[0].frames)
    audio_name = f"audio-{segment_name(decode_argv(timeline, 'V', 'M'), _fingerprint(timeline))}.m4a"

    # Many segments: one x264 thread each, and the segments share the cores. A few (an edit): let x264
    # spread each one over every core, or one long segment would leave a core idle.
    threads = 1 if len(todo) > 2 * jobs else 0

    def encode(job: tuple[Segment, str, str | None]) -> None:
        seg, key, ass = job
        with written(work / f"{key}.mp4") as tmp:
            run_ffmpeg(segment_argv(timeline, seg, tmp.name, f"{key}.ass" if ass else None, threads), work)
            made = video_frames(tmp)
            if made != seg.frames:  # only a whole segment enters the cache
                raise RenderError(f"ffmpeg wrote {made or 0} of the {seg.frames} frames of a segment")

    def mix() -> None:
        if before_mix is not None:
            before_mix()
        mix_sound(timeline, work, audio_name)

    started = time.perf_counter()
    audio_cached = all((work / name).exists() for name in [audio_name, *stem_names(timeline, audio_name).values()])
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        # The sound mix runs beside the picture: it is a small single-threaded job.
        audio_job = None if audio_cached else pool.submit(mix)
        futures = {pool.submit(encode, job): job[0].frames for job in todo}
        done, of = 0, sum(futures.values())
        for future in as_completed(futures):
            future.result()
            done += futures[future]
            if encoded is not None:
                encoded(done, of)
        if audio_job:
            audio_job.result()
    report.add("segments", started, hits=len(set(names)) - len(todo), misses=len(todo))
    report.steps.append(Step("audio mix", 0.0, hits=int(audio_cached), misses=int(not audio_cached)))

    started = time.perf_counter()
    (work / "concat.txt").write_text(concat_list(names), encoding="utf-8")
    with written(output) as tmp:
        run_ffmpeg(mux_argv("concat.txt", audio_name, str(tmp.resolve())), work)
    report.add("join", started)
    stems = output.parent / "stems"
    stems.mkdir(exist_ok=True)
    stem_files = stem_names(timeline, audio_name)
    for old in stems.glob("*.wav"):
        if old.stem not in stem_files:  # a stem of an earlier render (music since turned off)
            old.unlink()
    for stem, name in stem_files.items():  # beside the film, as mixed into it
        with written(stems / f"{stem}.wav") as tmp:
            try:
                os.link(work / name, tmp)  # the cached stem itself, not a copy of tens of megabytes
            except OSError:
                shutil.copyfile(work / name, tmp)
    return output


def stem_names(timeline: Timeline, audio_name: str) -> dict[str, str]:
    """The stems a film's sound is summed from -> their names in the cache."""
    base = audio_name.removesuffix(".m4a")
    return {"narration": f"{base}.narration.wav", **({"music": f"{base}.music.wav"} if timeline.music else {})}


def mix_sound(timeline: Timeline, work: Path, audio_name: str) -> None:
    """Voice and ducked score summed, brought to TARGET_LUFS by one gain, encoded once for the whole film;
    the stems are kept with that same gain, so narration + music is the film's sound."""
    voice_raw, music_raw = temporary_name(work / "voice.raw"), temporary_name(work / "music.raw")
    mix_wav = temporary_name(work / "mix.wav")
    names = stem_names(timeline, audio_name)
    try:
        run_ffmpeg(decode_argv(timeline, voice_raw.name, music_raw.name if timeline.music else None), work)
        voice = np.fromfile(voice_raw, dtype="<f4")
        sound = np.repeat(voice[:, None], 2, axis=1)
        music = None
        if timeline.music is not None:
            music = np.fromfile(music_raw, dtype="<f4").reshape(-1, 2)[: len(voice)]
            music = music * duck_gain(voice, music, lines_of(timeline.speech))[:, None]
            sound[: len(music)] += music
        write_float_wav(mix_wav, sound)
        gain, limit = master_gain(*measure_loudness(mix_wav.name, work))
        scale = np.float32(10 ** (gain / 20))
        for stem, audio in (("narration", voice), ("music", music)):
            if audio is not None:
                with written(work / names[stem]) as tmp:
                    write_float_wav(tmp, audio * scale)
        with written(work / audio_name) as tmp:
            run_ffmpeg(master_argv(timeline, mix_wav.name, gain, limit, tmp.name), work)
    finally:
        for leftover in (voice_raw, music_raw, mix_wav):
            leftover.unlink(missing_ok=True)


def _fingerprint(timeline: Timeline) -> str:
    """What the sound is made of: the narration's bytes, and the music's name (it is named by what makes it,
    and may still be being written when this is asked)."""
    import hashlib

    digest = hashlib.sha256()
    if timeline.narration is not None:
        digest.update(timeline.narration.read_bytes())
    digest.update(str(timeline.music).encode())
    digest.update(repr(timeline.speech).encode())
    return digest.hexdigest()
