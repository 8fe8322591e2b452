"""The web view (issue #17): server time for the page of the largest workshop, and the delay
from an entry to an open page.

Run: .venv/bin/python bench/bench_web.py [--postgres URL] [--json PATH] [--rounds N]

The database of bench_scale.py (bench/scale_seed.py: 1,000 workshops, 100,000 entries; the
LARGEST workshop holds 3,000) is seeded into a fresh SQLite file (and PostgreSQL with
--postgres). The web view then runs in this process as the bot runs it: tornado on the event
loop, reads in threads, drawings in a one-worker render pool (bot/render_pool.py).

- page time: GET /w/<token> over loopback, from request to the last byte; "cached" is the
  same workshop version again (every viewer after the first, and every reload while nobody
  types), "fresh" follows a change (the map and matrix drawn anew as SVG);
- entry to page: an entry is handled by the engine (as the bot handles a group's /add), and
  the clock runs until an open page has the new live part: the server-sent event arrived and
  the part was fetched, as the page's script does. The SMALL workshop (100 entries) is the
  baseline for both.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from itertools import count
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
from sqlalchemy import text  # noqa: E402
from sqlmodel import Session, select  # noqa: E402
from tornado.httpserver import HTTPServer  # noqa: E402
from tornado.netutil import bind_sockets  # noqa: E402

from bench.pgdb import fresh_postgres  # noqa: E402
from bench.scale_seed import LARGEST, SMALL, seed  # noqa: E402
from bot.render_pool import RenderPool  # noqa: E402
from bot.web import launch, server  # noqa: E402
from bot.web.pages import PartCache  # noqa: E402
from bot.web.watch import VersionWatch  # noqa: E402
from cjworkflow.flow.engine import WorkshopEngine  # noqa: E402
from cjworkflow.messages import Actor, Command, Verb  # noqa: E402
from cjworkflow.storage.db import make_engine, transaction  # noqa: E402
from cjworkflow.storage.models import Workshop  # noqa: E402
from cjworkflow.storage.weblinks import issue  # noqa: E402
from cjworkflow.web import read  # noqa: E402
from tests.fakebotapi.state import User  # noqa: E402

BIG_CHAT, SMALL_CHAT = -100_900_001, -100_900_002
USERS = [User(id=7_100_000 + i, first_name=f"Gebruiker{i}", username=f"gebruiker{i}",
              language_code="nl") for i in range(5)]
TARGET_PAGE_MS = 200.0
TARGET_DELAY_S = 2.0
_refs = count(1)


def _prepare(url: str) -> dict[str, tuple[int, str]]:
    """Seed the database; label -> (workshop id, a live link's token)."""
    seeded = seed(url, USERS, BIG_CHAT, SMALL_CHAT)
    db = make_engine(url)
    out: dict[str, tuple[int, str]] = {}
    try:
        with transaction(db) as s:
            for label, chat in (("largest", BIG_CHAT), ("small", SMALL_CHAT)):
                ws = s.exec(select(Workshop).where(
                    Workshop.join_code == seeded.codes[chat])).one()
                out[label] = (ws.id or 0, issue(session=s, workshop_id=ws.id or 0,
                                                person_id=None, now=ws.created_at))
    finally:
        db.dispose()
    return out


def _bump(engine: WorkshopEngine, wid: int) -> None:
    with Session(engine.db) as s:
        s.execute(text("UPDATE workshop SET version = version + 1 WHERE id = :w"), {"w": wid})
        s.commit()


def _entry(engine: WorkshopEngine, chat: int) -> None:
    n = next(_refs)
    user = USERS[n % len(USERS)]
    engine.handle(Command(actor=Actor(f"tg:{user.id}", user.first_name, user.username, "nl"),
                          verb=Verb.TEXT, text=f"/add Klant ervaart webpunt {n}",
                          chat_ref=f"tg:{chat}", private=False,
                          source_ref=f"bench:web:{n}:{time.time_ns()}"))


async def _timed(http: httpx.AsyncClient, url: str) -> float:
    started = time.perf_counter()
    answer = await http.get(url)
    took = time.perf_counter() - started
    assert answer.status_code == 200, answer.status_code
    return took


async def _delay(http: httpx.AsyncClient, base: str, token: str,
                 act: Callable[[], None]) -> float:
    """Entry handled -> the open page has fetched the new part."""
    async with http.stream("GET", f"{base}/w/{token}/events") as stream:
        lines = stream.aiter_lines()
        shown = None
        async for line in lines:
            if line.startswith("data: "):
                shown = int(line[6:])
                break
        started = time.perf_counter()
        await asyncio.to_thread(act)
        async for line in lines:
            if line.startswith("data: ") and int(line[6:]) != shown:
                part = await http.get(f"{base}/w/{token}/part")
                assert part.status_code == 200
                return time.perf_counter() - started
    raise AssertionError("the stream ended")


async def measure(url: str, rounds: int, label: str) -> dict[str, float]:
    """The figures for one database."""
    links = _prepare(url)
    engine = WorkshopEngine(make_engine(url))
    pool = RenderPool(1, 300)
    ctx = server.WebContext(db=engine.read_db, cache=PartCache(pool.run),
                            watch=VersionWatch(lambda ids: read.versions(engine.read_db, ids)))
    sockets = bind_sockets(0, "127.0.0.1")
    http_server = HTTPServer(launch.application(ctx))
    http_server.add_sockets(sockets)
    base = f"http://127.0.0.1:{sockets[0].getsockname()[1]}"
    figures: dict[str, float] = {}
    try:
        async with httpx.AsyncClient(timeout=300) as http:
            for name, (wid, token) in links.items():
                page = f"{base}/w/{token}"
                await _timed(http, page)  # the render worker starts
                fresh, cached = [], []
                for _ in range(rounds):
                    await asyncio.to_thread(_bump, engine, wid)
                    fresh.append(await _timed(http, page))
                    cached.append(await _timed(http, page))
                whole = await http.get(page)
                size, sent = len(whole.content), whole.num_bytes_downloaded
                chat = BIG_CHAT if name == "largest" else SMALL_CHAT
                delays = [await _delay(http, base, token, lambda c=chat: _entry(engine, c))
                          for _ in range(rounds)]
                figures[f"{label}_{name}_page_fresh_ms"] = statistics.median(fresh) * 1000
                figures[f"{label}_{name}_page_cached_ms"] = statistics.median(cached) * 1000
                figures[f"{label}_{name}_page_kib"] = size / 1024
                figures[f"{label}_{name}_page_sent_kib"] = sent / 1024
                figures[f"{label}_{name}_entry_to_page_s"] = statistics.median(delays)
                figures[f"{label}_{name}_entry_to_page_max_s"] = max(delays)
    finally:
        http_server.stop()
        await http_server.close_all_connections()
        await ctx.watch.close()
        pool.shutdown(wait=False, cancel_futures=True)
        engine.db.dispose()
    return figures


def report(figures: dict[str, float], labels: list[str]) -> None:
    """A table of the figures with the targets."""
    print(f"web view: largest workshop {LARGEST:,} entries, small {SMALL} (baseline)")
    for label in labels:
        for name in ("largest", "small"):
            k = f"{label}_{name}"
            if f"{k}_page_cached_ms" not in figures:
                continue
            cached, fresh = figures[f"{k}_page_cached_ms"], figures[f"{k}_page_fresh_ms"]
            delay = figures[f"{k}_entry_to_page_s"]
            print(f"{label:10} {name:8} page cached {cached:7.1f} ms "
                  f"({'met' if cached <= TARGET_PAGE_MS else 'MISSED'} <= {TARGET_PAGE_MS:.0f})"
                  f"  fresh {fresh:7.1f} ms  size {figures[f'{k}_page_kib']:5.0f} KiB "
                  f"({figures[f'{k}_page_sent_kib']:5.0f} KiB sent)  "
                  f"entry->page {delay:5.2f} s (max {figures[f'{k}_entry_to_page_max_s']:.2f};"
                  f" {'met' if delay <= TARGET_DELAY_S else 'MISSED'} <= {TARGET_DELAY_S:.0f})")


def main() -> int:
    """Measure on SQLite (and PostgreSQL with --postgres); print; write --json."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", default=None, help="PostgreSQL server URL")
    parser.add_argument("--json", default=None, help="write the figures here")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    figures: dict[str, float] = {}
    labels = ["sqlite"]
    with tempfile.TemporaryDirectory() as tmp:
        figures.update(asyncio.run(measure(f"sqlite:///{Path(tmp) / 'web.db'}", args.rounds,
                                           "sqlite")))
    if args.postgres:
        labels.append("postgresql")
        with fresh_postgres(args.postgres, "cjbot_bench_web") as url:
            figures.update(asyncio.run(measure(url, args.rounds, "postgresql")))
    report(figures, labels)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
