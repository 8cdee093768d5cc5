"""The Editor: narration first (it sets the timing), then frames, music and captions, then the cut to MP4."""

from __future__ import annotations

import hashlib
import json
import math
import re
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from agents.cinematographer import Framings, camera_end, frame_request, shoot_or_draw, with_references
from domain import Storyboard
from settings import Settings
from tools.captions import MAX_LINE, Cue, Word, cut_cues, line_width, placement, to_srt, to_vtt
from tools.cloud.ledger import Ledger, project_ledger
from tools.images.fonts import CAPTION_FAMILY, caption_dir, fitting_size
from tools.images.registry import cache_name, image_backend, is_local
from tools.images.title_card import title_card
from tools.motion.base import MotionError, MotionRequest
from tools.motion.clip import fit_clip
from tools.motion.registry import motion_backend
from tools.music.registry import music_backend
from tools.processes import thread_pool, worker_pool
from tools.render.run import RenderReport, render
from tools.render.timeline import CAMERA_MOTIONS, Encoding, Motion, Shot, Timeline
from tools.speech.base import Speech, SpeechError, read_wav, write_wav
from tools.speech.registry import configured, fallback_for, resolve_voice

FPS = 30
TITLE_SECONDS = 3.0
BREATH = 0.6  # seconds of picture after the last word of a scene, before the next cut
MIN_SCENE = 2.5
MUSIC_BLOCK = 15.0  # seconds: the score's length is a whole number of these
NARRATION_RATE = 24000
TITLE_MOVE = Motion(zoom=(1.0, 1.05))  # the title card drifts in slowly
ASPECTS: dict[str, tuple[int, int]] = {"16:9": (16, 9), "9:16": (9, 16), "1:1": (1, 1)}

Log = Callable[[str], None]


def frame_size(aspect: str, short_side: int) -> tuple[int, int]:
    """1080 gives 1920x1080, 1080x1920 and 1080x1080; sizes stay even for yuv420p."""
    w, h = ASPECTS[aspect]
    scale = short_side / min(w, h)
    return 2 * round(w * scale / 2), 2 * round(h * scale / 2)


def slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60] or "film"


def _hash(*parts: object) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:20]


@dataclass
class RenderResult:
    video: Path
    srt: Path
    vtt: Path
    duration: float
    report: Path
    warnings: list[str] = field(default_factory=list)


def record_narration(
    board: Storyboard, folder: Path, settings: Settings, warnings: list[str], ledger: Ledger
) -> list[Speech]:
    """One take per scene, named by the hash of what is said and who says it. A take a paid voice cannot
    make falls back to the offline voice, and one the offline voice cannot to espeak-ng, so one bad
    sentence never stops the film. Paid takes are asked for in parallel (they wait on the network)."""
    folder.mkdir(parents=True, exist_ok=True)
    chosen, voice = resolve_voice(board.voice, settings.speech_backend)
    chosen = configured(chosen, settings, ledger)

    def take(number: int, text: str) -> Speech:
        backend, name = chosen, voice
        while True:
            path = folder / f"{_hash(getattr(backend, 'version', backend.name), name, text)}.wav"
            earlier = Speech.load(path)  # a take missing or damaged (a crash, a stray edit) is recorded again
            if earlier is not None:
                return earlier
            try:
                return backend.synthesize(text, name, path)
            except SpeechError as err:
                after = fallback_for(backend)
                if after is None:
                    raise
                warnings.append(f"scene {number}: {err}; narrated with the {after[0].name} voice instead")
                backend, name = after

    if getattr(chosen, "local", True):
        return [take(n, s.narration) for n, s in enumerate(board.scenes, 1)]
    with thread_pool(settings.jobs) as pool:
        return list(pool.map(take, range(1, len(board.scenes) + 1), [s.narration for s in board.scenes]))


Clip = tuple[Path, int]  # a fitted motion clip and its length in frames


