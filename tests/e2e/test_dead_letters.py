"""Every update ends: one that always fails is set aside after a few attempts, the rest go on.

The failure is injected in the running bot's own engine object (a monkeypatch in this
process), so the product carries no test hook. A line containing POISON raises RuntimeError
wherever the engine would store it; a transient failure raises OperationalError instead.
"""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import NullPool
from sqlmodel import Session, select

from bot import app as bot_app
from bot import polling, webhook
from bot.retries import LIMIT
from cjbot import cli
from cjworkflow.config import get_settings
from cjworkflow.flow.engine import WorkshopEngine
from cjworkflow.messages import Command, Verb
from cjworkflow.storage.db import make_engine
from cjworkflow.storage.models import DeadLetter
from tests.e2e.botrunner import RunningBot, running_bot, settings_for
from tests.fakebotapi import FakeBotAPI
from tests.fakebotapi.state import Chat, User

POISON = "POISON"
SORRY = {"nl": "Sorry, dit kon ik niet verwerken", "en": "Sorry, I could not handle this"}
GENERIC = {"nl": "er ging bij mij iets mis", "en": "something went wrong on my side"}


def poison(engine: WorkshopEngine, monkeypatch: pytest.MonkeyPatch,
           error: Callable[[], Exception] = lambda: RuntimeError("boom"),
           times: int | None = None) -> list[int]:
    """Make the engine fail on POISON lines (always, or the first `times` times); the list
    counts the failures."""
    failures: list[int] = []
    real_handle, real_batched = engine.handle, engine.batched

    def hit(cmd: Command) -> bool:
        if POISON not in (cmd.text or "") or (times is not None and len(failures) >= times):
            return False
        failures.append(1)
        return True

    def handle(cmd: Command, **kwargs: Any) -> Any:
        if hit(cmd):
            raise error()
        return real_handle(cmd, **kwargs)

    def batched(session: Session, cmd: Command) -> Any:
        if hit(cmd):
            raise error()
        return real_batched(session, cmd)

    monkeypatch.setattr(engine, "handle", handle)
    monkeypatch.setattr(engine, "batched", batched)
    return failures


def dead_letters(db_url: str) -> list[DeadLetter]:
    """The dead-letter table, read with an engine of its own."""
    engine = make_engine(db_url, poolclass=NullPool)
    try:
        with Session(engine) as s:
            return list(s.exec(select(DeadLetter).order_by(DeadLetter.id)).all())  # type: ignore[arg-type]
    finally:
        engine.dispose()


def texts(fake: FakeBotAPI, chat: Chat | User, needle: str) -> list[str]:
    """The bot's messages in chat containing needle."""
    return [m.text or "" for m in fake.sent_messages(chat) if needle in (m.text or "")]


def update_id_of(fake: FakeBotAPI, text: str) -> int:
    """The update id of the (first) message update with this text the fake queued."""
    for call in fake.calls_to("getUpdates"):
        for u in call.result or []:
            if u.get("message", {}).get("text") == text:
                return int(u["update_id"])
    raise AssertionError(f"no update with text {text!r}")


def fetched_times(fake: FakeBotAPI, update_id: int) -> int:
    """How often polling fetched update_id."""
    return sum(1 for c in fake.calls_to("getUpdates") if c.ok
               for u in (c.result or []) if u["update_id"] == update_id)


async def two_workshops(fake: FakeBotAPI, bot: Any) -> tuple[User, User]:
    """Pien (nl) and Paul (en), each with a workshop in their private chat."""
    pien = fake.add_user("Pien", username="pien", language_code="nl")
    paul = fake.add_user("Paul", username="paul", language_code="en")
    for user in (pien, paul):
        fake.user_starts_bot(user)
    await fake.user_sends(pien, pien, "/new Ik vraag een offerte aan")
    await bot.wait_text(pien, "Stap 1/8")
    await fake.user_sends(paul, paul, "/new I order a washing machine")
    await bot.wait_text(paul, "Step 1/8")
    return pien, paul


