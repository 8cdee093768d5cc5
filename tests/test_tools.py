"""The offline generators: narration with word timings, the MIDI score, the animatic panels."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tools.images.animatic import AnimaticImages
from tools.images.animatic.looks import look_of
from tools.images.animatic.reading import read_prompt
from tools.images.base import Figure, FrameRequest
from tools.music.midi import MidiMusic, profile_for
from tools.speech.base import SpeechError, read_wav
from tools.speech.espeak import EspeakSpeech
from tools.speech.hibari import HibariSpeech
from tools.speech.registry import resolve_voice

TEXT = "The keeper climbed the stairs. A storm was coming, and the robot waited below."


@pytest.mark.parametrize("backend", [HibariSpeech(), EspeakSpeech()], ids=["hibari", "espeak"])
def test_narration_has_every_word_timed_inside_the_audio(backend, tmp_path: Path) -> None:
    take = backend.synthesize(TEXT, backend.voices[0], tmp_path / "take.wav")
    audio, rate = read_wav(take.path)
    assert rate == take.sample_rate and abs(len(audio) / rate - take.duration) < 0.01
    assert [w.text for w in take.words] == TEXT.split()
    starts = [w.start for w in take.words]
    assert starts == sorted(starts) and all(0 <= w.start < w.end <= take.duration + 0.01 for w in take.words)
    # Speech is where the words say it is: louder inside a word than in the pause between sentences.
    rms = lambda a, b: float(np.sqrt(np.mean(audio[int(a * rate) : int(b * rate)] ** 2)))  # noqa: E731
    word = take.words[2]  # "climbed"
    gap_start, gap_end = take.words[4].end, take.words[5].start  # between "stairs." and "A"
    assert gap_end > gap_start
    assert rms(word.start, word.end) > 3 * rms(gap_start, gap_end) + 1e-4


def test_hibari_is_deterministic(tmp_path: Path) -> None:
    a = HibariSpeech().synthesize("Same words.", "heart", tmp_path / "a.wav")
    b = HibariSpeech().synthesize("Same words.", "heart", tmp_path / "b.wav")
    assert a.path.read_bytes() == b.path.read_bytes()


def test_voices_resolve_or_are_refused_with_the_list() -> None:
    assert resolve_voice("heart", "hibari")[0].name == "hibari"
    assert resolve_voice("espeak:en-gb", "hibari") == (resolve_voice("en-gb", "hibari")[0], "en-gb")
    assert resolve_voice("espeak", "hibari")[1] == "en-us"
    with pytest.raises(SpeechError, match="available: hibari:heart"):
        resolve_voice("bella", "hibari")


def test_unspeakable_text_is_a_speech_error(tmp_path: Path) -> None:
    with pytest.raises(SpeechError):
        EspeakSpeech().synthesize("...", "en-us", tmp_path / "x.wav")


def test_music_is_exactly_as_long_as_asked_and_fades_out(tmp_path: Path) -> None:
    path = MidiMusic().compose("tense, stormy", None, 12.0, tmp_path / "m.wav")
    with wave.open(str(path)) as w:
        assert w.getnchannels() == 2 and w.getframerate() == 44100 and w.getnframes() == 12 * 44100
        pcm = np.frombuffer(w.readframes(w.getnframes()), "<i2").reshape(-1, 2).astype(np.float32)
    loud = np.sqrt(np.mean(pcm[4 * 44100 : 8 * 44100] ** 2))
    assert loud > 200 and np.abs(pcm[-200:]).max() < loud * 0.05
    assert path.with_suffix(".mid").exists()
    assert profile_for("a Mysterious night").minor and not profile_for("happy picnic").minor


def test_panels_are_deterministic_sized_and_differ_by_content(tmp_path: Path) -> None:
    backend = AnimaticImages()
    robot = Figure("Cog", "a small silver robot")
    req = FrameRequest("a lighthouse on the coast at night in a storm", 320, 180, shot="wide", camera="push-in",
                       figures=(robot,), label="SC 1")  # fmt: skip
    a, b = backend.generate(req, tmp_path / "a.png"), backend.generate(req, tmp_path / "b.png")
    assert a.read_bytes() == b.read_bytes()
    assert Image.open(a).size == (320, 180)
    forest = backend.generate(FrameRequest("a forest path in the morning", 320, 180), tmp_path / "c.png")
    diff = np.abs(np.asarray(Image.open(a), np.int16) - np.asarray(Image.open(forest), np.int16)).mean()
    assert diff > 10
    tall = backend.generate(
        FrameRequest("a city street", 180, 320, shot="close-up", figures=(robot,)), tmp_path / "d.png"
    )
    assert Image.open(tall).size == (180, 320)


def test_the_prompt_is_read_for_setting_light_and_weather() -> None:
    scene = read_prompt(FrameRequest("Inside the lighthouse at night, rain on the window", 320, 180))
    assert (scene.setting, scene.time, scene.weather) == ("interior", "night", "rain")
    scene = read_prompt(FrameRequest("Ada by the lighthouse: a long winter came, at night in a storm", 320, 180))
    assert (scene.setting, scene.time, scene.weather) == ("sea", "night", "storm")  # the latest weather wins
    scene = read_prompt(FrameRequest("dunes under a blazing noon sun", 320, 180))
    assert (scene.setting, scene.time, scene.weather) == ("desert", "day", "clear")
    look = look_of(Figure("Elias", "an old keeper with a white beard and a navy coat"))
    assert look.clothes != look.hair and not look.machine
    assert look_of(Figure("Bolt", "a small rusty robot")).machine
    assert read_prompt(FrameRequest("a snow-white cat by the sea", 320, 180)).weather == "clear"  # no snow in it


@pytest.mark.parametrize(
    ("description", "body"),
    [("a talking fish, golden all over, with bright eyes", "fish"), ("a wise owl, speckled brown all over", "bird"),
     ("a clever fox, ginger all over", "beast"), ("a dog walker with dark hair and a red coat", "person"),
     ("a fisherman with grey hair", "person"), ("a lost robot, small and round-eyed", "machine")],
)  # fmt: skip
def test_a_figure_is_drawn_as_what_its_description_says_it_is(description: str, body: str, tmp_path: Path) -> None:
    look = look_of(Figure("X", description))
    assert look.body == body and (look.hair is None) == (body != "person")
    backend = AnimaticImages()
    empty = backend.generate(FrameRequest("a beach at noon", 320, 180, shot="medium"), tmp_path / "empty.png")
    shot = FrameRequest("a beach at noon", 320, 180, shot="medium", figures=(Figure("X", description),))
    drawn = np.asarray(Image.open(backend.generate(shot, tmp_path / "x.png")), np.int16)
    changed = np.abs(drawn - np.asarray(Image.open(empty), np.int16)).max(axis=2) > 40
    assert 0.05 < changed.mean() < 0.8  # the figure is in the frame, and it does not fill it


def test_a_lone_subject_is_seen_over_a_strangers_shoulder(tmp_path: Path) -> None:
    keeper = Figure("Wren", "a keeper with black hair and a red coat")
    shot = FrameRequest("a beach at noon", 320, 180, shot="over-the-shoulder", figures=(keeper,))
    pixels = np.asarray(Image.open(AnimaticImages().generate(shot, tmp_path / "ots.png")), np.int16)
    shoulder = pixels[int(0.9 * 180), int(0.1 * 320)]  # the foreground shoulder, bottom left
    assert shoulder.max() - shoulder.min() < 20  # a neutral stranger, not a darker shade of the subject's red coat
    subject = pixels[int(0.6 * 180), int(0.66 * 320)]
    assert subject[0] > subject[1] + 40  # while the subject does wear it
