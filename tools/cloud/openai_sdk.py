"""OpenAI's media APIs through the openai SDK, under crewcut's retry policy: the SDK's own retries are off,
and its errors become the same CloudError / Retryable as every other service's."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import httpx

from tools.cloud.http import CloudError, Refusal, Retryable, Service

T = TypeVar("T")

# How OpenAI says its safety system refused a prompt (images: 400 with one of these codes).
REFUSAL_CODES = {"moderation_blocked", "content_policy_violation", "content_filter"}


def refused(response: httpx.Response) -> bool:
    if response.status_code != 400:
        return False
    try:
        error = response.json().get("error") or {}
    except ValueError:
        return False
    return isinstance(error, dict) and (error.get("code") in REFUSAL_CODES or error.get("type") in REFUSAL_CODES)


def client(service: Service) -> Any:
    from openai import OpenAI

    return OpenAI(api_key=service.key or "missing", base_url=service.base_url, timeout=service.timeout, max_retries=0)


def call(service: Service, fn: Callable[[], T], refusal: Refusal | None = refused) -> T:
    """`fn()` (an SDK call) with retries, its failures said in the service's words."""
    import openai

    def once() -> T:
        try:
            return fn()
        except openai.APIStatusError as err:
            service.check(err.response, refusal)  # raises the CloudError that says why
            raise CloudError(service.name, f"failed (HTTP {err.status_code})", err.status_code) from None
        except openai.APITimeoutError:
            raise Retryable(service.name, f"did not answer within {service.timeout:g} s") from None
        except openai.APIConnectionError:
            raise Retryable(service.name, "could not be reached") from None
        except (openai.OpenAIError, ValueError, KeyError) as err:  # a body the SDK could not read
            raise CloudError(service.name, f"answered with something unreadable ({type(err).__name__})") from None

    return service.run(once)
