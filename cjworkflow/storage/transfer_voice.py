"""The customers' responses in the lossless workshop file: rows, checks, export and import.

Respondents travel without any identity (a customer's Telegram account never leaves the
bot): an imported response belongs to nobody, like a response from a file of scores. Survey
links do not travel either: the copy makes its own with /survey.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import Session, col, select

from cjworkflow.limits import MAX_ENTRIES, MAX_LINE, MAX_STAGES
from cjworkflow.limits.voice import (
    MAX_COMMENT,
    MAX_DONE,
    MAX_NOTE,
    MAX_RESPONSES,
    MAX_ROUNDS,
    MAX_SCORE,
    MIN_SCORE,
)
from cjworkflow.storage.models_voice import JourneyRound, SurveyResponse, SurveyScore

MAX_ROWS = MAX_RESPONSES


class ResponseScoreRow(BaseModel):
    """One stage's score (or a note without one) in a customer's response."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    stage_id: int
    score: int | None = Field(default=None, ge=MIN_SCORE, le=MAX_SCORE)
    note: str | None = Field(default=None, max_length=MAX_NOTE)


class ResponseRow(BaseModel):
    """A customer's response: its round, where it came from, its scores and comment."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    round: int = Field(default=1, ge=1, le=1000)
    source: str = Field(default="chat", pattern="^(chat|import)$")
    comment: str | None = Field(default=None, max_length=MAX_COMMENT)
    created_at: datetime
    finished_at: datetime | None = None
    scores: list[ResponseScoreRow] = Field(default_factory=list, max_length=MAX_STAGES)


class RoundStageRow(BaseModel):
    """A stage as a kept round saw it."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    position: int = Field(ge=0, lt=MAX_STAGES)
    label: str = Field(max_length=100)
    team: float | None = Field(default=None, ge=MIN_SCORE, le=MAX_SCORE)
    team_n: int = Field(default=0, ge=0)
    ideal: float | None = Field(default=None, ge=MIN_SCORE, le=MAX_SCORE)
    customers: float | None = Field(default=None, ge=MIN_SCORE, le=MAX_SCORE)
    customers_n: int = Field(default=0, ge=0)
    observations: list[Annotated[str, Field(max_length=MAX_LINE)]] = Field(
        default_factory=list, max_length=MAX_ENTRIES)


class RoundSummaryRow(BaseModel):
    """What a kept round found (storage.rounds.summary)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    number: int = Field(ge=1, le=MAX_ROUNDS)
    started_at: str = Field(max_length=40)
    ended_at: str = Field(max_length=40)
    stages: list[RoundStageRow] = Field(default_factory=list, max_length=MAX_STAGES)
    done: list[Annotated[str, Field(max_length=500)]] = Field(default_factory=list,
                                                                max_length=MAX_DONE)
    responses: int = Field(default=0, ge=0, le=MAX_RESPONSES)


class RoundRow(BaseModel):
    """A kept round of the journey."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    number: int = Field(ge=1, le=MAX_ROUNDS)
    started_at: datetime
    ended_at: datetime
    summary: RoundSummaryRow


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def export_rows(session: Session, workshop_id: int) -> list[dict[str, Any]]:
    """A workshop's responses as JSON-ready rows (no respondent)."""
    responses = session.exec(select(SurveyResponse).where(
        SurveyResponse.workshop_id == workshop_id).order_by(col(SurveyResponse.id))).all()
    ids = [r.id for r in responses]
    by_response: dict[int, list[SurveyScore]] = {}
    if ids:
        for s in session.exec(select(SurveyScore).where(col(SurveyScore.response_id).in_(ids))
                              .order_by(col(SurveyScore.id))).all():
            by_response.setdefault(s.response_id, []).append(s)
    return [{"round": r.round, "source": r.source, "comment": r.comment,
             "created_at": _iso(r.created_at), "finished_at": _iso(r.finished_at),
             "scores": [{"stage_id": s.stage_id, "score": s.score, "note": s.note}
                        for s in by_response.get(r.id or 0, [])]}
            for r in responses]


def export_rounds(session: Session, workshop_id: int) -> list[dict[str, Any]]:
    """A workshop's kept rounds as JSON-ready rows."""
    return [{"number": r.number, "started_at": _iso(r.started_at),
             "ended_at": _iso(r.ended_at), "summary": json.loads(r.summary)}
            for r in session.exec(select(JourneyRound).where(
                JourneyRound.workshop_id == workshop_id)
                .order_by(col(JourneyRound.number))).all()]


def import_rounds(session: Session, rows: Sequence[RoundRow], workshop_id: int) -> None:
    """Keep the file's rounds in the new workshop."""
    session.add_all([JourneyRound(workshop_id=workshop_id, number=r.number,
                                  started_at=r.started_at, ended_at=r.ended_at,
                                  summary=json.dumps(r.summary.model_dump(), ensure_ascii=False))
                     for r in rows])


def round_problem(rows: Sequence[RoundRow]) -> str | None:
    """The path of the first round numbered twice, if any."""
    seen: set[int] = set()
    for i, r in enumerate(rows):
        if r.number in seen:
            return f"rounds.{i}.number"
        seen.add(r.number)
    return None


def problem(rows: Sequence[ResponseRow], stages: set[int]) -> str | None:
    """The path of the first dangling stage or stage scored twice in one response, if any."""
    for i, r in enumerate(rows):
        seen: set[int] = set()
        for j, s in enumerate(r.scores):
            if s.stage_id not in stages or s.stage_id in seen:
                return f"survey_responses.{i}.scores.{j}.stage_id"
            seen.add(s.stage_id)
    return None


def import_rows(session: Session, rows: Sequence[ResponseRow], workshop_id: int,
                stage_ids: dict[int, int]) -> None:
    """Add the file's responses to the new workshop (stage_ids: file id -> new id)."""
    made = [SurveyResponse(workshop_id=workshop_id, round=r.round, source=r.source,
                           comment=r.comment, created_at=r.created_at,
                           finished_at=r.finished_at) for r in rows]
    session.add_all(made)
    session.flush()
    session.add_all([SurveyScore(response_id=m.id or 0, stage_id=stage_ids[s.stage_id],
                                 score=s.score, note=s.note)
                     for m, r in zip(made, rows, strict=True) for s in r.scores])
