"""`crewcut doctor`: for each role (text, frames, motion, voice, music), is the configured backend usable?
A key present, its endpoint reachable, and a free request that proves the key (a balance, a model
lookup); whatever would fail is said, with what it will fall back to. Nothing paid is ever asked for."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from settings import Settings
from tools.cloud import prices, services
from tools.cloud.http import CloudError, Service

OFFLINE = {"text": "the rule-based crew", "frames": "animatic panels", "motion": "Ken Burns moves",
           "voice": "the offline voice (hibari)", "music": "no music"}  # fmt: skip


@dataclass(frozen=True)
class Check:
    role: str
    backend: str
    ok: bool
    detail: str
    broken: bool = False  # not a fallback: what is asked for does not exist, and the work would stop

    @property
    def verdict(self) -> str:
        return "ok" if self.ok else "BROKEN" if self.broken else "FALLS BACK"


def _probe(service: Service, path: str, proof: Callable[[dict], str], headers: dict[str, str] | None = None) -> str:
    """What a free GET says about the key ('' when there is no key to try)."""
    if not service.key:
        return ""
    once = replace(service, attempts=1, timeout=min(service.timeout, 15.0))
    answer = once.request("GET", path, headers=headers or {})
    try:
        body = answer.json()
    except ValueError:
        body = {}
    return proof(body if isinstance(body, dict) else {})


def _paid(role: str, backend: str, service: Service, key_name: str, path: str, proof: Callable[[dict], str],
          priced: str, headers: dict[str, str] | None = None) -> Check:  # fmt: skip
    if not service.key:
        return Check(role, backend, False, f"{key_name} is not set: falls back to {OFFLINE[role]}")
    try:
        said = _probe(service, path, proof, headers)
    except CloudError as err:
        return Check(role, backend, False, f"{err}: falls back to {OFFLINE[role]}")
    price = "" if prices.known(priced) else f"; {priced} is not in the price table, so its spend counts as $0"
    return Check(role, backend, True, f"{service.base_url} answers and takes the key{said}{price}")


def _credits(body: dict) -> str:
    return f" ({body['credits']:g} credits)" if isinstance(body.get("credits"), int | float) else ""


def _runway_credits(body: dict) -> str:
    return f" ({body['creditBalance']} credits)" if "creditBalance" in body else ""


def check_text(s: Settings) -> Check:
    if not s.uses_model:
        return Check(
            "text", "rules", True, "the rule-based crew (offline; set OPENAI_API_KEY or OPENAI_BASE_URL for a model)"
        )
    service = Service("the text model", s.openai_base_url or "https://api.openai.com/v1", s.openai_api_key or "local",
                      timeout=float(s.llm_timeout))  # fmt: skip
    try:
        _probe(service, "models", lambda _b: "")
    except CloudError as err:
        return Check("text", s.model, False, f"{err}: each step falls back to {OFFLINE['text']}")
    return Check("text", s.model, True, f"{service.base_url} answers")


def _stability_model(s: Settings) -> str:
    return s.stability_sd3_model if s.stability_engine == "sd3" else s.stability_engine


# (role, backend) -> its check; a backend not listed here runs on this machine and needs nothing.
PAID: dict[tuple[str, str], Callable[[Settings], Check]] = {
    ("frames", "stability"): lambda s: _paid("frames", "stability", services.stability(s), "STABILITY_API_KEY",
                                             "v1/user/balance", _credits, f"stability:{_stability_model(s)}"),
    ("frames", "openai"): lambda s: _paid("frames", "openai", services.openai_media(s), "OPENAI_API_KEY",
                                          f"models/{s.openai_image_model}", lambda _b: "",
                                          f"openai:{s.openai_image_model}"),
    ("motion", "runway"): lambda s: _paid("motion", "runway", services.runway(s), "RUNWAYML_API_SECRET",
                                          "v1/organization", _runway_credits, f"runway:{s.runway_model}",
                                          {"X-Runway-Version": "2024-11-06"}),
    ("motion", "stability"): lambda s: _paid("motion", "stability", services.stability(s), "STABILITY_API_KEY",
                                             "v1/user/balance", _credits, "stability:image-to-video"),
    ("voice", "openai"): lambda s: _paid("voice", "openai", services.openai_media(s), "OPENAI_API_KEY",
                                         f"models/{s.tts_model}", lambda _b: "", s.tts_model),
}  # fmt: skip

ROLES: dict[str, Callable[[Settings], str]] = {  # role -> the backend the settings choose for it
    "frames": lambda s: s.image_backend,
    "motion": lambda s: s.motion_backend,
    "voice": lambda s: s.speech_backend,
    "music": lambda s: s.music_backend,
}
LOCAL = {"frames": "drawn on this machine (offline)", "voice": "spoken on this machine (offline)",
         "music": "composed on this machine (offline)"}  # fmt: skip
NOTHING = {("motion", "none"): "scenes marked motion keep their Ken Burns moves (CREWCUT_MOTION is none)",
           ("music", "none"): "the film has no score"}  # fmt: skip


def _known(role: str) -> list[str]:
    from tools.images.registry import BACKENDS as FRAMES
    from tools.motion.registry import BACKENDS as MOTION
    from tools.music.registry import BACKENDS as MUSIC
    from tools.speech.registry import BACKENDS as VOICES

    registries: dict[str, Mapping[str, object]] = {"frames": FRAMES, "motion": MOTION, "voice": VOICES, "music": MUSIC}
    return list(registries[role])


def check_role(role: str, s: Settings) -> Check:
    backend = ROLES[role](s)
    if backend not in _known(role):
        return Check(role, backend, False, f"no such backend (known: {', '.join(_known(role))})", broken=True)
    if (role, backend) in PAID:
        return PAID[role, backend](s)
    return Check(role, backend, True, NOTHING.get((role, backend)) or LOCAL[role])


def check_all(settings: Settings) -> list[Check]:
    return [check_text(settings), *(check_role(role, settings) for role in ROLES)]
