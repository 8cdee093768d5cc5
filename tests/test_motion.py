"""Camera moves as a person sees them: a pan advances exactly one pixel every frame, a zoom keeps its centre."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
from PIL import Image

from tools.render.ffmpeg import ffmpeg_path, move_chain
from tools.render.timeline import CAMERA_MOTIONS

W, H, FRAMES = 640, 360, 40


def frames_of(chain: str, image: Path, count: int = FRAMES) -> np.ndarray:
    """Run one move chain and return its frames as grey (FRAMES, H, W) arrays."""
    raw = subprocess.run(
        [str(ffmpeg_path()), "-loglevel", "error", "-i", str(image), "-filter_complex", f"[0:v]{chain},format=gray[v]",
         "-map", "[v]", "-frames:v", str(count), "-fps_mode", "passthrough", "-f", "rawvideo", "-"],
        capture_output=True, check=True,
    ).stdout  # fmt: skip
    return np.frombuffer(raw, np.uint8).reshape(count, H, W).astype(np.float32)


def shift_between(a: np.ndarray, b: np.ndarray, axis: int, reach: int = 4) -> int:
    """How far the content moved from a to b along an axis, in whole pixels (+: toward higher indices)."""
    m = reach + 4
    errors = {s: float(np.abs(np.roll(a, s, axis=axis) - b)[m:-m, m:-m].mean()) for s in range(-reach, reach + 1)}
    return min(errors, key=lambda s: errors[s])


def texture(path: Path) -> Path:
    rng = np.random.default_rng(1)
    noise = rng.integers(0, 255, (H // 8, W // 8), dtype=np.uint8)
    Image.fromarray(noise).resize((W, H), Image.Resampling.BICUBIC).convert("RGB").save(path)
    return path


def test_a_pan_moves_one_whole_pixel_every_frame(tmp_path: Path) -> None:
    frames = frames_of(
        move_chain(CAMERA_MOTIONS["pan-right"], W, H, 0, FRAMES, FRAMES, 30), texture(tmp_path / "t.png")
    )
    steps = [shift_between(frames[i], frames[i + 1], axis=1) for i in range(FRAMES - 1)]
    assert steps == [-1] * (FRAMES - 1)  # the picture slides left as the camera pans right: evenly, never 0 or 2


def test_a_tilt_moves_one_whole_pixel_every_frame(tmp_path: Path) -> None:
    n = 30  # short enough to travel the whole shot (a tilt may travel 10% of 360 px)
    frames = frames_of(move_chain(CAMERA_MOTIONS["tilt-up"], W, H, 0, n, n, 30), texture(tmp_path / "t.png"), n)
    steps = [shift_between(frames[i], frames[i + 1], axis=0) for i in range(n - 1)]
    assert steps == [1] * (n - 1)  # the picture slides down as the camera tilts up


def dots(path: Path) -> Path:
    """White paper with two dark dots on the middle row, a third of the way in from each side."""
    image = Image.new("RGB", (W, H), "white")
    for x in (W // 3, 2 * W // 3):
        image.paste((0, 0, 0), (x - 4, H // 2 - 4, x + 4, H // 2 + 4))
    image.save(path)
    return path


def dot_centres(frame: np.ndarray) -> tuple[float, float]:
    row = 255 - frame[H // 2 - 10 : H // 2 + 10].mean(axis=0)  # darkness along x
    xs = np.arange(W)
    left, right = row[: W // 2], row[W // 2 :]
    return (float((xs[: W // 2] * left).sum() / left.sum()), float((xs[W // 2 :] * right).sum() / right.sum()))


def test_a_push_in_grows_the_picture_about_a_fixed_centre(tmp_path: Path) -> None:
    frames = frames_of(move_chain(CAMERA_MOTIONS["push-in"], W, H, 0, FRAMES, FRAMES, 30), dots(tmp_path / "d.png"))
    (l0, r0), (l1, r1) = dot_centres(frames[0]), dot_centres(frames[-1])
    assert l1 < l0 - 10 and r1 > r0 + 10  # both dots move outward...
    assert abs((l1 + r1) / 2 - (l0 + r0) / 2) < 1.0  # ...by the same amount: the centre stays put
    assert abs((r1 - l1) / (r0 - l0) - 1.14) < 0.02  # and the picture grew by the push-in's zoom


def test_an_encoded_segment_keeps_every_frame_of_the_move(tmp_path: Path) -> None:
    """Through the encoder at 30 fps, not one frame is dropped or repeated (exact timestamps in the plan)."""
    from tools.render.ffmpeg import segment_argv
    from tools.render.timeline import Shot, Timeline, segments

    tl = Timeline(W, H, (Shot(texture(tmp_path / "t.png"), 60, CAMERA_MOTIONS["pan-right"]),), ())
    (segment,) = segments(tl)
    subprocess.run([str(ffmpeg_path()), *segment_argv(tl, segment, "seg.mp4", None)], cwd=tmp_path, check=True)
    raw = subprocess.run(
        [str(ffmpeg_path()), "-loglevel", "error", "-i", str(tmp_path / "seg.mp4"), "-vf", "format=gray",
         "-f", "rawvideo", "-"], capture_output=True, check=True,
    ).stdout  # fmt: skip
    frames = np.frombuffer(raw, np.uint8).reshape(-1, H, W).astype(np.float32)
    assert len(frames) == 60
    # Between the film's fade in and fade out (15 frames each), the pan advances one pixel every frame.
    steps = [shift_between(frames[i], frames[i + 1], axis=1) for i in range(15, 44)]
    assert steps == [-1] * 29
