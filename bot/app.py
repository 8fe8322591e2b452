"""Builds and runs the Telegram bot: `cjbot run` (polling) and `cjbot webhook`."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import re
import signal
import sys
from collections.abc import Callable

from telegram import BotCommand, BotCommandScopeDefault
from telegram.error import InvalidToken, NetworkError
from telegram.ext import Application, ApplicationBuilder

from bot import handlers, polling, redact, scheduler, services, webhook
from bot.delivery import Deliverer
from bot.render_pool import RenderPool
from bot.throttle import Throttle
from bot.web import launch
from cjworkflow.config import Settings, get_settings
from cjworkflow.flow.engine import WorkshopEngine
from cjworkflow.flow.verbs import MENU
from cjworkflow.i18n import LANGUAGES, t
from cjworkflow.storage import migrate
from cjworkflow.storage.db import make_engine

log = logging.getLogger(__name__)

TOKEN_RE = re.compile(r"^\d{1,20}:[A-Za-z0-9_-]{20,}$")


def _fail(message: str) -> int:
    print(f"cjbot: {message}", file=sys.stderr)
    return 2


def join_link(username: str) -> Callable[[str], str]:
    """Deep links that open a private chat with the bot and join a workshop."""
    return lambda code: f"https://t.me/{username}?start={code}"


def build(settings: Settings, token: str) -> tuple[Application, services.Services]:
    """The PTB application and the services it shares, wired but not started."""
    url = settings.resolved_database_url
    migrate.ensure_schema(url)
    engine = WorkshopEngine(
        make_engine(url), default_language=settings.default_language,
        default_timezone=settings.default_timezone, reminder_offsets=settings.reminder_offsets)
    app = (ApplicationBuilder().token(token).base_url(settings.telegram_api_base_url)
           .base_file_url(settings.telegram_api_base_url.replace("/bot", "/file/bot"))
           .updater(None).concurrent_updates(True).build())
    # Renders are background work in their own processes, each within RENDER_TIMEOUT.
    executor = RenderPool(settings.render_workers, settings.render_timeout)
    deliverer = Deliverer(app.bot, engine, card_seconds=settings.card_edit_seconds,
                          executor=executor,
                          throttle=Throttle(group_per_minute=settings.group_messages_per_minute))
    svc = services.Services(engine=engine, deliverer=deliverer)
    services.attach(app, svc)
    handlers.register(app)
    return app, svc


async def publish_commands(app: Application) -> None:
    """setMyCommands with descriptions in English (default) and Dutch."""
    for lang in LANGUAGES:
        commands = [BotCommand(s.names[0], t(lang, s.menu_key)) for s in MENU]
        await app.bot.set_my_commands(commands, scope=BotCommandScopeDefault(),
                                      language_code=None if lang == "en" else lang)


async def run(settings: Settings, token: str, webhook_url: str | None) -> int:
    """Run until SIGINT/SIGTERM: initialise, poll or serve, then drain replies and stop."""
    app, svc = build(settings, token)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        await app.initialize()
    except InvalidToken:
        return _fail("Telegram rejected TELEGRAM_BOT_TOKEN (unauthorized); check the token.")
    except NetworkError as e:
        return _fail(f"cannot reach the Telegram Bot API at the configured base URL ({e}).")
    svc.bot_id, svc.username = app.bot.id, app.bot.username
    svc.engine.join_link = join_link(svc.username)
    await app.start()
    await publish_commands(app)
    log.info("cjbot running as @%s (%s)", svc.username,
             "webhook" if webhook_url else "long polling")
    ticks = asyncio.create_task(scheduler.run_ticks(svc.engine, svc.deliverer, stop,
                                                    settings.reminder_tick_seconds))
    web_ctx, web_task = None, None
    shared = launch.shares_webhook(settings, webhook_url)
    try:
        if settings.web_port is not None:
            web_ctx = launch.context(svc, settings, token)
            if not shared:
                try:
                    http = launch.bind(web_ctx, settings)
                except OSError as e:  # the port is taken: say so now, not in a task later
                    return _fail(f"cannot serve the web view on {settings.web_listen}:"
                                 f"{settings.web_port} ({e.strerror or e}); check WEB_PORT.")
                web_task = asyncio.create_task(launch.serve(web_ctx, http, stop))
        if webhook_url:
            secret = webhook.secret_for(settings.webhook_secret, token)
            redact.install([token, secret])
            both = web_ctx if shared else None
            await webhook.serve(app, svc, url=webhook_url, listen=settings.webhook_listen,
                                port=settings.webhook_port, secret=secret, stop=stop,
                                web_view=(lambda rules: launch.application(both, rules))
                                if both is not None else None)
        else:
            await app.bot.delete_webhook()
            await polling.poll(app, svc, stop, timeout=settings.poll_timeout)
    finally:
        stop.set()
        # A claim in flight finishes its transaction, and its replies are queued and drained.
        with contextlib.suppress(Exception):
            await ticks
        if web_task is not None:
            with contextlib.suppress(Exception):
                await web_task
        await svc.settle()
        await svc.deliverer.drain()
        await app.stop()
        await app.shutdown()
        executor = svc.deliverer.executor
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)
        svc.engine.db.dispose()
    return 0


def main(args: argparse.Namespace) -> int:
    """`cjbot run` / `cjbot webhook`: one clear line and exit 2 on a missing or bad token."""
    settings = get_settings()
    token = settings.telegram_bot_token.get_secret_value().strip() \
        if settings.telegram_bot_token else ""
    if not token:
        return _fail("TELEGRAM_BOT_TOKEN is not set (put it in the environment or .env); "
                     "without a token, try `cjbot demo` or `cjbot chat`.")
    if not TOKEN_RE.match(token):
        return _fail("TELEGRAM_BOT_TOKEN is malformed: expected <digits>:<secret> as given by "
                     "@BotFather.")
    redact.install([token])
    webhook_url = getattr(args, "webhook", None) or settings.webhook_url
    try:
        return asyncio.run(run(settings, token, webhook_url))
    except KeyboardInterrupt:
        return 0
