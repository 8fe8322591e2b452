"""Telegram as it really is (Bot API 10.1), through the real bot against the fake Bot API.

Privacy mode keeps plain @mentions from the bot; a group may switch reactions off or allow
only some; photos have a combined size limit; a group that became a supergroup answers
ChatMigrated; with several bots in a group a bare /next may go to another bot.
"""

from __future__ import annotations

import logging

import pytest

from cjworkflow.i18n import t
from tests.e2e.botrunner import RunningBot, join_code, running_bot
from tests.fakebotapi import FakeBotAPI
from tests.fakebotapi.state import Chat, Message, User

BOT = "@cjbot_test_bot"
TITLE = {"nl": "/new Ik bestel een wasmachine", "en": "/new I order a washing machine"}
STEP = {"nl": "Stap {n}/8", "en": "Step {n}/8"}
GOALS = {"nl": ["Minder afhakers bij bezorgkeuze", "Sneller leveren", "Duidelijke prijs"],
         "en": ["Fewer drop-outs at delivery", "Faster delivery", "A clear price"]}


def _refusals(fake: FakeBotAPI) -> list[tuple[str, str | None]]:
    """Every call Telegram would have refused (the harmless "not modified" aside)."""
    return [(c.method, c.error) for c in fake.calls
            if c.status == 400 and "not modified" not in (c.error or "")]


