"""Webhook mode: answer Telegram 200 only after the update's effects are committed."""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from typing import Any

import tornado.httpserver
import tornado.web
from telegram import Update
from telegram.ext import Application

from bot.polling import process_batch
from bot.services import Services

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class UpdateHandler(tornado.web.RequestHandler):
    """POST <path>: one update; 403 without the right secret; 500 makes Telegram retry."""

    def initialize(self, app: Application, svc: Services,
                   secret: str) -> None:
        self.app = app
        self.svc = svc
        self.secret = secret

    async def post(self) -> None:
        """Check the secret, process the update, then answer."""
        given = self.request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.secret.encode()):
            self.set_status(403)
            return
        try:
            data: Any = json.loads(self.request.body or b"{}")
            update = Update.de_json(data, self.app.bot)
        except (ValueError, TypeError, KeyError):
            self.set_status(400)
            return
        failed = await process_batch(self.app, self.svc, [update])
        self.set_status(500 if failed is not None else 200)


async def serve(app: Application, svc: Services, *, url: str,
                listen: str, port: int, secret: str, stop: asyncio.Event) -> None:
    """Register the webhook with Telegram and serve until stop is set."""
    from urllib.parse import urlparse

    path = urlparse(url).path or "/"
    web = tornado.web.Application([(path, UpdateHandler, {"app": app, "svc": svc,
                                                          "secret": secret})])
    server = tornado.httpserver.HTTPServer(web)
    server.listen(port, address=listen)
    await app.bot.set_webhook(url, secret_token=secret, allowed_updates=Update.ALL_TYPES)
    log.info("webhook listening on %s:%s%s", listen, port, path)
    try:
        await stop.wait()
    finally:
        server.stop()
        await server.close_all_connections()
