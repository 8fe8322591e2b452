"""A CSV of customers' scores sent to the bot privately: added to the sender's workshop."""

from __future__ import annotations

import asyncio

from telegram import Update
from telegram.ext import ContextTypes

from bot import ingest, services
from cjworkflow.i18n import normalise_lang, t
from cjworkflow.limits.voice import MAX_CSV_BYTES
from cjworkflow.messages import Reply, Verb


async def on_scores(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A .csv file in a private chat: customers' scores for the active workshop."""
    message = update.effective_message
    made = ingest.command(update, Verb.TEXT, "")
    if message is None or message.document is None or made is None:
        return
    cmd, origin = made
    svc = services.of(context)
    try:
        await svc.flush()
    except Exception:
        svc.failed.add(update.update_id)
        raise
    if (message.document.file_size or 0) > MAX_CSV_BYTES:
        # Refused before downloading anything.
        lang = normalise_lang(cmd.actor.language)
        replies = [Reply(text=t(lang, "import-scores-too-large", max=MAX_CSV_BYTES // 1024))]
    else:
        raw = bytes(await (await message.document.get_file()).download_as_bytearray())
        replies = await asyncio.to_thread(svc.engine.import_scores, cmd.actor, raw)
    await svc.deliverer.deliver(replies, origin)