async def test_an_always_failing_update_is_set_aside_and_the_next_is_served(
        fake_api: FakeBotAPI, db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = fake_api
    async with running_bot(fake, db_url) as bot:
        pien, paul = await two_workshops(fake, bot)
        failures = poison(bot.svc.engine, monkeypatch)
        # A slow /card holds the loop, so the three lines after it come in one batch: a good
        # entry, the poison, and another chat's entry.
        real = bot.svc.engine.handle

        def slow_card(cmd: Command, **kwargs: Any) -> Any:
            if cmd.verb is Verb.CARD:
                import time
                time.sleep(0.5)
            return real(cmd, **kwargs)

        monkeypatch.setattr(bot.svc.engine, "handle", slow_card)
        fetched = len(fake.fetched_update_ids)
        await fake.user_sends(pien, pien, "/card")
        await bot.wait(lambda: len(fake.fetched_update_ids) > fetched)
        loop = asyncio.get_running_loop()
        sent = loop.time()
        await fake.user_sends(pien, pien, "Een offerte binnen een dag")
        await fake.user_sends(pien, pien, f"Doel {POISON}: gratis bezorging")
        await fake.user_sends(paul, paul, "Fewer drop-outs at checkout")
        await bot.wait(lambda: "Fewer drop-outs at checkout" in [e.text for e in bot.entries()],
                       timeout=10)
        served = loop.time() - sent
        await bot.wait(lambda: texts(fake, pien, SORRY["nl"]), timeout=10)
        uid = update_id_of(fake, f"Doel {POISON}: gratis bezorging")
        await bot.wait(lambda: fake.confirmed_offset > uid)
        await asyncio.sleep(1.5)  # long enough for a repeat to show
    print(f"\nanother chat's entry served {served:.2f} s after the poison arrived")
    assert served < 5.0
    stored = [e.text for e in bot.entries()]
    assert "Een offerte binnen een dag" in stored, "the entry batched before it is kept"
    assert not [t for t in stored if POISON in t]
    assert len(failures) == LIMIT and fetched_times(fake, uid) == LIMIT
    first = next(c.result for c in fake.calls_to("getUpdates") if c.ok
                 and uid in [u["update_id"] for u in c.result or []])
    assert [u["message"]["text"] for u in first] == [
        "Een offerte binnen een dag", f"Doel {POISON}: gratis bezorging",
        "Fewer drop-outs at checkout"], "the three came in one batch"
    letters = dead_letters(db_url)
    assert [(d.update_id, d.error_class, d.attempts, d.chat_ref) for d in letters] == [
        (uid, "RuntimeError", LIMIT, f"tg:{pien.id}")]
    assert json.loads(letters[0].payload or "{}")["update_id"] == uid
    assert "boom" not in letters[0].error_class
    assert len(texts(fake, pien, SORRY["nl"])) == 1, "told once, not once per attempt"
    assert not texts(fake, pien, GENERIC["nl"])
    assert not texts(fake, paul, SORRY["en"]) and not fake.pending_updates


async def test_a_failing_button_is_answered_once_with_the_error(
        fake_api: FakeBotAPI, db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = fake_api
    async with running_bot(fake, db_url) as bot:
        paul = fake.add_user("Paul", username="paul", language_code="en")
        fake.user_starts_bot(paul)
        await fake.user_sends(paul, paul, "/new I order a washing machine")
        card = await bot.wait_text(paul, "Step 1/8")
        real = bot.svc.engine.handle

        def broken_button(cmd: Command, **kwargs: Any) -> Any:
            if cmd.verb is Verb.BUTTON:
                raise KeyError("no such step")
            return real(cmd, **kwargs)

        monkeypatch.setattr(bot.svc.engine, "handle", broken_button)
        data = card.buttons[0]["callback_data"]
        await fake.user_presses(paul, card, data)
        await bot.wait(lambda: fake.callback_answers, timeout=10)
        await fake.user_sends(paul, paul, "Fewer drop-outs at checkout")
        await bot.wait(lambda: bot.entries(), timeout=10)
    assert [a.text for a in fake.callback_answers] == [
        "Sorry, I could not handle this, even after several tries. I set it aside for the "
        "team running this bot; your earlier entries are safe."]
    assert [d.error_class for d in dead_letters(db_url)] == ["KeyError"]


@pytest.mark.parametrize("transport", ["polling", "webhook"])
async def test_a_database_away_is_waited_out_without_a_dead_letter(
        fake_api: FakeBotAPI, db_url: str, monkeypatch: pytest.MonkeyPatch,
        transport: str) -> None:
    fake = fake_api
    monkeypatch.setattr(polling, "MAX_BACKOFF", 0.5)  # the same policy, without the wait
    run = running_bot if transport == "polling" else running_webhook
    async with run(fake, db_url) as bot:
        pien, _ = await two_workshops(fake, bot)
        away = LIMIT + 2  # more failures than any other error is allowed
        failures = poison(bot.svc.engine, monkeypatch, times=away, error=lambda: OperationalError(
            "INSERT", {}, Exception("server closed the connection unexpectedly")))
        await fake.user_sends(pien, pien, f"Doel {POISON}: komt toch binnen")
        await bot.wait(lambda: [e for e in bot.entries() if POISON in e.text], timeout=30)
        await bot.wait(lambda: fake.reactions, timeout=10)
    assert len(failures) == away
    assert dead_letters(db_url) == []
    assert not texts(fake, pien, SORRY["nl"]) and not texts(fake, pien, GENERIC["nl"])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@asynccontextmanager
async def running_webhook(fake: FakeBotAPI, db_url: str) -> AsyncIterator[RunningBot]:
    """The bot in webhook mode against fake (which POSTs each update to it)."""
    settings = settings_for(fake, db_url)
    app, svc = bot_app.build(settings, fake.token)
    await app.initialize()
    svc.bot_id, svc.username = app.bot.id, app.bot.username
    svc.engine.join_link = bot_app.join_link(svc.username)
    await app.start()
    port = _free_port()
    stop = asyncio.Event()
    server = asyncio.create_task(webhook.serve(
        app, svc, url=f"http://127.0.0.1:{port}/telegram", listen="127.0.0.1", port=port,
        secret="s3cret-token", stop=stop))
    try:
        await fake.wait_for(lambda: fake.webhook is not None)
        yield RunningBot(app, svc, fake)
    finally:
        stop.set()
        await server
        await svc.settle()
        await svc.deliverer.drain(timeout=15)
        await app.stop()
        await app.shutdown()
        if svc.deliverer.executor is not None:
            svc.deliverer.executor.shutdown(wait=True, cancel_futures=True)
        svc.engine.db.dispose()


async def test_webhook_answers_200_once_an_update_is_set_aside(
        fake_api: FakeBotAPI, db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = fake_api  # delivers one update at a time: the poison holds up all that follow
    async with running_webhook(fake, db_url) as bot:
        pien, paul = await two_workshops(fake, bot)
        failures = poison(bot.svc.engine, monkeypatch)
        loop = asyncio.get_running_loop()
        first = len(fake.webhook_deliveries)
        sent = loop.time()
        await fake.user_sends(pien, pien, f"Doel {POISON}: gratis bezorging")
        await fake.user_sends(paul, paul, "Fewer drop-outs at checkout")
        await bot.wait(lambda: "Fewer drop-outs at checkout" in [e.text for e in bot.entries()],
                       timeout=10)
        served = loop.time() - sent
        await bot.wait(lambda: texts(fake, pien, SORRY["nl"]), timeout=10)
        await asyncio.sleep(1.0)
    print(f"\nwebhook: the next update served {served:.2f} s after the poison arrived")
    assert served < 5.0
    poisoned = fake.webhook_deliveries[first].update_id
    statuses = [d.status for d in fake.webhook_deliveries if d.update_id == poisoned]
    assert statuses == [500] * (LIMIT - 1) + [200]
    assert len(failures) == LIMIT
    letters = dead_letters(db_url)
    assert [(d.update_id, d.error_class, d.attempts) for d in letters] == [
        (poisoned, "RuntimeError", LIMIT)]
    assert POISON in json.loads(letters[0].payload or "{}")["message"]["text"]
    assert len(texts(fake, pien, SORRY["nl"])) == 1
    assert not fake.pending_updates


TOKEN = "4242424242:AAFakeTokenForTestsOnly_abcdefghijk"


async def test_cjbot_deadletters_lists_and_retries_without_a_running_bot(
        fake_api_factory: Any, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    fake: FakeBotAPI = await fake_api_factory(token=TOKEN)
    line = f"Doel {POISON}: gratis bezorging"
    async with running_bot(fake, db_url) as bot:
        pien, _ = await two_workshops(fake, bot)
        poison(bot.svc.engine, monkeypatch)
        message = await fake.user_sends(pien, pien, line)
        await bot.wait(lambda: texts(fake, pien, SORRY["nl"]), timeout=10)
    # The bot is stopped; the cause is fixed (the next process has no poisoned engine).
    for name, value in {"DATABASE_URL": db_url, "TELEGRAM_BOT_TOKEN": TOKEN,
                        "TELEGRAM_API_BASE_URL": fake.api_url, "CJBOT_DATA_DIR": str(tmp_path),
                        "RENDER_WORKERS": "1", "DEFAULT_LANGUAGE": "nl"}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("DATABASE_URL_READ", raising=False)
    get_settings.cache_clear()
    try:
        capsys.readouterr()
        assert await asyncio.to_thread(cli.main, ["deadletters"]) == 0
        listed = capsys.readouterr().out
        [letter] = dead_letters(db_url)
        row = next(r for r in listed.splitlines() if r.split()[0] == str(letter.id))
        assert str(letter.update_id) in row and "RuntimeError" in row and "can be retried" in row
        assert f"tg:{pien.id}" in row and "gratis" not in listed, "no user text in the list"
        assert await asyncio.to_thread(cli.main, ["deadletters", "--json"]) == 0
        [data] = json.loads(capsys.readouterr().out)
        assert data["update_id"] == letter.update_id and data["retried_at"] is None

        code = await asyncio.to_thread(cli.main, ["deadletters", "--retry", str(letter.id)])
        out = capsys.readouterr()
        assert code == 0, out
        assert "marked retried" in out.out
        # Stored now, and acknowledged to Pien as any entry is.
        assert [e.text for e in RunningBot(None, bot.svc, fake).entries()] == [line]
        assert fake.reactions.get((pien.id, message.message_id))
        [again] = dead_letters(db_url)
        assert again.retried_at is not None
        # A second retry is refused, and so is an unknown id.
        assert await asyncio.to_thread(cli.main, ["deadletters", "--retry", str(letter.id)]) == 1
        assert "already retried" in capsys.readouterr().err
        assert await asyncio.to_thread(cli.main, ["deadletters", "--retry", "999"]) == 1
        assert "no dead letter 999" in capsys.readouterr().err
    finally:
        get_settings.cache_clear()


async def test_the_issue_s_far_future_action_line_no_longer_holds_up_anyone(
        fake_api: FakeBotAPI, db_url: str) -> None:
    """The line from issue #12, without any injected fault. Whether the parser refuses it
    (bounded input) or it still fails and is set aside, it ends, and the next chat goes on."""
    fake = fake_api
    line = "/add X | impact 4 | effort 2 | owner me | due 9999-12-31"
    async with running_bot(fake, db_url) as bot:
        pien, paul = await two_workshops(fake, bot)
        await fake.user_sends(pien, pien, "/step 8")
        await bot.wait_text(pien, "Stap 8/8")
        loop = asyncio.get_running_loop()
        sent = loop.time()
        await fake.user_sends(pien, pien, line)
        await fake.user_sends(paul, paul, "Fewer drop-outs at checkout")
        await bot.wait(lambda: "Fewer drop-outs at checkout" in [e.text for e in bot.entries()],
                       timeout=10)
        served = loop.time() - sent
        await bot.wait(lambda: not fake.pending_updates, timeout=10)
        await asyncio.sleep(1.0)
    print(f"\nthe next chat was served {served:.2f} s after the far-future action line")
    assert served < 5.0
    assert len(texts(fake, pien, SORRY["nl"])) <= 1
    assert len(dead_letters(db_url)) <= 1
    assert not texts(fake, pien, GENERIC["nl"])
