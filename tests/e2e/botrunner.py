"""Runs the real bot (build + confirm-after-commit polling) in-process against the fake."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy.pool import NullPool
from sqlmodel import Session, select

from bot import app as bot_app
from bot import polling, scheduler
from bot.services import Services
from cjworkflow.config import Settings
from cjworkflow.storage.db import make_engine
from cjworkflow.storage.models import Action, Entry
from tests.fakebotapi import FakeBotAPI
from tests.fakebotapi.state import Message


@dataclass
class RunningBot:
    """A started bot: its PTB application, services and the fake it talks to."""

    app: Any
    svc: Services
    fake: FakeBotAPI

    def _read(self, model: type[Entry] | type[Action]) -> list[Any]:
        # Its own unpooled engine: reading after the bot stopped must leave nothing open.
        engine = make_engine(str(self.svc.engine.db.url.render_as_string(hide_password=False)),
                             poolclass=NullPool)
        try:
            with Session(engine) as s:
                return list(s.exec(select(model).order_by(model.id)).all())  # type: ignore[arg-type]
        finally:
            engine.dispose()

    def entries(self) -> list[Entry]:
        """Everything stored, in order."""
        return self._read(Entry)

    def actions(self) -> list[Action]:
        """Every action stored, in order."""
        return self._read(Action)

    async def wait(self, predicate: Callable[[], object], timeout: float = 10.0) -> None:
        """Wait until predicate holds (bot effects are asynchronous)."""
        await self.fake.wait_for(predicate, timeout=timeout)

    async def wait_text(self, chat: Any, needle: str, timeout: float = 10.0) -> Message:
        """The first bot message in chat whose (current) text contains needle."""
        found: list[Message] = []

        def match() -> bool:
            for m in self.fake.messages_in(chat):
                if m.from_bot and needle in (m.text or m.caption or ""):
                    found.append(m)
                    return True
            return False

        await self.fake.wait_for(match, timeout=timeout)
        return found[0]


def settings_for(fake: FakeBotAPI, db_url: str, **extra: Any) -> Settings:
    """Settings pointing the bot at the fake and at db_url."""
    values: dict[str, Any] = {
        "DATABASE_URL": db_url, "TELEGRAM_API_BASE_URL": fake.api_url,
        "CARD_EDIT_SECONDS": 0.3, "RENDER_WORKERS": 1, "POLL_TIMEOUT": 1,
        "DEFAULT_LANGUAGE": "nl",
    }
    values.update(extra)
    return Settings(**values)


@asynccontextmanager
async def running_bot(fake: FakeBotAPI, db_url: str, **extra: Any) -> AsyncIterator[RunningBot]:
    """Start the bot against fake; stop it cleanly (drain replies) afterwards."""
    settings = settings_for(fake, db_url, **extra)
    app, svc = bot_app.build(settings, fake.token)
    await app.initialize()
    svc.bot_id, svc.username = app.bot.id, app.bot.username
    svc.engine.join_link = bot_app.join_link(svc.username)
    await app.start()
    await bot_app.publish_commands(app)
    stop = asyncio.Event()
    task = asyncio.create_task(polling.poll(app, svc, stop, timeout=1))
    ticks = asyncio.create_task(scheduler.run_ticks(svc.engine, svc.deliverer, stop,
                                                    settings.reminder_tick_seconds))
    try:
        yield RunningBot(app, svc, fake)
    finally:
        stop.set()
        await task
        await ticks
        await svc.settle()
        await svc.deliverer.drain(timeout=15)
        await app.stop()
        await app.shutdown()
        if svc.deliverer.executor is not None:
            svc.deliverer.executor.shutdown(wait=True, cancel_futures=True)
        svc.engine.db.dispose()


def join_code(text: str) -> str:
    """The join code from a message with the deep link."""
    match = re.search(r"start=([\w-]+)", text)
    assert match, text
    return match.group(1)
