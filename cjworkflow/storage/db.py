"""Database engines, transactions and schema upgrades (Alembic owns the schema)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, create_engine

SQLITE_BUSY_TIMEOUT_MS = 10_000
READ_ONLY_OPTION = "cjbot_read_only"


def normalise_url(url: str) -> str:
    """Use psycopg 3 for plain postgresql:// URLs."""
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for url; SQLite gets WAL, a busy timeout and write-locking transactions."""
    url = normalise_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        # No pre-ping: it is one more round trip per transaction (measured: the engine's
        # entries/s on PostgreSQL went 746 -> 1,409 without it and the merged insert). A
        # connection that died with a server restart fails its update once; the update is
        # fetched again and the pool has reconnected by then. Short engine calls run on the
        # event loop, so connecting must not hang: connect_timeout bounds it.
        kwargs.setdefault("connect_args", {"connect_timeout": 5})
        kwargs.setdefault("pool_recycle", 1800)
        return create_engine(url, **kwargs)
    database = parsed.database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url, connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
        **kwargs,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Take transaction control from pysqlite so BEGIN IMMEDIATE can serialise writers:
        # a deferred transaction that reads then writes fails under concurrency.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        if database and database != ":memory:":
            cur.execute("PRAGMA journal_mode=WAL")
        cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # A reader takes no lock at all in WAL mode; a writer takes the write lock at once.
        read = conn.get_execution_options().get(READ_ONLY_OPTION)
        conn.exec_driver_sql("BEGIN" if read else "BEGIN IMMEDIATE")

    return engine


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """One unit of work: commit on success, roll back on any exception."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def read_only(engine: Engine) -> Engine:
    """The same engine for sessions that only read.

    On SQLite their transactions are deferred: BEGIN IMMEDIATE would take the write lock, so
    a card being read in a thread would make an entry on the event loop wait for it (and
    SQLite's busy handler sleeps in steps of milliseconds). Such a session must not write.
    """
    return engine.execution_options(**{READ_ONLY_OPTION: True})


@contextmanager
def reading(engine: Engine) -> Iterator[Session]:
    """A session that only reads; whatever it did is rolled back at the end."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
        finally:
            session.rollback()


def is_postgres(engine: Engine) -> bool:
    """Whether the engine talks to PostgreSQL."""
    return engine.dialect.name == "postgresql"
