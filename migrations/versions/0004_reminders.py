"""Reminders, weekly digests and timeboxes.

Revision ID: 0004_reminders
Revises: 0003_chat_cards
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import cjworkflow.storage.models

revision: str = "0004_reminders"
down_revision: str | None = "0003_chat_cards"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_WORKSHOP_COLUMNS = ("reminder_offsets", "digest_enabled", "last_digest_at", "timebox_ends_at",
                     "timebox_step", "timebox_auto", "timebox_warned")


def upgrade() -> None:
    op.create_table(
        "reminder",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("fire_at", cjworkflow.storage.models.UTCDateTime(), nullable=False),
        sa.Column("sent_at", cjworkflow.storage.models.UTCDateTime(), nullable=True),
        sa.Column("late", sa.Boolean(), nullable=False),
        sa.Column("created_at", cjworkflow.storage.models.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["action_id"], ["action.id"], name="reminder_action_id_fkey",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_reminder_due", "reminder", ["sent_at", "fire_at"], unique=False)
    op.create_index(op.f("ix_reminder_action_id"), "reminder", ["action_id"], unique=False)
    # Server defaults: existing rows get a value, so the columns can be NOT NULL at once.
    op.add_column("workshop", sa.Column("reminder_offsets",
                                        sqlmodel.sql.sqltypes.AutoString(length=64),
                                        nullable=True))
    op.add_column("workshop", sa.Column("digest_enabled", sa.Boolean(), nullable=False,
                                        server_default=sa.true()))
    op.add_column("workshop", sa.Column("last_digest_at", cjworkflow.storage.models.UTCDateTime(),
                                        nullable=True))
    op.add_column("workshop", sa.Column("timebox_ends_at", cjworkflow.storage.models.UTCDateTime(),
                                        nullable=True))
    op.add_column("workshop", sa.Column("timebox_step", sa.Integer(), nullable=True))
    op.add_column("workshop", sa.Column("timebox_auto", sa.Boolean(), nullable=False,
                                        server_default=sa.false()))
    op.add_column("workshop", sa.Column("timebox_warned", sa.Boolean(), nullable=False,
                                        server_default=sa.false()))
    op.add_column("action", sa.Column("blocked_reason",
                                      sqlmodel.sql.sqltypes.AutoString(length=500),
                                      nullable=True))
    op.add_column("action", sa.Column("done_at", cjworkflow.storage.models.UTCDateTime(),
                                      nullable=True))


def downgrade() -> None:
    op.drop_column("action", "done_at")
    op.drop_column("action", "blocked_reason")
    for name in reversed(_WORKSHOP_COLUMNS):
        op.drop_column("workshop", name)
    op.drop_index(op.f("ix_reminder_action_id"), table_name="reminder")
    op.drop_index("ix_reminder_due", table_name="reminder")
    op.drop_table("reminder")
