"""Repository functions of a workshop's content: entries, actions, scores, follow-up
questions, inbound receipts and version bumps.

Like persons.py and workshops.py: keyword-only, each taking the caller's session (its
transaction).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Table, bindparam, delete, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.sql.dml import Insert
from sqlmodel import Session, SQLModel, col, select

from cjworkflow.storage.models import (
    Action,
    EmotionScore,
    Entry,
    EntryKind,
    InboundReceipt,
    PendingQuestion,
    ScoreKind,
    Workshop,
    utcnow,
)

# The Core tables of the hot path: plain statements skip the ORM's loading and flushing.
RECEIPT_TABLE: Table = SQLModel.metadata.tables["inboundreceipt"]
ENTRY_TABLE: Table = SQLModel.metadata.tables["entry"]
WORKSHOP_TABLE: Table = SQLModel.metadata.tables["workshop"]

# Statements built once: building one costs more than running it.
_INSERT_IGNORING: dict[tuple[str, str, tuple[str, ...]], Insert] = {}
_DIALECT_INSERT: dict[str, Callable[[Table], postgresql.Insert | sqlite.Insert]] = {
    "postgresql": postgresql.insert, "sqlite": sqlite.insert}


def _insert_ignoring(session: Session, table: Table, *unique: str) -> Insert:
    """INSERT … ON CONFLICT (unique) DO NOTHING RETURNING the key: no row when it existed."""
    key = (session.get_bind().dialect.name, table.name, unique)
    stmt = _INSERT_IGNORING.get(key)
    if stmt is None:
        stmt = _DIALECT_INSERT[key[0]](table).on_conflict_do_nothing(
            index_elements=list(unique)).returning(*table.primary_key.columns)
        _INSERT_IGNORING[key] = stmt
    return stmt


def claim_receipt(*, session: Session, key: str) -> bool:
    """Record that an inbound update is applied; False if it was already (skip it)."""
    stmt = _insert_ignoring(session, RECEIPT_TABLE, "key")
    row = session.connection().execute(stmt, {"key": key, "created_at": utcnow()}).first()
    return row is not None


def prune_receipts(*, session: Session, before: datetime) -> int:
    """Forget receipts older than before (Telegram redelivers an update for 24 h at most)."""
    result = session.connection().execute(
        delete(InboundReceipt).where(col(InboundReceipt.created_at) < before))
    return int(result.rowcount or 0)


def receipt_seen(*, session: Session, key: str) -> bool:
    """Whether an inbound update with this key was already applied."""
    return session.get(InboundReceipt, key) is not None


def touch(workshop: Workshop) -> None:
    """Mark a change: bump the version renders are cached on."""
    workshop.version += 1
    workshop.updated_at = utcnow()


_TOUCH = update(WORKSHOP_TABLE).where(WORKSHOP_TABLE.c.id == bindparam("workshop_id"))


def touch_row(*, session: Session, workshop_id: int, version: int) -> tuple[int, datetime]:
    """touch() by id, given the version it has now; the new version and time."""
    new_version, updated_at = version + 1, utcnow()
    session.connection().execute(_TOUCH, {"workshop_id": workshop_id, "version": new_version,
                                          "updated_at": updated_at})
    return new_version, updated_at


def touch_now(*, session: Session, workshop: Workshop) -> None:
    """touch() as one UPDATE now, instead of a unit-of-work flush at commit."""
    version, updated_at = touch_row(session=session, workshop_id=workshop.id or 0,
                                    version=workshop.version)
    # The row now says so: the object follows without becoming dirty.
    set_committed_value(workshop, "version", version)
    set_committed_value(workshop, "updated_at", updated_at)


def input_seen(*, session: Session, workshop_id: int, source_ref: str, action: bool) -> bool:
    """Whether an input with this source reference was already stored (as entry or action)."""
    model: type[Entry] | type[Action] = Action if action else Entry
    return session.exec(select(model.id).where(
        model.workshop_id == workshop_id, model.source_ref == source_ref)).first() is not None


def add_entry(*, session: Session, workshop_id: int, kind: EntryKind, step: int, text: str,
              author_id: int | None, source_ref: str, **extra: Any) -> int | None:
    """Store an entry; its id, or None when the input (source_ref) was stored already."""
    values: dict[str, Any] = {
        "workshop_id": workshop_id, "kind": kind, "step": step, "text": text,
        "stage_id": None, "detail": None, "goal": None, "channel": None, "is_target": False,
        "have": False, "author_id": author_id, "source_ref": source_ref, "created_at": utcnow()}
    if extra.keys() - values.keys():
        raise TypeError(f"not entry columns: {sorted(extra.keys() - values.keys())}")
    values.update(extra)
    stmt = _insert_ignoring(session, ENTRY_TABLE, "workshop_id", "source_ref")
    new_id = session.connection().execute(stmt, values).scalar()
    return int(new_id) if new_id is not None else None


# PostgreSQL: the entry and the workshop's version bump in one round trip (the hot path).
_ADD_AND_TOUCH = text("""
WITH e AS (
    INSERT INTO entry (workshop_id, kind, step, text, stage_id, detail, goal, channel,
                       is_target, have, author_id, source_ref, created_at)
    VALUES (:workshop_id, :kind, :step, :text, :stage_id, :detail, :goal, :channel,
            :is_target, :have, :author_id, :source_ref, :created_at)
    ON CONFLICT (workshop_id, source_ref) DO NOTHING RETURNING id),
