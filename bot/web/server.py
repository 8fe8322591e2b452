"""The web view's HTTP server on the bot's event loop (tornado, as the webhook already uses).

GET /w/<token>         the page, rendered on the server (the live part inside)
GET /w/<token>/part    the live part alone (the page's script swaps it in)
GET /w/<token>/events  server-sent events: `version` whenever the workshop changed
Anything else, a malformed, unknown or revoked token: 404 with a plain page; never a trace.
The Mini App's routes are in bot/web/miniapp.py.
"""

from __future__ import annotations

import asyncio
import gzip
import logging
from dataclasses import dataclass, field
from typing import Any

import tornado.httpserver
import tornado.web
from sqlalchemy.engine import Engine
from tornado.iostream import StreamClosedError

from bot.web.pages import PartCache
from bot.web.watch import VersionWatch
from cjworkflow.web import document, read, tokens
from cjworkflow.web.document import Packed

log = logging.getLogger(__name__)

MAX_STREAMS = 200  # open live pages per process; more get 503 and retry later
STREAM_SECONDS = 3600.0  # a live page reconnects after this (its token is checked again)
KEEPALIVE_S = 20.0  # a comment line, so proxies keep the stream open
MAX_BODY = 64 * 1024  # requests: the Mini App's JSON is a few KB
CSP = ("default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; "
       "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; "
       "frame-ancestors 'none'")


@dataclass
class WebContext:
    """What the handlers share."""

    db: Engine  # read-only engine
    cache: PartCache
    watch: VersionWatch
    default_language: str = "nl"
    streams: int = 0
    extra: dict[str, Any] = field(default_factory=dict)
    # Look-ups of a token in flight: the viewers of one link (a room's screens) woken by the
    # same change share one query.
    inflight: dict[str, asyncio.Future[tuple[int, int] | None]] = field(default_factory=dict)

    async def locate(self, token: str) -> tuple[int, int] | None:
        """(workshop id, version) behind a live link, or None; one query per token at once."""
        future = self.inflight.get(token)
        if future is None:
            future = asyncio.ensure_future(asyncio.to_thread(read.locate, self.db, token))
            self.inflight[token] = future
            future.add_done_callback(lambda _: self.inflight.pop(token, None))
        return await asyncio.shield(future)


class BaseHandler(tornado.web.RequestHandler):
    """Plain errors, no caching, no referrer (the token is in the URL), no sniffing."""

    def initialize(self, ctx: WebContext) -> None:
        self.ctx = ctx

    def set_default_headers(self) -> None:
        self.set_header("Cache-Control", "no-store")
        self.set_header("Referrer-Policy", "no-referrer")
        self.set_header("X-Content-Type-Options", "nosniff")

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        """A short page for any error: no trace, no detail."""
        self.clear_header("Content-Security-Policy")
        if status_code == 404:
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.finish(document.not_found(self.ctx.default_language))
        else:
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            self.finish(f"{status_code}\n")

    def log_exception(self, typ: Any, value: Any, tb: Any) -> None:
        """Log a failure's class only: the path holds a token."""
        if isinstance(value, tornado.web.HTTPError):
            return
        log.warning("web view: %s on a request", typ.__name__ if typ else "error")

    def _request_summary(self) -> str:
        # Tornado logs every request with its path: a token must not reach the log.
        path = self.request.path
        return f"{self.request.method} {path.split('/w/')[0] + '/w/…' if '/w/' in path else path}"

    async def send_gz(self, data: bytes, content_type: str) -> None:
        """Compressed bytes as they are, or unpacked (in a thread) for a client without gzip."""
        self.set_header("Content-Type", content_type)
        self.set_header("Vary", "Accept-Encoding")
        if "gzip" in self.request.headers.get("Accept-Encoding", ""):
            self.set_header("Content-Encoding", "gzip")
            self.finish(data)
        else:
            self.finish(await asyncio.to_thread(gzip.decompress, data))

    async def live_part(self, token: str) -> Packed:
        """The live part behind a live link (cached per version: an unchanged workshop costs
        one look-up), or 404."""
        if not tokens.well_formed(token):
            raise tornado.web.HTTPError(404)
        found = await self.ctx.locate(token)
        if found is None:
            raise tornado.web.HTTPError(404)
        cached = self.ctx.cache.cached(*found)
        if cached is not None:
            return cached
        snap = await asyncio.to_thread(read.snapshot_for_token, self.ctx.db, token)
        if snap is None:
            raise tornado.web.HTTPError(404)
        return await self.ctx.cache.part(snap)


