"""Replies -> Telegram calls: one ordered queue per chat, retries, debounced card edits.

A chat's replies go out in order from its own worker task, so a chat waiting out a 429
never stalls another chat. Throttling to Telegram's limits (30/s overall, 20/min per group)
is bot.throttle (messages only: reactions and edits don't eat a group's budget); here we
wait out what still comes back as 429, retry 5xx and network errors with backoff, and log
400s with their context.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.exc import DBAPIError
from telegram import Bot, ForceReply, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
)

from bot.answers import answer_button, retry_seconds
from bot.attachments import RENDER_CACHE_BYTES, AttachmentSender
from bot.ingest import Origin, chat_id, chat_ref
from bot.reactions import Acknowledger
from bot.render_pool import RenderPool
from bot.throttle import Throttle
from cjworkflow.flow.engine import WorkshopEngine
from cjworkflow.i18n.fmt import split_message
from cjworkflow.messages import Button, Dest, Kind, Reply

log = logging.getLogger(__name__)

__all__ = ["RENDER_CACHE_BYTES", "Deliverer", "keyboard"]

MAX_ATTEMPTS = 6
MAX_BACKOFF = 30.0


def keyboard(rows: list[list[Button]]) -> InlineKeyboardMarkup | None:
    """Inline keyboard markup for button rows."""
    if not rows:
        return None
    return InlineKeyboardMarkup([[InlineKeyboardButton(b.label, callback_data=b.action)
                                  for b in row] for row in rows if row])


@dataclass
class _Chat:
    queue: asyncio.Queue[Callable[[], Awaitable[None]]] = field(default_factory=asyncio.Queue)
    worker: asyncio.Task[None] | None = None


class Deliverer(AttachmentSender):
    """Sends replies; owns the per-chat queues and the living-card edit schedule."""

    def __init__(self, bot: Bot, engine: WorkshopEngine, *, card_seconds: float,
                 executor: RenderPool | None, throttle: Throttle | None = None) -> None:
        self.bot = bot
        self.throttle = throttle or Throttle()
        self.engine = engine
        self.acks = Acknowledger(bot)
        self.moved: dict[int, int] = {}  # a group's old id -> its supergroup's
        self.card_seconds = card_seconds
        self._init_renders(executor)
        self.chats: dict[int, _Chat] = {}
        self.card_due: dict[tuple[int, int], str] = {}  # (chat, workshop) -> language
        self.card_last: dict[tuple[int, int], float] = {}
        self.card_retry: dict[tuple[int, int], float] = {}  # next wait after a database error
        self.answers: set[asyncio.Task[None]] = set()  # button answers under way
        self.sent = 0
        self.failed = 0

    # --- intake -------------------------------------------------------------------------

    async def deliver(self, replies: list[Reply], origin: Origin) -> None:
        """Queue every reply for its chat; answer a pressed button at once, on the side."""
        answer: str | None = None
        for reply in replies:
            target = self._target(reply, origin)
            if reply.kind is Kind.ALERT and origin.callback_id and answer is None:
                answer = reply.text
            elif reply.kind is Kind.ACK:
                if origin.message_id is not None:
                    self._enqueue(target, self._job_react(origin, reply))
            elif reply.kind is Kind.CARD_EDIT:
                if reply.workshop_id is not None:
                    self._schedule_card(target, reply.workshop_id, reply.lang or "nl")
            else:
                self._enqueue(target, self._job_send(target, reply))
        if origin.callback_id:
            # Not awaited: updates are processed one by one, so a slow or refused answer
            # here would hold up every chat's next update.
            task = asyncio.create_task(answer_button(self.bot, origin.callback_id, answer or ""),
                                       name=f"answer-{origin.callback_id}")
            self.answers.add(task)
            task.add_done_callback(self.answers.discard)

    def _job_react(self, origin: Origin, reply: Reply) -> Callable[[], Awaitable[None]]:
        return lambda: self.acks.acknowledge(origin.chat_id, origin.message_id or 0, reply.text,
                                             reply.lang or "nl", self._call)

    def _job_send(self, chat: int, reply: Reply) -> Callable[[], Awaitable[None]]:
        return lambda: self._send(chat, reply)

    def _target(self, reply: Reply, origin: Origin) -> int:
        if reply.dest is Dest.WORKSHOP and reply.chat_ref:
            return chat_id(reply.chat_ref)
        if reply.dest is Dest.PERSON and reply.person_ref:
            return chat_id(reply.person_ref)  # a user's private chat has the user's id
        return origin.chat_id

    def _enqueue(self, chat: int, job: Callable[[], Awaitable[None]]) -> None:
        state = self.chats.setdefault(chat, _Chat())
        state.queue.put_nowait(job)
        if state.worker is None or state.worker.done():
            state.worker = asyncio.create_task(self._work(chat, state), name=f"chat-{chat}")

    async def _work(self, chat: int, state: _Chat) -> None:
        while not state.queue.empty():
            job = state.queue.get_nowait()
            try:
                await job()
            except Exception:
                self.failed += 1
                log.exception("delivery to chat %s failed", chat)
            finally:
                state.queue.task_done()

    async def drain(self, timeout: float = 30.0) -> None:
        """Wait until every queued reply and due card edit is out (or timeout)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            busy = [s.worker for s in self.chats.values() if s.worker and not s.worker.done()]
            if not busy and not self.card_due and not self.answers:
                return
            await asyncio.sleep(0.05)

    # --- calls with retries ---------------------------------------------------------------

    async def _call(self, chat: int, make: Callable[[int], Awaitable[Any]],
                    what: str, *, message: bool = True) -> Any:
        """Run one Bot API call for chat, waiting out 429s and retrying transient errors."""
        delay = 1.0
        attempt = 0
        while True:
            try:
                if message:
                    await self.throttle.message(chat)
                else:
                    await self.throttle.call()
                result = await make(chat)
                self.sent += 1
                return result
            except RetryAfter as e:
                # Flood control: wait as told; this never counts as a failed attempt.
                await asyncio.sleep(retry_seconds(e.retry_after))
            except ChatMigrated as e:
                chat = await self._follow(chat, int(e.new_chat_id))
            except BadRequest as e:
                log.error("Telegram refused %s in chat %s: %s", what, chat, e.message)
                self.failed += 1
                return None
            except Forbidden as e:
                log.warning("cannot write to chat %s (%s): %s", chat, what, e.message)
                self.failed += 1
                return None
            except NetworkError as e:  # also TimedOut and 5xx answers
                attempt += 1
                if attempt >= MAX_ATTEMPTS:
                    log.error("giving up %s in chat %s after %d attempts: %s", what, chat,
                              attempt, e.message)
                    self.failed += 1
                    return None
                await asyncio.sleep(delay)
                delay = min(delay * 2, MAX_BACKOFF)

    async def _follow(self, old: int, new: int) -> int:
        """The group became a supergroup: its workshop moves, and replies go there from now."""
        self.moved[old] = new
        await asyncio.to_thread(self.engine.move_chat, chat_ref(old), chat_ref(new))
        return new

    # --- sending --------------------------------------------------------------------------

    async def _send(self, chat: int, reply: Reply) -> None:
        chat = self.moved.get(chat, chat)
        if reply.attachment is not None:
            await self._send_attachment(chat, reply.attachment, reply.text)
            return
        chunks = split_message(reply.text)
        for i, chunk in enumerate(chunks):
            last = i == len(chunks) - 1
            markup: InlineKeyboardMarkup | ForceReply | None = None
            if last:
                markup = keyboard(reply.buttons)
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
            message = await self._call(self.moved.get(chat, chat), call, "message")
            if refused and reply.fallback is not None and reply.person_ref:
                await self._fall_back(reply.person_ref, reply.fallback)
                return
            if (message is not None and last and reply.kind is Kind.CARD
                    and reply.workshop_id is not None):
                chat = message.chat_id  # a new supergroup's, if the send followed a migration
                await self._remember_card(chat, reply.workshop_id, message.message_id)
                self.card_last[(chat, reply.workshop_id)] = time.monotonic()
                # Changes made while it was sent and remembered may have been edited into
                # the previous card (another process read the old reference): catch up.
                await self._converge(chat, reply.workshop_id, reply.lang or "en", reply.version)

    async def _fall_back(self, person_ref: str, fallback: Reply) -> None:
        """The person blocked the bot: note it, and send the fallback (a group mention)."""
        log.info("private chat refused; using the group instead")
        await asyncio.to_thread(self.engine.private_chat_refused, person_ref)
        if fallback.chat_ref:
            target = chat_id(fallback.chat_ref)
            self._enqueue(target, self._job_send(target, fallback))

    async def _remember_card(self, chat: int, workshop_id: int, message_id: int) -> None:
        """Store which message is the living card; retried while the database is away."""
        delay = 0.5
        for attempt in range(1, MAX_ATTEMPTS + 1):
            try:
                await asyncio.to_thread(self.engine.set_card_message, chat_ref(chat),
                                        workshop_id, str(message_id))
                return
            except DBAPIError:
                if attempt == MAX_ATTEMPTS:
                    raise  # logged by _work; the next card edit sends the card anew
                await asyncio.sleep(delay)
                delay = min(delay * 2, MAX_BACKOFF)

    # --- the living card ------------------------------------------------------------------

    def _schedule_card(self, chat: int, workshop_id: int, lang: str) -> None:
        chat = self.moved.get(chat, chat)
        key = (chat, workshop_id)
        first = key not in self.card_due
        self.card_due[key] = lang
        if not first:
            return  # an edit is already scheduled: it will show this change too
        wait = max(0.0, self.card_last.get(key, 0.0) + self.card_seconds - time.monotonic())
        self._edit_later(chat, workshop_id, wait)

    def _edit_later(self, chat: int, workshop_id: int, wait: float) -> None:
        job: Callable[[], Awaitable[None]] = lambda: self._edit_card(chat, workshop_id)  # noqa: E731
        asyncio.get_running_loop().call_later(wait, lambda: self._enqueue(chat, job))

    async def _edit_card(self, chat: int, workshop_id: int) -> None:
        lang = self.card_due.pop((chat, workshop_id), None)
        if lang is None:
            return
        # Scheduled before the group became a supergroup: the living card is there now.
        chat = self.moved.get(chat, chat)
        key = (chat, workshop_id)
        self.card_last[key] = time.monotonic()
        try:
            version = await asyncio.to_thread(self.engine.workshop_version, workshop_id)
            card = await asyncio.to_thread(self.engine.card, workshop_id, lang=lang)
            ref = (await asyncio.to_thread(self.engine.card_message, chat_ref(chat), workshop_id)
                   if card is not None else None)
        except DBAPIError as e:
            # The database is away (a restart): the entries are stored, so the card must
            # still show them. Try again later instead of dropping the edit.
            wait = self.card_retry.get(key, 1.0)
            self.card_retry[key] = min(wait * 2, MAX_BACKOFF)
            log.warning("card for chat %s not read (%s); trying again in %.0f s", chat,
                        type(e.orig).__name__ if e.orig else e, wait)
            if key not in self.card_due:
                self.card_due[key] = lang
                self._edit_later(chat, workshop_id, wait)
            return
        self.card_retry.pop(key, None)
        if card is None:
            return
        markup = keyboard(card.buttons)
        if ref is not None:
            try:
                await self._call_edit(chat, int(ref), card.text, markup)
                await self._converge(chat, workshop_id, lang, version)
                return
            except ChatMigrated as e:
                # The old group's card cannot be edited from the supergroup: send it anew there.
                self._schedule_card(await self._follow(chat, int(e.new_chat_id)), workshop_id,
                                    lang)
                return
            except BadRequest as e:
                if "not modified" in e.message.lower():
                    return
                log.info("card in chat %s not editable (%s): sending it anew", chat, e.message)
        card.kind = Kind.CARD
        card.workshop_id = workshop_id
        await self._send(chat, card)

    async def _converge(self, chat: int, workshop_id: int, lang: str,
                        shown: int | None) -> None:
        """Edit again if the workshop changed meanwhile: another process's newer edit may
        have landed before ours, which would otherwise leave the older view standing."""
        try:
            now = await asyncio.to_thread(self.engine.workshop_version, workshop_id)
        except DBAPIError:
            return  # the next change schedules an edit anyway
        if now is not None and now != shown:
            self._schedule_card(chat, workshop_id, lang)

    async def _call_edit(self, chat: int, message_id: int, text: str,
                         markup: InlineKeyboardMarkup | None) -> None:
        """Edit the card, waiting out 429s like _call; a BadRequest is the caller's to judge."""
        delay = 1.0
        attempt = 0
        while True:
            try:
                await self.throttle.call()
                await self.bot.edit_message_text(text, chat_id=chat, message_id=message_id,
                                                 reply_markup=markup,
                                                 disable_web_page_preview=True)
                self.sent += 1
                return
            except RetryAfter as e:
                # Flood control is waited out, never given up on: a storm of 429s on edits
                # used to exhaust the attempts and leave the card silently stale.
                await asyncio.sleep(retry_seconds(e.retry_after))
            except BadRequest:
                raise
            except NetworkError as e:
                attempt += 1
                if attempt >= MAX_ATTEMPTS:
                    log.error("giving up the card edit in chat %s after %d attempts: %s",
                              chat, attempt, e.message)
                    self.failed += 1
                    return
                await asyncio.sleep(delay)
                delay = min(delay * 2, MAX_BACKOFF)
