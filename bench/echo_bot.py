"""A bare python-telegram-bot echo bot: the baseline bench_bot.py compares cjbot with."""

from __future__ import annotations

import sys

from telegram import Update
from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer every text with itself."""
    if update.effective_message and update.effective_message.text:
        await update.effective_message.reply_text(update.effective_message.text)


def main() -> None:
    """Run: echo_bot.py TOKEN BASE_URL."""
    token, base_url = sys.argv[1], sys.argv[2]
    app = ApplicationBuilder().token(token).base_url(base_url).build()
    app.add_handler(MessageHandler(filters.TEXT, echo))
    app.run_polling(poll_interval=0.0, timeout=1, drop_pending_updates=False)


if __name__ == "__main__":
    main()
