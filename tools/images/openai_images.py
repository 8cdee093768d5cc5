"""Frames from OpenAI's image API through the openai SDK: gpt-image-1 (or dall-e-3), model a setting.

The frame's shape picks the nearest size the model draws (square, landscape or portrait); the picture is
then cropped to the film's frame. A refusal by OpenAI's safety system (400, code moderation_blocked or
content_policy_violation) is not retried: the frame falls back to an animatic panel."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from settings import Settings
from tools.cloud import openai_sdk, prices, services
from tools.cloud.http import CloudError
from tools.cloud.ledger import Entry, Ledger
from tools.cloud.paid import paid_once
from tools.images.base import FrameRequest, ImageError
from tools.images.fit import fitted_png

SIZES = {  # model -> (square, landscape, portrait)
    "gpt-image-1": ("1024x1024", "1536x1024", "1024x1536"),
    "dall-e-3": ("1024x1024", "1792x1024", "1024x1792"),
}
QUALITY = {  # the quality a setting names, as each model spells it
    "gpt-image-1": {"low": "low", "medium": "medium", "high": "high", "standard": "medium", "hd": "high"},
    "dall-e-3": {"low": "standard", "medium": "standard", "high": "hd", "standard": "standard", "hd": "hd"},
}
MAX_PROMPT = {"gpt-image-1": 32_000, "dall-e-3": 4_000}
REFERENCES = {"gpt-image-1"}  # models that draw from reference pictures (the edits endpoint, up to 16 images)
MAX_REFERENCES = 16


def size_for(model: str, width: int, height: int) -> str:
    square, wide, tall = SIZES.get(model, SIZES["gpt-image-1"])
    if abs(width - height) < 0.1 * max(width, height):
        return square
    return wide if width > height else tall


class OpenAIImages:
    name = "openai"
    local = False

    def __init__(self, settings: Settings, ledger: Ledger) -> None:
        self.service, self.ledger = services.openai_media(settings), ledger
        self.model = settings.openai_image_model
        self.quality = QUALITY.get(self.model, QUALITY["gpt-image-1"])[settings.openai_image_quality]
        self.takes_references = self.model in REFERENCES

    @property
    def version(self) -> str:
        return f"{self.name}:{self.model}:{self.quality}"

    def price(self, size: str) -> float:
        wide = "" if size.split("x")[0] == size.split("x")[1] else ":wide"
        return prices.image_price(f"openai:{self.model}:{self.quality}{wide}")

    def cost(self, request: FrameRequest) -> float:
        return self.price(size_for(self.model, request.width, request.height))

    def arguments(self, request: FrameRequest) -> dict[str, object]:
        size = size_for(self.model, request.width, request.height)
        args: dict[str, object] = {"model": self.model, "prompt": request.prompt[: MAX_PROMPT.get(self.model, 4000)],
                                   "size": size, "quality": self.quality, "n": 1}  # fmt: skip
        if self.model == "dall-e-3":
            args["response_format"] = "b64_json"  # gpt-image-1 always answers in base64
        return args

    def generate(self, request: FrameRequest, path: Path) -> Path:
        if not self.service.key:
            raise ImageError("OpenAI: OPENAI_API_KEY is not set")
        args = self.arguments(request)
        pictures = [Path(p) for p in request.references[:MAX_REFERENCES]] if self.takes_references else []
        try:
            sent = [(p.name, p.read_bytes(), "image/png" if p.suffix.lower() == ".png" else "image/jpeg")
                    for p in pictures]  # fmt: skip
        except OSError as err:
            raise ImageError(f"a character's reference picture cannot be read ({err})") from None
        digests = [hashlib.sha256(data).hexdigest() for _, data, _ in sent]
        cache = self.ledger.paid_file(self.version, {**args, "references": digests} if sent else args, ".png")
        entry = Entry(self.name, "image", 1, "images", self.price(str(args["size"])), cache.name)
        client = openai_sdk.client(self.service)

        def draw() -> bytes:
            if sent:  # the characters' pictures go with the prompt: they look the same in every frame
                answer = openai_sdk.call(self.service, lambda: client.images.edit(image=sent, **args))
            else:
                answer = openai_sdk.call(self.service, lambda: client.images.generate(**args))
            encoded = answer.data[0].b64_json if answer.data else None
            if not encoded:
                raise CloudError(self.service.name, "answered without an image")
            try:
                return base64.b64decode(encoded, validate=True)
            except ValueError:
                raise CloudError(self.service.name, "sent an image that is not valid base64") from None

        data = paid_once(cache, self.ledger, entry, draw)
        return fitted_png(data, request.width, request.height, path, cache, "OpenAI")
