"""Telegram's send limits, kept before we are told: 20 messages/min per group, 30/s overall."""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict, deque
from collections.abc import Callable


class Window:
    """At most `limit` events per `period` seconds (a sliding window)."""

    def __init__(self, limit: int, period: float, clock: Callable[[], float]) -> None:
        self.limit = limit
        self.period = period
        self.clock = clock
        self.events: deque[float] = deque()

    def wait_time(self) -> float:
        """Seconds until one more event fits (0 when it fits now)."""
        now = self.clock()
        while self.events and now - self.events[0] >= self.period:
            self.events.popleft()
        if len(self.events) < self.limit:
            return 0.0
        return self.period - (now - self.events[0])

    def record(self) -> None:
        """Count one event now."""
        self.events.append(self.clock())


class Throttle:
    """Waits as long as needed before a message goes out to a chat."""

    def __init__(self, *, group_per_minute: int = 20, overall_per_second: int = 30,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.overall = Window(overall_per_second, 1.0, clock)
        self.groups: dict[int, Window] = defaultdict(
            lambda: Window(group_per_minute, 60.0, clock))

    async def message(self, chat_id: int) -> None:
        """Wait until a new message to chat_id is within every limit, then count it."""
        while True:
            wait = self.overall.wait_time()
            if chat_id < 0:  # groups and supergroups have negative ids
                wait = max(wait, self.groups[chat_id].wait_time())
            if wait <= 0:
                break
            await asyncio.sleep(wait)
        self.overall.record()
        if chat_id < 0:
            self.groups[chat_id].record()

    async def call(self) -> None:
        """Edits, reactions and answers: not messages, so no message budget applies.

        Edits are limited where they are made (one per chat per CARD_EDIT_SECONDS);
        anything Telegram still refuses comes back as a 429 and is waited out.
        """
