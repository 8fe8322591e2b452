"""One-statement lookups for the hot path: who writes, into which workshop, locked.

Each finds a person, a workshop (locked for the transaction; on PostgreSQL with FOR UPDATE OF
workshop) and the membership in a single round trip, so a plain entry costs few statements.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, bindparam, exists
from sqlalchemy import select as sa_select
from sqlmodel import Session, SQLModel, col, select
from sqlmodel.sql.expression import Select

from cjworkflow.storage.models import Member, PendingQuestion, Person, Workshop


def _workshop_with_member(by_id: bool, lock: bool = True) -> Select[Workshop, Member]:
    q = select(Workshop, Member).outerjoin(Member, and_(
        col(Member.workshop_id) == col(Workshop.id),
        col(Member.person_id) == bindparam("person_id")))
    if by_id:
        q = q.where(Workshop.id == bindparam("workshop_id"))
    else:
        q = q.where(Workshop.chat_ref == bindparam("chat_ref")).order_by(col(Workshop.id).desc())
    # OF workshop: PostgreSQL locks the workshop row only (a member may be missing).
    return q.limit(1).with_for_update(of=Workshop) if lock else q.limit(1)


# (by id, locked) -> the statement
_WORKSHOP_WITH_MEMBER = {(by_id, lock): _workshop_with_member(by_id, lock)
                         for by_id in (True, False) for lock in (True, False)}


def lock_workshop_with_member(
    *, session: Session, person_id: int, workshop_id: int | None = None,
    chat_ref: str | None = None, lock: bool = True,
) -> tuple[Workshop | None, Member | None]:
    """A workshop by id (or the newest bound to chat_ref), locked, with person's membership.

    lock=False only reads (views): a reader must not hold a row that writers wait for.
    """
    if workshop_id is not None:
        row = session.exec(_WORKSHOP_WITH_MEMBER[(True, lock)],
                           params={"person_id": person_id, "workshop_id": workshop_id}).first()
    else:
        row = session.exec(_WORKSHOP_WITH_MEMBER[(False, lock)],
                           params={"person_id": person_id, "chat_ref": chat_ref}).first()
    return (row[0], row[1]) if row is not None else (None, None)


_PERSON_IN_CHAT = (
    select(Person, Workshop, Member, exists().where(
        col(PendingQuestion.workshop_id) == col(Workshop.id),
        col(PendingQuestion.member_id) == col(Member.id)))
    .select_from(Workshop)
    .join(Person, col(Person.external_id) == bindparam("external_id"))
    .outerjoin(Member, and_(col(Member.workshop_id) == col(Workshop.id),
                            col(Member.person_id) == col(Person.id)))
    .where(Workshop.chat_ref == bindparam("chat_ref"))
    .order_by(col(Workshop.id).desc()).limit(1)
    .with_for_update(of=Workshop))


_P, _W, _M, _Q = (SQLModel.metadata.tables[name]
                  for name in ("person", "workshop", "member", "pendingquestion"))
# What TextTarget holds, in its order; OF workshop: PostgreSQL locks the workshop row only.
_TEXT_TARGET = (
    sa_select(_P.c.display_name, _P.c.handle, _W.c.id, _W.c.language, _W.c.chat_ref,
              _W.c.current_step, _W.c.status, _W.c.version, _M.c.id,
              exists().where(_Q.c.workshop_id == _W.c.id, _Q.c.member_id == _M.c.id),
              _W.c.focus_stage)
    .select_from(_W)
    .join(_P, _P.c.external_id == bindparam("external_id"))
    .outerjoin(_M, and_(_M.c.workshop_id == _W.c.id, _M.c.person_id == _P.c.id,
                        _M.c.removed_at.is_(None)))
    .where(_W.c.chat_ref == bindparam("chat_ref"))
    .order_by(_W.c.id.desc()).limit(1)
    .with_for_update(of=_W))


@dataclass(frozen=True)
class TextTarget:
    """Plain facts about a person writing in a group chat with a workshop (no ORM objects)."""

    display_name: str
    handle: str | None
    workshop_id: int  # the newest workshop bound to the chat, locked for this transaction
    language: str
    chat_ref: str | None
    current_step: int
    status: str
    version: int
    member_id: int | None  # the person's membership, if they have one and were not removed
    pending: bool  # whether that member has open follow-up questions
    focus_stage: int  # the stage index an element or observation without one goes to
    person_language: str | None = None  # private chats: the person's own language
    private_ok: bool = True  # private chats: whether the bot may already write to them


# A private chat: the person's active workshop instead of the chat's.
_PRIVATE_TARGET = (
    sa_select(_P.c.display_name, _P.c.handle, _W.c.id, _W.c.language, _W.c.chat_ref,
              _W.c.current_step, _W.c.status, _W.c.version, _M.c.id,
              exists().where(_Q.c.workshop_id == _W.c.id, _Q.c.member_id == _M.c.id),
              _W.c.focus_stage, _P.c.language, _P.c.private_chat_ok)
    .select_from(_P)
    .join(_W, _W.c.id == _P.c.active_workshop_id)
    .outerjoin(_M, and_(_M.c.workshop_id == _W.c.id, _M.c.person_id == _P.c.id,
                        _M.c.removed_at.is_(None)))
    .where(_P.c.external_id == bindparam("external_id"))
    .with_for_update(of=_W))


def private_text_target(*, session: Session, external_id: str) -> TextTarget | None:
    """TextTarget for a private chat, in one statement; None without an active workshop."""
    row = session.connection().execute(_PRIVATE_TARGET, {"external_id": external_id}).first()
    return TextTarget(*row) if row is not None else None


def text_target(*, session: Session, external_id: str, chat_ref: str) -> TextTarget | None:
    """TextTarget in one statement; None when the person or the chat's workshop is unknown."""
    row = session.connection().execute(
        _TEXT_TARGET, {"external_id": external_id, "chat_ref": chat_ref}).first()
    return TextTarget(*row) if row is not None else None


_S = SQLModel.metadata.tables["stage"]
_STAGE_ROWS = (sa_select(_S.c.id, _S.c.label).where(_S.c.workshop_id == bindparam("workshop_id"))
               .order_by(_S.c.position))


def stage_rows(*, session: Session, workshop_id: int) -> list[tuple[int, str]]:
    """A workshop's stages in order as (id, label), without ORM objects."""
    rows = session.connection().execute(_STAGE_ROWS, {"workshop_id": workshop_id})
    return [(int(r[0]), str(r[1])) for r in rows]


@dataclass(frozen=True)
class InChat:
    """A known person in a group chat with a workshop: what a group command needs first."""

    person: Person
    workshop: Workshop  # the newest bound to the chat, locked for this transaction
    member: Member | None  # the person's membership, if they have one
    pending: bool  # whether that member has open follow-up questions


def person_in_chat(*, session: Session, external_id: str, chat_ref: str) -> InChat | None:
    """InChat in one statement; None when the person or the chat's workshop is unknown."""
    row = session.exec(_PERSON_IN_CHAT, params={"external_id": external_id,
                                                "chat_ref": chat_ref}).first()
    return InChat(row[0], row[1], row[2], bool(row[3])) if row is not None else None
