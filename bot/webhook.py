"""Webhook mode: answer Telegram 200 only after the update's effects are committed.

Several `cjbot webhook` processes may serve one bot behind a load balancer, sharing one
PostgreSQL database (docs/deployment.md). Each registers the same URL with the same secret
at start (setWebhook is idempotent), so a process that starts later never locks the others
out: the secret is WEBHOOK_SECRET, or else derived from the bot token, never random.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
from collections.abc import Callable
from typing import Any

import tornado.httpserver
import tornado.web
from pydantic import SecretStr
from telegram import Update
from telegram.ext import Application

from bot import deadletter
from bot.services import Services

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
_SECRET_LABEL = b"cjbot webhook secret v1"


def default_secret(token: str) -> str:
    """The webhook secret when WEBHOOK_SECRET is unset: the same in every process of a bot.

    An HMAC of a fixed label keyed with the bot token: unguessable without the token (which
    controls the bot anyway), and 64 hex characters, within Telegram's allowed alphabet.
    """
    return hmac.new(token.encode(), _SECRET_LABEL, hashlib.sha256).hexdigest()


def secret_for(configured: SecretStr | None, token: str) -> str:
    """WEBHOOK_SECRET when set and not blank (`WEBHOOK_SECRET=` from .env is blank), else
    default_secret(token): an empty secret would let requests without the header through."""
    value = configured.get_secret_value().strip() if configured is not None else ""
    return value or default_secret(token)


async def process_one(app: Application, svc: Services, update: Update,
                      payload: str | None = None) -> bool:
    """Process one update; False when its effects were not committed (Telegram must retry).
    True also when it kept failing and was set aside as a dead letter (bot/deadletter.py):
    Telegram would otherwise deliver it again forever.

    Requests are handled concurrently, so only this update's own failure mark is looked at
    and removed: clearing the whole set could erase a concurrent request's failure and
    answer it 200, losing that update.
    """
    if svc.retries.is_buried(update.update_id):
        return True  # our 200 for it was lost: it is a dead letter already
    await app.process_update(update)
    if update.update_id in svc.failed:
        if await deadletter.settle(app, svc, update, payload):
            return True
        svc.failed.discard(update.update_id)
        return False
    svc.retries.done(update.update_id)
    return True


class UpdateHandler(tornado.web.RequestHandler):
    """POST <path>: one update; 403 without the right secret; 500 makes Telegram retry (until
    the update is set aside as a dead letter, when it is answered 200)."""

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
        ok = await process_one(self.app, self.svc, update,
                               self.request.body.decode(errors="replace"))
        self.set_status(200 if ok else 500)


async def serve(app: Application, svc: Services, *, url: str,
                listen: str, port: int, secret: str, stop: asyncio.Event,
                web_view: Callable[[list[Any]], tornado.web.Application] | None = None) -> None:
    """Register the webhook with Telegram and serve until stop is set; web_view: one server
    for the webhook and the web view (WEB_PORT = WEBHOOK_PORT), built from the webhook's rule."""
    from urllib.parse import urlparse

    path = urlparse(url).path or "/"
    rule = (path, UpdateHandler, {"app": app, "svc": svc, "secret": secret})
    web = web_view([rule]) if web_view is not None else tornado.web.Application([rule])
    server = tornado.httpserver.HTTPServer(web)
    server.listen(port, address=listen)
    await app.bot.set_webhook(url, secret_token=secret, allowed_updates=Update.ALL_TYPES)
    log.info("webhook listening on %s:%s%s", listen, port, path)
    try:
        await stop.wait()
    finally:
        server.stop()
        await server.close_all_connections()
