"""The paid providers as Services built from the settings: where each lives, its key, its limits."""

from __future__ import annotations

from settings import Settings
from tools.cloud.http import Service


def _service(name: str, base_url: str, key: str, settings: Settings) -> Service:
    return Service(name, base_url, key, timeout=float(settings.cloud_timeout), attempts=settings.cloud_attempts)


def stability(settings: Settings) -> Service:
    return _service("Stability", settings.stability_base_url, settings.stability_api_key, settings)


def openai_media(settings: Settings) -> Service:
    return _service("OpenAI", settings.openai_media_base_url, settings.openai_api_key, settings)


def runway(settings: Settings) -> Service:
    return _service("Runway", settings.runway_base_url, settings.runway_api_key, settings)
