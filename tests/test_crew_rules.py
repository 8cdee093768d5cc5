"""The offline crew's rules: the Screenwriter's refusals and stories, the Director's storyboards and edits."""

from __future__ import annotations

import re

import pytest

from agents import cast, screenwriter
from agents.cinematographer import characters_in
from agents.crew_notes import lint
from agents.director import Edit, EditError, apply, draft, parse
from agents.screenwriter import write_story
from domain import STORY_TYPES, Character, Options, Scene, Storyboard

IDEA = "a lighthouse keeper befriends a lost robot"


@pytest.mark.parametrize(
    ("idea", "reason"),
    [("", "is empty"), ("   \n ", "is empty"), ("x" * 20000, "20,000 characters long"), ("!!! 123 ???", "no words"),
     ("a story about how to make a bomb at school", "not allowed")],
)  # fmt: skip
def test_the_screenwriter_refuses_with_a_reason(idea: str, reason: str) -> None:
    with pytest.raises(screenwriter.Refusal, match=reason):
        screenwriter.write_story(idea, Options())


@pytest.mark.parametrize("story_type", STORY_TYPES)
def test_every_story_type_gives_a_titled_story_of_the_default_length_with_a_cast(story_type: str) -> None:
    story = screenwriter.write_story(IDEA, Options(story_type=story_type))  # type: ignore[arg-type]
    assert 600 <= len(story.text) <= 900, len(story.text)
    assert story.title and story.story_type == story_type
    looks = {c.name: c.description for c in story.characters}
    assert len(looks) == 2 and any("lighthouse keeper" in d for d in looks.values())
    assert any("robot" in d for d in looks.values())
    assert all(name in story.text for name in looks)
    longer = screenwriter.write_story(IDEA, Options(story_type=story_type, length=1500))  # type: ignore[arg-type]
    assert len(longer.text) >= 1300


def test_the_same_idea_always_gives_the_same_cast() -> None:
    assert screenwriter.write_story(IDEA, Options()).characters == screenwriter.write_story(IDEA, Options()).characters


@pytest.mark.parametrize(
    ("idea", "roles"),
    [(IDEA, [("lighthouse keeper", "person"), ("lost robot", "machine")]),
     ("A baker finds a dragon egg in the flour", [("baker", "person")]),
     ("an old fisherman catches a talking fish", [("old fisherman", "man"), ("talking fish", "animal")]),
     ("a girl watches the stars with a lonely alien", [("girl", "woman"), ("lonely alien", "creature")]),
     ("A story about a young witch who loses her broom", [("young witch", "woman")]),
     ("a girl and her dog find a secret door", [("girl", "woman"), ("dog", "animal")]),
     ("the king and the queen are lost", [("king", "man"), ("queen", "woman")]),
     ("the last tree on earth", [])],
)  # fmt: skip
def test_the_cast_is_the_beings_an_idea_names_not_its_objects(idea: str, roles: list[tuple[str, str]]) -> None:
    assert [(r.phrase, r.kind) for r in cast.roles_in(idea)] == roles
    people = cast.cast_of(idea)
    if not roles:
        assert [c.description for c in people] == ["a curious traveller with dark hair and a red coat"]
        return
    for person, (phrase, kind) in zip(people, roles, strict=True):
        assert person.description.startswith(cast.an(phrase))
        assert person.name in cast.LOOKS[kind][0]  # a girl is never called Oskar
        if kind in ("machine", "animal", "creature"):
            assert "hair" not in person.description and "coat" not in person.description
        if "young" in phrase or kind == "woman":
            assert "beard" not in person.description and "grey hair" not in person.description


@pytest.mark.parametrize(
    ("idea", "told"),
    [(IDEA, "{0} befriended a lost robot. The lost robot was called {1}, small and round-eyed"),
     ("A story about a young witch who loses her broom", "{0} lost her broom."),
     ("an old fisherman catches a talking fish", "{0} caught a talking fish. The talking fish was called {1}"),
     ("what if cats could fly", ": {0} and {1} could fly."),
     ("three sisters open a bakery in Lisbon", "{0}, {1} and {2} opened a bakery in Lisbon"),
     ("a girl and her dog find a secret door", "{0} and her dog found a secret door. Her dog was called {1}"),
     ("the king and the queen are lost", "{0} and the queen were lost.")],
)  # fmt: skip
def test_the_idea_is_retold_as_part_of_the_story(idea: str, told: str) -> None:
    story = screenwriter.write_story(idea, Options(story_type="fairy-tale"))
    assert told.format(*(c.name for c in story.characters)) in story.text


