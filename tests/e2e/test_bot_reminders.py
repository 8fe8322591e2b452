"""Reminders through the real bot and the fake Bot API: on time, privately, exactly once."""

from __future__ import annotations

import asyncio
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.scheduler import origin_of
from cjworkflow.messages import Reply
from tests.e2e.botrunner import RunningBot, running_bot
from tests.fakebotapi import FakeBotAPI

pytestmark = pytest.mark.slow

TITLE = "Bevestigingsmail met bezorgmoment"


def _deadline() -> datetime:
    """A whole minute in Amsterdam between 20 and 80 seconds from now (due times are HH:MM)."""
    now = datetime.now(ZoneInfo("Europe/Amsterdam"))
    nxt = (now + timedelta(minutes=1)).replace(second=0, microsecond=0)
    if (nxt - now).total_seconds() < 20:
        nxt += timedelta(minutes=1)
    return nxt


async def test_deadline_reminder_reaches_the_owner_once_even_across_a_restart(
        fake_api: FakeBotAPI, tmp_path: Path) -> None:
    fake = fake_api
    url = f"sqlite:///{tmp_path / 'bot.db'}"
    settings = {"REMINDER_OFFSETS": "0m", "REMINDER_TICK_SECONDS": 0.5}
    fenna = fake.add_user("Fenna", username="fenna", language_code="nl")
    anna = fake.add_user("Anna", username="anna", language_code="nl")
    group = fake.add_group("Webshop", [fenna, anna])

    def mine() -> list[str]:
        return [m.text or "" for m in fake.messages_in(anna)
                if m.from_bot and TITLE in (m.text or "") and "⏰" in (m.text or "")]

    async with running_bot(fake, url, **settings) as bot:
        fake.user_starts_bot(anna)  # the bot may write to anna privately
        await bot.wait_text(anna, "")
        await fake.user_sends(fenna, group, "/new Ik bestel een wasmachine")
        await bot.wait_text(group, "Stap 1/8")
        await fake.user_sends(fenna, group, "/step 8")
        await bot.wait_text(group, "Stap 8/8")
        due = _deadline()
        await fake.user_sends(anna, group, f"/add {TITLE} | impact 5 | moeite 1 | @anna | "
                                           f"{due:%Y-%m-%d %H:%M}")
        await bot.wait(lambda: len(bot.actions()) == 1)
        assert mine() == []
        await bot.wait(lambda: mine(), timeout=(due - datetime.now(due.tzinfo)).total_seconds()
                       + 60)
        arrived = datetime.now(due.tzinfo)
        assert timedelta(0) <= arrived - due <= timedelta(seconds=60)
        reminder = next(m for m in fake.messages_in(anna) if m.from_bot and TITLE in (m.text or ""))
        assert len(reminder.callback_data) == 4, "the reminder carries Done / Later / Blocked"
    # Restarted right after sending: nothing is sent again.
    async with running_bot(fake, url, **settings) as bot:
        started = time.monotonic()
        while time.monotonic() - started < 4:
            await asyncio.sleep(0.25)
        assert len(mine()) == 1
        # The buttons still work after the restart: Done closes the action.
        done = next(d for d in reminder.callback_data if d.startswith("rd:"))
        await fake.user_presses(anna, reminder, done)
        await bot.wait(lambda: bot.actions()[0].status == "done")
        assert bot.actions()[0].done_at is not None
    assert len(mine()) == 1


async def test_owner_who_blocked_the_bot_gets_the_reminder_as_a_group_mention(
        fake_api: FakeBotAPI, tmp_path: Path) -> None:
    fake = fake_api
    url = f"sqlite:///{tmp_path / 'bot.db'}"
    fenna = fake.add_user("Fenna", username="fenna", language_code="nl")
    anna = fake.add_user("Anna", username="anna", language_code="nl")
    group = fake.add_group("Webshop", [fenna, anna])
    due = (datetime.now(ZoneInfo("Europe/Amsterdam")) + timedelta(days=3)).replace(
        hour=14, minute=0, second=0, microsecond=0)
    async with running_bot(fake, url, REMINDER_OFFSETS="1d", REMINDER_TICK_SECONDS=3600) as bot:
        fake.user_starts_bot(anna)
        await bot.wait_text(anna, "")
        await fake.user_sends(fenna, group, "/new Ik bestel een wasmachine")
        await fake.user_sends(fenna, group, "/step 8")
        await bot.wait_text(group, "Stap 8/8")
        await fake.user_sends(anna, group, f"/add {TITLE} | impact 5 | moeite 1 | @anna | "
                                           f"{due:%Y-%m-%d %H:%M}")
        await bot.wait(lambda: len(bot.actions()) == 1)
        fake.user_blocks_bot(anna)
        # The day-before reminder falls due (the engine is asked with that moment as now).
        replies = await asyncio.to_thread(bot.svc.engine.due_replies, due - timedelta(hours=23))
        assert len(replies) == 1
        await scheduler_deliver(bot, replies)
        # (By its ⏰: the card, edited meanwhile, shows the action's title too.)
        mention = await bot.wait_text(group, "⏰")
        assert "@anna" in (mention.text or "") and TITLE in (mention.text or "")
        assert len(mention.callback_data) == 4, "Done / Later / Blocked work from the group too"
        assert not [m for m in fake.messages_in(anna) if m.from_bot and TITLE in (m.text or "")]
        # From now on the group is used straight away, without trying the blocked chat first.
        tries = len(fake.calls_to("sendMessage"))
        replies = await asyncio.to_thread(bot.svc.engine.due_replies, due + timedelta(hours=25))
        await scheduler_deliver(bot, replies)
        await bot.wait(lambda: len([m for m in fake.messages_in(group)
                                    if m.from_bot and TITLE in (m.text or "")]) == 2)
        refused = [c for c in fake.calls_to("sendMessage")[tries:] if c.chat_id == anna.id]
        assert refused == []


async def scheduler_deliver(bot: RunningBot, replies: list[Reply]) -> None:
    """Hand due replies to the deliverer the way the tick does."""
    for reply in replies:
        origin = origin_of(reply)
        assert origin is not None
        await bot.svc.deliverer.deliver([reply], origin)
