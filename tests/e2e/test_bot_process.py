"""`cjbot run` as a real process: killed mid-burst it loses and doubles nothing; no token leaks."""

from __future__ import annotations

import asyncio
import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import NullPool
from sqlmodel import Session, col, select

from cjworkflow.db import make_engine
from cjworkflow.models import Entry
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
        return subprocess.Popen([sys.executable, "-m", "cjworkflow.cli", "run"], env=env,
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


def _goals(db_url: str) -> list[str]:
    engine = make_engine(db_url, poolclass=NullPool)
    try:
        with Session(engine) as s:
            return list(s.exec(select(Entry.text).order_by(col(Entry.id))).all())
    except OperationalError:
        return []  # the bot has not created the schema yet
    finally:
        engine.dispose()


async def _until(predicate: object, timeout: float) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():  # type: ignore[operator]
        if loop.time() > deadline:
            raise AssertionError("timed out")
        await asyncio.sleep(0.05)


@pytest.mark.parametrize("trial", range(3))
async def test_kill_9_mid_burst_loses_and_doubles_nothing(fake_api_factory: object,
                                                          tmp_path: Path, trial: int) -> None:
    fake: FakeBotAPI = await fake_api_factory(token=TOKEN)  # type: ignore[operator]
    db_url = f"sqlite:///{tmp_path / 'bot.db'}"
    ravi = fake.add_user("Ravi", username="ravi", language_code="nl")
    fake.user_starts_bot(ravi)
    await fake.user_sends(ravi, ravi, "/new Ik bestel een wasmachine")
    burst = [f"Doel {i}" for i in range(300)]

    async def trickle() -> None:
        for text in burst:
            await fake.user_sends(ravi, ravi, text)
            await asyncio.sleep(0.005)

    log = tmp_path / "bot.log"
    env = _env(fake, db_url, tmp_path, level="DEBUG")
    proc = _start(env, log)
    sender = asyncio.create_task(trickle())
    kill_at = random.Random(trial).randint(30, 200)
    try:
        await _until(lambda: len(_goals(db_url)) >= kill_at, timeout=60)
        proc.send_signal(signal.SIGKILL)
        await _wait_exit(proc, 10)
        stored_at_kill = len(_goals(db_url))
        assert stored_at_kill < len(burst), "the kill came too late to prove anything"
        proc = _start(env, log)
        await sender
        await _until(lambda: len(_goals(db_url)) >= len(burst), timeout=90)
        await asyncio.sleep(1.0)  # let redeliveries of already-stored updates arrive
    finally:
        sender.cancel()
        proc.send_signal(signal.SIGTERM)
        await _wait_exit(proc, 20)
    goals = _goals(db_url)
    assert sorted(goals) == sorted(burst), "every entry exactly once"
    output = log.read_text(errors="replace")
    assert TOKEN not in output and TOKEN.split(":")[1] not in output
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
