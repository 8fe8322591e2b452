"""What the schedule's ticks share: a batch at a time, rows claimed under a lock.

The delivery rule (at-most-once) is the one reminders.py describes: what a tick claims is
marked in the claiming transaction, and sent only after that commit.
"""

from __future__ import annotations

from sqlmodel import Session
from sqlmodel.sql.expression import SelectOfScalar

from cjworkflow.storage.models import Workshop

# At most this many rows (reminders, digests, timeboxes) per tick: the rest wait for the next.
BATCH = 500


def locked_workshops(session: Session, q: SelectOfScalar[Workshop],
                     postgres: bool) -> list[Workshop]:
    """The workshops q selects, locked; on PostgreSQL rows locked elsewhere wait a tick."""
    if postgres:
        q = q.with_for_update(skip_locked=True)
    return list(session.exec(q).all())
