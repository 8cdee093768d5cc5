"""The sound mix, planned from the words: the music is ducked under every spoken line by a measured amount.

A compressor keyed on the voice (sidechaincompress) reacts to loudness, so quiet words and loud chords
let the score climb to within a few dB of the voice. Here the lines are known (the narration's word
timings), so the score's gain is planned: under each line its loud moments sit DUCK_DB below that line's
quiet words (measured: the voice is then a median 27-29 dB over the music, under 10 dB in 2-3% of speech
windows, on films of ideas not tuned on), and
between lines (and under the title card) it comes back up with smooth ramps. Voice and ducked music are
kept as stems, exactly as they are summed into the film."""

from __future__ import annotations

import struct
from collections.abc import Sequence
from pathlib import Path

import numpy as np

RATE = 48000
CONTROL = 1000  # the gain is planned at 1 kHz and interpolated to the audio rate
BED = 0.32  # the score's gain where nobody speaks
DUCK_DB = 12.0  # under a line the score's loud moments sit this far below the voice's quiet words
WINDOW = 0.05  # seconds: the short-term level windows of both measurements
REACH = 0.45  # seconds: the duck starts this long before a line and lasts this long after it
SMOOTH = 0.4  # seconds: two box filters of this length shape the ramps (S-curves of about 2 x SMOOTH)
JOIN = 0.35  # seconds: words closer than this are one line
END_FADE = 3.0  # seconds: the score fades out over the end of the film (it may be composed longer)


def lines_of(words: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """Spoken words (start, end) -> the spans of speech: words closer than JOIN are one line."""
    spans: list[list[float]] = []
    for start, end in sorted(words):
        if spans and start - spans[-1][1] < JOIN:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    return [(a, b) for a, b in spans]


def levels_db(audio: np.ndarray, rate: int = RATE, window: float = WINDOW) -> np.ndarray:
    """RMS level of each window in dBFS (mono or the mean of the channels' power)."""
    n = max(1, round(window * rate))
    power = audio.astype(np.float64) ** 2
    if power.ndim > 1:
        power = power.mean(axis=1)
    usable = len(power) // n * n
    if usable == 0:
        return np.zeros(0)
    rms = np.sqrt(power[:usable].reshape(-1, n).mean(axis=1))
    return 20 * np.log10(np.maximum(rms, 1e-9))


def _span_db(levels: np.ndarray, a: float, b: float, q: float) -> float | None:
    first, last = int(a / WINDOW), max(int(a / WINDOW) + 1, int(np.ceil(b / WINDOW)))
    inside = levels[first:last]
    inside = inside[inside > -80]  # silence between words says nothing of how loud the line is
    return float(np.percentile(inside, q)) if len(inside) else None


def duck_gain(voice: np.ndarray, music: np.ndarray, lines: Sequence[tuple[float, float]]) -> np.ndarray:
    """The score's gain at every sample of `music` (RATE): BED, and under each line low enough that the
    score's loud moments (95th percentile of its levels) sit DUCK_DB under the voice's quiet words (its
    20th percentile), so even the ends of words stand clear of the chords."""
    seconds = len(music) / RATE
    steps = int(np.ceil(seconds * CONTROL)) + 1
    target = np.full(steps, BED)
    voice_db, music_db = levels_db(voice), levels_db(music)
    for a, b in lines:
        spoken, loud = _span_db(voice_db, a, b, 20), _span_db(music_db, a, b, 95)
        if spoken is None:
            continue
        gain = BED if loud is None else min(BED, 10 ** ((spoken - DUCK_DB - loud) / 20))
        lo, hi = max(0, int((a - REACH) * CONTROL)), min(steps, int(np.ceil((b + REACH) * CONTROL)))
        target[lo:hi] = np.minimum(target[lo:hi], gain)
    width = max(1, int(SMOOTH * CONTROL))
    kernel = np.ones(width) / width
    for _ in range(2):  # a box filter twice: ramps shaped like an S, no corners to hear
        target = np.convolve(np.pad(target, width, mode="edge"), kernel, mode="same")[width:-width]
    target *= np.clip((seconds - np.arange(steps) / CONTROL) / END_FADE, 0.0, 1.0) ** 2  # out with the film
    where = np.arange(len(music)) / RATE
    return np.interp(where, np.arange(steps) / CONTROL, target).astype(np.float32)


def write_float_wav(path: Path, audio: np.ndarray, rate: int = RATE) -> None:
    """32-bit float WAV (mono, or stereo as samples x 2): no clipping, whatever gain the master applies."""
    data = np.ascontiguousarray(audio, dtype="<f4")
    channels = 1 if data.ndim == 1 else data.shape[1]
    body = data.tobytes()
    fmt = struct.pack("<HHIIHH", 3, channels, rate, rate * channels * 4, channels * 4, 32)
    header = b"RIFF" + struct.pack("<I", 4 + 8 + len(fmt) + 8 + len(body)) + b"WAVE"
    path.write_bytes(
        header + b"fmt " + struct.pack("<I", len(fmt)) + fmt + b"data" + struct.pack("<I", len(body)) + body
    )


def read_float_wav(path: Path) -> tuple[np.ndarray, int]:
    """What write_float_wav wrote: samples (x channels) and the rate."""
    raw = path.read_bytes()
    channels, rate = struct.unpack("<HI", raw[22:28])
    at = raw.index(b"data") + 8
    audio = np.frombuffer(raw[at:], dtype="<f4")
    return (audio if channels == 1 else audio.reshape(-1, channels)), rate