@pytest.mark.parametrize(
    ("verb", "done"),
    [("befriends", "befriended"), ("tries", "tried"), ("watches", "watched"), ("catches", "caught"),
     ("loses", "lost"), ("dances", "danced"), ("fixes", "fixed"), ("misses", "missed"), ("plays", "played")],
)  # fmt: skip
def test_verbs_go_into_the_past(verb: str, done: str) -> None:
    assert screenwriter.past(verb) == done


def test_a_pasted_script_is_kept_as_written() -> None:
    script = "The Last Ferry\nOtto waited at the pier. The ferry was late. Otto checked his watch, then smiled."
    story = screenwriter.keep_script(script, Options())
    assert story.text == script.strip() and story.from_script and story.title == "The Last Ferry"
    assert [c.name for c in story.characters] == ["Otto"]


def test_the_director_splits_by_sentence_with_a_deliberate_shot_grammar() -> None:
    story = screenwriter.write_story(IDEA, Options())
    for count in (3, 5, 8, 12):
        board = draft(story, count, "16:9", "heart", "pencil")
        assert len(board.scenes) == count
        assert " ".join(s.narration for s in board.scenes).split() == story.text.split() or count > 8
        assert board.scenes[0].shot == "wide"  # establishing
        shots = [s.shot for s in board.scenes]
        assert not any(shots[i] == shots[i + 1] == shots[i + 2] for i in range(len(shots) - 2))
        assert len({s.camera for s in board.scenes}) >= min(3, count)
        assert board.music.mood


def board_of(n: int) -> Storyboard:
    return Storyboard(
        title="t",
        characters=[],
        scenes=[Scene(narration=f"Line {k}, with a clause. And another sentence here.", visual=f"v{k} at dawn")
                for k in range(1, n + 1)],
    )  # fmt: skip


@pytest.mark.parametrize(
    ("message", "edit"),
    [
        ("make scene 3 happen at night in a storm", Edit("revise", 3, text="at night in a storm")),
        ("scene two should be a close-up", Edit("revise", 2, text="close-up")),
        ("swap scenes 2 and 4", Edit("swap", 2, 4)),
        ("swap 1 and 3", Edit("swap", 1, 3)),
        ("merge 3 and 4", Edit("merge", 3, 4)),
        ("delete 2", Edit("delete", 2)),
        ("help", Edit("help")),
        ("what can you do?", Edit("help")),
        ("move the last scene to the start", Edit("move", 5, 1)),
        ("move scene 1 to the end", Edit("move", 1, 5)),
        ("add a scene after 2: the robot waves goodbye", Edit("insert", 2, text="the robot waves goodbye")),
        ("delete scene 4", Edit("delete", 4)),
        ("split scene 1", Edit("split", 1)),
        ("merge scenes 3 and 4", Edit("merge", 3, 4)),
        ("regenerate scene 5", Edit("regenerate", 5)),
        ("set voice en-gb", Edit("set", text="voice=en-gb")),
        ("set aspect 9:16", Edit("set", text="aspect=9:16")),
        ("set story type mystery", Edit("set", text="story=mystery")),
        ("approve all", Edit("approve")),
        ("approve scene 2", Edit("approve", 2)),
        ("reject 3: too dark", Edit("reject", 3, text="too dark")),
        ("undo", Edit("undo")),
        ("redo", Edit("redo")),
        ("render", Edit("render")),
        ("What does the crew think?", Edit("notes")),
    ],
)
def test_commands_are_parsed_without_a_model(message: str, edit: Edit) -> None:
    assert parse(message, 5) == [edit]


def test_free_text_is_not_mistaken_for_a_command() -> None:
    assert parse("I love the colours so far", 5) is None


