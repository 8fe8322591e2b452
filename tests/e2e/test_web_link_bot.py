"""/link and the Mini App button through the real bot and the fake Bot API (issue #17):
Telegram allows web_app buttons in private chats only, over https only."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.web import launch
from tests.e2e.botrunner import join_code, running_bot, settings_for
from tests.fakebotapi import FakeBotAPI

HTTPS = "https://cjbot.example.org"


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'bot.db'}"


async def test_link_and_mini_app_buttons_where_telegram_takes_them(
        fake_api: FakeBotAPI, sqlite_url: str) -> None:
    fake = fake_api
    extra = {"WEB_PORT": 1, "WEB_BASE_URL": HTTPS, "DEFAULT_LANGUAGE": "en"}
    fenna = fake.add_user("Fenna", username="fenna", language_code="en")
    anna = fake.add_user("Anna", username="anna", language_code="en")
    group = fake.add_group("Webshop", [fenna, anna])
    async with running_bot(fake, sqlite_url, **extra) as bot:
        launch.context(bot.svc, settings_for(fake, sqlite_url, **extra), fake.token)
        await fake.user_sends(fenna, group, "/new I order a washing machine")
        intro = await bot.wait_text(group, "start=")
        group_card = await bot.wait_text(group, "Step 1/8")
        assert not [b for b in group_card.buttons if "web_app" in b], "groups: no Mini App"

        await fake.user_sends(anna, group, "/link")
        said = await bot.wait_text(group, "/w/")
        url = re.search(HTTPS + r"/w/[A-Za-z0-9_-]{43}", said.text or "")
        assert url and said.button("browser")["url"] == url.group(0)

        # In a private chat the card and /link open the Mini App.
        fake.user_starts_bot(anna, join_code(intro.text or ""))
        await bot.wait_text(anna, "You have joined")
        await fake.user_sends(anna, anna, "/card")
        card = await bot.wait_text(anna, "Step 1/8")
        app = card.button("live map")
        assert app["web_app"]["url"].startswith(f"{HTTPS}/app?w=")
        await fake.user_sends(anna, anna, "/link")
        private = await bot.wait_text(anna, "/w/")
        assert private.button("live map")["web_app"]["url"] == app["web_app"]["url"]
        # Every send was accepted: none refused for a button Telegram would refuse.
        assert not [c for c in fake.calls if c.status == 400 and "BUTTON" in str(c.error)]


async def test_the_fake_refuses_mini_app_buttons_in_groups(fake_api: FakeBotAPI) -> None:
    import telegram

    fake = fake_api
    fenna = fake.add_user("Fenna")
    group = fake.add_group("G", [fenna])
    markup = telegram.InlineKeyboardMarkup([[telegram.InlineKeyboardButton(
        "app", web_app=telegram.WebAppInfo(f"{HTTPS}/app"))]])
    async with fake.make_bot() as bot:
        with pytest.raises(telegram.error.BadRequest, match=r"(?i)button_type_invalid"):
            await bot.send_message(group.id, "x", reply_markup=markup)
        fake.user_starts_bot(fenna)
        await bot.send_message(fenna.id, "x", reply_markup=markup)


async def test_webhook_and_web_view_share_one_server(fake_api: FakeBotAPI,
                                                     sqlite_url: str) -> None:
    import asyncio
    import socket

    import httpx

    from bot import app as bot_app
    from bot import webhook

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    fake = fake_api
    settings = settings_for(fake, sqlite_url, WEB_PORT=port, WEBHOOK_PORT=port)
    app, svc = bot_app.build(settings, fake.token)
    await app.initialize()
    await app.start()
    url = f"http://127.0.0.1:{port}/telegram"
    assert launch.shares_webhook(settings, url)
    ctx = launch.context(svc, settings, fake.token)
    stop = asyncio.Event()
    server = asyncio.create_task(webhook.serve(
        app, svc, url=url, listen="127.0.0.1", port=port, secret="s3cret", stop=stop,
        web_view=lambda rules: launch.application(ctx, rules)))
    try:
        await fake.wait_for(lambda: fake.webhook is not None)
        async with httpx.AsyncClient() as http:
            assert (await http.post(url, content=b"{}")).status_code == 403  # the webhook
            assert (await http.get(f"http://127.0.0.1:{port}/app")).status_code == 200
            gone = await http.get(f"http://127.0.0.1:{port}/w/{'a' * 43}")
            assert gone.status_code == 404 and "ingetrokken" in gone.text
    finally:
        stop.set()
        await server
        await ctx.watch.close()
        await app.stop()
        await app.shutdown()
        if svc.deliverer.executor is not None:
            svc.deliverer.executor.shutdown(wait=True, cancel_futures=True)
        svc.engine.db.dispose()


# tornado's bind_sockets leaves the socket it could not bind to the garbage collector.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
async def test_a_taken_web_port_stops_the_start_with_one_line(
        fake_api: FakeBotAPI, sqlite_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    import socket

    from bot import app as bot_app

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = int(taken.getsockname()[1])
        settings = settings_for(fake_api, sqlite_url, WEB_PORT=port)
        assert await bot_app.run(settings, fake_api.token, None) == 2
    err = capsys.readouterr().err
    assert f"cannot serve the web view on 127.0.0.1:{port}" in err and "WEB_PORT" in err
    assert fake_api.token not in err