def animate_scenes(board: Storyboard, images: list[Path], frames: list[int], size: tuple[int, int], folder: Path,
                   settings: Settings, ledger: Ledger, warnings: list[str]) -> list[Clip | None]:  # fmt: skip
    """Real motion for the scenes that ask for it (`motion`): each frame goes to the image-to-video backend
    and comes back as a clip fitted to the film. A scene no backend can animate keeps its Ken Burns move,
    and the warnings say which and why."""
    wanted = [i for i, s in enumerate(board.scenes) if s.motion]
    if not wanted:
        return [None] * len(board.scenes)
    backend = motion_backend(settings, ledger)
    if backend is None:
        numbers = ", ".join(str(i + 1) for i in wanted)
        warnings.append(f"scene{'s' * (len(wanted) > 1)} {numbers}: no motion backend is set (CREWCUT_MOTION), "
                        "so the camera moves over the still frame instead")  # fmt: skip
        return [None] * len(board.scenes)
    folder.mkdir(parents=True, exist_ok=True)

    def animate(i: int) -> Clip | None:
        scene = board.scenes[i]
        prompt = f"{scene.visual}. Camera: {scene.camera.replace('-', ' ')}."
        end = camera_end(images[i], scene.camera) if getattr(backend, "takes_last_frame", False) else None
        request = MotionRequest(images[i], prompt, frames[i] / FPS, *size, seed=i + 1, last_image=end)
        try:
            raw = backend.animate(request)  # in the paid cache
            clip = folder / f"{raw.stem}-{size[0]}x{size[1]}.mp4"
            return clip, fit_clip(raw, size[0], size[1], FPS, clip)
        except MotionError as err:
            warnings.append(f"scene {i + 1}: {err}; it keeps its Ken Burns {scene.camera} instead")
            return None

    with thread_pool(settings.jobs) as pool:
        done = dict(zip(wanted, pool.map(animate, wanted), strict=True))
    return [done.get(i) for i in range(len(board.scenes))]


def scene_frames(take: Speech) -> int:
    return math.ceil(max(MIN_SCENE, take.duration + BREATH) * FPS)


def narration_track(takes: list[Speech], starts: list[float], total: float, path: Path) -> Path:
    """All takes laid on one track as long as the film, each at its scene's cut."""
    track = np.zeros(math.ceil(total * NARRATION_RATE) + 1, np.float32)
    for take, start in zip(takes, starts, strict=True):
        audio, rate = read_wav(take.path)
        if rate != NARRATION_RATE:  # espeak-ng speaks at 22.05 kHz
            positions = np.arange(0, len(audio), rate / NARRATION_RATE)
            audio = np.interp(positions, np.arange(len(audio)), audio).astype(np.float32)
        at = round(start * NARRATION_RATE)
        end = min(len(track), at + len(audio))
        track[at:end] += audio[: end - at]
    write_wav(path, track, NARRATION_RATE)
    return path


def plan_captions(takes: list[Speech], starts: list[float], ends: list[float], width: int = MAX_LINE) -> list[Cue]:
    cues: list[Cue] = []
    for take, start, end in zip(takes, starts, ends, strict=True):
        words = [Word(w.text, w.start + start, w.end + start) for w in take.words]
        cues += cut_cues(words, start, end, width)
    return cues


def scene_timing(takes: list[Speech]) -> tuple[list[int], list[float], list[float]]:
    """Frames of the title card and of each scene, and when each scene starts and ends on the film."""
    frames = [round(TITLE_SECONDS * FPS), *(scene_frames(t) for t in takes)]
    cuts = np.cumsum([0, *frames]).tolist()
    return frames, [c / FPS for c in cuts[1:-1]], [c / FPS for c in cuts[2:]]


def score_seconds(film_seconds: float) -> float:
    """The score is composed in whole blocks a little longer than the film and cut (and faded) to it in the
    mix, so an edit that changes the film's length by a few seconds reuses the score already made."""
    return math.ceil((film_seconds + 1) / MUSIC_BLOCK) * MUSIC_BLOCK