def test_each_edit_changes_the_storyboard_as_said() -> None:
    board = board_of(5)
    night, said = apply(board, Edit("revise", 3, text="at night in a storm"))
    # The time and the weather are slots of the visual, rewritten rather than appended with the request.
    assert night.scenes[2].visual == "At night, v3, in a storm" and night.scenes[2].mood == "tense"
    assert "Scene 3" in said
    morning = apply(night, Edit("revise", 3, text="in the morning, with no storm"))[0]
    assert morning.scenes[2].visual == "In the morning, v3"
    assert apply(board, Edit("revise", 2, text="close-up"))[0].scenes[1].shot == "close-up"
    swapped = apply(board, Edit("swap", 2, 4))[0]
    assert [s.visual[:2] for s in swapped.scenes] == ["v1", "v4", "v3", "v2", "v5"]
    moved = apply(board, Edit("move", 5, 1))[0]
    assert [s.visual[:2] for s in moved.scenes] == ["v5", "v1", "v2", "v3", "v4"]
    assert len(apply(board, Edit("insert", 2, text="a wave"))[0].scenes) == 6
    assert apply(board, Edit("insert", 2, text="a wave"))[0].scenes[2].visual == "a wave"
    assert [s.visual[:2] for s in apply(board, Edit("delete", 4))[0].scenes] == ["v1", "v2", "v3", "v5"]
    split = apply(board, Edit("split", 1))[0]
    assert (
        len(split.scenes) == 6
        and split.scenes[0].narration + " " + split.scenes[1].narration == board.scenes[0].narration
    )
    merged = apply(board, Edit("merge", 3, 4))[0]
    assert len(merged.scenes) == 4 and merged.scenes[2].narration.count("Line") == 2
    reframed = apply(board, Edit("regenerate", 1))[0].scenes[0]
    assert (reframed.shot, reframed.camera) != (board.scenes[0].shot, board.scenes[0].camera)
    assert apply(board, Edit("set", text="aspect=1:1"))[0].aspect_ratio == "1:1"
    assert apply(board, Edit("set", text="voice=en-gb"))[0].voice == "en-gb"
    assert board == board_of(5)  # edits never change the board they were given


@pytest.mark.parametrize(
    ("edit", "message"),
    [(Edit("revise", 9, text="x"), "no scene 9: the storyboard has 5 scenes"),
     (Edit("swap", 2, 2), "cannot be swapped with itself"), (Edit("merge", 1, 3), "neighbouring"),
     (Edit("set", text="aspect=4:3"), "aspect must be one of"), (Edit("set", text="voice=bella"), "no voice called")],
)  # fmt: skip
def test_impossible_edits_are_refused(edit: Edit, message: str) -> None:
    with pytest.raises(EditError, match=message):
        apply(board_of(5), edit)


def test_crew_notes_speak_for_each_craft_and_propose_commands() -> None:
    board = board_of(4)
    board.scenes[0].narration = "Short."
    notes = lint(board)
    lines = notes.lines()
    assert any(n.startswith("Cinematographer:") and "establishing" in n for n in lines)
    assert any(n.startswith("Editor:") and "scene 1 is very short" in n for n in lines)
    assert notes.notes[-1].craft == "Director"
    assert "scene 1 should be a wide" in notes.proposals and "merge scenes 1 and 2" in notes.proposals
    for proposal in notes.proposals:  # every proposal is a command the rule parser reads
        assert parse(proposal, 4)
    clean = board_of(3)
    clean.scenes[0].shot = "wide"
    clean.scenes[1].shot = "close-up"
    clean.scenes[1].camera = "pan-left"
    quiet = lint(clean)
    assert quiet.proposals == [] and [n.craft for n in quiet.notes] == ["Director"]
    assert quiet.notes[0].text.startswith("3 scenes") and quiet.notes[0].text.endswith("say 'approve all' to shoot.")
    long = board_of(3)
    long.scenes[1].narration = "The keeper walks the long stair once more. " * 8
    assert "split scene 2" in lint(long).proposals
    long.scenes[1].narration = "word " * 60  # one endless sentence cannot be split: nothing is proposed
    assert any("runs about 23 s" in line for line in lint(long).lines()) and "split scene 2" not in lint(long).proposals


def test_accept_reads_proposal_numbers() -> None:
    assert parse("accept 2", 5) == [Edit("accept", 2)]
    assert parse("Accept proposal two", 5) == [Edit("accept", 2)]
    assert parse("accept all", 5) == [Edit("accept")]


def test_the_light_follows_what_the_narration_tells() -> None:
    from agents.director import light_of

    told = ["Mara woke early.", "One evening the robot came.", "It did not speak.", "By morning it was gone.",
            "The nights grew longer.", "The sun went down over the bay.", "Then the sun rose."]  # fmt: skip
    lit = ["at midday", "at dusk", "at dusk", "in the morning", "in the morning", "at dusk", "at dawn"]
    assert light_of(told) == lit
    story = screenwriter.write_story(IDEA, Options(story_type="mystery"))
    board = draft(story, 7, "16:9", "heart", "pencil")
    for scene, time in zip(board.scenes, light_of([s.narration for s in board.scenes]), strict=True):
        assert f" {time}" in scene.visual  # each picture is lit as its narration (or the scene before) says


