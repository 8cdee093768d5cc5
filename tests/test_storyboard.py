"""The storyboard contract: defaults, and refusals that name the field and the problem."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from domain import CAMERA_MOVES, SHOT_TYPES, StoryboardError, load_storyboard, parse_storyboard, storyboard_schema


def test_only_scenes_narration_and_visual_are_required() -> None:
    board = parse_storyboard({"scenes": [{"narration": "Hello.", "visual": "a field"}]})
    assert board.aspect_ratio == "16:9"
    assert board.title == "Untitled"
    assert board.scenes[0].shot in SHOT_TYPES and board.scenes[0].camera in CAMERA_MOVES


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"scenes": [{"narration": "a", "visual": "b"}] * 2 + [{"narration": "a", "visual": "b", "shot": "closeup"}]},
         "scenes[2].shot: 'closeup' is not one of 'wide', 'medium', 'close-up'"),
        ({"scenes": []}, "scenes: List should have at least 1 item"),
        ({"title": "x"}, "scenes: is required"),
        ({"scenes": [{"visual": "b"}]}, "scenes[0].narration: is required"),
        ({"scenes": [{"narration": "a", "visual": "b", "camera": "zoom"}]}, "scenes[0].camera: 'zoom' is not one of"),
        ({"aspect_ratio": "4:3", "scenes": [{"narration": "a", "visual": "b"}]}, "aspect_ratio: '4:3' is not one of"),
        ({"scenes": [{"narration": "a", "visual": "b", "narattion": "c"}]}, "scenes[0].narattion: is not a storyboard"),
        ({"music": {"tempo": 900}, "scenes": [{"narration": "a", "visual": "b"}]}, "music.tempo: Input should be less"),
        ({"scenes": [{"narration": "", "visual": "b"}]}, "scenes[0].narration: String should have at least 1"),
    ],
)  # fmt: skip
def test_a_broken_storyboard_names_the_field(data: dict, expected: str) -> None:
    with pytest.raises(StoryboardError) as err:
        parse_storyboard(data)
    assert expected in str(err.value)


def test_load_refuses_unreadable_files_clearly(tmp_path: Path) -> None:
    latin = tmp_path / "latin1.json"
    latin.write_bytes('{"title": "caf\xe9"}'.encode("latin-1"))
    bad_json = tmp_path / "bad.json"
    bad_json.write_text('{"scenes": [', encoding="utf-8")
    cases = {latin: "not UTF-8", bad_json: "not valid JSON (line 1", tmp_path / "nope.json": "no such file",
             tmp_path: "is a folder"}  # fmt: skip
    for path, message in cases.items():
        with pytest.raises(StoryboardError, match=re.escape(message)):
            load_storyboard(path)


def test_the_sample_storyboard_is_valid() -> None:
    board = load_storyboard(Path(__file__).parent.parent / "examples" / "lighthouse.json")
    assert len(board.scenes) == 6 and {c.name for c in board.characters} == {"Elias", "Bolt"}


def test_schema_lists_the_contract() -> None:
    schema = storyboard_schema()
    assert schema["required"] == ["scenes"]
    scene = schema["$defs"]["Scene"]
    assert set(scene["required"]) == {"narration", "visual"}
    assert scene["properties"]["shot"]["enum"] == list(SHOT_TYPES)
    json.dumps(schema)
