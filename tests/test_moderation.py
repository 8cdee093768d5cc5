"""OpenAI's moderation check: the real SDK request, answered with recorded responses (never the internet)."""

from __future__ import annotations

import json
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

import httpx
import pytest

import graphs.projects
from agents.screenwriter import Refusal
from domain import Options
from graphs.projects import Studio
from settings import Settings
from tools.llm import flagged_by_moderation

CATEGORIES = ("harassment", "harassment/threatening", "hate", "hate/threatening", "illicit", "illicit/violent",
              "self-harm", "self-harm/instructions", "self-harm/intent", "sexual", "sexual/minors", "violence",
              "violence/graphic")  # fmt: skip


def recorded(*hits: str) -> dict[str, Any]:
    """A moderation response in the shape OpenAI's API returns for omni-moderation-latest."""
    return {
        "id": "modr-0b9a1c",
        "model": "omni-moderation-latest",
        "results": [{
            "flagged": bool(hits),
            "categories": {c: c in hits for c in CATEGORIES},
            "category_scores": {c: 0.91 if c in hits else 0.0004 for c in CATEGORIES},
            "category_applied_input_types": {c: ["text"] for c in CATEGORIES},
        }],
    }  # fmt: skip


def answering(answer: dict[str, Any] | int, seen: list[httpx.Request]) -> httpx.Client:
    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if isinstance(answer, int):
            return httpx.Response(answer, json={"error": {"message": "overloaded", "type": "server_error"}})
        return httpx.Response(200, json=answer)

    return httpx.Client(transport=httpx.MockTransport(handle))


def test_a_flagged_idea_names_its_categories_and_the_request_is_openais_shape() -> None:
    seen: list[httpx.Request] = []
    verdict = flagged_by_moderation(
        "sk-test", "", "an idea", 10, answering(recorded("violence", "violence/graphic"), seen)
    )
    assert verdict == "violence, violence graphic"
    (request,) = seen
    assert (request.method, str(request.url)) == ("POST", "https://api.openai.com/v1/moderations")
    assert request.headers["authorization"] == "Bearer sk-test"
    assert json.loads(request.content) == {"model": "omni-moderation-latest", "input": "an idea"}


def test_a_clean_idea_an_outage_and_a_local_server_block_nothing() -> None:
    seen: list[httpx.Request] = []
    assert flagged_by_moderation("sk-test", "", "a lighthouse", 10, answering(recorded(), seen)) is None
    assert flagged_by_moderation("sk-test", "", "a lighthouse", 10, answering(503, seen)) is None  # an extra check
    assert len(seen) == 3  # the clean answer, then the outage and its one retry
    local: list[httpx.Request] = []
    assert (
        flagged_by_moderation("sk-test", "http://127.0.0.1:8080/v1", "x", 10, answering(recorded("hate"), local))
        is None
    )
    assert flagged_by_moderation("", "", "x", 10, answering(recorded("hate"), local)) is None
    assert local == []  # a local server has no moderation endpoint, and no key means no OpenAI


def test_a_flagged_idea_is_refused_before_any_project_exists(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[httpx.Request] = []
    client = answering(recorded("illicit/violent"), seen)
    monkeypatch.setattr(graphs.projects, "flagged_by_moderation", partial(flagged_by_moderation, http_client=client))
    settings = replace(Settings.from_env(), openai_api_key="sk-test", openai_base_url="", model="gpt-4o-mini")
    studio = Studio(settings, tmp_path / "home")
    with pytest.raises(Refusal, match=r"the moderation check flagged it \(illicit violent\)"):
        studio.new("a perfectly ordinary sounding idea", Options())
    assert studio.list() == [] and len(seen) == 1  # refused before the Screenwriter's model was asked anything
