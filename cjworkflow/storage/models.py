"""The database schema: SQLModel tables for workshops, members, entries and actions."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Text,
    UniqueConstraint,
    false,
    true,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    """Now, timezone-aware in UTC."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware timestamps on every database (SQLite hands back naive ones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


def ts_column(nullable: bool = False) -> Any:
    """A timezone-aware timestamp column (UTC on every database)."""
    return Column(UTCDateTime(), nullable=nullable)


class Role(StrEnum):
    FACILITATOR = "facilitator"
    MEMBER = "member"
    # Not a person anyone can be: a named action owner who never joined, or someone from an
    # imported file. Their Person has no external id, so no transport identity reaches it.
    NAME = "name"


class Removal(StrEnum):
    """Why a member stopped being one (Member.removal)."""

    LEFT = "left"  # left or was removed from the workshop's group: taking part again re-admits
    KICKED = "kicked"  # a facilitator's /kick: only the join link lets them in again


class WorkshopStatus(StrEnum):
    ACTIVE = "active"
    FINISHED = "finished"


class EntryKind(StrEnum):
    """What a stored line of text means in the method."""

    GOAL = "goal"
    PERSONA = "persona"
    TOUCHPOINT = "touchpoint"
    USER_ACTION = "user_action"
    PAIN = "pain"
    SOLUTION = "solution"
    MOMENT = "moment"
    RESOURCE = "resource"
    OBSERVATION = "observation"
    # Step 5: a stage's scenario (article 004) and what the customer thinks (the mindset lane).
    SCENARIO = "scenario"
    THOUGHT = "thought"


class ScoreKind(StrEnum):
    CURRENT = "current"
    IDEAL = "ideal"


class ActionStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    BLOCKED = "blocked"


class Person(SQLModel, table=True):
    """A human behind one transport identity (e.g. a Telegram user id)."""

    id: int | None = Field(default=None, primary_key=True)
    # Null while the person is only known by @handle (named as an owner before joining).
    external_id: str | None = Field(default=None, max_length=64, unique=True, index=True)
    display_name: str = Field(max_length=128)
    handle: str | None = Field(default=None, max_length=64, index=True)
    language: str | None = Field(default=None, max_length=8)
    # use_alter: person and workshop point at each other, so this key is added afterwards.
    active_workshop_id: int | None = Field(default=None, sa_column=Column(
        Integer, ForeignKey("workshop.id", ondelete="SET NULL", use_alter=True,
                            name="person_active_workshop_id_fkey"), nullable=True))
    # Whether a private chat with the person exists (the bot may write first).
    private_chat_ok: bool = Field(default=False)
    created_at: datetime = Field(default_factory=utcnow, sa_column=ts_column())


class Workshop(SQLModel, table=True):
    """One journey-mapping workshop: its journey, language, stage model and progress."""

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(max_length=200)
    language: str = Field(default="nl", max_length=8)
    timezone: str = Field(default="Europe/Amsterdam", max_length=64)
    stage_model: str = Field(default="five", max_length=16)
    current_step: int = Field(default=1)
    # Which stage steps 5 and 7 are working on (position, 0-based).
    focus_stage: int = Field(default=0)
    status: str = Field(default=WorkshopStatus.ACTIVE, max_length=16)
    join_code: str = Field(max_length=32, unique=True, index=True)
    # The transport's reference for the group chat the workshop lives in, if any.
    chat_ref: str | None = Field(default=None, max_length=64, index=True)
    # Bumped on every change: caches of rendered maps are keyed on it.
    version: int = Field(default=1)
    # Reminder offsets like "3d,1d,0m"; None: the REMINDER_OFFSETS setting; "off": none.
    reminder_offsets: str | None = Field(default=None, max_length=64)
    digest_enabled: bool = Field(default=True, sa_column_kwargs={"server_default": true()})
    last_digest_at: datetime | None = Field(default=None, sa_column=ts_column(nullable=True))
    # A running timebox on step timebox_step; kept here so it survives a restart.
    timebox_ends_at: datetime | None = Field(default=None, sa_column=ts_column(nullable=True))
    timebox_step: int | None = Field(default=None)
    timebox_auto: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    timebox_warned: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    # Anonymous mode: no output names who wrote, scored, voted or estimated (authors kept).
    anonymous: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    created_by: int | None = Field(default=None, foreign_key="person.id", ondelete="SET NULL")
    created_at: datetime = Field(default_factory=utcnow, sa_column=ts_column())
    updated_at: datetime = Field(default_factory=utcnow, sa_column=ts_column())


