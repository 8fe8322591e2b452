"""Entries that arrive together share one commit, and are confirmed only once it is durable."""

from __future__ import annotations

import time
from collections import Counter
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError

from cjworkflow.flow.batch import EntryBatch
from cjworkflow.messages import Command, Reply, Verb
from cjworkflow.storage.models import EntryKind
from tests.e2e.botrunner import RunningBot, running_bot
from tests.fakebotapi import FakeBotAPI
from tests.fakebotapi.state import User

GOALS = [f"Doel {i}: minder afhakers bij stap {i}" for i in range(2, 7)]
PERSONAS = ["Sanne: drukke moeder | doel: snel bezorgd", "Kees (72): koopt in de winkel"]


async def _pien(fake: FakeBotAPI, bot: RunningBot) -> User:
    pien = fake.add_user("Pien", username="pien", language_code="nl")
    fake.user_starts_bot(pien)
    await fake.user_sends(pien, pien, "/new Ik vraag een offerte aan")
    await bot.wait_text(pien, "Stap 1/8")
    await fake.user_sends(pien, pien, "Doel 1: een offerte binnen een dag")
    await bot.wait(lambda: len(bot.entries()) == 1)
    return pien


async def _burst(fake: FakeBotAPI, bot: RunningBot, pien: User,
                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Five goals, /next, two personas, sent while the bot is busy with a slow /card: the
    next getUpdates returns them all at once."""
    engine = bot.svc.engine
    real = engine.handle

    def slow_card(cmd: Command, **kwargs: Any) -> list[Reply]:
        if cmd.verb is Verb.CARD:
            time.sleep(0.5)
        return real(cmd, **kwargs)

    monkeypatch.setattr(engine, "handle", slow_card)
    fetched = len(fake.fetched_update_ids)
    await fake.user_sends(pien, pien, "/card")
    await bot.wait(lambda: len(fake.fetched_update_ids) > fetched)
    for line in [*GOALS, "/next", *PERSONAS]:
        await fake.user_sends(pien, pien, line)


def _stored(bot: RunningBot) -> list[tuple[Any, int, str]]:
    return [(e.kind, e.step, e.text) for e in bot.entries()]


def _acknowledged(fake: FakeBotAPI, pien: User) -> Counter[str]:
    """How often each of Pien's lines got the bot's reaction (successful calls)."""
    text = {m.message_id: m.text or "" for m in fake.messages_in(pien)}
    return Counter(text[c.params["message_id"]] for c in fake.calls
                   if c.method == "setMessageReaction" and c.ok and c.chat_id == pien.id)


def _expected() -> list[tuple[Any, int, str]]:
    return ([(EntryKind.GOAL, 1, "Doel 1: een offerte binnen een dag")]
            + [(EntryKind.GOAL, 1, g) for g in GOALS]
            + [(EntryKind.PERSONA, 2, "Sanne"), (EntryKind.PERSONA, 2, "Kees (72)")])


async def test_entries_arriving_together_share_a_commit_and_keep_their_order(
        fake_api: FakeBotAPI, db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fake, sizes = fake_api, []
    real = EntryBatch.commit

    def commit(self: EntryBatch) -> None:
        sizes.append(self.size)
        real(self)

    monkeypatch.setattr(EntryBatch, "commit", commit)
    async with running_bot(fake, db_url) as bot:
        pien = await _pien(fake, bot)
        await _burst(fake, bot, pien, monkeypatch)
        await bot.wait_text(pien, "Stap 2/8")
        await bot.wait(lambda: len(bot.entries()) == 8)
        await bot.wait(lambda: sum(_acknowledged(fake, pien).values()) == 8)
    # The five goals went in one commit, before /next; the personas after it, into step 2.
    assert 5 in sizes and 2 in sizes, sizes
    assert sorted(_stored(bot), key=lambda e: (e[1], e[2])) == sorted(
        _expected(), key=lambda e: (e[1], e[2]))
    assert set(_acknowledged(fake, pien).values()) == {1}


async def test_a_failed_commit_confirms_nothing_and_stores_the_batch_once(
        fake_api: FakeBotAPI, db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fake, failures = fake_api, []
    real = EntryBatch.commit
    acknowledged_at_failure: list[int] = []

    def commit(self: EntryBatch) -> None:
        if not failures and self.size >= 2:
            failures.append(self.size)
            acknowledged_at_failure.append(sum(_acknowledged(fake, pien).values()))
            self.rollback()
            raise OperationalError("COMMIT", {}, Exception("server closed the connection"))
        real(self)

    monkeypatch.setattr(EntryBatch, "commit", commit)
    async with running_bot(fake, db_url) as bot:
        pien = await _pien(fake, bot)
        await _burst(fake, bot, pien, monkeypatch)
        await bot.wait_text(pien, "Stap 2/8", timeout=15)
        await bot.wait(lambda: len(bot.entries()) == 8, timeout=15)
        await bot.wait(lambda: sum(_acknowledged(fake, pien).values()) == 8, timeout=15)
    assert failures == [5]
    # Nothing of the failed batch had been confirmed: only the first goal had its reaction.
    assert acknowledged_at_failure == [1]
    assert sorted(_stored(bot), key=lambda e: (e[1], e[2])) == sorted(
        _expected(), key=lambda e: (e[1], e[2]))
    assert set(_acknowledged(fake, pien).values()) == {1}
