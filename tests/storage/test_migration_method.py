"""Migration 0006_method on a database with data: nothing is lost, and back again."""

from __future__ import annotations

from sqlalchemy import inspect, text

from cjworkflow.storage import migrate
from cjworkflow.storage.db import make_engine

ROWS = [
    "INSERT INTO person (id, display_name, private_chat_ok, created_at)"
    " VALUES (1, 'Ada', false, CURRENT_TIMESTAMP)",
    "INSERT INTO workshop (id, title, language, timezone, stage_model, current_step,"
    " focus_stage, status, join_code, version, digest_enabled, timebox_auto, timebox_warned,"
    " created_at, updated_at) VALUES (1, 'W', 'nl', 'Europe/Amsterdam', 'five', 8, 0,"
    " 'active', 'J', 1, true, false, false, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
    "INSERT INTO member (id, workshop_id, person_id, role, joined_at)"
    " VALUES (1, 1, 1, 'member', CURRENT_TIMESTAMP)",
    "INSERT INTO stage (id, workshop_id, position, label) VALUES (1, 1, 0, 'Aandacht')",
    "INSERT INTO entry (id, workshop_id, kind, step, text, stage_id, is_target, have,"
    " author_id, source_ref, created_at) VALUES (1, 1, 'goal', 1, 'Sneller', NULL, false,"
    " false, 1, 'r:1', CURRENT_TIMESTAMP)",
    "INSERT INTO emotionscore (id, workshop_id, stage_id, member_id, kind, score, created_at)"
    " VALUES (1, 1, 1, 1, 'current', 3, CURRENT_TIMESTAMP)",
    "INSERT INTO action (id, workshop_id, title, stage_id, status, author_id, source_ref,"
    " created_at, updated_at) VALUES (1, 1, 'Bellen', 1, 'open', 1, 'a:1', CURRENT_TIMESTAMP,"
    " CURRENT_TIMESTAMP)",
    "INSERT INTO reminder (id, action_id, kind, fire_at, late, created_at)"
    " VALUES (1, 1, 'due', CURRENT_TIMESTAMP, false, CURRENT_TIMESTAMP)",
]
COUNTS = ("entry", "emotionscore", "action", "reminder", "member", "stage")


def _counts(url: str) -> dict[str, int]:
    engine = make_engine(url)
    try:
        with engine.connect() as c:
            return {t: int(c.execute(text(f"SELECT count(*) FROM {t}")).scalar() or 0)
                    for t in COUNTS}
    finally:
        engine.dispose()


def test_upgrade_keeps_every_row_and_adds_the_method_columns(raw_db_url: str) -> None:
    migrate.upgrade(raw_db_url, "0005_trust")
    engine = make_engine(raw_db_url)
    try:
        with engine.begin() as c:
            for row in ROWS:
                c.execute(text(row))
    finally:
        engine.dispose()
    before = _counts(raw_db_url)
    migrate.upgrade(raw_db_url, "0006_method")
    assert _counts(raw_db_url) == before == dict.fromkeys(COUNTS, 1)
    engine = make_engine(raw_db_url)
    try:
        columns = {t: {c["name"] for c in inspect(engine).get_columns(t)}
                   for t in ("action", "entry", "emotionscore")}
        assert "goal_id" in columns["action"] and "persona_id" in columns["entry"]
        assert "word" in columns["emotionscore"]
        assert "personascore" in inspect(engine).get_table_names()
        with engine.begin() as c:
            c.execute(text("UPDATE action SET goal_id = 1"))
            c.execute(text("INSERT INTO entry (id, workshop_id, kind, step, text, is_target,"
                           " have, source_ref, created_at) VALUES (2, 1, 'scenario', 5, 's',"
                           " false, false, 'r:2', CURRENT_TIMESTAMP)"))
    finally:
        engine.dispose()
    migrate.downgrade(raw_db_url, "0005_trust")
    after = _counts(raw_db_url)
    # Only the scenario goes back out (the old schema has no place for it).
    assert after == dict.fromkeys(COUNTS, 1)
