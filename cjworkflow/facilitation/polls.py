"""Dot votes and team estimates as rows: opening, marking, closing (one open poll a workshop).

A vote gives each member some dots to spread over pains, ideas or actions; an estimate asks
each member an impact and an effort per action, hidden from the others until it closes, and
gives each action the team's median. Every mark is a row, so a restart loses none.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import distinct, or_
from sqlmodel import Session, col, func, select

from cjworkflow.errors import UserError
from cjworkflow.members.rules import active
from cjworkflow.storage.models import Action, Entry, EntryKind, Member
from cjworkflow.storage.models_polls import Poll, PollItem, PollKind, PollMark

DEFAULT_DOTS = 3
MAX_DOTS = 10
MAX_VOTE_ITEMS = 20  # two buttons a line: the card keeps under Telegram's 100 buttons
MAX_ESTIMATE_ITEMS = 6  # ten buttons an action
MAX_MINUTES = 24 * 60
DISCUSS_SPREAD = 2  # estimates this many points apart are worth a conversation
SUBJECTS = {"pains": EntryKind.PAIN, "ideas": EntryKind.SOLUTION, "actions": None}


@dataclass(frozen=True)
class Item:
    """A poll's item as shown: its place, id and current text."""

    position: int
    item_id: int
    text: str
    total: int = 0


@dataclass(frozen=True)
class Estimated:
    """An estimate's outcome for one action."""

    title: str
    impact: int | None
    effort: int | None
    count: int
    discuss: bool


def open_poll(session: Session, workshop_id: int) -> Poll | None:
    """The workshop's open vote or estimate, if any."""
    return session.exec(select(Poll).where(Poll.workshop_id == workshop_id,
                                           col(Poll.closed_at).is_(None))
                        .order_by(col(Poll.id).desc())).first()


def candidates(session: Session, workshop_id: int, subject: str) -> list[tuple[int, str]]:
    """What a vote on subject can be about: (id, text), oldest first."""
    kind = SUBJECTS[subject]
    if kind is None:
        return [(a.id or 0, a.title) for a in session.exec(
            select(Action).where(Action.workshop_id == workshop_id).order_by(col(Action.id)))]
    return [(e.id or 0, e.text) for e in session.exec(
        select(Entry).where(Entry.workshop_id == workshop_id, Entry.kind == kind)
        .order_by(col(Entry.id)))]


def unrated(session: Session, workshop_id: int) -> list[int]:
    """Actions without an impact or an effort yet, oldest first."""
    return [a.id or 0 for a in session.exec(
        select(Action).where(Action.workshop_id == workshop_id).order_by(col(Action.id)))
        if a.impact is None or a.effort is None]


def start(session: Session, workshop_id: int, kind: PollKind, subject: str, item_ids: list[int],
          *, dots: int = 0, closes_at: datetime | None = None) -> Poll:
    """Open a poll on item_ids (already bounded); refused while another is open."""
    if open_poll(session, workshop_id) is not None:
        raise UserError("poll-already-open")
    poll = Poll(workshop_id=workshop_id, kind=kind, subject=subject, dots=dots,
                closes_at=closes_at)
    session.add(poll)
    session.flush()
    session.add_all([PollItem(poll_id=poll.id or 0, item_id=i, position=n)
                     for n, i in enumerate(item_ids, 1)])
    session.flush()
    return poll


def items(session: Session, poll: Poll) -> list[Item]:
    """A poll's items with their current text (removed ones left out), in order."""
    rows = session.exec(select(PollItem).where(PollItem.poll_id == poll.id)
                        .order_by(col(PollItem.position))).all()
    ids = [r.item_id for r in rows]
    texts: dict[int, str] = {}
    if ids and poll.subject == "actions":
        texts = {a.id or 0: a.title for a in session.exec(select(Action).where(
            col(Action.id).in_(ids), Action.workshop_id == poll.workshop_id))}
    elif ids:
        texts = {e.id or 0: e.text for e in session.exec(select(Entry).where(
            col(Entry.id).in_(ids), Entry.workshop_id == poll.workshop_id))}
    return [Item(r.position, r.item_id, texts[r.item_id], r.total) for r in rows
            if r.item_id in texts]


def marks(session: Session, poll_id: int, member_id: int | None = None) -> list[PollMark]:
    """A poll's marks (one member's only, when given)."""
    q = select(PollMark).where(PollMark.poll_id == poll_id)
    if member_id is not None:
        q = q.where(PollMark.member_id == member_id)
    return list(session.exec(q.order_by(col(PollMark.id))).all())


def voters(session: Session, poll_id: int) -> int:
    """How many members have marked anything in a poll so far (never who)."""
    return session.exec(select(func.count(distinct(col(PollMark.member_id)))).where(
        PollMark.poll_id == poll_id,
        or_(col(PollMark.dots) > 0, col(PollMark.impact).is_not(None),
            col(PollMark.effort).is_not(None)))).one()