def music_path_for(board: Storyboard, seconds: float, folder: Path, settings: Settings) -> Path | None:
    """Where the film's score lives: named by the brief and its length (None: the film has no music)."""
    composer = music_backend(settings.music_backend)
    if composer is None:
        return None
    return folder / f"{_hash(composer.name, board.music.mood, board.music.tempo, score_seconds(seconds))}.wav"


def score_music(board: Storyboard, seconds: float, path: Path, settings: Settings, report: RenderReport) -> None:
    """Compose the score into `path` unless it is already there."""
    composer = music_backend(settings.music_backend)
    started = time.perf_counter()
    cached = path.exists()
    if composer is not None and not cached:
        path.parent.mkdir(parents=True, exist_ok=True)
        composer.compose(board.music.mood, board.music.tempo, score_seconds(seconds), path)
    report.add("music", started, hits=int(cached), misses=int(not cached))


def _every_quarter(say: Log) -> Callable[[int, int], None]:
    """Progress through the picture's frames, said at each quarter (a line per segment would flood a chat)."""
    said: set[int] = set()

    def encoded(done: int, of: int) -> None:
        quarter = 4 * done // of
        if quarter not in said and 0 < quarter < 4:
            said.add(quarter)
            say(f"Cut {25 * quarter}% of the picture…")

    return encoded


