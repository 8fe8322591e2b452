"""Long polling that confirms an update to Telegram only after its effects are committed.

PTB's stock Updater confirms updates as soon as it fetches them. Here the next getUpdates
offset moves past an update only once its handler finished; a redelivered update is a no-op
thanks to the engine's receipts, so a crash at any moment loses nothing and doubles nothing.
An update that fails while the database or Telegram is away is fetched again until it is
back; one that fails for a reason of its own is tried a few times, then set aside as a dead
letter and confirmed (bot/retries.py, bot/deadletter.py), so it cannot hold up the others.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import timedelta

from telegram import Update
from telegram.error import NetworkError, RetryAfter, TimedOut
from telegram.ext import Application

from bot import deadletter
from bot.services import Services

log = logging.getLogger(__name__)

MAX_BACKOFF = 30.0


async def process_batch(app: Application, svc: Services,
                        updates: list[Update]) -> int | None:
    """Process updates in Telegram's order; stop at the first failure and return the id to
    fetch again from (None: all done). A failure that was set aside as a dead letter is no
    longer one: the updates after it go on.

    Strict order matters: a member's private entry sent just before the facilitator's /next
    in the group must land in the step it was written for. An entry's engine call takes
    about a millisecond on the loop and replies are sent by the deliverer's own tasks, so
    order costs little. (Running different authors' entries concurrently in threads was
    measured slower on PostgreSQL: 300 against 558 entries/s, the GIL hand-offs cost more
    than the overlapped network waits save.) Consecutive hot-path entries share one
    transaction (Services.open_batch): their replies go out once it is committed.
    """
    svc.open_batch()
    try:
        for update in updates:
            if svc.retries.is_buried(update.update_id):
                continue  # set aside already; fetched again only because of an earlier one
            await app.process_update(update)
            if not svc.failed:
                svc.retries.done(update.update_id)
                continue
            # An update that keeps failing is set aside, and the ones after it go on. When
            # entries batched before it were dropped with it, they are fetched again.
            if not await deadletter.settle(app, svc, update) or svc.failed:
                break
        else:
            try:
                await svc.flush()
            except Exception as e:
                log.warning("batched entries not stored (%s)", type(e).__name__)
    finally:
        svc.close_batch()
    if svc.failed:
        first = min(svc.failed)
        svc.failed.clear()
        svc.batching = False
        return first
    svc.batching = True
    return None


async def poll(app: Application, svc: Services, stop: asyncio.Event,
               timeout: int = 30) -> None:
    """Fetch, process, then confirm, until stop is set."""
    offset = 0
    backoff = 1.0
    while not stop.is_set():
        try:
            updates = await app.bot.get_updates(offset=offset, timeout=timeout,
                                                allowed_updates=Update.ALL_TYPES)
        except RetryAfter as e:
            wait = e.retry_after
            await asyncio.sleep(wait.total_seconds() if isinstance(wait, timedelta) else wait)
            continue
        except TimedOut:
            continue
        except NetworkError as e:
            log.warning("getUpdates failed (%s); retrying in %.0f s", e.message, backoff)
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, MAX_BACKOFF)
            continue
        if not updates:
            backoff = 1.0
            continue
        failed = await process_batch(app, svc, list(updates))
        if failed is None:
            offset = updates[-1].update_id + 1
            backoff = 1.0
        elif svc.retries.soon:
            # It failed for a reason of its own: a few quick attempts, then a dead letter.
            offset = failed
            await asyncio.sleep(deadletter.pause(svc.retries.attempts.get(failed, 1)))
        else:
            # Keeps growing while the database is away: a retry per second would flood the log.
            # Everything before the failed update is committed; fetch it (and later) again.
            offset = failed
            log.warning("update %s not processed; fetching it again in %.0f s", failed, backoff)
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, MAX_BACKOFF)
    if offset:
        # Confirm the last processed batch before leaving; nothing new is taken.
        with contextlib.suppress(NetworkError):
            await app.bot.get_updates(offset=offset, timeout=0, limit=1)
