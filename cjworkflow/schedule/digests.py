"""Weekly digests: done, open, overdue and blocked actions by owner, sent to a group."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import or_
from sqlmodel import Session, col, select

from cjworkflow.i18n import t
from cjworkflow.i18n.fmt import clip
from cjworkflow.messages import Dest, Reply
from cjworkflow.schedule.reminders import is_overdue, people_of
from cjworkflow.schedule.ticks import BATCH, locked_workshops
from cjworkflow.storage import store
from cjworkflow.storage.models import ActionStatus, Workshop
from cjworkflow.voice.status import digest_line

DIGEST_EVERY = timedelta(days=7)


def claim(session: Session, now: datetime, *, postgres: bool) -> list[Reply]:
    """Weekly digests for group workshops whose last one (or creation) is 7 days old."""
    cutoff = now - DIGEST_EVERY
    q = (select(Workshop).where(
        col(Workshop.digest_enabled), col(Workshop.chat_ref).is_not(None),
        or_(col(Workshop.last_digest_at) <= cutoff,
            col(Workshop.last_digest_at).is_(None) & (col(Workshop.created_at) <= cutoff)))
        .order_by(col(Workshop.id)).limit(BATCH))
    out: list[Reply] = []
    for ws in locked_workshops(session, q, postgres):
        since = ws.last_digest_at or ws.created_at
        ws.last_digest_at = now
        text = digest_text(session, ws, now)
        if (news := digest_line(session, ws, since)) is not None:
            text = (text or t(ws.language, "digest-head", title=clip(ws.title, 100))) \
                + "\n" + news
        if text is not None:
            out.append(Reply(text=text, dest=Dest.WORKSHOP, chat_ref=ws.chat_ref,
                             lang=ws.language, workshop_id=ws.id))
    session.flush()
    return out


def digest_text(session: Session, ws: Workshop, now: datetime) -> str | None:
    """Done, open, overdue and blocked actions by owner; None without actions."""
    actions = store.actions(session=session, workshop_id=ws.id or 0)
    if not actions:
        return None
    people = people_of(session, ws.id or 0)
    lang = ws.language
    counts: dict[str, dict[str, int]] = {}
    for a in actions:
        owner = people.name(a.owner_id) if a.owner_id else t(lang, "card-no-owner")
        c = counts.setdefault(owner, {"done": 0, "open": 0, "overdue": 0, "blocked": 0})
        if a.status == ActionStatus.DONE:
            c["done"] += 1
        elif a.status == ActionStatus.BLOCKED:
            c["blocked"] += 1
        elif is_overdue(a, ws.timezone, now):
            c["overdue"] += 1
        else:
            c["open"] += 1
    lines = [t(lang, "digest-head", title=clip(ws.title, 100))]
    for owner in sorted(counts, key=str.casefold):
        lines.append(t(lang, "digest-owner", owner=owner, **counts[owner]))
    return "\n".join(lines)
