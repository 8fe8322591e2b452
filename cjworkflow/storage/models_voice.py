"""The schema of the customer voice: survey links, customers' responses and scores, kept rounds."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from cjworkflow.storage.models import ts_column, utcnow

# --- Customer voice (issue 15): a survey link customers answer, and their responses ----------

class Survey(SQLModel, table=True):
    """A customer survey link of a workshop; closed_at set when a facilitator revoked it."""

    id: int | None = Field(default=None, primary_key=True)
    workshop_id: int = Field(foreign_key="workshop.id", ondelete="CASCADE", index=True)
    code: str = Field(max_length=64, unique=True, index=True)
    # The journey as the customer would recognise it (the workshop's title if not given).
    title: str = Field(max_length=200)
    round: int = Field(default=1, sa_column_kwargs={"server_default": "1"})
    created_at: datetime = Field(default_factory=utcnow, sa_column=ts_column())
    closed_at: datetime | None = Field(default=None, sa_column=ts_column(nullable=True))


class SurveyResponse(SQLModel, table=True):
    """One customer's response (or one imported from another survey tool: no respondent)."""

    __table_args__ = (UniqueConstraint("survey_id", "respondent_id", "round",
                                       name="uq_response_person"),
                      Index("ix_response_workshop_round", "workshop_id", "round"))

    id: int | None = Field(default=None, primary_key=True)
    workshop_id: int = Field(foreign_key="workshop.id", ondelete="CASCADE")
    survey_id: int | None = Field(default=None, foreign_key="survey.id", ondelete="SET NULL",
                                  index=True)
    round: int = Field(default=1, sa_column_kwargs={"server_default": "1"})
    # The customer: never a member; None for an imported response.
    respondent_id: int | None = Field(default=None, foreign_key="person.id",
                                      ondelete="CASCADE", index=True)
    source: str = Field(default="chat", max_length=16)  # chat | import
    comment: str | None = Field(default=None, max_length=1000)
    # Where the conversation is: the stage position asked next, or None when done.
    asking: int | None = Field(default=None)
    # The stage a typed line describes ("what happened here?"): the last one scored.
    note_stage_id: int | None = Field(default=None)
    # Typed lines reach the survey until then (then the chat is the bot's usual one again).
    listening_until: datetime | None = Field(default=None, sa_column=ts_column(nullable=True))
    finished_at: datetime | None = Field(default=None, sa_column=ts_column(nullable=True))
    created_at: datetime = Field(default_factory=utcnow, sa_column=ts_column())


class SurveyScore(SQLModel, table=True):
    """A customer's score (1-5) of one stage, with what happened there, if they said."""

    __table_args__ = (UniqueConstraint("response_id", "stage_id", name="uq_survey_score"),)

    id: int | None = Field(default=None, primary_key=True)
    response_id: int = Field(foreign_key="surveyresponse.id", ondelete="CASCADE", index=True)
    stage_id: int = Field(foreign_key="stage.id", ondelete="CASCADE", index=True)
    score: int | None = Field(default=None)
    note: str | None = Field(default=None, max_length=300)


class JourneyRound(SQLModel, table=True):
    """A finished round of a workshop's journey, kept when /round starts the next one: what
    the map showed then (stages, team and customer scores, observations) and the actions done
    in it, as JSON; without names. The current round is the one after the last kept."""

    __table_args__ = (UniqueConstraint("workshop_id", "number", name="uq_round_number"),)

    id: int | None = Field(default=None, primary_key=True)
    workshop_id: int = Field(foreign_key="workshop.id", ondelete="CASCADE", index=True)
    number: int
    started_at: datetime = Field(sa_column=ts_column())
    ended_at: datetime = Field(sa_column=ts_column())
    summary: str = Field(sa_column=Column(Text, nullable=False))
