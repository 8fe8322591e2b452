"""Webhook settings are checked at start: https only, and a secret Telegram accepts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cjbot import cli
from cjworkflow.config import get_settings

TOKEN = "4242424242:AAFakeTokenForTestsOnly_abcdefghijk"
BAD_SECRETS = ["two words", "semi;colon", "ünïcode", "x" * 257, "dot.ted"]


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Any:
    """A token and no webhook settings; the bot itself must never start in these tests."""
    import bot.app

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'x.db'}")
    for name in ("WEBHOOK_URL", "WEBHOOK_SECRET", "WEBHOOK_ALLOW_HTTP"):
        monkeypatch.delenv(name, raising=False)
    started: list[str] = []
    monkeypatch.setattr(bot.app, "main", lambda args: started.append(args.webhook) or 0)
    get_settings.cache_clear()
    yield started
    get_settings.cache_clear()


def _refused(argv: list[str], capsys: pytest.CaptureFixture[str], started: list[str]) -> str:
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert not started, "the bot must not start"
    assert len(err.strip().splitlines()) == 1, err
    return err


@pytest.mark.parametrize("url", ["http://bot.example.com/tg", "ftp://bot.example.com/tg",
                                 "bot.example.com/tg", "https:///tg"])
def test_a_webhook_url_that_is_not_https_is_refused(
        env: Any, capsys: pytest.CaptureFixture[str], url: str) -> None:
    err = _refused(["webhook", "--url", url], capsys, env)
    assert "https://" in err and url not in err


def test_the_check_covers_run_with_a_webhook_and_the_setting(
        env: Any, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    _refused(["run", "--webhook", "http://bot.example.com/tg"], capsys, env)
    monkeypatch.setenv("WEBHOOK_URL", "http://bot.example.com/tg")
    get_settings.cache_clear()
    _refused(["webhook"], capsys, env)
    _refused([], capsys, env)  # plain `cjbot` with a token runs the bot too


@pytest.mark.parametrize("secret", BAD_SECRETS)
def test_a_secret_telegram_would_refuse_is_refused_without_echoing_it(
        env: Any, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        secret: str) -> None:
    monkeypatch.setenv("WEBHOOK_SECRET", secret)
    get_settings.cache_clear()
    err = _refused(["webhook", "--url", "https://bot.example.com/tg"], capsys, env)
    assert "WEBHOOK_SECRET" in err and "A-Z" in err
    assert secret not in err and secret[:4] not in err


@pytest.mark.parametrize("secret", ["", "a", "Abc-123_xyz", "x" * 256])
def test_good_settings_start_the_bot(env: Any, monkeypatch: pytest.MonkeyPatch,
                                     secret: str) -> None:
    monkeypatch.setenv("WEBHOOK_SECRET", secret)  # blank: derived from the token
    get_settings.cache_clear()
    assert cli.main(["webhook", "--url", "https://bot.example.com/tg"]) == 0
    assert env == ["https://bot.example.com/tg"]


def test_http_only_with_the_explicit_setting(env: Any, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    _refused(["webhook", "--url", "http://127.0.0.1:8443/tg"], capsys, env)
    monkeypatch.setenv("WEBHOOK_ALLOW_HTTP", "true")
    get_settings.cache_clear()
    assert cli.main(["webhook", "--url", "http://127.0.0.1:8443/tg"]) == 0
    assert env == ["http://127.0.0.1:8443/tg"]


def test_polling_ignores_webhook_settings_it_does_not_use(
        env: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEBHOOK_SECRET", "not valid!")
    get_settings.cache_clear()
    assert cli.main(["run"]) == 0 and env == [None]
