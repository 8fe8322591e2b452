"""The workshop on the web: read-only links to a workshop, each kept as the hash of its token.

Revision ID: 0010_web
Revises: 0009_facilitation
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import cjworkflow.storage.models

revision: str = "0010_web"
down_revision: str | None = "0009_facilitation"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "weblink",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", cjworkflow.storage.models.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshop.id"], name="weblink_workshop_id_fkey",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["created_by"], ["person.id"], name="weblink_created_by_fkey",
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_weblink_token_hash", "weblink", ["token_hash"], unique=True)
    op.create_index("ix_weblink_workshop_id", "weblink", ["workshop_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_weblink_workshop_id", table_name="weblink")
    op.drop_index("ix_weblink_token_hash", table_name="weblink")
    op.drop_table("weblink")
