"""What closed votes leave behind: dots on pains (for the map) and top-voted ideas to act on."""

from __future__ import annotations

from sqlmodel import Session, col, select

from cjworkflow.storage.models import Action, Entry
from cjworkflow.storage.models_polls import Poll, PollItem, PollKind

# The source_ref of an action made from a voted entry: one action per entry, whoever taps.
ACTION_REF = "vote:{entry}"
TOP = 5


def latest_dots(session: Session, workshop_id: int, subject: str) -> dict[int, int]:
    """Entry or action id -> its dots in the latest closed vote on subject."""
    poll = session.exec(select(Poll).where(
        Poll.workshop_id == workshop_id, Poll.kind == PollKind.VOTE, Poll.subject == subject,
        col(Poll.closed_at).is_not(None)).order_by(col(Poll.closed_at).desc(),
                                                   col(Poll.id).desc())).first()
    if poll is None:
        return {}
    return {r.item_id: r.total for r in session.exec(
        select(PollItem).where(PollItem.poll_id == poll.id)) if r.total}


def offers(session: Session, workshop_id: int) -> list[tuple[Entry, int]]:
    """The top-voted pains and ideas not yet made an action: (entry, dots), most dots first."""
    made = {a.source_ref for a in session.exec(
        select(Action).where(Action.workshop_id == workshop_id,
                             col(Action.source_ref).startswith("vote:")))}
    voted: dict[int, int] = {}
    for subject in ("pains", "ideas"):
        voted.update(latest_dots(session, workshop_id, subject))
    if not voted:
        return []
    entries = {e.id: e for e in session.exec(
        select(Entry).where(Entry.workshop_id == workshop_id, col(Entry.id).in_(list(voted))))}
    ranked = sorted(((entries[i], n) for i, n in voted.items() if i in entries),
                    key=lambda pair: (-pair[1], pair[0].id or 0))
    return [(e, n) for e, n in ranked
            if ACTION_REF.format(entry=e.id) not in made][:TOP]