def item_text(session: Session, poll: Poll, item_id: int) -> str:
    """The current text of one of a poll's items ("" once it is gone)."""
    if poll.subject == "actions":
        action = session.get(Action, item_id)
        return action.title if action and action.workshop_id == poll.workshop_id else ""
    entry = session.get(Entry, item_id)
    return entry.text if entry and entry.workshop_id == poll.workshop_id else ""


def pressable(session: Session, workshop_id: int, poll_id: int, member: Member | None,
              item_id: int) -> Poll:
    """The open poll a press is about, checked: open, the member's, the item one of its own."""
    poll = session.get(Poll, poll_id)
    if poll is None or poll.workshop_id != workshop_id:
        raise UserError("button-unknown")
    if poll.closed_at is not None:
        raise UserError("poll-closed")
    if not active(member):
        raise UserError("poll-not-member")
    if session.exec(select(PollItem).where(PollItem.poll_id == poll_id,
                                           PollItem.item_id == item_id)).first() is None:
        raise UserError("button-unknown")
    return poll


def _mark(session: Session, poll_id: int, member_id: int, item_id: int) -> PollMark:
    mark = session.exec(select(PollMark).where(
        PollMark.poll_id == poll_id, PollMark.member_id == member_id,
        PollMark.item_id == item_id)).first()
    if mark is None:
        mark = PollMark(poll_id=poll_id, member_id=member_id, item_id=item_id)
        session.add(mark)
    return mark


def put_dot(session: Session, poll: Poll, member_id: int, item_id: int, delta: int,
            now: datetime) -> tuple[int, int]:
    """Add (delta 1) or take back (-1) a member's dot on an item: (dots on it, dots left)."""
    mine = marks(session, poll.id or 0, member_id)
    spent = sum(m.dots for m in mine)
    mark = next((m for m in mine if m.item_id == item_id), None)
    if delta > 0 and spent >= poll.dots:
        raise UserError("vote-no-dots-left", dots=poll.dots)
    if delta < 0 and (mark is None or mark.dots == 0):
        raise UserError("vote-none-here")
    if mark is None:
        mark = _mark(session, poll.id or 0, member_id, item_id)
    mark.dots += delta
    mark.updated_at = now
    session.flush()
    return mark.dots, poll.dots - spent - delta


def put_estimate(session: Session, poll: Poll, member_id: int, item_id: int, field: str,
                 score: int, now: datetime) -> tuple[int | None, int | None]:
    """Set a member's hidden impact ("i") or effort ("e") for an action: (impact, effort)."""
    if not 1 <= score <= 5 or field not in ("i", "e"):
        raise UserError("button-unknown")
    mark = _mark(session, poll.id or 0, member_id, item_id)
    if field == "i":
        mark.impact = score
    else:
        mark.effort = score
    mark.updated_at = now
    session.flush()
    return mark.impact, mark.effort


def _median(values: list[int]) -> int | None:
    # Half up: the team's 2.5 is a 3 (Python's round() would make it 2).
    return int(statistics.median(values) + 0.5) if values else None


def close(session: Session, poll: Poll, now: datetime) -> list[Item] | list[Estimated]:
    """Close a poll: a vote's ranking, or each action's median (spread flagged "discuss")."""
    poll.closed_at = now
    current = {m.id for m in session.exec(select(Member).where(
        Member.workshop_id == poll.workshop_id)) if active(m)}
    # Only current members count: the marks of someone removed meanwhile are left out.
    counted = [m for m in marks(session, poll.id or 0) if m.member_id in current]
    shown = items(session, poll)
    if poll.kind == PollKind.VOTE:
        totals: dict[int, int] = {}
        for m in counted:
            totals[m.item_id] = totals.get(m.item_id, 0) + m.dots
        for row in session.exec(select(PollItem).where(PollItem.poll_id == poll.id)):
            row.total = totals.get(row.item_id, 0)
        session.flush()
        ranked = [Item(i.position, i.item_id, i.text, totals.get(i.item_id, 0)) for i in shown]
        return sorted(ranked, key=lambda i: (-i.total, i.position))
    out: list[Estimated] = []
    for it in shown:
        mine = [m for m in counted if m.item_id == it.item_id]
        impacts = [m.impact for m in mine if m.impact is not None]
        efforts = [m.effort for m in mine if m.effort is not None]
        action = session.get(Action, it.item_id)
        if action is None or not (impacts or efforts):
            continue
        spread = max((max(v) - min(v) for v in (impacts, efforts) if v), default=0)
        action.impact = _median(impacts) or action.impact
        action.effort = _median(efforts) or action.effort
        action.discuss = spread >= DISCUSS_SPREAD
        action.updated_at = now
        out.append(Estimated(it.text, action.impact, action.effort,
                             len({m.member_id for m in mine}), action.discuss))
    session.flush()
    return out

