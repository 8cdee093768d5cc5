"""The crew graph: Screenwriter -> Director -> storyboard review -> Cinematographer (frame, then shoot) ->
scene approval -> render confirmation -> Editor. Reviews are human checkpoints (interrupts); every step is
checkpointed."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import as_completed
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal, TypedDict

from langgraph.config import get_stream_writer
from langgraph.graph import START, StateGraph
from langgraph.runtime import Runtime
from langgraph.types import Command, interrupt
from pydantic import ValidationError

from agents import casting, crew_notes, director, recollect, screenwriter, understand
from agents.cinematographer import frame_request, frame_with, sheet_of, shoot_or_draw, shot_prompt, with_references
from agents.editor import frame_size, render_storyboard
from agents.estimate import estimate_render, estimate_shoot
from domain import Options, Story, Storyboard, explain
from graphs.state import SceneState
from settings import Settings
from tools.cloud.ledger import Ledger, describe, project_ledger
from tools.images.registry import cache_name, image_backend, is_local
from tools.processes import thread_pool, worker_pool

NO_MODEL = (
    "No language model is configured, so the crew works by rule: it reads edits from plain commands like "
    "'swap scenes 2 and 4' or 'make scene 3 happen at night in a storm'. Set OPENAI_API_KEY (and "
    "OPENAI_BASE_URL for a local OpenAI-compatible server) for a Director that understands free text."
)
HELP = ("Try: 'make scene 2 happen at night in a storm', 'scene 3 should be a close-up', 'swap scenes 2 and 4', "
        "'move the last scene to the start', 'add a scene after 2: ...', 'delete scene 5', 'split scene 1', "
        "'merge scenes 3 and 4', 'set voice en-gb', 'undo', 'redo', 'what does the crew think?', 'accept 1', "
        "'approve all', 'render'.")  # fmt: skip


Reviewer = Callable[[Storyboard], tuple[crew_notes.CrewNotes, str]]  # notes, and a line for the chat


def by_rule(board: Storyboard) -> tuple[crew_notes.CrewNotes, str]:
    return crew_notes.lint(board), ""


@dataclass(frozen=True)
class CrewContext:
    """What every node may read: the settings, the project's folder, the chat model (None: by rule) and who
    answers 'what does the crew think?' (the CrewAI crew when a model is configured, the lint otherwise)."""

    settings: Settings
    folder: Path
    model: Any = None
    reviewer: Reviewer = by_rule
    recall: Any = None  # memory/store.py's ProjectMemory: the cast and conversation recalled by meaning
    ledger: Ledger | None = None  # what the project spends on paid services, and its budget

    def spending(self) -> Ledger:
        return self.ledger or project_ledger(self.folder, self.settings)


class CrewState(TypedDict, total=False):
    """A project. Plain JSON values only, so any checkpointer stores it as is."""

    idea: str  # the idea, or the pasted script
    is_script: bool
    options: dict[str, Any]  # Options
    story: dict[str, Any]  # Story
    board: dict[str, Any]  # Storyboard
    undo: list[dict[str, Any]]  # earlier storyboards, newest last
    redo: list[dict[str, Any]]
    scenes: list[dict[str, Any]]  # SceneState per scene
    conversation: list[dict[str, str]]  # {"role": "you" | "director" | ..., "text": ...}
    phase: str  # writing | review | shots | confirm | rendering | done
    render_requested: bool  # "render" said: approvals are implied from then on
    reply: str  # the Director's answer to the last message
    changes: list[str]  # what the last message changed
    notes: list[str]  # the crew's notes on the storyboard
    proposals: list[str]  # edits the crew proposed, as commands; "accept K" makes one
    proposed_for: list[str]  # the scenes' narrations when they were proposed: their numbers refer to those
    framings: dict[str, str]  # the Cinematographer model's frame descriptions, by the rule prompt they replace
    video: str


def _board(state: CrewState) -> Storyboard:
    return Storyboard.model_validate(state["board"])


def _say(state: CrewState, message: str, reply: str) -> list[dict[str, str]]:
    turns = list(state.get("conversation", []))
    if message:
        turns.append({"role": "you", "text": message})
    turns.append({"role": "director", "text": reply})
    return turns


# -- nodes ---------------------------------------------------------------------------------------------------


def write_story(state: CrewState, runtime: Runtime[CrewContext]) -> dict[str, Any]:
    options = Options.model_validate(state.get("options", {}))
    idea = state["idea"]
    if state.get("is_script"):  # a pasted script is kept as written, model or not
        story, note = screenwriter.keep_script(idea, options), ""
    else:
        story, note = screenwriter.write(idea, options, runtime.context.model)
    return {"story": story.model_dump(), "phase": "writing", "notes": [note] if note else []}


def draft_storyboard(state: CrewState, runtime: Runtime[CrewContext]) -> dict[str, Any]:
    options = Options.model_validate(state.get("options", {}))
    story = Story.model_validate(state["story"])
    model = runtime.context.model
    board, fallback = director.draft_with(
        story, options.scenes, options.aspect_ratio, options.voice, options.style, model
    )
    short = (
        [f"The story only had enough lines for {len(board.scenes)} scenes (you asked for {options.scenes}); "
         "a longer story (--length) gives more."]
        if len(board.scenes) < options.scenes else []
    )  # fmt: skip
    review = crew_notes.lint(board)  # the lint runs once on every new storyboard, model or not
    notes = [*state.get("notes", []), *([fallback] if fallback else []), *short, *review.lines()]
    how = "" if model is not None else f" {NO_MODEL}"
    reply = (f"Here is '{board.title}' in {len(board.scenes)} scenes.{how}\n"
             + "\n".join(notes) + "\nSay 'approve all' to shoot it, or ask for changes.")  # fmt: skip
    return {
        "board": board.model_dump(), "undo": [], "redo": [], "notes": notes, "phase": "review",
        "proposals": review.proposals, "proposed_for": [s.narration for s in board.scenes],
        "scenes": [SceneState().model_dump() for _ in board.scenes],
        "reply": reply, "changes": [f"storyboard drafted: {len(board.scenes)} scenes"],
        "conversation": _say(state, "", reply),
    }  # fmt: skip


EDITORS = {"look": casting.apply, "rename": casting.apply, "alias": casting.apply}  # the rest: director.apply


def _recalled(recall: Any, message: str) -> list[str]:
    """The earlier turns of the project closest to MESSAGE, for the model's prompt ([] without memory)."""
    if recall is None:
        return []
    try:
        return [hit.text for hit in recall.turns(message) if hit.text.strip() != message.strip()]
    except Exception:
        return []