def test_a_character_is_in_the_shot_when_named_or_called_by_their_role() -> None:
    story = screenwriter.write_story(IDEA, Options(story_type="fairy-tale"))
    keeper, robot = story.characters
    board = draft(story, 5, "16:9", "heart", "pencil")
    meeting = next(s for s in board.scenes if "befriended a lost robot" in s.narration)
    assert characters_in(meeting.model_copy(update={"narration": f"{keeper.name} befriended a lost robot."}),
                         story.characters) == [keeper, robot]  # fmt: skip
    first = board.scenes[0]
    assert keeper.description not in first.visual and f"{keeper.name} " in first.visual  # no look pasted in


@pytest.mark.parametrize(
    ("idea", "place", "setting"),
    [("three sisters open a bakery in Lisbon", "the bakery in Lisbon", "kitchen"),
     ("a whale learns to sing", "the deep sea", "underwater"),
     ("two astronauts fall in love on Mars", "Mars", "mars"),
     ("an octopus escapes from the aquarium", "the aquarium", "aquarium"),
     ("a knight must face a dragon", "the castle", "castle"),
     ("a detective in Paris hunts a thief", "the streets of Paris", "city"),
     ("a girl and her grandpa go fishing", "the harbour", "sea")],
)  # fmt: skip
def test_the_story_happens_where_the_idea_says_and_is_drawn_there(idea: str, place: str, setting: str) -> None:
    from tools.images.animatic.reading import read_prompt
    from tools.images.base import FrameRequest

    story = screenwriter.write_story(idea, Options(story_type="adventure"))
    assert story.place == place and place in story.text
    board = draft(story, 5, "16:9", "heart", "pencil")
    drawn = [read_prompt(FrameRequest(s.visual, 32, 18)).setting for s in board.scenes]
    assert drawn.count(setting) >= 4, drawn  # the animatic draws the idea's place, not a stock valley


def test_stories_of_one_type_share_their_shape_but_rarely_a_sentence() -> None:
    ideas = ["a lighthouse keeper befriends a lost robot", "a girl finds a door in a tree", "a baker loses her recipe",
             "a boy trains a dragon", "a fox and a crow share a secret", "an old sailor builds one last boat",
             "a cat wants to fly", "a robot learns to paint", "a queen forgets her name", "a mouse saves the moon",
             "twin brothers race to the summit", "a teacher finds a map in a book"]  # fmt: skip
    for story_type in ("adventure", "fairy-tale", "mystery"):
        seen: dict[str, int] = {}
        for idea in ideas:
            text = screenwriter.write_story(idea, Options(story_type=story_type)).text
            for sentence in {s.strip() for s in text.replace("!", ".").split(". ") if s.strip()}:
                seen[sentence] = seen.get(sentence, 0) + 1
        assert max(seen.values()) <= 4, max(seen.items(), key=lambda kv: kv[1])  # a few of twelve at most


@pytest.mark.parametrize(
    ("idea", "title"),
    [("a wolf and a sheep fall in love", "A Wolf and a Sheep Fall in Love"),
     ("two rival bakers must share one oven in a small town", "Two Rival Bakers Must Share One Oven"),
     ("a farmer and his daughter save their farm from a flood", "A Farmer and His Daughter Save Their Farm")],
)  # fmt: skip
def test_titles_are_whole_phrases(idea: str, title: str) -> None:
    assert screenwriter.write_story(idea, Options()).title == title


def test_a_relative_clause_stays_a_clause_when_the_idea_is_retold() -> None:
    told = screenwriter.retell("a knight who is afraid of the dark must rescue a dragon", "Ines", "knight")
    assert told == "Ines, who was afraid of the dark, had to rescue a dragon"


def test_a_partner_of_several_words_keeps_its_noun_and_the_verb_goes_into_the_past() -> None:
    from agents.screenwriter import retell

    assert retell("a pilot and an old lighthouse keeper rescue a small robot", "Ada", "pilot") == (
        "Ada and an old lighthouse keeper rescued a small robot"  # not "an old lighthoused keeper rescue"
    )
    assert retell("a boy and an old fisherman sail to the edge of the map", "Tomas", "boy").startswith(
        "Tomas and an old fisherman sailed"
    )


def test_cast_requests_in_ordinary_words() -> None:
    from agents import casting
    from domain import Storyboard

    board = Storyboard.model_validate({"characters": [
        {"name": "Juniper", "description": "a grumpy lighthouse cat, pure white all over"},
        {"name": "Sage", "description": "a seagull, speckled brown all over"}],
        "scenes": [{"narration": "Juniper met Sage.", "visual": "Juniper and Sage"}]})  # fmt: skip
    assert casting.question("who's the bird?") == casting.Edit("ask", text="who:the bird")
    assert casting.request("call the seagull Gully", board) == casting.Edit("rename", 2, text="Gully")
    assert casting.request("also call the seagull the gull too", board) == casting.Edit("alias", 2, text="the gull")
    assert casting.request("can you save the cat to my library please", board) == casting.Edit("save", 1)
    assert casting.request("please make the cat look older", board) == casting.Edit("look", 1, text="look older")


