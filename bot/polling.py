"""Long polling that confirms an update to Telegram only after its effects are committed.

PTB's stock Updater confirms updates as soon as it fetches them. Here the next getUpdates
offset moves past an update only once its handler finished; a redelivered update is a no-op
thanks to the engine's receipts, so a crash at any moment loses nothing and doubles nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import timedelta

from telegram import Update
from telegram.error import NetworkError, RetryAfter, TimedOut
from telegram.ext import Application

from bot.services import Services

log = logging.getLogger(__name__)

MAX_BACKOFF = 30.0


# Commands that add entries or only read: they keep their author's order but need not wait
# for other people's entries (a map asked for mid-burst shows the workshop as it is then).
LANE_COMMANDS = frozenset({"add", "map", "status", "actions", "export", "help", "workshops",
                           "mydata"})


def lane_of(update: Update) -> str | None:
    """Which lane an entry or a reading command runs in (its author); None if it steers.

    Steering commands, buttons, files and edits may change a workshop's step or answer a
    question whose meaning depends on what came before, so they keep Telegram's strict order.
    """
    message = update.message
    if message is None or not message.text or message.from_user is None:
        return None
    if message.text.startswith("/"):
        words = message.text[1:].split(maxsplit=1)
        name = words[0].split("@", 1)[0].lower() if words else ""
        if name not in LANE_COMMANDS:
            return None
    return f"u{message.from_user.id}"


async def _run_lane(app: Application, svc: Services, lane: list[Update]) -> int | None:
    """Process one author's entries in order; stop at the first failure and return its id."""
    for update in lane:
        await app.process_update(update)
        if update.update_id in svc.failed:
            return update.update_id
    return None


async def process_batch(app: Application, svc: Services,
                        updates: list[Update]) -> int | None:
    """Process updates in Telegram's order; stop at the first failure and return its id.

    Strict order matters: a member's private entry sent just before the facilitator's /next
    in the group must land in the step it was written for. On SQLite an engine call takes
    well under a millisecond on the loop, so updates simply run one by one. On PostgreSQL
    every call waits on the network: consecutive plain-text entries then run in one lane per
    author, lanes concurrently, and anything that steers waits until they are all done and
    runs alone. An entry after a failed one may already be stored when the batch is fetched
    again; the engine's receipts make that redelivery a no-op.
    """
    if svc.inline_ok:
        for update in updates:
            await app.process_update(update)
            if update.update_id in svc.failed:
                svc.failed.clear()
                return update.update_id
        return None
    lanes: dict[str, list[Update]] = {}
    for update in updates:
        lane = lane_of(update)
        if lane is not None:
            lanes.setdefault(lane, []).append(update)
            continue
        failed = await _run_lanes(app, svc, lanes)
        if failed is None:
            failed = await _run_lane(app, svc, [update])
        if failed is not None:
            svc.failed.clear()
            return failed
    failed = await _run_lanes(app, svc, lanes)
    svc.failed.clear()
    return failed


async def _run_lanes(app: Application, svc: Services,
                     lanes: dict[str, list[Update]]) -> int | None:
    """Run the collected lanes concurrently and empty them; the lowest failed id, if any."""
    if not lanes:
        return None
    results = await asyncio.gather(*(_run_lane(app, svc, lane) for lane in lanes.values()))
    lanes.clear()
    return min((r for r in results if r is not None), default=None)


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
