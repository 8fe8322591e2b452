"""Repository functions of people (by transport identity) and their memberships of
workshops: keyword-only, each taking the caller's session (its transaction)."""

from __future__ import annotations

from sqlalchemy import bindparam
from sqlmodel import Session, col, select

from cjworkflow.limits.room import check_members
from cjworkflow.messages import Actor
from cjworkflow.storage.models import Member, Person, Role, Workshop

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


def workshops_of(*, session: Session, person_id: int) -> list[tuple[Workshop, Member]]:
    """A person's workshops, newest first (also those they were removed from)."""
    rows = session.exec(
        select(Workshop, Member).join(Member, col(Member.workshop_id) == col(Workshop.id))
        .where(Member.person_id == person_id).order_by(col(Workshop.id).desc())
    ).all()
    return [(w, m) for w, m in rows]
