"""Answers to pressed buttons: retried while the query lives, on the side of the updates."""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import timedelta

from telegram import Bot
from telegram.error import BadRequest, NetworkError, RetryAfter, TelegramError

from cjworkflow.i18n.fmt import clip

log = logging.getLogger(__name__)

ANSWER_WINDOW = 15.0  # Telegram refuses to answer a button press older than about this
MAX_BACKOFF = 30.0


def retry_seconds(value: float | timedelta) -> float:
    """A RetryAfter's wait in seconds (PTB gives a timedelta or a number)."""
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


async def answer_button(bot: Bot, callback_id: str, text: str) -> None:
    """Answer a pressed button, retrying 429s and network errors while the query lives."""
    deadline = time.monotonic() + ANSWER_WINDOW
    delay = 0.5
    while True:
        try:
            await bot.answer_callback_query(callback_id, text=clip(text, 200) or None)
            return
        except RetryAfter as e:
            wait = retry_seconds(e.retry_after)
        except BadRequest as e:
            # Expired (older than ~15 s), or already answered by a try whose answer was
            # lost: either way nothing more to do; the reply itself still stands.
            log.info("callback answer refused: %s", e.message)
            return
        except NetworkError as e:  # also TimedOut and 5xx answers
            log.info("callback answer failed (%s); retrying", e.message)
            wait, delay = delay, min(delay * 2, MAX_BACKOFF)
        except TelegramError as e:
            log.warning("callback answer failed: %s", e)
            return
        if time.monotonic() + wait > deadline:
            log.warning("callback answer given up: the query expires first")
            return
        await asyncio.sleep(wait)
