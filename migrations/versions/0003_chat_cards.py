"""Living step cards per chat (group and private), replacing workshop.card_ref.

Revision ID: 0003_chat_cards
Revises: 0002_fk_indexes
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import cjworkflow.storage.models

revision: str = "0003_chat_cards"
down_revision: str | None = "0002_fk_indexes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "chatcard",
        sa.Column("chat_ref", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("message_ref", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("updated_at", cjworkflow.storage.models.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshop.id"], name="chatcard_workshop_id_fkey",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("chat_ref", "workshop_id"),
    )
    # A plain DROP COLUMN (SQLite >= 3.35 has it): no table rebuild, and offline SQL works.
    op.drop_column("workshop", "card_ref")


def downgrade() -> None:
    op.add_column("workshop", sa.Column("card_ref", sqlmodel.sql.sqltypes.AutoString(length=64),
                                        nullable=True))
    op.drop_table("chatcard")
