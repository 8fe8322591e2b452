"""Scale-out on one machine: two `cjbot webhook` processes behind a proxy, one PostgreSQL.

The fake Bot API delivers to a small round-robin HTTP proxy written here (the load
balancer of docs/deployment.md), which forwards each POST with its headers to one of two
`cjbot webhook` processes and hands back their status. Deliveries are concurrent (up to
max_connections, one chat at a time, as Telegram does). Both processes start together on an
empty database (the migration at start-up must not race), both register the webhook, and
both tick for reminders and timeboxes. Three workshops in Dutch and English run their
scripts at once; afterwards every entry is stored once, every workshop is on the script's
step, both processes handled updates, and every reminder and timebox message that fell due
was sent exactly once.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import aiohttp
import pytest
from aiohttp import web
from sqlalchemy.pool import NullPool
from sqlmodel import Session, col, select

from bot.webhook import SECRET_HEADER, default_secret
from cjworkflow.flow.engine import WorkshopEngine
from cjworkflow.i18n import t
from cjworkflow.storage.db import make_engine
from cjworkflow.storage.models import Action, Reminder, Workshop
from tests.conftest import _fresh_postgres_database, _postgres_admin_url
from tests.e2e.workshop_script import (
    Cast,
    cast,
    diff,
    handles,
    join_code,
    play,
    stored,
    workshop_script,
)
from tests.fakebotapi import FakeBotAPI

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

TOKEN = "4242424242:AAFakeTokenForTestsOnly_abcdefghijk"
WORKSHOPS = (("A", "nl"), ("B", "en"), ("C", "nl"))
UPDATES_PER_WORKSHOP = 210
REMINDER_OWNERS = ("lotte", "omar", "pien")  # started the bot: reminded privately
UNREACHABLE_OWNER = "quinn"  # never started the bot: mentioned in the group instead


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def empty_postgres(request: pytest.FixtureRequest) -> Iterator[str]:
    """A fresh, unmigrated PostgreSQL database: both processes migrate it at start-up."""
    _postgres_admin_url()  # skips without CJBOT_TEST_POSTGRES_URL
    yield from _fresh_postgres_database(request.getfixturevalue("_postgres_admin"), "template0")


class RoundRobin:
    """A minimal load balancer: each POST goes to the next backend; a dead one is skipped."""

    def __init__(self, backends: list[str]) -> None:
        self.backends = backends
        self.turn = itertools.cycle(range(len(backends)))
        self.handled: Counter[int] = Counter()  # 2xx answers per backend
        self.statuses: Counter[int] = Counter()
        self.session: aiohttp.ClientSession | None = None
        self.in_flight = 0
        self.most_in_flight = 0  # proves the deliveries really overlapped

    async def forward(self, request: web.Request) -> web.Response:
        """Forward the body and the headers that matter; answer with the backend's status."""
        assert self.session is not None
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            return await self._forward(request)
        finally:
            self.in_flight -= 1

    async def _forward(self, request: web.Request) -> web.Response:
        assert self.session is not None
        body = await request.read()
        headers = {k: v for k, v in request.headers.items()
                   if k.lower() in (SECRET_HEADER.lower(), "content-type")}
        for _ in self.backends:
            index = next(self.turn)
            try:
                async with self.session.post(self.backends[index] + request.path_qs,
                                             data=body, headers=headers) as answer:
                    await answer.read()
            except aiohttp.ClientError:
                continue  # not listening (yet): the next backend takes it
            self.statuses[answer.status] += 1
            if 200 <= answer.status < 300:
                self.handled[index] += 1
            return web.Response(status=answer.status)
        return web.Response(status=502)  # no backend up: Telegram delivers it again later


def _env(fake: FakeBotAPI, db_url: str, tmp_path: Path, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("TELEGRAM_", "DATABASE_", "WEBHOOK_", "REMINDER_"))}
    env.update({"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": fake.api_url,
                "DATABASE_URL": db_url, "CJBOT_DATA_DIR": str(tmp_path), "LOG_LEVEL": "INFO",
                "CARD_EDIT_SECONDS": "0.3", "PTB_TIMEDELTA": "true", "RENDER_WORKERS": "1",
                "WEBHOOK_LISTEN": "127.0.0.1", "WEBHOOK_PORT": str(port),
                "REMINDER_OFFSETS": "0m", "REMINDER_TICK_SECONDS": "0.3",
                "DEFAULT_LANGUAGE": "nl",
                # The fake posts to a local http:// proxy, as a self-hosted Bot API may.
                "WEBHOOK_ALLOW_HTTP": "true"})
    return env


async def _stop(proc: subprocess.Popen[bytes], timeout: float = 30) -> int:
    proc.send_signal(signal.SIGTERM)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while (code := proc.poll()) is None:
        if loop.time() > deadline:
            proc.kill()
            deadline += 10
        await asyncio.sleep(0.05)
    return code


