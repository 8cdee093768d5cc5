"""Real small renders (320x180): streams, length, captions inside their scenes, loudness, and the cache."""

from __future__ import annotations

import json
import math
import subprocess
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import srt
from PIL import Image

from agents.editor import BREATH, FPS, MIN_SCENE, TITLE_SECONDS, _every_quarter, record_narration, render_storyboard
from domain import Storyboard
from settings import Settings
from tools.cloud.ledger import project_ledger
from tools.render.ffmpeg import ffmpeg_path

from .conftest import frame_at, loudness, probe


def scene_bounds(board: Storyboard, out: Path, settings: Settings) -> list[tuple[float, float]]:
    """Each scene's [start, end) on the film, computed from its narration take as the contract says."""
    takes = record_narration(board, out / "assets" / "narration", settings, [], project_ledger(out, settings))
    bounds, t = [], TITLE_SECONDS
    for take in takes:
        length = math.ceil(max(MIN_SCENE, take.duration + BREATH) * FPS) / FPS
        bounds.append((t, t + length))
        t += length
    return bounds


def steps(out: Path) -> dict[str, dict]:
    return {s["name"]: s for s in json.loads((out / "render.json").read_text())["steps"]}


@pytest.fixture(scope="module")
def film(tmp_path_factory: pytest.TempPathFactory):
    from domain import parse_storyboard
    from tests.conftest import SMALL

    out = tmp_path_factory.mktemp("film")
    settings = replace(Settings.from_env(), height=180)
    board = parse_storyboard(SMALL)
    return board, out, settings, render_storyboard(board, out, settings)


def test_the_film_has_h264_and_aac_and_the_length_of_its_scenes(film) -> None:
    board, out, settings, result = film
    info = probe(result.video)
    assert info["video"] == ("h264", "yuv420p", "320", "180", "30")
    assert info["audio"] == ("aac", "48000")
    bounds = scene_bounds(board, out, settings)
    assert abs(info["duration"] - bounds[-1][1]) <= 0.1
    assert abs(result.duration - bounds[-1][1]) <= 0.04


def test_captions_are_written_and_stay_inside_their_scenes(film) -> None:
    board, out, settings, result = film
    cues = list(srt.parse(result.srt.read_text(encoding="utf-8")))
    said = " ".join(c.content.replace("\n", " ") for c in cues).split()
    assert said == " ".join(s.narration for s in board.scenes).split()
    bounds = scene_bounds(board, out, settings)
    for cue in cues:
        start, end = cue.start.total_seconds(), cue.end.total_seconds()
        scene = next(b for b in bounds if b[0] <= start < b[1])
        assert end <= scene[1] + 0.001, f"cue {cue.content!r} crosses the cut at {scene[1]}"
        assert all(len(line) <= 42 for line in cue.content.splitlines()) and len(cue.content.splitlines()) <= 2
    assert result.vtt.read_text(encoding="utf-8").startswith("WEBVTT")


def test_sound_is_normalised_to_minus_16_lufs_under_the_peak_ceiling(film) -> None:
    integrated, peak = loudness(film[3].video)
    assert abs(integrated - -16.0) <= 1.0
    assert peak <= -1.5


def test_frames_show_the_title_then_the_panels(film, tmp_path: Path) -> None:
    board, out, settings, result = film
    title = np.asarray(Image.open(frame_at(result.video, 1.5, tmp_path / "t.png")), np.float32)
    assert title.mean() > 150  # the paper-coloured title card, faded in
    bounds = scene_bounds(board, out, settings)
    middle = (bounds[0][0] + bounds[0][1]) / 2
    panel = np.asarray(Image.open(frame_at(result.video, middle, tmp_path / "p.png")), np.float32)
    assert panel.std() > 20 and 30 < panel.mean() < 230  # a drawn scene, not a blank or black frame
    black = np.asarray(Image.open(frame_at(result.video, 0.0, tmp_path / "b.png")), np.float32)
    assert black.mean() < 30  # the film fades in from black


def test_render_report_lists_steps_and_a_rerender_is_all_cache_hits(film) -> None:
    board, out, settings, _result = film
    first = steps(out)
    assert first["segments"]["misses"] == 2 * (len(board.scenes) + 1) - 1 and first["frames"]["misses"] == 3
    render_storyboard(board, out, settings)
    again = steps(out)
    assert again["segments"]["misses"] == 0 and again["frames"]["misses"] == 0 and again["music"]["hits"] == 1
    assert again["audio mix"]["hits"] == 1


