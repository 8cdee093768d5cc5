"""Motion from Runway's API: `POST /v1/image_to_video` (JSON, Bearer key, `X-Runway-Version`), then
`GET /v1/tasks/{id}` until SUCCEEDED (PENDING, THROTTLED and RUNNING mean wait), then the clip from the
signed URL in `output`. gen4_turbo animates from the first frame; gen3a_turbo also takes a last frame
(`promptImage` as a list with positions "first" and "last"), which crewcut sets to where the scene's camera
move ends. Clips are 5 or 10 seconds; the Editor fits them to the scene."""

from __future__ import annotations

import base64
import io
from pathlib import Path
from typing import Any

import httpx
from PIL import Image
from tenacity import Retrying, retry_if_result, stop_after_delay, wait_fixed

from settings import Settings
from tools.cloud import prices, services
from tools.cloud.http import CloudError
from tools.cloud.ledger import Entry, Ledger
from tools.cloud.paid import paid_once
from tools.motion.base import MotionError, MotionRequest

VERSION = "2024-11-06"
RATIOS = {  # model -> (landscape, portrait, square) output sizes it accepts
    "gen4_turbo": ("1280:720", "720:1280", "960:960"),
    "gen3a_turbo": ("1280:768", "768:1280", "1280:768"),
}
LAST_FRAME = {"gen3a_turbo"}  # models that move towards a given last frame
WAITING = {"PENDING", "THROTTLED", "RUNNING"}
MAX_WAIT = 600  # seconds a clip may take before it is given up


def ratio_for(model: str, width: int, height: int) -> str:
    wide, tall, square = RATIOS.get(model, RATIOS["gen4_turbo"])
    if abs(width - height) < 0.1 * max(width, height):
        return square
    return wide if width > height else tall


def data_uri(path: Any, longest: int = 1280) -> str:
    """The frame as a JPEG data URI, small enough for the API's size limit."""
    with Image.open(path) as picture:
        frame = picture.convert("RGB")
        frame.thumbnail((longest, longest))
        out = io.BytesIO()
        frame.save(out, format="JPEG", quality=90)
    return "data:image/jpeg;base64," + base64.b64encode(out.getvalue()).decode()


class RunwayMotion:
    name = "runway"

    def __init__(self, settings: Settings, ledger: Ledger) -> None:
        self.service, self.ledger, self.model = services.runway(settings), ledger, settings.runway_model
        self.poll = settings.cloud_poll
        self.takes_last_frame = self.model in LAST_FRAME

    def seconds(self, request: MotionRequest) -> int:
        return 5 if request.seconds <= 6 else 10

    def cost(self, request: MotionRequest) -> float:
        return prices.video_price(f"runway:{self.model}", self.seconds(request))

    def body(self, request: MotionRequest) -> dict[str, Any]:
        image: Any = data_uri(request.image)
        if self.takes_last_frame and request.last_image is not None:
            image = [{"uri": image, "position": "first"}, {"uri": data_uri(request.last_image), "position": "last"}]
        return {"model": self.model, "promptImage": image, "promptText": request.prompt[:1000],
                "ratio": ratio_for(self.model, request.width, request.height), "duration": self.seconds(request),
                "seed": request.seed % 4_294_967_295}  # fmt: skip

    def animate(self, request: MotionRequest) -> Path:
        if not self.service.key:
            raise MotionError("Runway: RUNWAYML_API_SECRET is not set")
        body = self.body(request)
        cache = self.ledger.paid_file(f"runway:{self.model}", body, ".mp4")
        entry = Entry(self.name, "video", body["duration"], "seconds", self.cost(request), cache.name)
        headers = {"X-Runway-Version": VERSION}

        def make() -> bytes:
            task = self.service.answer("POST", "v1/image_to_video", json=body, headers=headers)
            if not task.get("id"):
                raise CloudError(self.service.name, "started no task")
            done = self._wait(str(task["id"]), headers)
            outputs = done.get("output") or []
            if not outputs:
                raise CloudError(self.service.name, "finished without a clip")
            # The clip is on a signed URL elsewhere: fetched without the key, which is only for Runway's API.
            return self.service.run(lambda: self.service.check(httpx.get(str(outputs[0]), timeout=self.service.timeout,
                                                                         follow_redirects=True))).content  # fmt: skip

        try:
            paid_once(cache, self.ledger, entry, make)
        except CloudError as err:
            raise MotionError(str(err)) from None
        return cache

    def _wait(self, task: str, headers: dict[str, str]) -> dict[str, Any]:
        def status() -> dict[str, Any]:
            answer = self.service.answer("GET", f"v1/tasks/{task}", headers=headers)
            if "status" not in answer:
                raise CloudError(self.service.name, "answered a task poll with something unreadable")
            return answer

        polling = Retrying(retry=retry_if_result(lambda t: t.get("status") in WAITING),
                           wait=wait_fixed(self.poll), stop=stop_after_delay(MAX_WAIT),
                           reraise=True)  # fmt: skip
        try:
            answer = polling(status)
        except Exception as err:  # tenacity's RetryError: still running when the time ran out
            if isinstance(err, CloudError):
                raise
            raise CloudError(self.service.name, f"did not finish the clip within {MAX_WAIT} s") from None
        if answer.get("status") != "SUCCEEDED":
            code = str(answer.get("failureCode", ""))
            why = answer.get("failure") or code or answer.get("status")
            raise CloudError(self.service.name, f"could not make the clip ({why})", refused=code.startswith("SAFETY"))
        return answer
