"""What the bot benchmarks share: waiting for a condition and stopping a bot process."""

from __future__ import annotations

import asyncio
import subprocess
import time
from collections import Counter
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


class Tally:
    """The fake's successful calls by method and chat, counted as they are recorded.

    Waiting loops ask every 2 ms, in the fake's own process: scanning all recorded calls each
    time grew with the run (thousands of calls) and took up to a third of the fake's loop,
    which then answered the bots late. This reads only the calls added since the last look.
    """

    def __init__(self, fake: Any) -> None:
        self.fake = fake
        self.seen = 0
        self.counts: Counter[tuple[str, int | None]] = Counter()

    def __call__(self, method: str, chat: int | None = None) -> int:
        """How many `method` calls succeeded so far (in `chat`, if given)."""
        calls = self.fake.calls
        for i in range(self.seen, len(calls)):
            call = calls[i]
            if call.status == 200:
                name = call.method.lower()
                self.counts[(name, None)] += 1
                if isinstance(call.chat_id, int):
                    self.counts[(name, call.chat_id)] += 1
        self.seen = len(calls)
        return self.counts[(method.lower(), chat)]


async def stop(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM, then SIGKILL after 15 s (the fake keeps answering meanwhile)."""
    proc.terminate()
    deadline = time.monotonic() + 15
    while proc.poll() is None and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    if proc.poll() is None:
        proc.kill()
        proc.wait()