def render_storyboard(
    board: Storyboard,
    out_dir: Path,
    settings: Settings,
    log: Log | None = None,
    framings: Framings | None = None,
    ledger: Ledger | None = None,
) -> RenderResult:
    """The Editor's entry point: a storyboard and a folder in, the finished film (MP4, SRT, WebVTT) out.

    Every asset is cached under out_dir by the hash of what made it, so rendering again after an edit
    costs only what the edit changed. `framings` are the Cinematographer model's frame descriptions, if any.
    `ledger` is the project's spending on paid services (default: one in out_dir)."""
    began = time.perf_counter()
    say = log or (lambda _msg: None)
    out_dir = out_dir.resolve()  # ffmpeg runs inside the cache folder: every path it is given must be absolute
    out_dir.mkdir(parents=True, exist_ok=True)
    assets, work = out_dir / "assets", out_dir / "cache"
    report = RenderReport()
    warnings: list[str] = []
    width, height = frame_size(board.aspect_ratio, settings.height)

    ledger = ledger or project_ledger(out_dir, settings)
    backend = image_backend(settings.image_backend, settings, ledger)
    board, no_picture = with_references(board, backend, assets / "references")  # a project's are made at its shoot
    warnings += no_picture
    requests = [frame_request(s, i, board, width, height, framings) for i, s in enumerate(board.scenes, 1)]
    frame_dir = assets / "frames"
    frame_dir.mkdir(parents=True, exist_ok=True)
    title_path = frame_dir / f"title-{_hash(board.title, board.style, width, height)}.png"
    hits = sum((frame_dir / f"{r.key(cache_name(backend))}.png").exists() for r in requests)

    started = time.perf_counter()
    say("Drawing frames and recording narration…")
    # Frames do not depend on the narration, so they are drawn in other processes (Pillow holds the GIL)
    # while the voice is recorded here. One frame to draw (an edit) is drawn in a thread instead: starting
    # worker processes would cost more (~0.4 s, on the edit's critical path) than it saves. A service's
    # frames are waited for in threads.
    to_draw = len(requests) - hits + (not title_path.exists())
    pool_of = worker_pool if to_draw > 1 and is_local(backend) else thread_pool
    with pool_of(settings.jobs) as pool:
        drawn = [pool.submit(shoot_or_draw, r, backend, frame_dir) for r in requests]
        subtitle = f"a crewcut {'animatic' if is_local(backend) else 'film'} · {len(board.scenes)} scenes"
        titled = None if title_path.exists() else pool.submit(title_card, board.title, subtitle, width, height,
                                                              title_path)  # fmt: skip
        takes = record_narration(board, assets / "narration", settings, warnings, ledger)
        report.add("narration", started)
        frames, starts, ends = scene_timing(takes)
        total = sum(frames) / FPS
        music_path = music_path_for(board, total, assets / "music", settings)
        started = time.perf_counter()
        shot = [future.result() for future in drawn]
        if titled is not None:
            titled.result()
    images = [path for path, _ in shot]
    warnings += [f"scene {n}: {why}; drawn as an animatic panel instead" for n, (_, why) in enumerate(shot, 1) if why]
    report.add("frames", started, hits=hits, misses=len(requests) - hits)
    started = time.perf_counter()
    clips = animate_scenes(board, images, frames[1:], (width, height), assets / "motion", settings, ledger, warnings)
    if any(board.scenes[i].motion for i in range(len(board.scenes))):
        report.add("motion", started, hits=0, misses=sum(c is not None for c in clips))

    started = time.perf_counter()
    cues = plan_captions(takes, starts, ends, line_width(*ASPECTS[board.aspect_ratio]))
    place = placement(width, height)
    caption_size = fitting_size([line for cue in cues for line in cue.lines], width - 2 * place.margin_h, place.size)
    name = slug(board.title)
    srt, vtt = out_dir / f"{name}.srt", out_dir / f"{name}.vtt"
    srt.write_text(to_srt(cues), encoding="utf-8")
    vtt.write_text(to_vtt(cues), encoding="utf-8")
    work.mkdir(parents=True, exist_ok=True)
    voice_track = work / f"narration-{_hash([t.path.name for t in takes], starts, total)}.wav"  # by what is in it
    if not voice_track.exists():
        narration_track(takes, starts, total, voice_track)
    report.add("captions", started)

    timeline = Timeline(
        width=width,
        height=height,
        fps=FPS,
        shots=(
            Shot(title_path, frames[0], TITLE_MOVE),
            *(
                Shot(img, n, CAMERA_MOTIONS[s.camera], *(clip or (None, 0)))
                for img, n, s, clip in zip(images, frames[1:], board.scenes, clips, strict=True)
            ),
        ),
        transitions=("fadeblack", *("fade" for _ in board.scenes[1:])),
        cues=tuple(cues),
        caption_font=CAPTION_FAMILY,
        caption_size=caption_size,
        fonts_dir=caption_dir() if settings.burn_captions else None,
        narration=voice_track,
        music=music_path,
        speech=tuple((w.start + at, w.end + at) for take, at in zip(takes, starts, strict=True) for w in take.words),
        encoding=Encoding(preset=settings.x264_preset, crf=settings.crf),
    )
    say(f"Cutting {total:.1f} s at {width}x{height}…")
    # The score is only needed by the sound mix, so it is composed while the first segments encode.
    with ThreadPoolExecutor(max_workers=1) as composer:
        scored = composer.submit(score_music, board, total, music_path, settings, report) if music_path else None
        video = render(timeline, work, out_dir / f"{name}.mp4", jobs=settings.jobs, report=report,
                       before_mix=scored.result if scored else None, encoded=_every_quarter(say))  # fmt: skip

    report_path = out_dir / "render.json"
    report_path.write_text(
        json.dumps(
            {
                "video": str(video),
                "srt": str(srt),
                "vtt": str(vtt),
                "stems": {p.stem: str(p) for p in sorted((out_dir / "stems").glob("*.wav"))},  # as mixed
                "duration": round(total, 3),
                "size": [width, height],
                "scenes": len(board.scenes),
                "warnings": warnings,
                "spend": ledger.summary(),
                "steps": [asdict(s) for s in report.steps],
                "total_seconds": round(time.perf_counter() - began, 3),  # steps overlap: this is the wall time
            },
            indent=2,
        ),
        encoding="utf-8",
    )
    return RenderResult(video, srt, vtt, total, report_path, warnings)
