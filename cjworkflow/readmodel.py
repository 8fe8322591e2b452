"""Builds the detached WorkshopSnapshot that renderers and exports work from."""

from __future__ import annotations

from collections import defaultdict

from sqlmodel import Session

from cjworkflow import priority, store
from cjworkflow.models import EntryKind, ScoreKind, Workshop
from cjworkflow.snapshot import ActionView, PersonaView, StageView, WorkshopSnapshot


def member_names(*, session: Session, workshop_id: int) -> dict[int, str]:
    """Member id -> a display name (the @handle when known)."""
    names: dict[int, str] = {}
    for member, person in store.members_with_people(session=session, workshop_id=workshop_id):
        names[member.id or 0] = f"@{person.handle}" if person.handle else person.display_name
    return names


def build_snapshot(*, session: Session, workshop: Workshop) -> WorkshopSnapshot:
    """Everything about one workshop as plain data."""
    wid = workshop.id or 0
    stages = store.stages_of(session=session, workshop_id=wid)
    names = member_names(session=session, workshop_id=wid)
    by_stage: dict[int | None, dict[str, list[object]]] = defaultdict(lambda: defaultdict(list))
    goals: list[str] = []
    personas: list[PersonaView] = []
    have: list[str] = []
    need: list[str] = []
    for e in store.entries(session=session, workshop_id=wid):
        kind = EntryKind(e.kind)
        if kind is EntryKind.GOAL:
            goals.append(e.text)
        elif kind is EntryKind.PERSONA:
            personas.append(PersonaView(e.text, e.detail, e.goal, e.is_target))
        elif kind is EntryKind.RESOURCE:
            (have if e.have else need).append(e.text)
        elif kind is EntryKind.TOUCHPOINT:
            by_stage[e.stage_id]["touchpoints"].append((e.text, e.channel))
        else:
            by_stage[e.stage_id][kind.value].append(e.text)
    for s in store.scores(session=session, workshop_id=wid):
        key = "scores" if s.kind == ScoreKind.CURRENT else "ideal_scores"
        by_stage[s.stage_id][key].append(s.score)
    stage_views = []
    labels: dict[int, str] = {}
    for st in stages:
        d = by_stage.get(st.id, {})
        labels[st.id or 0] = st.label
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
        ))
    ordered = priority.prioritise(store.actions(session=session, workshop_id=wid))
    action_views = tuple(
        ActionView(
            number=i, title=a.title, impact=a.impact, effort=a.effort,
            quadrant=priority.quadrant(a.impact, a.effort).value,
            owner=names.get(a.owner_id) if a.owner_id else None,
            due_date=a.due_date, due_time=a.due_time, status=a.status,
            stage=labels.get(a.stage_id) if a.stage_id else None,
        )
        for i, a in enumerate(ordered, start=1)
    )
    return WorkshopSnapshot(
        id=wid, title=workshop.title, language=workshop.language, timezone=workshop.timezone,
        stage_model=workshop.stage_model, current_step=workshop.current_step,
        status=workshop.status, created_at=workshop.created_at, version=workshop.version,
        stages=tuple(stage_views), goals=tuple(goals), personas=tuple(personas),
        resources_have=tuple(have), resources_need=tuple(need), actions=action_views,
        members=tuple(names.values()),
    )
