"""Trust and resilience: dead letters, members who left or were kicked, names that are not people.

Revision ID: 0005_trust
Revises: 0004_reminders
Create Date: 2026-12-02

Data: a person with no external id (an owner named by @handle before they ever wrote, or
someone from an imported file) is no longer claimed by whoever writes with that handle. Their
memberships become names (role "name") and their handle is dropped: a handle is only ever
taken from the transport's own account data.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import cjworkflow.storage.models

revision: str = "0005_trust"
down_revision: str | None = "0004_reminders"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "deadletter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("update_id", sa.BigInteger(), nullable=False),
        sa.Column("error_class", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("chat_ref", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("payload", sa.Text(), nullable=True),
        sa.Column("created_at", cjworkflow.storage.models.UTCDateTime(), nullable=False),
        sa.Column("retried_at", cjworkflow.storage.models.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("update_id"),
    )
    op.create_index("ix_deadletter_created", "deadletter", ["created_at"], unique=False)
    op.add_column("member", sa.Column("removed_at", cjworkflow.storage.models.UTCDateTime(),
                                      nullable=True))
    op.add_column("member", sa.Column("removal", sqlmodel.sql.sqltypes.AutoString(length=16),
                                      nullable=True))
    op.execute("UPDATE member SET role = 'name' WHERE person_id IN"
               " (SELECT id FROM person WHERE external_id IS NULL)")
    op.execute("UPDATE person SET handle = NULL WHERE external_id IS NULL")


def downgrade() -> None:
    # Names become plain members again (the old schema knew no other kind).
    op.execute("UPDATE member SET role = 'member' WHERE role = 'name'")
    with op.batch_alter_table("member") as batch:
        batch.drop_column("removal")
        batch.drop_column("removed_at")
    op.drop_index("ix_deadletter_created", table_name="deadletter")
    op.drop_table("deadletter")
