"""Builds the detached WorkshopSnapshot that renderers and exports work from.

Rows are read as plain column tuples, not ORM objects: a big workshop (thousands of entries)
otherwise spends most of a /map or /status in building and tracking objects it only reads.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, time
from typing import NamedTuple, cast

from sqlalchemy import Table, func
from sqlalchemy import select as sa_select
from sqlmodel import Session, SQLModel, col, select

from cjworkflow.facilitation import snapshot_view
from cjworkflow.snapshot import ActionView, PersonaView, StageView, WorkshopSnapshot
from cjworkflow.steps import ACTION_STEP, STEPS, TARGET_STEP, priority, scoring_step
from cjworkflow.storage import persons, rounds, surveys, workshops
from cjworkflow.storage.models import Action, EmotionScore, Entry, EntryKind, ScoreKind, Workshop

_ENTRY: Table = SQLModel.metadata.tables["entry"]
_SCORE: Table = SQLModel.metadata.tables["emotionscore"]
_ACTION: Table = SQLModel.metadata.tables["action"]
_PERSONA_SCORE: Table = SQLModel.metadata.tables["personascore"]


def _per_persona(scores: Sequence[object],
                 names: dict[int, str]) -> tuple[tuple[str, tuple[int, ...]], ...]:
    """(persona id, score) pairs as (persona name, its scores), personas in entry order."""
    by_persona: dict[int, list[int]] = defaultdict(list)
    for pair in scores:
        persona_id, score = cast(tuple[int, int], pair)
        by_persona[persona_id].append(score)
    return tuple((name, tuple(by_persona[pid])) for pid, name in names.items()
                 if pid in by_persona)


class _ActionRow(NamedTuple):
    """The columns of an action a snapshot needs (priority.Rated, without the ORM)."""

    id: int | None
    title: str
    impact: int | None
    effort: int | None
    owner_id: int | None
    due_date: date | None
    due_time: time | None
    status: str
    stage_id: int | None
    goal_id: int | None
    discuss: bool = False


def member_names(*, session: Session, workshop_id: int) -> dict[int, str]:
    """Member id -> a display name (the @handle when known)."""
    return {member_id: label for member_id, (label, _) in
            member_labels(session=session, workshop_id=workshop_id).items()}


def member_labels(*, session: Session, workshop_id: int) -> dict[int, tuple[str, str]]:
    """Member id -> (the @handle when known, else the name; the display name)."""
    labels: dict[int, tuple[str, str]] = {}
    for member, person in persons.members_with_people(session=session, workshop_id=workshop_id):
        label = f"@{person.handle}" if person.handle else person.display_name
        labels[member.id or 0] = (label, person.display_name)
    return labels


def build_snapshot(*, session: Session, workshop: Workshop) -> WorkshopSnapshot:
    """Everything about one workshop as plain data."""
    wid = workshop.id or 0
    stages = workshops.stages_of(session=session, workshop_id=wid)
    now = rounds.current(session=session, workshop_id=wid)  # the round this is
    labels_of = member_labels(session=session, workshop_id=wid)
    names = {member_id: label for member_id, (label, _) in labels_of.items()}
    by_stage: dict[int | None, dict[str, list[object]]] = defaultdict(lambda: defaultdict(list))
    goals: list[str] = []
    goal_ids: dict[int, int] = {}  # entry id -> its place among the goals
    personas: list[PersonaView] = []
    have: list[str] = []
    need: list[str] = []
    # Core reads on the session's connection: pending ORM changes are flushed first, as an
    # ORM query would (autoflush).
    session.flush()
    conn = session.connection()
    e_ = _ENTRY.c
    rows = conn.execute(
        sa_select(e_.id, e_.kind, e_.text, e_.stage_id, e_.detail, e_.goal, e_.channel,
                  e_.is_target, e_.have, e_.persona_id)
        .where(e_.workshop_id == wid).order_by(e_.id)).all()
    persona_names = {row[0]: row[2] for row in rows if row[1] == EntryKind.PERSONA}
    for entry_id, kind_value, text, stage_id, detail, goal, channel, is_target, has, \
            persona_id in rows:
        kind = EntryKind(kind_value)
        if persona_id in persona_names:
            # An observation made for one persona says for whom, wherever it is shown.
            text = f"{persona_names[persona_id]} — {text}"
        if kind is EntryKind.GOAL:
            goal_ids[entry_id] = len(goals)
            goals.append(text)
        elif kind is EntryKind.PERSONA:
            personas.append(PersonaView(text, detail, goal, is_target))
        elif kind is EntryKind.RESOURCE:
            (have if has else need).append(text)
        elif kind is EntryKind.TOUCHPOINT:
            by_stage[stage_id]["touchpoints"].append((text, channel))
        else:
            by_stage[stage_id][kind.value].append(text)
    s_ = _SCORE.c
    for stage_id, score_kind, score, word in conn.execute(
            sa_select(s_.stage_id, s_.kind, s_.score, s_.word).where(s_.workshop_id == wid)
            .order_by(s_.id)).all():
        current = score_kind == ScoreKind.CURRENT
        by_stage[stage_id]["scores" if current else "ideal_scores"].append(score)
        if current and word:
            by_stage[stage_id]["emotion_words"].append(word)
    p_ = _PERSONA_SCORE.c
    for stage_id, score_kind, score, persona_id in conn.execute(
            sa_select(p_.stage_id, p_.kind, p_.score, p_.persona_id)
            .where(p_.workshop_id == wid).order_by(p_.id)).all():
        key = "persona_scores" if score_kind == ScoreKind.CURRENT else "persona_ideal_scores"
        by_stage[stage_id][key].append((persona_id, score))
    stage_views = []
    labels: dict[int, str] = {}
    positions: dict[int, int] = {}
    for st in stages:
        d = by_stage.get(st.id, {})
        labels[st.id or 0] = st.label
        positions[st.id or 0] = st.position
        stage_views.append(StageView(
            position=st.position, label=st.label,
            touchpoints=tuple(d.get("touchpoints", ())),  # type: ignore[arg-type]
            user_actions=tuple(d.get("user_action", ())),  # type: ignore[arg-type]
            pains=tuple(d.get("pain", ())),  # type: ignore[arg-type]
            solutions=tuple(d.get("solution", ())),  # type: ignore[arg-type]
            moments=tuple(d.get("moment", ())),  # type: ignore[arg-type]
            observations=tuple(d.get("observation", ())),  # type: ignore[arg-type]
            scores=tuple(d.get("scores", ())),  # type: ignore[arg-type]
            ideal_scores=tuple(d.get("ideal_scores", ())),  # type: ignore[arg-type]
            scenarios=tuple(d.get("scenario", ())),  # type: ignore[arg-type]
            thoughts=tuple(d.get("thought", ())),  # type: ignore[arg-type]
            emotion_words=tuple(d.get("emotion_words", ())),  # type: ignore[arg-type]
            persona_scores=_per_persona(d.get("persona_scores", ()), persona_names),
            persona_ideal_scores=_per_persona(d.get("persona_ideal_scores", ()),
                                              persona_names),
        ))
    a_ = _ACTION.c
    ordered = priority.prioritise([_ActionRow._make(row) for row in conn.execute(
        sa_select(a_.id, a_.title, a_.impact, a_.effort, a_.owner_id, a_.due_date, a_.due_time,
                  a_.status, a_.stage_id, a_.goal_id, a_.discuss)
        .where(a_.workshop_id == wid)).all()])
    action_views = tuple(
        ActionView(
            number=i, title=a.title, impact=a.impact, effort=a.effort,
            quadrant=priority.quadrant(a.impact, a.effort).value,
            owner=names.get(a.owner_id) if a.owner_id else None,
            owner_name=labels_of[a.owner_id][1] if a.owner_id in labels_of else None,
            due_date=a.due_date, due_time=a.due_time, status=a.status,
            stage=labels.get(a.stage_id) if a.stage_id else None, discuss=bool(a.discuss),
            stage_position=positions.get(a.stage_id) if a.stage_id else None,
            goal=goals[goal_ids[a.goal_id]] if a.goal_id in goal_ids else None,
            goal_number=goal_ids[a.goal_id] + 1 if a.goal_id in goal_ids else None,
        )
        for i, a in enumerate(ordered, start=1)
    )
    snap = WorkshopSnapshot(
        id=wid, title=workshop.title, language=workshop.language, timezone=workshop.timezone,
        stage_model=workshop.stage_model, current_step=workshop.current_step,
        status=workshop.status, created_at=workshop.created_at, version=workshop.version,
        stages=tuple(stage_views), goals=tuple(goals), personas=tuple(personas),
        resources_have=tuple(have), resources_need=tuple(need), actions=action_views,
        members=tuple(names.values()), updated_at=workshop.updated_at,
        customers=surveys.voice(session=session, workshop_id=wid, stages=stages, round_=now),
        round=now, rounds=tuple(rounds.view(r) for r in rounds.kept(session=session,
                                                                    workshop_id=wid)),
    )
    return snapshot_view.adjusted(session, workshop, snap)


def step_counts(*, session: Session, workshop_id: int) -> dict[int, int]:
    """How many entries each step holds (the target step: marked targets; the action step: actions).

    Counted by the database (GROUP BY): /status on a workshop with thousands of entries
    reads a handful of numbers instead of every row.
    """
    counts = {st.number: 0 for st in STEPS}
    for number, n in session.exec(
            select(Entry.step, func.count()).where(Entry.workshop_id == workshop_id)
            .group_by(col(Entry.step))).all():
        counts[number] = counts.get(number, 0) + n
    counts[TARGET_STEP.number] += session.exec(
        select(func.count()).select_from(Entry).where(
            Entry.workshop_id == workshop_id, Entry.kind == EntryKind.PERSONA,
            col(Entry.is_target))).one()
    for kind, n in session.exec(
            select(EmotionScore.kind, func.count()).where(EmotionScore.workshop_id == workshop_id)
            .group_by(col(EmotionScore.kind))).all():
        counts[scoring_step(ScoreKind(kind)).number] += n
    counts[ACTION_STEP.number] = session.exec(
        select(func.count()).select_from(Action).where(Action.workshop_id == workshop_id)).one()
    return counts
