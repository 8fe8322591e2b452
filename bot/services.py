"""What the handlers share: the engine, the deliverer, and who the bot is."""

from __future__ import annotations

from dataclasses import dataclass, field

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


KEY = "cjbot.services"


def of(context: ContextTypes.DEFAULT_TYPE) -> Services:
    """The services from a handler's context."""
    services: Services = context.bot_data[KEY]
    return services


def attach(app: Application, services: Services) -> None:
    """Make services available to every handler."""
    app.bot_data[KEY] = services