def _story_board() -> Storyboard:
    story = write_story("a lighthouse keeper befriends a lost robot", Options(scenes=6, story_type="fairy-tale"))
    return draft(story, 6, "16:9", "heart", "pencil storyboard")


def test_crew_notes_catch_an_ending_placed_first_and_propose_moving_it() -> None:
    board = _story_board()
    assert not [n for n in lint(board).notes if "ending" in n.text]
    moved = apply(board, Edit("move", 6, 1))[0]
    notes = lint(moved)
    assert any("sounds like the ending" in n.text for n in notes.notes) and "move scene 1 to the end" in notes.proposals
    assert apply(moved, parse("move scene 1 to the end", 6)[0])[0] == board  # accepting it restores the story


def test_crew_notes_catch_a_picture_that_contradicts_its_narration_and_someone_never_seen() -> None:
    board = _story_board()
    scenes = list(board.scenes)
    scenes[2] = scenes[2].model_copy(
        update={
            "narration": "Deep under the sea, the robot found a shell.",
            "visual": "Sprocket in the forest at midday: the robot found a shell",
        }
    )
    scenes[4] = scenes[4].model_copy(update={"narration": scenes[4].narration + " Gully watched from the rail."})
    gull = Character(name="Gully", description="a seagull, white all over")
    broken = board.model_copy(update={"scenes": scenes, "characters": [*board.characters, gull]})
    notes = lint(broken)
    text = " ".join(n.text for n in notes.notes)
    assert "scene 3: the narration is under the sea but the picture is in the forest" in text
    assert "Gully is named in the narration but never seen" in text
    fixed = broken
    for proposal in notes.proposals:
        for edit in parse(proposal, len(fixed.scenes)) or []:
            fixed = apply(fixed, edit)[0]
    assert "under the sea" in fixed.scenes[2].visual and "Gully" in fixed.scenes[4].visual
    assert not [n for n in lint(fixed).notes if "but the picture is" in n.text or "never seen" in n.text]


@pytest.mark.parametrize("idea", ["the invention of the printing press", "how bees make honey", "why the sea is salty"])
def test_a_documentary_tells_its_subject_with_no_invented_hero(idea: str) -> None:
    story = screenwriter.write_story(idea, Options(story_type="documentary"))
    assert idea in story.text and "how how" not in story.text.lower()
    invented = {"Ada", "Mara", "Ines", "Nora", "Lena", "Wren", "Elias", "Tomas", "Jonah", "Felix", "Ravi", "Oskar"}
    assert not invented & set(story.text.replace(".", " ").replace(",", " ").split())  # nobody made up
    assert not re.search(r"\b(?:once upon a time|lived happily)\b", story.text, re.I)
    beings = [c.description for c in story.characters]
    assert beings == [] or (idea == "how bees make honey" and all("bee" in b for b in beings))


@pytest.mark.parametrize(
    ("idea", "cast"),
    [("a night guard at a museum hears the statues whisper", ["night guard"]), ("what if it rained forever", []),
     ("the cook and the knight", ["cook", "knight"]), ("an elephant never forgets a friend", ["elephant", "friend"]),
     ("a dog waits for its owner every day", ["dog", "owner"])],
)  # fmt: skip
def test_a_being_named_by_a_word_that_is_also_a_verb_is_cast(idea: str, cast: list[str]) -> None:
    story = screenwriter.write_story(idea, Options())  # and an idea that names nobody still gets its story
    assert [r.phrase for r in screenwriter.roles_in(idea)] == cast and story.characters


def test_a_scene_that_names_nobody_is_not_a_close_up_of_no_one() -> None:
    from agents.director import PERSONAL

    for idea in (IDEA, "a fox and a crow share a secret", "what if it rained forever"):
        for story_type in ("fairy-tale", "mystery", "documentary"):
            story = screenwriter.write_story(idea, Options(story_type=story_type))
            for scenes in (4, 6, 9):
                board = draft(story, scenes, "16:9", "heart", "pencil")
                for scene in board.scenes:
                    assert scene.shot not in PERSONAL or characters_in(scene, board.characters)
                shots = [s.shot for s in board.scenes]
                assert not any(shots[i] == shots[i + 1] == shots[i + 2] for i in range(len(shots) - 2))
