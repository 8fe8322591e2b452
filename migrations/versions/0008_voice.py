"""Customer voice and rounds: survey links, customers' responses and their scores per stage,
and the kept rounds of a journey mapped again.

Revision ID: 0008_voice
Revises: 0006_method
Create Date: 2026-12-05

A response carries its round (1 for every workshop so far), so later rounds of the same
journey can keep their own responses.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import cjworkflow.storage.models

revision: str = "0008_voice"
down_revision: str | None = "0006_method"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TS = cjworkflow.storage.models.UTCDateTime


def upgrade() -> None:
    op.create_table(
        "survey",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("round", sa.Integer(), server_default="1", nullable=False),
        sa.Column("created_at", _TS(), nullable=False),
        sa.Column("closed_at", _TS(), nullable=True),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshop.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_survey_code"), "survey", ["code"], unique=True)
    op.create_index(op.f("ix_survey_workshop_id"), "survey", ["workshop_id"], unique=False)
    op.create_table(
        "surveyresponse",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("survey_id", sa.Integer(), nullable=True),
        sa.Column("round", sa.Integer(), server_default="1", nullable=False),
        sa.Column("respondent_id", sa.Integer(), nullable=True),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("comment", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.Column("asking", sa.Integer(), nullable=True),
        sa.Column("note_stage_id", sa.Integer(), nullable=True),
        sa.Column("listening_until", _TS(), nullable=True),
        sa.Column("finished_at", _TS(), nullable=True),
        sa.Column("created_at", _TS(), nullable=False),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshop.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["survey_id"], ["survey.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["respondent_id"], ["person.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("survey_id", "respondent_id", "round", name="uq_response_person"),
    )
    op.create_index("ix_response_workshop_round", "surveyresponse", ["workshop_id", "round"],
                    unique=False)
    op.create_index(op.f("ix_surveyresponse_survey_id"), "surveyresponse", ["survey_id"],
                    unique=False)
    op.create_index(op.f("ix_surveyresponse_respondent_id"), "surveyresponse",
                    ["respondent_id"], unique=False)
    op.create_table(
        "surveyscore",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("stage_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
        sa.ForeignKeyConstraint(["response_id"], ["surveyresponse.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["stage_id"], ["stage.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("response_id", "stage_id", name="uq_survey_score"),
    )
    op.create_index(op.f("ix_surveyscore_response_id"), "surveyscore", ["response_id"],
                    unique=False)
    op.create_index(op.f("ix_surveyscore_stage_id"), "surveyscore", ["stage_id"], unique=False)
    op.create_table(
        "journeyround",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("started_at", _TS(), nullable=False),
        sa.Column("ended_at", _TS(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshop.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("workshop_id", "number", name="uq_round_number"),
    )
    op.create_index(op.f("ix_journeyround_workshop_id"), "journeyround", ["workshop_id"],
                    unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_journeyround_workshop_id"), table_name="journeyround")
    op.drop_table("journeyround")
    op.drop_index(op.f("ix_surveyscore_stage_id"), table_name="surveyscore")
    op.drop_index(op.f("ix_surveyscore_response_id"), table_name="surveyscore")
    op.drop_table("surveyscore")
    op.drop_index(op.f("ix_surveyresponse_respondent_id"), table_name="surveyresponse")
    op.drop_index(op.f("ix_surveyresponse_survey_id"), table_name="surveyresponse")
    op.drop_index("ix_response_workshop_round", table_name="surveyresponse")
    op.drop_table("surveyresponse")
    op.drop_index(op.f("ix_survey_workshop_id"), table_name="survey")
    op.drop_index(op.f("ix_survey_code"), table_name="survey")
    op.drop_table("survey")
