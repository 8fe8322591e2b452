"""Repository functions of a workshop's content: entries, actions, scores, follow-up
questions, inbound receipts and version bumps.

Like persons.py and workshops.py: keyword-only, each taking the caller's session (its
transaction).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import bindparam, delete, update
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, col, select

from cjworkflow.storage.entry_sql import next_version, touch_row
from cjworkflow.storage.models import (
    Action,
    EmotionScore,
    Entry,
    EntryKind,
    InboundReceipt,
    PendingQuestion,
    PersonaScore,
    ScoreKind,
    Workshop,
)


def prune_receipts(*, session: Session, before: datetime) -> int:
    """Forget receipts older than before (Telegram redelivers an update for 24 h at most)."""
    result = session.connection().execute(
        delete(InboundReceipt).where(col(InboundReceipt.created_at) < before))
    return int(result.rowcount or 0)


def receipt_seen(*, session: Session, key: str) -> bool:
    """Whether an inbound update with this key was already applied."""
    return session.get(InboundReceipt, key) is not None


def touch(workshop: Workshop) -> None:
    """Mark a change: bump the version renders are cached on (as entry_sql.BUMP does)."""
    workshop.version, workshop.updated_at = next_version(workshop.version)


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
              kind: ScoreKind, score: int, word: str | None = None) -> EmotionScore:
    """A member's emotion score for a stage (a new tap replaces the old one, and its word)."""
    row = session.exec(select(EmotionScore).where(
        EmotionScore.stage_id == stage_id, EmotionScore.member_id == member_id,
        EmotionScore.kind == kind)).first()
    if row is None:
        row = EmotionScore(workshop_id=workshop_id, stage_id=stage_id, member_id=member_id,
                           kind=kind, score=score, word=word)
        session.add(row)
    else:
        row.score, row.word = score, word
    session.flush()
    return row


def set_entry_persona(*, session: Session, entry_id: int, persona_id: int) -> None:
    """Mark an entry (an observation) as made for one target persona."""
    session.connection().execute(
        update(Entry).where(col(Entry.id) == entry_id).values(persona_id=persona_id))


def persona_scores(*, session: Session, workshop_id: int) -> list[PersonaScore]:
    """All scores per persona of a workshop, in the order they came."""
    return list(session.exec(select(PersonaScore).where(
        PersonaScore.workshop_id == workshop_id).order_by(col(PersonaScore.id))).all())


def set_persona_score(*, session: Session, workshop_id: int, stage_id: int, member_id: int,
                      persona_id: int, kind: ScoreKind, score: int,
                      word: str | None = None) -> PersonaScore:
    """A member's emotion score for a stage as one target persona feels it (replaced anew)."""
    row = session.exec(select(PersonaScore).where(
        PersonaScore.stage_id == stage_id, PersonaScore.member_id == member_id,
        PersonaScore.kind == kind, PersonaScore.persona_id == persona_id)).first()
    if row is None:
        row = PersonaScore(workshop_id=workshop_id, stage_id=stage_id, member_id=member_id,
                           persona_id=persona_id, kind=kind, score=score, word=word)
        session.add(row)
    else:
        row.score, row.word = score, word
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


