"""Consecutive hot-path entries in one transaction, committed once.

On PostgreSQL a commit is a network round trip and a WAL flush; when a transport holds
several updates at once (a getUpdates batch), their plain entries can share one. Only
entries the hot path stores go in: anything else must wait until the batch is committed,
so that it sees them and takes no lock they hold. Nothing in a batch is done, and nobody
may be told it is, until commit() has returned.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlmodel import Session

from cjworkflow.messages import Command, Reply

if TYPE_CHECKING:
    from cjworkflow.flow.engine import WorkshopEngine

# Entries per commit at most: the first of them waits for the last before it is confirmed.
BATCH_LIMIT = 100


class EntryBatch:
    """One open transaction that hot-path entries join until commit() or rollback()."""

    def __init__(self, engine: WorkshopEngine, limit: int = BATCH_LIMIT) -> None:
        self.engine = engine
        self.limit = limit
        self.size = 0
        self._session: Session | None = None

    def add(self, cmd: Command) -> list[Reply] | None:
        """Store cmd in the batch if the hot path takes it: its replies, for after commit();
        None: nothing was written, and the batch must be committed before cmd is handled."""
        if self.size >= self.limit:
            return None
        if self._session is None:
            self._session = Session(self.engine.db, expire_on_commit=False)
        try:
            replies = self.engine.batched(self._session, cmd)
        except BaseException:
            self.rollback()
            raise
        if replies is not None:
            self.size += 1
        return replies

    def commit(self) -> None:
        """Make every entry of the batch durable (or, on an exception, none of them)."""
        session, self._session, self.size = self._session, None, 0
        if session is None:
            return
        with session:
            try:
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def rollback(self) -> None:
        """Forget the batch: none of its entries was stored."""
        session, self._session, self.size = self._session, None, 0
        if session is not None:
            with session:
                session.rollback()
