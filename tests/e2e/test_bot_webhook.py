"""Webhook mode: the secret header is enforced, and 200 means the update is committed."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

import httpx

from bot import app as bot_app
from bot import webhook
from tests.e2e.botrunner import settings_for
from tests.fakebotapi import FakeBotAPI


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def test_webhook_processes_updates_and_enforces_the_secret(fake_api: FakeBotAPI,
                                                                 tmp_path: Path) -> None:
    fake = fake_api
    settings = settings_for(fake, f"sqlite:///{tmp_path / 'hook.db'}")
    app, svc = bot_app.build(settings, fake.token)
    await app.initialize()
    svc.bot_id, svc.username = app.bot.id, app.bot.username
    await app.start()
    port = _free_port()
    url = f"http://127.0.0.1:{port}/telegram"
    stop = asyncio.Event()
    server = asyncio.create_task(webhook.serve(app, svc, url=url, listen="127.0.0.1", port=port,
                                               secret="s3cret-token", stop=stop))
    try:
        await fake.wait_for(lambda: fake.webhook is not None)
        fenna = fake.add_user("Fenna", username="fenna", language_code="nl")
        fake.user_starts_bot(fenna)
        await fake.user_sends(fenna, fenna, "/new Ik bestel een wasmachine")
        await fake.wait_for(lambda: any("Stap 1/8" in (m.text or "")
                                        for m in fake.sent_messages(fenna)), timeout=10)
        deliveries = fake.webhook_deliveries
        assert deliveries and all(d.secret_header == "s3cret-token" for d in deliveries)
        assert all(d.status == 200 for d in deliveries)
        async with httpx.AsyncClient() as client:
            forged = await client.post(url, json={"update_id": 1}, headers={
                webhook.SECRET_HEADER: "wrong"})
            missing = await client.post(url, json={"update_id": 2})
        assert forged.status_code == 403 and missing.status_code == 403
    finally:
        stop.set()
        await server
        await svc.deliverer.drain()
        await app.stop()
        await app.shutdown()
        if svc.deliverer.executor is not None:
            svc.deliverer.executor.shutdown(wait=True)
        svc.engine.db.dispose()
