"""The one settings object: every knob crewcut has, each read from one environment variable."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path

from platformdirs import user_data_path


def _env(name: str, default: str) -> str:
    value = os.environ.get(name, "").strip()
    return value or default


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as err:
        raise SettingsError(f"{name}={raw!r} is not a whole number") from err


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


class SettingsError(ValueError):
    """A setting that cannot be used; the message names the variable."""


@dataclass(frozen=True)
class Settings:
    """What crewcut reads from its environment. Build with `Settings.from_env()`; nothing else reads os.environ."""

    home: Path = field(metadata={"env": "CREWCUT_HOME"})
    """Where projects and shared caches live (default: the user's data directory)."""

    speech_backend: str = field(default="hibari", metadata={"env": "CREWCUT_SPEECH"})
    """Narration backend: hibari (offline, bundled voice) or espeak (offline, robotic, always works)."""

    image_backend: str = field(default="animatic", metadata={"env": "CREWCUT_IMAGES"})
    """Frame backend: animatic (offline illustrated storyboard panels)."""

    music_backend: str = field(default="midi", metadata={"env": "CREWCUT_MUSIC"})
    """Music backend: midi (offline score played on a bundled General MIDI soundfont) or none."""

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
        return bool(self.openai_api_key or self.openai_base_url)

    @classmethod
    def from_env(cls) -> Settings:
        home = Path(_env("CREWCUT_HOME", str(user_data_path("crewcut")))).expanduser()
        settings = cls(
            home=home,
            speech_backend=_env("CREWCUT_SPEECH", "hibari"),
            image_backend=_env("CREWCUT_IMAGES", "animatic"),
            music_backend=_env("CREWCUT_MUSIC", "midi"),
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