class PageHandler(BaseHandler):
    """The whole page, with its content in the HTML before any script runs."""

    async def get(self, token: str) -> None:
        part = await self.live_part(token)
        self.set_header("Content-Security-Policy", CSP)
        await self.send_gz(part.page_gz, "text/html; charset=utf-8")


class PartHandler(BaseHandler):
    """The live part alone, with the version it shows."""

    async def get(self, token: str) -> None:
        part = await self.live_part(token)
        self.set_header("X-Workshop-Version", str(part.version))
        await self.send_gz(part.part_gz, "text/html; charset=utf-8")


class EventsHandler(BaseHandler):
    """Server-sent events: the workshop's version now and whenever it changes."""

    closed = False
    event: asyncio.Event | None = None

    def on_connection_close(self) -> None:
        self.closed = True
        if self.event is not None:
            self.event.set()  # wake the stream, which then sees it is closed

    async def get(self, token: str) -> None:
        if not tokens.well_formed(token):
            raise tornado.web.HTTPError(404)
        found = await self.ctx.locate(token)
        if found is None:
            raise tornado.web.HTTPError(404)
        if self.ctx.streams >= MAX_STREAMS:
            self.set_status(503)
            self.set_header("Retry-After", "30")
            self.finish("503\n")
            return
        wid, version = found
        self.ctx.streams += 1
        event = self.event = self.ctx.watch.watch(wid)
        try:
            await self._stream(token, wid, version, event)
        except StreamClosedError:
            pass
        finally:
            self.ctx.streams -= 1
            self.ctx.watch.unwatch(wid, event)
        if not self.closed:
            self.finish()

    async def _stream(self, token: str, wid: int, version: int, event: asyncio.Event) -> None:
        self.set_header("Content-Type", "text/event-stream")
        self.set_header("X-Accel-Buffering", "no")  # nginx: pass events on at once
        self.write(f"retry: 2000\nevent: version\ndata: {version}\n\n")
        await self.flush()
        deadline = asyncio.get_running_loop().time() + STREAM_SECONDS
        while not self.closed and asyncio.get_running_loop().time() < deadline:
            try:
                await asyncio.wait_for(event.wait(), KEEPALIVE_S)
            except TimeoutError:
                self.write(": ping\n\n")
                await self.flush()
                continue
            event.clear()
            if self.closed:
                return
            # Changed, revoked or gone: look again through the token itself.
            found = await self.ctx.locate(token)
            if found is None or found[0] != wid:
                return
            if found[1] != version:
                version = found[1]
                self.write(f"event: version\ndata: {version}\n\n")
                await self.flush()


class ScriptHandler(BaseHandler):
    """The page's script (a file, so the page itself holds no per-request nonce)."""

    def get(self) -> None:
        self.set_header("Content-Type", "text/javascript; charset=utf-8")
        self.set_header("Cache-Control", "public, max-age=300")
        self.finish(document.SCRIPT)


class NotFound(BaseHandler):
    """Every other path."""

    def prepare(self) -> None:
        raise tornado.web.HTTPError(404)


TOKEN = r"([A-Za-z0-9_-]{1,64})"


def routes(ctx: WebContext) -> list[Any]:
    """The web view's URL rules, to serve alone or beside the webhook."""
    args = {"ctx": ctx}
    return [
        (rf"/w/{TOKEN}", PageHandler, args),
        (rf"/w/{TOKEN}/part", PartHandler, args),
        (rf"/w/{TOKEN}/events", EventsHandler, args),
        (document.SCRIPT_PATH, ScriptHandler, args),
    ]


def application(rules: list[Any], ctx: WebContext) -> tornado.web.Application:
    """A tornado application for rules, unknown paths answered 404 by NotFound."""
    return tornado.web.Application(rules, default_handler_class=NotFound,
                                   default_handler_args={"ctx": ctx}, compress_response=True)


def bind(app: tornado.web.Application, *, listen: str, port: int) -> tornado.httpserver.HTTPServer:
    """A server for app, listening now (OSError when the port is taken)."""
    server = tornado.httpserver.HTTPServer(app, max_body_size=MAX_BODY)
    server.listen(port, address=listen)
    log.info("web view listening on %s:%s", listen, port)
    return server


async def serve(server: tornado.httpserver.HTTPServer, stop: asyncio.Event) -> None:
    """Serve until stop is set."""
    try:
        await stop.wait()
    finally:
        server.stop()
        await server.close_all_connections()
