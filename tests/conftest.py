"""Shared fixtures: a small storyboard, settings for tiny renders, and ffmpeg-based probes."""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from graphs.state import Storyboard, parse_storyboard
from settings import Settings
from tools.render.ffmpeg import ffmpeg_path

SMALL = {
    "title": "The Test Light",
    "music": {"mood": "calm"},
    "characters": [
        {"name": "Mara", "description": "a young sailor in a red coat"},
        {"name": "Cog", "description": "a small silver robot"},
    ],
    "scenes": [
        {"narration": "Mara rowed out to the lighthouse at dusk.", "visual": "Mara in a boat near a lighthouse",
         "shot": "wide", "camera": "push-in"},
        {"narration": "Inside, a small robot called Cog was waiting. It blinked twice.",
         "visual": "Inside the lighthouse room, Cog by the lamp", "shot": "medium", "camera": "pan-right"},
        {"narration": "Together they lit the lamp.", "visual": "Close on Mara at night, the lamp glowing",
         "shot": "close-up", "camera": "static"},
    ],
}  # fmt: skip


@pytest.fixture
def small_board() -> Storyboard:
    return parse_storyboard(json.loads(json.dumps(SMALL)))


@pytest.fixture
def tiny_settings(tmp_path: Path) -> Settings:
    return replace(Settings.from_env(), home=tmp_path / "home", height=180, jobs=2)


def probe(path: Path) -> dict[str, object]:
    """Streams and duration, read from what ffmpeg says about the file (imageio-ffmpeg ships no ffprobe)."""
    said = subprocess.run([str(ffmpeg_path()), "-hide_banner", "-i", str(path)], capture_output=True, text=True).stderr
    h, m, s = re.search(r"Duration: (\d+):(\d+):([\d.]+)", said).groups()  # type: ignore[union-attr]
    video = re.search(r"Video: (\w+).*?, (\w+)\(.*?(\d+)x(\d+).*?, ([\d.]+) fps", said)
    audio = re.search(r"Audio: (\w+).*?, (\d+) Hz", said)
    return {
        "duration": int(h) * 3600 + int(m) * 60 + float(s),
        "video": video.groups() if video else None,
        "audio": audio.groups() if audio else None,
    }


def loudness(path: Path) -> tuple[float, float]:
    """Integrated loudness (LUFS) and true peak (dBTP), measured by ffmpeg's ebur128 filter."""
    said = subprocess.run(
        [str(ffmpeg_path()), "-hide_banner", "-nostats", "-i", str(path), "-vn", "-af", "ebur128=peak=true",
         "-f", "null", "-"], capture_output=True, text=True,
    ).stderr  # fmt: skip
    summary = said[said.rindex("Summary:") :]
    integrated = float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary).group(1))  # type: ignore[union-attr]
    peak = float(re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summary).group(1))  # type: ignore[union-attr]
    return integrated, peak


def frame_at(video: Path, seconds: float, out: Path) -> Path:
    subprocess.run([str(ffmpeg_path()), "-loglevel", "error", "-y", "-ss", f"{seconds}", "-i", str(video),
                    "-frames:v", "1", str(out)], check=True)  # fmt: skip
    return out
