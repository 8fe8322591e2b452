"""Alembic migrations: they build exactly the models' schema, both ways, on both databases."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import inspect
from sqlmodel import SQLModel

import cjworkflow.storage.models  # noqa: F401  (registers every table on SQLModel.metadata)
import migrations
from cjworkflow.storage import migrate
from cjworkflow.storage.db import make_engine

REPO_ROOT = Path(__file__).resolve().parents[2]
MODEL_TABLES = set(SQLModel.metadata.tables)


def table_names(url: str) -> set[str]:
    """The tables that exist in the database at url."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return set(inspect(connection).get_table_names())
    finally:
        engine.dispose()


def test_upgrade_from_empty_creates_every_model_table(raw_db_url: str) -> None:
    """An empty database upgraded to head has every model table, at head."""
    assert migrate.current(raw_db_url) is None
    migrate.upgrade(raw_db_url)
    assert table_names(raw_db_url) == MODEL_TABLES | {"alembic_version"}
    assert migrate.current(raw_db_url) == migrate.head()


def test_downgrade_to_base_removes_everything_and_upgrade_works_again(raw_db_url: str) -> None:
    """Downgrade to base leaves only Alembic's bookkeeping, even with rows in a cycle."""
    migrate.upgrade(raw_db_url)
    engine = make_engine(raw_db_url)
    try:
        with engine.begin() as connection:
            # person and workshop point at each other: the downgrade must untie them.
            connection.exec_driver_sql(
                "INSERT INTO person (id, display_name, private_chat_ok, created_at)"
                " VALUES (1, 'Ada', false, CURRENT_TIMESTAMP)"
            )
            connection.exec_driver_sql(
                "INSERT INTO workshop (id, title, language, timezone, stage_model, current_step,"
                " focus_stage, status, join_code, version, created_by, created_at, updated_at)"
                " VALUES (1, 'W', 'nl', 'Europe/Amsterdam', 'five', 1, 0, 'active', 'J', 1, 1,"
                " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            )
            connection.exec_driver_sql("UPDATE person SET active_workshop_id = 1")
    finally:
        engine.dispose()

    migrate.downgrade(raw_db_url, "base")
    assert table_names(raw_db_url) == {"alembic_version"}
    assert migrate.current(raw_db_url) is None

    migrate.upgrade(raw_db_url)
    assert table_names(raw_db_url) == MODEL_TABLES | {"alembic_version"}
    assert migrate.current(raw_db_url) == migrate.head()
    assert migrate.pending_diff(raw_db_url) == []


def test_models_and_migrations_agree(db_url: str) -> None:
    """Fails when a model changed without a migration (or the other way round)."""
    assert migrate.current(db_url) == migrate.head()
    assert migrate.pending_diff(db_url) == []


def test_pending_diff_notices_drift(db_url: str) -> None:
    """The comparison really looks: a dropped index shows up."""
    engine = make_engine(db_url)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql("DROP INDEX ix_person_handle")
    finally:
        engine.dispose()
    diff = migrate.pending_diff(db_url)
    assert [(op[0], op[1].name) for op in diff] == [("add_index", "ix_person_handle")]


def test_foreign_keys_match_the_models(db_url: str) -> None:
    """Every foreign key exists with the models' target and ON DELETE rule."""
    expected = {
        (table.name, tuple(fk.column_keys), fk.referred_table.name, (fk.ondelete or "").upper())
        for table in SQLModel.metadata.tables.values()
        for fk in table.foreign_key_constraints
    }
    engine = make_engine(db_url)
    try:
        with engine.connect() as connection:
            inspector = inspect(connection)
            actual = {
                (
                    table,
                    tuple(fk["constrained_columns"]),
                    fk["referred_table"],
                    fk.get("options", {}).get("ondelete", "").upper(),
                )
                for table in MODEL_TABLES
                for fk in inspector.get_foreign_keys(table)
            }
    finally:
        engine.dispose()
    assert actual == expected
    assert ("person", ("active_workshop_id",), "workshop", "SET NULL") in actual


def test_ensure_schema_is_idempotent(raw_db_url: str) -> None:
    """Calling ensure_schema on every start is harmless."""
    migrate.ensure_schema(raw_db_url)
    migrate.ensure_schema(raw_db_url)
    assert migrate.current(raw_db_url) == migrate.head()
    assert migrate.pending_diff(raw_db_url) == []


# Each process imports, then waits for the others before migrating, so the upgrades
# really overlap.
_START_APP = """
import pathlib, sys, time
from cjworkflow.storage.migrate import ensure_schema
url, gate, count = sys.argv[1], pathlib.Path(sys.argv[2]), int(sys.argv[3])
(gate / str(time.monotonic_ns())).touch()
while len(list(gate.iterdir())) < count:
    time.sleep(0.002)
ensure_schema(url)
"""


@pytest.mark.slow
def test_ensure_schema_from_concurrent_processes(raw_db_url: str, tmp_path: Path) -> None:
    """Processes starting at once on an empty database: one migrates, none fail."""
    gate = tmp_path / "gate"
    gate.mkdir()
    count = 3
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    apps = [
        subprocess.Popen(
            [sys.executable, "-c", _START_APP, raw_db_url, str(gate), str(count)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(count)
    ]
    failures = []
    for app in apps:
        _, stderr = app.communicate(timeout=60)
        if app.returncode != 0:
            failures.append(stderr)
    assert failures == []
    assert migrate.current(raw_db_url) == migrate.head()
    assert migrate.pending_diff(raw_db_url) == []


def test_env_uses_a_connection_it_is_given(raw_db_url: str, tmp_path: Path) -> None:
    """With attributes["connection"] set, env.py migrates on it and opens nothing else."""
    decoy = tmp_path / "decoy.db"
    config = migrate.alembic_config(f"sqlite:///{decoy}")
    engine = make_engine(raw_db_url)
    try:
        with engine.connect() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    finally:
        engine.dispose()
    assert not decoy.exists()
    assert migrate.current(raw_db_url) == migrate.head()


def test_env_falls_back_to_the_sqlalchemy_url_option(tmp_path: Path) -> None:
    """A plain Alembic config with sqlalchemy.url (no attributes) works too."""
    url = f"sqlite:///{tmp_path / 'ini.db'}"
    config = Config()
    config.set_main_option("script_location", str(Path(migrations.__file__).parent))
    config.set_main_option("sqlalchemy.url", url)
    command.upgrade(config, "head")
    assert migrate.current(url) == migrate.head()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("sqlite:///offline.db", "FOREIGN KEY(active_workshop_id) REFERENCES workshop (id)"),
        (
            "postgresql://u@h/db",
            "ALTER TABLE person ADD CONSTRAINT person_active_workshop_id_fkey",
        ),
    ],
)
def test_offline_mode_renders_sql(url: str, expected: str) -> None:
    """`alembic upgrade --sql` writes a script without connecting."""
    config = migrate.alembic_config(url)
    config.output_buffer = io.StringIO()
    command.upgrade(config, "head", sql=True)
    script = config.output_buffer.getvalue()
    assert "CREATE TABLE workshop" in script
    assert expected in script
    assert "INSERT INTO alembic_version" in script


def scripts_with_extra_revision(tmp_path: Path, upgrade_body: str) -> Path:
    """A copy of the bundled migrations plus revision 0002_extra running upgrade_body."""
    scripts = tmp_path / "migrations"
    shutil.copytree(
        Path(migrations.__file__).parent, scripts, ignore=shutil.ignore_patterns("__pycache__")
    )
    (scripts / "versions" / "0002_extra.py").write_text(
        '"""A test-only revision."""\n'
        "import sqlalchemy as sa\n"
        "from alembic import op\n\n"
        f"revision = '0002_extra'\ndown_revision = {migrate.head()!r}\n"
        "branch_labels = None\ndepends_on = None\n\n\n"
        f"def upgrade():\n{upgrade_body}\n\n"
        "def downgrade():\n    pass\n"
    )
    return scripts


def test_failed_upgrade_leaves_nothing_behind(raw_db_url: str, tmp_path: Path) -> None:
    """A revision that fails halfway is rolled back whole (SQLite included)."""
    migrate.upgrade(raw_db_url)
    scripts = scripts_with_extra_revision(
        tmp_path,
        '    op.create_table("half", sa.Column("id", sa.Integer(), primary_key=True))\n'
        '    raise RuntimeError("halfway")\n',
    )
    config = migrate.alembic_config(raw_db_url)
    config.set_main_option("script_location", str(scripts))
    with pytest.raises(RuntimeError, match="halfway"):
        command.upgrade(config, "head")
    assert "half" not in table_names(raw_db_url)
    assert migrate.current(raw_db_url) == migrate.head()


def test_sqlite_table_rebuild_keeps_child_rows(tmp_path: Path) -> None:
    """A batch rebuild of a parent table must not cascade-delete its children's rows."""
    scripts = scripts_with_extra_revision(
        tmp_path,
        '    with op.batch_alter_table("workshop", recreate="always") as batch_op:\n'
        '        batch_op.add_column(sa.Column("note", sa.String(20), nullable=True))\n',
    )
    url = f"sqlite:///{tmp_path / 'rebuild.db'}"
    migrate.upgrade(url)
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql(
                "INSERT INTO person (id, display_name, private_chat_ok, created_at)"
                " VALUES (1, 'Ada', 0, CURRENT_TIMESTAMP)"
            )
            connection.exec_driver_sql(
                "INSERT INTO workshop (id, title, language, timezone, stage_model, current_step,"
                " focus_stage, status, join_code, version, created_at, updated_at)"
                " VALUES (1, 'W', 'nl', 'Europe/Amsterdam', 'five', 1, 0, 'active', 'J', 1,"
                " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            )
            connection.exec_driver_sql("UPDATE person SET active_workshop_id = 1")
            connection.exec_driver_sql(
                "INSERT INTO member (workshop_id, person_id, role, joined_at)"
                " VALUES (1, 1, 'member', CURRENT_TIMESTAMP)"
            )
        config = migrate.alembic_config(url)
        config.set_main_option("script_location", str(scripts))
        command.upgrade(config, "head")
        with engine.connect() as connection:
            assert connection.exec_driver_sql("SELECT count(*) FROM member").scalar() == 1
            active = connection.exec_driver_sql("SELECT active_workshop_id FROM person").scalar()
            assert active == 1
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        engine.dispose()


@pytest.mark.slow
def test_alembic_command_line_from_the_repo_root(tmp_path: Path) -> None:
    """Developers' `alembic upgrade head` finds the URL through the app's settings."""
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    env = {**os.environ, "DATABASE_URL": url, "PYTHONPATH": str(REPO_ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "alembic", "upgrade", "head"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Running upgrade" in result.stderr
    assert migrate.current(url) == migrate.head()
