"""The SQL of a member's entry, written once: the entry insert, the receipt insert, the bump.

Every path that stores an entry builds its statements from the pieces here: the general
path (steps.entries via entry_sql.add_entry), the hot path and the batch (flow.entry's
write_entry()), and PostgreSQL's one-statement form (flow.entry), which puts the same pieces
into one WITH statement instead of several. The ORM's store.touch() bumps through
next_version(), the rule the SQL spells as BUMP.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, Integer, TextClause, bindparam, text
from sqlalchemy.dialects import postgresql
from sqlmodel import Session, SQLModel

from cjworkflow.storage.models import EntryKind, utcnow

_ENTRY = SQLModel.metadata.tables["entry"]

# An entry's columns with the value each has unless the step's parser sets it: the one list
# of entry columns (the insert below and entry_values() follow it).
ENTRY_DEFAULTS: dict[str, Any] = {
    "workshop_id": None, "kind": None, "step": None, "text": None, "stage_id": None,
    "detail": None, "goal": None, "channel": None, "is_target": False, "have": False,
    "author_id": None, "source_ref": None, "created_at": None}
ENTRY_COLUMNS = ", ".join(ENTRY_DEFAULTS)
# What a parser may set (PlainEntry.extra): the rest is the path's to fill in.
EXTRA_COLUMNS = frozenset({"stage_id", "detail", "goal", "channel", "is_target", "have"})

# The version bump every change makes (renders are cached on the version).
BUMP = "version = version + 1, updated_at = :now"


def next_version(version: int) -> tuple[int, datetime]:
    """The version and update time BUMP gives a workshop now at version."""
    return version + 1, utcnow()


def insert_entry(source: str) -> str:
    """INSERT of one entry from source (VALUES or SELECT in ENTRY_COLUMNS' order); a row
    (its id) only when the input (workshop_id, source_ref) was not stored already."""
    return (f"INSERT INTO entry ({ENTRY_COLUMNS}) {source} "
            "ON CONFLICT (workshop_id, source_ref) DO NOTHING RETURNING id")


def insert_receipt(source: str) -> str:
    """INSERT of an update's receipt from source (key, created_at); a row only when new."""
    return (f"INSERT INTO inboundreceipt (key, created_at) {source} "
            "ON CONFLICT (key) DO NOTHING RETURNING key")


def bump(where: str) -> str:
    """UPDATE giving the workshops where holds BUMP."""
    return f"UPDATE workshop SET {BUMP} WHERE {where}"


_PG = postgresql.dialect()
# The PostgreSQL type of each entry column: a parameter in a SELECT list needs its CAST.
# (Without a length: a CAST to VARCHAR(n) would cut a longer text instead of refusing it.)
PG_TYPES = {c: re.sub(r"\(\d+\)", "", _ENTRY.c[c].type.compile(dialect=_PG))
             for c in ENTRY_DEFAULTS}
_STAMP = _ENTRY.c.created_at.type  # aware UTC times, as the ORM stores them
_TYPES: dict[str, Any] = {"now": _STAMP, "created_at": _STAMP, "stage_id": Integer(),
                          "is_target": Boolean(), "have": Boolean()}


def _literal(value: Any) -> str:
    return "NULL" if value is None else str(value).lower()


def entry_select(exprs: dict[str, str], tail: str = "") -> str:
    """SELECT of one entry's row in ENTRY_COLUMNS' order: exprs by column, the defaults
    for the rest; tail follows (FROM, WHERE)."""
    if exprs.keys() - ENTRY_DEFAULTS.keys():
        raise TypeError(f"not entry columns: {sorted(exprs.keys() - ENTRY_DEFAULTS.keys())}")
    columns = ", ".join(exprs.get(c, _literal(d)) for c, d in ENTRY_DEFAULTS.items())
    return f"SELECT {columns} {tail}".rstrip()


def typed(sql: str) -> TextClause:
    """text(sql) with its time and flag parameters typed as the entry's columns."""
    names = set(re.findall(r"(?<![:\w]):(\w+)", sql))
    return text(sql).bindparams(*(bindparam(n, type_=t) for n, t in _TYPES.items()
                                  if n in names))


_PARAMS = ", ".join(f":{c}" for c in ENTRY_DEFAULTS)
_CLAIM = typed(insert_receipt("VALUES (:key, :now)"))
_ADD = typed(insert_entry(f"VALUES ({_PARAMS})"))
_TOUCH = typed(bump("id = :workshop_id"))
# PostgreSQL: an optional receipt, the entry and the bump as one round trip.
_NO_KEY = "CAST(:key AS VARCHAR) IS NULL"
_WRITE = typed(f"""
WITH r AS ({insert_receipt(f"SELECT :key, :now WHERE NOT {_NO_KEY}")}),
e AS ({insert_entry(entry_select(
    {c: f"CAST(:{c} AS {t})" for c, t in PG_TYPES.items()},
    f"WHERE {_NO_KEY} OR EXISTS (SELECT 1 FROM r)"))}),
u AS ({bump("id = :workshop_id AND EXISTS (SELECT 1 FROM e)")})
SELECT {_NO_KEY} OR EXISTS (SELECT 1 FROM r), (SELECT id FROM e)""")


def entry_values(*, workshop_id: int, kind: EntryKind, step: int, text: str,
                 author_id: int | None, source_ref: str, **extra: Any) -> dict[str, Any]:
    """An entry's row: the path's facts, the parser's extra columns, the defaults for the rest."""
    if extra.keys() - EXTRA_COLUMNS:
        raise TypeError(f"not entry columns: {sorted(extra.keys() - EXTRA_COLUMNS)}")
    values = dict(ENTRY_DEFAULTS, workshop_id=workshop_id, kind=str(kind), step=step,
                  text=text, author_id=author_id, source_ref=source_ref, created_at=utcnow())
    values.update(extra)
    return values


def claim_receipt(*, session: Session, key: str) -> bool:
    """Record that an inbound update is applied; False if it was already (skip it)."""
    row = session.connection().execute(_CLAIM, {"key": key, "now": utcnow()}).first()
    return row is not None


def add_entry(*, session: Session, workshop_id: int, kind: EntryKind, step: int, text: str,
              author_id: int | None, source_ref: str, **extra: Any) -> int | None:
    """Store an entry; its id, or None when the input (source_ref) was stored already."""
    values = entry_values(workshop_id=workshop_id, kind=kind, step=step, text=text,
                          author_id=author_id, source_ref=source_ref, **extra)
    new_id = session.connection().execute(_ADD, values).scalar()
    return int(new_id) if new_id is not None else None


def touch_row(*, session: Session, workshop_id: int, version: int) -> tuple[int, datetime]:
    """BUMP a workshop by id, given the version it has now; the new version and time."""
    new_version, now = next_version(version)
    session.connection().execute(_TOUCH, {"workshop_id": workshop_id, "now": now})
    return new_version, now


def write_entry(*, session: Session, values: dict[str, Any], version: int,
                receipt_key: str | None, postgres: bool) -> tuple[bool, bool]:
    """The receipt (if a key is given), the entry and, if it is stored, the bump: (whether
    the receipt was new, whether the entry was stored). Nothing is stored after a receipt
    seen before. PostgreSQL does it in one statement, where each one is a round trip."""
    if postgres:
        row = session.connection().execute(
            _WRITE, dict(values, key=receipt_key, now=values["created_at"])).one()
        return bool(row[0]), row[1] is not None
    if receipt_key is not None and not claim_receipt(session=session, key=receipt_key):
        return False, False
    stored = session.connection().execute(_ADD, values).scalar() is not None
    if stored:
        touch_row(session=session, workshop_id=values["workshop_id"], version=version)
    return True, stored
