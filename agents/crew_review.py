"""Crew notes with a language model: a CrewAI crew in which the Cinematographer and the Editor review the
storyboard from their crafts and the Director sums up and proposes edits.

crewai is imported here and nowhere else, and only when notes are asked for with a model configured: it
takes seconds to import and carries telemetry, which is switched off before the import. The Director's
answer is validated with pydantic and by the rule parser (every proposal must be an edit command that
applies to this storyboard); CrewAI's guardrail sends invalid answers back once with the reason. If the
crew still fails, the rule-based lint answers and the chat says so."""

from __future__ import annotations

import json
import logging
import os
import re
from typing import Any, cast

from pydantic import BaseModel, Field, ValidationError

from agents.crew_notes import MAX_SCENE_SECONDS, WORDS_PER_SECOND, CrewNotes, Note, lint, proposal_problem, seconds_of
from domain import CAMERA_MOVES, SHOT_TYPES, Storyboard
from settings import Settings
from tools.llm import is_paid, record_tokens

MOST_PROPOSALS = 4
NOTE_CHARS = 600  # a craft's note as the chat shows it
# Telemetry, tracing and the version check all reach the network; none of it may happen from crewcut.
QUIET = {"CREWAI_DISABLE_TELEMETRY": "true", "CREWAI_DISABLE_TRACKING": "true", "OTEL_SDK_DISABLED": "true",
         "CREWAI_TRACING_ENABLED": "false", "CREWAI_DISABLE_VERSION_CHECK": "true"}  # fmt: skip


class Verdict(BaseModel):
    """The Director's answer in the crew."""

    summary: str = Field(min_length=1, max_length=NOTE_CHARS)
    proposals: list[str] = Field(default_factory=list, max_length=MOST_PROPOSALS)


def read_verdict(text: str, board: Storyboard) -> Verdict:
    """The Director's answer, validated; raises ValueError saying what is wrong, in words the model can fix."""
    found = re.search(r"\{.*\}", text, re.S)  # models like to wrap JSON in prose or code fences
    if not found:
        raise ValueError('the answer has no JSON object; answer with only {"summary": ..., "proposals": [...]}')
    try:
        verdict = Verdict.model_validate(json.loads(found.group(0)))
    except (json.JSONDecodeError, ValidationError) as err:
        raise ValueError(f"the JSON is not valid: {str(err)[:400]}") from None
    problems = [p for p in (proposal_problem(board, p) for p in verdict.proposals) if p]
    if problems:
        raise ValueError("; ".join(problems) + ". Use only the command forms given, with existing scenes.")
    return verdict


def describe(board: Storyboard) -> str:
    """The storyboard as the crew reads it: numbered scenes with shot, move, mood, seconds and narration."""
    cast = "; ".join(f"{c.name}: {c.description}" for c in board.characters) or "(no named characters)"
    lines = [f"Title: {board.title}. Style: {board.style}. Aspect {board.aspect_ratio}. Cast: {cast}"]
    for k, s in enumerate(board.scenes, 1):
        lines.append(f"{k}. [{s.shot}, {s.camera}{', ' + s.mood if s.mood else ''}; "
                     f"{seconds_of(s.narration):.1f} s] sees: {s.visual} | says: \"{s.narration}\"")  # fmt: skip
    return "\n".join(lines)


def _trim(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= NOTE_CHARS else text[: NOTE_CHARS - 1].rsplit(" ", 1)[0] + "…"


def crewai_notes(board: Storyboard, settings: Settings, ledger: Any = None) -> CrewNotes:
    """Run the crew once. Raises on any failure (unreachable server, invalid answers after the retry)."""
    os.environ.update(QUIET)
    os.environ.setdefault("CREWAI_STORAGE_DIR", str(settings.home / "crewai"))  # not ~/.local/share/<cwd>
    from crewai import LLM, Agent, Crew, Process, Task
    from crewai.crews.crew_output import CrewOutput
    from crewai.tasks.task_output import TaskOutput

    from agents.prompts import crew as prompt

    logging.getLogger("crewai").setLevel(logging.ERROR)  # token-count estimates are not the person's business
    llm = LLM(
        model=settings.model, provider="openai", custom_openai=bool(settings.openai_base_url),
        base_url=settings.openai_base_url or None, api_key=settings.openai_api_key or "not-needed",
        timeout=settings.llm_timeout, temperature=0.4,
    )  # fmt: skip
    crafts = {"wps": WORDS_PER_SECOND, "max_seconds": MAX_SCENE_SECONDS}
    cinematographer, editor, director = (
        Agent(**{k: v.format(**crafts) for k, v in persona.items()}, llm=llm, allow_delegation=False, verbose=False)
        for persona in (prompt.CINEMATOGRAPHER, prompt.EDITOR, prompt.DIRECTOR)
    )
    text = describe(board)

    # No return annotation: CrewAI inspects it at runtime and cannot read postponed (string) annotations.
    def guard(output: TaskOutput):
        try:
            read_verdict(output.raw, board)
        except ValueError as err:
            return False, str(err)
        return True, output

    looks = Task(description=prompt.CINEMATOGRAPHER_TASK.format(board=text), expected_output=prompt.EXPECTED_NOTES,
                 agent=cinematographer)  # fmt: skip
    pace = Task(description=prompt.EDITOR_TASK.format(board=text, **crafts), expected_output=prompt.EXPECTED_NOTES,
                agent=editor)  # fmt: skip
    verdict_task = Task(
        description=prompt.DIRECTOR_TASK.format(board=text, most=MOST_PROPOSALS, count=len(board.scenes),
                                                shots=", ".join(SHOT_TYPES), moves=", ".join(CAMERA_MOVES)),
        expected_output=prompt.EXPECTED_VERDICT, agent=director, context=[looks, pace],
        guardrail=cast(Any, guard), guardrail_max_retries=1,
    )  # fmt: skip
    crew = Crew(agents=[cinematographer, editor, director], tasks=[looks, pace, verdict_task],
                process=Process.sequential, verbose=False)  # fmt: skip
    paid = is_paid(settings.openai_base_url)
    if ledger is not None and paid:
        ledger.check(1e-6, "the crew's review")  # its cost is known only after: is any budget left?
    result = crew.kickoff()
    if not isinstance(result, CrewOutput):  # only a streaming crew answers otherwise
        raise TypeError(f"the crew answered with {type(result).__name__}")
    if ledger is not None:  # CrewAI calls the model through its own client: its tokens are counted here
        used = result.token_usage
        record_tokens(ledger, settings.model, paid, int(used.prompt_tokens or 0), int(used.completion_tokens or 0))
    seen, paced = (o.raw for o in result.tasks_output[:2])
    verdict = read_verdict(result.tasks_output[-1].raw, board)
    notes = [Note(craft="Cinematographer", text=_trim(seen)), Note(craft="Editor", text=_trim(paced)),
             Note(craft="Director", text=_trim(verdict.summary))]  # fmt: skip
    return CrewNotes(notes=notes, proposals=list(dict.fromkeys(verdict.proposals)))


def review(board: Storyboard, settings: Settings, ledger: Any = None) -> tuple[CrewNotes, str]:
    """Crew notes from the CrewAI crew, or from the lint when it fails; the second value says why, for the chat.
    With the project's `ledger`, the crew's tokens are written in it."""
    try:
        return crewai_notes(board, settings, ledger), ""
    except Exception as err:  # a crew that fails for any reason must not cost the person their turn
        reason = " ".join(str(err).split())[:240] or type(err).__name__
        return lint(board), f"The crew's model failed ({reason}), so these notes are the rule-based ones."
