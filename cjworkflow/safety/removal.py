"""Removing an entry safely: the person confirms the text they mean, and /undo puts it back.

A number on a card can point at another entry by the time /remove arrives (someone added or
removed one in between), so /remove only asks, showing the entry's text, and the button that
confirms carries the entry's id. What is removed stays in this process's memory for a while
(Trash), with every column, so /undo restores it in its place: same text, kind, stage,
author, owner and deadline.
"""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from weakref import WeakKeyDictionary

from sqlmodel import Session, col, select

from cjworkflow.errors import UserError
from cjworkflow.flow import buttons, cards
from cjworkflow.i18n import t
from cjworkflow.i18n.fmt import clip
from cjworkflow.messages import Button
from cjworkflow.reading import parsing
from cjworkflow.storage import store
from cjworkflow.storage.models import Action, Entry, Member, Role, Stage, Workshop

UNDO_WINDOW = timedelta(hours=2)  # a workshop's length: undo is for the same sitting
PER_PERSON = 10  # removals a person can take back, newest first
# The button's code for each kind of row: rm:<workshop>:<e|a>:<id>.
CODES: dict[str, type[Entry] | type[Action]] = {"e": Entry, "a": Action}

Row = Entry | Action


@dataclass(frozen=True)
class Removed:
    """A removed row's columns, and what the person's newest own row was after removing it."""

    model: type[Entry] | type[Action]
    values: dict[str, Any]
    removed_at: datetime
    # When the remover's newest own entry or action was written, once this one was gone:
    # /undo first takes back whatever that person wrote after the removal.
    newest_after: datetime | None

    @property
    def text(self) -> str:
        """The removed row's text, short."""
        return clip(str(self.values.get("title") or self.values.get("text") or ""), 80)


class Trash:
    """Recently removed rows per workshop and person; bounded in number and in time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: dict[tuple[int, int], deque[Removed]] = {}

    def put(self, workshop_id: int, person_id: int, removed: Removed) -> None:
        """Keep removed for the person, replacing an earlier copy of the same row."""
        with self._lock:
            self._prune(removed.removed_at)
            items = self._items.setdefault((workshop_id, person_id), deque(maxlen=PER_PERSON))
            same = [r for r in items if _key(r) == _key(removed)]
            for r in same:  # a retried transaction removed it twice: keep one copy
                items.remove(r)
            items.append(removed)

    def last(self, workshop_id: int, person_id: int, now: datetime) -> Removed | None:
        """The person's most recent removal still in the window, or None."""
        with self._lock:
            self._prune(now)
            items = self._items.get((workshop_id, person_id))
            return items[-1] if items else None

    def drop(self, workshop_id: int, person_id: int, removed: Removed) -> None:
        """Forget removed (it was restored, or it is back by another way)."""
        with self._lock:
            items = self._items.get((workshop_id, person_id))
            if items and removed in items:
                items.remove(removed)
                if not items:
                    del self._items[(workshop_id, person_id)]

    def _prune(self, now: datetime) -> None:
        for key in list(self._items):
            items = self._items[key]
            while items and now - items[0].removed_at > UNDO_WINDOW:
                items.popleft()
            if not items:
                del self._items[key]


def _key(removed: Removed) -> tuple[str, object]:
    return removed.model.__name__, removed.values.get("source_ref")


_TRASHES: WeakKeyDictionary[object, Trash] = WeakKeyDictionary()
_TRASHES_LOCK = threading.Lock()


def trash_of(owner: object) -> Trash:
    """The trash of one workshop engine (created on first use, gone with the engine)."""
    with _TRASHES_LOCK:
        trash = _TRASHES.get(owner)
        if trash is None:
            trash = _TRASHES[owner] = Trash()
        return trash


def pick(session: Session, ws: Workshop, lang: str, text: str) -> cards.Item:
    """The card's item numbered text, as the card numbers it now; a UserError otherwise."""
    number = text.strip().lstrip("#")
    listed = cards.items(session, ws, lang)
    if not listed:
        raise UserError("remove-nothing")
    if not parsing.is_number(number) or not 1 <= int(number) <= len(listed):
        raise UserError("remove-number", count=len(listed))
    return listed[int(number) - 1]


def check_may_remove(member: Member | None, row: Row) -> None:
    """Its author or a facilitator may remove a row; anyone else gets 'remove-not-yours'."""
    if member is not None and (member.role == Role.FACILITATOR or row.author_id == member.id):
        return
    raise UserError("remove-not-yours")


