"""What /status says about customer responses."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from cjworkflow.i18n import t
from cjworkflow.storage import rounds, surveys
from cjworkflow.storage.models import Workshop


def status_line(session: Session, ws: Workshop, lang: str) -> str | None:
    """/status's line about customer responses; None when there is no survey nor response."""
    wid = ws.id or 0
    number = rounds.current(session=session, workshop_id=wid)
    count = surveys.response_count(session=session, workshop_id=wid, round_=number)
    link = surveys.open_survey(session=session, workshop_id=wid)
    lines = [t(lang, "round-status", number=number)] if number > 1 else []
    if count or link is not None:
        lines.append(t(lang, "survey-status-open" if link is not None else "survey-status",
                       count=count))
    return "\n".join(lines) or None


def finish_hint(session: Session, ws: Workshop, lang: str) -> str:
    """What the finish message suggests next: ask customers (or how many did)."""
    wid = ws.id or 0
    count = surveys.response_count(session=session, workshop_id=wid,
                                   round_=rounds.current(session=session, workshop_id=wid))
    said = (t(lang, "survey-finish-count", count=count)
            if surveys.open_survey(session=session, workshop_id=wid) is not None or count
            else t(lang, "survey-finish-hint"))
    return said + "\n" + t(lang, "round-finish-hint")


def digest_line(session: Session, ws: Workshop, since: datetime) -> str | None:
    """The weekly digest's line about customer responses that came in since; None if none."""
    new = surveys.responses_since(session=session, workshop_id=ws.id or 0, since=since)
    if not new:
        return None
    total = surveys.response_count(session=session, workshop_id=ws.id or 0)
    return t(ws.language, "survey-digest", count=new, total=total)
