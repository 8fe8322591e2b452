"""What the handlers share: the engine, the deliverer, and who the bot is."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from dataclasses import dataclass, field
from typing import Any

from telegram.ext import Application, ContextTypes

from bot.delivery import Deliverer
from cjworkflow.engine import WorkshopEngine


@dataclass
class Services:
    """The bot's collaborators, kept in application.bot_data."""

    engine: WorkshopEngine
    deliverer: Deliverer
    bot_id: int = 0
    username: str = ""
    # Updates whose processing failed before commit: they must be fetched again.
    failed: set[int] = field(default_factory=set)
    # Views running beside the updates that follow (kept: the loop holds tasks weakly).
    views: set[asyncio.Task[None]] = field(default_factory=set)

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
