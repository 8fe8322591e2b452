"""The trust model through the real bot (PTB over HTTP) against the fake Bot API: leaving a
group (service message and chat_member update), /kick with its confirmation, named owners."""

from __future__ import annotations

from sqlalchemy.pool import NullPool
from sqlmodel import Session, col, select

from cjworkflow.i18n import t
from cjworkflow.storage.db import make_engine
from cjworkflow.storage.models import Member
from tests.e2e.botrunner import RunningBot, join_code, running_bot
from tests.fakebotapi import FakeBotAPI
from tests.fakebotapi.state import Chat, User

TITLE = "Ik bestel een wasmachine"


async def _workshop_with_anna(fake: FakeBotAPI, bot: RunningBot, group: Chat, fenna: User,
                              anna: User) -> str:
    """fenna opens the workshop, anna takes part in the group; the join link's code."""
    await fake.user_sends(fenna, group, f"/new {TITLE}")
    intro = await bot.wait_text(group, "start=")
    card = await bot.wait_text(group, "Stap 1/8")
    await fake.user_sends(anna, group, "Minder afhakers", reply_to=card)
    await bot.wait(lambda: len(bot.entries()) == 1)
    await fake.user_sends(anna, anna, "/workshops")
    await bot.wait_text(anna, TITLE)
    return join_code(intro.text or "")


def removed(bot: RunningBot) -> list[str | None]:
    """How the workshop's removed members were removed."""
    engine = make_engine(bot.svc.engine.db.url.render_as_string(hide_password=False),
                         poolclass=NullPool)
    try:
        with Session(engine) as s:
            return list(s.exec(select(Member.removal)
                               .where(col(Member.removed_at).is_not(None))).all())
    finally:
        engine.dispose()


async def _sees_no_workshop(fake: FakeBotAPI, bot: RunningBot, user: User) -> None:
    # The answer is awaited by its text: a reply to an earlier /workshops may still be on its
    # way, so "the next message" could be that one. A wrong answer never matches: timeout.
    await fake.user_sends(user, user, "/workshops")
    none = t("nl", "workshops-none")
    await bot.wait(lambda: (fake.sent_messages(user) or [None])[-1] is not None
                   and fake.sent_messages(user)[-1].text == none)


async def test_leaving_the_group_ends_membership(fake_api: FakeBotAPI, db_url: str) -> None:
    fake = fake_api
    fenna = fake.add_user("Fenna", username="fenna", language_code="nl")
    anna = fake.add_user("Anna", username="anna_k", language_code="nl")
    group = fake.add_group("Webshop", [fenna, anna])
    fake.user_starts_bot(anna)
    async with running_bot(fake, db_url) as bot:
        await bot.wait_text(anna, "Welkom")
        await _workshop_with_anna(fake, bot, group, fenna, anna)
        # The bot is no administrator: only the service message tells it (privacy mode too).
        assert fake.remove_member(group, anna) is not None
        await bot.wait(lambda: removed(bot) == ["left"])
        await _sees_no_workshop(fake, bot, anna)
        assert [e.text for e in bot.entries()] == ["Minder afhakers"]  # what she wrote stays


async def test_a_chat_member_update_ends_membership(fake_api: FakeBotAPI, db_url: str) -> None:
    fake = fake_api
    fenna = fake.add_user("Fenna", username="fenna", language_code="nl")
    anna = fake.add_user("Anna", username="anna_k", language_code="nl")
    group = fake.add_group("Webshop", [fenna, anna], supergroup=True,
                           bot_status="administrator")
    fake.user_starts_bot(anna)
    async with running_bot(fake, db_url) as bot:
        await bot.wait_text(anna, "Welkom")
        await _workshop_with_anna(fake, bot, group, fenna, anna)
        # An administrator bans her; no service message: only the chat_member update.
        assert fake.remove_member(group, anna, fenna, status="kicked",
                                  service_message=False) is None
        await bot.wait(lambda: removed(bot) == ["left"])
        await _sees_no_workshop(fake, bot, anna)


async def test_kick_confirms_then_the_kicked_are_not_stored_until_they_rejoin(
        fake_api: FakeBotAPI, db_url: str) -> None:
    fake = fake_api
    fenna = fake.add_user("Fenna", username="fenna", language_code="nl")
    anna = fake.add_user("Anna", username="anna_k", language_code="nl")
    group = fake.add_group("Webshop", [fenna, anna])
    fake.user_starts_bot(anna)
    fake.user_starts_bot(fenna)
    async with running_bot(fake, db_url) as bot:
        await bot.wait_text(anna, "Welkom")
        code = await _workshop_with_anna(fake, bot, group, fenna, anna)
        await fake.user_sends(fenna, group, "/kick @anna_k")
        ask = await bot.wait_text(group, "@anna_k uit")
        cancel = ask.button(t("nl", "btn-kick-cancel"))["callback_data"]
        answers = len(fake.callback_answers)
        await fake.user_presses(fenna, ask, cancel)
        await fake.wait_for(lambda: len(fake.callback_answers) > answers)
        assert fake.callback_answers[-1].text == t("nl", "kick-cancelled")
        await fake.user_presses(fenna, ask, ask.button(t("nl", "btn-kick"))["callback_data"])
        await bot.wait_text(group, "/renew")
        # anna is still in the group: what she sends there is refused, not stored.
        card = await bot.wait_text(group, "Stap 1/8")
        await fake.user_sends(anna, group, "Toch nog iets", reply_to=card)
        await bot.wait_text(group, t("nl", "member-kicked"))
        await _sees_no_workshop(fake, bot, anna)
        assert [e.text for e in bot.entries()] == ["Minder afhakers"]
        # The join link lets her in again.
        await fake.user_sends(anna, anna, f"/join {code}")
        await bot.wait_text(anna, "Je doet mee")
        await fake.user_sends(anna, anna, "Weer terug")
        await bot.wait(lambda: [e.text for e in bot.entries()]
                       == ["Minder afhakers", "Weer terug"])


async def test_a_named_owner_is_invited_in_the_group(fake_api: FakeBotAPI, db_url: str) -> None:
    fake = fake_api
    fenna = fake.add_user("Fenna", username="fenna", language_code="nl")
    zoe = fake.add_user("Zoë", username="zoe", language_code="nl")
    group = fake.add_group("Webshop", [fenna])
    fake.user_starts_bot(zoe)  # zoe knows the bot but is not in this workshop
    async with running_bot(fake, db_url) as bot:
        await bot.wait_text(zoe, "Welkom")
        await fake.user_sends(fenna, group, f"/new {TITLE}")
        await bot.wait_text(group, "Stap 1/8")
        await fake.user_sends(fenna, group, "/step 8")
        card = await bot.wait_text(group, "Stap 8/8")
        await fake.user_sends(fenna, group, "Bezorgslot | impact 4 | moeite 2 | @zoe | "
                                            "deadline 2030-01-10", reply_to=card)
        invite = await bot.wait_text(group, "@zoe, je bent eigenaar")
        assert "start=" in (invite.text or "")
        await bot.wait(lambda: len(bot.actions()) == 1)
        await _sees_no_workshop(fake, bot, zoe)
        # She joins with the link: the action is hers.
        await fake.user_sends(zoe, zoe, f"/start {join_code(invite.text or '')}")
        await bot.wait_text(zoe, "Je doet mee")
        before = len(fake.sent_messages(zoe))
        await fake.user_sends(zoe, zoe, "/workshops")
        await bot.wait(lambda: len(fake.sent_messages(zoe)) > before)
        assert TITLE in (fake.sent_messages(zoe)[-1].text or "")
