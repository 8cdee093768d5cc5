"""Projects, one turn at a time: a message in; the Director's reply, what changed and the pending question out.

Front doors (the CLI, the chat studio) call only this. Each project is a LangGraph thread (thread id =
project id) checkpointed to SQLite after every step, with its files in a folder of its own."""

from __future__ import annotations

import fcntl
import json
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from langgraph.types import Command

from agents import crew_review
from agents.director import EditError
from domain import Options
from graphs.crew import STARTING, CrewContext, Reviewer, build_crew_graph, by_rule, plan_edits
from memory.checkpoints import sqlite_checkpointer
from memory.store import LOCAL_USER, Memory, ProjectMemory
from settings import Settings
from tools.cloud.ledger import BudgetError, project_ledger
from tools.files import clear_leftovers, temporary_name
from tools.llm import chat_model, flagged_by_moderation

PROJECT_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,79}")
_THREAD_LOCKS: dict[str, threading.Lock] = {}  # project folder -> the lock its turns take in this process
_THREAD_LOCKS_GUARD = threading.Lock()

Progress = Callable[[str], None]  # told a line while the crew works ("Editor: cutting the film…")


class ProjectError(ValueError):
    """A project that does not exist, or a request it cannot take; nothing was changed."""


@dataclass
class Turn:
    """What one step of the conversation produced."""

    project: str
    reply: str
    changes: list[str] = field(default_factory=list)
    question: str = ""  # what the crew waits for, if it waits
    phase: str = ""
    video: str = ""
    unfinished: bool = False  # a turn was cut off before the crew got to ask anything

    def as_dict(self) -> dict[str, Any]:
        return self.__dict__.copy()


