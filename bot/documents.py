"""Files sent to the bot in a private chat: a workshop's JSON export, a CSV of customers'
scores. Each is refused by its size before anything is downloaded, then handed to the engine."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from telegram import Update
from telegram.ext import ContextTypes

from bot import ingest, services
from cjworkflow.flow.engine import WorkshopEngine
from cjworkflow.i18n import normalise_lang, t
from cjworkflow.limits.voice import MAX_CSV_BYTES
from cjworkflow.messages import Actor, Reply, Verb

Take = Callable[[WorkshopEngine], Callable[[Actor, bytes], list[Reply]]]


async def _receive(update: Update, context: ContextTypes.DEFAULT_TYPE, *, max_bytes: int,
                   too_large: Callable[[str], str], take: Take) -> None:
    """Read the document within max_bytes and let take(engine) store it; answer the sender."""
    message = update.effective_message
    made = ingest.command(update, Verb.TEXT, "")
    if message is None or message.document is None or made is None:
        return
    cmd, origin = made
    svc = services.of(context)
    await svc.flush_before(update.update_id)
    if (message.document.file_size or 0) > max_bytes:
        # Refused before downloading anything.
        replies = [Reply(text=too_large(normalise_lang(cmd.actor.language)))]
    else:
        raw = bytes(await (await message.document.get_file()).download_as_bytearray())
        replies = await asyncio.to_thread(take(svc.engine), cmd.actor, raw)
    await svc.deliverer.deliver(replies, origin)


async def on_workshop_file(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A .json file: restore a workshop from its export."""
    from cjworkflow.storage.transfer import MAX_IMPORT_BYTES

    await _receive(update, context, max_bytes=MAX_IMPORT_BYTES,
                   too_large=lambda lang: t(lang, "import-too-large",
                                            max=MAX_IMPORT_BYTES // 2**20),
                   take=lambda engine: engine.import_file)


async def on_scores(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A .csv file: customers' scores for the sender's active workshop."""
    await _receive(update, context, max_bytes=MAX_CSV_BYTES,
                   too_large=lambda lang: t(lang, "import-scores-too-large",
                                            max=MAX_CSV_BYTES // 1024),
                   take=lambda engine: engine.import_scores)