def plan_edits(
    state: CrewState, message: str, model: Any = None, reviewer: Reviewer = by_rule, recall: Any = None
) -> tuple[dict[str, Any], str]:
    """The update a message makes to the storyboard, and where the crew goes next ("stay", "approve",
    "render", "approve:K:", "reject:K:NOTE"). Pure but for the model calls; raises director.EditError when
    an edit cannot be made, so callers can refuse a bad request before anything is recorded."""
    board = _board(state)
    if not message.strip():
        raise director.EditError("the message is empty")
    # Commands never need the model: plain ones, the cast's ("Mara has red hair") and questions for memory.
    edits = understand.exact(message, board)
    said = ""
    if edits is None and model is not None:
        from tools.llm import ModelError

        try:
            edits, said = director.interpret(board, message, model, _recalled(recall, message))
        except ModelError as err:
            reply = f"The Director's model failed ({err}); nothing changed. Plain commands still work. {HELP}"
            return {"reply": reply, "changes": [], "conversation": _say(state, message, reply)}, "stay"
    missed: list[str] = []
    if edits is None:  # offline (or the model's turn gave nothing): read by meaning, or say why not in a line
        try:
            edits, missed = understand.read(message, board)
        except understand.NotUnderstood as err:
            reply = str(err)
            return {"reply": reply, "changes": [], "conversation": _say(state, message, reply)}, "stay"
    undo, redo = list(state.get("undo", [])), list(state.get("redo", []))
    scenes = list(state.get("scenes", []))
    proposals, proposed_for = list(state.get("proposals", [])), list(state.get("proposed_for", []))
    changes: list[str] = []
    go = "stay"
    for edit in edits:
        if edit.kind in ("undo", "redo"):
            # Undo and redo are one move in opposite directions between the two stacks.
            source, target = (undo, redo) if edit.kind == "undo" else (redo, undo)
            if not source:
                raise director.EditError(f"there is nothing to {edit.kind}")
            target.append(board.model_dump())
            board = Storyboard.model_validate(source.pop())
            what = director.difference(Storyboard.model_validate(target[-1]), board)
            done = "Undid the last change" if edit.kind == "undo" else "Redid the change"
            changes.append(f"{done} ({what})." if what else f"{done}.")
        elif edit.kind == "help":
            changes.append(f"I read plain commands. {HELP}")
        elif edit.kind == "notes":
            review, why = reviewer(board)
            proposals, proposed_for = review.proposals, [s.narration for s in board.scenes]
            changes.extend([*([why] if why else []), *review.lines()])
        elif edit.kind == "accept":
            board = _accept(board, edit.scene, proposals, proposed_for, undo, changes)
            redo.clear()
        elif edit.kind in ("approve", "reject") and edit.scene:
            director.check_scene(edit.scene, len(board.scenes))  # the scene must exist
            go = f"{edit.kind}:{edit.scene}:{edit.text}"
        elif edit.kind in ("approve", "render", "reject"):
            go = edit.kind
        elif edit.kind == "ask":
            changes.append(recollect.answer(edit.text, board, recall))
        elif edit.kind == "save":
            changes.append(recollect.save(board.characters[edit.scene - 1], recall))
        else:
            before = board
            if edit.kind == "bring":
                board, what = casting.join(board, recollect.bring(edit.text, recall))
            else:
                board, what = EDITORS.get(edit.kind, director.apply)(board, edit)
            if board == before:  # "scene 3 should be a close-up" when it is one: no step for undo to take back
                changes.append("That is how it is already; nothing changed.")
                continue
            undo.append(before.model_dump())
            redo.clear()
            changes.append(what)
    try:  # an edit may never leave a storyboard that breaks the contract (a visual grown past its limit)
        Storyboard.model_validate(board.model_dump())
    except ValidationError as err:
        raise director.EditError(f"that would break the storyboard ({explain(err).splitlines()[0]})") from None
    if len(scenes) != len(board.scenes):  # scenes added or removed: every shot is looked at again
        scenes = [SceneState().model_dump() for _ in board.scenes]
    reply = "\n".join(line for line in [said, *changes, *missed] if line) or "Done."
    update = {"board": board.model_dump(), "undo": undo, "redo": redo, "scenes": scenes, "reply": reply,
              "changes": changes, "proposals": proposals, "proposed_for": proposed_for,
              "conversation": _say(state, message, reply)}  # fmt: skip
    return update, go


