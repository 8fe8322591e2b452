"""The page's live part, rendered once per workshop version and language, off the loop.

Reading the workshop is a database read in a thread; drawing the SVGs runs in the bot's
render pool (bot/render_pool.py). A cache keyed by (workshop, version) makes a page for an
unchanged workshop cost one look-up, and concurrent requests for a version still being
rendered wait for the same render.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from cjworkflow.snapshot import WorkshopSnapshot
from cjworkflow.web import page

CACHED = 32  # parts kept (a big map's part is a few MB)



@dataclass(frozen=True)
class Rendered:
    """A live part and what the page around it needs to know."""

    workshop_id: int
    version: int
    title: str
    language: str
    html: str


Render = Callable[[Callable[[WorkshopSnapshot], str], WorkshopSnapshot], Awaitable[str]]


async def in_thread(fn: Callable[[WorkshopSnapshot], str], snap: WorkshopSnapshot) -> str:
    """Render in a thread (when the bot has no render pool, as in some tests)."""
    return await asyncio.to_thread(fn, snap)


class PartCache:
    """(workshop id, version) -> the live part's HTML."""

    def __init__(self, render: Render = in_thread, size: int = CACHED) -> None:
        self.render = render
        self.size = size
        self.parts: OrderedDict[tuple[int, int], Rendered] = OrderedDict()
        self.pending: dict[tuple[int, int], asyncio.Future[Rendered]] = {}
        self.renders = 0

    def cached(self, workshop_id: int, version: int) -> Rendered | None:
        """The part for this version when it was rendered already."""
        key = (workshop_id, version)
        part = self.parts.get(key)
        if part is not None:
            self.parts.move_to_end(key)
        return part

    async def part(self, snap: WorkshopSnapshot) -> Rendered:
        """The part for snap's version: cached, being rendered, or rendered now."""
        key = (snap.id, snap.version)
        found = self.cached(*key)
        if found is not None:
            return found
        waiting = self.pending.get(key)
        if waiting is not None:
            return await asyncio.shield(waiting)
        future: asyncio.Future[Rendered] = asyncio.get_running_loop().create_future()
        self.pending[key] = future
        try:
            self.renders += 1
            html = await self.render(page.fragment, snap)
            done = Rendered(snap.id, snap.version, snap.title, snap.language, html)
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
