"""Shared fixtures: a fresh database per test, on SQLite and (when configured) PostgreSQL.

PostgreSQL runs only when CJBOT_TEST_POSTGRES_URL names a server and a database whose
user may CREATE DATABASE, e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import OperationalError

from cjworkflow.storage import migrate
from cjworkflow.storage.db import make_engine, normalise_url

POSTGRES_URL_ENV = "CJBOT_TEST_POSTGRES_URL"

# Test databases live on a shared server: the session id keeps this run's names apart
# from other runs (and from leftovers of runs that were killed).
_SESSION_ID = uuid.uuid4().hex[:12]
_database_numbers = itertools.count(1)

DB_PARAMS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


class _ServerLock:
    """Who uses the PostgreSQL server now: tests share it, the restart test has it alone.

    One test restarts the server; a test of another process (a pytest-xdist worker, or
    another run on this machine) would meet that restart as a failure. Every test holds
    the lock shared while its database exists; exclusive() waits until no other process
    holds it. A file lock (flock): the kernel drops it when a process dies.
    """

    def __init__(self) -> None:
        self._file: int | None = None
        self._shared = 0
        self._count = threading.Lock()  # background drops hold it shared too

    def _flock(self, how: str) -> None:
        try:
            import fcntl
        except ImportError:  # no flock (Windows): nothing restarts the server there
            return
        if self._file is None:
            path = Path(tempfile.gettempdir()) / "cjbot-tests-postgres.lock"
            # Read-only is enough for flock: a lock file made by another user works too.
            self._file = os.open(path, os.O_RDONLY | os.O_CREAT, 0o666)
        fcntl.flock(self._file, {"shared": fcntl.LOCK_SH, "exclusive": fcntl.LOCK_EX,
                                 "none": fcntl.LOCK_UN}[how])

    def hold(self) -> None:
        """Use the server beside other tests (re-entrant within this process)."""
        with self._count:
            if not self._shared:
                self._flock("shared")
            self._shared += 1

    def release(self) -> None:
        """Undo one hold(), from any thread."""
        with self._count:
            self._shared -= 1
            if not self._shared:
                self._flock("none")

    @contextlib.contextmanager
    def shared(self) -> Iterator[None]:
        """hold() for a with block."""
        self.hold()
        try:
            yield
        finally:
            self.release()

    @contextlib.contextmanager
    def exclusive(self) -> Iterator[None]:
        """Have the server alone: waits until no test of another process uses it."""
        # This process's own drops first: its shared hold is given up below.
        DROPS.wait()
        # Let go of a shared hold first: two processes each holding it shared while
        # waiting for it exclusively would wait for each other forever.
        with self._count:
            self._flock("none")
            self._flock("exclusive")
        try:
            yield
        finally:
            with self._count:
                self._flock("shared" if self._shared else "none")


POSTGRES_SERVER = _ServerLock()


class _Drops:
    """Test databases dropped in the background, a few at a time.

    DROP DATABASE waits for a checkpoint (0.5-1.5 s on a busy server), and drops running
    at once share one. The test that used the database is done with it: only the end of
    the session (and the test that restarts the server) waits for the drops.
    """

    def __init__(self) -> None:
        self._pool: ThreadPoolExecutor | None = None
        self._pending: list[Future[None]] = []
        self._lock = threading.Lock()

    def drop(self, admin: Engine, name: str) -> None:
        """Drop database name soon, holding the server shared until it is gone."""
        POSTGRES_SERVER.hold()  # now: the caller's hold may end before the drop starts
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="drop-db")
            self._pending = [f for f in self._pending if not f.done() or f.exception()]
            self._pending.append(self._pool.submit(self._drop, admin, name))

    @staticmethod
    def _drop(admin: Engine, name: str) -> None:
        try:
            for attempt in range(5):
                try:
                    _drop_database(admin, name)
                    return
                except OperationalError:
                    # A run of another checkout restarting the server (without this lock):
                    # the database is still there once the server is back.
                    if attempt == 4:
                        raise
                    time.sleep(1.0)
        finally:
            POSTGRES_SERVER.release()

    def wait(self) -> None:
        """Until every drop asked so far is done; raises the first one's error."""
        with self._lock:
            pending, self._pending = self._pending, []
        for future in pending:
            future.result()


DROPS = _Drops()


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
    try:
        yield engine
    finally:
        DROPS.wait()
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
    with POSTGRES_SERVER.shared():
        _create_database(_postgres_admin, name, "template0")
    try:
        with POSTGRES_SERVER.shared():
            # migrate closes its connections: CREATE DATABASE ... TEMPLATE refuses a
            # template anyone is connected to.
            migrate.upgrade(_postgres_url(name))
        yield name
    finally:
        with POSTGRES_SERVER.shared():
            _drop_database(_postgres_admin, name)


def _fresh_postgres_database(admin: Engine, template: str) -> Iterator[str]:
    name = f"cjbot_test_{_SESSION_ID}_{next(_database_numbers)}"
    with POSTGRES_SERVER.shared():
        _create_database(admin, name, template)
        try:
            yield _postgres_url(name)
        finally:
            DROPS.drop(admin, name)


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


@pytest.fixture
def postgres_alone(db_url: str) -> Iterator[None]:
    """The server to this test alone (it restarts it): no other process's test meanwhile."""
    with POSTGRES_SERVER.exclusive():
        yield


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
