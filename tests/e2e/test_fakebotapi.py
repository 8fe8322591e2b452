"""Tests of the fake Bot API itself, driven by a real ``telegram.Bot`` and PTB ``Application``."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dtm
import html
import socket
import struct
import zlib
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest
import telegram
from aiohttp import web
from hypothesis import given, settings
from hypothesis import strategies as st
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, ChatMigrated, Conflict, Forbidden, NetworkError, RetryAfter
from telegram.ext import (
    Application,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    TypeHandler,
)
from telegram.helpers import escape_markdown

from tests.fakebotapi import FakeBotAPI, FakeClock, parse, utf16_len

FakeFactory = Callable[..., Awaitable[FakeBotAPI]]

# ----------------------------------------------------------------------------- helpers


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def png(width: int, height: int, *, pixels: bool = True) -> bytes:
    """A PNG of ``width`` x ``height`` (a header-only one when ``pixels`` is False)."""
    header = b"\x89PNG\r\n\x1a\n" + _png_chunk(
        b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    )
    if not pixels:
        return header
    raw = b"".join(b"\x00" + b"\x80\x40\x20" * width for _ in range(height))
    return header + _png_chunk(b"IDAT", zlib.compress(raw)) + _png_chunk(b"IEND", b"")


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


AnyApp = Application[Any, Any, Any, Any, Any, Any]


@contextlib.asynccontextmanager
async def polling_app(
    fake: FakeBotAPI,
    *handlers: BaseHandler[Any, Any, Any],
    recorder: BaseHandler[Any, Any, Any] | None = None,
) -> AsyncIterator[AnyApp]:
    """A PTB Application polling the fake; ``recorder`` runs in group -1 for every update."""
    app = fake.application_builder().build()
    if recorder is not None:
        app.add_handler(recorder, group=-1)
    for handler in handlers:
        app.add_handler(handler)
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0.0, timeout=1)
        try:
            yield app
        finally:
            await app.updater.stop()
            await app.stop()


def keyboard(*data: str) -> InlineKeyboardMarkup:
    """One row of buttons with the given callback data."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(d[:10] or "x", callback_data=d)] for d in data]
    )


# ------------------------------------------------------------------------ basic methods


async def test_get_me_and_tokens(fake_api: FakeBotAPI, fake_bot: telegram.Bot) -> None:
    """getMe reflects the configuration; bad tokens and unknown methods fail like Telegram."""
    me = await fake_bot.get_me()
    assert me.username == "cjbot_test_bot"
    assert me.is_bot and me.can_join_groups
    assert me.can_read_all_group_messages is False

    async with FakeBotAPI(token="999:other", privacy_mode=False) as other:
        # Bot.__aenter__ calls getMe and shuts the client down again when it fails.
        with pytest.raises(telegram.error.InvalidToken, match="rejected"):
            async with telegram.Bot("123456:WRONG", base_url=other.api_url):
                pass
        with pytest.raises(telegram.error.InvalidToken, match="rejected"):
            async with telegram.Bot("not-a-token", base_url=other.api_url):
                pass
        assert [c.status for c in other.calls] == [401, 404]
        async with other.make_bot() as bot:
            assert (await bot.get_me()).can_read_all_group_messages is True

    with pytest.raises(telegram.error.EndPointNotFound):
        await fake_bot.do_api_request("noSuchMethod")
    assert await fake_bot.close() is True
    assert [c.status for c in fake_api.calls_to("noSuchMethod")] == [404]


async def test_send_edit_delete_and_state(fake_api: FakeBotAPI, fake_bot: telegram.Bot) -> None:
    """Sent, edited and deleted messages are tracked with Telegram's text and entities."""
    alice = fake_api.add_user("Alice", username="alice", language_code="nl")
    fake_api.user_starts_bot(alice)
    sent = await fake_bot.send_message(
        alice.id,
        "<b>Stap 1</b> &amp; 👍 <i>klaar</i>",
        parse_mode="HTML",
        reply_markup=keyboard("go"),
    )
    assert sent.text == "Stap 1 & 👍 klaar"
    assert [(e.type, e.offset, e.length) for e in sent.entities] == [
        ("bold", 0, 6),
        ("italic", 12, 5),  # the emoji counts as two UTF-16 code units
    ]
    assert sent.parse_entity(sent.entities[1]) == "klaar"

    stored = fake_api.last_sent(alice)
    assert stored.raw_text == "<b>Stap 1</b> &amp; 👍 <i>klaar</i>"
    assert stored.callback_data == ["go"]

    # Editing without reply_markup removes the inline keyboard, as on Telegram.
    edited = await fake_bot.edit_message_text(
        "Stap 2", chat_id=alice.id, message_id=sent.message_id
    )
    assert isinstance(edited, telegram.Message)
    assert edited.text == "Stap 2" and edited.reply_markup is None and edited.edit_date
    assert stored.versions[0]["text"] == "Stap 1 & 👍 klaar"
    with pytest.raises(BadRequest, match="Message is not modified"):
        await fake_bot.edit_message_text("Stap 2", chat_id=alice.id, message_id=sent.message_id)
    await fake_bot.edit_message_reply_markup(alice.id, sent.message_id, reply_markup=keyboard("b"))
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await fake_bot.edit_message_text("x", chat_id=alice.id, message_id=999)

    forced = await fake_bot.send_message(
        alice.id, "Naam?", reply_markup=telegram.ForceReply(input_field_placeholder="naam")
    )
    assert fake_api.message(alice, forced.message_id).force_reply
    assert await fake_bot.delete_message(alice.id, forced.message_id)
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await fake_bot.delete_message(alice.id, forced.message_id)
    assert [m.text for m in fake_api.messages_in(alice)] == ["/start", "Stap 2"]
    assert len(fake_api.sent_messages(alice)) == 2

    await fake_bot.send_chat_action(alice.id, "typing")
    assert fake_api.chat_actions[-1][:2] == (alice.id, "typing")
    call = fake_api.calls_to("sendMessage")[0]
    assert call.chat_id == alice.id and call.params["reply_markup"]["inline_keyboard"]


