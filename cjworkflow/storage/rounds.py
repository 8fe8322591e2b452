"""Rounds of a journey: /round keeps what the current round found (as a summary without
names) and starts the next one with the same goals, personas, stages, touchpoints, elements
and open actions, but without scores and walkthrough observations."""

from __future__ import annotations

import json
import statistics
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, func, select

from cjworkflow.limits import voice as voice_limits
from cjworkflow.storage import surveys, workshops
from cjworkflow.storage.models import (
    Action,
    ActionStatus,
    EmotionScore,
    Entry,
    EntryKind,
    PersonaScore,
    ScoreKind,
    Workshop,
)
from cjworkflow.storage.models_voice import JourneyRound
from cjworkflow.voice.view import RoundStage, RoundView

MAX_ROUNDS, MAX_DONE = voice_limits.MAX_ROUNDS, voice_limits.MAX_DONE


def current(*, session: Session, workshop_id: int) -> int:
    """The round a workshop is in: 1, then one more for each round kept."""
    kept = session.exec(select(func.max(JourneyRound.number))
                        .where(JourneyRound.workshop_id == workshop_id)).one()
    return (kept or 0) + 1


def last_end(*, session: Session, workshop_id: int) -> datetime | None:
    """When the last kept round ended (None in the first round)."""
    return session.exec(select(JourneyRound.ended_at).where(
        JourneyRound.workshop_id == workshop_id).order_by(col(JourneyRound.number).desc())
                        ).first()


def _mean(values: list[int]) -> float | None:
    return round(statistics.fmean(values), 2) if values else None


def summary(session: Session, ws: Workshop, number: int, now: datetime) -> dict[str, Any]:
    """What the current round found, as the JSON its kept row holds."""
    wid = ws.id or 0
    stages = workshops.stages_of(session=session, workshop_id=wid)
    team: dict[tuple[int, str], list[int]] = {}
    for stage_id, kind, score in session.exec(select(
            EmotionScore.stage_id, EmotionScore.kind, EmotionScore.score)
            .where(EmotionScore.workshop_id == wid)).all():
        team.setdefault((stage_id, kind), []).append(score)
    voice = surveys.voice(session=session, workshop_id=wid, stages=stages, round_=number)
    since = last_end(session=session, workshop_id=wid)
    q = select(Action.title).where(Action.workshop_id == wid, Action.status == ActionStatus.DONE)
    if since is not None:  # the first round: everything done so far
        q = q.where(col(Action.done_at) > since)
    done = session.exec(q.order_by(col(Action.done_at)).limit(MAX_DONE)).all()
    seen: dict[int | None, list[str]] = {}
    for where, text in session.exec(select(Entry.stage_id, Entry.text).where(
            Entry.workshop_id == wid, Entry.kind == EntryKind.OBSERVATION)
            .order_by(col(Entry.id))).all():
        seen.setdefault(where, []).append(text)
    out_stages = []
    for st in stages:
        current_scores = team.get((st.id or 0, ScoreKind.CURRENT), [])
        ideal = team.get((st.id or 0, ScoreKind.IDEAL), [])
        cv = voice.at(st.position) if voice is not None else None
        out_stages.append({"position": st.position, "label": st.label,
                           "team": _mean(current_scores), "team_n": len(current_scores),
                           "ideal": _mean(ideal),
                           "customers": round(cv.mean, 2) if cv and cv.mean else None,
                           "customers_n": cv.n if cv else 0,
                           "observations": seen.get(st.id, [])})
    begun = since or ws.created_at
    return {"number": number, "started_at": begun.isoformat(), "ended_at": now.isoformat(),
            "stages": out_stages, "done": list(done),
            "responses": voice.responses if voice is not None else 0}


def start_next(session: Session, ws: Workshop, now: datetime) -> int:
    """Keep the current round and start the next; the new round's number."""
    wid = ws.id or 0
    number = current(session=session, workshop_id=wid)
    data = summary(session, ws, number, now)
    session.add(JourneyRound(workshop_id=wid, number=number,
                             started_at=datetime.fromisoformat(data["started_at"]),
                             ended_at=now, summary=json.dumps(data, ensure_ascii=False)))
    for score in session.exec(select(EmotionScore).where(EmotionScore.workshop_id == wid)).all():
        session.delete(score)
    # Scores per target persona start empty too (the round's summary keeps the team's).
    for persona_score in session.exec(select(PersonaScore)
                                      .where(PersonaScore.workshop_id == wid)).all():
        session.delete(persona_score)
    for obs in session.exec(select(Entry).where(Entry.workshop_id == wid,
                                                Entry.kind == EntryKind.OBSERVATION)).all():
        session.delete(obs)
    link = surveys.open_survey(session=session, workshop_id=wid)
    if link is not None:
        link.round = number + 1  # the same link now asks about the new round
    session.flush()
    return number + 1


def view(row: JourneyRound) -> RoundView:
    """A kept round as renderers read it."""
    data = json.loads(row.summary)
    return RoundView(number=row.number, started_at=data.get("started_at", ""),
                     ended_at=data.get("ended_at", ""),
                     stages=tuple(RoundStage(**dict(s, observations=tuple(
                         s.get("observations", ())))) for s in data.get("stages", [])),
                     done=tuple(data.get("done", [])), responses=data.get("responses", 0))


def kept(*, session: Session, workshop_id: int) -> list[JourneyRound]:
    """A workshop's kept rounds, oldest first."""
    return list(session.exec(select(JourneyRound).where(JourneyRound.workshop_id == workshop_id)
                             .order_by(col(JourneyRound.number))).all())
