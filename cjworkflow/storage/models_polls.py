"""The schema of team facilitation: dot votes and team estimates (polls, their items, marks)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from cjworkflow.storage.models import ts_column, utcnow

# Team facilitation (dot votes and team estimates): one open poll per workshop at a time.


class PollKind(StrEnum):
    VOTE = "vote"  # dots on pains, ideas or actions
    ESTIMATE = "estimate"  # impact and effort per action, hidden until closed


class Poll(SQLModel, table=True):
    """A dot vote or a team estimate in a workshop; open while closed_at is None."""

    __table_args__ = (Index("ix_poll_closes", "closed_at", "closes_at"),)

    id: int | None = Field(default=None, primary_key=True)
    workshop_id: int = Field(foreign_key="workshop.id", ondelete="CASCADE", index=True)
    kind: str = Field(max_length=16)
    # What a vote is on: pains | ideas | actions (an estimate: actions).
    subject: str = Field(max_length=16)
    dots: int = Field(default=0)  # a vote's dots per member
    closes_at: datetime | None = Field(default=None, sa_column=ts_column(nullable=True))
    closed_at: datetime | None = Field(default=None, sa_column=ts_column(nullable=True))
    created_at: datetime = Field(default_factory=utcnow, sa_column=ts_column())


class PollItem(SQLModel, table=True):
    """One thing a poll is on: an entry (pain, idea) or an action, fixed when it opened."""

    __table_args__ = (UniqueConstraint("poll_id", "item_id", name="uq_poll_item"),)

    id: int | None = Field(default=None, primary_key=True)
    poll_id: int = Field(foreign_key="poll.id", ondelete="CASCADE", index=True)
    item_id: int  # Entry.id or Action.id, by the poll's subject
    position: int
    # A vote's dots once it closed (the ranking; the map's dots on pains).
    total: int = Field(default=0)


class PollMark(SQLModel, table=True):
    """One member's dots on an item, or their hidden impact and effort for an action."""

    __table_args__ = (UniqueConstraint("poll_id", "member_id", "item_id", name="uq_poll_mark"),)

    id: int | None = Field(default=None, primary_key=True)
    poll_id: int = Field(foreign_key="poll.id", ondelete="CASCADE", index=True)
    member_id: int = Field(foreign_key="member.id", ondelete="CASCADE", index=True)
    item_id: int
    dots: int = Field(default=0)
    impact: int | None = Field(default=None)
    effort: int | None = Field(default=None)
    updated_at: datetime = Field(default_factory=utcnow, sa_column=ts_column())
