"""Fixtures for end-to-end tests against the fake Telegram Bot API (tests/fakebotapi)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest
import telegram

from tests.fakebotapi import FakeBotAPI

FakeFactory = Callable[..., Awaitable[FakeBotAPI]]


@pytest.fixture(autouse=True)
def _ptb_timedelta(monkeypatch: pytest.MonkeyPatch) -> None:
    """Opt in to PTB's timedelta periods: otherwise RetryAfter() warns (an error here)."""
    monkeypatch.setenv("PTB_TIMEDELTA", "true")


@pytest.fixture
async def fake_api_factory() -> AsyncIterator[FakeFactory]:
    """Start fakes with custom options: ``fake = await fake_api_factory(clock=FakeClock())``."""
    started: list[FakeBotAPI] = []

    async def make(**kwargs: Any) -> FakeBotAPI:
        fake = FakeBotAPI(**kwargs)
        await fake.start()
        started.append(fake)
        return fake

    yield make
    for fake in reversed(started):
        await fake.stop()


@pytest.fixture
async def fake_api(fake_api_factory: FakeFactory) -> FakeBotAPI:
    """A running FakeBotAPI with default settings on a free 127.0.0.1 port."""
    return await fake_api_factory()


@pytest.fixture
async def fake_bot(fake_api: FakeBotAPI) -> AsyncIterator[telegram.Bot]:
    """An initialized real ``telegram.Bot`` talking to ``fake_api``."""
    async with fake_api.make_bot() as bot:
        yield bot
