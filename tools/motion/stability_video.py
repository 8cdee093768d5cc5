"""Motion from Stability's image-to-video (Stable Video Diffusion), where the account has it:
`POST /v2beta/image-to-video` (multipart: the image, seed, cfg_scale, motion_bucket_id) answers an id;
`GET /v2beta/image-to-video/result/{id}` with `Accept: video/*` answers 202 while it runs and the MP4 when
done. The image must be 1024x576, 576x1024 or 768x768, so the frame is fitted to the nearest of those.
Clips are a few seconds long; the Editor stretches them to the scene."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from PIL import Image, ImageOps
from tenacity import Retrying, retry_if_result, stop_after_delay, wait_fixed

from settings import Settings
from tools.cloud import prices, services
from tools.cloud.http import CloudError
from tools.cloud.ledger import Entry, Ledger
from tools.cloud.paid import paid_once
from tools.motion.base import MotionError, MotionRequest

SIZES = ((1024, 576), (576, 1024), (768, 768))
MAX_WAIT = 600
CLIP_SECONDS = 4.0  # about what one generation gives


def input_image(request: MotionRequest) -> bytes:
    ratio = request.width / request.height
    size = min(SIZES, key=lambda wh: abs(wh[0] / wh[1] - ratio))
    with Image.open(request.image) as picture:
        fitted = ImageOps.fit(picture.convert("RGB"), size, Image.Resampling.LANCZOS)
    out = io.BytesIO()
    fitted.save(out, format="PNG")
    return out.getvalue()


class StabilityMotion:
    name = "stability"
    takes_last_frame = False

    def __init__(self, settings: Settings, ledger: Ledger) -> None:
        self.service, self.ledger, self.poll = services.stability(settings), ledger, settings.cloud_poll

    def cost(self, request: MotionRequest) -> float:
        return prices.video_price("stability:image-to-video", CLIP_SECONDS)

    def animate(self, request: MotionRequest) -> Path:
        if not self.service.key:
            raise MotionError("Stability: STABILITY_API_KEY is not set")
        image = input_image(request)
        form = {"seed": str(request.seed % 4_294_967_294), "cfg_scale": "1.8", "motion_bucket_id": "127"}
        cache = self.ledger.paid_file("stability:image-to-video", [form, hashlib.sha256(image).hexdigest()], ".mp4")
        entry = Entry(self.name, "video", CLIP_SECONDS, "seconds", self.cost(request), cache.name)

        def make() -> bytes:
            files = {"image": ("frame.png", image, "image/png"), **{k: (None, v) for k, v in form.items()}}
            started = self.service.answer("POST", "v2beta/image-to-video", files=files,
                                          refused=services.stability_refusal)  # fmt: skip
            if not started.get("id"):
                raise CloudError(self.service.name, "started no generation")

            def result() -> bytes | None:
                answer = self.service.request("GET", f"v2beta/image-to-video/result/{started['id']}",
                                              headers={"Accept": "video/*"})  # fmt: skip
                return None if answer.status_code == 202 else answer.content

            polling = Retrying(retry=retry_if_result(lambda r: r is None), wait=wait_fixed(self.poll),
                               stop=stop_after_delay(MAX_WAIT))  # fmt: skip
            try:
                clip = polling(result)
            except CloudError:
                raise
            except Exception:
                raise CloudError(self.service.name, f"did not finish the clip within {MAX_WAIT} s") from None
            if not clip:
                raise CloudError(self.service.name, "sent an empty clip")
            return bytes(clip)

        try:
            paid_once(cache, self.ledger, entry, make)
        except CloudError as err:
            raise MotionError(str(err)) from None
        return cache
