"""The crew graph: human checkpoints as interrupts, approve and reject, checkpointed projects that resume."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.types import Command
from PIL import Image

from domain import Options
from graphs.crew import CrewContext, build_crew_graph
from graphs.projects import ProjectError, Studio
from settings import Settings
from tests.conftest import off_machine

IDEA = "a lighthouse keeper befriends a lost robot"


@pytest.fixture
def crew(tmp_path: Path):
    """A freshly compiled graph with an in-memory checkpointer, its config and context."""
    graph = build_crew_graph().compile(checkpointer=InMemorySaver())
    config = {"configurable": {"thread_id": "t1"}}
    context = CrewContext(settings=replace(Settings.from_env(), height=90), folder=tmp_path / "project")
    return graph, config, context


def run(crew, payload):
    graph, config, context = crew
    result = graph.invoke(payload, config, context=context)
    return result, graph.get_state(config)


def test_a_new_project_pauses_for_storyboard_review(crew) -> None:
    result, snapshot = run(crew, {"idea": IDEA, "options": Options(scenes=4).model_dump()})
    (pending,) = result["__interrupt__"]
    assert pending.value["phase"] == "review"
    assert snapshot.next == ("review",)
    assert len(snapshot.values["board"]["scenes"]) == 4
    assert "No language model is configured" in snapshot.values["reply"]


def test_edits_apply_and_undo_during_review(crew) -> None:
    run(crew, {"idea": IDEA, "options": Options(scenes=4).model_dump()})
    _, snap = run(crew, Command(resume="swap scenes 1 and 2"))
    first = snap.values["board"]["scenes"]
    _, snap = run(crew, Command(resume="undo"))
    assert snap.values["board"]["scenes"] == [first[1], first[0], *first[2:]]
    assert snap.values["reply"] == "Undid the last change (scene 1; scene 2)."  # says what it took back
    _, snap = run(crew, Command(resume="redo"))
    assert snap.values["board"]["scenes"] == first
    _, snap = run(crew, Command(resume="make scene 3 happen at night in a storm"))
    _, snap = run(crew, Command(resume="undo"))
    assert snap.values["reply"] == "Undid the last change (scene 3: visual, mood)."
    _, snap = run(crew, Command(resume=f"scene 1 should be a {first[0]['shot']}"))
    assert snap.values["reply"] == "That is how it is already; nothing changed."
    _, snap = run(crew, Command(resume="undo"))  # so undo takes back the swap's redo, not a step that did nothing
    assert snap.values["board"]["scenes"] == [first[1], first[0], *first[2:]]
    _, snap = run(crew, Command(resume="redo"))
    _, snap = run(crew, Command(resume="help"))
    assert "swap scenes 2 and 4" in snap.values["reply"] and snap.values["board"]["scenes"] == first
    _, snap = run(crew, Command(resume="scene 9 should be a close-up"))  # refused inside the graph too
    assert snap.values["reply"].startswith("Nothing changed: there is no scene 9")
    assert snap.values["board"]["scenes"] == first and snap.next == ("review",)


@pytest.mark.parametrize("decision", ["approve", "reject"])
def test_scene_approval_approves_or_reshoots_only_the_rejected_scene(crew, decision: str) -> None:
    run(crew, {"idea": IDEA, "options": Options(scenes=3).model_dump()})
    result, snap = run(crew, Command(resume="approve all"))
    assert result["__interrupt__"][0].value["phase"] == "shots"
    frames = [s["frame"] for s in snap.values["scenes"]]
    assert all(Path(f).exists() for f in frames) and {s["status"] for s in snap.values["scenes"]} == {"shot"}
    if decision == "approve":
        result, snap = run(crew, Command(resume="approve 2"))
        assert [s["status"] for s in snap.values["scenes"]] == ["shot", "approved", "shot"]
        result, snap = run(crew, Command(resume="approve all"))
        assert result["__interrupt__"][0].value["phase"] == "confirm"
    else:
        result, snap = run(crew, Command(resume="reject 2: at night in a storm"))
        assert result["__interrupt__"][0].value["phase"] == "shots"
        after = [s["frame"] for s in snap.values["scenes"]]
        assert after[0] == frames[0] and after[2] == frames[2] and after[1] != frames[1]  # only scene 2 reshot
        assert _stormy_night(snap.values["board"]["scenes"][1]["visual"])


def test_render_goes_through_to_the_editor(crew) -> None:
    run(crew, {"idea": IDEA, "options": Options(scenes=2).model_dump()})
    _, snap = run(crew, Command(resume="render"))  # render at review: approvals are implied
    assert snap.values["phase"] == "done" and Path(snap.values["video"]).is_file()
    assert snap.next == ("review",)  # the finished film can still be changed
    assert "Say 'render' to cut the film again" in snap.tasks[0].interrupts[0].value["question"]


def test_a_finished_film_is_changed_and_cut_again_redoing_only_the_change(crew, tmp_path: Path) -> None:
    run(crew, {"idea": IDEA, "options": Options(scenes=3).model_dump()})
    _, first = run(crew, Command(resume="render"))
    report = tmp_path / "project" / "film" / "render.json"
    _, snap = run(crew, Command(resume="what does the crew think?"))  # a question keeps the film as it is
    assert snap.values["phase"] == "done"
    _, snap = run(crew, Command(resume="make scene 3 happen at night in a storm"))
    assert snap.values["phase"] == "review" and snap.next == ("review",)
    _, snap = run(crew, Command(resume="render"))
    assert snap.values["phase"] == "done" and _stormy_night(snap.values["board"]["scenes"][2]["visual"])
    steps = {s["name"]: s for s in json.loads(report.read_text())["steps"]}
    assert steps["frames"]["misses"] == 1 and steps["frames"]["hits"] == 2  # scene 3 redrawn, not 1 and 2
    assert 0 < steps["segments"]["misses"] < steps["segments"]["hits"]  # only the segments scene 3 touches
    assert snap.values["video"] == first.values["video"] and Path(snap.values["video"]).is_file()


def test_studio_refuses_bad_requests_and_leaves_the_project_as_it_was(tmp_path: Path) -> None:
    studio = Studio(replace(Settings.from_env(), height=90), tmp_path / "home")
    turn = studio.new(IDEA, Options(scenes=3))
    before = studio.state(turn.project)
    for message, error in [("swap scene 2 with itself", "cannot be swapped with itself"),
                           ("scene 9 should be a close-up", "no scene 9"), ("", "empty"),
                           ("x" * 5000, "keep it under 4,000"), ("undo", "nothing to undo")]:  # fmt: skip
        with pytest.raises(ProjectError, match=error):
            studio.say(turn.project, message)
        assert studio.state(turn.project) == before
    with pytest.raises(ProjectError, match="no project called 'nope'"):
        studio.say("nope", "approve all")


HOLD_LOCK = (
    "import fcntl, sys; f = open(sys.argv[1], 'a+'); fcntl.lockf(f, fcntl.LOCK_EX); "
    "print('held', flush=True); sys.stdin.read()"
)  # another process holding a project's lock


def test_a_project_takes_one_turn_at_a_time(tmp_path: Path) -> None:
    """Another crewcut working on the project (a render in another terminal) holds its lock: a second turn
    is refused, not raced, and goes through once the first lets go. Threads of one process (the studio)
    are held apart too."""
    studio = Studio(replace(Settings.from_env(), height=90), tmp_path / "home")
    turn = studio.new(IDEA, Options(scenes=3))
    before = studio.state(turn.project)
    lock = tmp_path / "home" / "projects" / turn.project / ".lock"
    other = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(lock)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)  # fmt: skip
    assert other.stdout is not None and other.stdout.readline().strip() == "held"
    for attempt in (lambda: studio.say(turn.project, "swap 1 and 2"), lambda: studio.resume(turn.project)):
        with pytest.raises(ProjectError, match="is busy: the crew is still working on it"):
            attempt()
    assert studio.state(turn.project) == before
    other.communicate("")  # the other process lets go
    with studio._busy(turn.project), pytest.raises(ProjectError, match="is busy"):  # another thread's turn
        studio.say(turn.project, "swap 1 and 2")
    assert studio.say(turn.project, "swap 1 and 2").changes == ["Swapped scenes 1 and 2."]


def test_projects_are_checkpointed_to_sqlite_and_survive_a_new_process(tmp_path: Path) -> None:
    settings = replace(Settings.from_env(), height=90)
    first = Studio(settings, tmp_path / "home")
    turn = first.new(IDEA, Options(scenes=3))
    first.say(turn.project, "make scene 2 happen at night")
    again = Studio(settings, tmp_path / "home")  # a new studio: nothing shared but the files
    state = again.state(turn.project)
    assert "at night" in state["board"]["scenes"][1]["visual"]
    assert [p["phase"] for p in again.list()] == ["review"]
    assert (tmp_path / "home" / "crewcut.sqlite").exists()


def test_an_offline_film_makes_no_network_connection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, connections: list[object]
) -> None:
    """The whole crew, idea to video, with every socket connection recorded: none may leave the machine."""
    for key in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "LANGSMITH_TRACING", "LANGCHAIN_TRACING_V2"):
        monkeypatch.delenv(key, raising=False)
    studio = Studio(replace(Settings.from_env(), height=90), tmp_path / "home")
    told: list[str] = []
    turn = studio.new(IDEA, Options(scenes=2), progress=told.append)
    assert told == ["Screenwriter: writing the story…", "Director: drafting the storyboard…"]
    turn = studio.say(turn.project, "what does the crew think?")
    told.clear()
    turn = studio.say(turn.project, "render", progress=told.append)  # the crew says what it is doing as it works
    assert told[0] == "Cinematographer: shooting 2 scenes…"
    assert sorted(told[1:3]) == ["Cinematographer: scene 1 shot", "Cinematographer: scene 2 shot"]  # as each lands
    assert told[3] == "Editor: drawing frames and recording narration…"
    assert re.fullmatch(r"Editor: cutting [\d.]+ s at 160x90…", told[4])
    assert Path(turn.video).is_file()
    assert off_machine(connections) == []


def test_an_edit_after_approval_reshoots_only_the_changed_scene(crew) -> None:
    run(crew, {"idea": IDEA, "options": Options(scenes=3).model_dump()})
    run(crew, Command(resume="approve all"))
    run(crew, Command(resume="approve 1"))
    _, snap = run(crew, Command(resume="approve 2"))
    before = snap.values["scenes"]
    assert [s["status"] for s in before] == ["approved", "approved", "shot"]
    result, snap = run(crew, Command(resume="make scene 2 happen at night"))
    after = snap.values["scenes"]
    assert result["__interrupt__"][0].value["phase"] == "shots"
    assert after[0] == before[0]  # untouched: still approved, same frame
    assert after[1]["status"] == "shot" and after[1]["frame"] != before[1]["frame"]  # changed: shot again
    assert after[2]["frame"] == before[2]["frame"]


def test_crew_proposals_are_accepted_one_by_one_and_undoable(crew) -> None:
    run(crew, {"idea": IDEA, "options": Options(scenes=5).model_dump()})
    run(crew, Command(resume="scene 1 should be a close-up"))
    run(crew, Command(resume="scene 3 should be a close-up"))
    run(crew, Command(resume="scene 2 should be a close-up"))  # three close-ups in a row, no establishing shot
    _, snap = run(crew, Command(resume="what does the crew think?"))
    proposals = snap.values["proposals"]
    assert proposals[0] == "scene 1 should be a wide" and "Proposal 1: scene 1 should be a wide" in snap.values["reply"]
    assert "Say 'accept 1'" in snap.values["reply"]
    _, snap = run(crew, Command(resume="accept 1"))
    scenes = snap.values["board"]["scenes"]
    assert scenes[0]["shot"] == "wide" and scenes[1]["shot"] == "close-up"
    assert snap.values["reply"].startswith("Proposal 1: Scene 1 revised: wide")
    _, snap = run(crew, Command(resume="accept 1"))  # once only
    assert "already accepted" in snap.values["reply"] and snap.values["board"]["scenes"] == scenes
    _, snap = run(crew, Command(resume="undo"))  # an accepted proposal is an edit like any other
    assert snap.values["board"]["scenes"][0]["shot"] == "close-up"
    run(crew, Command(resume="split scene 4"))  # the scenes move: numbered proposals no longer hold
    _, snap = run(crew, Command(resume="accept all"))
    assert "the scenes have changed since the crew's proposals" in snap.values["reply"]
    _, snap = run(crew, Command(resume="accept 7"))
    assert "there is no proposal 7" in snap.values["reply"]


def test_the_lint_on_a_new_storyboard_proposes_and_bad_accepts_change_nothing(tmp_path: Path) -> None:
    studio = Studio(replace(Settings.from_env(), height=90), home=tmp_path)
    # Two scenes for a whole documentary: the lint asks for at least one of them to be split.
    turn = studio.new(IDEA, Options(scenes=2, story_type="documentary"))
    before = studio.state(turn.project)
    made = len(before["proposals"])
    assert made and "split scene 1" in before["proposals"] and f"Proposal 1: {before['proposals'][0]}" in turn.reply
    with pytest.raises(ProjectError, match=f"there is no proposal {made + 1}: the crew made {made}"):
        studio.say(turn.project, f"accept {made + 1}")
    assert studio.state(turn.project) == before
    turn = studio.say(turn.project, "accept all")
    assert len(turn.changes) == made and "Proposal 1: " in turn.changes[0]
    assert len(studio.state(turn.project)["board"]["scenes"]) > 2
    with pytest.raises(ProjectError, match=r"no proposals open|already accepted"):
        studio.say(turn.project, "accept 1")


def test_a_project_stopped_before_its_first_step_was_saved_resumes_from_its_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Killed while the Screenwriter's model was still writing: no checkpoint yet, only the project's folder."""
    studio = Studio(replace(Settings.from_env(), height=90), tmp_path / "home")

    def killed(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(Studio, "_run", killed)
    with pytest.raises(KeyboardInterrupt):
        studio.new(IDEA, Options(scenes=3, story_type="mystery"))
    monkeypatch.undo()
    (project,) = [p["id"] for p in studio.list()]
    with pytest.raises(ProjectError, match="has no storyboard yet; run `crewcut resume"):
        studio.say(project, "approve all")
    turn = Studio(replace(Settings.from_env(), height=90), tmp_path / "home").resume(project)
    state = studio.state(project)
    assert turn.phase == "review" and len(state["board"]["scenes"]) == 3 and state["story"]["story_type"] == "mystery"


def test_progress_counts_only_the_scenes_really_shot(tmp_path: Path) -> None:
    studio = Studio(replace(Settings.from_env(), height=90), tmp_path / "home")
    turn = studio.new(IDEA, Options(scenes=3))
    told: list[str] = []
    shot = studio.say(turn.project, "approve all", progress=told.append)
    assert told[0] == "Cinematographer: shooting 3 scenes…" and sorted(told[1:]) == [
        f"Cinematographer: scene {k} shot" for k in (1, 2, 3)
    ]
    sheet = Path(shot.changes[-1].removeprefix("The shots, side by side: "))  # one page to look at
    frames = [Image.open(s["frame"]) for s in studio.state(turn.project)["scenes"]]
    assert Image.open(sheet).width > 3 * min(480, frames[0].width) and sheet.parent == Path(frames[0].filename).parent
    told.clear()
    studio.say(turn.project, "reject 2: at dawn", progress=told.append)  # scenes 1 and 3 are frames already made
    assert told == ["Cinematographer: shooting 1 scene…", "Cinematographer: scene 2 shot"]


def test_a_film_finished_by_an_older_crewcut_can_still_be_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before finished films went back to the review, the graph ended after the Editor. Such a project
    must take the next edit, not swallow it."""
    from langgraph.graph import END

    import graphs.projects

    def ending_graph():  # the graph as it was: edit -> END
        graph = build_crew_graph()
        graph.edges.discard(("edit", "review"))
        graph.add_edge("edit", END)
        return graph

    studio = Studio(replace(Settings.from_env(), height=90), tmp_path / "home")
    monkeypatch.setattr(graphs.projects, "build_crew_graph", ending_graph)
    turn = studio.new(IDEA, Options(scenes=2))
    studio.say(turn.project, "render")
    monkeypatch.undo()
    turn = studio.say(turn.project, "make scene 2 happen at night in a storm")
    assert turn.changes[0].startswith("Scene 2 revised") and turn.phase == "review"
    assert _stormy_night(studio.state(turn.project)["board"]["scenes"][1]["visual"])
    assert studio.say(turn.project, "render").phase == "done"


def _stormy_night(visual: str) -> bool:
    """The visual asked for: its time of day at night and its weather a storm (slots rewritten, not appended)."""
    return "at night" in visual.lower() and visual.endswith("in a storm")
