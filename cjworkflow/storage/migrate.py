"""Schema migrations from code: Alembic driven programmatically, no ini file needed."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import pool, text
from sqlalchemy.engine import Engine, make_url
from sqlmodel import SQLModel

import cjworkflow.storage.models  # noqa: F401  (registers every table on SQLModel.metadata)
import migrations
from cjworkflow.storage.db import make_engine, normalise_url

# Arbitrary but fixed: every cjbot process contends for this PostgreSQL advisory lock
# while it upgrades, so two processes starting at once never migrate concurrently.
_MIGRATION_LOCK_KEY = 0x636A626F74  # "cjbot"

# Alembic's `context` and `op` are process-wide proxies, so two commands running in
# threads of one process trample each other; the database locks only order processes.
_command_lock = threading.Lock()


def alembic_config(url: str) -> Config:
    """An Alembic config for the bundled migrations, aimed at url."""
    config = Config()
    # Found through the package, so this works from a checkout and when installed.
    config.set_main_option("script_location", str(Path(migrations.__file__).parent))
    # In attributes rather than the sqlalchemy.url option: passwords with '%' would
    # otherwise trip ConfigParser interpolation.
    config.attributes["url"] = normalise_url(url)
    return config


def _engine(url: str) -> Engine:
    # NullPool: nothing stays connected afterwards, which CREATE DATABASE ... TEMPLATE
    # and DROP DATABASE need.
    return make_engine(url, poolclass=pool.NullPool)


def upgrade(url: str, revision: str = "head") -> None:
    """Upgrade the database at url to revision."""
    with _command_lock:
        command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str) -> None:
    """Downgrade the database at url to revision ("base" removes every table)."""
    with _command_lock:
        command.downgrade(alembic_config(url), revision)


def current(url: str) -> str | None:
    """The revision the database at url is at, or None when unversioned."""
    engine = _engine(url)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()


def head() -> str:
    """The newest revision of the bundled migrations."""
    revision = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    if revision is None:
        raise RuntimeError("no migrations found")
    return revision


def pending_diff(url: str) -> list[Any]:
    """Differences between the models and the database at url (empty when they agree)."""
    engine = _engine(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            return list(compare_metadata(context, SQLModel.metadata))
    finally:
        engine.dispose()


def ensure_schema(url: str) -> None:
    """Upgrade the database at url to head; safe when several processes start at once."""
    if make_url(normalise_url(url)).get_backend_name() != "postgresql":
        # SQLite: env.py runs the whole upgrade in one BEGIN IMMEDIATE transaction, so a
        # second process waits (up to the busy timeout) and then finds nothing to do.
        upgrade(url)
        return
    engine = _engine(url)
    try:
        with engine.connect() as connection:
            # A session lock (not a transaction one) so it spans Alembic's own
            # transaction on this same connection; released explicitly below.
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": _MIGRATION_LOCK_KEY})
            connection.commit()
            try:
                config = alembic_config(url)
                config.attributes["connection"] = connection
                with _command_lock:
                    command.upgrade(config, "head")
            finally:
                if connection.in_transaction():
                    connection.rollback()
                connection.execute(
                    text("SELECT pg_advisory_unlock(:key)"), {"key": _MIGRATION_LOCK_KEY}
                )
                connection.commit()
    finally:
        engine.dispose()
