"""`cjbot deadletters --retry ID`: process one dead letter's update again, once.

The stored update goes through the same PTB application `cjbot run` builds (same handlers,
engine and deliverer), without polling or a webhook: a bot that is running meanwhile is not
disturbed. Engine receipts make this safe even if the update had partly taken effect.
"""

from __future__ import annotations

import asyncio
import json
import sys

from telegram import Update
from telegram.error import InvalidToken, NetworkError

from bot import app as bot_app
from bot import redact
from cjworkflow.config import Settings, get_settings
from cjworkflow.ops import deadletters


def say(message: str, code: int) -> int:
    """Print one line for the operator (stderr for problems); the exit code."""
    print(f"cjbot: {message}" if code else message, file=sys.stderr if code else sys.stdout)
    return code


def main(letter_id: int) -> int:
    """Retry dead letter letter_id: 0 when processed, 1 when it failed or cannot be, 2 on a
    missing or malformed token."""
    settings = get_settings()
    token = settings.telegram_bot_token.get_secret_value().strip() \
        if settings.telegram_bot_token else ""
    if not bot_app.TOKEN_RE.match(token):
        return say("retrying a dead letter sends its replies through Telegram: set "
                   "TELEGRAM_BOT_TOKEN (as for `cjbot run`).", 2)
    redact.install([token])
    return asyncio.run(retry(settings, token, letter_id))


async def retry(settings: Settings, token: str, letter_id: int) -> int:
    """Process the letter's update through a freshly built application; mark it retried."""
    app, svc = bot_app.build(settings, token)
    db = svc.engine.db
    initialized = started = False
    try:
        letter = await asyncio.to_thread(deadletters.get, db, letter_id)
        if letter is None:
            return say(f"no dead letter {letter_id} (see `cjbot deadletters`).", 1)
        if letter.retried_at is not None:
            return say(f"dead letter {letter_id} was already retried at "
                       f"{letter.retried_at:%Y-%m-%d %H:%M} UTC.", 1)
        if letter.payload is None:
            return say(f"dead letter {letter_id} cannot be retried: its update was larger than "
                       f"{deadletters.MAX_PAYLOAD_BYTES // 1024} KiB and was not kept.", 1)
        try:
            await app.initialize()
            initialized = True
        except InvalidToken:
            return say("Telegram rejected TELEGRAM_BOT_TOKEN (unauthorized).", 2)
        except NetworkError as e:
            return say(f"cannot reach the Telegram Bot API ({e}); try again later.", 1)
        svc.bot_id, svc.username = app.bot.id, app.bot.username
        svc.engine.join_link = bot_app.join_link(svc.username)
        await app.start()
        started = True
        update = Update.de_json(json.loads(letter.payload), app.bot)
        await app.process_update(update)
        await svc.settle()
        await svc.deliverer.drain()
        if update.update_id in svc.failed:
            error = svc.retries.errors.get(update.update_id)
            name = type(error).__name__ if error is not None else "an error"
            return say(f"dead letter {letter_id} failed again ({name}); it stays listed.", 1)
        await asyncio.to_thread(deadletters.mark_retried, db, letter_id)
        return say(f"dead letter {letter_id} (update {letter.update_id}) processed again and "
                   "marked retried.", 0)
    finally:
        if started:
            await app.stop()
        if initialized:
            await app.shutdown()
        if svc.deliverer.executor is not None:
            svc.deliverer.executor.shutdown(wait=False, cancel_futures=True)
        db.dispose()
