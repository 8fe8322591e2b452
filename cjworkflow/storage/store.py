"""Repository functions: keyword-only, each taking the caller's session (its transaction)."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import bindparam, delete, func
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, col, select

from cjworkflow.limits.room import check_members
from cjworkflow.messages import Actor
from cjworkflow.steps import stages as stage_models
from cjworkflow.storage.entry_sql import add_entry as add_entry
from cjworkflow.storage.entry_sql import claim_receipt as claim_receipt
from cjworkflow.storage.entry_sql import next_version
from cjworkflow.storage.entry_sql import touch_row as touch_row
from cjworkflow.storage.models import (
    Action,
    ChatCard,
    EmotionScore,
    Entry,
    EntryKind,
    InboundReceipt,
    Member,
    PendingQuestion,
    Person,
    Role,
    ScoreKind,
    Stage,
    Workshop,
    WorkshopStatus,
)

JOIN_CODE_BYTES = 12  # 96 bits: unguessable, and short enough for a deep link


def new_join_code() -> str:
    """A fresh, unguessable join code (URL-safe, deep-link-safe)."""
    return secrets.token_urlsafe(JOIN_CODE_BYTES)


def prune_receipts(*, session: Session, before: datetime) -> int:
    """Forget receipts older than before (Telegram redelivers an update for 24 h at most)."""
    result = session.connection().execute(
        delete(InboundReceipt).where(col(InboundReceipt.created_at) < before))
    return int(result.rowcount or 0)


def receipt_seen(*, session: Session, key: str) -> bool:
    """Whether an inbound update with this key was already applied."""
    return session.get(InboundReceipt, key) is not None


_PERSON_BY_EXTERNAL_ID = select(Person).where(Person.external_id == bindparam("external_id"))


def upsert_person(*, session: Session, actor: Actor, found: Person | None = None) -> Person:
    """The person behind actor, created or refreshed (by transport identity only)."""
    # found: the person already loaded by actor's external id (spares the look-up).
    person = found if found is not None else person_by_external_id(
        session=session, external_id=actor.external_id)
    if person is None:
        person = Person(external_id=actor.external_id, display_name=actor.display_name[:128])
        session.add(person)
    # Only assign what changed: an unchanged person costs no UPDATE and no flush.
    name, handle = refreshed(actor, display_name=person.display_name, handle=person.handle)
    if person.display_name != name:
        person.display_name = name
    if person.handle != handle:
        person.handle = handle
    if person.id is None:
        session.flush()
    return person


def refreshed(actor: Actor, *, display_name: str, handle: str | None) -> tuple[str, str | None]:
    """A person's display name and handle once refreshed from actor."""
    return ((actor.display_name or display_name)[:128],
            actor.handle[:64] if actor.handle else handle)


def person_by_external_id(*, session: Session, external_id: str) -> Person | None:
    """The person with this transport identity, if known."""
    return session.exec(_PERSON_BY_EXTERNAL_ID, params={"external_id": external_id}).first()


def create_workshop(
    *, session: Session, title: str, creator: Person, language: str, timezone: str,
    chat_ref: str | None, stage_model: str = "five", custom: Sequence[str] = (),
) -> tuple[Workshop, Member]:
    """A new workshop with its stages and its creator as facilitator."""
    workshop = Workshop(
        title=title, language=language, timezone=timezone, stage_model=stage_model,
        join_code=new_join_code(), chat_ref=chat_ref, created_by=creator.id,
    )
    session.add(workshop)
    session.flush()
    assert workshop.id is not None
    set_stages(session=session, workshop=workshop, model=stage_model, custom=custom)
    member = Member(workshop_id=workshop.id, person_id=creator.id or 0, role=Role.FACILITATOR)
    session.add(member)
    session.flush()
    return workshop, member


def stages_of(*, session: Session, workshop_id: int) -> list[Stage]:
    """A workshop's stages in order."""
    return list(session.exec(
        select(Stage).where(Stage.workshop_id == workshop_id).order_by(col(Stage.position))
    ).all())


def stage_usage(*, session: Session, stage_id: int) -> int:
    """How many entries and scores hang on a stage."""
    n = session.exec(
        select(func.count()).select_from(Entry).where(Entry.stage_id == stage_id)
    ).one()
    n += session.exec(
        select(func.count()).select_from(EmotionScore).where(EmotionScore.stage_id == stage_id)
    ).one()
    return int(n)


