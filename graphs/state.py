"""The crew graph's own state beside the domain: where each scene stands with the Cinematographer."""

from __future__ import annotations

from typing import Literal

from domain import Strict

SceneStatus = Literal["draft", "shot", "approved", "rejected"]


class SceneState(Strict):
    """Where one scene stands with the Cinematographer."""

    status: SceneStatus = "draft"
    frame: str = ""  # the shot's image file, once shot
    note: str = ""  # why it was rejected
