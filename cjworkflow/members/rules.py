"""The trust model's rules, enforced where every command enters a workshop.

A person becomes a member only by taking part in the workshop's own group or through its
join link or code. A named owner who never joined is a NAME: a member row whose person has
no transport identity, so nobody can act as it. Someone who left the group (LEFT) is a member
again when they take part in it again; someone a facilitator removed (KICKED) only through
the join link or code. What a removed person wrote stays; nothing they send later is stored.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.engine import Engine as DbEngine
from sqlmodel import Session, col, func, select

from cjworkflow.errors import UserError
from cjworkflow.reading import parsing
from cjworkflow.storage import entry_sql, persons
from cjworkflow.storage.db import transaction
from cjworkflow.storage.models import (
    Action,
    EmotionScore,
    Entry,
    Member,
    PendingQuestion,
    Person,
    Removal,
    Role,
    Workshop,
)


def active(member: Member | None) -> bool:
    """Whether member is a real, current member (not a name, not removed)."""
    return member is not None and member.role != Role.NAME and member.removed_at is None


def entering(session: Session, ws: Workshop, person: Person, member: Member | None, *,
             in_group: bool, writes: bool, required: bool = True) -> Member | None:
    """The membership a command acts with once it reached ws (resolve()'s membership rule).

    In ws's own group a newcomer is registered on their first write and someone who left is
    let in again; a kicked person may only read there. Anywhere else only members get in
    (a command that does without a workshop, like /help or /lang, goes on without one).
    """
    if member is not None and not active(member):
        if not in_group:
            if required:
                raise UserError("member-removed")
            return None
        if member.removal == Removal.KICKED and writes:
            raise UserError("member-kicked")
        if not writes:
            return None  # reads what the group sees anyway, as a guest
        readmit(member)
        relink(session, ws.id or 0, member, person)
        return member
    if member is None:
        if not in_group:
            raise UserError("not-member")
        if writes:
            member = admit(session, ws.id or 0, person)
    return member


def admit(session: Session, workshop_id: int, person: Person) -> Member:
    """Make person a member (or one again), taking over the actions of their NAME."""
    member = persons.add_member(session=session, workshop_id=workshop_id,
                                person_id=person.id or 0)
    if member.removed_at is not None:
        readmit(member)
    relink(session, workshop_id, member, person)
    return member


def readmit(member: Member) -> None:
    """A removed member is one again."""
    member.removed_at, member.removal = None, None


def relink(session: Session, workshop_id: int, member: Member, person: Person) -> int:
    """Give member the actions owned by the NAME "@<their Telegram username>"; how many."""
    if not person.handle:
        return 0
    moved = 0
    for name in names(session, workshop_id, "@" + person.handle):
        for action in session.exec(select(Action).where(Action.owner_id == name.id)).all():
            action.owner_id = member.id
            moved += 1
        session.flush()
        if not _authored(session, name.id or 0):
            name_person = session.get(Person, name.person_id)
            session.delete(name)
            if name_person is not None and name_person.external_id is None:
                session.delete(name_person)
    if moved:
        session.flush()
    return moved


def _authored(session: Session, member_id: int) -> bool:
    """Whether a member row is still the author of anything (then it stays, as a name)."""
    return any(session.exec(select(model.id).where(column == member_id)).first() is not None
               for model, column in ((Entry, Entry.author_id), (Action, Action.author_id),
                                     (EmotionScore, EmotionScore.member_id),
                                     (Action, Action.owner_id)))


def names(session: Session, workshop_id: int, display: str) -> list[Member]:
    """The NAME rows of a workshop shown as display (case-insensitive)."""
    return list(session.exec(
        select(Member).join(Person, col(Person.id) == col(Member.person_id))
        .where(Member.workshop_id == workshop_id, Member.role == Role.NAME,
               func.lower(Person.display_name) == display.lower())
        .order_by(col(Member.id))).all())


def name_member(session: Session, workshop_id: int, display: str) -> tuple[Member, bool]:
    """The workshop's NAME row for display, made if missing; whether it is new."""
    found = names(session, workshop_id, display)
    if found:
        return found[0], False
    person = Person(display_name=display[:128])  # no external id, no handle: nobody's
    session.add(person)
    session.flush()
    member = Member(workshop_id=workshop_id, person_id=person.id or 0, role=Role.NAME)
    session.add(member)
    session.flush()
    return member, True


def find(session: Session, workshop_id: int, *, handle: str | None, name: str | None,
         removed: bool = False) -> list[Member]:
    """This workshop's current members (with removed: also those who left or were removed)
    named by @handle (their Telegram username) or whose name starts with name."""
    if handle:
        q = (select(Member).join(Person, col(Person.id) == col(Member.person_id))
             .where(Member.workshop_id == workshop_id, Member.role != Role.NAME,
                    func.lower(Person.handle) == handle.lstrip("@").lower()))
        if not removed:
            q = q.where(col(Member.removed_at).is_(None))
        return list(session.exec(q.order_by(col(Member.id))).all())
    rows = [(m, p) for m, p in persons.members_with_people(session=session,
                                                            workshop_id=workshop_id)
            if active(m) or (removed and m.role != Role.NAME)]
    start = parsing.normalise(name or "")
    if not start:
        return []
    exact = [m for m, p in rows if parsing.normalise(p.display_name) == start]
    return exact or [m for m, p in rows if parsing.normalise(p.display_name).startswith(start)]


def remove(session: Session, member: Member, how: Removal, now: datetime) -> None:
    """End a membership: no access, nothing new stored, open follow-ups dropped."""
    if member.removal == Removal.KICKED and how == Removal.LEFT:
        return  # leaving the group does not soften a kick
    member.removed_at, member.removal = now, how
    for q in session.exec(select(PendingQuestion).where(
            PendingQuestion.member_id == member.id)).all():
        session.delete(q)


def left_group(db: DbEngine, chat_ref: str, person_ref: str, now: datetime, *,
               receipt_key: str | None = None) -> int:
    """A person left (or was removed from) a group: they stop being a member of the group's
    workshops; how many memberships ended."""
    with transaction(db) as session:
        if receipt_key and not entry_sql.claim_receipt(session=session, key=receipt_key):
            return 0
        person = persons.person_by_external_id(session=session, external_id=person_ref)
        if person is None:
            return 0
        rows = session.exec(select(Member)
                            .join(Workshop, col(Workshop.id) == col(Member.workshop_id))
                            .where(Workshop.chat_ref == chat_ref, Member.person_id == person.id,
                                   col(Member.removed_at).is_(None))).all()
        for member in rows:
            remove(session, member, Removal.LEFT, now)
        return len(rows)
