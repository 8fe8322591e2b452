"""Render functions for tests only: run in a render worker process (so importable by name)."""

from __future__ import annotations

import os
import resource
import signal
import time
from pathlib import Path

from cjworkflow.messages import Attachment
from cjworkflow.outputs.produce import Produced, produce
from cjworkflow.snapshot import WorkshopSnapshot


def pid(_: object) -> int:
    """The worker's process id."""
    return os.getpid()


def die(_: object) -> int:
    """Kill the worker running this, as the kernel's OOM killer would."""
    os.kill(os.getpid(), signal.SIGKILL)
    return 0  # pragma: no cover - never reached


def slow_pid(seconds: float) -> int:
    """The worker's process id, after seconds of work."""
    time.sleep(seconds)
    return os.getpid()


def hang_while(flag: str) -> int:
    """Hang for an hour if the file flag exists (removing it first); else the process id."""
    if os.path.exists(flag):
        os.unlink(flag)
        time.sleep(3600)
    return os.getpid()


def hang_once(flag: str, att: Attachment) -> Produced:
    """Hang for an hour while the file flag exists (removing it first), else render."""
    path = Path(flag)
    if path.exists():
        path.unlink()
        time.sleep(3600)
    return produce(att)


def fail_once(flag: str, att: Attachment) -> Produced:
    """Raise while the file flag exists (removing it first), as a renderer's bug would."""
    path = Path(flag)
    if path.exists():
        path.unlink()
        raise ValueError("a renderer bug")
    return produce(att)


def peak_rss_mb(snap: WorkshopSnapshot, kinds: tuple[str, ...]) -> float:
    """Produce each kind of file, then this worker's peak resident memory in MB."""
    for kind in kinds:
        produce(Attachment(kind, snap, snap.language))
    # VmHWM is this process's own peak: ru_maxrss survives exec, so a worker started by a big
    # parent (the whole test suite) would report the parent's size.
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