w AS (
    UPDATE workshop SET version = :version, updated_at = :updated_at
    WHERE id = :workshop_id AND EXISTS (SELECT 1 FROM e))
SELECT id FROM e""")


def add_entry_touching(*, session: Session, workshop_id: int, version: int, kind: EntryKind,
                       step: int, text: str, author_id: int | None, source_ref: str,
                       **extra: Any) -> int | None:
    """add_entry() and, if stored, touch_row(), as one PostgreSQL statement."""
    values: dict[str, Any] = {
        "workshop_id": workshop_id, "kind": str(kind), "step": step, "text": text,
        "stage_id": None, "detail": None, "goal": None, "channel": None, "is_target": False,
        "have": False, "author_id": author_id, "source_ref": source_ref}
    if extra.keys() - values.keys():
        raise TypeError(f"not entry columns: {sorted(extra.keys() - values.keys())}")
    values.update(extra)
    now = utcnow()
    values.update(created_at=now, version=version + 1, updated_at=now)
    new_id = session.connection().execute(_ADD_AND_TOUCH, values).scalar()
    return int(new_id) if new_id is not None else None


_ANY_PENDING = select(PendingQuestion.id).where(
    PendingQuestion.workshop_id == bindparam("workshop_id"),
    PendingQuestion.member_id == bindparam("member_id")).limit(1)


def has_pending(*, session: Session, workshop_id: int, member_id: int) -> bool:
    """Whether a member has an open follow-up question (cheaper than pending_for)."""
    return session.exec(_ANY_PENDING, params={"workshop_id": workshop_id,
                                              "member_id": member_id}).first() is not None


def entries(*, session: Session, workshop_id: int,
            kinds: Sequence[EntryKind] | None = None) -> list[Entry]:
    """A workshop's entries (optionally of some kinds) in the order they came."""
    q = select(Entry).where(Entry.workshop_id == workshop_id)
    if kinds is not None:
        q = q.where(col(Entry.kind).in_([str(k) for k in kinds]))
    return list(session.exec(q.order_by(col(Entry.id))).all())


def actions(*, session: Session, workshop_id: int) -> list[Action]:
    """A workshop's actions in the order they came."""
    return list(session.exec(
        select(Action).where(Action.workshop_id == workshop_id).order_by(col(Action.id))
    ).all())


def scores(*, session: Session, workshop_id: int) -> list[EmotionScore]:
    """All emotion scores of a workshop."""
    return list(session.exec(
        select(EmotionScore).where(EmotionScore.workshop_id == workshop_id)
    ).all())


def set_score(*, session: Session, workshop_id: int, stage_id: int, member_id: int,
              kind: ScoreKind, score: int) -> EmotionScore:
    """A member's emotion score for a stage (a new tap replaces the old one)."""
    row = session.exec(select(EmotionScore).where(
        EmotionScore.stage_id == stage_id, EmotionScore.member_id == member_id,
        EmotionScore.kind == kind)).first()
    if row is None:
        row = EmotionScore(workshop_id=workshop_id, stage_id=stage_id, member_id=member_id,
                           kind=kind, score=score)
        session.add(row)
    else:
        row.score = score
    session.flush()
    return row


def pending_for(*, session: Session, workshop_id: int, member_id: int) -> list[PendingQuestion]:
    """A member's open follow-up questions, oldest first."""
    return list(session.exec(
        select(PendingQuestion).where(
            PendingQuestion.workshop_id == workshop_id, PendingQuestion.member_id == member_id)
        .order_by(col(PendingQuestion.id))
    ).all())


def clear_pending(*, session: Session, workshop_id: int, member_id: int) -> int:
    """Drop a member's follow-up questions; returns how many."""
    rows = pending_for(session=session, workshop_id=workshop_id, member_id=member_id)
    for row in rows:
        session.delete(row)
    return len(rows)


def drop_pending_for_target(*, session: Session, field_prefix: str, target_id: int) -> None:
    """Drop follow-ups about a removed entry or action."""
    for row in session.exec(select(PendingQuestion).where(
            col(PendingQuestion.field).startswith(field_prefix),
            PendingQuestion.target_id == target_id)).all():
        session.delete(row)


