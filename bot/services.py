"""What the handlers share: the engine, the deliverer, and who the bot is."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from dataclasses import dataclass, field
from typing import Any

from telegram.ext import Application, ContextTypes

from bot.delivery import Deliverer
from bot.ingest import Origin
from bot.retries import Retries
from cjworkflow.flow.batch import EntryBatch
from cjworkflow.flow.engine import WorkshopEngine
from cjworkflow.messages import Reply


@dataclass
class Services:
    """The bot's collaborators, kept in application.bot_data."""

    engine: WorkshopEngine
    deliverer: Deliverer
    bot_id: int = 0
    username: str = ""
    # Updates whose processing failed before commit: they must be fetched again.
    failed: set[int] = field(default_factory=set)
    # Why they failed and how often: bounds the attempts of an update that always fails.
    retries: Retries = field(default_factory=Retries)
    # Views running beside the updates that follow (kept: the loop holds tasks weakly).
    views: set[asyncio.Task[None]] = field(default_factory=set)
    # While polling processes a batch of updates: the hot-path entries stored so far in one
    # transaction, and their replies (update id, replies, origin), sent once it commits.
    batch: EntryBatch | None = None
    batched: list[tuple[int, list[Reply], Origin]] = field(default_factory=list)
    # Off after a failed batch: its updates come again and are then handled one by one, so
    # an update that always fails cannot keep the entries before it from being stored.
    batching: bool = True

    def open_batch(self) -> None:
        """Let hot-path entries share a transaction until close_batch()."""
        self.batch = EntryBatch(self.engine) if self.batching else None

    async def flush(self) -> None:
        """Commit the batched entries, then send their replies; on failure nothing of the
        batch is stored, and its first update must be fetched again (noted in failed)."""
        if self.batch is None:
            return
        waiting, self.batched = self.batched, []
        try:
            self.batch.commit()
        except Exception:
            if waiting:
                self.failed.add(waiting[0][0])
            raise
        for _, replies, origin in waiting:
            await self.deliverer.deliver(replies, origin)

    async def flush_before(self, update_id: int) -> None:
        """flush() before handling an update that is no entry; when it fails, that update is
        fetched again too (neither is done)."""
        try:
            await self.flush()
        except Exception:
            self.failed.add(update_id)
            raise

    def drop_batch(self) -> None:
        """An entry of the batch failed: none of it is stored; fetch it again from its first."""
        if self.batched:
            self.failed.add(self.batched[0][0])
        self.batched = []
        if self.batch is not None:
            self.batch.rollback()

    def close_batch(self) -> None:
        """End batching for this run of updates (what is not committed by now is dropped)."""
        self.drop_batch()
        self.batch = None

    def detach(self, work: Coroutine[Any, Any, None]) -> None:
        """Run work beside the updates that follow."""
        task = asyncio.create_task(work)
        self.views.add(task)
        task.add_done_callback(self.views.discard)

    async def settle(self, timeout: float = 30.0) -> None:
        """Wait for the views still running (before the deliverer drains); cancel stragglers."""
        if not self.views:
            return
        _, late = await asyncio.wait(set(self.views), timeout=timeout)
        for task in late:
            task.cancel()  # a view waiting for a database that stays away
        if late:
            await asyncio.wait(late)


KEY = "cjbot.services"


def of(context: ContextTypes.DEFAULT_TYPE) -> Services:
    """The services from a handler's context."""
    services: Services = context.bot_data[KEY]
    return services


def attach(app: Application, services: Services) -> None:
    """Make services available to every handler."""
    app.bot_data[KEY] = services
