"""Which group messages the bot takes: commands addressed to it, and replies to its messages."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from telegram import Chat, Message, MessageEntity, Update, User

from bot import ingest

BOT = User(123456, "CJ Test Bot", is_bot=True, username="cjbot_test_bot")
ANNA = User(10_001, "Anna", is_bot=False, username="anna")
GROUP = Chat(-4_000_000_001, Chat.GROUP, title="Webshop")


def _message(text: str, *, reply_to: Message | None = None, command: bool = False) -> Message:
    entities = []
    if command:
        length = len(text.split()[0])
        entities = [MessageEntity(MessageEntity.BOT_COMMAND, 0, length)]
    return Message(7, datetime.now(UTC), GROUP, from_user=ANNA, text=text,
                   entities=entities, reply_to_message=reply_to)


CARD = Message(1, datetime.now(UTC), GROUP, from_user=BOT, text="Stap 1/8 · Doelen")
OTHERS = Message(2, datetime.now(UTC), GROUP, from_user=ANNA, text="Koffie?")


@pytest.mark.parametrize(("text", "expected"), [
    ("/next", ("next", "")),
    ("/next@cjbot_test_bot", ("next", "")),
    ("/NEXT@CJBot_Test_Bot nu", ("next", "nu")),
    ("/add@cjbot_test_bot Doel 1\nDoel 2", ("add", "Doel 1\nDoel 2")),
    ("/next@OtherBot", None),
    ("/next@cjbot_test_bot_2", None),
])
def test_commands_for_another_bot_are_ignored(text: str,
                                              expected: tuple[str, str] | None) -> None:
    assert ingest.split_command(_message(text, command=True), "cjbot_test_bot") == expected


def test_text_without_a_leading_command_is_no_command() -> None:
    assert ingest.split_command(_message("zie /next"), "cjbot_test_bot") is None


@pytest.mark.parametrize(("text", "taken"), [
    ("Minder afhakers", "Minder afhakers"),
    ("@cjbot_test_bot Minder afhakers", "Minder afhakers"),
    ("  @CJBot_Test_Bot: Minder afhakers\nSneller leveren", "Minder afhakers\nSneller leveren"),
    ("@cjbot_test_bot", ""),
    ("@cjbot_test_botje is een naam", "@cjbot_test_botje is een naam"),
    ("Vraag voor @cjbot_test_bot", "Vraag voor @cjbot_test_bot"),
])
def test_a_reply_to_the_bot_is_taken_without_a_leading_handle(text: str, taken: str) -> None:
    message = _message(text, reply_to=CARD)
    assert ingest.is_for_bot(message, BOT.id, "cjbot_test_bot") == taken


@pytest.mark.parametrize("reply_to", [None, OTHERS])
def test_a_mention_alone_is_not_for_the_bot(reply_to: Message | None) -> None:
    """Privacy mode keeps plain mentions from the bot; should one arrive (the bot is an
    admin), it is still not an entry: only replies to the bot's messages are."""
    message = _message("@cjbot_test_bot Minder afhakers", reply_to=reply_to)
    assert ingest.is_for_bot(message, BOT.id, "cjbot_test_bot") is None


def test_commands_carry_the_bot_username_only_when_known() -> None:
    update = Update(1, message=_message("/help", command=True))
    made = ingest.command(update, ingest.verb_for("help") or pytest.fail("no help verb"), "")
    assert made is not None
    assert made[0].bot_username is None  # no bot attached (e.g. a test or a replay)
