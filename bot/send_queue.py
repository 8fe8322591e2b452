"""Bot API calls in order per chat, with retries: the one way anything reaches Telegram.

A chat's jobs run from its own worker task, so a chat waiting out a 429 never stalls another
chat. Throttling to Telegram's limits (30/s overall, 20/min per group) is bot.throttle
(messages only: reactions and edits don't eat a group's budget); here we wait out what still
comes back as 429, retry 5xx and network errors with backoff, follow a group that became a
supergroup, and log 400s with their context.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from telegram import Bot, InlineKeyboardMarkup
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter

from bot.answers import retry_seconds
from bot.throttle import Throttle

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
MAX_BACKOFF = 30.0

Job = Callable[[], Awaitable[None]]
# Told when a group became a supergroup (old id, new id), before the call goes on there.
OnMove = Callable[[int, int], Awaitable[None]]


@dataclass
class _Chat:
    queue: asyncio.Queue[Job] = field(default_factory=asyncio.Queue)
    worker: asyncio.Task[None] | None = None


class SendQueue:
    """Per-chat FIFO workers and the Bot API calls they make, retried as Telegram asks."""

    def __init__(self, bot: Bot, throttle: Throttle, on_move: OnMove) -> None:
        self.bot = bot
        self.throttle = throttle
        self.on_move = on_move
        self.chats: dict[int, _Chat] = {}
        self.moved: dict[int, int] = {}  # a group's old id -> its supergroup's
        self.sent = 0
        self.failed = 0

    def where(self, chat: int) -> int:
        """The chat's id now: a supergroup's if the group migrated."""
        return self.moved.get(chat, chat)

    def enqueue(self, chat: int, job: Job) -> None:
        """Run job after the chat's earlier jobs; a failing job is logged, not fatal."""
        state = self.chats.setdefault(chat, _Chat())
        state.queue.put_nowait(job)
        if state.worker is None or state.worker.done():
            state.worker = asyncio.create_task(self._work(chat, state), name=f"chat-{chat}")

    def busy(self) -> bool:
        """Whether any chat still has jobs running or queued."""
        return any(s.worker and not s.worker.done() for s in self.chats.values())

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

    async def follow(self, old: int, new: int) -> int:
        """The group became a supergroup: calls go there from now; returns the new id."""
        self.moved[old] = new
        await self.on_move(old, new)
        return new

    async def call(self, chat: int, make: Callable[[int], Awaitable[Any]],
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
                chat = await self.follow(chat, int(e.new_chat_id))
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

    async def edit(self, chat: int, message_id: int, text: str,
                   markup: InlineKeyboardMarkup | None) -> None:
        """Edit a message, waiting out 429s like call; BadRequest and ChatMigrated are the
        caller's to judge (a card that cannot be edited is sent anew)."""
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
