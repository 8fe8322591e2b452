"""A member's own votes and estimates, for /mydata (/forget erases them with the membership)."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from cjworkflow.storage.models_polls import Poll, PollMark


def marks_of(session: Session, member_ids: list[int],
             titles: dict[int, str]) -> list[dict[str, Any]]:
    """Each dot or estimate of these memberships, with its workshop's title."""
    if not member_ids:
        return []
    rows = session.exec(select(PollMark, Poll).join(Poll, col(Poll.id) == col(PollMark.poll_id))
                        .where(col(PollMark.member_id).in_(member_ids))
                        .order_by(col(PollMark.id))).all()
    return [{"workshop": titles.get(poll.workshop_id), "kind": poll.kind,
             "subject": poll.subject, "item_id": mark.item_id, "dots": mark.dots,
             "impact": mark.impact, "effort": mark.effort,
             "updated_at": mark.updated_at.isoformat()} for mark, poll in rows]
