"""The one settings object: every knob crewcut has, each read from one environment variable."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TypeVar

from platformdirs import user_data_path


def _env(name: str, default: str) -> str:
    value = os.environ.get(name, "").strip()
    return value or default


N = TypeVar("N", int, float)


def _env_number(name: str, default: N, kind: type[N]) -> N:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return kind(raw)
    except ValueError as err:
        raise SettingsError(f"{name}={raw!r} is not {'a whole number' if kind is int else 'a number'}") from err


def _env_int(name: str, default: int) -> int:
    return _env_number(name, default, int)


def _env_float(name: str, default: float) -> float:
    return _env_number(name, default, float)


def _env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in {"1", "true", "yes", "on"}:
        return True
    if raw in {"0", "false", "no", "off"}:
        return False
    raise SettingsError(f"{name}={raw!r} is not one of 1/0, true/false, yes/no, on/off")


STUDIO_AUTH = ("none", "password")
EMBEDDERS = ("minilm",)  # memory/embedder.py
TEXT_BACKENDS = ("auto", "rules", "openai")
STABILITY_ENGINES = ("core", "ultra", "sd3")
OPENAI_IMAGE_QUALITIES = ("low", "medium", "high", "standard", "hd")


class SettingsError(ValueError):
    """A setting that cannot be used; the message names the variable."""


@dataclass(frozen=True)
class Settings:
    """What crewcut reads from its environment. Build with `Settings.from_env()`; nothing else reads os.environ."""

    home: Path = field(metadata={"env": "CREWCUT_HOME"})
    """Where projects and shared caches live (default: the user's data directory)."""

    speech_backend: str = field(default="hibari", metadata={"env": "CREWCUT_SPEECH"})
    """Narration backend: hibari (offline, bundled voice), espeak (offline, robotic, always works) or openai
    (OpenAI's text-to-speech, word timings from its transcription endpoint)."""

    image_backend: str = field(default="animatic", metadata={"env": "CREWCUT_IMAGES"})
    """Frame backend: animatic (offline illustrated storyboard panels), stability or openai."""

    motion_backend: str = field(default="none", metadata={"env": "CREWCUT_MOTION"})
    """Image-to-video for scenes marked `motion`: none (every scene keeps its Ken Burns move), runway or
    stability."""

    music_backend: str = field(default="midi", metadata={"env": "CREWCUT_MUSIC"})
    """Music backend: midi (offline score played on a bundled General MIDI soundfont) or none."""

    text_backend: str = field(default="auto", metadata={"env": "CREWCUT_TEXT"})
    """Who writes: auto (a language model when OPENAI_API_KEY or OPENAI_BASE_URL is set, else rules), rules
    (the offline crew even with a key, e.g. for OpenAI voices alone) or openai."""

    stability_api_key: str = field(default="", repr=False, metadata={"env": "STABILITY_API_KEY"})
    """A Stability AI key, for CREWCUT_IMAGES=stability and CREWCUT_MOTION=stability."""

    stability_base_url: str = field(default="https://api.stability.ai", metadata={"env": "STABILITY_BASE_URL"})
    """Stability's REST API (a setting so tests and proxies can stand in for it)."""

    stability_engine: str = field(default="core", metadata={"env": "CREWCUT_STABILITY_ENGINE"})
    """Which Stable Image endpoint draws frames: core (cheapest), ultra or sd3."""

    stability_sd3_model: str = field(default="sd3.5-large", metadata={"env": "CREWCUT_STABILITY_SD3_MODEL"})
    """The model the sd3 endpoint uses: sd3.5-large, sd3.5-large-turbo or sd3.5-medium."""

    openai_media_base_url: str = field(default="https://api.openai.com/v1", metadata={"env": "OPENAI_MEDIA_BASE_URL"})
    """Where OpenAI images, voices and transcription go (OPENAI_BASE_URL may point the text at a local
    server); the key is OPENAI_API_KEY."""

    openai_image_model: str = field(default="gpt-image-1", metadata={"env": "CREWCUT_OPENAI_IMAGE_MODEL"})
    """OpenAI image model: gpt-image-1 (takes the characters' reference images) or dall-e-3."""

    openai_image_quality: str = field(default="medium", metadata={"env": "CREWCUT_OPENAI_IMAGE_QUALITY"})
    """low, medium or high for gpt-image-1; standard or hd for dall-e-3."""

    tts_model: str = field(default="gpt-4o-mini-tts", metadata={"env": "CREWCUT_TTS_MODEL"})
    """OpenAI speech model: gpt-4o-mini-tts, tts-1 or tts-1-hd."""

    tts_speed: float = field(default=1.0, metadata={"env": "CREWCUT_TTS_SPEED"})
    """OpenAI narration speed, 0.25 to 4.0."""

    transcribe_model: str = field(default="whisper-1", metadata={"env": "CREWCUT_TRANSCRIBE_MODEL"})
    """The transcription model that times OpenAI narration word by word (whisper-1 gives word timestamps)."""

    runway_api_key: str = field(default="", repr=False, metadata={"env": "RUNWAYML_API_SECRET"})
    """A Runway API key, for CREWCUT_MOTION=runway."""

    runway_base_url: str = field(default="https://api.dev.runwayml.com", metadata={"env": "RUNWAY_BASE_URL"})
    """Runway's API."""

    runway_model: str = field(default="gen4_turbo", metadata={"env": "CREWCUT_RUNWAY_MODEL"})
    """Runway image-to-video model: gen4_turbo, or gen3a_turbo (also takes a last frame to move towards)."""

    budget_usd: float | None = field(default=None, metadata={"env": "CREWCUT_BUDGET_USD"})
    """Most a project may spend on paid services, in US dollars; paid work that would pass it is not sent."""

    cloud_timeout: int = field(default=120, metadata={"env": "CREWCUT_CLOUD_TIMEOUT"})
    """Seconds to wait for one call to a paid media service."""

    cloud_poll: float = field(default=5.0, metadata={"env": "CREWCUT_CLOUD_POLL"})
    """Seconds between asks whether a clip being made (image-to-video) is ready."""

    cloud_attempts: int = field(default=4, metadata={"env": "CREWCUT_CLOUD_ATTEMPTS"})
    """Tries per paid asset (429, 5xx, timeouts are retried with backoff) before it falls back offline."""

    height: int = field(default=1080, metadata={"env": "CREWCUT_HEIGHT"})
    """Output height in pixels for 16:9 (the short side); 1080 gives 1920x1080, 1080x1920, 1080x1080."""

    jobs: int = field(default=2, metadata={"env": "CREWCUT_JOBS"})
    """How many render segments ffmpeg encodes at once."""

    burn_captions: bool = field(default=True, metadata={"env": "CREWCUT_BURN_CAPTIONS"})
    """Burn the captions into the picture (SRT and WebVTT are written either way)."""

    x264_preset: str = field(default="veryfast", metadata={"env": "CREWCUT_X264_PRESET"})
    """libx264 preset: slower presets give smaller files for the same quality."""

    crf: int = field(default=23, metadata={"env": "CREWCUT_CRF"})
    """libx264 constant rate factor (lower is better quality, bigger files)."""

    openai_api_key: str = field(default="", repr=False, metadata={"env": "OPENAI_API_KEY"})
    """A key for an OpenAI-compatible endpoint. With it (or a base URL) the crew writes with a language model."""

    openai_base_url: str = field(default="", metadata={"env": "OPENAI_BASE_URL"})
    """Any OpenAI-compatible server, e.g. a local llama.cpp or Ollama server (http://127.0.0.1:8080/v1)."""

    model: str = field(default="gpt-4o-mini", metadata={"env": "CREWCUT_MODEL"})
    """The chat model's name at that endpoint."""

    llm_timeout: int = field(default=60, metadata={"env": "CREWCUT_LLM_TIMEOUT"})
    """Seconds to wait for one model call."""

    studio_host: str = field(default="127.0.0.1", metadata={"env": "CREWCUT_STUDIO_HOST"})
    """Where the chat studio listens. Without a login it serves this machine only (loopback addresses)."""

    studio_port: int = field(default=8000, metadata={"env": "CREWCUT_STUDIO_PORT"})
    """The chat studio's port."""

    studio_auth: str = field(default="none", metadata={"env": "CREWCUT_AUTH"})
    """Studio login: none (one local user; the studio serves this machine only) or password (CREWCUT_USERS)."""

    studio_users: Path = field(default=Path(), metadata={"env": "CREWCUT_USERS"})
    """The studio's users and their bcrypt-hashed passwords (default HOME/studio/users.json; `crewcut user add`)."""

    studio_db: str = field(default="", metadata={"env": "CREWCUT_STUDIO_DB"})
    """Where the studio keeps chat threads: an SQLAlchemy async URL (default SQLite in HOME/studio/chats.db;
    postgresql+asyncpg://user:pass@host/db for a shared server)."""

    embedder: str = field(default="minilm", metadata={"env": "CREWCUT_EMBEDDER"})
    """The offline embedding model memory recalls by meaning with: minilm (all-MiniLM-L6-v2, shipped)."""

    chroma_host: str = field(default="", metadata={"env": "CHROMA_HOST"})
    """A Chroma server for memory (`chroma run --path DIR`); unset: Chroma on disk in HOME/memory."""

    chroma_port: int = field(default=8000, metadata={"env": "CHROMA_PORT"})
    """That Chroma server's port."""

    @property
    def uses_model(self) -> bool:
        if self.text_backend == "rules":
            return False
        return self.text_backend == "openai" or bool(self.openai_api_key or self.openai_base_url)

    @classmethod
    def from_env(cls) -> Settings:
        home = Path(_env("CREWCUT_HOME", str(user_data_path("crewcut")))).expanduser()
        settings = cls(
            home=home,
            speech_backend=_env("CREWCUT_SPEECH", "hibari"),
            image_backend=_env("CREWCUT_IMAGES", "animatic"),
            music_backend=_env("CREWCUT_MUSIC", "midi"),
            motion_backend=_env("CREWCUT_MOTION", "none").lower(),
            text_backend=_env("CREWCUT_TEXT", "auto").lower(),
            stability_api_key=_env("STABILITY_API_KEY", ""),
            stability_base_url=_env("STABILITY_BASE_URL", "https://api.stability.ai"),
            stability_engine=_env("CREWCUT_STABILITY_ENGINE", "core").lower(),
            stability_sd3_model=_env("CREWCUT_STABILITY_SD3_MODEL", "sd3.5-large"),
            openai_media_base_url=_env("OPENAI_MEDIA_BASE_URL", "https://api.openai.com/v1"),
            openai_image_model=_env("CREWCUT_OPENAI_IMAGE_MODEL", "gpt-image-1"),
            openai_image_quality=_env("CREWCUT_OPENAI_IMAGE_QUALITY", "medium").lower(),
            tts_model=_env("CREWCUT_TTS_MODEL", "gpt-4o-mini-tts"),
            tts_speed=_env_float("CREWCUT_TTS_SPEED", 1.0),
            transcribe_model=_env("CREWCUT_TRANSCRIBE_MODEL", "whisper-1"),
            runway_api_key=_env("RUNWAYML_API_SECRET", ""),
            runway_base_url=_env("RUNWAY_BASE_URL", "https://api.dev.runwayml.com"),
            runway_model=_env("CREWCUT_RUNWAY_MODEL", "gen4_turbo"),
            budget_usd=_env_float("CREWCUT_BUDGET_USD", 0.0)
            if _env("CREWCUT_BUDGET_USD", "")
            else None,  # unset: no limit
            cloud_timeout=_env_int("CREWCUT_CLOUD_TIMEOUT", 120),
            cloud_attempts=_env_int("CREWCUT_CLOUD_ATTEMPTS", 4),
            cloud_poll=_env_float("CREWCUT_CLOUD_POLL", 5.0),
            height=_env_int("CREWCUT_HEIGHT", 1080),
            jobs=_env_int("CREWCUT_JOBS", 2),
            burn_captions=_env_bool("CREWCUT_BURN_CAPTIONS", True),
            x264_preset=_env("CREWCUT_X264_PRESET", "veryfast"),
            crf=_env_int("CREWCUT_CRF", 23),
            openai_api_key=_env("OPENAI_API_KEY", ""),
            openai_base_url=_env("OPENAI_BASE_URL", ""),
            model=_env("CREWCUT_MODEL", "gpt-4o-mini"),
            llm_timeout=_env_int("CREWCUT_LLM_TIMEOUT", 60),
            studio_host=_env("CREWCUT_STUDIO_HOST", "127.0.0.1"),
            studio_port=_env_int("CREWCUT_STUDIO_PORT", 8000),
            studio_auth=_env("CREWCUT_AUTH", "none").lower(),
            studio_users=Path(_env("CREWCUT_USERS", str(home / "studio" / "users.json"))).expanduser(),
            studio_db=_env("CREWCUT_STUDIO_DB", f"sqlite+aiosqlite:///{home / 'studio' / 'chats.db'}"),
            embedder=_env("CREWCUT_EMBEDDER", "minilm"),
            chroma_host=_env("CHROMA_HOST", ""),
            chroma_port=_env_int("CHROMA_PORT", 8000),
        )
        settings.validate()
        return settings

    def validate(self) -> None:
        if not 90 <= self.height <= 2160 or self.height % 2:
            raise SettingsError(f"CREWCUT_HEIGHT={self.height}: use an even number between 90 and 2160")
        if not 1 <= self.jobs <= 16:
            raise SettingsError(f"CREWCUT_JOBS={self.jobs}: use 1 to 16")
        if not 0 <= self.crf <= 51:
            raise SettingsError(f"CREWCUT_CRF={self.crf}: use 0 to 51")
        if not 1 <= self.studio_port <= 65535:
            raise SettingsError(f"CREWCUT_STUDIO_PORT={self.studio_port}: use 1 to 65535")
        if self.embedder not in EMBEDDERS:
            raise SettingsError(f"CREWCUT_EMBEDDER={self.embedder}: use one of {', '.join(EMBEDDERS)}")
        if not 1 <= self.chroma_port <= 65535:
            raise SettingsError(f"CHROMA_PORT={self.chroma_port}: use 1 to 65535")
        choices = {"CREWCUT_TEXT": (self.text_backend, TEXT_BACKENDS),
                   "CREWCUT_STABILITY_ENGINE": (self.stability_engine, STABILITY_ENGINES),
                   "CREWCUT_OPENAI_IMAGE_QUALITY": (self.openai_image_quality, OPENAI_IMAGE_QUALITIES)}  # fmt: skip
        for name, (value, allowed) in choices.items():
            if value not in allowed:
                raise SettingsError(f"{name}={value}: use one of {', '.join(allowed)}")
        if not 0.25 <= self.tts_speed <= 4.0:
            raise SettingsError(f"CREWCUT_TTS_SPEED={self.tts_speed:g}: use 0.25 to 4.0")
        if self.budget_usd is not None and self.budget_usd < 0:
            raise SettingsError(f"CREWCUT_BUDGET_USD={self.budget_usd:g}: use a sum of dollars, 0 or more")
        if not 1 <= self.cloud_attempts <= 10:
            raise SettingsError(f"CREWCUT_CLOUD_ATTEMPTS={self.cloud_attempts}: use 1 to 10")
        if not 0.01 <= self.cloud_poll <= 60:
            raise SettingsError(f"CREWCUT_CLOUD_POLL={self.cloud_poll:g}: use 0.01 to 60 seconds")
        if not 1 <= self.cloud_timeout <= 3600:
            raise SettingsError(f"CREWCUT_CLOUD_TIMEOUT={self.cloud_timeout}: use 1 to 3600 seconds")
        if self.studio_auth not in STUDIO_AUTH:
            raise SettingsError(f"CREWCUT_AUTH={self.studio_auth}: use one of {', '.join(STUDIO_AUTH)}")
        if self.studio_db and "+" not in self.studio_db.split("://", 1)[0]:
            raise SettingsError(
                f"CREWCUT_STUDIO_DB: {self.studio_db.split('://', 1)[0]!r} is not an async driver URL "
                "(sqlite+aiosqlite:///PATH or postgresql+asyncpg://USER:PASS@HOST/DB)"
            )

    @classmethod
    def variables(cls) -> dict[str, str]:
        """Environment variable -> what it sets (for `crewcut settings` and the README)."""
        return {f.metadata["env"]: f.name for f in fields(cls)}