class Member(SQLModel, table=True):
    """A person's role in one workshop."""

    __table_args__ = (UniqueConstraint("workshop_id", "person_id", name="uq_member_person"),)

    id: int | None = Field(default=None, primary_key=True)
    workshop_id: int = Field(foreign_key="workshop.id", ondelete="CASCADE", index=True)
    person_id: int = Field(foreign_key="person.id", ondelete="CASCADE", index=True)
    role: str = Field(default=Role.MEMBER, max_length=16)
    joined_at: datetime = Field(default_factory=utcnow, sa_column=ts_column())
    # Set when the person left the group or was kicked: no access, nothing new stored;
    # what they wrote before stays. Cleared when they are let in again.
    removed_at: datetime | None = Field(default=None, sa_column=ts_column(nullable=True))
    removal: str | None = Field(default=None, max_length=16)


class Stage(SQLModel, table=True):
    """A column of the journey map, in order."""

    __table_args__ = (UniqueConstraint("workshop_id", "position", name="uq_stage_position"),)

    id: int | None = Field(default=None, primary_key=True)
    workshop_id: int = Field(foreign_key="workshop.id", ondelete="CASCADE", index=True)
    position: int
    # A catalog key for predefined models (label translated); None for a custom stage.
    key: str | None = Field(default=None, max_length=32)
    label: str = Field(max_length=100)


class Entry(SQLModel, table=True):
    """One contribution: a goal, persona, touchpoint, stage element, resource or observation."""

    __table_args__ = (
        UniqueConstraint("workshop_id", "source_ref", name="uq_entry_source"),
        Index("ix_entry_workshop_kind", "workshop_id", "kind"),
    )

    id: int | None = Field(default=None, primary_key=True)
    workshop_id: int = Field(foreign_key="workshop.id", ondelete="CASCADE")
    kind: str = Field(max_length=16)
    step: int
    text: str = Field(max_length=1000)
    stage_id: int | None = Field(default=None, foreign_key="stage.id", ondelete="SET NULL",
                                 index=True)
    # Persona: description and goal; touchpoint: channel; resource: have (True) or need.
    detail: str | None = Field(default=None, max_length=1000)
    goal: str | None = Field(default=None, max_length=500)
    channel: str | None = Field(default=None, max_length=100)
    is_target: bool = Field(default=False)
    have: bool = Field(default=False)
    author_id: int | None = Field(default=None, foreign_key="member.id", ondelete="SET NULL",
                                  index=True)
    # An observation made for one target persona ("… | persona Senior").
    persona_id: int | None = Field(default=None, foreign_key="entry.id", ondelete="SET NULL",
                                   index=True)
    # Where the input came from (e.g. "tg:<chat>:<message>:<line>"); never stored twice.
    source_ref: str = Field(max_length=128)
    created_at: datetime = Field(default_factory=utcnow, sa_column=ts_column())


class EmotionScore(SQLModel, table=True):
    """One member's emotion score (1-5) for a stage, current or ideal."""

    __table_args__ = (
        UniqueConstraint("stage_id", "member_id", "kind", name="uq_score_member"),
    )

    id: int | None = Field(default=None, primary_key=True)
    workshop_id: int = Field(foreign_key="workshop.id", ondelete="CASCADE", index=True)
    stage_id: int = Field(foreign_key="stage.id", ondelete="CASCADE")
    member_id: int = Field(foreign_key="member.id", ondelete="CASCADE", index=True)
    kind: str = Field(default=ScoreKind.CURRENT, max_length=8)
    score: int
    # The emotion named beside the score ("emotie 2 onrustig"); as long as an entry's text.
    word: str | None = Field(default=None, max_length=1000)
    created_at: datetime = Field(default_factory=utcnow, sa_column=ts_column())


class Action(SQLModel, table=True):
    """An improvement from step 8 with impact, effort, owner and deadline."""

    __table_args__ = (
        UniqueConstraint("workshop_id", "source_ref", name="uq_action_source"),
        Index("ix_action_due", "status", "due_date"),
    )

    id: int | None = Field(default=None, primary_key=True)
    workshop_id: int = Field(foreign_key="workshop.id", ondelete="CASCADE", index=True)
    title: str = Field(max_length=500)
    impact: int | None = Field(default=None)
    effort: int | None = Field(default=None)
    owner_id: int | None = Field(default=None, foreign_key="member.id", ondelete="SET NULL",
                                 index=True)
    due_date: date | None = Field(default=None)
    due_time: time | None = Field(default=None)
    stage_id: int | None = Field(default=None, foreign_key="stage.id", ondelete="SET NULL",
                                 index=True)
    # The step-1 goal the action serves ("doel 2" on its line).
    goal_id: int | None = Field(default=None, foreign_key="entry.id", ondelete="SET NULL",
                                index=True)
    status: str = Field(default=ActionStatus.OPEN, max_length=16)
    blocked_reason: str | None = Field(default=None, max_length=500)
    # A team estimate spread two points or more: shown as "discuss" until estimated again.
    discuss: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    done_at: datetime | None = Field(default=None, sa_column=ts_column(nullable=True))
    author_id: int | None = Field(default=None, foreign_key="member.id", ondelete="SET NULL",
                                  index=True)
    source_ref: str = Field(max_length=128)
    created_at: datetime = Field(default_factory=utcnow, sa_column=ts_column())
    updated_at: datetime = Field(default_factory=utcnow, sa_column=ts_column())


