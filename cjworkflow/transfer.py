"""Lossless JSON export and import of one workshop: every row, with ids remapped on import.

The file is versioned ("format": "cjbot-workshop", "version": 2). Version 1 is the summary
that `exports.workshop_json` writes from a snapshot: readable, but without members, authors
or per-member scores, so it cannot be imported. Ids in a file are those of the exporting
database and only tie rows together; an import creates a new workshop with new ids and a
fresh join code. The workshop's chat reference and join code are never exported: a file may
travel further than the group, and neither means anything in another chat or database.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime, time
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from sqlalchemy import func
from sqlmodel import Session, col, select

from cjworkflow import stages as stage_models
from cjworkflow import store
from cjworkflow.errors import UserError
from cjworkflow.i18n import LANGUAGES
from cjworkflow.models import (
    Action,
    ActionStatus,
    EmotionScore,
    Entry,
    EntryKind,
    Member,
    Person,
    Role,
    ScoreKind,
    Stage,
    Workshop,
    WorkshopStatus,
    utcnow,
)
from cjworkflow.steps import STEPS

FORMAT = "cjbot-workshop"
VERSION = 2
SUMMARY_VERSION = 1  # exports.workshop_json: a snapshot, not importable
# A real workshop is well under 1 MB; this only stops a stray huge upload early.
MAX_IMPORT_BYTES = 10 * 1024 * 1024


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
    label: str = Field(max_length=100)


class EntryRow(_Row):
    id: int
    kind: EntryKind
    step: int = Field(ge=1, le=len(STEPS))
    text: str = Field(max_length=1000)
    stage_id: int | None = None
    detail: str | None = Field(default=None, max_length=1000)
    goal: str | None = Field(default=None, max_length=500)
    channel: str | None = Field(default=None, max_length=100)
    is_target: bool = False
    have: bool = False
    author_id: int | None = None
    source_ref: str = Field(max_length=128)
    created_at: datetime


class ScoreRow(_Row):
    stage_id: int
    member_id: int
    kind: ScoreKind
    score: int = Field(ge=1, le=5)
    created_at: datetime


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


def _duplicate(values: Sequence[object]) -> int | None:
    """The index of the first value seen before, if any."""
    seen: set[object] = set()
    for i, value in enumerate(values):
        if value in seen:
            return i
        seen.add(value)
    return None


def problem(f: WorkshopFile) -> str | None:
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
    for where, ref, known in refs:
        if ref is not None and ref not in known:
            return where
    if f.workshop.focus_stage >= len(f.stages):
        return "workshop.focus_stage"
    return None


# --- export ---------------------------------------------------------------------------------

def _iso(value: date | time | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def export_workshop(session: Session, workshop_id: int) -> dict[str, Any]:
    """Every row of one workshop as a JSON-ready dict (pending questions left out)."""
    ws = session.get(Workshop, workshop_id)
    if ws is None:
        raise LookupError(f"no workshop {workshop_id}")
    pairs = session.exec(
        select(Member, Person).join(Person, col(Person.id) == col(Member.person_id))
        .where(Member.workshop_id == workshop_id).order_by(col(Member.id))
    ).all()
    people: dict[int, Person] = {p.id or 0: p for _, p in pairs}
    if ws.created_by is not None and ws.created_by not in people:
        creator = session.get(Person, ws.created_by)
        if creator is not None:
            people[creator.id or 0] = creator
    member_ids = {m.id for m, _ in pairs}
    stages = session.exec(select(Stage).where(Stage.workshop_id == workshop_id)
                          .order_by(col(Stage.position))).all()
    entries = session.exec(select(Entry).where(Entry.workshop_id == workshop_id)
                           .order_by(col(Entry.id))).all()
    scores = session.exec(select(EmotionScore).where(EmotionScore.workshop_id == workshop_id)
                          .order_by(col(EmotionScore.id))).all()
    actions = session.exec(select(Action).where(Action.workshop_id == workshop_id)
                           .order_by(col(Action.id))).all()

    def member(ref: int | None) -> int | None:
        # A reference outside the workshop's members cannot be resolved on import.
        return ref if ref in member_ids else None

    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": utcnow().isoformat(),
        "workshop": {
            "id": ws.id, "title": ws.title, "language": ws.language, "timezone": ws.timezone,
            "stage_model": ws.stage_model, "current_step": ws.current_step,
            "focus_stage": ws.focus_stage, "status": ws.status, "version": ws.version,
            "created_by": ws.created_by if ws.created_by in people else None,
            "created_at": _iso(ws.created_at), "updated_at": _iso(ws.updated_at),
            "reminder_offsets": ws.reminder_offsets, "digest_enabled": ws.digest_enabled,
        },
        "people": [
            {"id": p.id, "external_id": p.external_id, "display_name": p.display_name,
             "handle": p.handle, "language": p.language}
            for p in people.values()
        ],
        "members": [
            {"id": m.id, "person_id": m.person_id, "role": m.role,
             "joined_at": _iso(m.joined_at)}
            for m, _ in pairs
        ],
        "stages": [
            {"id": s.id, "position": s.position, "key": s.key, "label": s.label} for s in stages
        ],
        "entries": [
            {"id": e.id, "kind": e.kind, "step": e.step, "text": e.text, "stage_id": e.stage_id,
             "detail": e.detail, "goal": e.goal, "channel": e.channel,
             "is_target": e.is_target, "have": e.have, "author_id": member(e.author_id),
             "source_ref": e.source_ref, "created_at": _iso(e.created_at)}
            for e in entries
        ],
        "scores": [
            {"stage_id": s.stage_id, "member_id": s.member_id, "kind": s.kind,
             "score": s.score, "created_at": _iso(s.created_at)}
            for s in scores if s.member_id in member_ids
        ],
        "actions": [
            {"id": a.id, "title": a.title, "impact": a.impact, "effort": a.effort,
             "owner_id": member(a.owner_id), "due_date": _iso(a.due_date),
             "due_time": _iso(a.due_time), "stage_id": a.stage_id, "status": a.status,
             "author_id": member(a.author_id), "source_ref": a.source_ref,
             "created_at": _iso(a.created_at), "updated_at": _iso(a.updated_at),
             "blocked_reason": a.blocked_reason, "done_at": _iso(a.done_at)}
            for a in actions
        ],
    }


def dumps(data: dict[str, Any]) -> bytes:
    """A transfer dict as UTF-8 JSON (accents and emoji kept readable)."""
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def export_bytes(session: Session, workshop_id: int) -> bytes:
    """The lossless export of one workshop as JSON bytes."""
    return dumps(export_workshop(session, workshop_id))


# --- import ---------------------------------------------------------------------------------

def _where(error: ValidationError) -> str:
    """The path of the first problem, e.g. entries.3.text (language-neutral)."""
    first = error.errors()[0]
    return ".".join(str(part) for part in first.get("loc", ())) or "—"


def validate(data: object) -> WorkshopFile:
    """The parsed file, or a UserError naming what is wrong with it."""
    if not isinstance(data, dict):
        raise UserError("import-not-cjbot")
    if data.get("format") != FORMAT:
        raise UserError("import-not-cjbot")
    version = data.get("version")
    if version == SUMMARY_VERSION:
        raise UserError("import-summary-file")
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        raise UserError("import-newer-version", version=version)
    if version != VERSION:
        raise UserError("import-not-cjbot")
    try:
        parsed = WorkshopFile.model_validate(data)
    except ValidationError as e:
        raise UserError("import-invalid", where=_where(e)) from None
    where = problem(parsed)
    if where is not None:
        raise UserError("import-invalid", where=where)
    return parsed


def loads(raw: bytes) -> dict[str, Any]:
    """The JSON object in raw, or a UserError for anything that is not one."""
    if len(raw) > MAX_IMPORT_BYTES:
        raise UserError("import-too-large", max=MAX_IMPORT_BYTES // (1024 * 1024))
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise UserError("import-not-json") from None
    if not isinstance(data, dict):
        raise UserError("import-not-cjbot")
    return data


def _person(session: Session, row: PersonRow) -> Person:
    """The person a file's row stands for: matched by external id, else created."""
    person: Person | None = None
    if row.external_id:
        person = session.exec(
            select(Person).where(Person.external_id == row.external_id)).first()
    elif row.handle:
        # Someone known only by @handle: reuse such a placeholder so a later claim (the
        # person writing for the first time) finds exactly one.
        person = session.exec(select(Person).where(
            col(Person.external_id).is_(None),
            func.lower(Person.handle) == row.handle.lower())).first()
    if person is None:
        person = Person(external_id=row.external_id, display_name=row.display_name,
                        handle=row.handle, language=row.language)
        session.add(person)
    return person


