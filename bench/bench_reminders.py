"""The due-reminder claim at scale: query time with its index, and memory over many ticks.

Run: .venv/bin/python bench/bench_reminders.py [--workshops 1000] [--actions 100000]

A temp SQLite file (cjworkflow.storage.db.make_engine defaults) gets 1,000 workshops with 100,000
actions and three reminders each (a year of deadlines; those in the past already sent).
It prints EXPLAIN QUERY PLAN of the claim query, its time with the index against the same
query forced to scan the table (the baseline), and the process's RSS before and after 200
`WorkshopEngine.due_replies` ticks (each tick 30 simulated minutes later, so every tick claims
and sends reminders and some weekly digests).
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import bindparam, insert, text
from sqlalchemy.engine import Engine
from sqlalchemy.sql.elements import TextClause
from sqlmodel import SQLModel, col, select

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT))

from cjworkflow.flow.engine import WorkshopEngine  # noqa: E402
from cjworkflow.schedule.ticks import BATCH  # noqa: E402
from cjworkflow.storage import migrate  # noqa: E402
from cjworkflow.storage.db import make_engine  # noqa: E402
from cjworkflow.storage.models import Action, Reminder, UTCDateTime  # noqa: E402

TARGET_MS = 50.0
TICKS = 200
START = datetime(2026, 1, 1, 8, 0, tzinfo=UTC)
T = SQLModel.metadata.tables


def rss_kib() -> int:
    """The process's resident set size in KiB (Linux /proc)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def populate(engine: Engine, workshops: int, actions: int) -> int:
    """Bulk rows through Core; returns how many reminders."""
    per = actions // workshops
    created = START - timedelta(days=8)
    with engine.begin() as c:
        c.execute(insert(T["person"]), [
            {"id": i, "external_id": f"{1000 + i}", "display_name": f"P{i}", "handle": f"p{i}",
             "private_chat_ok": True, "created_at": created} for i in range(1, workshops + 1)])
        c.execute(insert(T["workshop"]), [
            {"id": i, "title": f"Workshop {i}", "language": "nl" if i % 2 else "en",
             "timezone": "Europe/Amsterdam", "stage_model": "five", "current_step": 8,
             "focus_stage": 0, "status": "active", "join_code": f"J{i}", "chat_ref": f"-{i}",
             "version": 1, "created_by": i, "created_at": created, "updated_at": created,
             "digest_enabled": True, "timebox_auto": False, "timebox_warned": False,
             # Staggered: every tick has a few weekly digests to send.
             "last_digest_at": START - timedelta(days=7) + timedelta(minutes=7 * i)}
            for i in range(1, workshops + 1)])
        c.execute(insert(T["member"]), [
            {"id": i, "workshop_id": i, "person_id": i, "role": "facilitator",
             "joined_at": created} for i in range(1, workshops + 1)])
        rows = []
        reminders = []
        rid = 0
        for a in range(1, actions + 1):
            w = (a - 1) // per + 1 if (a - 1) // per < workshops else workshops
            due_at = START + timedelta(minutes=(a * 5) % (365 * 24 * 60))
            rows.append({"id": a, "workshop_id": w, "title": f"Action {a}", "impact": 3,
                         "effort": 2, "owner_id": w, "due_date": due_at.date(),
                         "due_time": due_at.time(), "status": "open", "source_ref": f"r{a}",
                         "created_at": created, "updated_at": created})
            for kind, fire in (("before", due_at - timedelta(days=1)), ("due", due_at),
                               ("overdue", due_at + timedelta(days=1))):
                rid += 1
                reminders.append({"id": rid, "action_id": a, "kind": kind, "fire_at": fire,
                                  "sent_at": fire if fire < START else None, "late": False,
                                  "created_at": created})
        c.execute(insert(T["action"]), rows)
        for i in range(0, len(reminders), 50_000):
            c.execute(insert(T["reminder"]), reminders[i:i + 50_000])
    with engine.connect() as c:
        c.exec_driver_sql("ANALYZE")
    return len(reminders)


