"""Which message is a workshop's living step card in each chat (group or private)."""

from __future__ import annotations

from sqlmodel import Session

from cjworkflow.storage.models import ChatCard, utcnow


def card_message(*, session: Session, chat_ref: str, workshop_id: int) -> str | None:
    """The message that is the workshop's living card in a chat, if any."""
    row = session.get(ChatCard, (chat_ref, workshop_id))
    return row.message_ref if row else None


def set_card_message(*, session: Session, chat_ref: str, workshop_id: int,
                     message_ref: str) -> None:
    """Remember the message that is now the workshop's living card in a chat."""
    row = session.get(ChatCard, (chat_ref, workshop_id))
    if row is None:
        session.add(ChatCard(chat_ref=chat_ref, workshop_id=workshop_id, message_ref=message_ref))
    else:
        row.message_ref = message_ref
        row.updated_at = utcnow()
