"""Every call to a paid service goes through here: one HTTP client (httpx), one retry policy (tenacity).

A call has a timeout; 429, 5xx and network errors are retried with exponential backoff and jitter, a
`Retry-After` the service sends is honoured, and the number of attempts is bounded. What still fails is a
CloudError whose message says what the service said, in words a person can act on, and never the key."""

from __future__ import annotations

import email.utils
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx
from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt, wait_exponential_jitter

T = TypeVar("T")
Refusal = Callable[[httpx.Response], bool]
RETRIED = {408, 409, 425, 429, 500, 502, 503, 504}
MAX_WAIT = 30.0  # seconds: a Retry-After longer than this is not waited out inside one asset

# Status -> what it means for a person, before the service's own words are added.
MEANINGS = {
    400: "refused the request",
    401: "did not accept the key (check it)",
    402: "says the account is out of credit",
    403: "refused access with this key",
    404: "does not know this endpoint or model",
    413: "found the request too large",
    422: "refused the request",
    429: "is rate-limiting this key",
}


class CloudError(RuntimeError):
    """A paid service could not make the asset. `refused` marks a content-filter refusal: the same request
    would be refused again, so it is not retried and the asset falls back at once."""

    def __init__(self, service: str, message: str, status: int = 0, refused: bool = False) -> None:
        super().__init__(f"{service} {message}")
        self.service, self.status, self.refused = service, status, refused


class Retryable(CloudError):
    """A failure worth another attempt (429, 5xx, a network error, a timeout)."""

    def __init__(self, service: str, message: str, status: int = 0, wait: float | None = None) -> None:
        super().__init__(service, message, status)
        self.wait = wait  # what Retry-After asked for, in seconds


def retry_after(response: httpx.Response) -> float | None:
    """Seconds the service asked to wait: Retry-After as seconds or an HTTP date (None when absent)."""
    raw = response.headers.get("retry-after", "").strip()
    if not raw:
        return None
    try:
        return max(0.0, float(raw))
    except ValueError:
        when = email.utils.parsedate_to_datetime(raw) if raw else None
        return max(0.0, when.timestamp() - time.time()) if when else None


def said(response: httpx.Response) -> str:
    """The service's own explanation from an error body, whatever shape its JSON takes ('' if none)."""
    try:
        body: Any = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        return response.text.strip()[:200] if response.headers.get("content-type", "").startswith("text/") else ""
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict):
            for key in ("message", "errors", "failure", "detail", "name", "code"):
                if inner.get(key):
                    value = inner[key]
                    return "; ".join(map(str, value))[:300] if isinstance(value, list) else str(value)[:300]
        elif isinstance(inner, str):
            return inner[:300]
    return ""


@dataclass(frozen=True)
class Service:
    """One provider: its name in messages, base URL, key and the limits every call to it obeys."""

    name: str
    base_url: str
    key: str
    timeout: float = 120.0
    attempts: int = 4
    backoff: float = 1.0  # the first retry waits about this long, then it doubles (with jitter)

    def __repr__(self) -> str:  # the key stays out of reprs, tracebacks and logs
        return f"Service({self.name!r}, {self.base_url!r})"

    def redact(self, text: str) -> str:
        return text.replace(self.key, "[key]") if self.key else text

    def check(self, response: httpx.Response, refused: Refusal | None = None) -> httpx.Response:
        """The response if it succeeded; else the CloudError (or Retryable) that says why, in plain words.
        `refused(response)` says whether it is a content-filter refusal (some services refuse with 200 and a
        header, some with 400 and a code)."""
        if refused is not None and refused(response):
            raise CloudError(self.name, f"refused the content ({self.redact(said(response)) or 'content filter'})",
                             response.status_code, refused=True)  # fmt: skip
        if response.is_success:
            return response
        meaning = MEANINGS.get(response.status_code, f"failed (HTTP {response.status_code})")
        words = self.redact(said(response))
        message = f"{meaning}: {words}" if words else meaning
        if response.status_code in RETRIED or response.status_code >= 500:
            raise Retryable(self.name, message, response.status_code, retry_after(response))
        raise CloudError(self.name, message, response.status_code)

    def request(self, method: str, path: str, *, refused: Refusal | None = None, **kwargs: Any) -> httpx.Response:
        """One call with retries: a 2xx response back, or CloudError."""
        url = path if path.startswith("http") else f"{self.base_url.rstrip('/')}/{path.lstrip('/')}"
        headers = {"Authorization": f"Bearer {self.key}", **kwargs.pop("headers", {})}

        def once() -> httpx.Response:
            try:
                response = httpx.request(method, url, headers=headers, timeout=self.timeout, **kwargs)
            except httpx.TimeoutException:
                raise Retryable(self.name, f"did not answer within {self.timeout:g} s") from None
            except httpx.HTTPError as err:
                raise Retryable(self.name, f"could not be reached ({type(err).__name__})") from None
            return self.check(response, refused)

        return self.run(once)

    def answer(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        """`request`, for services that answer a JSON object: anything else is a CloudError, not a crash."""
        response = self.request(method, path, **kwargs)
        try:
            body = response.json()
        except (json.JSONDecodeError, UnicodeDecodeError):
            body = None
        if not isinstance(body, dict):
            raise CloudError(self.name, f"answered {path.split('/')[-1] or path} with something unreadable")
        return body

    def run(self, once: Callable[[], T]) -> T:
        """`once()` with this service's retry policy: it raises Retryable for what deserves another try."""
        retrying = Retrying(
            retry=retry_if_exception(lambda err: isinstance(err, Retryable)),
            stop=stop_after_attempt(self.attempts),
            wait=self._wait,
            reraise=True,
        )
        return retrying(once)

    def _wait(self, state: RetryCallState) -> float:
        err = state.outcome.exception() if state.outcome else None
        if isinstance(err, Retryable) and err.wait is not None:
            return min(err.wait, MAX_WAIT)
        return float(wait_exponential_jitter(multiplier=self.backoff, max=MAX_WAIT, jitter=self.backoff)(state))
