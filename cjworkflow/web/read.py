"""What the web view reads: a workshop by its link's token, by a member, and its version.

Each function opens its own read-only session (call them off the event loop, in a thread).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, time

from sqlalchemy.engine import Engine
from sqlmodel import col, select

from cjworkflow.snapshot import WorkshopSnapshot
from cjworkflow.storage import persons, weblinks
from cjworkflow.storage.db import reading
from cjworkflow.storage.models import Action, Member, Role, Workshop
from cjworkflow.storage.readmodel import build_snapshot


def public(snap: WorkshopSnapshot, *, anonymous: bool) -> WorkshopSnapshot:
    """The snapshot as the web may show it: in anonymous mode without any person's name."""
    if not anonymous:
        return snap
    return replace(snap, members=(), actions=tuple(
        replace(a, owner=None, owner_name=None) for a in snap.actions))


def anonymous(ws: Workshop) -> bool:
    """Whether the workshop hides who wrote what (/anonymous): the one place the web asks."""
    return ws.anonymous


def snapshot_for_token(db: Engine, token: str) -> WorkshopSnapshot | None:
    """The public snapshot of the workshop whose live link carries token, or None."""
    with reading(db) as session:
        ws = weblinks.workshop_for(session=session, token=token)
        if ws is None:
            return None
        return public(build_snapshot(session=session, workshop=ws), anonymous=anonymous(ws))


def versions(db: Engine, workshop_ids: list[int]) -> dict[int, int]:
    """Workshop id -> version, for the ids that still exist (one query for all open pages)."""
    if not workshop_ids:
        return {}
    with reading(db) as session:
        rows = session.exec(select(Workshop.id, Workshop.version)
                            .where(col(Workshop.id).in_(workshop_ids))).all()
        return {wid or 0: version for wid, version in rows}


@dataclass(frozen=True)
class MyAction:
    """One of a person's own actions, as the Mini App lists it."""

    id: int
    title: str
    due_date: date | None
    due_time: time | None
    status: str


@dataclass(frozen=True)
class MyWorkshop:
    """A workshop the person is in, with their own open actions."""

    id: int
    title: str
    language: str
    version: int
    actions: tuple[MyAction, ...]


def my_workshops(db: Engine, external_id: str) -> list[MyWorkshop]:
    """The person's current workshops (not those they left or were removed from), newest
    first, each with the actions they own."""
    out: list[MyWorkshop] = []
    with reading(db) as session:
        person = persons.person_by_external_id(session=session, external_id=external_id)
        if person is None:
            return out
        for ws, member in persons.workshops_of(session=session, person_id=person.id or 0):
            if member.removed_at is not None or member.role == Role.NAME:
                continue
            owned = session.exec(select(Action).where(Action.workshop_id == ws.id,
                                                      Action.owner_id == member.id)
                                 .order_by(col(Action.id))).all()
            out.append(MyWorkshop(ws.id or 0, ws.title, ws.language, ws.version, tuple(
                MyAction(a.id or 0, a.title, a.due_date, a.due_time, a.status) for a in owned)))
    return out


def member_snapshot(db: Engine, external_id: str, workshop_id: int) -> WorkshopSnapshot | None:
    """The public snapshot of a workshop the person is a current member of, else None."""
    with reading(db) as session:
        person = persons.person_by_external_id(session=session, external_id=external_id)
        ws = session.get(Workshop, workshop_id)
        if person is None or ws is None:
            return None
        member: Member | None = persons.member_of(session=session, workshop_id=workshop_id,
                                                  person_id=person.id or 0)
        if member is None or member.removed_at is not None or member.role == Role.NAME:
            return None
        return public(build_snapshot(session=session, workshop=ws), anonymous=anonymous(ws))



def locate(db: Engine, token: str) -> tuple[int, int] | None:
    """(workshop id, version) behind a live link, or None: one cheap look-up, so an open page
    notices both a change and a revoked link."""
    with reading(db) as session:
        ws = weblinks.workshop_for(session=session, token=token)
        return None if ws is None else (ws.id or 0, ws.version)
