"""Whether a workshop has room for more entries, actions or members, counted in the database."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from sqlalchemy import func
from sqlmodel import Session, select

from cjworkflow.errors import UserError
from cjworkflow.limits import MAX_ACTIONS, MAX_ENTRIES, MAX_LINES, MAX_MEMBERS
from cjworkflow.storage.models import Action, Entry, Member, Role


def _count(session: Session, table: type[Entry] | type[Action] | type[Member],
           workshop_id: int) -> int:
    # The (workshop_id, ...) unique indexes make this an index-only count.
    return int(session.exec(select(func.count()).select_from(table)
                            .where(table.workshop_id == workshop_id)).one())


def entries_left(session: Session, workshop_id: int) -> int:
    """How many more entries the workshop may hold."""
    return MAX_ENTRIES - _count(session, Entry, workshop_id)


# The hot paths must not count a workshop's entries for every line (a count costs 0.1-2 ms,
# an entry ~1 ms in all). Every change that adds entries bumps the workshop's version once
# and adds at most MAX_LINES, so a count at version v0 vouches for room up to a later
# version: entries(v) <= entries(v0) + (v - v0) * MAX_LINES. Per process, by database and
# workshop id (and by the chat or person that last wrote into it): (version counted at,
# highest version vouched for).
_VOUCHED: dict[tuple[str, int], tuple[int, int]] = {}
_WORKSHOP_OF: dict[tuple[str, str], int] = {}
_MEMORY = 4096  # workshops remembered; beyond that the memory starts over


def _database(session: Session) -> str:
    # Several databases may share a process (tests, the CLI): ids repeat across them.
    return str(session.get_bind().engine.url)


def vouched_for(session: Session, key: str) -> tuple[int, int, int]:
    """(workshop id, lowest, highest version) vouched for the workshop key last wrote into;
    (0, 1, 0) when nothing is known (no version lies in that range)."""
    db = _database(session)
    workshop_id = _WORKSHOP_OF.get((db, key), 0)
    low, high = _VOUCHED.get((db, workshop_id), (1, 0))
    return workshop_id, low, high


def counted(session: Session, workshop_id: int, version: int, entries: int,
            key: str | None = None) -> None:
    """Remember that the workshop held entries at version (and that key writes into it)."""
    if len(_VOUCHED) >= _MEMORY or len(_WORKSHOP_OF) >= _MEMORY:
        _VOUCHED.clear()
        _WORKSHOP_OF.clear()
    db = _database(session)
    _VOUCHED[db, workshop_id] = (version, version + (MAX_ENTRIES - 1 - entries) // MAX_LINES)
    if key is not None:
        _WORKSHOP_OF[db, key] = workshop_id


def check_members(session: Session, workshop_id: int) -> None:
    """UserError when the workshop already has as many members as it may."""
    people = session.exec(select(func.count()).select_from(Member).where(
        Member.workshop_id == workshop_id, Member.role != Role.NAME)).one()
    if people >= MAX_MEMBERS:
        raise UserError("limit-members", max=MAX_MEMBERS)


@dataclass
class Room:
    """What one message may still add to its workshop: counted when first needed, then spent
    line by line (one count per message, not one per line)."""

    # The refusals that mean the workshop is full, not that a line is wrong.
    FULL: ClassVar[frozenset[str]] = frozenset({"limit-entries", "limit-actions"})

    session: Session
    workshop_id: int
    entries: int | None = None
    actions: int | None = None

    def take_entry(self) -> None:
        """Spend room for one entry; UserError when the workshop is full."""
        if self.entries is None:
            self.entries = entries_left(self.session, self.workshop_id)
        if self.entries <= 0:
            raise UserError("limit-entries", max=MAX_ENTRIES)
        self.entries -= 1

    def take_action(self) -> None:
        """Spend room for one action; UserError when the workshop has all it may."""
        if self.actions is None:
            self.actions = MAX_ACTIONS - _count(self.session, Action, self.workshop_id)
        if self.actions <= 0:
            raise UserError("limit-actions", max=MAX_ACTIONS)
        self.actions -= 1
