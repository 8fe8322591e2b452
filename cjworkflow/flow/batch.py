"""Consecutive hot-path entries in one transaction, committed once.

On PostgreSQL a commit is a network round trip and a WAL flush; when a transport holds
several updates at once (a getUpdates batch), their plain entries can share one. Only
entries the hot path stores go in: anything else must wait until the batch is committed,
so that it sees them and takes no lock they hold. Nothing in a batch is done, and nobody
may be told it is, until commit() has returned.
"""

from __future__ import annotations

from typing import Protocol

from sqlalchemy.engine import Engine
from sqlmodel import Session

from cjworkflow.messages import Command, Reply


class Batching(Protocol):
    """What a batch needs of the engine (WorkshopEngine): its database and its entry path."""

    db: Engine

    def batched(self, session: Session, cmd: Command) -> list[Reply] | None: ...


# Entries per commit at most: the first of them waits for the last before it is confirmed.
BATCH_LIMIT = 100


class EntryBatch:
    """One open transaction that hot-path entries join until commit() or rollback()."""

    def __init__(self, engine: Batching, limit: int = BATCH_LIMIT) -> None:
        self.engine = engine
        self.limit = limit
        self.size = 0
        # The last command the entry path looked up and declined: handle() need not again.
        self.declined: Command | None = None
        self._session: Session | None = None

    def add(self, cmd: Command) -> list[Reply] | None:
        """Store cmd in the batch if the hot path takes it: its replies, for after commit();
        None: nothing was written, and the batch must be committed before cmd is handled
        (with declined=self.declined is cmd: what the look-up found holds after that)."""
        self.declined = None
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
        self.declined = cmd if replies is None else None
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
