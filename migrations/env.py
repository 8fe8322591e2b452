"""Alembic environment: runs cjbot's migrations against SQLite or PostgreSQL."""

from __future__ import annotations

import logging
from typing import Any

from alembic import context
from sqlalchemy import pool
from sqlalchemy.engine import Connection, make_url
from sqlmodel import SQLModel

import cjworkflow.storage.models  # noqa: F401  (registers every table on SQLModel.metadata)
import cjworkflow.storage.models_polls  # noqa: F401
import cjworkflow.storage.models_voice  # noqa: F401
from cjworkflow.config import get_settings
from cjworkflow.storage.db import make_engine, normalise_url

config = context.config
target_metadata = SQLModel.metadata

# No logging.fileConfig here: it would replace the host application's logging setup.
# Only a bare `alembic` command line gets a handler, so developers still see progress.
if config.cmd_opts is not None and not logging.getLogger().handlers:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)-5.5s [%(name)s] %(message)s")
    logging.getLogger("alembic").setLevel(logging.INFO)


def database_url() -> str:
    """The URL to migrate: set by cjworkflow.storage.migrate, alembic.ini, or the app's settings."""
    url = config.attributes.get("url") or config.get_main_option("sqlalchemy.url")
    if not url:
        url = get_settings().resolved_database_url
    return normalise_url(str(url))


def configure_options(dialect_name: str) -> dict[str, Any]:
    """Context options shared by offline and online runs for one dialect."""
    is_sqlite = dialect_name == "sqlite"
    return {
        "target_metadata": target_metadata,
        "compare_type": True,
        # SQLite cannot ALTER most things: batch mode rebuilds the table instead.
        "render_as_batch": is_sqlite,
        # pysqlite's own transaction handling is switched off by make_engine, so SQLite
        # DDL really is transactional: one BEGIN IMMEDIATE around the whole upgrade makes
        # it atomic and serialises processes that upgrade at the same time.
        # None keeps the dialect's own answer (True for PostgreSQL).
        "transactional_ddl": True if is_sqlite else None,
    }


def run_migrations_offline() -> None:
    """Emit the migration SQL as a script instead of running it."""
    url = database_url()
    options = configure_options(make_url(url).get_backend_name())
    context.configure(url=url, literal_binds=True, dialect_opts={"paramstyle": "named"}, **options)
    with context.begin_transaction():
        context.run_migrations()


def _set_sqlite_foreign_keys(connection: Connection, enabled: bool) -> None:
    # Straight to the DBAPI connection: through SQLAlchemy the statement would autobegin
    # a transaction, and SQLite ignores this pragma inside one.
    dbapi_connection: Any = connection.connection.driver_connection
    dbapi_connection.execute(f"PRAGMA foreign_keys={'ON' if enabled else 'OFF'}")


def run_on_connection(connection: Connection) -> None:
    """Run the migrations on an open connection."""
    options = configure_options(connection.dialect.name)
    context.configure(connection=connection, **options)
    # A batch rebuild drops and recreates a table; with foreign keys on, dropping a parent
    # table deletes (or cascades through) its children's rows. SQLite's documented recipe:
    # keys off during the change, then foreign_key_check before committing.
    guard_keys = connection.dialect.name == "sqlite" and not connection.in_transaction()
    if guard_keys:
        _set_sqlite_foreign_keys(connection, False)
    try:
        with context.begin_transaction():
            context.run_migrations()
            if guard_keys:
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"migration left dangling foreign keys: {broken[:5]}")
    finally:
        if guard_keys:
            _set_sqlite_foreign_keys(connection, True)


def run_migrations_online() -> None:
    """Run the migrations on the caller's connection, or on a new one to the URL."""
    given = config.attributes.get("connection")
    if isinstance(given, Connection):
        run_on_connection(given)
        return
    engine = make_engine(database_url(), poolclass=pool.NullPool)
    try:
        with engine.connect() as connection:
            run_on_connection(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