def confirm_button(lang: str, ws_id: int, row: Row) -> Button:
    """The button that removes exactly this row, whatever the numbering is by then."""
    code = "a" if isinstance(row, Action) else "e"
    return buttons.make(t(lang, "btn-remove"), "rm", ws_id, code, row.id or 0)


def pressed_row(session: Session, ws: Workshop, pressed: buttons.Pressed) -> Row:
    """The row a remove button names; 'remove-gone' when it is no longer there."""
    code = pressed.args[0] if pressed.args else ""
    if code not in CODES:
        raise UserError("button-unknown")
    row: Row | None = (session.get(Action, pressed.int_arg(1)) if code == "a"
                       else session.get(Entry, pressed.int_arg(1)))
    if row is None or row.workshop_id != ws.id:
        raise UserError("remove-gone")
    return row


def mine_last(session: Session, workshop_id: int, member_id: int | None) -> Row | None:
    """The member's most recent own entry or action in the workshop."""
    e = session.exec(select(Entry).where(Entry.workshop_id == workshop_id,
                                         Entry.author_id == member_id)
                     .order_by(col(Entry.created_at).desc(), col(Entry.id).desc())).first()
    a = session.exec(select(Action).where(Action.workshop_id == workshop_id,
                                          Action.author_id == member_id)
                     .order_by(col(Action.created_at).desc(), col(Action.id).desc())).first()
    if e is None or a is None:
        return e or a
    return e if e.created_at >= a.created_at else a


def delete(session: Session, ws: Workshop, row: Row) -> str:
    """Delete row with what hangs on it (open follow-ups; reminders cascade); its short text."""
    prefix = "action_" if isinstance(row, Action) else "touchpoint_"
    store.drop_pending_for_target(session=session, field_prefix=prefix, target_id=row.id or 0)
    text = row.title if isinstance(row, Action) else row.text
    session.delete(row)
    store.touch(ws)
    return clip(text, 80)


def remove(session: Session, ws: Workshop, row: Row, *, member: Member | None, now: datetime,
           trash: Trash, person_id: int) -> Removed:
    """Delete row and keep its columns in trash, so that the remover can /undo it."""
    values = row.model_dump()
    removed_model = type(row)
    delete(session, ws, row)
    session.flush()
    member_id = member.id if member else None
    newest = mine_last(session, ws.id or 0, member_id)
    removed = Removed(removed_model, values, now, newest.created_at if newest else None)
    trash.put(ws.id or 0, person_id, removed)
    return removed


def undoable(session: Session, ws: Workshop, member: Member | None, trash: Trash,
             person_id: int, now: datetime) -> Removed | None:
    """The removal /undo should take back: the last one, unless the person wrote since."""
    removed = trash.last(ws.id or 0, person_id, now)
    if removed is None:
        return None
    newest = mine_last(session, ws.id or 0, member.id if member else None)
    if newest is None:
        return removed
    # Written after the removal: that comes first. (An older row may be the newest now
    # because someone else removed a later one: that is no reason to refuse the undo.)
    written_since = removed.newest_after is None or newest.created_at > removed.newest_after
    return None if written_since else removed


def restore(session: Session, ws: Workshop, removed: Removed) -> Row | None:
    """Put a removed row back with all its columns (its id too when free); None when it is
    already back. Links to a stage or member that is gone since are left empty."""
    model, values = removed.model, dict(removed.values)
    present = session.exec(select(model).where(model.workshop_id == ws.id,
                                               model.source_ref == values["source_ref"])).first()
    if present is not None:
        return None
    if values.get("id") is not None and session.get(model, values["id"]) is not None:
        values["id"] = None  # SQLite gave the id to a newer row: the entry goes last
    if values.get("stage_id") is not None and session.get(Stage, values["stage_id"]) is None:
        values["stage_id"] = None
    for link in ("author_id", "owner_id"):
        if values.get(link) is not None and session.get(Member, values[link]) is None:
            values[link] = None
    # An action's goal or an observation's persona removed since: the link goes too.
    for link in ("goal_id", "persona_id"):
        if values.get(link) is not None and session.get(Entry, values[link]) is None:
            values[link] = None
    row = model(**values)
    session.add(row)
    store.touch(ws)
    session.flush()
    return row