class ReminderKind(StrEnum):
    BEFORE = "before"
    DUE = "due"
    OVERDUE = "overdue"
    SNOOZE = "snooze"


class Reminder(SQLModel, table=True):
    """A reminder about an action to its owner, due at fire_at; sent_at set when claimed."""

    # sent_at first: the claim asks "sent_at IS NULL AND fire_at <= now", so sent rows,
    # however many pile up, are never scanned.
    __table_args__ = (Index("ix_reminder_due", "sent_at", "fire_at"),)

    id: int | None = Field(default=None, primary_key=True)
    action_id: int = Field(foreign_key="action.id", ondelete="CASCADE", index=True)
    kind: str = Field(max_length=16)
    fire_at: datetime = Field(sa_column=ts_column())
    sent_at: datetime | None = Field(default=None, sa_column=ts_column(nullable=True))
    # Sent after its moment had long passed (e.g. after downtime).
    late: bool = Field(default=False)
    created_at: datetime = Field(default_factory=utcnow, sa_column=ts_column())


class PendingQuestion(SQLModel, table=True):
    """A follow-up the engine asked a member and awaits (e.g. "impact for action 12?")."""

    id: int | None = Field(default=None, primary_key=True)
    workshop_id: int = Field(foreign_key="workshop.id", ondelete="CASCADE", index=True)
    member_id: int = Field(foreign_key="member.id", ondelete="CASCADE", index=True)
    # action_impact | action_effort | action_owner | action_due | touchpoint_stage
    # | action_blocked_reason
    field: str = Field(max_length=32)
    target_id: int
    created_at: datetime = Field(default_factory=utcnow, sa_column=ts_column())


class InboundReceipt(SQLModel, table=True):
    """An inbound update already applied: a redelivery of the same key changes nothing."""

    key: str = Field(primary_key=True, max_length=128)
    created_at: datetime = Field(default_factory=utcnow, sa_column=ts_column())


class DeadLetter(SQLModel, table=True):
    """An update that kept failing for a reason other than a dependency being away: set aside
    and confirmed so it cannot hold up the updates after it (`cjbot deadletters`)."""

    __table_args__ = (Index("ix_deadletter_created", "created_at"),)

    id: int | None = Field(default=None, primary_key=True)
    update_id: int = Field(sa_column=Column(BigInteger, nullable=False, unique=True))
    # The exception's class only: its message may quote what the user wrote.
    error_class: str = Field(max_length=128)
    attempts: int = Field(default=1)
    chat_ref: str | None = Field(default=None, max_length=64)
    # The update as the transport received it (JSON), to retry it; None when too large.
    payload: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    created_at: datetime = Field(default_factory=utcnow, sa_column=ts_column())
    retried_at: datetime | None = Field(default=None, sa_column=ts_column(nullable=True))


class ChatCard(SQLModel, table=True):
    """Which message is a workshop's living step card in one chat (group or private)."""

    chat_ref: str = Field(primary_key=True, max_length=64)
    workshop_id: int = Field(primary_key=True, foreign_key="workshop.id", ondelete="CASCADE")
    message_ref: str = Field(max_length=64)
    updated_at: datetime = Field(default_factory=utcnow, sa_column=ts_column())


class WebLink(SQLModel, table=True):
    """A read-only web link to a workshop (issue #17): only the token's hash is kept. Each
    /link makes one, so a link already on a screen keeps working; /link off drops them all."""

    id: int | None = Field(default=None, primary_key=True)
    workshop_id: int = Field(foreign_key="workshop.id", ondelete="CASCADE", index=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    created_by: int | None = Field(default=None, foreign_key="person.id", ondelete="SET NULL")
    created_at: datetime = Field(default_factory=utcnow, sa_column=ts_column())


# --- issue #14: method depth ------------------------------------------------------------------

class PersonaScore(SQLModel, table=True):
    """One member's emotion score (1-5) for a stage as one target persona feels it.

    Kept apart from EmotionScore (the team's view of the customer): with two or more target
    personas a stage gets a curve per persona ("emotie 2 | persona Senior").
    """

    __table_args__ = (
        UniqueConstraint("stage_id", "member_id", "kind", "persona_id",
                         name="uq_personascore_member"),
    )

    id: int | None = Field(default=None, primary_key=True)
    workshop_id: int = Field(foreign_key="workshop.id", ondelete="CASCADE", index=True)
    stage_id: int = Field(foreign_key="stage.id", ondelete="CASCADE", index=True)
    member_id: int = Field(foreign_key="member.id", ondelete="CASCADE", index=True)
    persona_id: int = Field(foreign_key="entry.id", ondelete="CASCADE", index=True)
    kind: str = Field(default=ScoreKind.CURRENT, max_length=8)
    score: int
    word: str | None = Field(default=None, max_length=1000)
    created_at: datetime = Field(default_factory=utcnow, sa_column=ts_column())
