"""A text reply as Telegram messages: split to size, its buttons on the last part.

A private reply the person refused (they blocked the bot) has a fallback, a mention in the
group: the refusal is noted and the fallback goes out instead.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

from telegram import (
    Bot,
    ForceReply,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    WebAppInfo,
)
from telegram.error import Forbidden

from bot.ingest import chat_id
from bot.send_queue import SendQueue
from cjworkflow.i18n import t
from cjworkflow.i18n.fmt import split_message
from cjworkflow.messages import Button, Kind, Reply
from cjworkflow.web.tokens import app_url

log = logging.getLogger(__name__)


def keyboard(rows: list[list[Button]]) -> InlineKeyboardMarkup | None:
    """Inline keyboard markup for button rows."""
    if not rows:
        return None
    return InlineKeyboardMarkup([[button(b) for b in row] for row in rows if row])


def button(b: Button) -> InlineKeyboardButton:
    """One inline button: a callback, a link, or a Mini App (web_app, private chats only)."""
    if b.url and b.web_app:
        return InlineKeyboardButton(b.label, web_app=WebAppInfo(b.url))
    if b.url:
        return InlineKeyboardButton(b.label, url=b.url)
    return InlineKeyboardButton(b.label, callback_data=b.action)


class MessageSender:
    """Sends a reply's text through the queue's calls; falls back to the group if refused."""

    def __init__(self, bot: Bot, queue: SendQueue,
                 private_chat_refused: Callable[[str], object]) -> None:
        self.bot = bot
        self.queue = queue
        self.private_chat_refused = private_chat_refused
        # WEB_BASE_URL when it is https (bot/web/launch.py): a private chat's step card then
        # opens the Mini App; Telegram allows web_app buttons in private chats only.
        self.app_base: str | None = None

    def card_rows(self, chat: int, rows: list[list[Button]], workshop_id: int | None,
                  lang: str | None) -> list[list[Button]]:
        """A step card's button rows, with the Mini App's button in a private chat."""
        if self.app_base is None or chat <= 0 or not workshop_id:
            return rows
        label = t(lang or "en", "btn-web-app")
        return [*rows, [Button(label, "", url=app_url(self.app_base, workshop_id),
                               web_app=True)]]

    async def send(self, chat: int, reply: Reply) -> Message | None:
        """Send reply to chat; the last part's message, or None when refused or failed."""
        chunks = split_message(reply.text)
        message: Message | None = None
        for i, chunk in enumerate(chunks):
            last = i == len(chunks) - 1
            markup: InlineKeyboardMarkup | ForceReply | None = None
            if last:
                rows = (self.card_rows(chat, reply.buttons, reply.workshop_id, reply.lang)
                        if reply.kind is Kind.CARD else reply.buttons)
                markup = keyboard(rows)
                # Telegram allows an inline keyboard or ForceReply, not both.
                if markup is None and reply.force_reply:
                    markup = ForceReply(selective=False,
                                        input_field_placeholder=reply.placeholder)

            refused: list[Forbidden] = []

            async def call(c: int, text: str = chunk, rm: Any = markup,
                           seen: list[Forbidden] = refused) -> Any:
                try:
                    return await self.bot.send_message(c, text, reply_markup=rm,
                                                       disable_web_page_preview=True)
                except Forbidden as e:
                    if reply.fallback is None:
                        raise
                    seen.append(e)
                    return None
            # Where, again for each part: an earlier part may have met the migration.
            message = await self.queue.call(self.queue.where(chat), call, "message")
            if refused and reply.fallback is not None and reply.person_ref:
                await self._fall_back(reply.person_ref, reply.fallback)
                return None
        return message

    async def _fall_back(self, person_ref: str, fallback: Reply) -> None:
        """The person blocked the bot: note it, and send the fallback (a group mention)."""
        log.info("private chat refused; using the group instead")
        await asyncio.to_thread(self.private_chat_refused, person_ref)
        if fallback.chat_ref:
            target = chat_id(fallback.chat_ref)
            self.queue.enqueue(target, lambda: self._send_fallback(target, fallback))

    async def _send_fallback(self, chat: int, fallback: Reply) -> None:
        await self.send(self.queue.where(chat), fallback)
