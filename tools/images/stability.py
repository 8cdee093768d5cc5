"""Frames from Stability AI's Stable Image REST API (v2beta): core, ultra or sd3, chosen by a setting.

`POST /v2beta/stable-image/generate/{engine}` as multipart form fields, `Authorization: Bearer KEY`,
`Accept: image/*`: the answer is the image itself, with a `finish-reason` header that is CONTENT_FILTERED
when the safety filter blurred it (a refusal: the frame falls back). Errors come as JSON
`{"name": ..., "errors": [...]}`. The film's aspect ratio maps to the nearest one the API draws."""

from __future__ import annotations

from pathlib import Path

from settings import Settings
from tools.cloud import prices, services
from tools.cloud.ledger import Entry, Ledger
from tools.cloud.paid import paid_once
from tools.images.base import FrameRequest, ImageError
from tools.images.fit import fitted_png

RATIOS = {"16:9": 16 / 9, "1:1": 1.0, "21:9": 21 / 9, "2:3": 2 / 3, "3:2": 3 / 2, "4:5": 4 / 5, "5:4": 5 / 4,
          "9:16": 9 / 16, "9:21": 9 / 21}  # fmt: skip
MAX_PROMPT = 10_000


def aspect_ratio(width: int, height: int) -> str:
    """The ratio Stability draws that is closest to the frame's."""
    return min(RATIOS, key=lambda name: abs(RATIOS[name] - width / height))


class StabilityImages:
    name = "stability"
    local = False  # waits on the network: frames are drawn in threads, not processes
    takes_references = False  # Stable Image's generate endpoints take a prompt alone

    def __init__(self, settings: Settings, ledger: Ledger) -> None:
        self.service, self.ledger = services.stability(settings), ledger
        self.engine = settings.stability_engine
        self.model = settings.stability_sd3_model if self.engine == "sd3" else self.engine
        self.price = prices.image_price(f"stability:{self.model}")

    @property
    def version(self) -> str:
        """What, besides the request, decides the picture: part of the frame's cache name."""
        return f"{self.name}:{self.model}"

    def cost(self, request: FrameRequest) -> float:
        return self.price

    def fields(self, request: FrameRequest) -> dict[str, tuple[None, str]]:
        form = {"prompt": request.prompt[:MAX_PROMPT], "aspect_ratio": aspect_ratio(request.width, request.height),
                "output_format": "png", "seed": str(request.seed % 4_294_967_294)}  # fmt: skip
        if self.engine == "sd3":
            form["model"] = self.model
        return {k: (None, v) for k, v in form.items()}  # multipart fields without file names

    def generate(self, request: FrameRequest, path: Path) -> Path:
        if not self.service.key:
            raise ImageError("Stability: STABILITY_API_KEY is not set")
        form = self.fields(request)
        cache = self.ledger.paid_file(self.version, {k: v[1] for k, v in form.items()}, ".png")
        entry = Entry(self.name, "image", 1, "images", self.price, cache.name)

        def draw() -> bytes:
            answer = self.service.request("POST", f"v2beta/stable-image/generate/{self.engine}",
                                          headers={"Accept": "image/*"}, files=form,
                                          refused=services.stability_refusal)  # fmt: skip
            return answer.content

        data = paid_once(cache, self.ledger, entry, draw)
        return fitted_png(data, request.width, request.height, path, cache, "Stability")
