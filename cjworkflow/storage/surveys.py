"""Repository functions of customer surveys: links, responses, scores; keyword-only, each
taking the caller's session. Customers are never members: nothing here touches Member."""

from __future__ import annotations

import secrets
from collections import defaultdict
from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, delete, select

from cjworkflow.limits.voice import LISTEN_MINUTES
from cjworkflow.storage.models import Person, Stage, Workshop
from cjworkflow.storage.models_voice import Survey, SurveyResponse, SurveyScore
from cjworkflow.storage.store import touch_now
from cjworkflow.voice.view import CustomerVoice, StageVoice

# A survey link's code: its own prefix and length, never a join code (those are 16 long).
PREFIX = "s_"
CODE_BYTES = 12


def new_code() -> str:
    """A fresh, unguessable survey code (deep-link-safe: letters, digits, _ and -)."""
    return PREFIX + secrets.token_urlsafe(CODE_BYTES)


def is_survey_code(text: str) -> bool:
    """Whether a /start payload is a survey code rather than a join code."""
    return text.startswith(PREFIX) and len(text) == len(PREFIX) + 16


def open_survey(*, session: Session, workshop_id: int) -> Survey | None:
    """The workshop's open survey link, if any."""
    return session.exec(select(Survey).where(Survey.workshop_id == workshop_id,
                                             col(Survey.closed_at).is_(None))
                        .order_by(col(Survey.id).desc())).first()


def by_code(*, session: Session, code: str) -> Survey | None:
    """The survey a code opens (closed ones too: the caller says it is closed)."""
    return session.exec(select(Survey).where(Survey.code == code)).first()


def create(*, session: Session, workshop: Workshop, title: str) -> Survey:
    """A new open survey link for workshop."""
    survey = Survey(workshop_id=workshop.id or 0, code=new_code(), title=title[:200])
    session.add(survey)
    session.flush()
    return survey


def response_count(*, session: Session, workshop_id: int, round_: int | None = None) -> int:
    """How many customer responses (with at least one score or a comment) a workshop has
    (in one round, if given)."""
    scored = select(SurveyScore.response_id).where(col(SurveyScore.score).is_not(None))
    q = select(func.count()).select_from(SurveyResponse).where(
        SurveyResponse.workshop_id == workshop_id,
        col(SurveyResponse.id).in_(scored) | col(SurveyResponse.comment).is_not(None))
    if round_ is not None:
        q = q.where(SurveyResponse.round == round_)
    return session.exec(q).one()


def responses_since(*, session: Session, workshop_id: int, since: datetime) -> int:
    """How many answered responses a workshop got after since."""
    scored = select(SurveyScore.response_id).where(col(SurveyScore.score).is_not(None))
    return session.exec(select(func.count()).select_from(SurveyResponse).where(
        SurveyResponse.workshop_id == workshop_id, col(SurveyResponse.created_at) > since,
        col(SurveyResponse.id).in_(scored) | col(SurveyResponse.comment).is_not(None))).one()


def all_responses(*, session: Session, workshop_id: int) -> int:
    """Every response row of a workshop, answered or not (the bound counts these)."""
    return session.exec(select(func.count()).select_from(SurveyResponse).where(
        SurveyResponse.workshop_id == workshop_id)).one()


def response_of(*, session: Session, survey_id: int, person_id: int,
                round_: int) -> SurveyResponse | None:
    """A customer's response to one survey in one round."""
    return session.exec(select(SurveyResponse).where(
        SurveyResponse.survey_id == survey_id, SurveyResponse.respondent_id == person_id,
        SurveyResponse.round == round_)).first()


def listening(*, session: Session, external_id: str, now: datetime) -> SurveyResponse | None:
    """The response a customer's typed line belongs to: one they are answering right now.
    Those whose time ran out stop listening (the entry path takes their lines again)."""
    rows = session.exec(
        select(SurveyResponse).join(Person, col(Person.id) == col(SurveyResponse.respondent_id))
        .where(Person.external_id == external_id,
               col(SurveyResponse.listening_until).is_not(None))
        .order_by(col(SurveyResponse.listening_until).desc())).all()
    for late in (r for r in rows if r.listening_until is not None and r.listening_until <= now):
        late.listening_until = None
    return next((r for r in rows if r.listening_until is not None), None)