def set_stages(
    *, session: Session, workshop: Workshop, model: str, custom: Sequence[str] = ()
) -> list[Stage]:
    """Give the workshop a stage model; keeps stages by position so no entry is lost.

    Raises StageModelError when a stage that would disappear still holds entries.
    """
    assert workshop.id is not None
    keys: list[str | None]
    labels: list[str]
    if model == "custom":
        keys, labels = [None] * len(custom), list(custom)
    else:
        keys = list(stage_models.model_keys(model))
        labels = stage_models.labels_for(model, workshop.language)
    existing = stages_of(session=session, workshop_id=workshop.id)
    for extra in existing[len(keys):]:
        used = stage_usage(session=session, stage_id=extra.id or 0)
        if used:
            raise stage_models.StageModelError("stages-would-lose", stage=extra.label, count=used)
    for extra in existing[len(keys):]:
        session.delete(extra)
    session.flush()
    result: list[Stage] = []
    for position, (key, label) in enumerate(zip(keys, labels, strict=True)):
        if position < len(existing):
            stage = existing[position]
            stage.key, stage.label = key, label
        else:
            stage = Stage(workshop_id=workshop.id, position=position, key=key, label=label)
            session.add(stage)
        result.append(stage)
    workshop.stage_model = model
    workshop.focus_stage = min(workshop.focus_stage, len(result) - 1)
    session.flush()
    return result


def relabel_stages(*, session: Session, workshop: Workshop) -> None:
    """Translate predefined stage labels after a language change."""
    for stage in stages_of(session=session, workshop_id=workshop.id or 0):
        stage.label = stage_models.label(workshop.stage_model, stage.key, stage.label,
                                         workshop.language)


def member_of(*, session: Session, workshop_id: int, person_id: int) -> Member | None:
    """The membership of a person in a workshop, if any."""
    return session.exec(
        select(Member).where(Member.workshop_id == workshop_id, Member.person_id == person_id)
    ).first()


def add_member(*, session: Session, workshop_id: int, person_id: int,
               role: Role = Role.MEMBER) -> Member:
    """Make a person a member (idempotent); UserError when the workshop has all it may."""
    member = member_of(session=session, workshop_id=workshop_id, person_id=person_id)
    if member is None:
        check_members(session, workshop_id)
        member = Member(workshop_id=workshop_id, person_id=person_id, role=role)
        session.add(member)
        session.flush()
    return member


def members_with_people(*, session: Session, workshop_id: int) -> list[tuple[Member, Person]]:
    """A workshop's members with their people, in joining order."""
    rows = session.exec(
        select(Member, Person).join(Person, col(Person.id) == col(Member.person_id))
        .where(Member.workshop_id == workshop_id).order_by(col(Member.id))
    ).all()
    return [(m, p) for m, p in rows]


def workshop_for_chat(*, session: Session, chat_ref: str, lock: bool = False) -> Workshop | None:
    """The most recent workshop bound to a group chat (locked for this transaction if lock)."""
    q = select(Workshop).where(Workshop.chat_ref == chat_ref).order_by(col(Workshop.id).desc())
    if lock:
        q = q.with_for_update()
    return session.exec(q).first()


def workshop_by_code(*, session: Session, code: str) -> Workshop | None:
    """A workshop by its join code."""
    return session.exec(select(Workshop).where(Workshop.join_code == code.strip())).first()


def workshops_of(*, session: Session, person_id: int) -> list[tuple[Workshop, Member]]:
    """A person's workshops, newest first (also those they were removed from)."""
    rows = session.exec(
        select(Workshop, Member).join(Member, col(Member.workshop_id) == col(Workshop.id))
        .where(Member.person_id == person_id).order_by(col(Workshop.id).desc())
    ).all()
    return [(w, m) for w, m in rows]


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


def finish(workshop: Workshop) -> None:
    """Mark the workshop finished."""
    workshop.status = WorkshopStatus.FINISHED
    touch(workshop)


def move_chat(*, session: Session, old_ref: str, new_ref: str) -> int:
    """A chat got a new reference (a group became a supergroup): its workshops follow."""
    moved = 0
    for ws in session.exec(select(Workshop).where(Workshop.chat_ref == old_ref)).all():
        ws.chat_ref = new_ref
        moved += 1
    for card in session.exec(select(ChatCard).where(ChatCard.chat_ref == old_ref)).all():
        session.delete(card)  # the old chat's messages cannot be edited from the new one
    return moved
