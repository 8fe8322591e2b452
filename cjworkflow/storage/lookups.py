"""One-statement lookups for the hot path: who writes, into which workshop, locked.

Each finds a person, a workshop (locked for the transaction; on PostgreSQL with FOR UPDATE OF
workshop) and the membership in a single round trip, so a plain entry costs few statements.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, bindparam, exists, text
from sqlalchemy import select as sa_select
from sqlmodel import Session, SQLModel, col, select
from sqlmodel.sql.expression import Select

from cjworkflow.limits import MAX_ENTRIES, room
from cjworkflow.messages import Command
from cjworkflow.storage.models import Member, PendingQuestion, Person, Workshop, WorkshopStatus


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


@dataclass(frozen=True)
class TextTarget:
    """Plain facts about a person writing a line into a workshop (no ORM objects)."""

    display_name: str
    handle: str | None
    workshop_id: int  # the workshop written into, locked for this transaction
    language: str
    chat_ref: str | None
    current_step: int
    status: str
    version: int
    member_id: int | None  # the person's membership, if they have one and were not removed
    pending: bool  # whether that member has open follow-up questions
    focus_stage: int  # the stage index an element or observation without one goes to
    person_language: str | None
    private_ok: bool  # whether the bot may already write to them privately
    entries: int  # the workshop's entries, when counted (-1: an earlier count vouches for room)
    fast: bool  # whether GUARD holds: the line may take the entry's fast path


# Who may take an entry's fast path (the hot path, the batch and PostgreSQL's one statement
# alike), each condition once, on TARGET's row a. The Python paths read the result from the
# look-up's `fast` column, the one statement from the same column in its WITH: one guard.
# (That the line is a plain entry of the current step is the step's parser's to say.)
GUARD = (
    "a.mid IS NOT NULL",  # a member who was not removed
    "NOT a.pending",  # no open follow-up question (nor, privately, a survey being answered)
    "(:name = '' OR a.display_name = :name)",  # name and handle unchanged
    "(:handle = '' OR a.handle = :handle)",
    "a.status <> :finished",  # a running workshop
    "a.cnt < :max_entries",  # room under the entry cap
)

# The writer, their workshop (locked) and membership in one statement. The entry cap costs a
# count only when no earlier count vouches for room (cjworkflow.limits.room).
_TARGET = """SELECT a.*, CASE WHEN {guard} THEN 1 ELSE 0 END AS fast FROM (
    SELECT p.display_name, p.handle, w.id AS wid, w.language AS wlang, w.chat_ref AS wchat,
           w.current_step AS step, w.status, w.version AS ver, m.id AS mid,
           (EXISTS (SELECT 1 FROM pendingquestion q
                    WHERE q.workshop_id = w.id AND q.member_id = m.id){answering}) AS pending,
           w.focus_stage AS focus, p.language AS plang, p.private_chat_ok AS pok,
           CASE WHEN w.id = :cap_wid AND w.version BETWEEN :cap_low AND :cap_high THEN -1
                ELSE (SELECT count(*) FROM entry c WHERE c.workshop_id = w.id) END AS cnt
    FROM person p
    JOIN workshop w ON {workshop}
    LEFT JOIN member m ON m.workshop_id = w.id AND m.person_id = p.id AND m.removed_at IS NULL
    WHERE p.external_id = :external_id{lock}) AS a"""
# A group's newest workshop; in a private chat the person's active one, once they may be
# written to there.
_GROUP = "w.id = (SELECT id FROM workshop WHERE chat_ref = :chat_ref ORDER BY id DESC LIMIT 1)"
_PRIVATE = "w.id = p.active_workshop_id AND p.private_chat_ok"
# In a private chat a customer's survey may be listening (cjworkflow.voice.survey): their line
# is its answer, so the general path takes it (which checks the time).
_ANSWERING = (" OR EXISTS (SELECT 1 FROM surveyresponse r"
              " WHERE r.respondent_id = p.id AND r.listening_until IS NOT NULL)")


def target_sql(*, private: bool, postgres: bool) -> str:
    """TARGET's SQL for a private or group chat (OF w: PostgreSQL locks the workshop only)."""
    return _TARGET.format(guard=" AND ".join(GUARD), workshop=_PRIVATE if private else _GROUP,
                          answering=_ANSWERING if private else "",
                          lock=" FOR UPDATE OF w" if postgres else "")


_TARGETS = {(private, postgres): text(target_sql(private=private, postgres=postgres))
            for private in (True, False) for postgres in (True, False)}


def writer_key(cmd: Command) -> str:
    """Who writes where: the look-up's workshop follows from it (room is vouched by it)."""
    return f"p:{cmd.actor.external_id}" if cmd.private else f"g:{cmd.chat_ref}"


def target_params(session: Session, cmd: Command) -> dict[str, Any]:
    """The parameters of TARGET (and GUARD) for cmd's writer."""
    cap_wid, cap_low, cap_high = room.vouched_for(session, writer_key(cmd))
    return {"external_id": cmd.actor.external_id, "chat_ref": cmd.chat_ref,
            "finished": str(WorkshopStatus.FINISHED),
            "name": (cmd.actor.display_name or "")[:128], "handle": (cmd.actor.handle or "")[:64],
            "max_entries": MAX_ENTRIES, "cap_wid": cap_wid, "cap_low": cap_low,
            "cap_high": cap_high}


def found_target(session: Session, cmd: Command, row: Sequence[Any]) -> TextTarget:
    """TextTarget from TARGET's columns (row's first ones); a count is remembered."""
    values = [*row[:13], int(row[13]), bool(row[14])]
    at = TextTarget(*values)
    if at.entries >= 0:
        room.counted(session, at.workshop_id, at.version, at.entries, writer_key(cmd))
    return at


def text_target(*, session: Session, cmd: Command, postgres: bool) -> TextTarget | None:
    """TextTarget for cmd's writer in one statement; None when the person or the workshop
    is unknown (or a private chat may not be written to yet)."""
    row = session.connection().execute(_TARGETS[cmd.private, postgres],
                                       target_params(session, cmd)).first()
    return found_target(session, cmd, row) if row is not None else None


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
