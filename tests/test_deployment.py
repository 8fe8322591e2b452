"""What several webhook processes of one bot rely on: one secret, per-update failures, flags."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest
from pydantic import SecretStr

from bot import webhook
from bot.retries import Retries
from cjbot import cli
from cjworkflow.config import get_settings

TOKEN = "4242424242:AAFakeTokenForTestsOnly_abcdefghijk"


def test_the_default_secret_is_the_same_in_every_process_and_valid_for_telegram() -> None:
    secret = webhook.default_secret(TOKEN)
    assert secret == webhook.default_secret(TOKEN), "a second process registers the same one"
    assert secret != webhook.default_secret(TOKEN.replace("A", "B")), "another bot, another"
    assert re.fullmatch(r"[A-Za-z0-9_-]{1,256}", secret), "Telegram's secret_token alphabet"
    assert TOKEN.split(":")[1] not in secret


def test_a_blank_webhook_secret_falls_back_instead_of_accepting_anyone() -> None:
    # `WEBHOOK_SECRET=` copied from .env.example is an empty string, not "unset": an empty
    # secret would match a request that carries no header at all.
    derived = webhook.default_secret(TOKEN)
    assert webhook.secret_for(SecretStr(""), TOKEN) == derived
    assert webhook.secret_for(SecretStr("   "), TOKEN) == derived
    assert webhook.secret_for(None, TOKEN) == derived
    assert webhook.secret_for(SecretStr("own-secret_1"), TOKEN) == "own-secret_1"


async def test_concurrent_failures_are_each_retried() -> None:
    # Two requests in flight at once both fail before commit: both must answer 500. Clearing
    # every failure mark when the first finishes would answer the second 200 and lose it.
    svc = SimpleNamespace(failed=set(), retries=Retries())

    async def process_update(update: Any) -> None:
        await asyncio.sleep(0.01 if update.update_id == 1 else 0.02)
        if update.update_id in (1, 2):
            svc.failed.add(update.update_id)

    app: Any = SimpleNamespace(process_update=process_update)
    results = await asyncio.gather(*(webhook.process_one(app, cast(Any, svc),
                                                         cast(Any, SimpleNamespace(update_id=i)))
                                     for i in (1, 2, 3)))
    assert results == [False, False, True]
    assert svc.failed == set()


@pytest.fixture
def settings_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Any:
    """A token, no webhook settings, no .env; the settings cache is fresh before and after."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'x.db'}")
    for name in ("WEBHOOK_URL", "WEBHOOK_PORT", "WEBHOOK_LISTEN", "WEBHOOK_SECRET"):
        monkeypatch.delenv(name, raising=False)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_webhook_without_a_url_refuses_to_start(settings_env: Any, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    # Falling back to polling would call deleteWebhook and cut off the other processes.
    import bot.app

    monkeypatch.setattr(bot.app, "main", lambda args: pytest.fail("the bot must not start"))
    assert cli.main(["webhook"]) == 2
    assert "--url" in capsys.readouterr().err


def test_webhook_flags_choose_where_this_process_listens(settings_env: Any,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import bot.app

    seen: dict[str, Any] = {}

    def fake_main(args: Any) -> int:
        settings = get_settings()
        seen.update(url=args.webhook, port=settings.webhook_port, listen=settings.webhook_listen)
        return 0

    monkeypatch.setattr(bot.app, "main", fake_main)
    assert cli.main(["webhook", "--url", "https://bot.example.com/tg", "--port", "8444",
                     "--listen", "0.0.0.0"]) == 0
    assert seen == {"url": "https://bot.example.com/tg", "port": 8444, "listen": "0.0.0.0"}