def _accept(board: Storyboard, k: int, proposals: list[str], proposed_for: list[str], undo: list[dict[str, Any]],
            changes: list[str]) -> Storyboard:  # fmt: skip
    """Make the crew's proposal k (0: all still open), each as one undoable edit. An accepted proposal is
    blanked rather than removed, so the others keep the numbers the person saw."""
    open_ = [i for i, p in enumerate(proposals, 1) if p]
    if not open_:
        raise director.EditError("the crew has no proposals open; ask 'what does the crew think?'")
    if k and not 1 <= k <= len(proposals):
        raise director.EditError(f"there is no proposal {k}: the crew made {len(proposals)}")
    if k and k not in open_:
        raise director.EditError(f"proposal {k} was already accepted")
    for i in [k] if k else open_:
        # Proposals name scenes by number, so they hold only while the scenes are the ones the crew saw.
        if [s.narration for s in board.scenes] != proposed_for:
            if i == (k or open_[0]):
                raise director.EditError("the scenes have changed since the crew's proposals; "
                                         "ask 'what does the crew think?' again")  # fmt: skip
            changes.append("The other proposals were made for the old scene order; ask the crew again.")
            break
        before = board
        for step in director.parse(proposals[i - 1], len(board.scenes)) or []:
            board, what = director.apply(board, step)
            changes.append(f"Proposal {i}: {what}")
        undo.append(before.model_dump())
        proposals[i - 1] = ""
    return board


