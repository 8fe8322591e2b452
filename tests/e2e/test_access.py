"""Access control through the real bot: strangers and members against workshop A.

The full matrix (every command and button verb) runs at the engine level in
tests/flow/test_access.py; here a few paths go over HTTP against the fake, where the chat shows
what a person would see. A stranger is someone outside A's group (everyone who writes in
the group becomes a member by design): Eve, in her private chat and in her own group.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlalchemy.pool import NullPool

from cjworkflow.flow.verbs import COMMAND_VERBS
from cjworkflow.i18n import t
from cjworkflow.storage.db import make_engine
from tests.e2e.botrunner import RunningBot, join_code, running_bot
from tests.fakebotapi import FakeBotAPI
from tests.fakebotapi.state import Chat, Message, User
from tests.flow.test_access import snapshot

FAST = {"GROUP_MESSAGES_PER_MINUTE": 100_000}
A_TITLE = "Ik bestel een zilvervos"
A_GOAL = "Geheim doel Kraanvogel 9902"
# Arguments that would do harm if the sender were allowed (see tests/flow/test_access.py).
ARGS = {"step": "3", "add": "Indringer", "remove": "1", "lang": "en", "stages": "7",
        "promote": "@eve", "remind": "off", "digest": "off", "timebox": "5 auto",
        "start": "verzonnen", "join": "verzonnen"}
FACILITATOR_ONLY = ["next", "back", "step", "finish", "renew", "promote", "delete", "timebox",
                    "lang", "stages", "remind", "digest"]


@contextmanager
def _db(url: str) -> Iterator[Engine]:
    engine = make_engine(url, poolclass=NullPool)
    try:
        yield engine
    finally:
        engine.dispose()


async def _answered(fake: FakeBotAPI, chat: Chat | User, since: int) -> Message:
    """The bot's first message in chat after the first since ones."""
    (msg, *_) = await fake.wait_for_sent(chat, count=1, since=since)
    return msg


async def _press(fake: FakeBotAPI, user: User, message: Message, data: str) -> str | None:
    """Press data on message (forged or not) and return the callback answer's text."""
    answers = len(fake.callback_answers)
    await fake.user_presses(user, message, data, strict=False)
    await fake.wait_for(lambda: len(fake.callback_answers) > answers, timeout=20)
    return fake.callback_answers[-1].text


async def _open_a(fake: FakeBotAPI, bot: RunningBot, fenna: User, anna: User,
                  group: Chat) -> tuple[str, Message]:
    """Fenna opens A, Anna adds a goal; the join code and the step card."""
    await fake.user_sends(fenna, group, f"/new {A_TITLE}")
    intro = await bot.wait_text(group, "start=")
    card = await bot.wait_text(group, "Stap 1/8")
    await fake.user_sends(anna, group, A_GOAL, reply_to=card)
    await bot.wait(lambda: bot.entries())
    return join_code(intro.text or ""), card