def _errors(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


async def _workshop(fake: FakeBotAPI, bot: RunningBot, lang: str, fenna: User,
                    group: Chat) -> Message:
    """Fenna starts a workshop in group; its step card."""
    await fake.user_sends(fenna, group, TITLE[lang])
    return await bot.wait_text(group, STEP[lang].format(n=1))


def _people(fake: FakeBotAPI, lang: str) -> tuple[User, User]:
    return (fake.add_user("Fenna", username="fenna", language_code=lang),
            fake.add_user("Anna", username="anna", language_code=lang))


# ------------------------------------------------------------------------- privacy mode


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_a_mention_never_reaches_the_bot_but_a_reply_or_add_does(
        fake_api: FakeBotAPI, db_url: str, lang: str, caplog: pytest.LogCaptureFixture) -> None:
    fake = fake_api
    fenna, anna = _people(fake, lang)
    group = fake.add_group("Webshop", [fenna, anna])
    first, second, third = GOALS[lang]
    async with running_bot(fake, db_url, DEFAULT_LANGUAGE=lang) as bot:
        card = await _workshop(fake, bot, lang, fenna, group)
        intro = await bot.wait_text(group, "start=")
        assert t(lang, "group-how-to-add") in (intro.text or ""), "the group learns how"
        mention = await fake.user_sends(anna, group, f"{BOT} {first}")
        assert not mention.delivered, "Telegram keeps plain @mentions from a bot in privacy mode"
        replied = await fake.user_sends(anna, group, f"{BOT} {first}", reply_to=card)
        await bot.wait(lambda: fake.reactions.get((group.id, replied.message_id)))
        await fake.user_sends(anna, group, second, reply_to=card)
        added = await fake.user_sends(anna, group, f"/add@cjbot_test_bot {third}")
        await bot.wait(lambda: fake.reactions.get((group.id, added.message_id)))
        await bot.wait(lambda: third in (fake.message(group, card.message_id).text or ""))
    assert [e.text for e in bot.entries()] == [first, second, third]
    assert BOT not in (fake.message(group, card.message_id).text or "")
    assert not _refusals(fake) and not _errors(caplog)


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_help_says_how_to_reach_the_bot_among_other_bots(
        fake_api: FakeBotAPI, db_url: str, lang: str) -> None:
    fake = fake_api
    fenna, anna = _people(fake, lang)
    group = fake.add_group("Twee bots", [fenna, anna])
    async with running_bot(fake, db_url, DEFAULT_LANGUAGE=lang) as bot:
        await _workshop(fake, bot, lang, fenna, group)
        fake.another_bot_speaks(group)  # from now on a bare /command goes to the other bot
        bare = await fake.user_sends(fenna, group, "/next")
        assert not bare.delivered
        await fake.user_sends(anna, group, "/help@cjbot_test_bot")
        help_ = await bot.wait_text(group, "/next@cjbot_test_bot")
        assert t(lang, "help-bot-name", bot="cjbot_test_bot") in (help_.text or "")
        await fake.user_sends(fenna, group, "/next@cjbot_test_bot")
        await bot.wait_text(group, STEP[lang].format(n=2))
        await fake.user_sends(fenna, group, "/next@OtherBot")  # not ours: not delivered
        await fake.user_sends(fenna, group, "/next")  # ours spoke last again: delivered
        await bot.wait_text(group, STEP[lang].format(n=3))
    texts = [m.text or "" for m in fake.sent_messages(group)]
    assert not any(STEP[lang].format(n=4) in x for x in texts), "/next@OtherBot was not ours"


# ---------------------------------------------------------------------------- reactions


async def _three_entries(fake: FakeBotAPI, bot: RunningBot, lang: str, anna: User,
                         group: Chat, card: Message) -> list[Message]:
    """Anna replies three goals to the card; waits until the card shows all of them."""
    sent = [await fake.user_sends(anna, group, goal, reply_to=card) for goal in GOALS[lang]]
    await bot.wait(lambda: len(bot.entries()) == 3)
    await bot.wait(lambda: GOALS[lang][-1] in (fake.message(group, card.message_id).text or ""))
    return sent


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_a_group_without_reactions_gets_one_quiet_text_and_the_card(
        fake_api: FakeBotAPI, db_url: str, lang: str, caplog: pytest.LogCaptureFixture) -> None:
    fake = fake_api
    fenna, anna = _people(fake, lang)
    group = fake.add_group("Geen reacties", [fenna, anna], available_reactions=[])
    async with running_bot(fake, db_url, DEFAULT_LANGUAGE=lang) as bot:
        card = await _workshop(fake, bot, lang, fenna, group)
        sent = await _three_entries(fake, bot, lang, anna, group, card)
        await bot.svc.deliverer.drain()
    assert not fake.calls_to("setMessageReaction"), "no reaction is even tried"
    assert len(fake.calls_to("getChat")) == 1, "the setting is read once, not per entry"
    acks = [m for m in fake.sent_messages(group) if m.reply_to is not None]
    assert len(acks) == 1, "one quiet text acknowledgement, not one per entry"
    assert acks[0].reply_to is sent[0]
    assert acks[0].text == "\n".join([t(lang, "entry-stored", count=1, last=GOALS[lang][0]),
                                      t(lang, "ack-without-reactions")])
    ack_call = next(c for c in fake.calls_to("sendMessage") if c.params.get("reply_parameters"))
    assert ack_call.params.get("disable_notification") is True
    assert all(g in (fake.message(group, card.message_id).text or "") for g in GOALS[lang])
    assert not _refusals(fake) and not _errors(caplog)


async def test_a_group_with_some_reactions_gets_an_allowed_one(
        fake_api: FakeBotAPI, db_url: str, caplog: pytest.LogCaptureFixture) -> None:
    fake = fake_api
    fenna, anna = _people(fake, "nl")
    group = fake.add_group("Enkele", [fenna, anna], available_reactions=["🔥", "👌", "✍"])
    async with running_bot(fake, db_url) as bot:
        card = await _workshop(fake, bot, "nl", fenna, group)
        sent = await _three_entries(fake, bot, "nl", anna, group, card)
        await bot.wait(lambda: all(fake.reactions.get((group.id, m.message_id)) for m in sent))
    # ✍ comes before 👌 in the bot's preference (👍 ✍ 👌 🙏 ❤), and 👍 is not allowed.
    assert {fake.reactions[(group.id, m.message_id)][0]["emoji"] for m in sent} == {"✍"}
    assert len(fake.calls_to("getChat")) == 1
    assert not [m for m in fake.sent_messages(group) if m.reply_to is not None]
    assert not _refusals(fake) and not _errors(caplog)


async def test_reactions_switched_off_meanwhile_cost_one_refusal(
        fake_api: FakeBotAPI, db_url: str, caplog: pytest.LogCaptureFixture) -> None:
    fake = fake_api
    fenna, anna = _people(fake, "nl")
    group = fake.add_group("Later uit", [fenna, anna])
    async with running_bot(fake, db_url) as bot:
        card = await _workshop(fake, bot, "nl", fenna, group)
        first = await fake.user_sends(anna, group, "Eerste doel", reply_to=card)
        await bot.wait(lambda: fake.reactions.get((group.id, first.message_id)))
        assert fake.reactions[(group.id, first.message_id)][0]["emoji"] == "👍"
        fake.set_available_reactions(group, [])  # an admin switches reactions off
        for n in range(2, 6):
            await fake.user_sends(anna, group, f"Doel {n}", reply_to=card)
        await bot.wait(lambda: len(bot.entries()) == 5)
        await bot.wait(lambda: "Doel 5" in (fake.message(group, card.message_id).text or ""))
        await bot.svc.deliverer.drain()
    refused = [c for c in fake.calls_to("setMessageReaction") if c.status == 400]
    assert len(refused) == 1, "one refusal teaches the bot; no retry per entry"
    assert len(fake.calls_to("getChat")) == 2, "read at first, and again after the refusal"
    assert len([m for m in fake.sent_messages(group) if m.reply_to is not None]) == 1
    assert len(fake.calls_to("setMessageReaction")) == 2
    assert not _errors(caplog)


# ------------------------------------------------------------------------------ photos


@pytest.mark.parametrize(("width", "height", "as_photo"), [
    (2400, 1800, True),
    (5000, 5000, True),  # width + height exactly 10000
    (2400, 9000, False),  # each side under 10000, together over it
    (200, 4100, False),  # ratio over 20
])
async def test_a_picture_telegram_would_refuse_as_photo_goes_as_a_document(
        fake_api: FakeBotAPI, monkeypatch: pytest.MonkeyPatch, width: int, height: int,
        as_photo: bool) -> None:
    from bot import delivery
    from bot.ingest import Origin
    from cjworkflow.messages import Attachment, Reply
    from cjworkflow.outputs.produce import Produced
    from tests.e2e.test_fakebotapi import png
    from tests.render_factory import make_snapshot

    fake = fake_api
    anna = fake.add_user("Anna", started=True)
    image = png(width, height, pixels=False)
    async with fake.make_bot() as tg:
        deliverer = delivery.Deliverer(tg, None, card_seconds=1,  # type: ignore[arg-type]
                                       executor=None)
        # The render seam (bot.attachments): a picture of exactly these dimensions.
        deliverer.files.render_fn = lambda att: Produced("journey-map.png", image, "image/png")
        reply = Reply(text="🗺", attachment=Attachment("map", make_snapshot(), "nl"))
        await deliverer.deliver([reply], Origin(chat_id=anna.id, private=True))
        await deliverer.drain()
    photos = fake.calls_to("sendPhoto")
    documents = fake.calls_to("sendDocument")
    assert [c.status for c in photos + documents] == [200]
    assert (len(photos), len(documents)) == ((1, 0) if as_photo else (0, 1))


# ---------------------------------------------------------------------------- migration


async def _remote_member(fake: FakeBotAPI, bot: RunningBot, intro: Message,
                         name: str) -> User:
    """Someone who takes part from a private chat (joined by the deep link)."""
    ravi = fake.add_user(name, username=name.lower(), language_code="nl")
    fake.user_starts_bot(ravi, join_code(intro.text or ""))
    await bot.wait_text(ravi, "Je doet mee")
    return ravi


async def test_a_card_edit_that_meets_a_migration_follows_to_the_supergroup(
        fake_api: FakeBotAPI, db_url: str, caplog: pytest.LogCaptureFixture) -> None:
    fake = fake_api
    fenna, anna = _people(fake, "nl")
    group = fake.add_group("Webshop", [fenna, anna])
    async with running_bot(fake, db_url) as bot:
        await fake.user_sends(fenna, group, TITLE["nl"])
        intro = await bot.wait_text(group, "start=")
        await bot.wait_text(group, "Stap 1/8")
        ravi = await _remote_member(fake, bot, intro, "Ravi")
        # The group became a supergroup and the bot missed the service message.
        super_ = fake.migrate_group_to_supergroup(group, announce=False)
        await fake.user_sends(ravi, ravi, "Bezorgmoment vooraf kiezen")
        moved = await bot.wait_text(super_, "Bezorgmoment vooraf kiezen", timeout=20)
        assert "Stap 1/8" in (moved.text or "")
        await bot.wait(lambda: bot.svc.engine.card_message(f"tg:{super_.id}", 1)
                       == str(moved.message_id))
        # Work goes on in the supergroup: a reply to the new card edits it in place.
        await fake.user_sends(anna, super_, "Minder afhakers", reply_to=moved)
        await bot.wait(lambda: "Minder afhakers" in (fake.message(super_, moved.message_id).text
                                                     or ""), timeout=20)
    migrated = [c for c in fake.calls if c.parameters and "migrate_to_chat_id" in c.parameters]
    assert [c.method for c in migrated] == ["editMessageText"]
    assert [e.text for e in bot.entries()] == ["Bezorgmoment vooraf kiezen", "Minder afhakers"]
    assert not _errors(caplog)


async def test_a_send_that_meets_a_migration_follows_to_the_supergroup(
        fake_api: FakeBotAPI, db_url: str, caplog: pytest.LogCaptureFixture) -> None:
    fake = fake_api
    fenna, anna = _people(fake, "nl")
    group = fake.add_group("Webshop", [fenna, anna])
    fake.user_starts_bot(fenna)
    async with running_bot(fake, db_url) as bot:
        await _workshop(fake, bot, "nl", fenna, group)
        super_ = fake.migrate_group_to_supergroup(group, announce=False)
        # Fenna steers from her private chat: the new step card goes to the workshop's group.
        await fake.user_sends(fenna, fenna, "/next")
        card = await bot.wait_text(super_, "Stap 2/8", timeout=20)
        await bot.wait(lambda: bot.svc.engine.card_message(f"tg:{super_.id}", 1)
                       == str(card.message_id))
        await fake.user_sends(anna, super_, "Drukke ouder: tweeverdiener", reply_to=card)
        await bot.wait(lambda: "Drukke ouder" in (fake.message(super_, card.message_id).text
                                                  or ""), timeout=20)
    migrated = [c for c in fake.calls if c.parameters and "migrate_to_chat_id" in c.parameters]
    assert [c.method for c in migrated] == ["sendMessage"], "one refusal, then the new id"
    assert not _errors(caplog)
