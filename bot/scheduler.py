"""The periodic tick: claims due reminders, digests and timebox ends, and sends them.

Everything due lives in the database; the tick only asks the engine what is due now
(`WorkshopEngine.due_replies`, one transaction, at-most-once) and hands the replies to the
Deliverer. A restart loses nothing that was not yet claimed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from bot.delivery import Deliverer
from bot.ingest import Origin, chat_id
from cjworkflow.flow.engine import WorkshopEngine
from cjworkflow.messages import Dest, Reply

log = logging.getLogger(__name__)


def origin_of(reply: Reply) -> Origin | None:
    """The chat a tick's reply belongs to (it answers no update); None if it has none."""
    if reply.dest is Dest.PERSON and reply.person_ref:
        return Origin(chat_id=chat_id(reply.person_ref), private=True)
    if reply.chat_ref:
        return Origin(chat_id=chat_id(reply.chat_ref), private=False)
    return None


async def tick(engine: WorkshopEngine, deliverer: Deliverer) -> int:
    """One tick: claim what is due (off the event loop) and queue it; how many replies."""
    replies = await asyncio.to_thread(engine.due_replies)
    sent = 0
    for reply in replies:
        origin = origin_of(reply)
        if origin is None:
            log.info("due reply for workshop %s has no chat; dropped", reply.workshop_id)
            continue
        await deliverer.deliver([reply], origin)
        sent += 1
    return sent


async def run_ticks(engine: WorkshopEngine, deliverer: Deliverer, stop: asyncio.Event,
                    interval: float) -> None:
    """Tick every interval seconds until stop is set; a failing tick is logged, not fatal."""
    while not stop.is_set():
        try:
            await tick(engine, deliverer)
        except Exception:
            log.exception("reminder tick failed")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=interval)
