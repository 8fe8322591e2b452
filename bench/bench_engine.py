"""Entry commands per second through WorkshopEngine.handle, against bare INSERTs as a baseline.

Run: .venv/bin/python bench/bench_engine.py [--count 2000] [--postgres URL]

SQLite always (a temp file, WAL, cjworkflow.storage.db.make_engine defaults); PostgreSQL too when
--postgres or CJBOT_TEST_POSTGRES_URL names a server whose user may CREATE DATABASE: a fresh
database is created for the run and dropped afterwards.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, insert, select
from sqlalchemy.engine import Engine
from sqlmodel import Session, col
from sqlmodel import select as sql_select

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT))

from bench.pgdb import fresh_postgres  # noqa: E402
from cjworkflow.flow.engine import WorkshopEngine  # noqa: E402
from cjworkflow.messages import Actor, Command, Kind, Verb  # noqa: E402
from cjworkflow.storage import migrate, workshops  # noqa: E402
from cjworkflow.storage.db import make_engine  # noqa: E402
from cjworkflow.storage.models import Entry, EntryKind, Member, Person  # noqa: E402

TARGET_SQLITE = 2_000  # entry commands per second
GROUP = "bench:group"
FACILITATOR = Actor("bench:fenna", "Fenna", "fenna", "nl")
MEMBER = Actor("bench:anna", "Anna", "anna", "nl")


@dataclass
class Result:
    """One measurement: how many operations, how long in total, and each one's latency."""

    database: str
    what: str
    latencies: list[float]

    @property
    def count(self) -> int:
        return len(self.latencies)

    @property
    def per_second(self) -> float:
        return self.count / sum(self.latencies)

    @property
    def median_ms(self) -> float:
        return statistics.median(self.latencies) * 1000

    @property
    def p95_ms(self) -> float:
        return statistics.quantiles(self.latencies, n=20)[-1] * 1000


def timed(n: int, op: Callable[[int], None]) -> list[float]:
    """Run op(0..n-1) and return each call's duration in seconds."""
    latencies = []
    clock = time.perf_counter
    for i in range(n):
        start = clock()
        op(i)
        latencies.append(clock() - start)
    return latencies


class Workload:
    """One workshop at step 1 on a database, and the two ways of adding entries to it."""

    def __init__(self, db: Engine, label: str) -> None:
        self.db = db
        self.label = label
        self.engine = WorkshopEngine(db, default_language="nl")
        self.engine.handle(Command(actor=FACILITATOR, verb=Verb.NEW, text="Benchmark",
                                   chat_ref=GROUP, private=False))
        # The member writes once, so every measured command is a plain entry.
        self.engine.handle(Command(actor=MEMBER, verb=Verb.TEXT, text="Eerste doel",
                                   chat_ref=GROUP, private=False, source_ref="bench:first"))
        with Session(db) as session:
            ws = workshops.workshop_for_chat(session=session, chat_ref=GROUP)
            assert ws is not None and ws.id is not None
            self.workshop_id = ws.id
            member = session.exec(
                sql_select(Member).join(Person, col(Person.id) == col(Member.person_id))
                .where(Person.external_id == MEMBER.external_id)).one()
            self.member_id = member.id
        self.table = Entry.__table__  # type: ignore[attr-defined]

    def entry_command(self, tag: str) -> Callable[[int], None]:
        """One TEXT command per call: a one-line goal with a unique source_ref."""
        engine = self.engine

        def op(i: int) -> None:
            replies = engine.handle(Command(
                actor=MEMBER, verb=Verb.TEXT, text=f"Doel {tag} {i}", chat_ref=GROUP,
                private=False, source_ref=f"bench:{tag}:{i}"))
            if not replies or replies[0].kind is not Kind.ACK:
                raise RuntimeError(f"entry {i} was not stored: {[r.text for r in replies]}")

        return op

    def bare_insert(self, tag: str) -> Callable[[int], None]:
        """One transaction with one INSERT into entry per call (SQLAlchemy Core)."""
        db, table, wid, author = self.db, self.table, self.workshop_id, self.member_id

        def op(i: int) -> None:
            with db.begin() as conn:
                conn.execute(insert(table).values(
                    workshop_id=wid, kind=EntryKind.GOAL.value, step=1, text=f"Doel {tag} {i}",
                    stage_id=None, detail=None, goal=None, channel=None, is_target=False,
                    have=False, author_id=author, source_ref=f"base:{tag}:{i}",
                    created_at=datetime.now(UTC)))

        return op

    def entries(self) -> int:
        with self.db.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(self.table)).scalar_one())


