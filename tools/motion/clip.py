"""A generated clip made fit for the film: the film's frame rate and size (cropped from the middle), no
sound. The render then plays it for the scene's length, slowed or held on its last frame if short."""

from __future__ import annotations

from pathlib import Path

from tools.files import written
from tools.motion.base import MotionError
from tools.render.probe import video_frames
from tools.render.run import run_ffmpeg


def fit_clip(raw: Path, width: int, height: int, fps: int, path: Path) -> int:
    """Write the fitted clip to `path` (once) and return how many frames it holds."""
    if not path.exists():
        with written(path) as tmp:
            try:
                run_ffmpeg(["-hide_banner", "-loglevel", "error", "-y", "-i", str(raw), "-an", "-vf",
                            f"fps={fps},scale={width}:{height}:force_original_aspect_ratio=increase,"
                            f"crop={width}:{height},setsar=1,format=yuv420p",
                            "-c:v", "libx264", "-preset", "veryfast", "-crf", "18", str(tmp)], raw.parent)  # fmt: skip
            except Exception as err:  # the service sent something ffmpeg cannot read as video
                raise MotionError(f"the clip could not be read as video ({str(err)[:160]})") from None
    frames = video_frames(path)
    if not frames:
        path.unlink(missing_ok=True)
        raise MotionError("the clip holds no video frames")
    return frames