def listen(response: SurveyResponse, now: datetime) -> None:
    """Typed lines reach this response for a while."""
    response.listening_until = now + timedelta(minutes=LISTEN_MINUTES)


def scores_of(*, session: Session, response_id: int) -> dict[int, SurveyScore]:
    """A response's scores by stage id."""
    return {s.stage_id: s for s in session.exec(
        select(SurveyScore).where(SurveyScore.response_id == response_id)).all()}


def set_score(*, session: Session, response_id: int, stage_id: int,
              score: int | None) -> SurveyScore:
    """Store (or change, or with None clear) a customer's score of a stage."""
    row = session.exec(select(SurveyScore).where(SurveyScore.response_id == response_id,
                                                 SurveyScore.stage_id == stage_id)).first()
    if row is None:
        row = SurveyScore(response_id=response_id, stage_id=stage_id)
        session.add(row)
    row.score = score
    session.flush()
    return row


def of_person(*, session: Session, person_id: int) -> list[SurveyResponse]:
    """Every response a person gave (for /mydata and /forget)."""
    return list(session.exec(select(SurveyResponse).where(
        SurveyResponse.respondent_id == person_id).order_by(col(SurveyResponse.id))).all())


def personal(*, session: Session, person_id: int) -> list[dict[str, object]]:
    """A person's responses for /mydata: what they saw and said, nothing of the team's."""
    out: list[dict[str, object]] = []
    for resp in of_person(session=session, person_id=person_id):
        survey = session.get(Survey, resp.survey_id) if resp.survey_id else None
        labels = {st.id: st.label for st in session.exec(
            select(Stage).where(Stage.workshop_id == resp.workshop_id)).all()}
        out.append({
            "survey": survey.title if survey is not None else None,
            "answers": [{"stage": labels.get(s.stage_id), "score": s.score, "note": s.note}
                        for s in sorted(scores_of(session=session,
                                                  response_id=resp.id or 0).values(),
                                        key=lambda s: s.id or 0)],
            "comment": resp.comment,
            "started_at": resp.created_at.isoformat(),
            "finished_at": resp.finished_at.isoformat() if resp.finished_at else None,
        })
    return out


def erase_person(*, session: Session, person_id: int) -> int:
    """Delete a person's responses with their scores; how many."""
    rows = of_person(session=session, person_id=person_id)
    ids = [r.id for r in rows]
    for wid in sorted({r.workshop_id for r in rows}):
        ws = session.get(Workshop, wid)
        if ws is not None:
            # The customers' curve changed: no cached map may show the old one.
            touch_now(session=session, workshop=ws)
    if ids:
        session.exec(delete(SurveyScore).where(col(SurveyScore.response_id).in_(ids)))
        session.exec(delete(SurveyResponse).where(col(SurveyResponse.id).in_(ids)))
    return len(ids)


def voice(*, session: Session, workshop_id: int, stages: list[Stage],
          round_: int | None = None) -> CustomerVoice | None:
    """The customers' scores, notes and comments per stage, without names; None if none."""
    q = (select(SurveyScore.stage_id, SurveyScore.score, SurveyScore.note)
         .join(SurveyResponse, col(SurveyResponse.id) == col(SurveyScore.response_id))
         .where(SurveyResponse.workshop_id == workshop_id)
         .order_by(col(SurveyScore.id)))
    c = (select(SurveyResponse.comment).where(SurveyResponse.workshop_id == workshop_id,
                                              col(SurveyResponse.comment).is_not(None))
         .order_by(col(SurveyResponse.id)))
    if round_ is not None:
        q = q.where(SurveyResponse.round == round_)
        c = c.where(SurveyResponse.round == round_)
    scores: dict[int, list[int]] = defaultdict(list)
    notes: dict[int, list[str]] = defaultdict(list)
    for stage_id, score, note in session.exec(q).all():
        if score is not None:
            scores[stage_id].append(score)
        if note:
            notes[stage_id].append(note)
    comments = tuple(x for x in session.exec(c).all() if x)
    count = response_count(session=session, workshop_id=workshop_id, round_=round_)
    if not count and not scores:
        return None
    return CustomerVoice(
        responses=count, comments=comments,
        stages=tuple(StageVoice(position=st.position, label=st.label,
                                scores=tuple(scores.get(st.id or 0, ())),
                                notes=tuple(notes.get(st.id or 0, ()))) for st in stages))
