"""How many video frames an MP4 really holds, read from its boxes (no ffprobe ships with imageio-ffmpeg).

A segment enters the cache, or is reused from it, only if it holds the frames it was planned with: a
truncated file (a killed encoder, a full disk, ffmpeg fed 'q' on its stdin) is never mistaken for a finished one."""

from __future__ import annotations

import struct
from pathlib import Path
from typing import BinaryIO

CONTAINERS = {b"moov", b"trak", b"mdia", b"minf", b"stbl"}


def _boxes(f: BinaryIO, start: int, end: int) -> list[tuple[bytes, int, int]]:
    """(type, payload start, payload end) of the boxes between start and end; [] if they do not tile it."""
    found, at = [], start
    while at < end:
        f.seek(at)
        header = f.read(8)
        if len(header) < 8:
            return []
        size, kind = struct.unpack(">I4s", header)
        body = at + 8
        if size == 1:  # a 64-bit size follows the type
            size = struct.unpack(">Q", f.read(8))[0]
            body += 8
        elif size == 0:  # to the end of the file
            size = end - at
        if size < body - at or at + size > end:
            return []
        found.append((kind, body, at + size))
        at += size
    return found


def video_frames(path: Path) -> int | None:
    """The video track's sample count, or None when the file is missing, truncated or not an MP4."""
    try:
        with open(path, "rb") as f:
            f.seek(0, 2)
            size = f.tell()
            top = _boxes(f, 0, size)
            moov = next(((a, b) for kind, a, b in top if kind == b"moov"), None)
            if moov is None:
                return None
            for kind, a, b in _boxes(f, *moov):
                if kind == b"trak":
                    frames = _track_frames(f, a, b)
                    if frames is not None:
                        return frames
    except (OSError, struct.error):
        return None
    return None


def _track_frames(f: BinaryIO, start: int, end: int) -> int | None:
    """Walk trak -> mdia -> (hdlr, minf -> stbl -> stsz); the count if the handler is 'vide'."""
    handler, count = b"", None
    stack = [(start, end)]
    while stack:
        for kind, a, b in _boxes(f, *stack.pop()):
            if kind in CONTAINERS:
                stack.append((a, b))
            elif kind == b"hdlr":
                f.seek(a + 8)
                handler = f.read(4)
            elif kind == b"stsz":
                f.seek(a + 8)
                count = struct.unpack(">I", f.read(4))[0]
    return count if handler == b"vide" else None
