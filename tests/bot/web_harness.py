"""Serves the web view of a test database on a free port, in the test's event loop."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from sqlalchemy.engine import Engine
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets

from bot.web import initdata, launch, server
from bot.web.pages import PartCache
from bot.web.watch import VersionWatch
from cjworkflow.flow.engine import WorkshopEngine
from cjworkflow.messages import Reply
from cjworkflow.storage.db import read_only
from cjworkflow.web import read

BOT_TOKEN = "123456:TEST-token-for-the-web-view-tests"


@dataclass
class Delivered:
    """Stands in for the bot's deliverer: keeps what it was given."""

    replies: list[Reply] = field(default_factory=list)

    async def deliver(self, replies: list[Reply], origin: Any) -> None:
        self.replies.extend(replies)


@dataclass
class FakeServices:
    """The parts of bot.services.Services the Mini App uses."""

    engine: WorkshopEngine
    deliverer: Delivered = field(default_factory=Delivered)


def init_data(user_id: int, *, first_name: str = "Anna", token: str = BOT_TOKEN,
              auth_date: int | None = None, **extra: str) -> str:
    """initData as Telegram signs it for user_id."""
    fields = {"auth_date": str(int(time.time()) if auth_date is None else auth_date),
              "query_id": "AAF", "user": json.dumps({"id": user_id, "first_name": first_name,
                                                     "language_code": "en"}), **extra}
    return urlencode({**fields, "hash": initdata.sign(fields, token)})


@asynccontextmanager
async def web_server(engine: WorkshopEngine, *, interval: float = 0.05
                     ) -> AsyncIterator[tuple[str, server.WebContext, FakeServices]]:
    """(base URL, context, services) of a web view serving engine's database."""
    db: Engine = read_only(engine.db)
    svc = FakeServices(engine)
    ctx = server.WebContext(db=db, cache=PartCache(),
                            watch=VersionWatch(lambda ids: read.versions(db, ids), interval))
    ctx.extra.update({"svc": svc, "bot_token": BOT_TOKEN, "base": ""})
    sockets = bind_sockets(0, "127.0.0.1")
    http = HTTPServer(launch.application(ctx), max_body_size=64 * 1024)
    http.add_sockets(sockets)
    port = sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}", ctx, svc
    finally:
        http.stop()
        await http.close_all_connections()
        await ctx.watch.close()
