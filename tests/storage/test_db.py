"""Engines and transactions: SQLite pragmas, rollback, foreign keys, URL normalisation."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from cjworkflow.storage.db import SQLITE_BUSY_TIMEOUT_MS, make_engine, normalise_url, transaction
from cjworkflow.storage.models import Member, Person, Workshop


class Boom(Exception):
    """Raised inside a transaction to force a rollback."""


def test_sqlite_engine_uses_wal_busy_timeout_and_foreign_keys(sqlite_engine: Engine) -> None:
    """Every SQLite connection gets WAL, the busy timeout and enforced foreign keys."""
    with sqlite_engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == SQLITE_BUSY_TIMEOUT_MS
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_sqlite_transactions_take_the_write_lock_at_begin(sqlite_engine: Engine) -> None:
    """A transaction that has only read already holds the write lock (BEGIN IMMEDIATE)."""
    database = sqlite_engine.url.database
    assert database
    with sqlite_engine.connect() as connection:
        connection.execute(text("SELECT 1"))
        assert connection.in_transaction()
        other = sqlite3.connect(database, timeout=0, isolation_level=None)
        try:
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        finally:
            other.close()


def test_transaction_commits(engine: Engine) -> None:
    """Leaving the block normally commits."""
    with transaction(engine) as session:
        session.add(Person(display_name="Ada"))
    with transaction(engine) as session:
        assert [p.display_name for p in session.exec(select(Person))] == ["Ada"]


def test_transaction_that_raises_rolls_back(engine: Engine) -> None:
    """An exception inside the block undoes everything the block wrote, and propagates."""
    with pytest.raises(Boom), transaction(engine) as session:
        session.add(Person(display_name="Ada"))
        session.flush()
        raise Boom
    with transaction(engine) as session:
        assert session.exec(select(Person)).all() == []


def test_foreign_keys_are_enforced(engine: Engine) -> None:
    """A row pointing at a missing parent is refused (SQLite too)."""
    with pytest.raises(IntegrityError), transaction(engine) as session:
        session.add(Member(workshop_id=4242, person_id=4242))


def test_deleting_a_workshop_cascades_and_nulls(engine: Engine) -> None:
    """ON DELETE CASCADE removes members; ON DELETE SET NULL clears active workshops."""
    with transaction(engine) as session:
        person = Person(display_name="Ada")
        session.add(person)
        session.flush()
        workshop = Workshop(title="Onboarding", join_code="J1", created_by=person.id)
        session.add(workshop)
        session.flush()
        assert workshop.id is not None and person.id is not None
        person.active_workshop_id = workshop.id
        session.add(Member(workshop_id=workshop.id, person_id=person.id))
    with transaction(engine) as session:
        session.delete(session.get(Workshop, workshop.id))
    with transaction(engine) as session:
        assert session.exec(select(Member)).all() == []
        remaining = session.get(Person, person.id)
        assert remaining is not None
        assert remaining.active_workshop_id is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgres://u:p@h:5432/db", "postgresql+psycopg://u:p@h:5432/db"),
        ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:///data/cjbot.db", "sqlite:///data/cjbot.db"),
    ],
)
def test_normalise_url(url: str, expected: str) -> None:
    """Plain PostgreSQL URLs get the psycopg 3 driver; others are left alone."""
    assert normalise_url(url) == expected


def test_make_engine_uses_psycopg_for_postgres_urls() -> None:
    """make_engine normalises too (no connection is made here)."""
    engine = make_engine("postgres://u@localhost/db")
    try:
        assert engine.dialect.name == "postgresql"
        assert engine.dialect.driver == "psycopg"
    finally:
        engine.dispose()