def import_workshop(session: Session, data: dict[str, Any], *, creator_external_id: str | None,
                    chat_ref: str | None = None) -> int:
    """Create a new workshop from a lossless export; returns its id (the caller commits)."""
    # People are matched by external id, else created. With creator_external_id, that person
    # becomes the copy's creator and a facilitator of it; without, the file's creator stays.
    # chat_ref binds the copy to a chat (None: to none, so it never takes over a group).
    f = validate(data)
    people = {row.id: _person(session, row) for row in f.people}
    creator: Person | None = None
    if creator_external_id is not None:
        creator = session.exec(
            select(Person).where(Person.external_id == creator_external_id)).first()
        if creator is None:
            creator = Person(external_id=creator_external_id,
                             display_name=creator_external_id[:128])
            session.add(creator)
    session.flush()
    if creator is None and f.workshop.created_by is not None:
        creator = people[f.workshop.created_by]
    now = utcnow()
    w = f.workshop
    workshop = Workshop(
        title=w.title, language=w.language, timezone=w.timezone, stage_model=w.stage_model,
        current_step=w.current_step, focus_stage=w.focus_stage, status=w.status,
        join_code=store.new_join_code(), chat_ref=chat_ref, version=w.version,
        created_by=creator.id if creator else None, created_at=now, updated_at=w.updated_at,
        reminder_offsets=w.reminder_offsets, digest_enabled=w.digest_enabled,
    )
    session.add(workshop)
    session.flush()
    wid = workshop.id
    assert wid is not None
    stages = {row.id: Stage(workshop_id=wid, position=row.position, key=row.key,
                            label=row.label) for row in f.stages}
    members = {row.id: Member(workshop_id=wid, person_id=people[row.person_id].id or 0,
                              role=row.role, joined_at=row.joined_at) for row in f.members}
    if creator_external_id is not None and creator is not None:
        mine = [m for m in members.values() if m.person_id == creator.id]
        if mine:
            mine[0].role = Role.FACILITATOR
        else:
            session.add(Member(workshop_id=wid, person_id=creator.id or 0,
                               role=Role.FACILITATOR, joined_at=now))
    session.add_all([*stages.values(), *members.values()])
    session.flush()

    def stage(ref: int | None) -> int | None:
        return stages[ref].id if ref is not None else None

    def member(ref: int | None) -> int | None:
        return members[ref].id if ref is not None else None

    # In the file's order, so new ids keep the old order (entries and the plan's tie-break
    # are ordered by id).
    session.add_all([
        Entry(workshop_id=wid, kind=e.kind, step=e.step, text=e.text, stage_id=stage(e.stage_id),
              detail=e.detail, goal=e.goal, channel=e.channel, is_target=e.is_target,
              have=e.have, author_id=member(e.author_id), source_ref=e.source_ref,
              created_at=e.created_at)
        for e in sorted(f.entries, key=lambda e: e.id)
    ])
    session.add_all([
        EmotionScore(workshop_id=wid, stage_id=stage(s.stage_id) or 0,
                     member_id=member(s.member_id) or 0, kind=s.kind, score=s.score,
                     created_at=s.created_at)
        for s in f.scores
    ])
    session.add_all([
        Action(workshop_id=wid, title=a.title, impact=a.impact, effort=a.effort,
               owner_id=member(a.owner_id), due_date=a.due_date, due_time=a.due_time,
               stage_id=stage(a.stage_id), status=a.status, author_id=member(a.author_id),
               source_ref=a.source_ref, created_at=a.created_at, updated_at=a.updated_at,
               blocked_reason=a.blocked_reason, done_at=a.done_at)
        for a in sorted(f.actions, key=lambda a: a.id)
    ])
    session.flush()
    return wid


def import_bytes(session: Session, raw: bytes, *, creator_external_id: str | None,
                 chat_ref: str | None = None) -> int:
    """import_workshop for the bytes of an uploaded or local file."""
    return import_workshop(session, loads(raw), creator_external_id=creator_external_id,
                           chat_ref=chat_ref)

