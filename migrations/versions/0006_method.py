"""Method depth: an action's goal, a named emotion beside a score, scores per persona.

Revision ID: 0006_method
Revises: 0005_trust
Create Date: 2026-12-05

An action may serve one of step 1's goals (action.goal_id, cleared when the goal goes); an
emotion score may carry the word the member gave it (emotionscore.word, "emotie 2 onrustig").
Scenarios and thoughts are new entry kinds: the kind column already holds them. With two or
more target personas, scores may be given per persona (table personascore) and observations
made for one (entry.persona_id).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import context, op

import cjworkflow.storage.models

revision: str = "0006_method"
down_revision: str | None = "0005_trust"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _reference(table: str, column: str) -> None:
    """A nullable column of table referring to entry.id, cleared when the entry goes."""
    name = f"{table}_{column}_fkey"
    if op.get_context().dialect.name != "sqlite":
        op.add_column(table, sa.Column(column, sa.Integer(), nullable=True))
        op.create_foreign_key(name, table, "entry", [column], ["id"], ondelete="SET NULL")
    elif context.is_offline_mode():
        # A script cannot rebuild a table it cannot read: the reference goes inline (SQLite
        # keeps it, though it reads back unnamed).
        op.execute(f"ALTER TABLE {table} ADD COLUMN {column} INTEGER"
                   " REFERENCES entry (id) ON DELETE SET NULL")
    else:
        # SQLite keeps a named reference with ON DELETE only as a table constraint: rebuilt.
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column(column, sa.Integer(), nullable=True))
            batch.create_foreign_key(name, "entry", [column], ["id"], ondelete="SET NULL")
    op.create_index(f"ix_{table}_{column}", table, [column], unique=False)


def upgrade() -> None:
    _reference("action", "goal_id")
    _reference("entry", "persona_id")
    op.add_column("emotionscore", sa.Column("word", sqlmodel.sql.sqltypes.AutoString(length=1000),
                                            nullable=True))
    op.create_table(
        "personascore",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("stage_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("persona_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("word", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.Column("created_at", cjworkflow.storage.models.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshop.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["stage_id"], ["stage.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["member_id"], ["member.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["persona_id"], ["entry.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("stage_id", "member_id", "kind", "persona_id",
                            name="uq_personascore_member"),
    )
    for column in ("workshop_id", "stage_id", "member_id", "persona_id"):
        op.create_index(f"ix_personascore_{column}", "personascore", [column], unique=False)


def downgrade() -> None:
    # Scenarios and thoughts have no place in the old schema's map: they go with it, as do
    # the scores per persona.
    for column in ("workshop_id", "stage_id", "member_id", "persona_id"):
        op.drop_index(f"ix_personascore_{column}", table_name="personascore")
    op.drop_table("personascore")
    op.execute("DELETE FROM entry WHERE kind IN ('scenario', 'thought')")
    with op.batch_alter_table("emotionscore") as batch:
        batch.drop_column("word")
    for table, column in (("entry", "persona_id"), ("action", "goal_id")):
        op.drop_index(f"ix_{table}_{column}", table_name=table)
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(f"{table}_{column}_fkey", type_="foreignkey")
            batch.drop_column(column)
