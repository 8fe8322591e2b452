"""Who added how much per step: the facilitator's view to bring quiet members in (/who)."""

from __future__ import annotations

from collections import defaultdict

from sqlmodel import Session, col, func, select

from cjworkflow.members.rules import active
from cjworkflow.steps import ACTION_STEP, scoring_step
from cjworkflow.storage import persons
from cjworkflow.storage.models import Action, EmotionScore, Entry, ScoreKind


def counts(session: Session, workshop_id: int) -> list[tuple[str, dict[int, int]]]:
    """Each current member's label with their contributions per step, fewest first."""
    per: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for member_id, number, n in session.exec(
            select(Entry.author_id, Entry.step, func.count())
            .where(Entry.workshop_id == workshop_id)
            .group_by(col(Entry.author_id), col(Entry.step))).all():
        if member_id is not None:
            per[member_id][number] += n
    for member_id, kind, n in session.exec(
            select(EmotionScore.member_id, EmotionScore.kind, func.count())
            .where(EmotionScore.workshop_id == workshop_id)
            .group_by(col(EmotionScore.member_id), col(EmotionScore.kind))).all():
        per[member_id][scoring_step(ScoreKind(kind)).number] += n
    for member_id, n in session.exec(
            select(Action.author_id, func.count()).where(Action.workshop_id == workshop_id)
            .group_by(col(Action.author_id))).all():
        if member_id is not None:
            per[member_id][ACTION_STEP.number] += n
    rows = []
    for member, person in persons.members_with_people(session=session, workshop_id=workshop_id):
        if active(member):
            label = f"@{person.handle}" if person.handle else person.display_name
            rows.append((label, dict(per.get(member.id or 0, {}))))
    return sorted(rows, key=lambda r: (sum(r[1].values()), r[0].lower()))
