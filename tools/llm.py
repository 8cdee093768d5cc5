"""The chat-model factory and structured output that works on OpenAI and on local OpenAI-compatible servers.

Structured output uses forced tool calling: local servers such as llama.cpp's answer
`response_format=json_schema` with HTTP 500, while forced tool calls work on both. The tool's schema is
sent without length and count limits (a local server compiles them into a grammar that can kill it);
output is validated with pydantic, and invalid output is sent back once with the errors for a repair."""

from __future__ import annotations

import json
import re
from typing import Any, TypeVar

from langchain_core.callbacks import BaseCallbackHandler
from pydantic import BaseModel

T = TypeVar("T", bound=BaseModel)


class ModelError(RuntimeError):
    """The model did not give valid output after its retries (or could not be reached)."""


def chat_model(api_key: str, base_url: str, model: str, timeout: int, ledger: Any = None) -> Any:
    """A LangChain chat model for any OpenAI-compatible endpoint (None when neither key nor URL is set).
    With a `ledger` (tools/cloud/ledger.py), every call's tokens are written in it, priced when the endpoint
    is OpenAI's (a local server costs nothing), and a call is not made once the budget is spent."""
    if not (api_key or base_url):
        return None
    from langchain_openai import ChatOpenAI
    from pydantic import SecretStr

    paid = is_paid(base_url)
    return ChatOpenAI(
        model=model,
        api_key=SecretStr(api_key or "not-needed"),  # local servers ignore the key, but the client wants one
        base_url=base_url or None,
        timeout=timeout,
        max_retries=2,
        temperature=0.7,
        callbacks=[TokenCounter(ledger, model, paid)] if ledger is not None else None,
    )


def is_paid(base_url: str) -> bool:
    """Whether a text endpoint charges: OpenAI's does, a local server does not."""
    return not base_url or "api.openai.com" in base_url


def record_tokens(ledger: Any, model: str, paid: bool, prompt: int, completion: int) -> None:
    """One model call's (or one crew's) tokens in the project's ledger, priced when the endpoint charges."""
    from tools.cloud.ledger import Entry
    from tools.cloud.prices import token_price

    if prompt or completion:
        usd = token_price(model, prompt, completion) if paid else 0.0
        ledger.record(Entry("openai" if paid else "local model", "tokens", prompt + completion, "tokens",
                            round(usd, 6)))  # fmt: skip


class TokenCounter(BaseCallbackHandler):
    """Writes each model call's tokens in the project's ledger; refuses a call once the budget is spent."""

    raise_error = True  # a budget stop must reach the caller (LangChain swallows handler errors otherwise)

    def __init__(self, ledger: Any, model: str, paid: bool) -> None:
        self.ledger, self.model, self.paid = ledger, model, paid

    def on_chat_model_start(self, serialized: Any, messages: Any, **kwargs: Any) -> None:
        if self.paid:
            self.ledger.check(1e-6, "a call to the text model")  # its cost is known only after: is any budget left?

    def on_llm_end(self, response: Any, **kwargs: Any) -> None:
        usage = (response.llm_output or {}).get("token_usage") or {}
        record_tokens(self.ledger, self.model, self.paid, int(usage.get("prompt_tokens") or 0),
                      int(usage.get("completion_tokens") or 0))  # fmt: skip


# JSON Schema keywords that local servers turn into grammar repetitions: llama.cpp's server expands a
# string's maxLength of a few hundred into nested rules, fails to parse the grammar and dies. The model is
# shown the shape alone; pydantic checks the limits afterwards, and a breach goes back for a repair.
LIMITS = ("maxLength", "minLength", "maxItems", "minItems", "maximum", "minimum", "exclusiveMaximum",
          "exclusiveMinimum", "pattern")  # fmt: skip


def _without_limits(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _without_limits(v) for k, v in node.items() if k not in LIMITS}
    if isinstance(node, list):
        return [_without_limits(v) for v in node]
    return node


def tool_for(schema: type[BaseModel]) -> dict[str, Any]:
    """The OpenAI tool a model fills in to answer with one `schema` object: its shape, no limits."""
    parameters = _without_limits(schema.model_json_schema())
    parameters.pop("title", None)
    description = " ".join((schema.__doc__ or schema.__name__).split())
    return {"type": "function", "function": {"name": schema.__name__, "description": description,
                                             "parameters": parameters}}  # fmt: skip


def structured(model: Any, schema: type[T], system: str, user: str, repairs: int = 1) -> T:
    """Ask for one `schema` object by forced tool call; repair invalid output `repairs` times, then raise."""
    from langchain_core.messages import HumanMessage, SystemMessage
    from pydantic import ValidationError

    name = schema.__name__
    bound = model.bind_tools([tool_for(schema)], tool_choice=name)
    messages: list[Any] = [SystemMessage(system), HumanMessage(user)]
    problem = ""
    for _ in range(repairs + 1):
        try:
            raw = bound.invoke(messages)
        except Exception as err:  # network, HTTP, a server that cannot do tools: all end in the fallback
            raise ModelError(f"the model could not be reached ({type(err).__name__}: {str(err)[:200]})") from err
        calls = [c for c in getattr(raw, "tool_calls", None) or [] if c.get("name") == name]
        if calls:
            try:
                return schema.model_validate(calls[0].get("args") or {})
            except ValidationError as err:
                problem = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'the object'}: {e['msg']}" for e in err.errors())
        else:
            problem = f"no {name} tool call in the reply"
        said = json.dumps(calls[0].get("args") or {})[:2000] if calls else str(getattr(raw, "content", ""))[:2000]
        # The answer goes back as the person's words, not as the assistant's tool call and a tool message:
        # local servers (llama.cpp's) refuse an assistant turn whose content is empty beside its tool calls.
        ask = f"Your answer was: {said}\nThat was not valid ({problem[:500]}). Call the {name} tool again, "
        ask += "matching its schema."
        messages = [SystemMessage(system), HumanMessage(user), HumanMessage(ask)]
    raise ModelError(f"the model's output did not match {name}: {problem[:300]}")


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