def _edit(state: CrewState, message: str, ctx: CrewContext) -> tuple[dict[str, Any], str]:
    """plan_edits for a node: a bad edit becomes a reply that says why, with nothing changed."""
    write = get_stream_writer()

    def reviewer(board: Storyboard) -> tuple[crew_notes.CrewNotes, str]:
        if ctx.reviewer is not by_rule:  # a crew of models takes a while: say so before it starts
            write({"progress": "The crew is reading the storyboard…"})
        return ctx.reviewer(board)

    try:
        update, go = plan_edits(state, message, ctx.model, reviewer, ctx.recall)
    except director.EditError as err:
        reply = f"Nothing changed: {err}."
        return {"reply": reply, "changes": [], "conversation": _say(state, message, reply)}, "stay"
    moving = [s.get("motion") for s in (update.get("board") or state.get("board") or {}).get("scenes", [])]
    was = [s.get("motion") for s in (state.get("board") or {}).get("scenes", [])]
    if ctx.settings.motion_backend == "none" and any(moving) and moving != was:  # said now, not at the render
        note = ("No motion backend is set (CREWCUT_MOTION=runway or stability, with its key), so the camera "
                "will move over the still frame instead.")  # fmt: skip
        update = {**update, "reply": f"{update.get('reply', '')} {note}".strip(),
                  "changes": [*update.get("changes", []), note]}  # fmt: skip
    return update, go


def review(state: CrewState, runtime: Runtime[CrewContext]) -> Command[Literal["review", "frame"]]:
    """The storyboard review: the person's message edits the board; 'approve all' or 'render' moves on.
    Nothing expensive happens here, because a resumed interrupt re-runs this node from the top."""
    if state.get("render_requested"):  # `make --yes`: the storyboard is approved as it comes
        return Command(goto="frame", update={"phase": "shots"})
    cut = state.get("phase") == "done"  # back here after the film: changes and 'render' cut it again
    question = ("Any changes? Say 'render' to cut the film again (only what changed is redone)." if cut
                else "Any changes to the storyboard? ('approve all' to shoot)")  # fmt: skip
    message = interrupt({"phase": "done" if cut else "review", "question": question})
    update, go = _edit(state, str(message), runtime.context)
    if go in ("approve", "render"):
        said = "Storyboard approved; shooting." if go == "approve" else "Shooting, then rendering."
        board = Storyboard.model_validate(update.get("board", state.get("board")))
        said = " ".join(filter(None, [said, estimate_shoot(board, runtime.context.settings, runtime.context.folder)]))
        update = {**update, "reply": said, "changes": [*update.get("changes", []), said]}
        return Command(goto="frame", update={**update, "render_requested": go == "render", "phase": "shots"})
    if cut and update.get("board", state.get("board")) == state.get("board"):  # a question, not a change
        return Command(goto="review", update=update)
    return Command(goto="review", update={**update, "phase": "review"})


def frame_shots(state: CrewState, runtime: Runtime[CrewContext]) -> dict[str, Any]:
    """With a model, the Cinematographer describes each frame not yet described, in one call. The answer is
    checkpointed before anything is shot, and a scene is described once per version of it (a failure is
    remembered as ''), so a resumed or repeated shoot asks nothing again and approved frames stay as they are."""
    if runtime.context.model is None:
        return {}
    board = _board(state)
    framings = dict(state.get("framings", {}))
    keys = [shot_prompt(scene, board) for scene in board.scenes]
    wanted = [k for k, key in enumerate(keys, 1) if key not in framings]
    if not wanted:
        return {}
    get_stream_writer()({"progress": f"Cinematographer: framing {len(wanted)} shot{'s' * (len(wanted) > 1)}…"})
    written, note = frame_with(board, wanted, runtime.context.model)
    framings.update({keys[k - 1]: written.get(keys[k - 1], "") for k in wanted})
    return {"framings": framings, **({"changes": [*state.get("changes", []), note]} if note else {})}


