"""What /status says about customer responses."""

from __future__ import annotations

from sqlmodel import Session

from cjworkflow.i18n import t
from cjworkflow.storage import surveys
from cjworkflow.storage.models import Workshop


def status_line(session: Session, ws: Workshop, lang: str) -> str | None:
    """/status's line about customer responses; None when there is no survey nor response."""
    count = surveys.response_count(session=session, workshop_id=ws.id or 0)
    link = surveys.open_survey(session=session, workshop_id=ws.id or 0)
    if not count and link is None:
        return None
    return t(lang, "survey-status-open" if link is not None else "survey-status", count=count)