def _deadline() -> datetime:
    """A whole minute in Amsterdam at least 15 s away (deadlines are given as HH:MM)."""
    now = datetime.now(ZoneInfo("Europe/Amsterdam"))
    nxt = (now + timedelta(minutes=1)).replace(second=0, microsecond=0)
    return nxt if (nxt - now).total_seconds() >= 15 else nxt + timedelta(minutes=1)


def _chat_of(update: dict[str, object]) -> int | None:
    message = update.get("message")
    if isinstance(message, dict):
        return int(message["chat"]["id"])
    return None


async def test_two_webhook_processes_share_one_database(fake_api_factory: object,
                                                        empty_postgres: str,
                                                        tmp_path: Path) -> None:
    fake: FakeBotAPI = await fake_api_factory(  # type: ignore[operator]
        token=TOKEN, webhook_concurrent=True)
    fake.limits.enabled = False
    ports = [_free_port(), _free_port()]
    proxy = RoundRobin([f"http://127.0.0.1:{p}" for p in ports])
    proxy_app = web.Application()
    proxy_app.router.add_post("/telegram", proxy.forward)
    runner = web.AppRunner(proxy_app, access_log=None)
    await runner.setup()
    proxy_port = _free_port()
    await web.TCPSite(runner, "127.0.0.1", proxy_port).start()
    url = f"http://127.0.0.1:{proxy_port}/telegram"
    logs = [tmp_path / f"bot{i}.log" for i in range(2)]
    procs: list[subprocess.Popen[bytes]] = []
    started = time.monotonic()
    async with aiohttp.ClientSession() as session:
        proxy.session = session
        try:
            for port, log in zip(ports, logs, strict=True):
                with log.open("ab") as out:
                    procs.append(subprocess.Popen(
                        [sys.executable, "-m", "cjbot.cli", "webhook", "--url", url],
                        env=_env(fake, empty_postgres, tmp_path, port), stdout=out,
                        stderr=subprocess.STDOUT))
            # Both register the same URL with the same (token-derived) secret.
            await fake.wait_for(lambda: len(fake.calls_to("setWebhook")) >= 2
                                or any(p.poll() is not None for p in procs), timeout=90)
            assert all(p.poll() is None for p in procs), [lg.read_text() for lg in logs]
            ready = time.monotonic() - started

            # The reminder workshop first: its deadline falls while the others run.
            owners = {n: fake.add_user(n.title(), username=n, language_code="nl")
                      for n in (*REMINDER_OWNERS, UNREACHABLE_OWNER)}
            rita = fake.add_user("Rita", username="rita", language_code="nl")
            team = fake.add_group("Herinneringen", [rita, owners[UNREACHABLE_OWNER]])
            await fake.user_sends(rita, team, "/new Ik meld een storing")
            await fake.wait_for(lambda: join_code(empty_postgres, team), timeout=30)
            code = join_code(empty_postgres, team)
            for name in REMINDER_OWNERS:
                fake.user_starts_bot(owners[name], code)
            # Joined before they are named: an owner named by @handle before joining is
            # reminded in the group instead (their private chats arrive concurrently).
            await fake.wait_for(lambda: not fake.pending_updates, timeout=30)
            await fake.user_sends(rita, team, "/step 8")
            due = _deadline()
            titles = [f"Herinnering {i}" for i in range(6)]
            for i, title in enumerate(titles):
                owner = (*REMINDER_OWNERS, UNREACHABLE_OWNER)[i % 4]
                await fake.user_sends(rita, team, f"/add {title} | impact 4 | moeite 2 | "
                                                  f"@{owner} | deadline {due:%Y-%m-%d %H:%M}")
            await fake.wait_for(lambda: len(_actions(empty_postgres)) == len(titles),
                                timeout=30)
            # A one-minute timebox (too short for a separate warning) ends during the run;
            # both processes' ticks see it, one claims it.
            await fake.user_sends(rita, team, "/timebox 1")
            timebox_set = time.monotonic()

            casts: dict[str, Cast] = {}
            scripts = {}
            for tag, lang in WORKSHOPS:
                casts[tag] = cast(fake, lang, tag)
                scripts[tag] = workshop_script(lang, tag=tag, size=UPDATES_PER_WORKSHOP)

            def settled(who: Cast) -> bool:
                chats = {who.group.id, *(u.id for u in who.users.values())}
                return not any(_chat_of(u) in chats for u in fake.pending_updates)

            async def run(tag: str) -> None:
                who = casts[tag]

                async def barrier() -> None:
                    # A facilitator moves on once the entries made so far are in.
                    await fake.wait_for(lambda: settled(who), timeout=60)

                await play(fake, scripts[tag], who, empty_postgres, gap=0.01,
                           before_steering=barrier,
                           handle=handles(tag))

            t0 = time.monotonic()
            await asyncio.gather(*(run(tag) for tag, _ in WORKSHOPS))
            await fake.wait_for(lambda: not fake.pending_updates, timeout=90)
            script_seconds = time.monotonic() - t0

            def reminders() -> list[str]:
                return [m.text or "" for m in fake.sent_messages()
                        if "⏰" in (m.text or "") and "Herinnering" in (m.text or "")]

            wait = (due - datetime.now(due.tzinfo)).total_seconds() + 30
            await fake.wait_for(lambda: len(reminders()) >= len(titles), timeout=max(wait, 5))

            def timebox(key: str) -> list[str]:
                return [m.text or "" for m in fake.sent_messages(team)
                        if t("nl", key) in (m.text or "")]

            await fake.wait_for(lambda: timebox("timebox-ended-ask"),
                                timeout=max(5, timebox_set + 90 - time.monotonic()))
            # A second claim of the same reminder would arrive within a few ticks.
            await asyncio.sleep(2.0)
        finally:
            codes = [await _stop(p) for p in procs]
            await runner.cleanup()
    output = "\n".join(lg.read_text(errors="replace") for lg in logs)
    print(f"scale-out: processes ready in {ready:.1f} s; "
          f"{sum(len(s.says) for s in scripts.values())} script updates in "
          f"{script_seconds:.1f} s; per process {dict(proxy.handled)}; "
          f"statuses {dict(proxy.statuses)}; at most {proxy.most_in_flight} in flight; "
          f"total {time.monotonic() - started:.1f} s")
    assert codes == [0, 0], output[-3000:]
    # Races between the processes would show as duplicate keys, refused edits or sends.
    # (Not every ERROR line: another test may restart PostgreSQL, which is retried.)
    for sign in ("IntegrityError", "Telegram refused", "delivery to chat", "giving up"):
        assert sign not in output, (sign, output[-3000:])
    assert TOKEN.split(":")[1] not in output and default_secret(TOKEN) not in output

    # Both processes did real work, and only the shared secret was ever sent.
    assert proxy.handled[0] > 50 and proxy.handled[1] > 50, proxy.handled
    assert {d.secret_header for d in fake.webhook_deliveries} == {default_secret(TOKEN)}
    assert proxy.statuses[403] == 0
    assert {c.params.get("secret_token") for c in fake.calls_to("setWebhook")} == {
        default_secret(TOKEN)} and len(fake.calls_to("setWebhook")) == 2
    assert proxy.most_in_flight >= 2, "deliveries overlapped, as with Telegram"

    for tag, _ in WORKSHOPS:
        problems = diff(scripts[tag].expected,
                        stored(empty_postgres, casts[tag].group,
                               handle=handles(tag)))
        assert not problems, (tag, problems)

    # Each group's living card, edited by whichever process handled the latest entries,
    # ends up showing the stored state (no stale edit from the other process wins).
    engine = WorkshopEngine(make_engine(empty_postgres, poolclass=NullPool))
    try:
        for tag, _ in WORKSHOPS:
            chat = casts[tag].group
            wid = _workshop_id(empty_postgres, chat.id)
            ref = engine.card_message(f"tg:{chat.id}", wid)
            card = engine.card(wid)
            assert ref is not None and card is not None
            shown = fake.message(chat, int(ref))
            assert shown is not None and shown.text == card.text, (tag, shown, card.text)
    finally:
        engine.db.dispose()

    # Every reminder exactly once: privately to owners who started the bot, else in the group.
    sent = reminders()
    for i, title in enumerate(titles):
        mine = [text for text in sent if title in text]
        assert len(mine) == 1, (title, sent)
        owner = (*REMINDER_OWNERS, UNREACHABLE_OWNER)[i % 4]
        where = team if owner == UNREACHABLE_OWNER else owners[owner]
        assert any(title in (m.text or "") for m in fake.messages_in(where) if m.from_bot), \
            (title, owner, sent)
    assert all(r.sent_at is not None for r in _reminders(empty_postgres))
    assert len(timebox("timebox-ended-ask")) == 1, "the timebox's end is announced once"


def _actions(db_url: str) -> list[Action]:
    engine = make_engine(db_url, poolclass=NullPool)
    try:
        with Session(engine) as s:
            return list(s.exec(select(Action).where(col(Action.title).startswith("Herinnering")))
                        .all())
    except Exception:
        return []  # not migrated yet
    finally:
        engine.dispose()


def _reminders(db_url: str) -> list[Reminder]:
    engine = make_engine(db_url, poolclass=NullPool)
    try:
        with Session(engine) as s:
            return list(s.exec(select(Reminder).join(Action)
                               .where(col(Action.title).startswith("Herinnering"),
                                      Reminder.kind == "due")).all())
    finally:
        engine.dispose()


def _workshop_id(db_url: str, chat_id: int) -> int:
    engine = make_engine(db_url, poolclass=NullPool)
    try:
        with Session(engine) as s:
            return int(s.exec(select(Workshop.id).where(Workshop.chat_ref == f"tg:{chat_id}"))
                       .one() or 0)
    finally:
        engine.dispose()