def measure(work: Workload, count: int, warmup: int) -> list[Result]:
    """Warm both paths up, then time them alternately in halves to even out drift."""
    before = work.entries()
    timed(warmup, work.entry_command("warm"))
    timed(warmup, work.bare_insert("warm"))
    engine_lat: list[float] = []
    base_lat: list[float] = []
    half = count // 2
    for part, n in (("a", half), ("b", count - half)):
        engine_lat += timed(n, work.entry_command(part))
        base_lat += timed(n, work.bare_insert(part))
    stored = work.entries() - before
    if stored != 2 * (warmup + count):
        raise RuntimeError(f"{work.label}: expected {2 * (warmup + count)} rows, got {stored}")
    return [Result(work.label, "engine.handle (entry)", engine_lat),
            Result(work.label, "baseline INSERT txn", base_lat)]


@contextmanager
def sqlite_database() -> Iterator[Engine]:
    """A migrated SQLite file in a temp folder, with make_engine's defaults (WAL)."""
    with tempfile.TemporaryDirectory(prefix="cjbot-bench-") as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        migrate.upgrade(url)
        db = make_engine(url)
        try:
            yield db
        finally:
            db.dispose()


@contextmanager
def postgres_database(server_url: str) -> Iterator[Engine]:
    """A fresh, migrated PostgreSQL database on the server, dropped afterwards."""
    with fresh_postgres(server_url) as url:
        migrate.upgrade(url)
        db = make_engine(url)
        try:
            yield db
        finally:
            db.dispose()


def table(results: list[Result]) -> str:
    """The results as an aligned text table, with the engine/baseline ratio per database."""
    head = ("database", "measurement", "commands", "per second", "median ms", "p95 ms")
    rows = [head]
    for r in results:
        rows.append((r.database, r.what, f"{r.count:,}", f"{r.per_second:,.0f}",
                     f"{r.median_ms:.3f}", f"{r.p95_ms:.3f}"))
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    lines = []
    for n, row in enumerate(rows):
        cells = [c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in
                 enumerate(zip(row, widths, strict=True))]
        lines.append("  ".join(cells))
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    by_db: dict[str, list[Result]] = {}
    for r in results:
        by_db.setdefault(r.database, []).append(r)
    lines.append("")
    for db, (eng, base) in by_db.items():
        lines.append(f"{db}: engine/baseline = {eng.per_second / base.per_second:.2f} "
                     f"(throughput), {eng.median_ms / base.median_ms:.1f}x the median latency")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--count", type=int, default=2_000, help="commands per measurement")
    p.add_argument("--warmup", type=int, default=200, help="untimed commands first")
    p.add_argument("--postgres", default=os.environ.get("CJBOT_TEST_POSTGRES_URL"),
                   help="PostgreSQL server URL (default: $CJBOT_TEST_POSTGRES_URL)")
    p.add_argument("--json", default=None, help="also write the figures to this file")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("alembic").setLevel(logging.WARNING)

    started = time.perf_counter()
    results: list[Result] = []
    with sqlite_database() as db:
        results += measure(Workload(db, "sqlite"), args.count, args.warmup)
    if args.postgres:
        with postgres_database(args.postgres) as db:
            results += measure(Workload(db, "postgresql"), args.count, args.warmup)

    print(f"cjbot engine benchmark: one-line TEXT entries, {args.count:,} per measurement "
          f"after {args.warmup:,} warm-up, Python {sys.version.split()[0]}")
    print()
    print(table(results))
    sqlite_rate = results[0].per_second
    verdict = "met" if sqlite_rate >= TARGET_SQLITE else "NOT met"
    print(f"target: >= {TARGET_SQLITE:,} entry commands/s on SQLite: {verdict} "
          f"({sqlite_rate:,.0f}/s)")
    if not args.postgres:
        print("postgresql: skipped (set CJBOT_TEST_POSTGRES_URL or pass --postgres URL)")
    print(f"total time {time.perf_counter() - started:.1f} s")
    if args.json:
        figures: dict[str, float] = {}
        for r in results:
            key = "engine" if r.what.startswith("engine") else "baseline"
            figures[f"{r.database}_{key}_per_s"] = r.per_second
            figures[f"{r.database}_{key}_median_ms"] = r.median_ms
        Path(args.json).write_text(json.dumps(figures, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