class Studio:
    """All projects under one home folder: `projects/ID/` for files, `crewcut.sqlite` for checkpoints."""

    def __init__(self, settings: Settings, home: Path | None = None) -> None:
        self.settings = settings
        self.home = (home or settings.home).expanduser().resolve()
        self.projects_dir = self.home / "projects"
        try:  # a home that cannot hold projects is refused up front, by name, not deep inside a turn
            self.projects_dir.mkdir(parents=True, exist_ok=True)
            probe = temporary_name(self.projects_dir / ".write-test")  # its own name: crewcuts start at once
            probe.touch()
            probe.unlink()
        except OSError as err:
            raise ProjectError(f"cannot keep projects in {self.home} ({err.strerror or err}); "
                               "set CREWCUT_HOME or --project-dir to a folder you can write to") from None  # fmt: skip

        self.memory = Memory(self.home, settings.chroma_host, settings.chroma_port, settings.embedder)

    @contextmanager
    def _graph(self) -> Iterator[Any]:
        database = self.home / "crewcut.sqlite"
        try:
            saver = sqlite_checkpointer(database)
        except sqlite3.DatabaseError as err:
            raise self._damaged(database, err) from None
        try:
            yield build_crew_graph().compile(checkpointer=saver)
        except sqlite3.DatabaseError as err:
            raise self._damaged(database, err) from None
        finally:
            saver.conn.close()

    def _damaged(self, database: Path, err: Exception) -> ProjectError:
        return ProjectError(f"the checkpoint database {database} is damaged ({err}): move it aside (projects then "
                            f"start afresh; their files stay in {self.projects_dir})")  # fmt: skip

    @contextmanager
    def _busy(self, project: str) -> Iterator[None]:
        """One turn at a time per project, across processes and threads: a second `say` while a render runs
        would resume the same pending step and race it. The lock is a POSIX record lock (lockf): it belongs
        to this process alone, so the frame workers and ffmpeg it starts do not inherit it, and the OS drops
        it when the process dies, kill -9 included. Such locks do not exclude threads of one process (the
        chat studio), so a thread lock per project sits in front of it."""
        busy = ProjectError(f"project {project} is busy: the crew is still working on it in another "
                            "crewcut; try again when that finishes")  # fmt: skip
        with _THREAD_LOCKS_GUARD:
            in_process = _THREAD_LOCKS.setdefault(str(self.projects_dir / project), threading.Lock())
        if not in_process.acquire(blocking=False):
            raise busy
        try:
            with open(self.projects_dir / project / ".lock", "a+") as handle:
                try:
                    fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:
                    raise busy from None
                try:
                    yield
                finally:
                    fcntl.lockf(handle, fcntl.LOCK_UN)
        finally:
            in_process.release()

    def _run(self, project: str, payload: Any, progress: Progress | None = None,
             stop: threading.Event | None = None) -> Turn:  # fmt: skip
        folder = self.projects_dir / project
        config = {"configurable": {"thread_id": project}}
        recall = self.recall(project)
        ledger, s = project_ledger(folder, self.settings), self.settings
        model = (
            chat_model(s.openai_api_key, s.openai_base_url, s.model, s.llm_timeout, ledger) if s.uses_model else None
        )
        reviewer: Reviewer = partial(crew_review.review, settings=s, ledger=ledger) if s.uses_model else by_rule
        context = CrewContext(settings=s, folder=folder, model=model, reviewer=reviewer, recall=recall,
                              ledger=ledger)  # fmt: skip
        tell = progress or (lambda _line: None)
        clear_leftovers(folder)  # what a killed turn was writing (this turn holds the project's lock)
        with self._graph() as graph:
            said_before = len(graph.get_state(config).values.get("conversation", []))
            # durability="sync": each step is on disk before the next starts, so a kill loses nothing.
            try:
                for mode, event in graph.stream(payload, config, context=context, durability="sync",
                                                stream_mode=["tasks", "custom"]):  # fmt: skip
                    if stop is not None and stop.is_set():  # stopped: the steps done so far are checkpointed
                        break
                    if mode == "tasks" and "input" in event and event["name"] in STARTING:  # a node starting
                        tell(STARTING[event["name"]])
                    elif mode == "custom" and isinstance(event, dict) and "progress" in event:
                        tell(str(event["progress"]))
            except BudgetError as err:  # the step stops where it is; its checkpoint stays, so it can go on
                raise ProjectError(f"stopped: {err} (`crewcut resume {project}`)") from None
            snapshot = graph.get_state(config)
        self._remember(recall, snapshot.values, said_before, tell)
        return _turn(project, snapshot)

    def recall(self, project: str) -> ProjectMemory:
        """The project's memory, as its owner's."""
        return ProjectMemory(self.memory, str(self._meta(project).get("owner", LOCAL_USER)), project)

    def _remember(self, recall: ProjectMemory, values: dict[str, Any], since: int, tell: Progress) -> None:
        """Mirror what the turn changed of the cast and said into memory. Memory is what is recalled, not the
        record: if it cannot be written the turn still stands, and the next turn writes it again."""
        cast = [c for c in (values.get("board") or values.get("story") or {}).get("characters", [])]
        try:
            recall.keep(cast, list(values.get("conversation", [])), max(0, since - 1))
        except Exception as err:
            tell(f"Crew: memory could not be updated ({type(err).__name__}: {err})")

    def where(self, project: str) -> Turn:
        """Where a project stands, running nothing: its last reply and what it waits for, or `unfinished` when
        a turn was cut off (a stop, a crash, a restarted server) and `resume` carries it on."""
        self.state(project)
        with self._graph() as graph:
            return _turn(project, graph.get_state({"configurable": {"thread_id": project}}))

    def new(self, idea: str, options: Options, is_script: bool = False, progress: Progress | None = None,
            render: bool = False, project: str | None = None, stop: threading.Event | None = None,
            owner: str = LOCAL_USER) -> Turn:  # fmt: skip
        """Start a project from an idea or a script; runs the Screenwriter and Director up to the review, or,
        with `render`, on through every approval to the film (a crash on the way resumes to the film too)."""
        from agents.screenwriter import MAX_IDEA, MAX_SCRIPT, Refusal, check
        from tools.speech.registry import resolve_voice

        resolve_voice(options.voice, self.settings.speech_backend)  # an unknown voice is refused now, not at render
        what = "script" if is_script else "idea"
        idea = check(idea, MAX_SCRIPT if is_script else MAX_IDEA, what)
        s = self.settings
        # Only a crew that writes with OpenAI asks its moderation endpoint (a key for voices alone sends no text).
        flagged = (
            flagged_by_moderation(s.openai_api_key, s.openai_base_url, idea, s.llm_timeout) if s.uses_model else None
        )
        if flagged:
            raise Refusal(f"the crew won't make a film of this {what}: the moderation check flagged it ({flagged})")
        self.projects_dir.mkdir(parents=True, exist_ok=True)
        if project is not None:  # a front door that names its projects (the studio: the chat thread's id)
            if not PROJECT_ID.fullmatch(project):
                raise ProjectError(f"{project!r} is not a project id")
            folder = self.projects_dir / project
            try:
                folder.mkdir()
            except FileExistsError:
                raise ProjectError(f"project {project} has already begun") from None
        while project is None:  # two crewcuts may start the same idea at once: the folder decides who gets it
            candidate = self._new_id(idea)
            folder = self.projects_dir / candidate
            try:
                folder.mkdir()
                project = candidate
            except FileExistsError:
                continue
        start = {"idea": idea, "is_script": is_script, "options": options.model_dump(), "render_requested": render}
        # The start is kept beside the project, so a crewcut killed before the first checkpoint can resume.
        meta = {"id": project, "created": time.time(), "owner": owner, "start": start}
        (folder / "project.json").write_text(json.dumps(meta))
        with self._busy(project):
            return self._run(project, start, progress, stop)

    def say(self, project: str, message: str, progress: Progress | None = None,
            stop: threading.Event | None = None) -> Turn:  # fmt: skip
        self.state(project)  # an unknown project is refused before anything else
        with self._busy(project):
            return self._say(project, message, progress, stop)

    def _say(self, project: str, message: str, progress: Progress | None, stop: threading.Event | None) -> Turn:
        state = self.state(project)
        if not state.get("board"):
            raise ProjectError(f"project {project} has no storyboard yet; run `crewcut resume {project}`")
        if len(message) > 4000:
            raise ProjectError(f"nothing changed: that message is {len(message):,} characters; keep it under 4,000")
        try:  # a request that cannot be carried out is refused before anything is recorded
            plan_edits(state, message, recall=self.recall(project).reading())  # type: ignore[arg-type]
        except EditError as err:
            raise ProjectError(f"nothing changed: {err}") from None
        self._reopen(project)
        return self._run(project, Command(resume=message), progress, stop)

    def _reopen(self, project: str) -> None:
        """A film finished by an earlier crewcut ended its graph; now a finished film waits at the review.
        Mark the Editor's step as done again so the graph moves on to the review, and wait there."""
        config = {"configurable": {"thread_id": project}}
        with self._graph() as graph:
            ended = not graph.get_state(config).next
            if ended:
                graph.update_state(config, {"phase": "done"}, as_node="edit")
        if ended:
            self._run(project, None)

    def resume(self, project: str, progress: Progress | None = None) -> Turn:
        """Continue after a crash or a closed terminal: finished steps are not redone."""
        started = bool(self.state(project))
        with self._busy(project):
            if started:
                return self._run(project, None, progress)
            folder = self.projects_dir / project
            if any((folder / part).exists() for part in ("review", "film")):  # work was done, its record is gone
                raise ProjectError(f"the checkpoints of {project} are missing from {self.home / 'crewcut.sqlite'} "
                                   "(the file was deleted or replaced), so its storyboard and edits are lost; its "
                                   f"frames are still in {folder}. Start it again with `crewcut new`.")  # fmt: skip
            meta = self._meta(project)
            if "start" not in meta:
                raise ProjectError(f"project {project} never got going and has nothing to resume; "
                                   "start it again with `crewcut new`")  # fmt: skip
            return self._run(project, meta["start"], progress)  # stopped before the first step was saved

    def _meta(self, project: str) -> dict[str, Any]:
        path = self.projects_dir / project / "project.json"
        try:
            meta = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(meta, dict):
                raise ValueError("not an object")
            return meta
        except (OSError, ValueError) as err:
            raise ProjectError(f"{path} is damaged ({err}); the project cannot be resumed from it") from None

    def state(self, project: str) -> dict[str, Any]:
        if not PROJECT_ID.fullmatch(project):  # an id names one folder under projects/, nothing else
            raise ProjectError(f"{project!r} is not a project id (see `crewcut projects`)")
        if not (self.projects_dir / project / "project.json").exists():
            raise ProjectError(f"no project called {project!r} (see `crewcut projects`)")
        with self._graph() as graph:
            return dict(graph.get_state({"configurable": {"thread_id": project}}).values)

    def list(self) -> list[dict[str, Any]]:
        out = []
        for meta in sorted(self.projects_dir.glob("*/project.json")):
            try:
                info = self._meta(meta.parent.name)
            except ProjectError as err:  # one damaged project does not hide the others
                out.append({"id": meta.parent.name, "title": str(err), "phase": "damaged", "scenes": 0, "video": ""})
                continue
            state = self.state(meta.parent.name)
            board = state.get("board") or {}
            out.append({"id": info.get("id", meta.parent.name), "title": board.get("title", ""),
                        "phase": state.get("phase", "new"), "scenes": len(board.get("scenes", [])),
                        "video": state.get("video", "")})  # fmt: skip
        return out

    def _new_id(self, idea: str) -> str:
        base = "-".join(re.findall(r"[a-z0-9]+", idea.lower())[:5])[:40] or "project"
        candidate, n = base, 2
        while (self.projects_dir / candidate).exists():
            candidate, n = f"{base}-{n}", n + 1
        return candidate


def _turn(project: str, snapshot: Any) -> Turn:
    """A checkpoint as a Turn: the crew's last reply, and the question it waits on (from its interrupt)."""
    values = snapshot.values
    question, waiting = "", False
    for task in snapshot.tasks:
        for pending in task.interrupts:
            waiting = True
            question = str(pending.value.get("question", "")) if isinstance(pending.value, dict) else str(pending.value)
    return Turn(project=project, reply=values.get("reply", ""), changes=list(values.get("changes", [])),
                question=question, phase=values.get("phase", ""), video=values.get("video", ""),
                unfinished=bool(snapshot.next) and not waiting)  # fmt: skip
