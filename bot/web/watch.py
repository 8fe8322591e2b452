"""Tells open pages that their workshop changed: one cheap query for all of them.

The workshop's version is bumped on every change (in this process or another behind the
same database), so one poll of the watched workshops' versions every INTERVAL seconds, in a
thread, wakes every page whose workshop moved on. Pages only wait on an asyncio.Event.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable

log = logging.getLogger(__name__)

INTERVAL = 0.5


class VersionWatch:
    """Workshop id -> the events of the pages that show it; polls while any page is open."""

    def __init__(self, versions: Callable[[list[int]], dict[int, int]],
                 interval: float = INTERVAL) -> None:
        self.read_versions = versions
        self.interval = interval
        self.pages: dict[int, set[asyncio.Event]] = {}
        self.versions: dict[int, int] = {}
        self.task: asyncio.Task[None] | None = None

    def watch(self, workshop_id: int) -> asyncio.Event:
        """An event set whenever the workshop's version changes (or it is gone)."""
        event = asyncio.Event()
        self.pages.setdefault(workshop_id, set()).add(event)
        if self.task is None or self.task.done():
            self.task = asyncio.create_task(self._run())
        return event

    def unwatch(self, workshop_id: int, event: asyncio.Event) -> None:
        """The page closed."""
        events = self.pages.get(workshop_id)
        if events is not None:
            events.discard(event)
            if not events:
                del self.pages[workshop_id]
                self.versions.pop(workshop_id, None)

    @property
    def open_pages(self) -> int:
        """How many pages are watching."""
        return sum(len(events) for events in self.pages.values())

    async def _run(self) -> None:
        while self.pages:
            try:
                found = await asyncio.to_thread(self.read_versions, list(self.pages))
            except Exception as e:  # the database is away: pages keep waiting, we retry
                log.warning("web view: versions not read (%s)", type(e).__name__)
                await asyncio.sleep(self.interval * 4)
                continue
            for wid, events in list(self.pages.items()):
                version = found.get(wid, -1)
                if self.versions.get(wid) != version:
                    self.versions[wid] = version
                    for event in events:
                        event.set()
            await asyncio.sleep(self.interval)

    async def close(self) -> None:
        """Stop polling."""
        if self.task is not None:
            self.task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.task
