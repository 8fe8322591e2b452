"""PTB handlers: one small function per kind of update, each mapping it to the engine."""

from __future__ import annotations

import asyncio
import logging

from sqlalchemy.exc import DBAPIError
from telegram import Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ChatMemberHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot import documents, ingest, services
from cjworkflow.flow.verbs import INLINE, VIEWS
from cjworkflow.i18n import normalise_lang, t
from cjworkflow.messages import Command, Reply, Verb

log = logging.getLogger(__name__)

# INLINE (the verb table's inline rows): bounded, short engine calls run on the loop itself:
# a thread hop costs more than the call, because the GIL hand-off competes with the delivery
# tasks (measured in bench/bench_bot.py: on SQLite 364 -> 668 entries/s; on PostgreSQL, where
# the entry is one round trip after the lookup, 300 -> 558). Anything whose cost grows with
# the workshop (status counts, maps, exports, finishing, steering with a new card) runs in a
# thread.
# A view whose read fails while the database is away is tried again this often (about two
# minutes in all); its update is already confirmed, so nobody else would answer it.
VIEW_ATTEMPTS = 8
VIEW_MAX_BACKOFF = 30.0


async def _run(update: Update, context: ContextTypes.DEFAULT_TYPE, verb: Verb, text: str) -> None:
    """Hand one update to the engine (in a thread) and queue its replies."""
    made = ingest.command(update, verb, text)
    if made is None:
        return
    cmd, origin = made
    svc = services.of(context)
    if verb in INLINE and svc.batch is not None:
        try:
            batched = svc.batch.add(cmd)
        except Exception:
            svc.failed.add(update.update_id)
            svc.drop_batch()
            raise
        if batched is not None:
            svc.batched.append((update.update_id, batched, origin))
            return
    # Whatever comes next must see the batched entries (and wait for no lock they hold).
    await svc.flush_before(update.update_id)
    if verb in VIEWS:
        # Status, maps and exports change nothing, so the updates after them need not wait:
        # a big workshop's /map no longer holds up every chat's next entry.
        svc.detach(_view(svc, cmd, origin))
        return
    try:
        # A line the batch declined is not looked up for the entry path again.
        declined = svc.batch is not None and svc.batch.declined is cmd
        if verb in INLINE:
            replies = svc.engine.handle(cmd, declined=declined)
        else:
            replies = await asyncio.to_thread(svc.engine.handle, cmd, declined=declined)
    except Exception:
        # Nothing was committed: the update must come again (polling/webhook see this).
        svc.failed.add(update.update_id)
        raise
    await svc.deliverer.deliver(replies, origin)


async def _view(svc: services.Services, cmd: Command, origin: ingest.Origin) -> None:
    """Answer a view, trying again while the database is away."""
    delay = 1.0
    for attempt in range(1, VIEW_ATTEMPTS + 1):
        try:
            replies = await asyncio.to_thread(svc.engine.handle, cmd)
            break
        except DBAPIError as e:
            if attempt == VIEW_ATTEMPTS:
                log.error("giving up %s in chat %s: the database stayed away", cmd.verb.value,
                          origin.chat_id)
                replies = [Reply(text=t(normalise_lang(cmd.actor.language), "error-generic"))]
                break
            log.warning("%s not read (%s); trying again in %.0f s", cmd.verb.value,
                        type(e.orig).__name__ if e.orig else e, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, VIEW_MAX_BACKOFF)
        except Exception:
            log.exception("error while answering %s", cmd.verb.value)
            replies = [Reply(text=t(normalise_lang(cmd.actor.language), "error-generic"))]
            break
    await svc.deliverer.deliver(replies, origin)


async def on_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A /command (in a group only with a bot_command entity addressed to us)."""
    message = update.effective_message
    if message is None:
        return
    split = ingest.split_command(message, services.of(context).username)
    if split is None:
        return
    name, rest = split
    verb = ingest.verb_for(name)
    if verb is None:
        # HELP with the unknown name: verbs.run says so and suggests the nearest command.
        verb, rest = Verb.HELP, "/" + name
    await _run(update, context, verb, rest)


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Plain text: every line counts in private; in a group only replies to us or mentions."""
    message = update.effective_message
    chat = update.effective_chat
    if message is None or chat is None or not message.text:
        return
    if chat.type == chat.PRIVATE:
        await _run(update, context, Verb.TEXT, message.text)
        return
    svc = services.of(context)
    text = ingest.is_for_bot(message, svc.bot_id, svc.username)
    if text:
        await _run(update, context, Verb.TEXT, text)


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A pressed inline button."""
    query = update.callback_query
    if query is None:
        return
    await _run(update, context, Verb.BUTTON, query.data or "")


async def on_migrate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A group became a supergroup: its workshop follows to the new chat id."""
    message = update.effective_message
    if message is None or message.migrate_to_chat_id is None:
        return
    svc = services.of(context)
    await svc.flush_before(update.update_id)
    try:
        await asyncio.to_thread(svc.engine.move_chat, ingest.chat_ref(message.chat_id),
                                ingest.chat_ref(message.migrate_to_chat_id),
                                receipt_key=f"tg:u:{update.update_id}")
    except Exception:
        svc.failed.add(update.update_id)
        raise


async def on_left(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Someone left or was removed from a group (the service message, or a chat_member
    update where the bot may see them): they stop being a member of its workshops."""
    gone = ingest.left_member(update)
    if gone is None:
        return
    svc = services.of(context)
    if gone.id == svc.bot_id:
        return
    await svc.flush_before(update.update_id)
    try:
        await asyncio.to_thread(svc.engine.left_group, ingest.chat_ref(gone.chat_id),
                                ingest.person_ref(gone.id), receipt_key=f"tg:u:{update.update_id}")
    except Exception:
        svc.failed.add(update.update_id)
        raise


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log with the traceback; tell the user something short unless it will be retried."""
    log.error("error while handling an update", exc_info=context.error)
    if not isinstance(update, Update):
        return
    svc = services.of(context)
    if update.update_id in svc.failed:
        # Nothing was committed: it comes again, or (failing for a reason of its own) is set
        # aside after a few attempts, and only then is its sender told, once.
        svc.retries.note(update.update_id, context.error)
        return
    if update.effective_chat is None:
        return
    if isinstance(context.error, DBAPIError):
        return  # the database is away: the update is fetched again and answered then
    user = update.effective_user
    lang = normalise_lang(user.language_code if user else None)
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(t(lang, "error-generic")[:200])
        else:
            await context.bot.send_message(update.effective_chat.id, t(lang, "error-generic"))
    except Exception:
        log.warning("could not tell the user about the error", exc_info=True)


def register(app: Application) -> None:
    """Wire every handler in one place."""
    app.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, on_migrate))
    app.add_handler(MessageHandler(filters.StatusUpdate.LEFT_CHAT_MEMBER, on_left))
    app.add_handler(ChatMemberHandler(on_left, ChatMemberHandler.CHAT_MEMBER))
    app.add_handler(MessageHandler(filters.COMMAND & filters.UpdateType.MESSAGE, on_command))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND
                                   & filters.UpdateType.MESSAGE, on_text))
    app.add_handler(MessageHandler(filters.Document.FileExtension("json")
                                   & filters.ChatType.PRIVATE, documents.on_workshop_file))
    app.add_handler(MessageHandler(filters.Document.FileExtension("csv")
                                   & filters.ChatType.PRIVATE, documents.on_scores))
    app.add_handler(CallbackQueryHandler(on_button))
    app.add_error_handler(on_error)
