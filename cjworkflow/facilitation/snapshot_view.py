"""What facilitation changes in a workshop's snapshot: dots on pains, no names when anonymous."""

from __future__ import annotations

from dataclasses import replace

from sqlmodel import Session, col, select

from cjworkflow.facilitation.results import latest_dots
from cjworkflow.snapshot import WorkshopSnapshot
from cjworkflow.storage import workshops
from cjworkflow.storage.models import Entry, Workshop


def adjusted(session: Session, ws: Workshop, snap: WorkshopSnapshot) -> WorkshopSnapshot:
    """snap with the latest pain vote's dots before each voted pain ("●3 …"), and, in
    anonymous mode, with the members counted but not named (every output is built from it)."""
    if ws.anonymous:
        snap = replace(snap, members=tuple(f"#{n}" for n in range(1, len(snap.members) + 1)))
    dots = latest_dots(session, ws.id or 0, "pains")
    if not dots:
        return snap
    voted: dict[int | None, dict[str, int]] = {}
    for e in session.exec(select(Entry).where(col(Entry.id).in_(list(dots)))):
        voted.setdefault(e.stage_id, {})[e.text] = dots[e.id or 0]
    stage_ids = [st.id for st in workshops.stages_of(session=session, workshop_id=ws.id or 0)]
    if len(stage_ids) != len(snap.stages):
        return snap
    stages = []
    for view, stage_id in zip(snap.stages, stage_ids, strict=True):
        marks = voted.get(stage_id, {})
        pains = tuple(f"●{marks[p]} {p}" if p in marks else p for p in view.pains)
        stages.append(replace(view, pains=pains))
    return replace(snap, stages=tuple(stages))
