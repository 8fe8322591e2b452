"""Replies -> Telegram: what the handlers call, composed of the queue, the card and the files.

Deliverer routes each reply: a message or file goes into its chat's send queue
(bot.send_queue, which owns the retries), a card edit to the living-card editor
(bot.living_card), a pressed button's answer out at once, on the side (bot.answers).
It holds the parts rather than inheriting them so each keeps one job and its own state.
"""

from __future__ import annotations

import asyncio
import time

from telegram import Bot

from bot.answers import answer_button
from bot.attachments import AttachmentSender
from bot.ingest import Origin, chat_id, chat_ref
from bot.living_card import CardEditor
from bot.message_sender import MessageSender
from bot.reactions import Acknowledger
from bot.render_pool import RenderPool
from bot.send_queue import Job, SendQueue
from bot.throttle import Throttle
from cjworkflow.flow.engine import WorkshopEngine
from cjworkflow.messages import Dest, Kind, Reply


class Deliverer:
    """Sends the handlers' replies: deliver() queues them, drain() waits until they are out."""

    def __init__(self, bot: Bot, engine: WorkshopEngine, *, card_seconds: float,
                 executor: RenderPool | None, throttle: Throttle | None = None) -> None:
        self.bot = bot
        self.engine = engine
        self.queue = SendQueue(bot, throttle or Throttle(), self._moved)
        self.messages = MessageSender(bot, self.queue, self._refused)
        self.cards = CardEditor(self.queue, self.messages, engine, card_seconds)
        self.files = AttachmentSender(bot, self.queue, executor)
        self.acks = Acknowledger(bot)
        self.answers: set[asyncio.Task[None]] = set()  # button answers under way

    @property
    def executor(self) -> RenderPool | None:
        """The render pool, for the shutdown."""
        return self.files.executor

    async def deliver(self, replies: list[Reply], origin: Origin) -> None:
        """Queue every reply for its chat; answer a pressed button at once, on the side."""
        answer: str | None = None
        for reply in replies:
            target = self._target(reply, origin)
            if reply.kind is Kind.ALERT and origin.callback_id and answer is None:
                answer = reply.text
            elif reply.kind is Kind.ACK:
                if origin.message_id is not None:
                    self.queue.enqueue(target, self._job_react(origin, reply))
            elif reply.kind is Kind.CARD_EDIT:
                if reply.workshop_id is not None:
                    self.cards.schedule(target, reply.workshop_id, reply.lang or "nl")
            else:
                self.queue.enqueue(target, self._job_send(target, reply))
        if origin.callback_id:
            # Not awaited: updates are processed one by one, so a slow or refused answer
            # here would hold up every chat's next update.
            task = asyncio.create_task(answer_button(self.bot, origin.callback_id, answer or ""),
                                       name=f"answer-{origin.callback_id}")
            self.answers.add(task)
            task.add_done_callback(self.answers.discard)

    async def drain(self, timeout: float = 30.0) -> None:
        """Wait until every queued reply and due card edit is out (or timeout)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.queue.busy() and not self.cards.due and not self.answers:
                return
            await asyncio.sleep(0.05)

    def _job_react(self, origin: Origin, reply: Reply) -> Job:
        return lambda: self.acks.acknowledge(origin.chat_id, origin.message_id or 0, reply.text,
                                             reply.lang or "nl", self.queue.call)

    def _job_send(self, chat: int, reply: Reply) -> Job:
        return lambda: self._send(chat, reply)

    def _target(self, reply: Reply, origin: Origin) -> int:
        if reply.dest is Dest.WORKSHOP and reply.chat_ref:
            return chat_id(reply.chat_ref)
        if reply.dest is Dest.PERSON and reply.person_ref:
            return chat_id(reply.person_ref)  # a user's private chat has the user's id
        return origin.chat_id

    async def _send(self, chat: int, reply: Reply) -> None:
        chat = self.queue.where(chat)
        if reply.attachment is not None:
            await self.files.send(chat, reply.attachment, reply.text)
        elif reply.kind is Kind.CARD:
            await self.cards.send(chat, reply)
        else:
            await self.messages.send(chat, reply)

    def _refused(self, person_ref: str) -> None:
        """The person blocked the bot: the workshop stops writing to them privately."""
        self.engine.private_chat_refused(person_ref)

    async def _moved(self, old: int, new: int) -> None:
        """The group became a supergroup: its workshop moves with it."""
        await asyncio.to_thread(self.engine.move_chat, chat_ref(old), chat_ref(new))
