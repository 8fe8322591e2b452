"""Shared fixtures: a fresh database per test, on SQLite and (when configured) PostgreSQL.

PostgreSQL runs only when CJBOT_TEST_POSTGRES_URL names a server and a database whose
user may CREATE DATABASE, e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test.
"""

from __future__ import annotations

import itertools
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine, make_url

from cjworkflow.storage import migrate
from cjworkflow.storage.db import make_engine, normalise_url

POSTGRES_URL_ENV = "CJBOT_TEST_POSTGRES_URL"

# Test databases live on a shared server: the session id keeps this run's names apart
# from other runs (and from leftovers of runs that were killed).
_SESSION_ID = uuid.uuid4().hex[:12]
_database_numbers = itertools.count(1)

DB_PARAMS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def _postgres_admin_url() -> str:
    url = os.environ.get(POSTGRES_URL_ENV)
    if not url:
        pytest.skip(
            f"PostgreSQL tests need {POSTGRES_URL_ENV} (a URL whose user may CREATE DATABASE)"
        )
    return normalise_url(url)


def _postgres_url(name: str) -> str:
    """The URL of database name on the configured test server."""
    admin = make_url(_postgres_admin_url())
    return admin.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def _postgres_admin() -> Iterator[Engine]:
    """An autocommit engine to the admin database, for CREATE/DROP DATABASE."""
    # Pre-ping: a test restarts the server, and this session-long pool must outlive that.
    engine = make_engine(_postgres_admin_url(), isolation_level="AUTOCOMMIT",
                         pool_pre_ping=True)
    yield engine
    engine.dispose()


def _create_database(admin: Engine, name: str, template: str) -> None:
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')


def _drop_database(admin: Engine, name: str) -> None:
    with admin.connect() as connection:
        # FORCE: a test that leaked a connection must not leave its database behind.
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def _postgres_template(_postgres_admin: Engine) -> Iterator[str]:
    """A database migrated to head once per session, cloned for each test."""
    name = f"cjbot_tmpl_{_SESSION_ID}"
    _create_database(_postgres_admin, name, "template0")
    try:
        # migrate closes its connections: CREATE DATABASE ... TEMPLATE refuses a template
        # anyone is connected to.
        migrate.upgrade(_postgres_url(name))
        yield name
    finally:
        _drop_database(_postgres_admin, name)


def _fresh_postgres_database(admin: Engine, template: str) -> Iterator[str]:
    name = f"cjbot_test_{_SESSION_ID}_{next(_database_numbers)}"
    _create_database(admin, name, template)
    try:
        yield _postgres_url(name)
    finally:
        _drop_database(admin, name)


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated to head once per session, copied for each test."""
    path = tmp_path_factory.mktemp("sqlite-template") / "cjbot.db"
    migrate.upgrade(f"sqlite:///{path}")
    return path


def _fresh_sqlite_database(template: Path, directory: Path) -> str:
    target = directory / "cjbot.db"
    # The WAL is normally checkpointed away when the last connection closes; copy any
    # sidecar anyway so the copy is never missing committed pages.
    for suffix in ("", "-wal"):
        source = Path(f"{template}{suffix}")
        if source.exists():
            shutil.copyfile(source, f"{target}{suffix}")
    return f"sqlite:///{target}"


@pytest.fixture(params=DB_PARAMS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a fresh database of its own, migrated to head (SQLite and PostgreSQL)."""
    if request.param == "sqlite":
        yield _fresh_sqlite_database(request.getfixturevalue("_sqlite_template"), tmp_path)
        return
    _postgres_admin_url()
    yield from _fresh_postgres_database(
        request.getfixturevalue("_postgres_admin"),
        request.getfixturevalue("_postgres_template"),
    )


@pytest.fixture(params=DB_PARAMS)
def raw_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a fresh, empty (unmigrated) database of its own, for migration tests."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'raw.db'}"
        return
    _postgres_admin_url()
    yield from _fresh_postgres_database(request.getfixturevalue("_postgres_admin"), "template0")


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """An engine on a fresh database migrated to head (SQLite and PostgreSQL)."""
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def sqlite_engine(_sqlite_template: Path, tmp_path: Path) -> Iterator[Engine]:
    """An engine on a fresh SQLite file migrated to head, for tests that need one DB only."""
    engine = make_engine(_fresh_sqlite_database(_sqlite_template, tmp_path))
    yield engine
    engine.dispose()
