"""Web links: issue, revoke and look up a workshop by the token of its read-only link."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, delete, select

from cjworkflow.storage.models import WebLink, Workshop
from cjworkflow.web import tokens


def issue(*, session: Session, workshop_id: int, person_id: int | None, now: datetime) -> str:
    """A new token for a web link to the workshop; beyond MAX_LINKS the oldest stops working."""
    token = tokens.new_token()
    session.add(WebLink(workshop_id=workshop_id, token_hash=tokens.token_hash(token),
                        created_by=person_id, created_at=now))
    session.flush()
    ids = session.exec(select(WebLink.id).where(WebLink.workshop_id == workshop_id)
                       .order_by(col(WebLink.id).desc())).all()
    if len(ids) > tokens.MAX_LINKS:
        session.exec(delete(WebLink).where(col(WebLink.id).in_(ids[tokens.MAX_LINKS:])))
    return token


def revoke(*, session: Session, workshop_id: int) -> int:
    """Drop every web link to the workshop; how many there were."""
    ids = session.exec(select(WebLink.id).where(WebLink.workshop_id == workshop_id)).all()
    if ids:
        session.exec(delete(WebLink).where(col(WebLink.workshop_id) == workshop_id))
    return len(ids)


def workshop_for(*, session: Session, token: str) -> Workshop | None:
    """The workshop whose live link carries token; None for a malformed, unknown or revoked
    token (the index finds the row; the hash is compared again in constant time)."""
    if not tokens.well_formed(token):
        return None
    wanted = tokens.token_hash(token)
    link = session.exec(select(WebLink).where(WebLink.token_hash == wanted)).first()
    if link is None or not tokens.matches(link.token_hash, token):
        return None
    return session.get(Workshop, link.workshop_id)
