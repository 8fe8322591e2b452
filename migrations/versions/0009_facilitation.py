"""Team facilitation: anonymous mode, dot votes and team estimates.

Revision ID: 0009_facilitation
Revises: 0008_voice
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import cjworkflow.storage.models

revision: str = "0009_facilitation"
down_revision: str | None = "0008_voice"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Server defaults: existing rows get a value, so the columns can be NOT NULL at once.
    op.add_column("workshop", sa.Column("anonymous", sa.Boolean(), nullable=False,
                                        server_default=sa.false()))
    op.add_column("action", sa.Column("discuss", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    op.create_table(
        "poll",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("subject", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("dots", sa.Integer(), nullable=False),
        sa.Column("closes_at", cjworkflow.storage.models.UTCDateTime(), nullable=True),
        sa.Column("closed_at", cjworkflow.storage.models.UTCDateTime(), nullable=True),
        sa.Column("created_at", cjworkflow.storage.models.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshop.id"], name="poll_workshop_id_fkey",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_poll_closes", "poll", ["closed_at", "closes_at"], unique=False)
    op.create_index(op.f("ix_poll_workshop_id"), "poll", ["workshop_id"], unique=False)
    op.create_table(
        "pollitem",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("poll_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["poll_id"], ["poll.id"], name="pollitem_poll_id_fkey",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("poll_id", "item_id", name="uq_poll_item"),
    )
    op.create_index(op.f("ix_pollitem_poll_id"), "pollitem", ["poll_id"], unique=False)
    op.create_table(
        "pollmark",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("poll_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("dots", sa.Integer(), nullable=False),
        sa.Column("impact", sa.Integer(), nullable=True),
        sa.Column("effort", sa.Integer(), nullable=True),
        sa.Column("updated_at", cjworkflow.storage.models.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["poll_id"], ["poll.id"], name="pollmark_poll_id_fkey",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"], name="pollmark_member_id_fkey",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("poll_id", "member_id", "item_id", name="uq_poll_mark"),
    )
    op.create_index(op.f("ix_pollmark_poll_id"), "pollmark", ["poll_id"], unique=False)
    op.create_index(op.f("ix_pollmark_member_id"), "pollmark", ["member_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_pollmark_member_id"), table_name="pollmark")
    op.drop_index(op.f("ix_pollmark_poll_id"), table_name="pollmark")
    op.drop_table("pollmark")
    op.drop_index(op.f("ix_pollitem_poll_id"), table_name="pollitem")
    op.drop_table("pollitem")
    op.drop_index(op.f("ix_poll_workshop_id"), table_name="poll")
    op.drop_index("ix_poll_closes", table_name="poll")
    op.drop_table("poll")
    with op.batch_alter_table("action") as batch:
        batch.drop_column("discuss")
    with op.batch_alter_table("workshop") as batch:
        batch.drop_column("anonymous")
