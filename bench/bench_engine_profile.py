"""Plain text entries per second through WorkshopEngine.handle(), in-process.

Usage:
    python bench/bench_engine_profile.py [--entries 3000] [--profile] [--sql]
SQLite runs on a file DB in WAL mode; PostgreSQL runs too when CJBOT_TEST_POSTGRES_URL is
set (a URL whose user may CREATE DATABASE): on a freshly created database, dropped after.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT))

from bench.pgdb import fresh_postgres  # noqa: E402
from cjworkflow.flow.engine import WorkshopEngine  # noqa: E402
from cjworkflow.messages import Actor, Command, Kind, Verb  # noqa: E402
from cjworkflow.storage import migrate  # noqa: E402
from cjworkflow.storage.db import make_engine  # noqa: E402

POSTGRES_URL_ENV = "CJBOT_TEST_POSTGRES_URL"
ANNA = Actor("u1", "Anna", "anna", "nl")


@contextmanager
def sqlite_url() -> Iterator[str]:
    """A fresh SQLite file database (WAL), removed afterwards."""
    with tempfile.TemporaryDirectory() as tmp:
        yield f"sqlite:///{tmp}/b.db"


def entry(i: int) -> Command:
    """The hot-path command: one line from a member in the workshop's group."""
    return Command(actor=ANNA, verb=Verb.TEXT, text=f"doel {i}", chat_ref="g", private=False,
                   source_ref=f"s{i}", receipt_key=f"r{i}")


def count_statements(db: Engine, e: WorkshopEngine, i: int) -> list[str]:
    """The SQL statements one entry runs."""
    seen: list[str] = []

    def log(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(" ".join(statement.split())[:100])

    def begin(_conn: Any) -> None:
        seen.append("BEGIN")

    def commit(_conn: Any) -> None:
        seen.append("COMMIT")

    event.listen(db, "before_cursor_execute", log)
    if db.dialect.name != "sqlite":  # SQLite's BEGIN IMMEDIATE is a cursor execute already
        event.listen(db, "begin", begin)
    event.listen(db, "commit", commit)
    try:
        e.handle(entry(i))
    finally:
        event.remove(db, "before_cursor_execute", log)
        if db.dialect.name != "sqlite":
            event.remove(db, "begin", begin)
        event.remove(db, "commit", commit)
    return seen


def run(name: str, url: str, n: int, *, profile: bool, show_sql: bool, step: int = 1) -> float:
    """Entries per second on the database at url (into step 1, or another step)."""
    migrate.upgrade(url)
    db = make_engine(url)
    try:
        e = WorkshopEngine(db)
        e.handle(Command(actor=ANNA, verb=Verb.NEW, text="Test", chat_ref="g", private=False))
        if step != 1:
            e.handle(Command(actor=ANNA, verb=Verb.STEP, text=str(step), chat_ref="g",
                             private=False))
        replies = e.handle(entry(-1))  # warm up: caches, the member row, the connection
        assert replies and replies[0].kind is Kind.ACK, replies
        assert e.handle(entry(-1)) == [], "a redelivered update must change nothing"
        statements = count_statements(db, e, -2)
        print(f"{name}: {len(statements)} statements per entry (step {step})")
        if show_sql:
            for s in statements:
                print("   ", s)
        prof = cProfile.Profile() if profile else None
        start = time.perf_counter()
        if prof:
            prof.enable()
        for i in range(n):
            e.handle(entry(i))
        if prof:
            prof.disable()
        elapsed = time.perf_counter() - start
        rate = n / elapsed
        print(f"{name}: {n} entries in {elapsed:.2f} s = {rate:,.0f} commands/s")
        if prof:
            pstats.Stats(prof).sort_stats("cumulative").print_stats(40)
            pstats.Stats(prof).sort_stats("tottime").print_stats(25)
        return rate
    finally:
        db.dispose()


def main() -> None:
    """Run the benchmark on SQLite and, when configured, PostgreSQL."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=3000)
    parser.add_argument("--profile", action="store_true", help="print cProfile statistics")
    parser.add_argument("--sql", action="store_true", help="print one entry's statements")
    parser.add_argument("--only", choices=("sqlite", "postgres"))
    parser.add_argument("--step", type=int, default=1,
                        help="the step entries go into (1: goals, the plain hot path)")
    args = parser.parse_args()
    if args.only != "postgres":
        with sqlite_url() as url:
            run("sqlite", url, args.entries, profile=args.profile, show_sql=args.sql,
                step=args.step)
    pg = os.environ.get(POSTGRES_URL_ENV)
    if pg and args.only != "sqlite":
        with fresh_postgres(pg) as url:
            run("postgres", url, args.entries, profile=args.profile, show_sql=args.sql,
                step=args.step)


if __name__ == "__main__":
    main()
