"""The paid providers as Services built from the settings: where each lives, its key, its limits."""

from __future__ import annotations

import httpx

from settings import Settings
from tools.cloud.http import Service


def _service(name: str, base_url: str, key: str, settings: Settings) -> Service:
    return Service(name, base_url, key, timeout=float(settings.cloud_timeout), attempts=settings.cloud_attempts)


def stability(settings: Settings) -> Service:
    return _service("Stability", settings.stability_base_url, settings.stability_api_key, settings)


def stability_refusal(response: httpx.Response) -> bool:
    """Stability's content filter: an image answered with `finish-reason: CONTENT_FILTERED`, or a request
    refused with 403 for content moderation."""
    return response.headers.get("finish-reason", "").upper() == "CONTENT_FILTERED" or (
        response.status_code == 403 and "moderation" in response.text.lower()
    )


def openai_media(settings: Settings) -> Service:
    return _service("OpenAI", settings.openai_media_base_url, settings.openai_api_key, settings)


def runway(settings: Settings) -> Service:
    return _service("Runway", settings.runway_base_url, settings.runway_api_key, settings)
