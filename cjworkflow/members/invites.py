"""Invitations for people named as owners who are not members: they are only names until
they join, so the bot asks them in the workshop's group and tells the facilitators."""

from __future__ import annotations

from sqlmodel import Session

from cjworkflow.i18n import t
from cjworkflow.i18n.fmt import clip
from cjworkflow.messages import Dest, Reply
from cjworkflow.schedule import reminders
from cjworkflow.storage.models import Member, Role, Workshop


def owner_invite(session: Session, ws: Workshop, namer: Member, display: str, link: str, *,
                 mention: bool, lang: str) -> list[Reply]:
    """The invite into ws's group (for an @handle) and the note for the facilitators."""
    replies: list[Reply] = []
    title = clip(ws.title, 100)
    if mention and ws.chat_ref:
        replies.append(Reply(text=t(ws.language, "owner-invite", name=display, title=title,
                                    link=link), dest=Dest.WORKSHOP, chat_ref=ws.chat_ref,
                             lang=ws.language, workshop_id=ws.id))
    key = "owner-not-member-invited" if replies else "owner-not-member"
    if namer.role == Role.FACILITATOR:
        replies.append(Reply(text=t(lang, key, name=display, title=title, link=link),
                             workshop_id=ws.id))
    else:
        replies.extend(reminders.to_facilitators(reminders.people_of(session, ws.id or 0), ws,
                                                 key, name=display, title=title, link=link))
    return replies