def shoot_scenes(state: CrewState, runtime: Runtime[CrewContext]) -> dict[str, Any]:
    """The Cinematographer shoots every scene not yet approved, in parallel; a frame already made (same
    prompt, same backend) is a cache hit, so a resumed or repeated shoot redoes nothing."""
    board = _board(state)
    ctx = runtime.context
    width, height = frame_size(board.aspect_ratio, min(ctx.settings.height, 540))  # review frames: light
    backend = image_backend(ctx.settings.image_backend, ctx.settings, ctx.spending())
    if getattr(backend, "takes_references", False) and board.characters:
        get_stream_writer()({"progress": "Cinematographer: drawing the cast's reference pictures…"})
    referenced, no_picture = with_references(board, backend, ctx.folder / "references")
    board_update = {"board": referenced.model_dump()} if referenced != board else {}
    board = referenced
    scenes = [SceneState.model_validate(s) for s in state.get("scenes", [])]
    if len(scenes) != len(board.scenes):
        scenes = [SceneState() for _ in board.scenes]
    framings = state.get("framings", {})
    requests = [frame_request(scene, i + 1, board, width, height, framings) for i, scene in enumerate(board.scenes)]
    folder = ctx.folder / "review"
    # A scene keeps its approval only while its frame is the one its current description would make:
    # an edit (or a rejection note) changes the request, so exactly the changed scenes are shot again.
    expected = [str(folder / f"{r.key(cache_name(backend))}.png") for r in requests]
    todo = [i for i, s in enumerate(scenes)  # (a frame deleted since is shot again)
            if not (s.status == "approved" and s.frame == expected[i] and Path(expected[i]).exists())]  # fmt: skip
    drawn = {i for i in todo if not Path(expected[i]).exists()}  # the rest are frames already made: instant
    fresh = len(drawn)
    if fresh:
        get_stream_writer()({"progress": f"Cinematographer: shooting {fresh} scene{'s' * (fresh > 1)}…"})
    fell_back = []
    if todo:
        # Pillow holds the GIL, so the animatic draws in processes; a service is waited on in threads.
        pool_of = worker_pool if is_local(backend) else thread_pool
        with pool_of(ctx.settings.jobs) as pool:
            futures = {pool.submit(shoot_or_draw, requests[i], backend, folder): i for i in todo}
            for future in as_completed(futures):  # each frame said as it lands (a front door ticks it off)
                i = futures[future]
                path, failure = future.result()
                scenes[i] = SceneState(status="shot", frame=str(path))
                if failure:
                    fell_back.append(f"Scene {i + 1} is an animatic panel: {failure}.")
                if i in drawn:
                    get_stream_writer()({"progress": f"Cinematographer: scene {i + 1} shot"})
    sheet = sheet_of([s.frame for s in scenes], folder)
    cost = [line for line in [estimate_render(board, ctx.settings, ctx.folder)] if line]
    return {**board_update, "scenes": [s.model_dump() for s in scenes], "phase": "shots",
            "changes": [*state.get("changes", []), *no_picture, *sorted(fell_back), *cost,
                        f"The shots, side by side: {sheet}"]}  # fmt: skip


def approve_shots(
    state: CrewState, runtime: Runtime[CrewContext]
) -> Command[Literal["approve_shots", "frame", "confirm_render", "review"]]:
    """Scene approval: approve one or all, or reject one with a note (it is reshot with the note applied)."""
    if state.get("render_requested"):
        approved = [{**s, "status": "approved"} for s in state.get("scenes", [])]
        return Command(goto="confirm_render", update={"scenes": approved})
    message = interrupt({"phase": "shots", "question": "Approve the shots? ('approve all', 'reject 3: too dark')"})
    update, go = _edit(state, str(message), runtime.context)
    scenes = [dict(s) for s in update.get("scenes", state.get("scenes", []))]
    if go.startswith("reject:"):
        _, k, note = go.split(":", 2)
        board = _board({**state, **update})  # type: ignore[typeddict-item]
        i = int(k) - 1
        if not 0 <= i < len(board.scenes):
            reply = f"Nothing changed: there is no scene {k}."
            return Command(goto="approve_shots", update={"reply": reply, "changes": []})
        revised = director.revise(board.scenes[i], note) if note else board.scenes[i]
        new_scenes = list(board.scenes)
        new_scenes[i] = revised
        scenes[i] = {"status": "rejected", "frame": "", "note": note}
        reply = f"Reshooting scene {k}" + (f" with: {note}." if note else ".")
        board = board.model_copy(update={"scenes": new_scenes})
        update = {**update, "board": board.model_dump(), "scenes": scenes, "reply": reply, "changes": [reply]}
        return Command(goto="frame", update=update)
    if go.startswith("approve:"):
        i = int(go.split(":")[1]) - 1
        if 0 <= i < len(scenes):
            scenes[i]["status"] = "approved"
        pending = [k + 1 for k, s in enumerate(scenes) if s["status"] != "approved"]
        reply = f"Scene {i + 1} approved." + (f" Still to approve: {pending}." if pending else "")
        nxt = "approve_shots" if pending else "confirm_render"
        return Command(goto=nxt, update={**update, "scenes": scenes, "reply": reply, "changes": [reply]})  # type: ignore[arg-type]
    if go in ("approve", "render"):
        scenes = [{**s, "status": "approved"} for s in scenes]
        said = "All shots approved." + (" Rendering." if go == "render" else "")
        update = {**update, "scenes": scenes, "render_requested": go == "render", "reply": said, "changes": [said]}
        return Command(goto="confirm_render", update=update)
    if update.get("board") and update["board"] != state.get("board"):  # a storyboard edit: reshoot what changed
        return Command(goto="frame", update=update)
    return Command(goto="approve_shots", update=update)


