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
from datetime import date, datetime, time
from typing import Any

from pydantic import ValidationError
from sqlmodel import Session, col, select

from cjworkflow.errors import UserError
from cjworkflow.facilitation import anonymity
from cjworkflow.storage import transfer_voice, workshops
from cjworkflow.storage.models import (
    Action,
    EmotionScore,
    Entry,
    Member,
    Person,
    PersonaScore,
    Role,
    Stage,
    Workshop,
    utcnow,
)
from cjworkflow.storage.transfer_format import (
    FORMAT,
    MAX_IMPORT_BYTES,
    SUMMARY_VERSION,
    VERSION,
    PersonRow,
    WorkshopFile,
    problem,
)

__all__ = ["FORMAT", "MAX_IMPORT_BYTES", "SUMMARY_VERSION", "VERSION", "WorkshopFile",
           "export_bytes", "export_workshop", "import_bytes", "import_workshop", "loads",
           "problem", "validate"]


def _iso(value: date | time | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def export_workshop(session: Session, workshop_id: int, *,
                    asker: str | None = None) -> dict[str, Any]:
    """Every row of one workshop as a JSON-ready dict (pending questions left out).

    Transport identities (Telegram ids) are left out, but for the asker's own: a file may
    travel further than the group, and an import never links anyone else anyway.
    """
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
    persona_scores = session.exec(select(PersonaScore).where(
        PersonaScore.workshop_id == workshop_id).order_by(col(PersonaScore.id))).all()

    def member(ref: int | None) -> int | None:
        # A reference outside the workshop's members cannot be resolved on import.
        return ref if ref in member_ids else None

    data: dict[str, Any] = {
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
            "anonymous": ws.anonymous,
        },
        "people": [
            {"id": p.id, "external_id": p.external_id if asker and p.external_id == asker
             else None, "display_name": p.display_name,
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
             "source_ref": e.source_ref, "created_at": _iso(e.created_at),
             "persona_id": e.persona_id}
            for e in entries
        ],
        "scores": [
            {"stage_id": s.stage_id, "member_id": s.member_id, "kind": s.kind,
             "score": s.score, "created_at": _iso(s.created_at), "word": s.word}
            for s in scores if s.member_id in member_ids
        ],
        "persona_scores": [
            {"stage_id": s.stage_id, "member_id": s.member_id, "persona_id": s.persona_id,
             "kind": s.kind, "score": s.score, "created_at": _iso(s.created_at),
             "word": s.word}
            for s in persona_scores if s.member_id in member_ids
        ],
        "actions": [
            {"id": a.id, "title": a.title, "impact": a.impact, "effort": a.effort,
             "owner_id": member(a.owner_id), "due_date": _iso(a.due_date),
             "due_time": _iso(a.due_time), "stage_id": a.stage_id, "status": a.status,
             "author_id": member(a.author_id), "source_ref": a.source_ref,
             "created_at": _iso(a.created_at), "updated_at": _iso(a.updated_at),
             "blocked_reason": a.blocked_reason, "done_at": _iso(a.done_at),
             "goal_id": a.goal_id}
            for a in actions
        ],
        "survey_responses": transfer_voice.export_rows(session, workshop_id),
        "rounds": transfer_voice.export_rounds(session, workshop_id),
    }
    return anonymity.unnamed(data) if ws.anonymous else data


def dumps(data: dict[str, Any]) -> bytes:
    """A transfer dict as UTF-8 JSON (accents and emoji kept readable)."""
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def export_bytes(session: Session, workshop_id: int, *, asker: str | None = None) -> bytes:
    """The lossless export of one workshop as JSON bytes (see export_workshop)."""
    return dumps(export_workshop(session, workshop_id, asker=asker))


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


def _person(row: PersonRow, importer: Person | None) -> Person:
    """The person a file's row stands for: the importer's own row is the importer; everyone
    else becomes a new name (no transport identity, no handle), whatever the file claims."""
    if importer is not None and row.external_id and row.external_id == importer.external_id:
        return importer
    # Shown as the workshop showed them (the @handle when known), so the copy reads the same.
    shown = f"@{row.handle}" if row.handle else row.display_name
    return Person(display_name=shown[:128], language=row.language)


