"""What the bot benchmarks share: waiting for a condition and stopping a bot process."""

from __future__ import annotations

import asyncio
import subprocess
import time
from collections.abc import Callable
from typing import Any


async def until(predicate: Callable[[], Any], timeout: float) -> Any:
    """The first truthy predicate(), polled every 2 ms (the fake answers meanwhile)."""
    deadline = time.monotonic() + timeout
    while not (value := predicate()):
        if time.monotonic() > deadline:
            raise TimeoutError("the bot did not answer in time")
        await asyncio.sleep(0.002)
    return value


async def stop(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM, then SIGKILL after 15 s (the fake keeps answering meanwhile)."""
    proc.terminate()
    deadline = time.monotonic() + 15
    while proc.poll() is None and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    if proc.poll() is None:
        proc.kill()
        proc.wait()
