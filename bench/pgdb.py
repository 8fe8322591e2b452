"""A fresh PostgreSQL database for one benchmark run, dropped afterwards."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.engine import make_url

from cjworkflow.storage.db import make_engine, normalise_url


@contextmanager
def fresh_postgres(server_url: str, prefix: str = "cjbot_bench") -> Iterator[str]:
    """Create an empty database on the server of server_url; yield its URL; drop it."""
    admin_url = normalise_url(server_url)
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = make_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        try:
            yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
        finally:
            with admin.connect() as conn:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        admin.dispose()
