"""Acknowledging an entry where the group allows it: a reaction, else a quiet text now and then.

A group may switch reactions off or allow only some (getChat's ``available_reactions``:
omitted = every emoji, [] = none, a list = only those). We read it once per group per TTL and
react with the first allowed emoji of ACK_EMOJI; where none is allowed the debounced card edit
shows the entry, and a quiet text reply acknowledges at most once per TEXT_ACK_SECONDS.
A REACTION_INVALID (an admin changed the setting) re-reads it and tries the next emoji once:
at most two reactions and one getChat for that entry, and the next entries know better.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Any

from telegram import Bot, ReactionTypeEmoji, ReplyParameters
from telegram.error import BadRequest, ChatMigrated, TelegramError

from cjworkflow.i18n import t

log = logging.getLogger(__name__)

ACK_EMOJI = ("👍", "✍", "👌", "🙏", "❤")  # in order of preference
TTL = 600.0
UNKNOWN_TTL = 60.0  # getChat failed: assume every emoji, and ask again soon
REREAD_SECONDS = 30.0  # after a refusal, unless read this recently
TEXT_ACK_SECONDS = 300.0
REFUSED = "REACTION_INVALID"

# SendQueue.call's shape: (chat, make_call, what, message=...) -> the call's result or None.
Caller = Callable[..., Awaitable[Any]]


def allowed_emoji(raw: object) -> frozenset[str] | None:
    """The emoji a getChat answer allows: None for every one (the field omitted)."""
    if not isinstance(raw, dict) or raw.get("available_reactions") is None:
        return None
    items = raw["available_reactions"]
    return frozenset(str(r.get("emoji")) for r in items
                     if isinstance(r, dict) and r.get("type") == "emoji")


def pick(allowed: frozenset[str] | None, skip: Iterable[str] = ()) -> str | None:
    """Our most preferred emoji that the chat allows, or None when it allows none of them."""
    skipped = set(skip)
    for emoji in ACK_EMOJI:
        if emoji not in skipped and (allowed is None or emoji in allowed):
            return emoji
    return None


@dataclass
class _Known:
    allowed: frozenset[str] | None
    read_at: float
    ttl: float
    refused: frozenset[str] = frozenset()  # refused by Telegram although allowed here
    after_refusal: bool = False  # read because Telegram refused a reaction


class Acknowledger:
    """Knows each group's reactions setting and acknowledges entries accordingly."""

    def __init__(self, bot: Bot, *, ttl: float = TTL, text_every: float = TEXT_ACK_SECONDS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.bot = bot
        self.ttl = ttl
        self.text_every = text_every
        self.clock = clock
        self.known: dict[int, _Known] = {}
        self.text_sent: dict[int, float] = {}

    async def acknowledge(self, chat: int, message_id: int, text: str, lang: str,
                          call: Caller) -> None:
        """React to message_id in chat as the chat allows, else a quiet text now and then
        (text, the engine's acknowledgement in lang, with a note why it is a text)."""
        for _ in range(2):  # the known setting, then once more after a refusal
            emoji = await self.choice(chat)
            if emoji is None:
                break
            result = await call(chat, self._reaction(message_id, emoji), "reaction",
                                message=False)
            if result is not REFUSED:
                return  # done, or failed otherwise (logged by the caller): no text either
            await self.refused(chat, emoji)
        if text and self._text_due(chat):
            note = t(lang, "ack-without-reactions")
            await call(chat, self._text(message_id, f"{text}\n{note}"), "acknowledgement")

    async def choice(self, chat: int) -> str | None:
        """The emoji to react with in chat now (None: the chat allows none of ours)."""
        known = self.known.get(chat)
        if chat > 0 and known is None:
            return ACK_EMOJI[0]  # a private chat allows every reaction: no need to ask
        if known is None or self.clock() >= known.read_at + known.ttl:
            known = await self._read(chat)
        return pick(known.allowed, known.refused)

    async def refused(self, chat: int, emoji: str) -> None:
        """Telegram refused emoji here: the setting changed, so read it again (unless a
        refusal made us read it moments ago); if it still lists emoji, believe Telegram."""
        known = self.known.get(chat)
        if (known is None or not known.after_refusal
                or self.clock() - known.read_at >= REREAD_SECONDS):
            before, known = known, await self._read(chat)
            known.after_refusal = True
            if before is not None and before.allowed == known.allowed:
                known.refused = before.refused
        if known.allowed is None or emoji in known.allowed:
            known.refused = known.refused | {emoji}

    async def _read(self, chat: int) -> _Known:
        try:
            # PTB's ChatFullInfo folds an omitted list (all allowed) and an empty one (none
            # allowed) into the same empty tuple, so read the answer as Telegram sent it.
            # Method names are case-insensitive in the Bot API; this spelling keeps PTB from
            # warning that get_chat exists.
            raw = await self.bot.do_api_request("getchat", api_kwargs={"chat_id": chat})
        except TelegramError as e:  # ChatMigrated too: the reaction then finds nothing
            log.info("reactions of chat %s not read (%s); assuming all", chat, e)
            known = _Known(None, self.clock(), UNKNOWN_TTL)
        else:
            known = _Known(allowed_emoji(raw), self.clock(), self.ttl)
        self.known[chat] = known
        return known

    def _text_due(self, chat: int) -> bool:
        now = self.clock()
        last = self.text_sent.get(chat)
        if last is not None and now - last < self.text_every:
            return False
        self.text_sent[chat] = now
        return True

    def _reaction(self, message_id: int, emoji: str) -> Callable[[int], Awaitable[Any]]:
        async def react(chat: int) -> Any:
            try:
                return await self.bot.set_message_reaction(chat, message_id,
                                                           [ReactionTypeEmoji(emoji)])
            except BadRequest as e:
                if REFUSED.lower() in e.message.lower():
                    return REFUSED
                raise
            except ChatMigrated:
                return None  # the message stayed in the old group: nothing to react to
        return react

    def _text(self, message_id: int, text: str) -> Callable[[int], Awaitable[Any]]:
        async def send(chat: int) -> Any:
            return await self.bot.send_message(
                chat, text, disable_notification=True,
                reply_parameters=ReplyParameters(message_id, allow_sending_without_reply=True))
        return send
