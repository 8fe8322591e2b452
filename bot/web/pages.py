"""The page of a workshop version, rendered once, off the loop, and kept compressed.

Reading the workshop is a database read in a thread; drawing the SVGs, wrapping and
compressing the page runs in the bot's render pool (bot/render_pool.py). A cache keyed by
(workshop, version) makes a page for an unchanged workshop cost one look-up, and concurrent
requests for a version still being rendered wait for the same render.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Awaitable, Callable

from cjworkflow.snapshot import WorkshopSnapshot
from cjworkflow.web.document import Packed, packed

CACHED = 32  # versions kept (the largest workshop's page is about 1 MB compressed)

Render = Callable[[Callable[[WorkshopSnapshot], Packed], WorkshopSnapshot], Awaitable[Packed]]


async def in_thread(fn: Callable[[WorkshopSnapshot], Packed], snap: WorkshopSnapshot) -> Packed:
    """Render in a thread (when the bot has no render pool, as in some tests)."""
    return await asyncio.to_thread(fn, snap)


class PartCache:
    """(workshop id, version) -> its packed page."""

    def __init__(self, render: Render = in_thread, size: int = CACHED) -> None:
        self.render = render
        self.size = size
        self.parts: OrderedDict[tuple[int, int], Packed] = OrderedDict()
        self.pending: dict[tuple[int, int], asyncio.Future[Packed]] = {}
        self.renders = 0

    def cached(self, workshop_id: int, version: int) -> Packed | None:
        """The page of this version when it was rendered already."""
        key = (workshop_id, version)
        found = self.parts.get(key)
        if found is not None:
            self.parts.move_to_end(key)
        return found

    async def part(self, snap: WorkshopSnapshot) -> Packed:
        """The page of snap's version: cached, being rendered, or rendered now."""
        key = (snap.id, snap.version)
        found = self.cached(*key)
        if found is not None:
            return found
        waiting = self.pending.get(key)
        if waiting is not None:
            return await asyncio.shield(waiting)
        future: asyncio.Future[Packed] = asyncio.get_running_loop().create_future()
        self.pending[key] = future
        try:
            self.renders += 1
            done = await self.render(packed, snap)
            future.set_result(done)
        except BaseException as e:
            future.set_exception(e)
            future.exception()  # retrieved: nobody else may be waiting
            raise
        finally:
            del self.pending[key]
        self.parts[key] = done
        while len(self.parts) > self.size:
            self.parts.popitem(last=False)
        return done
