"""The chat-model factory and structured output that works on OpenAI and on local OpenAI-compatible servers.

Structured output uses forced tool calling (`method="function_calling"`): local servers such as llama.cpp's
answer `response_format=json_schema` with HTTP 500, while forced tool calls work on both. Output is
validated with pydantic; invalid output is sent back once with the validation error for a repair."""

from __future__ import annotations

import re
from typing import Any, TypeVar

from pydantic import BaseModel

T = TypeVar("T", bound=BaseModel)


class ModelError(RuntimeError):
    """The model did not give valid output after its retries (or could not be reached)."""


def chat_model(api_key: str, base_url: str, model: str, timeout: int) -> Any:
    """A LangChain chat model for any OpenAI-compatible endpoint (None when neither key nor URL is set)."""
    if not (api_key or base_url):
        return None
    from langchain_openai import ChatOpenAI
    from pydantic import SecretStr

    return ChatOpenAI(
        model=model,
        api_key=SecretStr(api_key or "not-needed"),  # local servers ignore the key, but the client wants one
        base_url=base_url or None,
        timeout=timeout,
        max_retries=2,
        temperature=0.7,
    )


def structured(model: Any, schema: type[T], system: str, user: str, repairs: int = 1) -> T:
    """Ask for one `schema` object by forced tool call; repair invalid output `repairs` times, then raise."""
    from langchain_core.messages import HumanMessage, SystemMessage, ToolMessage

    bound = model.with_structured_output(schema, method="function_calling", include_raw=True)
    messages: list[Any] = [SystemMessage(system), HumanMessage(user)]
    problem = ""
    for _ in range(repairs + 1):
        try:
            out = bound.invoke(messages)
        except Exception as err:  # network, HTTP, a server that cannot do tools: all end in the fallback
            raise ModelError(f"the model could not be reached ({type(err).__name__}: {str(err)[:200]})") from err
        if out.get("parsed") is not None:
            parsed: T = out["parsed"]
            return parsed
        problem = str(out.get("parsing_error") or "no tool call in the reply")
        ask = f"That was not valid ({problem[:500]}). Call the {schema.__name__} tool again, matching its schema."
        raw = out.get("raw")
        calls = getattr(raw, "tool_calls", None) or []
        # A tool call must be answered by a tool message before the conversation may go on.
        answers: list[Any] = [ToolMessage(ask, tool_call_id=c["id"]) for c in calls if c.get("id")]
        messages = [*messages, *([raw] if raw is not None else []), *(answers or [HumanMessage(ask)])]
    raise ModelError(f"the model's output did not match {schema.__name__}: {problem[:300]}")


def flagged_by_moderation(api_key: str, base_url: str, text: str, timeout: int, http_client: Any = None) -> str | None:
    """OpenAI's moderation endpoint's verdict on the text: the flagged categories, or None. Only asked when
    a key for OpenAI itself is set (local servers have no moderation); if it cannot answer, None.
    `http_client` is an httpx.Client for the SDK to send through (tests answer with recorded responses)."""
    if not api_key or (base_url and "api.openai.com" not in base_url):
        return None
    from openai import OpenAI

    client = OpenAI(api_key=api_key, base_url=base_url or None, timeout=timeout, max_retries=1, http_client=http_client)
    try:
        result = client.moderations.create(model="omni-moderation-latest", input=text[:8000])
    except Exception:  # moderation is an extra check on top of the local one; its outage blocks nothing
        return None
    verdict = result.results[0]
    if not verdict.flagged:
        return None
    # The SDK builds its models without validation, so a category can appear under its field name and its
    # wire name ("violence_graphic", "violence/graphic"): both read the same once spelled as words.
    names = [re.sub(r"[_/-]", " ", name) for name, hit in verdict.categories.model_dump(by_alias=True).items() if hit]
    return ", ".join(dict.fromkeys(names)) or "flagged"
