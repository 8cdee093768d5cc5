"""Offline score: chords arranged from the mood, played on the General MIDI soundfont pretty_midi ships."""

from __future__ import annotations

import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from tools.files import written

RATE = 44100
FADE_OUT = 3.0  # seconds


@dataclass(frozen=True)
class Profile:
    """How a mood sounds: key, mode, pace and who plays."""

    keywords: tuple[str, ...]
    root: int  # MIDI note of the tonic, octave 4
    minor: bool
    tempo: int
    progression: tuple[int, ...]  # scale degrees, one chord per bar
    pad: int  # General MIDI programs
    lead: int
    bass: int
    arpeggio: tuple[int, ...]  # chord-tone index per eighth note; -1 rests


PROFILES: tuple[Profile, ...] = (
    Profile(
        ("myster", "suspens", "tense", "eerie", "dark", "noir", "creep", "ominous", "storm"),
        57,
        True,
        76,
        (0, 5, 2, 6),
        89,
        8,
        32,
        (0, -1, 2, -1, 1, -1, 2, -1),
    ),
    Profile(
        ("sad", "melanch", "somber", "sombre", "nostalg", "grief", "lonely", "bittersweet"),
        62,
        True,
        66,
        (0, 3, 5, 4),
        48,
        0,
        42,
        (0, 1, 2, 1, 0, 1, 2, 1),
    ),
    Profile(
        ("advent", "epic", "heroic", "triumph", "brave", "quest", "action", "exciting"),
        62,
        False,
        118,
        (0, 6, 3, 0),
        48,
        61,
        32,
        (0, 2, 1, 2, 0, 2, 1, 2),
    ),
    Profile(
        ("happy", "playful", "whimsic", "joy", "fun", "cheer", "light", "bright", "fairy"),
        67,
        False,
        104,
        (0, 3, 4, 0),
        48,
        12,
        32,
        (0, 1, 2, 1, 0, 1, 2, 1),
    ),
    Profile(
        ("romant", "tender", "love", "warm", "intimate"),
        65,
        False,
        78,
        (0, 5, 1, 4),
        48,
        0,
        32,
        (0, 1, 2, 3, 2, 1, 0, 1),
    ),
    Profile(
        ("space", "cosmic", "sci-fi", "futur", "dream", "ethereal", "wonder"),
        64,
        True,
        84,
        (0, 5, 3, 6),
        88,
        98,
        38,
        (0, 2, 3, 2, 1, 2, 3, 2),
    ),
    Profile(
        ("calm", "peace", "gentle", "hope", "quiet", "documentary", "serene"),
        60,
        False,
        72,
        (0, 4, 5, 3),
        48,
        0,
        32,
        (0, 1, 2, 1, 3, 1, 2, 1),
    ),
)
DEFAULT = PROFILES[-1]
MAJOR = (0, 2, 4, 5, 7, 9, 11)
MINOR = (0, 2, 3, 5, 7, 8, 10)


def profile_for(mood: str) -> Profile:
    text = mood.lower()
    return next((p for p in PROFILES if any(k in text for k in p.keywords)), DEFAULT)


def _chord(profile: Profile, degree: int) -> list[int]:
    scale = MINOR if profile.minor else MAJOR
    return [profile.root + scale[(degree + step) % 7] + 12 * ((degree + step) // 7) for step in (0, 2, 4, 7)]


def score(mood: str, tempo: int | None, seconds: float):  # -> pretty_midi.PrettyMIDI
    """The arrangement: a pad from the first bar, bass from the second, the melody's arpeggio from the third,
    and the tonic held over the last bar so the fade lands on home."""
    import pretty_midi

    profile = profile_for(mood)
    bpm = tempo or profile.tempo
    beat = 60.0 / bpm
    bar = 4 * beat
    bars = max(2, int(np.ceil((seconds + FADE_OUT) / bar)))
    midi = pretty_midi.PrettyMIDI(initial_tempo=bpm)
    pad, lead, bass = (pretty_midi.Instrument(program=p) for p in (profile.pad, profile.lead, profile.bass))
    for i in range(bars):
        start = i * bar
        degree = 0 if i == bars - 1 else profile.progression[i % len(profile.progression)]
        chord = _chord(profile, degree)
        for pitch in chord[:3]:
            pad.notes.append(pretty_midi.Note(velocity=52, pitch=pitch - 12, start=start, end=start + bar))
        if i >= 1:
            for half in (0, 2):
                pitch = chord[0] - 24
                pad_end = start + (half + 2) * beat - 0.05
                bass.notes.append(pretty_midi.Note(velocity=64, pitch=pitch, start=start + half * beat, end=pad_end))
        if 2 <= i < bars - 1:
            for step, tone in enumerate(profile.arpeggio):
                if tone < 0:
                    continue
                t = start + step * beat / 2
                accent = 62 if step % 4 == 0 else 50
                lead.notes.append(pretty_midi.Note(velocity=accent, pitch=chord[tone], start=t, end=t + beat * 0.9))
    midi.instruments.extend([pad, lead, bass])
    return midi


def _soundfont() -> str:
    import pretty_midi

    return str(Path(pretty_midi.__file__).parent / "TimGM6mb.sf2")


class MidiMusic:
    name = "midi"

    def compose(self, mood: str, tempo: int | None, seconds: float, path: Path) -> Path:
        import tinysoundfont

        midi_path = path.with_suffix(".mid")
        score(mood, tempo, seconds).write(str(midi_path))
        synth = tinysoundfont.Synth(samplerate=RATE, gain=-2)
        synth.sfload(_soundfont())
        sequencer = tinysoundfont.Sequencer(synth)
        sequencer.midi_load(str(midi_path))
        frames = round(seconds * RATE)
        audio = np.frombuffer(synth.generate(frames), dtype=np.float32).reshape(-1, 2).copy()
        fade = min(FADE_OUT, seconds / 3)
        n = int(fade * RATE)
        if n:
            audio[-n:] *= np.linspace(1.0, 0.0, n, dtype=np.float32)[:, None] ** 2
        peak = float(np.abs(audio).max()) or 1.0
        audio *= 0.7 / peak  # a consistent level for the mix; loudness is set once for the whole film
        _write_stereo(path, audio)
        return path


def _write_stereo(path: Path, audio: np.ndarray) -> None:
    with written(path) as tmp, wave.open(str(tmp), "wb") as out:
        out.setnchannels(2)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes((np.clip(audio, -1, 1) * 32767).astype("<i2").tobytes())
