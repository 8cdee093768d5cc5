"""Child processes that die with crewcut: frame workers and ffmpeg never outlive a killed parent.

A crash or the OOM killer kills crewcut's main process alone, not its process group. Children that lived
on would hold CPU, keep writing into the project, and (with an inherited lock) keep it busy forever."""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path
from typing import Any

PR_SET_PDEATHSIG = 1  # linux/prctl.h: the signal a child gets when the thread that forked it dies
_LIBC = ctypes.CDLL(None, use_errno=True) if sys.platform.startswith("linux") else None


def _exit_with(crewcut: int) -> None:
    """In a pool worker: end the moment the crewcut that wanted it is gone (the worker would otherwise wait
    on its call queue for ever). A worker's parent is the forkserver, and the forkserver lives as long as
    any worker does, so each watches crewcut itself (and its own parent) by polling."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent and alive(crewcut):
            time.sleep(0.1)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


# Workers start from a forkserver, a clean process with the drawing code preloaded, never by forking
# crewcut itself: crewcut has threads (the studio's, onnxruntime's and Chroma's for memory), and a fork
# taken while one of them holds a lock (an import lock, an allocator's) leaves the child waiting for ever.
_WORKERS = multiprocessing.get_context("forkserver")
_WORKERS.set_forkserver_preload(["agents.cinematographer", "tools.images.animatic"])


def worker_pool(jobs: int) -> ProcessPoolExecutor:
    """Processes for CPU-bound Python work (Pillow holds the GIL) that end with the process that made them."""
    return ProcessPoolExecutor(max_workers=max(1, jobs), mp_context=_WORKERS, initializer=_exit_with,
                               initargs=(os.getpid(),))  # fmt: skip


def alive(pid: int) -> bool:
    """Whether the process is still running; a zombie (dead, not yet reaped: containers whose first process
    reaps nobody keep them) has stopped writing for good."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True  # no /proc (not Linux): alive as far as can be told
    return state not in ("Z", "X")


def _die_with_parent(parent: int) -> None:  # runs in the child between fork and exec
    if _LIBC is not None:
        _LIBC.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the death signal was armed
        os._exit(1)


def run_child(argv: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """subprocess.run for the programs crewcut runs (ffmpeg): killed with crewcut, and never reading
    crewcut's standard input (`yes q | crewcut render` would otherwise type into ffmpeg)."""
    parent = os.getpid()
    return subprocess.run(argv, stdin=subprocess.DEVNULL, preexec_fn=lambda: _die_with_parent(parent),
                          text=True, check=False, **kwargs)  # fmt: skip


def popen_child(argv: list[str], **kwargs: Any) -> subprocess.Popen[bytes]:
    """A long-lived child (a local server) with the same guarantees as run_child."""
    parent = os.getpid()
    return subprocess.Popen(argv, stdin=subprocess.DEVNULL, preexec_fn=lambda: _die_with_parent(parent), **kwargs)


def thread_pool(jobs: int) -> ThreadPoolExecutor:
    """Threads for work that waits on a service: a few calls in flight per core cost nothing here."""
    return ThreadPoolExecutor(max_workers=max(2, 2 * jobs))
