"""The acknowledgement policy: which emoji a group allows, refusals, the quiet text's pace."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from telegram.error import BadRequest, NetworkError

from bot.reactions import ACK_EMOJI, Acknowledger, allowed_emoji, pick
from cjworkflow.i18n import t

GROUP = -4_000_000_001


class Clock:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


class FakeBot:
    """A bot whose getChat answers `setting` (None: the field omitted) and whose reactions
    follow Telegram's rule for it; records what it was asked."""

    def __init__(self, setting: list[str] | None) -> None:
        self.setting = setting
        self.listed: list[str] | None = setting  # what getChat claims (may differ)
        self.reads = 0
        self.reactions: list[str] = []
        self.texts: list[str] = []
        self.get_chat_error: Exception | None = None

    async def do_api_request(self, endpoint: str, api_kwargs: dict[str, Any]) -> Any:
        assert endpoint.lower() == "getchat"
        self.reads += 1
        if self.get_chat_error is not None:
            raise self.get_chat_error
        raw: dict[str, Any] = {"id": api_kwargs["chat_id"], "type": "group"}
        if self.listed is not None:
            raw["available_reactions"] = [{"type": "emoji", "emoji": e} for e in self.listed]
        return raw

    async def set_message_reaction(self, chat: int, message_id: int, reaction: Any) -> bool:
        emoji = reaction[0].emoji
        self.reactions.append(emoji)
        if self.setting is not None and emoji not in self.setting:
            raise BadRequest("Reaction_invalid")
        return True

    async def send_message(self, chat: int, text: str, **kwargs: Any) -> str:
        self.texts.append(text)
        return text


async def call(chat: int, make: Callable[[int], Awaitable[Any]], what: str, *,
               message: bool = True) -> Any:
    """SendQueue.call without retries: BadRequests other than a refusal end as None."""
    try:
        return await make(chat)
    except BadRequest:
        return None


def _ack(bot: FakeBot, clock: Clock) -> Acknowledger:
    return Acknowledger(bot, clock=clock)  # type: ignore[arg-type]


def test_the_setting_as_telegram_sends_it() -> None:
    assert allowed_emoji({"id": 1}) is None  # omitted: every emoji
    assert allowed_emoji({"available_reactions": []}) == frozenset()
    assert allowed_emoji({"available_reactions": [
        {"type": "emoji", "emoji": "✍"}, {"type": "custom_emoji", "custom_emoji_id": "5"}]}) \
        == frozenset({"✍"})
    assert pick(None) == "👍"
    assert pick(frozenset({"❤", "🙏"})) == "🙏"
    assert pick(frozenset({"🔥"})) is None
    assert pick(None, skip=ACK_EMOJI) is None


async def test_reactions_off_one_read_and_one_text_per_while() -> None:
    bot, clock = FakeBot([]), Clock()
    ack = _ack(bot, clock)
    for n in range(5):
        await ack.acknowledge(GROUP, n + 1, f"👍 Toegevoegd: {n}", "nl", call)
        clock.now += 10
    assert bot.reactions == [] and bot.reads == 1
    note = t("nl", "ack-without-reactions")
    assert bot.texts == [f"👍 Toegevoegd: 0\n{note}"]
    clock.now += 300
    await ack.acknowledge(GROUP, 9, "👍 Toegevoegd: 9", "nl", call)
    assert bot.texts == [f"👍 Toegevoegd: 0\n{note}", f"👍 Toegevoegd: 9\n{note}"]
    assert bot.reads == 1, "the setting is read again only after its TTL (10 min)"
    clock.now += 600
    await ack.acknowledge(GROUP, 10, "", "nl", call)
    assert bot.reads == 2


async def test_private_chats_are_never_read() -> None:
    bot = FakeBot(None)
    await _ack(bot, Clock()).acknowledge(10_001, 1, "👍", "nl", call)
    assert bot.reactions == ["👍"] and bot.reads == 0


async def test_a_refusal_rereads_once_and_the_next_entries_know() -> None:
    bot, clock = FakeBot(None), Clock()
    ack = _ack(bot, clock)
    await ack.acknowledge(GROUP, 1, "ok", "en", call)
    bot.setting = bot.listed = ["👌"]  # an admin limits the reactions
    await ack.acknowledge(GROUP, 2, "ok", "en", call)
    await ack.acknowledge(GROUP, 3, "ok", "en", call)
    assert bot.reactions == ["👍", "👍", "👌", "👌"]
    assert bot.reads == 2 and bot.texts == []


async def test_telegram_and_the_listed_setting_disagree_no_storm() -> None:
    """getChat says every emoji (a client bug once reported), Telegram refuses them all."""
    bot, clock = FakeBot([]), Clock()
    bot.listed = None
    ack = _ack(bot, clock)
    for n in range(10):
        await ack.acknowledge(GROUP, n, "ok", "en", call)
        clock.now += 1
    # Each entry tries at most two emoji; once all five are known refused, none is tried.
    assert len(bot.reactions) == len(ACK_EMOJI)
    assert bot.reads <= 1 + len(ACK_EMOJI)
    assert bot.texts == ["ok\n" + t("en", "ack-without-reactions")]


async def test_an_unreadable_setting_means_every_emoji_for_a_minute() -> None:
    bot, clock = FakeBot(None), Clock()
    bot.get_chat_error = NetworkError("down")
    ack = _ack(bot, clock)
    await ack.acknowledge(GROUP, 1, "ok", "en", call)
    await ack.acknowledge(GROUP, 2, "ok", "en", call)
    assert bot.reactions == ["👍", "👍"] and bot.reads == 1
    clock.now += 61
    await ack.acknowledge(GROUP, 3, "ok", "en", call)
    assert bot.reads == 2