async def test_text_limits(fake_api: FakeBotAPI, fake_bot: telegram.Bot) -> None:
    """Length, emptiness and parse_mode errors are 400 Bad Request."""
    alice = fake_api.add_user("Alice", started=True)
    await fake_bot.send_message(alice.id, "x" * 4096)
    with pytest.raises(BadRequest, match="Message is too long"):
        await fake_bot.send_message(alice.id, "x" * 4097)
    # The limit applies to the text after entity parsing.
    await fake_bot.send_message(alice.id, "<b>" + "x" * 4096 + "</b>", parse_mode="HTML")
    with pytest.raises(BadRequest, match="Message text is empty"):
        await fake_bot.send_message(alice.id, "   ")
    with pytest.raises(BadRequest, match="Can't parse entities"):
        await fake_bot.send_message(alice.id, "<b>unclosed", parse_mode="HTML")
    with pytest.raises(BadRequest, match="Can't parse entities"):
        await fake_bot.send_message(alice.id, "a < b", parse_mode="HTML")
    with pytest.raises(BadRequest, match="Can't parse entities"):
        await fake_bot.send_message(alice.id, "Tom & Jerry", parse_mode="HTML")
    with pytest.raises(BadRequest, match="reserved and must be escaped"):
        await fake_bot.send_message(alice.id, "Klaar.", parse_mode="MarkdownV2")
    ok = await fake_bot.send_message(alice.id, r"*Klaar*\. 1\-2", parse_mode="MarkdownV2")
    assert ok.text == "Klaar. 1-2" and ok.entities[0].type == "bold"
    with pytest.raises(BadRequest, match=r"(?i)can't find end of bold entity"):
        await fake_bot.send_message(alice.id, r"*Klaar\.", parse_mode="MarkdownV2")


async def test_callback_data_is_limited_to_64_bytes(
    fake_api: FakeBotAPI, fake_bot: telegram.Bot
) -> None:
    """callback_data over 64 UTF-8 bytes is refused with BUTTON_DATA_INVALID."""
    alice = fake_api.add_user("Alice", started=True)
    await fake_bot.send_message(alice.id, "ok", reply_markup=keyboard("a" * 64, "é" * 32))
    for data in ("a" * 65, "é" * 33):  # 65 and 66 UTF-8 bytes
        with pytest.raises(BadRequest, match="Button_data_invalid"):
            await fake_bot.send_message(alice.id, "too long", reply_markup=keyboard(data))
    assert len(fake_api.sent_messages()) == 1


async def test_photos_and_documents(fake_api: FakeBotAPI, fake_bot: telegram.Bot) -> None:
    """Uploads are stored and downloadable; photo size and dimension limits apply."""
    alice = fake_api.add_user("Alice", started=True)
    image = png(640, 480)
    msg = await fake_bot.send_photo(alice.id, image, caption="<b>Kaart</b>", parse_mode="HTML")
    assert msg.caption == "Kaart" and msg.caption_entities[0].type == "bold"
    assert (msg.photo[-1].width, msg.photo[-1].height) == (640, 480)
    assert fake_api.file_bytes(msg.photo[-1].file_id) == image
    again = await fake_bot.send_photo(alice.id, msg.photo[-1].file_id)
    assert again.photo[-1].file_unique_id == msg.photo[-1].file_unique_id
    downloaded = await (await fake_bot.get_file(msg.photo[-1].file_id)).download_as_bytearray()
    assert bytes(downloaded) == image

    with pytest.raises(BadRequest, match="Photo_invalid_dimensions"):
        await fake_bot.send_photo(alice.id, png(9000, 1001, pixels=False))
    with pytest.raises(BadRequest, match="Photo_invalid_dimensions"):
        await fake_bot.send_photo(alice.id, png(2100, 100, pixels=False))  # ratio 21
    with pytest.raises(BadRequest, match="Photo_invalid_dimensions"):
        await fake_bot.send_photo(alice.id, png(9999, 2, pixels=False))  # each side < 10000
    # At the limits exactly: a sum of 10000 and a ratio of 20 are accepted.
    assert (await fake_bot.send_photo(alice.id, png(5000, 5000, pixels=False))).photo
    assert (await fake_bot.send_photo(alice.id, png(100, 2000, pixels=False))).photo
    with pytest.raises(BadRequest):
        await fake_bot.send_photo(alice.id, png(100, 100, pixels=False) + bytes(10 * 1024 * 1024))
    with pytest.raises(BadRequest, match="Message caption is too long"):
        await fake_bot.send_photo(alice.id, image, caption="c" * 1025)

    doc = await fake_bot.send_document(
        alice.id, b"a,b\n1,2\n", filename="journey.csv", caption="CSV"
    )
    assert doc.document is not None and doc.document.file_name == "journey.csv"
    assert doc.document.file_size == 8
    assert fake_api.calls_to("sendDocument")[0].files == {"document": 8}


