"""The animatic shows what is said: the setting and weather the scene names (never a name, a look or a
simile), animals as their kind, people told apart, figures on the ground, and label and subject kept in view
for the whole camera move."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tools.images.animatic import AnimaticImages
from tools.images.animatic.looks import look_of
from tools.images.animatic.reading import read_prompt
from tools.images.base import Figure, FrameRequest
from tools.render.timeline import CAMERA_MOTIONS, seen_throughout

PLACES = {  # a way people write each place -> the setting drawn
    "deep under the sea near an old shipwreck": "underwater",
    "a coral reef full of colour": "reef",
    "the city aquarium, before the great fish tank": "aquarium",
    "inside the kitchen, by the stove": "kitchen",
    "a crowded train station platform": "station",
    "the red dust of Mars": "mars",
    "a classroom at the village school": "school",
    "the morning market, between the stalls": "market",
    "the castle on the hill": "castle",
    "a quiet library": "library",
    "a space station in orbit": "space",
    "the arctic ice": "polar",
}


def _pixels(request: FrameRequest, path: Path) -> np.ndarray:
    return np.asarray(Image.open(AnimaticImages().generate(request, path)), np.int16)


@pytest.mark.parametrize(("prompt", "setting"), PLACES.items())
def test_the_place_people_write_is_the_setting_drawn(prompt: str, setting: str) -> None:
    assert read_prompt(FrameRequest(prompt, 320, 180)).setting == setting


def test_every_setting_looks_different_from_every_other(tmp_path: Path) -> None:
    panels = {s: _pixels(FrameRequest(p, 192, 108, shot="wide"), tmp_path / f"{s}.png") for p, s in PLACES.items()}
    for (a, pa), (b, pb) in combinations(panels.items(), 2):
        assert np.abs(pa - pb).mean() > 8, f"{a} and {b} look alike"


@pytest.mark.parametrize(
    "prompt",
    ["Ada walks to school", "eyes like a winter frost, she floats in space", "Storm waits by the oven",
     "as cold as snow, the kitchen at dusk", "the snow-white cat sleeps", "Ada's raincoat hangs by the door"],
)  # fmt: skip
def test_weather_comes_only_from_weather(prompt: str) -> None:
    figures = (Figure("Ada", "a girl in a yellow raincoat"), Figure("Storm", "a grey cat with dark fur"))
    scene = read_prompt(FrameRequest(prompt, 320, 180, figures=figures))
    assert scene.weather == "clear" and scene.time != "night"


def test_weather_the_scene_names_still_falls() -> None:
    assert read_prompt(FrameRequest("the village in heavy rain", 320, 180)).weather == "rain"
    assert read_prompt(FrameRequest("it was snowing over the castle", 320, 180)).weather == "snow"


@pytest.mark.parametrize(
    ("description", "body", "kind"),
    [("a small brown dog", "beast", "dog"), ("a grey cat", "beast", "cat"), ("a chestnut mare", "beast", "horse"),
     ("a clever red fox", "beast", "fox"), ("a wise old owl", "bird", "owl"), ("an octopus", "octopus", "octopus"),
     ("a singing whale", "whale", "whale"), ("a camel", "beast", "camel"), ("a busy bee", "insect", "bee")],
)  # fmt: skip
def test_animals_are_drawn_as_their_kind(description: str, body: str, kind: str) -> None:
    look = look_of(Figure("X", description))
    assert (look.body, look.kind) == (body, kind)


def test_different_animals_make_different_pictures(tmp_path: Path) -> None:
    kinds = ["a dog", "a horse", "an owl", "an octopus", "a whale", "a camel", "a bee", "a cat"]
    panels = [
        _pixels(FrameRequest("a meadow", 192, 108, figures=(Figure("X", d),)), tmp_path / f"{i}.png")
        for i, d in enumerate(kinds)
    ]
    for (i, a), (j, b) in combinations(enumerate(panels), 2):
        assert np.abs(a - b).mean() > 1.5, f"{kinds[i]} and {kinds[j]} look alike"


def test_people_are_told_apart_by_age_build_hair_and_clothes(tmp_path: Path) -> None:
    girl = look_of(Figure("Ada", "a young girl in a yellow coat"))
    gran = look_of(Figure("Rosa", "a grandmother with white hair"))
    knight = look_of(Figure("Galen", "a knight"))
    astronaut = look_of(Figure("Yuri", "an astronaut"))
    baker = look_of(Figure("Bram", "a burly baker"))
    assert (girl.age, girl.hair_style) == ("child", "long") and girl.scale < 0.8
    assert (gran.age, gran.hair_style) == ("old", "bun")
    assert (knight.outfit, astronaut.outfit, baker.outfit, baker.hat) == ("armour", "spacesuit", "apron", "chef")
    assert baker.build > 1.0
    people = [Figure("Ada", "a young girl"), Figure("Rosa", "a grandmother"), Figure("Galen", "a knight"),
              Figure("Yuri", "an astronaut"), Figure("Tom", "a man")]  # fmt: skip
    panels = [_pixels(FrameRequest("a meadow", 192, 108, figures=(p,)), tmp_path / f"{p.name}.png") for p in people]
    for (i, a), (j, b) in combinations(enumerate(panels), 2):
        assert np.abs(a - b).mean() > 1.5, f"{people[i].description} and {people[j].description} look alike"


def _figure_mask(request: FrameRequest, tmp_path: Path) -> np.ndarray:
    empty = FrameRequest(request.prompt, request.width, request.height, request.shot, request.camera, label="")
    with_them = FrameRequest(request.prompt, request.width, request.height, request.shot, request.camera,
                             figures=request.figures, label="")  # fmt: skip
    a, b = _pixels(empty, tmp_path / "empty.png"), _pixels(with_them, tmp_path / "them.png")
    return np.abs(a - b).max(axis=2) > 40


@pytest.mark.parametrize("prompt", ["a meadow", "a city street", "inside the kitchen", "the red desert of Mars"])
def test_figures_in_a_wide_shot_stand_on_the_ground(prompt: str, tmp_path: Path) -> None:
    cast = (Figure("Ada", "a girl"), Figure("Pip", "a dog"))
    mask = _figure_mask(FrameRequest(prompt, 320, 180, "wide", figures=cast), tmp_path)
    rows = np.nonzero(mask.any(axis=1))[0]
    assert rows.size and rows.max() / 180 > 0.6  # their feet are below the horizon (0.56), on the ground


@pytest.mark.parametrize("size", [(320, 180), (180, 320)], ids=["16:9", "9:16"])
@pytest.mark.parametrize("camera", list(CAMERA_MOTIONS))
def test_subject_stays_inside_what_the_move_keeps_in_view(camera: str, size: tuple[int, int], tmp_path: Path) -> None:
    w, h = size
    cast = (Figure("Ada", "a girl in a red coat"), Figure("Star", "a chestnut horse"))
    mask = _figure_mask(FrameRequest("a meadow", w, h, "medium", camera, figures=cast), tmp_path)
    x0, _, x1, _ = seen_throughout(camera)
    cols = np.nonzero(mask.any(axis=0))[0]
    assert cols.size and cols.min() >= x0 * w - 2 and cols.max() <= x1 * w + 2


@pytest.mark.parametrize("size", [(320, 180), (180, 320)], ids=["16:9", "9:16"])
@pytest.mark.parametrize("camera", list(CAMERA_MOTIONS))
def test_the_label_stays_inside_what_the_move_keeps_in_view(camera: str, size: tuple[int, int], tmp_path: Path) -> None:
    w, h = size
    bare = FrameRequest("a meadow", w, h, "wide", camera, label="")
    labelled = FrameRequest("a meadow", w, h, "wide", camera, label="SC 12")
    a, b = _pixels(bare, tmp_path / "a.png"), _pixels(labelled, tmp_path / "b.png")
    mask = np.abs(a - b).max(axis=2) > 60
    x0, y0, x1, y1 = seen_throughout(camera)
    ys, xs = np.nonzero(mask)
    assert xs.size and xs.min() >= x0 * w - 1 and xs.max() <= x1 * w + 1
    assert ys.min() >= y0 * h - 1 and ys.max() <= y1 * h + 1
