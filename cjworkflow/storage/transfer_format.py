"""The lossless workshop file: its rows, and the checks a file must pass before import."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from cjworkflow import limits
from cjworkflow.errors import UserError
from cjworkflow.i18n import LANGUAGES
from cjworkflow.limits import MAX_IMPORT_BYTES as MAX_IMPORT_BYTES  # re-exported
from cjworkflow.steps import STEPS
from cjworkflow.steps import stages as stage_models
from cjworkflow.storage import transfer_voice
from cjworkflow.storage.models import (
    ActionStatus,
    EntryKind,
    Role,
    ScoreKind,
    WorkshopStatus,
)
from cjworkflow.storage.transfer_voice import ResponseRow, RoundRow

FORMAT = "cjbot-workshop"
VERSION = 2
SUMMARY_VERSION = 1  # exports.workshop_json: a snapshot, not importable
# No deadline in a file lies before this day (cjbot did not exist): older ones are forged.
FIRST_DUE = date(2000, 1, 1)
# Rows a file may hold per list: a workshop's own caps (limits), so an import brings nothing
# the bot would refuse when typed. Scores: one current and one ideal per member and stage.
MAX_ROWS = {
    "people": limits.MAX_MEMBERS + 1,  # the members, and a creator who may have left
    "members": limits.MAX_MEMBERS,
    "stages": limits.MAX_STAGES,
    "entries": limits.MAX_ENTRIES,
    "scores": 2 * limits.MAX_STAGES * limits.MAX_MEMBERS,
    # Per persona: as many again for each of the personas a map shows curves for.
    "persona_scores": 2 * limits.MAX_STAGES * limits.MAX_MEMBERS * 4,
    "actions": limits.MAX_ACTIONS,
    "survey_responses": transfer_voice.MAX_ROWS,
    "rounds": transfer_voice.MAX_ROUNDS,
}


# --- the file format ------------------------------------------------------------------------

class _Row(BaseModel):
    # Unknown fields are refused rather than silently dropped: an import is either complete
    # or refused, never quietly lossy.
    model_config = ConfigDict(extra="forbid", frozen=True)


class PersonRow(_Row):
    id: int
    external_id: str | None = Field(default=None, max_length=64)  # opaque transport id
    display_name: str = Field(max_length=128)
    handle: str | None = Field(default=None, max_length=64)
    language: str | None = Field(default=None, max_length=8)


class MemberRow(_Row):
    id: int
    person_id: int
    role: Role
    joined_at: datetime


class StageRow(_Row):
    id: int
    position: int = Field(ge=0)
    key: str | None = Field(default=None, max_length=32)
    label: str = Field(min_length=1, max_length=limits.MAX_STAGE_LABEL)


class EntryRow(_Row):
    id: int
    kind: EntryKind
    step: int = Field(ge=1, le=len(STEPS))
    text: str = Field(max_length=limits.MAX_LINE)
    stage_id: int | None = None
    detail: str | None = Field(default=None, max_length=1000)
    goal: str | None = Field(default=None, max_length=500)
    channel: str | None = Field(default=None, max_length=100)
    is_target: bool = False
    have: bool = False
    author_id: int | None = None
    source_ref: str = Field(max_length=128)
    created_at: datetime
    # Optional: an observation made for one persona (an entry id of the file).
    persona_id: int | None = None


class ScoreRow(_Row):
    stage_id: int
    member_id: int
    kind: ScoreKind
    score: int = Field(ge=1, le=5)
    created_at: datetime
    # Optional: files written before named emotions existed lack it.
    word: str | None = Field(default=None, max_length=limits.MAX_LINE)


class PersonaScoreRow(_Row):
    stage_id: int
    member_id: int
    persona_id: int  # an entry id of the file, a persona
    kind: ScoreKind
    score: int = Field(ge=1, le=5)
    created_at: datetime
    word: str | None = Field(default=None, max_length=limits.MAX_LINE)


class ActionRow(_Row):
    id: int
    title: str = Field(max_length=500)
    impact: int | None = Field(default=None, ge=1, le=5)
    effort: int | None = Field(default=None, ge=1, le=5)
    owner_id: int | None = None
    due_date: date | None = None
    due_time: time | None = None
    stage_id: int | None = None
    status: ActionStatus
    author_id: int | None = None
    source_ref: str = Field(max_length=128)
    created_at: datetime
    updated_at: datetime
    # Optional: files written before reminders existed lack them.
    blocked_reason: str | None = Field(default=None, max_length=500)
    done_at: datetime | None = None
    # Optional: an entry id of the file, a goal (files before goals on actions lack it).
    goal_id: int | None = None


class WorkshopRow(_Row):
    id: int
    title: str = Field(min_length=1, max_length=200)
    language: str
    timezone: str = Field(max_length=64)
    stage_model: str
    current_step: int = Field(ge=1, le=len(STEPS))
    focus_stage: int = Field(ge=0)
    status: WorkshopStatus
    version: int = Field(ge=1)
    created_by: int | None = None  # a person id in the file
    created_at: datetime
    updated_at: datetime
    # Optional: files written before reminders existed lack them.
    reminder_offsets: str | None = Field(default=None, max_length=100)
    digest_enabled: bool = True
    anonymous: bool = False  # team facilitation's anonymous mode

    @field_validator("language")
    @classmethod
    def _language(cls, value: str) -> str:
        if value not in LANGUAGES:
            raise ValueError("unknown language")
        return value

    @field_validator("timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("unknown time zone") from None
        return value

    @field_validator("stage_model")
    @classmethod
    def _stage_model(cls, value: str) -> str:
        if value != "custom" and value not in stage_models.MODELS:
            raise ValueError("unknown stage model")
        return value


class WorkshopFile(_Row):
    """A whole workshop as the lossless file holds it."""

    format: Literal["cjbot-workshop"]
    version: Literal[2]
    exported_at: datetime
    workshop: WorkshopRow
    people: list[PersonRow]
    members: list[MemberRow]
    stages: list[StageRow] = Field(min_length=stage_models.MIN_STAGES)
    entries: list[EntryRow]
    scores: list[ScoreRow]
    actions: list[ActionRow]
    # Optional: files from before the customers' survey lack it.
    survey_responses: list[ResponseRow] = Field(default_factory=list)
    # Optional too: the rounds kept before the current one (/round).
    rounds: list[RoundRow] = Field(default_factory=list)
    # Optional: files written before scores per persona lack them.
    persona_scores: list[PersonaScoreRow] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _within_limits(cls, data: Any) -> Any:
        # Counted before any row is read: a file of 10,000 stages costs nothing to refuse.
        # A UserError is no ValueError, so pydantic lets it through as a clear refusal.
        if isinstance(data, dict):
            for name, most in MAX_ROWS.items():
                rows = data.get(name)
                if isinstance(rows, list) and len(rows) > most:
                    raise UserError("import-over-limit", what=name, count=len(rows), max=most)
        return data


def _duplicate(values: Sequence[object]) -> int | None:
    """The index of the first value seen before, if any."""
    seen: set[object] = set()
    for i, value in enumerate(values):
        if value in seen:
            return i
        seen.add(value)
    return None


def problem(f: WorkshopFile, today: date | None = None) -> str | None:
    """The path of the first dangling reference or duplicate of a unique value, if any."""
    # The database would refuse these half-way through an import (or, on SQLite, silently
    # accept some): checked first, so that a refused file changes nothing.
    people = {p.id for p in f.people}
    members = {m.id for m in f.members}
    stages = {s.id for s in f.stages}
    unique: list[tuple[str, str, list[object]]] = [
        ("people", "id", [p.id for p in f.people]),
        ("people", "external_id", [p.external_id or object() for p in f.people]),
        # Placeholders (no external id) are found by handle: two with one handle cannot be.
        ("people", "handle", [p.handle.lower() if p.handle and not p.external_id else object()
                              for p in f.people]),
        ("members", "id", [m.id for m in f.members]),
        ("members", "person_id", [m.person_id for m in f.members]),
        ("stages", "id", [s.id for s in f.stages]),
        ("stages", "position", [s.position for s in f.stages]),
        ("entries", "id", [e.id for e in f.entries]),
        ("entries", "source_ref", [e.source_ref for e in f.entries]),
        ("actions", "id", [a.id for a in f.actions]),
        ("actions", "source_ref", [a.source_ref for a in f.actions]),
        ("scores", "member_id", [(s.stage_id, s.member_id, s.kind) for s in f.scores]),
        ("persona_scores", "member_id", [(s.stage_id, s.member_id, s.kind, s.persona_id)
                                         for s in f.persona_scores]),
    ]
    for table, field, values in unique:
        index = _duplicate(values)
        if index is not None:
            return f"{table}.{index}.{field}"
    refs: list[tuple[str, int | None, set[int]]] = [
        ("workshop.created_by", f.workshop.created_by, people),
        *((f"members.{i}.person_id", m.person_id, people) for i, m in enumerate(f.members)),
    ]
    for i, e in enumerate(f.entries):
        refs += [(f"entries.{i}.stage_id", e.stage_id, stages),
                 (f"entries.{i}.author_id", e.author_id, members)]
    for i, s in enumerate(f.scores):
        refs += [(f"scores.{i}.stage_id", s.stage_id, stages),
                 (f"scores.{i}.member_id", s.member_id, members)]
    for i, a in enumerate(f.actions):
        refs += [(f"actions.{i}.stage_id", a.stage_id, stages),
                 (f"actions.{i}.owner_id", a.owner_id, members),
                 (f"actions.{i}.author_id", a.author_id, members)]
    goals = {e.id for e in f.entries if e.kind is EntryKind.GOAL}
    personas = {e.id for e in f.entries if e.kind is EntryKind.PERSONA}
    refs += [(f"actions.{i}.goal_id", a.goal_id, goals) for i, a in enumerate(f.actions)]
    refs += [(f"entries.{i}.persona_id", e.persona_id, personas)
             for i, e in enumerate(f.entries)]
    for i, ps in enumerate(f.persona_scores):
        refs += [(f"persona_scores.{i}.stage_id", ps.stage_id, stages),
                 (f"persona_scores.{i}.member_id", ps.member_id, members),
                 (f"persona_scores.{i}.persona_id", ps.persona_id, personas)]
    for where, ref, known in refs:
        if ref is not None and ref not in known:
            return where
    if (dangling := transfer_voice.problem(f.survey_responses, stages)) is not None:
        return dangling
    if (twice := transfer_voice.round_problem(f.rounds)) is not None:
        return twice
    if f.workshop.focus_stage >= len(f.stages):
        return "workshop.focus_stage"
    # The same window as a typed deadline (past ones are history, not refused), so no
    # deadline from a file ever overflows the reminder arithmetic.
    latest = limits.latest_due(today or datetime.now(UTC).date())
    for i, a in enumerate(f.actions):
        if a.due_date is not None and not FIRST_DUE <= a.due_date <= latest:
            return f"actions.{i}.due_date"
    return None


# --- export ---------------------------------------------------------------------------------
