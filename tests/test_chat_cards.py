"""What the studio shows, as plain data: a card per scene, the buttons each phase offers, what a turn changed."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from chat.cards import PHASE_ACTIONS, cards, changed, command, film, sheet
from domain import Options
from graphs.projects import Studio
from settings import Settings

IDEA = "a lighthouse keeper befriends a lost robot"


def test_cards_follow_the_project_through_review_shots_and_the_film(tmp_path: Path) -> None:
    studio = Studio(replace(Settings.from_env(), height=90), tmp_path)
    turn = studio.new(IDEA, Options(scenes=3), project="thread-1")
    assert turn.project == "thread-1" and turn.phase == "review"
    review = cards(studio.state("thread-1"))
    assert [c.number for c in review] == [1, 2, 3] and all(c.actions == ("edit",) and not c.frame for c in review)
    assert "**Scene 1**" in review[0].text and review[0].narration in review[0].text
    assert PHASE_ACTIONS["review"][0][2] == "approve all"

    studio.say("thread-1", "approve all")
    shot = cards(studio.state("thread-1"))
    assert all(Path(c.frame).is_file() and c.actions == ("approve", "reshoot", "edit") for c in shot)
    assert sheet(tmp_path / "projects" / "thread-1" / "review").endswith(".png")
    assert len(changed(review, shot)) == 3  # every card now has its frame

    studio.say("thread-1", command("edit", 2, "make it happen at night in a storm"))
    after = cards(studio.state("thread-1"))
    assert [c.number for c in changed(shot, after)] == [2] and after[2 - 1].frame != shot[2 - 1].frame
    studio.say("thread-1", "approve 1")
    assert cards(studio.state("thread-1"))[0].actions == ("reshoot", "edit")

    studio.say("thread-1", "render")
    files = film(studio.state("thread-1"))
    assert set(files) == {"mp4", "srt", "vtt"} and all(Path(p).is_file() for p in files.values())


def test_scene_buttons_say_what_a_person_would_type() -> None:
    assert command("approve", 3) == "approve 3"
    assert command("reshoot", 2, " too dark ") == "reject 2: too dark"
    assert command("edit", 4, "at the beach") == "in scene 4, at the beach"


def test_a_stopped_turn_leaves_the_project_resumable(tmp_path: Path) -> None:
    """The studio's stop button: the crew stops after the step it is in, and resume finishes the job."""
    import threading

    studio = Studio(replace(Settings.from_env(), height=90), tmp_path)
    studio.new(IDEA, Options(scenes=2), project="thread-2")
    stop = threading.Event()
    stopped = studio.say("thread-2", "render", progress=lambda _line: stop.set(), stop=stop)
    assert stopped.phase != "done" and not stopped.video
    finished = studio.resume("thread-2")
    assert finished.phase == "done" and Path(finished.video).is_file()


def test_the_spend_panel_says_the_total_against_the_budget_and_each_backend(tmp_path) -> None:
    from chat.cards import spend_sheet
    from tools.cloud.ledger import Entry, Ledger

    book = Ledger(tmp_path / "ledger.jsonl", budget=2.0)
    assert spend_sheet(Ledger(tmp_path / "none.jsonl").summary()) == ""  # offline, no budget: no panel
    assert spend_sheet(book.summary()) == "**$0.000** of $2.00 spent"
    book.record(Entry("stability", "image", 1, "images", 0.03))
    book.record(Entry("stability", "image", 1, "images", 0.03))
    book.record(Entry("openai", "speech", 420, "characters", 0.005))
    assert spend_sheet(book.summary()).splitlines() == [
        "**$0.065** of $2.00 spent",
        "- stability image: 2 images, $0.060",
        "- openai speech: 420 characters, $0.005",
    ]
