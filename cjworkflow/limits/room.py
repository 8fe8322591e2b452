"""Whether a workshop has room for more entries, actions or members, counted in the database."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from sqlalchemy import func
from sqlmodel import Session, select

from cjworkflow.errors import UserError
from cjworkflow.limits import MAX_ACTIONS, MAX_ENTRIES, MAX_MEMBERS
from cjworkflow.models import Action, Entry, Member


def _count(session: Session, table: type[Entry] | type[Action] | type[Member],
           workshop_id: int) -> int:
    # The (workshop_id, ...) unique indexes make this an index-only count.
    return int(session.exec(select(func.count()).select_from(table)
                            .where(table.workshop_id == workshop_id)).one())


def entries_left(session: Session, workshop_id: int) -> int:
    """How many more entries the workshop may hold."""
    return MAX_ENTRIES - _count(session, Entry, workshop_id)


def check_members(session: Session, workshop_id: int) -> None:
    """UserError when the workshop already has as many members as it may."""
    if _count(session, Member, workshop_id) >= MAX_MEMBERS:
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
