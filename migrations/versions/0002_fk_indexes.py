"""Index the foreign keys that deletes and per-member lookups walk.

Revision ID: 0002_fk_indexes
Revises: 0001_initial
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0002_fk_indexes"
down_revision: str | None = "0001_initial"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = (
    ("action", "author_id"),
    ("action", "owner_id"),
    ("action", "stage_id"),
    ("emotionscore", "member_id"),
    ("entry", "author_id"),
    ("entry", "stage_id"),
)


def upgrade() -> None:
    for table, column in INDEXES:
        op.create_index(f"ix_{table}_{column}", table, [column], unique=False)


def downgrade() -> None:
    for table, column in reversed(INDEXES):
        op.drop_index(f"ix_{table}_{column}", table_name=table)
