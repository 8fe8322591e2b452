"""Method depth: an action's goal, a named emotion beside a score.

Revision ID: 0006_method
Revises: 0005_trust
Create Date: 2026-12-05

An action may serve one of step 1's goals (action.goal_id, cleared when the goal goes); an
emotion score may carry the word the member gave it (emotionscore.word, "emotie 2 onrustig").
Scenarios and thoughts are new entry kinds: the kind column already holds them.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import context, op

revision: str = "0006_method"
down_revision: str | None = "0005_trust"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_context().dialect.name != "sqlite":
        op.add_column("action", sa.Column("goal_id", sa.Integer(), nullable=True))
        op.create_foreign_key("action_goal_id_fkey", "action", "entry", ["goal_id"], ["id"],
                              ondelete="SET NULL")
    elif context.is_offline_mode():
        # A script cannot rebuild a table it cannot read: the reference goes inline (SQLite
        # keeps it, though it reads back unnamed).
        op.execute("ALTER TABLE action ADD COLUMN goal_id INTEGER"
                   " REFERENCES entry (id) ON DELETE SET NULL")
    else:
        # SQLite keeps a named reference with ON DELETE only as a table constraint: rebuilt.
        with op.batch_alter_table("action") as batch:
            batch.add_column(sa.Column("goal_id", sa.Integer(), nullable=True))
            batch.create_foreign_key("action_goal_id_fkey", "entry", ["goal_id"], ["id"],
                                     ondelete="SET NULL")
    op.create_index("ix_action_goal_id", "action", ["goal_id"], unique=False)
    op.add_column("emotionscore", sa.Column("word", sqlmodel.sql.sqltypes.AutoString(length=1000),
                                            nullable=True))


def downgrade() -> None:
    # Scenarios and thoughts have no place in the old schema's map: they go with it.
    op.execute("DELETE FROM entry WHERE kind IN ('scenario', 'thought')")
    with op.batch_alter_table("emotionscore") as batch:
        batch.drop_column("word")
    op.drop_index("ix_action_goal_id", table_name="action")
    with op.batch_alter_table("action") as batch:
        batch.drop_constraint("action_goal_id_fkey", type_="foreignkey")
        batch.drop_column("goal_id")