def claim_sql(engine: Engine) -> str:
    """The claim query as reminders.claim builds it (SQLite), with a named :now."""
    q = (select(Reminder, Action).join(Action, col(Action.id) == col(Reminder.action_id))
         .where(col(Reminder.sent_at).is_(None), col(Reminder.fire_at) <= START)
         .order_by(col(Reminder.fire_at), col(Reminder.id)).limit(BATCH))
    sql = str(q.compile(engine))
    named = sql.replace("fire_at <= ?", "fire_at <= :now").replace(
        "LIMIT ? OFFSET ?", f"LIMIT {BATCH} OFFSET 0")
    assert "?" not in named, named
    return named


def query(sql: str) -> TextClause:
    """sql with :now bound as the models bind timestamps."""
    return text(sql).bindparams(bindparam("now", type_=UTCDateTime()))


def time_query(engine: Engine, sql: str, now: datetime, runs: int) -> list[float]:
    """Milliseconds per run of sql (fetching every row)."""
    out = []
    with engine.connect() as c:
        for _ in range(runs):
            t0 = time.perf_counter()
            c.execute(query(sql), {"now": now}).fetchall()
            out.append((time.perf_counter() - t0) * 1000)
    return out


def main() -> int:
    """Build, measure, print; exit 0."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--workshops", type=int, default=1000)
    ap.add_argument("--actions", type=int, default=100_000)
    ap.add_argument("--json", default=None, help="also write the figures to this file")
    args = ap.parse_args()
    logging.disable(logging.WARNING)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        migrate.upgrade(url)
        engine = make_engine(url)
        count = populate(engine, args.workshops, args.actions)
        print(f"rows: {args.workshops:,} workshops, {args.actions:,} actions, "
              f"{count:,} reminders (built in {time.perf_counter() - started:.1f} s)")
        now = START + timedelta(hours=6)  # a realistic backlog: ~70 reminders due
        sql = claim_sql(engine)
        with engine.connect() as c:
            plan = c.execute(query("EXPLAIN QUERY PLAN " + sql), {"now": now}).fetchall()
        print("EXPLAIN QUERY PLAN (claim):")
        for row in plan:
            print(f"  {row[-1]}")
        indexed = time_query(engine, sql, now, 50)
        scan_sql = sql.replace("FROM reminder ", "FROM reminder NOT INDEXED ", 1)
        assert scan_sql != sql, "could not force the baseline's table scan"
        scan = time_query(engine, scan_sql, now, 5)
        med = statistics.median(indexed)
        print(f"claim query, index:        median {med:7.2f} ms, max {max(indexed):7.2f} ms "
              f"(target <= {TARGET_MS:.0f} ms: {'met' if med <= TARGET_MS else 'NOT met'})")
        print(f"claim query, no index:     median {statistics.median(scan):7.2f} ms (baseline)")

        wengine = WorkshopEngine(engine, join_link=lambda code: f"https://t.me/b?start={code}")
        wengine.due_replies(START)  # warm up: imports, caches, first connection
        gc.collect()
        before = rss_kib()
        tick_ms, sent = [], 0
        for i in range(TICKS):
            t0 = time.perf_counter()
            sent += len(wengine.due_replies(START + timedelta(minutes=30 * (i + 1))))
            tick_ms.append((time.perf_counter() - t0) * 1000)
        gc.collect()
        after = rss_kib()
        print(f"due_replies x {TICKS}: {sent:,} replies, median tick "
              f"{statistics.median(tick_ms):.1f} ms, max {max(tick_ms):.1f} ms")
        print(f"RSS before ticks: {before / 1024:.1f} MiB (baseline), after {TICKS} ticks: "
              f"{after / 1024:.1f} MiB (growth {(after - before) / 1024:+.1f} MiB)")
        engine.dispose()
    print(f"total {time.perf_counter() - started:.1f} s")
    if args.json:
        Path(args.json).write_text(json.dumps({
            "claim_median_ms": med, "claim_scan_median_ms": statistics.median(scan),
            "tick_median_ms": statistics.median(tick_ms), "rss_before_mib": before / 1024,
            "rss_after_mib": after / 1024}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
