"""Offline frames: an illustrated storyboard panel drawn from the shot prompt, the way a storyboard artist would.

Sky and light from the time of day and mood, the setting as layered silhouettes, weather, the characters as
figures sized by the shot, the camera move drawn in red pencil, then a paper-and-pencil finish. Each concern
has its own module here; this one only puts them in order."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

from tools.files import written
from tools.images.animatic.canvas import Canvas
from tools.images.animatic.figures import paint_figures
from tools.images.animatic.finish import pencil_finish
from tools.images.animatic.marks import CAMERA_MARKS, paint_label
from tools.images.animatic.reading import read_prompt
from tools.images.animatic.settings import PAINTERS
from tools.images.animatic.sky import paint_sky, paint_weather
from tools.images.base import FrameRequest

EXPOSURE = {"dawn": 0.95, "day": 1.0, "dusk": 0.85, "night": 0.74}  # the light of the hour, over everything


class AnimaticImages:
    """The offline frame backend: deterministic for a given request."""

    name = "animatic"

    def generate(self, request: FrameRequest, path: Path) -> Path:
        # The place is drawn from a seed of the scene alone, the cast from the whole request: recasting or
        # relabelling a shot keeps its landscape, weather and paper grain exactly as they were.
        place = dataclasses.replace(request, figures=(), label="").key(self.name)
        scene = read_prompt(request)
        c = Canvas(request.width, request.height, random.Random(place), request.mood)
        horizon = {"wide": 0.56, "medium": 0.52, "over-the-shoulder": 0.5}.get(request.shot, 0.48)
        if request.camera == "tilt-up":
            horizon += 0.05  # more sky to tilt up into
        if not scene.under_water:
            paint_sky(c, scene, horizon)
        PAINTERS[scene.setting](c, scene, horizon)
        c.rng = random.Random(request.key(self.name))
        paint_figures(c, request, horizon, scene.under_water)
        c.rng = random.Random(place + "weather")
        paint_weather(c, scene)
        CAMERA_MARKS.get(request.camera, CAMERA_MARKS["static"])(c)
        paint_label(c, request)
        image = pencil_finish(c, c.rng.randrange(2**31), EXPOSURE.get(scene.time, 1.0))
        with written(path) as tmp:
            image.save(tmp, compress_level=1)
        return path
