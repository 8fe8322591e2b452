"""The living card: one message per workshop and chat, edited as the workshop changes.

Edits are debounced (at most one per card_seconds per card; changes meanwhile join the edit
already scheduled). A card that cannot be edited is sent anew and remembered; after each edit
or send the workshop's version is read again, so that a change another process edited into
the card before ours cannot leave the older view standing. While the database is away the
edit is tried again later, never dropped: the entries are stored, the card must show them.
"""

from __future__ import annotations

import asyncio
import logging
import time

from sqlalchemy.exc import DBAPIError
from telegram.error import BadRequest, ChatMigrated

from bot.ingest import chat_ref
from bot.message_sender import MessageSender, keyboard
from bot.send_queue import MAX_ATTEMPTS, MAX_BACKOFF, Job, SendQueue
from cjworkflow.flow.engine import WorkshopEngine
from cjworkflow.messages import Kind, Reply

log = logging.getLogger(__name__)

CardKey = tuple[int, int]  # (chat, workshop)


class CardEditor:
    """Schedules, edits and (when it must) sends anew each chat's living card."""

    def __init__(self, queue: SendQueue, messages: MessageSender, engine: WorkshopEngine,
                 card_seconds: float) -> None:
        self.queue = queue
        self.messages = messages
        self.engine = engine
        self.card_seconds = card_seconds
        self.due: dict[CardKey, str] = {}  # -> the language of the edit scheduled
        self.last: dict[CardKey, float] = {}
        self.retry: dict[CardKey, float] = {}  # next wait after a database error

    def schedule(self, chat: int, workshop_id: int, lang: str) -> None:
        """Edit the card soon; at once if it was not edited within card_seconds."""
        chat = self.queue.where(chat)
        key = (chat, workshop_id)
        first = key not in self.due
        self.due[key] = lang
        if not first:
            return  # an edit is already scheduled: it will show this change too
        wait = max(0.0, self.last.get(key, 0.0) + self.card_seconds - time.monotonic())
        self._edit_later(chat, workshop_id, wait)

    def _edit_later(self, chat: int, workshop_id: int, wait: float) -> None:
        job: Job = lambda: self._edit(chat, workshop_id)  # noqa: E731
        asyncio.get_running_loop().call_later(wait, lambda: self.queue.enqueue(chat, job))

    async def _edit(self, chat: int, workshop_id: int) -> None:
        lang = self.due.pop((chat, workshop_id), None)
        if lang is None:
            return
        # Scheduled before the group became a supergroup: the living card is there now.
        chat = self.queue.where(chat)
        key = (chat, workshop_id)
        self.last[key] = time.monotonic()
        try:
            version = await asyncio.to_thread(self.engine.workshop_version, workshop_id)
            card = await asyncio.to_thread(self.engine.card, workshop_id, lang=lang)
            ref = (await asyncio.to_thread(self.engine.card_message, chat_ref(chat), workshop_id)
                   if card is not None else None)
        except DBAPIError as e:
            # The database is away (a restart): the entries are stored, so the card must
            # still show them. Try again later instead of dropping the edit.
            wait = self.retry.get(key, 1.0)
            self.retry[key] = min(wait * 2, MAX_BACKOFF)
            log.warning("card for chat %s not read (%s); trying again in %.0f s", chat,
                        type(e.orig).__name__ if e.orig else e, wait)
            if key not in self.due:
                self.due[key] = lang
                self._edit_later(chat, workshop_id, wait)
            return
        self.retry.pop(key, None)
        if card is None:
            return
        markup = keyboard(self.messages.card_rows(chat, card.buttons, workshop_id, lang))
        if ref is not None:
            try:
                await self.queue.edit(chat, int(ref), card.text, markup)
                await self._converge(chat, workshop_id, lang, version)
                return
            except ChatMigrated as e:
                # The old group's card cannot be edited from the supergroup: send it anew there.
                self.schedule(await self.queue.follow(chat, int(e.new_chat_id)), workshop_id,
                              lang)
                return
            except BadRequest as e:
                if "not modified" in e.message.lower():
                    return
                log.info("card in chat %s not editable (%s): sending it anew", chat, e.message)
        card.kind = Kind.CARD
        card.workshop_id = workshop_id
        await self.send(chat, card)

    async def send(self, chat: int, card: Reply) -> None:
        """Send the card as a new message and remember it as the one to edit from now."""
        message = await self.messages.send(chat, card)
        if message is None or card.workshop_id is None:
            return
        chat = message.chat_id  # a new supergroup's, if the send followed a migration
        await self._remember(chat, card.workshop_id, message.message_id)
        self.last[(chat, card.workshop_id)] = time.monotonic()
        # Changes made while it was sent and remembered may have been edited into the
        # previous card (another process read the old reference): catch up.
        await self._converge(chat, card.workshop_id, card.lang or "en", card.version)

    async def _remember(self, chat: int, workshop_id: int, message_id: int) -> None:
        """Store which message is the living card; retried while the database is away."""
        delay = 0.5
        for attempt in range(1, MAX_ATTEMPTS + 1):
            try:
                await asyncio.to_thread(self.engine.set_card_message, chat_ref(chat),
                                        workshop_id, str(message_id))
                return
            except DBAPIError:
                if attempt == MAX_ATTEMPTS:
                    raise  # logged by the queue's worker; the next edit sends the card anew
                await asyncio.sleep(delay)
                delay = min(delay * 2, MAX_BACKOFF)

    async def _converge(self, chat: int, workshop_id: int, lang: str,
                        shown: int | None) -> None:
        """Edit again if the workshop changed meanwhile: another process's newer edit may
        have landed before ours, which would otherwise leave the older view standing."""
        try:
            now = await asyncio.to_thread(self.engine.workshop_version, workshop_id)
        except DBAPIError:
            return  # the next change schedules an edit anyway
        if now is not None and now != shown:
            self.schedule(chat, workshop_id, lang)
