"""The offline Director understands what people type: ordinals and positions, politeness and questions,
several changes in one message, whole-film requests, renames and retitles; it rewrites the visual rather than
appending the request's words, the frame changes visibly, and what it cannot do it says in one line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from agents import director, screenwriter, understand
from agents.cinematographer import frame_request
from domain import Options, Storyboard
from graphs.crew import plan_edits
from tools.images.animatic import AnimaticImages

IDEA = "a girl and her dog find a door in the forest"


@pytest.fixture(scope="module")
def board() -> Storyboard:
    story = screenwriter.write_story(IDEA, Options(scenes=5))
    return director.draft(story, 5, "16:9", "heart", "pencil storyboard")


def say(board: Storyboard, message: str) -> tuple[Storyboard, str]:
    update, _ = plan_edits({"board": board.model_dump()}, message)  # type: ignore[typeddict-item]
    return Storyboard.model_validate(update.get("board", board.model_dump())), update["reply"]


def narrations(board: Storyboard) -> list[str]:
    return [s.narration for s in board.scenes]


@pytest.mark.parametrize(
    ("message", "scene", "field", "wanted"),
    [
        ("can the fourth scene take place in a library?", 4, "visual", "in a library"),
        ("I'd like the second scene to be a wide shot", 2, "shot", "wide"),
        ("could the opening happen at night, please", 1, "visual", "at night"),
        ("the penultimate scene should pan to the left", 4, "camera", "pan-left"),
        ("scene three needs to feel scarier", 3, "mood", "eerie"),
        ("what about putting the last scene under a clear sky", 5, "visual", "under a clear sky"),
    ],
)  # fmt: skip
def test_ordinary_scene_requests_change_that_scene_only(board: Storyboard, message: str, scene: int, field: str,
                                                        wanted: str) -> None:  # fmt: skip
    after, _ = say(board, message)
    got = getattr(after.scenes[scene - 1], field)
    assert wanted in got if field == "visual" else got == wanted
    others = [k for k in range(5) if k != scene - 1]
    assert [after.scenes[k] for k in others] == [board.scenes[k] for k in others]


def test_the_visual_is_rewritten_never_appended_with_the_request(board: Storyboard) -> None:
    after, _ = say(board, "can the fourth scene take place in a library?")
    visual = after.scenes[3].visual
    assert "forest" not in visual.split(":")[0] and "?" not in visual and "can" not in visual.split()
    again, _ = say(after, "actually, make scene 4 happen on the beach please")
    assert "library" not in again.scenes[3].visual and "beach" in again.scenes[3].visual
    assert "please" not in again.scenes[3].visual and "actually" not in again.scenes[3].visual
    rainy, _ = say(again, "make it rain in scene 4")
    dry, _ = say(rainy, "no rain in scene 4")
    assert "in the rain" in rainy.scenes[3].visual and "rain" not in dry.scenes[3].visual


def test_several_changes_in_one_message(board: Storyboard) -> None:
    after, reply = say(board, "make the first scene happen in a busy market, and the last one at dusk; "
                              "also swap scenes 2 and 3")  # fmt: skip
    assert "market" in after.scenes[0].visual and "at dusk" in after.scenes[4].visual
    assert narrations(after)[1:3] == [board.scenes[2].narration, board.scenes[1].narration]
    assert reply.count("\n") >= 2  # a line for each change
    two, _ = say(board, "make scene 2 darker and scene 4 a close-up")
    assert two.scenes[1].mood == "dark" and two.scenes[3].shot == "close-up"
    assert two.scenes[1].shot == board.scenes[1].shot


@pytest.mark.parametrize(
    ("message", "check"),
    [
        ("make the whole film more mysterious", lambda b: "myster" in b.music.mood and all("myster" in s.mood for s in b.scenes)),  # noqa: E501
        ("the narrator should sound British", lambda b: b.voice == "en-gb"),
        ("change the title to The Long Way Home", lambda b: b.title == "The Long Way Home"),
        ("I'd like more cheerful music", lambda b: "cheerful" in b.music.mood),
        ("can you make it vertical for reels?", lambda b: b.aspect_ratio == "9:16"),
        ("I want more close-ups", lambda b: sum(s.shot == "close-up" for s in b.scenes) >= 2),
        ("give it a happier ending", lambda b: b.scenes[-1].mood.startswith("bright")),
        ("set everything at night", lambda b: all("at night" in s.visual for s in b.scenes)),
    ],
)  # fmt: skip
def test_whole_film_requests(board: Storyboard, message: str, check: Any) -> None:
    after, _ = say(board, message)
    assert after != board and check(after)


def test_a_shorter_film_says_less(board: Storyboard) -> None:
    after, reply = say(board, "it's too long, make it shorter")
    assert sum(map(len, narrations(after))) < sum(map(len, narrations(board))) and reply


def test_renames_reach_the_cast_and_retitles_the_film(board: Storyboard) -> None:
    after, _ = say(board, "the dog should be called Pip")
    assert "Pip" in [c.name for c in after.characters] and len(after.characters) == len(board.characters)
    ought, _ = say(board, "the dog ought to be called Rufus")
    assert "Rufus" in [c.name for c in ought.characters]
    titled, _ = say(board, "call the film 'Behind the Door'")
    assert titled.title == "Behind the Door" and titled.characters == board.characters


@pytest.mark.parametrize(
    ("message", "says"),
    [("make the music in a minor key", "set its mood"), ("narrate it in French", "accent"),
     ("add thunder sound effects", "sound effects"), ("the subtitles should be yellow", "captions")],
)  # fmt: skip
def test_what_it_cannot_do_is_one_line_with_the_nearest_it_can(board: Storyboard, message: str, says: str) -> None:
    after, reply = say(board, message)
    assert after == board and says in reply and "\n" not in reply and len(reply) < 200


def test_a_near_miss_never_costs_a_scene(board: Storyboard) -> None:
    for message in ("in scene 2", "scene 3, hmm", "about scene 4 and scene 5"):
        after, reply = say(board, message)
        assert after == board and "\n" not in reply


def test_meaning_ranks_paraphrases_the_rules_do_not_know() -> None:
    rows = understand.ranked("I reckon scene 3 and scene 4 ought to trade places")
    assert rows[0][0] == "swap"
    assert understand.ranked("please get rid of scene 2 entirely")[0][0] == "delete"
    assert understand.ranked("could the soundtrack feel a little more upbeat")[0][0] == "music"


def _frame(board: Storyboard, k: int, folder: Path) -> np.ndarray:
    request = frame_request(board.scenes[k - 1], k, board, 320, 180)
    path = AnimaticImages().generate(request, folder / f"{request.key('animatic')}.png")
    return np.asarray(Image.open(path).convert("L"), dtype=np.float32)


@pytest.mark.parametrize("message", ["make the third scene darker", "can scene 3 be at the beach?",
                                     "scene 3 should be an extreme close-up", "make it snow in scene 3"])  # fmt: skip
def test_an_edit_that_changes_what_is_seen_changes_the_frame_visibly(board: Storyboard, message: str,
                                                                     tmp_path: Path) -> None:  # fmt: skip
    after, _ = say(board, message)
    before_frame, after_frame = _frame(board, 3, tmp_path), _frame(after, 3, tmp_path)
    assert np.abs(before_frame - after_frame).mean() > 4  # grey levels of 255, over the whole frame
    if "darker" in message:
        assert after_frame.mean() < before_frame.mean() - 5


@pytest.mark.parametrize(("message", "scene", "on"), [
    ("could you animate the third scene?", 3, True), ("I want scene 2 to move for real", 2, True),
    ("let the opening come to life", 1, True), ("can the last shot be a moving video please", None, True),
    ("add some real motion to scene 4", 4, True), ("no animation in scene 3, thanks", 3, False),
    ("scene 2 shouldn't be animated after all", 2, False), ("keep the second scene as a still", 2, False),
])  # fmt: skip
def test_real_motion_is_asked_for_in_many_words(board: Storyboard, message: str, scene: int | None, on: bool) -> None:
    [edit] = understand.read(message, board)[0]
    assert (edit.kind, edit.scene, edit.text) == ("animate", scene or len(board.scenes), "on" if on else "off")


def test_moving_a_scene_is_not_motion(board: Storyboard) -> None:
    assert understand.read("move scene 3 to the end", board)[0][0].kind == "move"