def import_workshop(session: Session, data: dict[str, Any], *, creator_external_id: str | None,
                    chat_ref: str | None = None) -> int:
    """Create a new workshop from a lossless export; returns its id (the caller commits)."""
    # Import never creates or links a transport identity for anyone but the importer
    # (creator_external_id): every other person in the file becomes a NAME, keeping the
    # authorship of what they wrote as a name. The importer becomes the copy's creator and a
    # facilitator of it; without one, the file's creator (a name) stays. chat_ref binds the
    # copy to a chat (None: to none, so it never takes over a group).
    f = validate(data)
    creator: Person | None = None
    if creator_external_id is not None:
        creator = session.exec(
            select(Person).where(Person.external_id == creator_external_id)).first()
        if creator is None:
            creator = Person(external_id=creator_external_id,
                             display_name=creator_external_id[:128])
            session.add(creator)
    importer = creator
    people = {row.id: _person(row, importer) for row in f.people}
    session.add_all([p for p in people.values() if p is not importer])
    session.flush()
    if creator is None and f.workshop.created_by is not None:
        creator = people[f.workshop.created_by]
    now = utcnow()
    w = f.workshop
    workshop = Workshop(
        title=w.title, language=w.language, timezone=w.timezone, stage_model=w.stage_model,
        current_step=w.current_step, focus_stage=w.focus_stage, status=w.status,
        join_code=workshops.new_join_code(), chat_ref=chat_ref, version=w.version,
        created_by=creator.id if creator else None, created_at=now, updated_at=w.updated_at,
        reminder_offsets=w.reminder_offsets, digest_enabled=w.digest_enabled,
        anonymous=w.anonymous,
    )
    session.add(workshop)
    session.flush()
    wid = workshop.id
    assert wid is not None
    stages = {row.id: Stage(workshop_id=wid, position=row.position, key=row.key,
                            label=row.label) for row in f.stages}
    members = {row.id: Member(workshop_id=wid, person_id=people[row.person_id].id or 0,
                              role=Role.FACILITATOR if people[row.person_id] is importer
                              else Role.NAME, joined_at=row.joined_at) for row in f.members}
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
    entries = {e.id: Entry(
        workshop_id=wid, kind=e.kind, step=e.step, text=e.text, stage_id=stage(e.stage_id),
        detail=e.detail, goal=e.goal, channel=e.channel, is_target=e.is_target, have=e.have,
        author_id=member(e.author_id), source_ref=e.source_ref, created_at=e.created_at)
        for e in sorted(f.entries, key=lambda e: e.id)}
    session.add_all(entries.values())
    # Flushed now: an action's goal points at an entry's new id, as do persona references.
    session.flush()
    for e in f.entries:
        if e.persona_id is not None:
            entries[e.id].persona_id = entries[e.persona_id].id
    session.add_all([
        PersonaScore(workshop_id=wid, stage_id=stage(s.stage_id) or 0,
                     member_id=member(s.member_id) or 0,
                     persona_id=entries[s.persona_id].id or 0, kind=s.kind, score=s.score,
                     word=s.word, created_at=s.created_at)
        for s in f.persona_scores
    ])
    session.add_all([
        EmotionScore(workshop_id=wid, stage_id=stage(s.stage_id) or 0,
                     member_id=member(s.member_id) or 0, kind=s.kind, score=s.score,
                     word=s.word, created_at=s.created_at)
        for s in f.scores
    ])
    session.add_all([
        Action(workshop_id=wid, title=a.title, impact=a.impact, effort=a.effort,
               owner_id=member(a.owner_id), due_date=a.due_date, due_time=a.due_time,
               stage_id=stage(a.stage_id), status=a.status, author_id=member(a.author_id),
               source_ref=a.source_ref, created_at=a.created_at, updated_at=a.updated_at,
               blocked_reason=a.blocked_reason, done_at=a.done_at,
               goal_id=entries[a.goal_id].id if a.goal_id is not None else None)
        for a in sorted(f.actions, key=lambda a: a.id)
    ])
    session.flush()
    transfer_voice.import_rows(session, f.survey_responses, wid,
                               {k: v.id or 0 for k, v in stages.items()})
    transfer_voice.import_rounds(session, f.rounds, wid)
    return wid


def import_bytes(session: Session, raw: bytes, *, creator_external_id: str | None,
                 chat_ref: str | None = None) -> int:
    """import_workshop for the bytes of an uploaded or local file."""
    return import_workshop(session, loads(raw), creator_external_id=creator_external_id,
                           chat_ref=chat_ref)

