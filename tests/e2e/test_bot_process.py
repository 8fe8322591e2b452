"""`cjbot run` as a real process: killed mid-workshop it loses and doubles nothing; no token leaks.

Ten trials of a scripted 300-update workshop (tests/e2e/workshop_script.py: a group with a
facilitator and two members, two remote members in private chats, all eight steps), sent at
a steady trickle; the bot gets SIGKILL at a random moment (seeded per trial) and is started
again. Afterwards the database must hold exactly what the script computes: every entry
once, the targets, the scores, every action once, and step 8. With CJBOT_TEST_POSTGRES_URL
set, the trials alternate between SQLite and PostgreSQL (a fresh database each).
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlalchemy.pool import NullPool
from sqlmodel import Session, select

from cjworkflow.storage.db import make_engine
from cjworkflow.storage.models import InboundReceipt
from tests.conftest import POSTGRES_URL_ENV, _fresh_postgres_database, _fresh_sqlite_database
from tests.e2e.workshop_script import cast, diff, play, stored, workshop_script
from tests.fakebotapi import FakeBotAPI

TOKEN = "4242424242:AAFakeTokenForTestsOnly_abcdefghijk"
pytestmark = pytest.mark.slow


def _env(fake: FakeBotAPI, db_url: str, tmp_path: Path, level: str = "INFO") -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
    env.update({"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": fake.api_url,
                "DATABASE_URL": db_url, "CJBOT_DATA_DIR": str(tmp_path), "LOG_LEVEL": level,
                "POLL_TIMEOUT": "1", "CARD_EDIT_SECONDS": "0.2", "PTB_TIMEDELTA": "true",
                "RENDER_WORKERS": "1"})
    return env


def _start(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:  # the child keeps its own copy of the descriptor
        return subprocess.Popen([sys.executable, "-m", "cjbot.cli", "run"], env=env,
                                stdout=out, stderr=subprocess.STDOUT)


async def _wait_exit(proc: subprocess.Popen[bytes], timeout: float) -> int:
    # Poll instead of proc.wait(): the fake server shares this event loop and must keep
    # answering the bot while it shuts down.
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while (code := proc.poll()) is None:
        if loop.time() > deadline:
            proc.kill()
            return await _wait_exit(proc, 10)
        await asyncio.sleep(0.05)
    return code


def _receipts(db_url: str) -> int:
    """How many updates the bot has committed (each leaves one receipt)."""
    engine = make_engine(db_url, poolclass=NullPool)
    try:
        with Session(engine) as s:
            return int(s.exec(select(func.count()).select_from(InboundReceipt)).one())
    except (OperationalError, ProgrammingError):
        return 0  # the bot has not created the schema yet
    finally:
        engine.dispose()


async def _until(predicate: Callable[[], object], timeout: float) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError("timed out")
        await asyncio.sleep(0.05)


TRIALS = 10
UPDATES = 300
postgres_configured = bool(os.environ.get(POSTGRES_URL_ENV))


def _backend(trial: int) -> str:
    """With PostgreSQL configured, odd trials run on it; otherwise all ten on SQLite."""
    return "postgres" if postgres_configured and trial % 2 else "sqlite"


@pytest.fixture
def trial_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh migrated database for this trial, on the trial's backend."""
    if _backend(request.node.callspec.params["trial"]) == "sqlite":
        yield _fresh_sqlite_database(request.getfixturevalue("_sqlite_template"), tmp_path)
        return
    yield from _fresh_postgres_database(request.getfixturevalue("_postgres_admin"),
                                        request.getfixturevalue("_postgres_template"))


