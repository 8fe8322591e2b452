"""Dead letters: updates set aside after failing for a reason other than a dependency being away.

Each is kept (with the update's JSON when small enough, to retry it) for as long as update
receipts are, and listed or retried by `cjbot deadletters`.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from cjworkflow.storage import store
from cjworkflow.storage.db import reading, transaction
from cjworkflow.storage.models import DeadLetter, utcnow

# Larger updates are listed without their payload and cannot be retried from it.
MAX_PAYLOAD_BYTES = 64 * 1024


def add(db: Engine, *, update_id: int, error_class: str, attempts: int,
        chat_ref: str | None, payload: str | None) -> bool:
    """Store a dead letter; False when this update already has one (another process or an
    earlier run set it aside), so its sender is told only once."""
    if payload is not None and len(payload.encode()) > MAX_PAYLOAD_BYTES:
        payload = None
    letter = DeadLetter(update_id=update_id, error_class=error_class[:128], attempts=attempts,
                        chat_ref=chat_ref, payload=payload)
    try:
        with transaction(db) as session:
            if session.exec(select(DeadLetter.id).where(
                    DeadLetter.update_id == update_id)).first() is not None:
                return False
            session.add(letter)
    except IntegrityError:
        return False  # a concurrent process stored the same update a moment earlier
    return True


def listing(db: Engine, limit: int = 100) -> list[DeadLetter]:
    """The newest dead letters first."""
    with reading(db) as session:
        rows = list(session.exec(select(DeadLetter).order_by(
            col(DeadLetter.created_at).desc(), col(DeadLetter.id).desc()).limit(limit)).all())
        session.expunge_all()  # the closing rollback would expire them
        return rows


def get(db: Engine, letter_id: int) -> DeadLetter | None:
    """One dead letter by its id."""
    with reading(db) as session:
        letter = session.get(DeadLetter, letter_id)
        session.expunge_all()  # the closing rollback would expire it
        return letter


def mark_retried(db: Engine, letter_id: int, when: datetime | None = None) -> None:
    """Note that the letter's update was processed again successfully."""
    with transaction(db) as session:
        letter = session.get(DeadLetter, letter_id)
        if letter is not None:
            letter.retried_at = when or utcnow()
            session.add(letter)


def prune(*, session: Session, before: datetime) -> int:
    """Forget dead letters older than before; how many."""
    result = session.connection().execute(
        delete(DeadLetter).where(col(DeadLetter.created_at) < before))
    return int(result.rowcount or 0)


def prune_kept(*, session: Session, before: datetime) -> int:
    """Forget update receipts and dead letters older than before (both only matter while
    Telegram may still redeliver, or an operator may still look); how many rows."""
    return store.prune_receipts(session=session, before=before) + prune(session=session,
                                                                        before=before)


def as_row(letter: DeadLetter) -> dict[str, object]:
    """A dead letter as plain data (for `cjbot deadletters --json`); never its payload."""
    return {"id": letter.id, "update_id": letter.update_id,
            "created_at": letter.created_at.isoformat(timespec="seconds"),
            "error_class": letter.error_class, "attempts": letter.attempts,
            "chat": letter.chat_ref, "retryable": letter.payload is not None,
            "retried_at": letter.retried_at.isoformat(timespec="seconds")
            if letter.retried_at else None}


def table(letters: list[DeadLetter]) -> str:
    """The listing of `cjbot deadletters`: one line per letter, newest first."""
    if not letters:
        return "no dead letters"
    head = f"{'id':>5}  {'update':>12}  {'time (UTC)':<19}  {'error':<24}  {'chat':<22}  state"
    lines = [head]
    for d in letters:
        state = (f"retried {d.retried_at:%Y-%m-%d %H:%M}" if d.retried_at
                 else "can be retried" if d.payload is not None else "too large to retry")
        lines.append(f"{d.id:>5}  {d.update_id:>12}  {d.created_at:%Y-%m-%d %H:%M:%S}  "
                     f"{d.error_class[:24]:<24}  {(d.chat_ref or '-')[:22]:<22}  {state}")
    return "\n".join(lines)
