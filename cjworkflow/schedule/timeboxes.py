"""Step timeboxes: the one-minute warning, then the end (moving on, or asking to)."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import or_
from sqlmodel import Session, col, select

from cjworkflow.flow import buttons
from cjworkflow.i18n import t
from cjworkflow.messages import Dest, Kind, Reply
from cjworkflow.schedule.ticks import BATCH, locked_workshops
from cjworkflow.storage.models import Workshop, WorkshopStatus

TIMEBOX_WARN = timedelta(minutes=1)
MAX_TIMEBOX_MINUTES = 24 * 60


def claim(session: Session, now: datetime, *, postgres: bool,
              move_on: Callable[[Session, Workshop, datetime], list[Reply]]) -> list[Reply]:
    """The one-minute warning and the end of running timeboxes."""
    q = (select(Workshop).where(
        col(Workshop.timebox_ends_at).is_not(None),
        or_(col(Workshop.timebox_ends_at) <= now,
            ~col(Workshop.timebox_warned) & (col(Workshop.timebox_ends_at) <= now + TIMEBOX_WARN)))
        .order_by(col(Workshop.id)).limit(BATCH))
    out: list[Reply] = []
    for ws in locked_workshops(session, q, postgres):
        ends = ws.timebox_ends_at
        assert ends is not None
        lang, wid = ws.language, ws.id or 0
        if ws.timebox_step != ws.current_step or ws.status == WorkshopStatus.FINISHED:
            clear_timebox(ws)  # the team moved on by hand: the timebox is over
            continue
        if ends > now:
            ws.timebox_warned = True
            out.append(Reply(text=t(lang, "timebox-warning"), dest=Dest.WORKSHOP,
                             chat_ref=ws.chat_ref, lang=lang, workshop_id=wid))
            # The card's "time left" line is refreshed with the warning.
            out.append(Reply(kind=Kind.CARD_EDIT, dest=Dest.WORKSHOP, chat_ref=ws.chat_ref,
                             lang=lang, workshop_id=wid))
            continue
        auto, current = ws.timebox_auto, ws.current_step
        clear_timebox(ws)
        if auto:
            out.append(Reply(text=t(lang, "timebox-ended-auto"), dest=Dest.WORKSHOP,
                             chat_ref=ws.chat_ref, lang=lang, workshop_id=wid))
            out.extend(move_on(session, ws, now))
        else:
            kb = [[buttons.make(t(lang, "btn-timebox-next"), "nx", wid, current)]]
            out.append(Reply(text=t(lang, "timebox-ended-ask"), buttons=kb, dest=Dest.WORKSHOP,
                             chat_ref=ws.chat_ref, lang=lang, workshop_id=wid))
    session.flush()
    return out


def clear_timebox(ws: Workshop) -> None:
    """No timebox running."""
    ws.timebox_ends_at = None
    ws.timebox_step = None
    ws.timebox_auto = False
    ws.timebox_warned = False


def minutes_left(ws: Workshop, now: datetime) -> int | None:
    """Whole minutes left of the current step's timebox (rounded up), or None."""
    if ws.timebox_ends_at is None or ws.timebox_step != ws.current_step:
        return None
    return max(0, math.ceil((ws.timebox_ends_at - now).total_seconds() / 60))