@pytest.mark.parametrize("trial", range(TRIALS))
async def test_kill_9_during_a_scripted_workshop_loses_and_doubles_nothing(
        fake_api_factory: object, trial_db: str, tmp_path: Path, trial: int) -> None:
    fake: FakeBotAPI = await fake_api_factory(token=TOKEN)  # type: ignore[operator]
    fake.limits.enabled = False  # Telegram's flood limits would only slow the trickle down
    rng = random.Random(trial)
    lang = ("nl", "en")[trial // 2 % 2]  # both languages on both backends
    script = workshop_script(lang, size=UPDATES)
    who = cast(fake, lang)
    log = tmp_path / "bot.log"
    debug = trial < 2  # the token grep below needs DEBUG (every HTTP call is logged)
    env = _env(fake, trial_db, tmp_path, level="DEBUG" if debug else "INFO")
    started = time.monotonic()
    proc = _start(env, log)
    # The trickle starts once the bot polls, so the kill lands inside the workshop itself.
    await fake.wait_for(lambda: fake.calls_to("getUpdates") or proc.poll() is not None,
                        timeout=60)
    assert proc.poll() is None, log.read_text(errors="replace")[-2000:]
    sender = asyncio.create_task(play(fake, script, who, trial_db, gap=0.005))
    kill_at = rng.randint(15, UPDATES - 15)
    try:
        await _until(lambda: _receipts(trial_db) >= kill_at or sender.done(), timeout=90)
        proc.send_signal(signal.SIGKILL)
        await _wait_exit(proc, 10)
        at_kill = _receipts(trial_db)
        assert at_kill < UPDATES, "the kill came too late to prove anything"
        proc = _start(env, log)
        await sender
        # Done when every update is confirmed to Telegram, i.e. committed.
        try:
            await fake.wait_for(lambda: not fake.pending_updates or proc.poll() is not None,
                                timeout=90)
        except TimeoutError as e:
            raise AssertionError(f"{e}\n{log.read_text(errors='replace')[-3000:]}") from None
        assert proc.poll() is None, log.read_text(errors="replace")[-3000:]
    finally:
        sender.cancel()
        proc.send_signal(signal.SIGTERM)
        await _wait_exit(proc, 20)
    got = stored(trial_db, who.group)
    problems = diff(script.expected, got)
    print(f"trial {trial} ({_backend(trial)}, {lang}): killed after {at_kill}/{UPDATES} "
          f"updates, {time.monotonic() - started:.1f} s")
    assert not problems, problems
    assert sum(got.entries.values()) > 200 and len(got.actions) >= 20 and got.step == 8
    output = log.read_text(errors="replace")
    assert TOKEN not in output and TOKEN.split(":")[1] not in output
    if debug:
        assert "getUpdates" in output  # DEBUG logging was really on


async def test_run_stops_cleanly_on_sigterm_and_confirms(fake_api_factory: object,
                                                         tmp_path: Path) -> None:
    fake: FakeBotAPI = await fake_api_factory(token=TOKEN)  # type: ignore[operator]
    db_url = f"sqlite:///{tmp_path / 'bot.db'}"
    fenna = fake.add_user("Fenna", username="fenna", language_code="nl")
    fake.user_starts_bot(fenna)
    log = tmp_path / "bot.log"
    proc = _start(_env(fake, db_url, tmp_path), log)
    try:
        await fake.user_sends(fenna, fenna, "/new Ik vraag een offerte aan")
        await fake.wait_for_sent(fenna, count=2, timeout=30)
    finally:
        proc.send_signal(signal.SIGTERM)
        code = await _wait_exit(proc, 30)
    assert code == 0
    assert not fake.pending_updates, "every processed update was confirmed before exit"


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def test_webhook_debug_log_holds_neither_the_token_nor_the_secret(
        fake_api_factory: object, tmp_path: Path) -> None:
    fake: FakeBotAPI = await fake_api_factory(token=TOKEN)  # type: ignore[operator]
    secret = "Webhook-Secret_for-the-DEBUG-log-grep-0123456789"
    port = _free_port()
    env = _env(fake, f"sqlite:///{tmp_path / 'bot.db'}", tmp_path, level="DEBUG")
    # The fake is not Telegram: like a self-hosted Bot API server it posts to http://.
    env.update({"WEBHOOK_SECRET": secret, "WEBHOOK_PORT": str(port),
                "WEBHOOK_ALLOW_HTTP": "true"})
    fenna = fake.add_user("Fenna", username="fenna", language_code="nl")
    fake.user_starts_bot(fenna)
    log = tmp_path / "bot.log"
    with log.open("ab") as out:
        proc = subprocess.Popen([sys.executable, "-m", "cjbot.cli", "webhook", "--url",
                                 f"http://127.0.0.1:{port}/telegram"], env=env, stdout=out,
                                stderr=subprocess.STDOUT)
    try:
        await fake.user_sends(fenna, fenna, "/new Ik vraag een offerte aan")
        await fake.wait_for_sent(fenna, count=2, timeout=60)
    finally:
        proc.send_signal(signal.SIGTERM)
        code = await _wait_exit(proc, 30)
    output = log.read_text(errors="replace")
    assert code == 0, output[-2000:]
    assert fake.webhook is not None and fake.webhook.secret_token == secret, "it was used"
    assert "setWebhook" in output and "secret_token" in output, "DEBUG logging was really on"
    assert secret not in output
    assert TOKEN not in output and TOKEN.split(":")[1] not in output