async def test_a_stranger_gets_answers_but_nothing_of_a(fake_api_factory: Any, db_url: str,
                                                        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    fake: FakeBotAPI = await fake_api_factory()
    fake.limits.enabled = False
    fenna = fake.add_user("Fenna", username="fenna", language_code="nl")
    anna = fake.add_user("Anna", username="anna", language_code="nl")
    eve = fake.add_user("Eve", username="eve", language_code="nl")
    group = fake.add_group("Team A", [fenna, anna])
    elsewhere = fake.add_group("Eves groep", [eve])
    fake.user_starts_bot(eve)
    async with running_bot(fake, db_url, **FAST) as bot:
        code, card = await _open_a(fake, bot, fenna, anna, group)
        with _db(db_url) as db:
            before = snapshot(db, 1)
        (welcome,) = await fake.wait_for_sent(eve, count=1)
        # Every command, in her private chat and in her own group (no workshop there yet).
        for name in sorted(COMMAND_VERBS):
            for chat in (eve, elsewhere):
                since = len(fake.sent_messages(chat))
                await fake.user_sends(eve, chat, f"/{name} {ARGS.get(name, '')}".strip())
                await _answered(fake, chat, since)
        # A's buttons, forged with A's real id, pressed on a bot message in her chat.
        for data in ("nx:1:1", "st:1", "mp:1", "ac:1", "ex:1", "dl:1", "ws:1", "ln:1:en",
                     "sm:1:seven", "fs:1:1:2", "hp:1"):
            # "/lang en" above made Eve's own language English.
            assert await _press(fake, eve, welcome, data) in {t(lang, key) for lang in ("nl", "en")
                                                      for key in ("not-member",
                                                                  "button-unknown")}, data
        await bot.wait(lambda: not bot.svc.deliverer.cards.due)
        with _db(db_url) as db:
            assert snapshot(db, 1) == before, "a stranger changed workshop A"
    shown = [m.text or m.caption or "" for chat in (eve, elsewhere)
             for m in fake.sent_messages(chat)]
    assert len(shown) >= 2 * len(COMMAND_VERBS) - 2, "every command got an answer"
    for secret in (A_TITLE, A_GOAL, code):
        assert not any(secret in text for text in shown), f"{secret!r} reached the stranger"
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert "Stap 2/8" not in "".join(m.text or "" for m in fake.messages_in(group))
    assert card.text


async def test_a_member_cannot_steer_or_administer(fake_api_factory: Any, db_url: str) -> None:
    fake: FakeBotAPI = await fake_api_factory()
    fake.limits.enabled = False
    fenna = fake.add_user("Fenna", username="fenna", language_code="nl")
    anna = fake.add_user("Anna", username="anna", language_code="nl")
    group = fake.add_group("Team A", [fenna, anna])
    async with running_bot(fake, db_url, **FAST) as bot:
        _, card = await _open_a(fake, bot, fenna, anna, group)
        with _db(db_url) as db:
            before = snapshot(db, 1)
        refusal = t("nl", "only-facilitator")
        for name in FACILITATOR_ONLY:
            since = len(fake.sent_messages(group))
            await fake.user_sends(anna, group, f"/{name} {ARGS.get(name, '')}".strip())
            msg = await _answered(fake, group, since)
            assert msg.text == refusal, (name, msg.text)
        intro = await bot.wait_text(group, "start=")
        for message, label in ((card, t("nl", "btn-next")), (intro, t("nl", "btn-model-seven"))):
            data = message.button(label)["callback_data"]
            assert await _press(fake, anna, message, data) == refusal
        with _db(db_url) as db:
            assert snapshot(db, 1) == before, "a member changed what only a facilitator may"


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_a_wrong_or_renewed_join_link_is_refused_politely(fake_api_factory: Any,
                                                                db_url: str, lang: str) -> None:
    fake: FakeBotAPI = await fake_api_factory()
    fake.limits.enabled = False
    fenna = fake.add_user("Fenna", username="fenna", language_code="nl")
    anna = fake.add_user("Anna", username="anna", language_code="nl")
    ivo = fake.add_user("Ivo", username="ivo", language_code=lang)
    group = fake.add_group("Team A", [fenna, anna])
    refused = t(lang, "join-unknown-code")
    async with running_bot(fake, db_url, **FAST) as bot:
        old, _ = await _open_a(fake, bot, fenna, anna, group)
        for wrong in (old[:-1], old + "x", old.swapcase(), "verzonnen"):
            since = len(fake.sent_messages(ivo))
            fake.user_starts_bot(ivo, wrong)
            assert (await _answered(fake, ivo, since)).text == refused, wrong
        since = len(fake.sent_messages(group))
        await fake.user_sends(fenna, group, "/renew")
        new = join_code((await _answered(fake, group, since)).text or "")
        assert new != old
        since = len(fake.sent_messages(ivo))
        fake.user_starts_bot(ivo, old)  # the old link stopped working
        assert (await _answered(fake, ivo, since)).text == refused
        since = len(fake.sent_messages(ivo))
        fake.user_starts_bot(ivo, new)
        joined = await _answered(fake, ivo, since)
    assert A_TITLE in (joined.text or "")
    assert not any(A_TITLE in (m.text or "") for m in fake.sent_messages(ivo)[:-2])
