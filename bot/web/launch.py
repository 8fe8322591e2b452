"""Wires the web view into the running bot: its context, its routes, its server."""

from __future__ import annotations

import asyncio
from typing import Any

import tornado.httpserver
import tornado.web

from bot.services import Services
from bot.web import miniapp, server
from bot.web.pages import PartCache, in_thread
from bot.web.watch import VersionWatch
from cjworkflow.config import Settings
from cjworkflow.web import read, tokens


def context(svc: Services, settings: Settings, token: str) -> server.WebContext:
    """The web view's shared state; renders go to the bot's render pool when it has one."""
    pool = svc.deliverer.executor
    render = pool.run if pool is not None else in_thread
    db = svc.engine.read_db
    ctx = server.WebContext(db=db, cache=PartCache(render),
                            watch=VersionWatch(lambda ids: read.versions(db, ids)),
                            default_language=settings.default_language)
    ctx.extra.update(miniapp.extra(svc, token, settings.resolved_web_base_url or ""))
    svc.engine.web_base_url = base = settings.resolved_web_base_url
    if tokens.is_https(base):
        svc.deliverer.messages.app_base = base
    return ctx


def routes(ctx: server.WebContext) -> list[Any]:
    """Every web route: the read-only page and the Mini App."""
    return server.routes(ctx) + miniapp.routes(ctx)


def shares_webhook(settings: Settings, webhook_url: str | None) -> bool:
    """Whether the web view is served by the webhook's own server (the same port)."""
    return bool(webhook_url) and settings.web_port == settings.webhook_port


def application(ctx: server.WebContext, extra: list[Any] | None = None) -> tornado.web.Application:
    """A tornado application with the web routes (and extra ones, e.g. the webhook's)."""
    return server.application((extra or []) + routes(ctx), ctx)


def bind(ctx: server.WebContext, settings: Settings) -> tornado.httpserver.HTTPServer:
    """Listen on WEB_LISTEN:WEB_PORT now: a taken port fails the start, not a task later."""
    assert settings.web_port is not None
    return server.bind(application(ctx), listen=settings.web_listen, port=settings.web_port)


async def serve(ctx: server.WebContext, http: tornado.httpserver.HTTPServer,
                stop: asyncio.Event) -> None:
    """Serve the bound web view until stop is set."""
    try:
        await server.serve(http, stop)
    finally:
        await ctx.watch.close()