def confirm_render(
    state: CrewState, runtime: Runtime[CrewContext]
) -> Command[Literal["edit", "frame", "confirm_render"]]:
    """The last checkpoint before the Editor spends minutes: 'render' goes, an edit goes back to shooting."""
    if state.get("render_requested"):
        return Command(goto="edit", update={"phase": "rendering"})
    message = interrupt({"phase": "confirm", "question": "All shots approved. Say 'render' to cut the film."})
    update, go = _edit(state, str(message), runtime.context)
    if go in ("render", "approve"):
        return Command(goto="edit", update={**update, "phase": "rendering", "render_requested": True})
    if update.get("board") and update["board"] != state.get("board"):
        return Command(goto="frame", update=update)
    return Command(goto="confirm_render", update={**update, "phase": "confirm"})


def cut_film(state: CrewState, runtime: Runtime[CrewContext]) -> dict[str, Any]:
    """The Editor: renders into the project folder; its segment cache makes a resumed render cheap."""
    board = _board(state)
    write = get_stream_writer()  # the Editor's own steps, for a front door that shows progress
    captions = Options.model_validate(state.get("options", {})).captions
    settings = replace(runtime.context.settings, burn_captions=runtime.context.settings.burn_captions and captions)
    result = render_storyboard(board, runtime.context.folder / "film", settings,
                               log=lambda line: write({"progress": f"Editor: {line[:1].lower()}{line[1:]}"}),
                               framings=state.get("framings", {}), ledger=runtime.context.spending())  # fmt: skip
    spent = describe(runtime.context.spending().summary())
    reply = f"The film is ready: {result.video} ({result.duration:.1f} s)." + (f" Spent: {spent}." if spent else "")
    told = [f"{w[:1].upper()}{w[1:]}." for w in result.warnings]  # which scene fell back, and why
    return {"video": str(result.video), "phase": "done", "reply": reply, "changes": [*told, reply],
            "render_requested": False, "conversation": _say(state, "", reply)}  # fmt: skip


STARTING = {  # node -> what a person is told while it works (the quick nodes say nothing)
    "write_story": "Screenwriter: writing the story…",
    "draft_storyboard": "Director: drafting the storyboard…",
}


def build_crew_graph() -> StateGraph[CrewState, CrewContext, CrewState, CrewState]:
    """The crew as a graph; compile it with the checkpointer you want (SQLite for projects, memory in tests)."""
    graph = StateGraph(CrewState, context_schema=CrewContext)
    graph.add_node("write_story", write_story)
    graph.add_node("draft_storyboard", draft_storyboard)
    graph.add_node("review", review)
    graph.add_node("frame", frame_shots)
    graph.add_node("shoot", shoot_scenes)
    graph.add_node("approve_shots", approve_shots)
    graph.add_node("confirm_render", confirm_render)
    graph.add_node("edit", cut_film)
    graph.add_edge(START, "write_story")
    graph.add_edge("write_story", "draft_storyboard")  # the Director works from the finished story
    graph.add_edge("draft_storyboard", "review")  # a new storyboard always waits for the person
    graph.add_edge("frame", "shoot")  # shots are framed (and that is saved) before they are shot
    graph.add_edge("shoot", "approve_shots")  # shots are shown before anything is cut
    graph.add_edge("edit", "review")  # a finished film can still be changed and cut again
    return graph