# -------------------------------------------------------------------- users and groups


async def test_bot_cannot_initiate_private_conversation(
    fake_api: FakeBotAPI, fake_bot: telegram.Bot
) -> None:
    """A user must start the bot before it can write, and blocking stops it again."""
    bob = fake_api.add_user("Bob")
    with pytest.raises(Forbidden, match="bot can't initiate conversation with a user"):
        await fake_bot.send_message(bob.id, "Hallo")
    with pytest.raises(BadRequest, match="Chat not found"):
        await fake_bot.send_message(424242, "Hallo")
    fake_api.user_starts_bot(bob, payload="ws-42")
    assert fake_api.messages_in(bob)[0].text == "/start ws-42"
    await fake_bot.send_message(bob.id, "Hallo")
    fake_api.user_blocks_bot(bob)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await fake_bot.send_message(bob.id, "Hallo?")
    assert [next(k for k in u if k != "update_id") for u in fake_api.pending_updates] == [
        "message",
        "my_chat_member",
    ]


async def test_privacy_mode_with_application(fake_api: FakeBotAPI) -> None:
    """In groups, privacy mode only lets commands and replies through, not mentions."""
    alice = fake_api.add_user("Alice", username="alice")
    bob = fake_api.add_user("Bob")
    group = fake_api.add_group("Workshop", [alice, bob])
    seen: list[str] = []

    async def record(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if update.effective_message and update.effective_message.text:
            seen.append(update.effective_message.text)

    async def help_cmd(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text("Hulp!")

    async with polling_app(
        fake_api, CommandHandler("help", help_cmd), recorder=TypeHandler(Update, record)
    ):
        plain = await fake_api.user_sends(alice, group, "hello everyone")
        other = await fake_api.user_sends(bob, group, "/help@otherbot")
        await fake_api.user_sends(alice, group, "/help")
        await fake_api.user_sends(bob, group, "/help@CJBot_Test_Bot extra")
        replies = await fake_api.wait_for_sent(group, count=2)
        assert [m.text for m in replies] == ["Hulp!", "Hulp!"]
        before = len(fake_api.sent_messages(group))
        await fake_api.user_sends(alice, group, "/help")
        (third,) = await fake_api.wait_for_sent(group, since=before)
        assert third.text == "Hulp!"
        reply = await fake_api.user_sends(bob, group, "dank je", reply_to=replies[0])
        mention = await fake_api.user_sends(alice, group, "vraag voor @cjbot_test_bot 🙂")
        to_user = await fake_api.user_sends(alice, group, "klopt", reply_to=plain)
        await fake_api.wait_for(lambda: len(seen) == 4 and not fake_api.pending_updates)

        assert not plain.delivered and not other.delivered
        assert reply.delivered
        assert not mention.delivered, "Telegram keeps plain @mentions from a bot in privacy mode"
        assert [e["type"] for e in mention.entities] == ["mention"]
        assert not to_user.delivered, "a reply to someone else's message is not for the bot"
        assert seen == ["/help", "/help@CJBot_Test_Bot extra", "/help", "dank je"]

        fake_api.privacy_mode = False
        await fake_api.user_sends(alice, group, "now everything arrives")
        await fake_api.wait_for(lambda: "now everything arrives" in seen)


async def test_bare_commands_go_to_the_last_bot_that_spoke(
    fake_api: FakeBotAPI, fake_bot: telegram.Bot
) -> None:
    """Privacy mode with several bots: a bare /cmd reaches the bot that spoke last."""
    alice = fake_api.add_user("Alice")
    group = fake_api.add_group("Twee bots", [alice])
    assert (await fake_api.user_sends(alice, group, "/next")).delivered  # no bot spoke yet
    fake_api.another_bot_speaks(group)
    bare = await fake_api.user_sends(alice, group, "/next")
    addressed = await fake_api.user_sends(alice, group, "/next@cjbot_test_bot")
    elsewhere = await fake_api.user_sends(alice, group, "/next@OtherBot")
    assert not bare.delivered and addressed.delivered and not elsewhere.delivered
    await fake_bot.send_message(group.id, "Stap 2/8")  # our bot speaks: bare ones come back
    assert (await fake_api.user_sends(alice, group, "/next")).delivered
    updates = await fake_bot.get_updates(timeout=0)
    texts = [u.message.text for u in updates if u.message]
    assert texts == ["/next", "/next@cjbot_test_bot", "/next"]


async def test_available_reactions_per_group(fake_api: FakeBotAPI, fake_bot: telegram.Bot) -> None:
    """getChat shows a group's reactions setting; reactions outside it are REACTION_INVALID."""
    alice = fake_api.add_user("Alice")
    every = fake_api.add_group("Alles", [alice])
    none = fake_api.add_group("Geen", [alice], available_reactions=[])
    some = fake_api.add_group("Enkele", [alice], available_reactions=["✍", "👌"])

    async def raw(chat: Any) -> Any:
        # PTB's ChatFullInfo folds "omitted" (all) and [] (none) into the same empty tuple.
        return await fake_bot.do_api_request("getchat", {"chat_id": chat.id})

    assert "available_reactions" not in await raw(every)
    assert (await raw(none))["available_reactions"] == []
    assert (await raw(some))["available_reactions"] == [
        {"type": "emoji", "emoji": "✍"}, {"type": "emoji", "emoji": "👌"}]
    limited = (await fake_bot.get_chat(some.id)).available_reactions or ()
    assert [r.emoji for r in limited if isinstance(r, telegram.ReactionTypeEmoji)] == ["✍", "👌"]
    assert (await fake_bot.get_chat(every.id)).available_reactions == ()

    msgs = {g.id: await fake_api.user_sends(alice, g, "/add doel") for g in (every, none, some)}
    assert await fake_bot.set_message_reaction(every.id, msgs[every.id].message_id, "👍")
    assert await fake_bot.set_message_reaction(every.id, msgs[every.id].message_id, "🤷‍♂️")
    for chat, emoji in ((none, "👍"), (some, "👍"), (some, "🤷")):
        with pytest.raises(BadRequest, match="Reaction_invalid"):
            await fake_bot.set_message_reaction(chat.id, msgs[chat.id].message_id, emoji)
    assert await fake_bot.set_message_reaction(some.id, msgs[some.id].message_id, "✍")
    assert fake_api.reactions[(some.id, msgs[some.id].message_id)] == [
        {"type": "emoji", "emoji": "✍"}
    ]
    # Taking a reaction away is always allowed; an admin may change the setting later.
    assert await fake_bot.set_message_reaction(some.id, msgs[some.id].message_id, [])
    fake_api.set_available_reactions(none, None)
    assert await fake_bot.set_message_reaction(none.id, msgs[none.id].message_id, "👍")
    with pytest.raises(ValueError, match="not a Telegram reaction emoji"):
        fake_api.set_available_reactions(some, ["🍕"])


async def test_unannounced_migration_refuses_every_call_on_the_old_id(
    fake_api: FakeBotAPI, fake_bot: telegram.Bot
) -> None:
    """A migration the bot missed: sends, edits, photos, reactions and getChat on the old id
    are all 400 with parameters.migrate_to_chat_id (PTB's ChatMigrated)."""
    alice = fake_api.add_user("Alice")
    group = fake_api.add_group("Workshop", [alice], available_reactions=["✍"])
    card = await fake_bot.send_message(group.id, "Stap 1/8")
    entry = await fake_api.user_sends(alice, group, "Doel", reply_to=fake_api.last_sent())
    supergroup = fake_api.migrate_group_to_supergroup(group, announce=False)
    assert fake_api.pending_updates == [u for u in fake_api.pending_updates
                                        if "migrate" not in str(u)]
    calls: list[Callable[[], Awaitable[Any]]] = [
        lambda: fake_bot.send_message(group.id, "Nog iemand?"),
        lambda: fake_bot.edit_message_text("Stap 1/8 · 1", chat_id=group.id,
                                           message_id=card.message_id),
        lambda: fake_bot.send_photo(group.id, png(64, 64)),
        lambda: fake_bot.set_message_reaction(group.id, entry.message_id, "✍"),
        lambda: fake_bot.get_chat(group.id),
    ]
    for call in calls:
        with pytest.raises(ChatMigrated) as info:
            await call()
        assert info.value.new_chat_id == supergroup.id
    assert len((await fake_bot.get_chat(supergroup.id)).available_reactions or ()) == 1
    assert (await fake_bot.send_message(supergroup.id, "Hier")).chat.id == supergroup.id


async def test_group_membership_events(fake_api: FakeBotAPI, fake_bot: telegram.Bot) -> None:
    """Adding/removing the bot and members produce Telegram's updates and statuses."""
    alice = fake_api.add_user("Alice")
    bob = fake_api.add_user("Bob")
    group = fake_api.add_group("Later", [alice], bot_status="left")
    assert not (await fake_api.user_sends(alice, group, "/start")).delivered
    with pytest.raises(Forbidden, match="bot is not a member of the group chat"):
        await fake_bot.send_message(group.id, "hi")
    fake_api.user_adds_bot(alice, group)
    fake_api.add_member(group, bob, by=alice)
    updates = await fake_bot.get_updates(timeout=0)
    assert updates[0].my_chat_member is not None
    assert updates[0].my_chat_member.new_chat_member.status == "member"
    assert updates[1].message is not None
    assert updates[1].message.new_chat_members[0].username == "cjbot_test_bot"
    assert updates[2].message is not None and updates[2].message.new_chat_members[0].id == bob.id
    assert (await fake_bot.get_chat_member(group.id, bob.id)).status == "member"
    assert (await fake_bot.get_chat_member(group.id, fake_api.bot_user.id)).status == "member"
    with pytest.raises(BadRequest, match="Participant_id_invalid"):
        await fake_bot.get_chat_member(group.id, 777)

    fake_api.user_removes_bot(alice, group)
    with pytest.raises(Forbidden, match="not a member"):
        await fake_bot.send_message(group.id, "hi")
    assert await fake_bot.delete_webhook(drop_pending_updates=True)
    assert fake_api.pending_updates == []


async def test_get_updates_offset_confirmation(
    fake_api: FakeBotAPI, fake_bot: telegram.Bot
) -> None:
    """Confirmed updates never come back; long polling waits for new ones."""
    alice = fake_api.add_user("Alice")
    fake_api.user_starts_bot(alice)
    await fake_api.user_sends(alice, alice, "one")
    first = await fake_bot.get_updates(timeout=0)
    assert [u.message.text for u in first if u.message] == ["/start", "one"]
    assert (await fake_bot.get_updates(timeout=0, limit=1))[0].update_id == first[0].update_id

    assert await fake_bot.get_updates(offset=first[-1].update_id + 1, timeout=0) == ()
    assert fake_api.confirmed_offset == first[-1].update_id + 1
    await fake_api.user_sends(alice, alice, "three")
    # An older offset never brings confirmed updates back.
    again = await fake_bot.get_updates(offset=first[0].update_id, timeout=0)
    assert [u.message.text for u in again if u.message] == ["three"]
    assert [u.message.text for u in await fake_bot.get_updates() if u.message] == ["three"]

    # Long polling waits for the next update instead of returning at once.
    task = asyncio.create_task(fake_bot.get_updates(offset=again[0].update_id + 1, timeout=5))
    await fake_api.wait_for(lambda: fake_api.polling_active)
    await asyncio.sleep(0.05)
    assert not task.done()
    await fake_api.user_sends(alice, alice, "four")
    late = await asyncio.wait_for(task, 1)
    assert [u.message.text for u in late if u.message] == ["four"]


async def test_concurrent_get_updates_conflict(fake_api: FakeBotAPI) -> None:
    """A second getUpdates terminates the first one with 409 Conflict."""
    async with fake_api.make_bot() as first, fake_api.make_bot() as second:
        polling = asyncio.create_task(first.get_updates(timeout=5))
        await fake_api.wait_for(lambda: fake_api.polling_active)
        assert await second.get_updates(timeout=0) == ()
        with pytest.raises(Conflict, match="terminated by other getUpdates request"):
            await asyncio.wait_for(polling, 1)


async def test_migration_to_supergroup(fake_api: FakeBotAPI, fake_bot: telegram.Bot) -> None:
    """Group upgrades send both service messages; the old id then raises ChatMigrated."""
    alice = fake_api.add_user("Alice")
    group = fake_api.add_group("Workshop", [alice])
    await fake_bot.send_message(group.id, "Welkom")
    supergroup = fake_api.migrate_group_to_supergroup(group)
    assert supergroup.type == "supergroup" and str(supergroup.id).startswith("-100")

    updates = await fake_bot.get_updates(timeout=0)
    service = [u.message for u in updates if u.message]
    assert service[0].chat.id == group.id and service[0].migrate_to_chat_id == supergroup.id
    assert service[1].chat.id == supergroup.id
    assert service[1].migrate_from_chat_id == group.id
    assert service[1].chat.type == "supergroup"

    with pytest.raises(ChatMigrated) as info:
        await fake_bot.send_message(group.id, "Nog iemand?")
    assert info.value.new_chat_id == supergroup.id
    assert fake_api.calls[-1].parameters == {"migrate_to_chat_id": supergroup.id}
    assert (await fake_bot.send_message(supergroup.id, "Hier")).chat.id == supergroup.id
    member = await fake_bot.get_chat_member(supergroup.id, alice.id)
    assert member.status == "creator"
    chat = await fake_bot.get_chat(supergroup.id)
    assert chat.title == "Workshop"


# ----------------------------------------------------------------- flood control, faults


async def test_injected_429_raises_retry_after(
    fake_api: FakeBotAPI, fake_bot: telegram.Bot
) -> None:
    """inject_429 makes PTB raise RetryAfter with the scripted retry_after."""
    alice = fake_api.add_user("Alice", started=True)
    fake_api.inject_429(count=2, retry_after=7, methods={"sendMessage"}, chat_id=alice.id)
    await fake_bot.send_chat_action(alice.id, "typing")  # other methods are not affected
    for _ in range(2):
        with pytest.raises(RetryAfter) as info:
            await fake_bot.send_message(alice.id, "hi")
        assert info.value.retry_after == dtm.timedelta(seconds=7)
    await fake_bot.send_message(alice.id, "hi")
    assert [c.status for c in fake_api.calls_to("sendMessage")] == [429, 429, 200]


async def test_injected_errors_and_dropped_connections(
    fake_api: FakeBotAPI, fake_bot: telegram.Bot
) -> None:
    """Injected 5xx answers and dropped sockets surface as NetworkError."""
    alice = fake_api.add_user("Alice", started=True)
    fake_api.inject_error(502, count=1, description="Bad Gateway")
    assert await fake_bot.get_updates(timeout=0) == ()  # getUpdates only when named
    with pytest.raises(NetworkError, match="Bad Gateway"):
        await fake_bot.send_message(alice.id, "a")
    fake_api.drop_connections(1, methods="sendMessage")
    with pytest.raises(NetworkError):
        await fake_bot.send_message(alice.id, "b")
    assert fake_api.sent_messages() == []
    fake_api.drop_connections(1, after_effect=True)  # done, but the answer is lost
    with pytest.raises(NetworkError):
        await fake_bot.send_message(alice.id, "c")
    assert [m.text for m in fake_api.sent_messages()] == ["c"]
    await fake_bot.send_message(alice.id, "d")
    assert [m.text for m in fake_api.sent_messages()] == ["c", "d"]
    fake_api.inject_error(500, description="Internal Server Error", methods="getUpdates")
    with pytest.raises(NetworkError, match="Internal Server Error"):
        await fake_bot.get_updates(timeout=0)


async def test_injected_delay_is_a_request_timeout(fake_api: FakeBotAPI) -> None:
    """inject_delay beyond the read timeout: TimedOut; the call lands only with after_effect."""
    from telegram.error import TimedOut
    from telegram.request import HTTPXRequest

    alice = fake_api.add_user("Alice", started=True)
    async with fake_api.make_bot(request=HTTPXRequest(read_timeout=0.3)) as bot:
        fake_api.inject_delay(0.1, methods="sendMessage")  # within the timeout: only late
        assert (await bot.send_message(alice.id, "a")).text == "a"
        fake_api.inject_delay(0.8, methods="sendMessage")
        with pytest.raises(TimedOut):
            await bot.send_message(alice.id, "b")
        fake_api.inject_delay(0.8, methods="sendMessage", after_effect=True)
        with pytest.raises(TimedOut):
            await bot.send_message(alice.id, "c")
        # "c" lands once its delay is over, after the client gave up; "b" never does.
        await fake_api.wait_for(lambda: len(fake_api.sent_messages()) == 2, timeout=5)
        await asyncio.sleep(0.8)
        assert [m.text for m in fake_api.sent_messages()] == ["a", "c"]
        late = fake_api.calls_to("sendMessage")
        assert [c.status for c in late] == [200, 0, 0]
        assert late[2].error and "performed after the client went away" in late[2].error
        assert late[2].result["text"] == "c"
        assert (await bot.send_message(alice.id, "d")).text == "d"  # faults are used up


async def test_group_limit_20_per_minute(fake_api_factory: FakeFactory) -> None:
    """The 21st group message within a minute of fake time is refused with 429."""
    clock = FakeClock()
    fake = await fake_api_factory(clock=clock)
    alice = fake.add_user("Alice")
    group = fake.add_group("Workshop", [alice])
    async with fake.make_bot() as bot:
        messages = [await bot.send_message(group.id, f"m{i}") for i in range(20)]
        with pytest.raises(RetryAfter) as info:
            await bot.send_message(group.id, "m20")
        assert info.value.retry_after == dtm.timedelta(seconds=60)
        assert fake.calls[-1].error == "Too Many Requests: retry after 60"

        # Edits have their own (looser) per-group budget.
        for i in range(30):
            await bot.edit_message_text(
                f"e{i}", chat_id=group.id, message_id=messages[0].message_id
            )
        with pytest.raises(RetryAfter):
            await bot.edit_message_text("e30", chat_id=group.id, message_id=messages[0].message_id)

        clock.advance(59.5)
        with pytest.raises(RetryAfter) as info:
            await bot.send_message(group.id, "m20")
        assert info.value.retry_after == dtm.timedelta(seconds=1)
        clock.advance(0.5)
        await bot.send_message(group.id, "m20")


async def test_global_and_per_chat_limits(fake_api_factory: FakeFactory) -> None:
    """The global 30/s limit and the per-chat burst bucket apply; limits can be disabled."""
    clock = FakeClock()
    fake = await fake_api_factory(clock=clock)
    users = [fake.add_user(f"U{i}", started=True) for i in range(31)]
    async with fake.make_bot() as bot:
        for user in users[:30]:
            await bot.send_message(user.id, "hi")
        with pytest.raises(RetryAfter) as info:
            await bot.send_message(users[30].id, "hi")
        assert info.value.retry_after == dtm.timedelta(seconds=1)

        clock.advance(1)
        fake.limits.per_chat_burst = 3
        fake.reset_rate_limits()
        for _ in range(3):
            await bot.send_message(users[0].id, "burst")
        with pytest.raises(RetryAfter):
            await bot.send_message(users[0].id, "burst")
        clock.advance(1)
        await bot.send_message(users[0].id, "after a second")

        fake.limits.enabled = False
        for _ in range(40):
            await bot.send_message(users[1].id, "unlimited")


# -------------------------------------------------------------- callbacks, commands, hooks


async def test_callback_query_answer_and_reaction(fake_api: FakeBotAPI) -> None:
    """A PTB callback handler answers, reacts and edits through the fake."""
    alice = fake_api.add_user("Alice", username="alice")
    fake_api.user_starts_bot(alice)

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text("Kies", reply_markup=keyboard("ja", "nee"))

    async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None and isinstance(query.message, telegram.Message)
        await query.answer(f"Gekozen: {query.data}")
        await query.message.set_reaction("👍")
        await query.edit_message_text(f"Je koos {query.data}")

    async with polling_app(fake_api, CommandHandler("start", start), CallbackQueryHandler(pressed)):
        (menu,) = await fake_api.wait_for_sent(alice)
        assert menu.callback_data == ["ja", "nee"]
        with pytest.raises(ValueError, match="no button"):
            await fake_api.user_presses(alice, menu, "misschien")
        query = await fake_api.user_presses(alice, menu, "nee")
        await fake_api.wait_for(lambda: menu.text == "Je koos nee")

    assert query.answered and fake_api.callback_answers[0].text == "Gekozen: nee"
    assert fake_api.reactions[(alice.id, menu.message_id)] == [{"type": "emoji", "emoji": "👍"}]
    assert menu.reply_markup is None  # the edit dropped the keyboard


async def test_answer_twice_and_bad_reaction(fake_api: FakeBotAPI, fake_bot: telegram.Bot) -> None:
    """Answering a query twice and invalid reactions are refused."""
    alice = fake_api.add_user("Alice", started=True)
    sent = await fake_bot.send_message(alice.id, "Kies", reply_markup=keyboard("a"))
    query = await fake_api.user_presses(alice, fake_api.last_sent(), "a")
    assert await fake_bot.answer_callback_query(query.id)
    with pytest.raises(BadRequest, match="Query is too old"):
        await fake_bot.answer_callback_query(query.id)
    with pytest.raises(BadRequest, match="Reaction_invalid"):
        await fake_bot.set_message_reaction(alice.id, sent.message_id, "🍕")
    with pytest.raises(BadRequest, match="Message to react not found"):
        await fake_bot.set_message_reaction(alice.id, 999, "👍")


async def test_commands_per_scope_and_language(
    fake_api: FakeBotAPI, fake_bot: telegram.Bot
) -> None:
    """Commands are stored per scope and language code."""
    await fake_bot.set_my_commands([("start", "Begin"), ("help", "Hulp")], language_code="nl")
    await fake_bot.set_my_commands(
        [("start", "Start")], scope=telegram.BotCommandScopeAllGroupChats()
    )
    assert [c.command for c in await fake_bot.get_my_commands(language_code="nl")] == [
        "start",
        "help",
    ]
    assert await fake_bot.get_my_commands() == ()
    assert fake_api.get_commands("all_group_chats") == [
        {"command": "start", "description": "Start"}
    ]
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await fake_bot.set_my_commands([("Start", "upper case is invalid")])


async def test_webhook_delivery_with_secret_and_redelivery(
    fake_api: FakeBotAPI, fake_bot: telegram.Bot
) -> None:
    """Webhook updates carry the secret header and are re-sent until a 2xx answer."""
    answers = [500, 502, 200, 200]
    received: list[tuple[str | None, int]] = []

    async def hook(request: web.Request) -> web.Response:
        body = await request.json()
        received.append((request.headers.get("X-Telegram-Bot-Api-Secret-Token"), body["update_id"]))
        return web.Response(status=answers.pop(0))

    app = web.Application()
    app.router.add_post("/hook", hook)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        alice = fake_api.add_user("Alice")
        await fake_bot.set_webhook(f"http://127.0.0.1:{port}/hook", secret_token="s3cr3t")
        with pytest.raises(Conflict, match="webhook is active"):
            await fake_bot.get_updates(timeout=0)
        fake_api.user_starts_bot(alice)
        await fake_api.wait_for(lambda: not fake_api.pending_updates)
        first_id = received[0][1]
        assert received == [("s3cr3t", first_id)] * 3
        assert [d.status for d in fake_api.webhook_deliveries] == [500, 502, 200]
        info = await fake_bot.get_webhook_info()
        assert info.url.endswith("/hook") and info.pending_update_count == 0
        assert info.last_error_message == "Wrong response from the webhook: 502 Bad Gateway"

        await fake_api.user_sends(alice, alice, "tweede")
        await fake_api.wait_for(lambda: len(received) == 4)
        assert received[3] == ("s3cr3t", first_id + 1)
        assert await fake_bot.delete_webhook()
        with pytest.raises(BadRequest, match="loopback"):
            await fake_bot.set_webhook("https://example.org/hook")
    finally:
        await runner.cleanup()


async def test_ptb_webhook_updater(fake_api: FakeBotAPI) -> None:
    """PTB's own webhook updater receives updates from the fake."""
    alice = fake_api.add_user("Alice")
    fake_api.user_starts_bot(alice)
    port = free_port()

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text("via webhook")

    app = fake_api.application_builder().build()
    app.add_handler(CommandHandler("start", start))
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_webhook(
            listen="127.0.0.1",
            port=port,
            url_path="tg",
            webhook_url=f"http://127.0.0.1:{port}/tg",
            secret_token="abc",
        )
        try:
            (reply,) = await fake_api.wait_for_sent(alice)
            assert reply.text == "via webhook"
            assert fake_api.webhook is not None and fake_api.webhook.secret_token == "abc"
        finally:
            await app.updater.stop()
            await app.stop()


# --------------------------------------------------------------------- pure formatting


@pytest.mark.parametrize(
    ("text", "mode", "plain", "types"),
    [
        (
            '<a href="https://x.org">link</a> <code>a&lt;b</code>',
            "HTML",
            "link a<b",
            ["text_link", "code"],
        ),
        (
            "<blockquote>q</blockquote><tg-spoiler>s</tg-spoiler>",
            "HTML",
            "qs",
            ["blockquote", "spoiler"],
        ),
        (
            r"__u__ _i_ ~s~ ||sp|| `c\`` [l](https://x.org/\))",
            "MarkdownV2",
            "u i s sp c` l",
            ["underline", "italic", "strikethrough", "spoiler", "code", "text_link"],
        ),
        ("*b* _i_ `c`", "Markdown", "b i c", ["bold", "italic", "code"]),
    ],
)
def test_parse_modes(text: str, mode: str, plain: str, types: list[str]) -> None:
    """The HTML, MarkdownV2 and Markdown parsers give Telegram's plain text and entities."""
    result, entities = parse(text, mode)
    assert result == plain
    assert [e["type"] for e in entities] == types
    assert utf16_len("👍a") == 3


@settings(max_examples=150, deadline=None)
@given(st.text().map(lambda s: s.replace("\x00", "")))
def test_properly_escaped_text_always_parses(text: str) -> None:
    """Text escaped with PTB's helpers or html.escape parses back to itself."""
    assert parse(escape_markdown(text, version=2), "MarkdownV2")[0] == text
    assert parse(f"*{escape_markdown(text, version=2)}*", "MarkdownV2")[0] == text
    assert parse(html.escape(text), "HTML")[0] == text
    assert parse(f"<b>{html.escape(text, quote=False)}</b>", "HTML")[0] == text


async def test_concurrent_webhook_delivery_keeps_each_chat_in_order(
    fake_api_factory: FakeFactory,
) -> None:
    """webhook_concurrent: several chats at once, up to max_connections; one chat in sequence."""
    fake = await fake_api_factory(webhook_concurrent=True)
    active: dict[int, int] = {}  # chat id -> POSTs of that chat in flight
    overlap = {"now": 0, "max": 0, "same_chat": 0}
    order: dict[int, list[str]] = {}
    refused: set[int] = set()

    async def hook(request: web.Request) -> web.Response:
        body = await request.json()
        message = body["message"]
        chat = message["chat"]["id"]
        active[chat] = active.get(chat, 0) + 1
        overlap["same_chat"] = max(overlap["same_chat"], active[chat])
        overlap["now"] += 1
        overlap["max"] = max(overlap["max"], overlap["now"])
        try:
            await asyncio.sleep(0.05)  # a slow handler: the others must not wait for it
            if message["text"] == "b1" and body["update_id"] not in refused:
                refused.add(body["update_id"])
                return web.Response(status=500)  # re-sent, and b2 still comes after it
            order.setdefault(chat, []).append(message["text"])
            return web.Response(status=200)
        finally:
            active[chat] -= 1
            overlap["now"] -= 1

    app = web.Application()
    app.router.add_post("/hook", hook)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        async with fake.make_bot() as bot:
            await bot.set_webhook(f"http://127.0.0.1:{port}/hook", max_connections=3)
        users = [fake.add_user(name) for name in ("A", "B", "C", "D")]
        for user in users:
            fake.private_chat(user)
        for i in range(1, 4):
            for user, prefix in zip(users, "abcd", strict=True):
                await fake.user_sends(user, user, f"{prefix}{i}")
        await fake.wait_for(lambda: not fake.pending_updates, timeout=10)
    finally:
        await runner.cleanup()
    assert overlap["max"] == 3, "max_connections bounds the POSTs in flight, and is reached"
    assert overlap["same_chat"] == 1, "never two updates of one chat at once"
    assert [order[u.id] for u in users] == [[f"{p}{i}" for i in range(1, 4)] for p in "abcd"]
    assert len(refused) == 1 and len(fake.webhook_deliveries) == 13