def test_changing_one_scene_re_encodes_only_that_scene_and_its_transitions(film) -> None:
    board, out, settings, _result = film
    changed = board.model_copy(deep=True)
    changed.scenes[1].visual = "Inside the lighthouse room at night in a storm, Cog by the lamp"
    render_storyboard(changed, out, settings)
    after = steps(out)
    assert after["segments"]["misses"] == 3  # its body and the transitions on either side
    assert after["frames"]["misses"] == 1 and after["audio mix"]["hits"] == 1
    render_storyboard(board, out, settings)  # and back: everything is still cached
    assert steps(out)["segments"]["misses"] == 0


def test_without_burned_captions_the_srt_is_still_written(small_board, tmp_path: Path) -> None:
    one = small_board.model_copy(update={"scenes": small_board.scenes[:1]})
    settings = replace(Settings.from_env(), height=90, burn_captions=False)
    result = render_storyboard(one, tmp_path, settings)
    assert result.srt.read_text(encoding="utf-8").strip() and not list((tmp_path / "cache").glob("*.ass"))


def test_picture_progress_is_said_once_a_quarter_by_frames() -> None:
    said: list[str] = []
    encoded = _every_quarter(said.append)
    for done in (10, 20, 30, 90, 95, 100):  # frames finished, of 100
        encoded(done, 100)
    assert said == ["Cut 25% of the picture…", "Cut 75% of the picture…"]  # 50% was passed in one step; 100% is "ready"


def test_the_voice_stands_clear_of_the_music_and_the_stems_are_the_films_sound(film, tmp_path: Path) -> None:
    """Measured on the stems (written as mixed): in speech the voice sits a median 15 dB or more over the
    score and under 10 dB in fewer than 5% of windows; the score comes back up under the title card; and
    narration + music is the sound in the film."""
    from tools.render.mix import levels_db, read_float_wav

    _board, out, _settings, result = film
    stems = json.loads((out / "render.json").read_text())["stems"]
    voice, rate = read_float_wav(Path(stems["narration"]))
    music, _ = read_float_wav(Path(stems["music"]))
    assert rate == 48000 and len(voice) == len(music) and music.shape[1] == 2
    voice_db, music_db = levels_db(voice), levels_db(music)
    speaking = voice_db > voice_db.max() - 30
    over = voice_db[speaking] - music_db[speaking]
    assert speaking.sum() > 40 and np.median(over) >= 15 and np.mean(over < 10) < 0.05
    title = music_db[: int(TITLE_SECONDS / 0.05) - 10]  # the title card: nobody speaks
    assert np.median(title) > np.median(music_db[speaking]) + 10

    decoded = tmp_path / "film.raw"
    subprocess.run([str(ffmpeg_path()), "-loglevel", "error", "-i", str(result.video), "-vn", "-ac", "2",
                    "-ar", "48000", "-f", "f32le", str(decoded)], check=True)  # fmt: skip
    sound = np.fromfile(decoded, dtype="<f4").reshape(-1, 2)
    summed = voice[:, None] + music
    n = min(len(sound), len(summed))
    residual = np.sqrt(np.mean((sound[:n] - summed[:n]) ** 2)) / np.sqrt(np.mean(sound[:n] ** 2))
    assert abs(len(sound) - len(summed)) < 0.05 * rate and residual < 0.1  # only the AAC coding differs


def test_vertical_captions_are_burned_inside_the_safe_zone(small_board, tmp_path: Path) -> None:
    """The same 9:16 frame with and without captions: what differs is the caption, and it sits above the
    bottom fifth and 8% or more from each side."""
    one = small_board.model_copy(update={"scenes": small_board.scenes[1:2], "aspect_ratio": "9:16"})
    with_captions = render_storyboard(one, tmp_path / "on", replace(Settings.from_env(), height=360))
    without = render_storyboard(one, tmp_path / "off", replace(Settings.from_env(), height=360, burn_captions=False))
    at = TITLE_SECONDS + 1.5
    on = np.asarray(Image.open(frame_at(with_captions.video, at, tmp_path / "on.png")), np.float32)
    off = np.asarray(Image.open(frame_at(without.video, at, tmp_path / "off.png")), np.float32)
    rows, cols = np.nonzero(np.abs(on - off).max(axis=2) > 60)
    height, width = on.shape[:2]
    assert (height, width) == (640, 360) and len(rows) > 200  # a caption is there
    assert rows.max() <= 0.8 * height and cols.min() >= 0.08 * width and cols.max() <= 0.92 * width
