"""Setting an update aside once it has failed too often: store it, confirm it, tell its sender.

Polling and the webhook call settle() after an update failed. A transient failure (see
bot/retries.py) is left to the transport's own retry; any other is counted, and at the limit
the update becomes a dead letter (cjworkflow/ops/deadletters.py): the transport then confirms
it as if it had succeeded, and its sender hears once that it could not be processed.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from telegram import ReplyParameters, Update
from telegram.ext import Application

from bot import ingest
from bot.retries import QUICK_DELAY, is_transient
from cjworkflow.i18n import normalise_lang, t
from cjworkflow.ops import deadletters

if TYPE_CHECKING:
    from bot.services import Services

log = logging.getLogger(__name__)


async def settle(app: Application, svc: Services, update: Update,
                 payload: str | None = None) -> bool:
    """After update failed: True when it is now a dead letter (confirm it), False when it
    must come again (svc.retries.soon says whether after a short pause or the usual backoff).

    payload: the update as received (JSON); its re-serialisation when not given.
    """
    retries, uid = svc.retries, update.update_id
    error = retries.errors.pop(uid, None)
    retries.soon = False
    if uid not in svc.failed or error is None or is_transient(error):
        return False
    attempts = retries.count(uid)
    name = type(error).__name__
    if attempts < retries.limit:
        retries.soon = True
        log.warning("update %s failed (%s), attempt %d of %d", uid, name, attempts,
                    retries.limit)
        return False
    chat = update.effective_chat
    try:
        created = await asyncio.to_thread(
            deadletters.add, svc.engine.db, update_id=uid, error_class=name, attempts=attempts,
            chat_ref=ingest.chat_ref(chat.id) if chat is not None else None,
            payload=payload if payload is not None else update.to_json())
    except Exception as e:
        # Not stored, so not confirmed either: it comes again (and is tried once more).
        log.warning("update %s not set aside (%s); trying it again", uid, type(e).__name__)
        retries.soon = not is_transient(e)
        return False
    svc.failed.discard(uid)
    retries.bury(uid)
    retries.soon = True  # entries dropped with it (if any) come again without a long wait
    log.error("update %s set aside as a dead letter after %d attempts (%s); see "
              "`cjbot deadletters`", uid, attempts, name)
    if created:
        await tell(app, update)
    return True


def pause(attempts: int) -> float:
    """How long to wait before the next attempt of an update that failed attempts times."""
    return QUICK_DELAY * max(1, attempts)


async def tell(app: Application, update: Update) -> None:
    """Tell the sender, in their language, that their update was set aside (best effort)."""
    user, chat, message = update.effective_user, update.effective_chat, update.effective_message
    text = t(normalise_lang(user.language_code if user else None), "error-dead-letter")
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(text[:200], show_alert=True)
        elif chat is not None:
            reply = (ReplyParameters(message.message_id, allow_sending_without_reply=True)
                     if message is not None else None)
            await app.bot.send_message(chat.id, text, reply_parameters=reply)
    except Exception as e:
        log.warning("could not tell the sender of update %s (%s)", update.update_id,
                    type(e).__name__)
