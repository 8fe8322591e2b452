"""The lossless JSON export and import: round trips, people, bad files, and the CLI."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from cjworkflow.errors import UserError
from cjworkflow.i18n import t
from cjworkflow.messages import Actor, Command, Verb
from cjworkflow.outputs import exports
from cjworkflow.snapshot import WorkshopSnapshot
from cjworkflow.storage import transfer
from cjworkflow.storage.db import make_engine
from cjworkflow.storage.models import Member, Person, Role, Workshop
from tests.conftest import _fresh_sqlite_database
from tests.harness import GROUP, Room
from tests.outputs.test_exports_formats import PLAN, build_workshop, snapshot_of


def build(db: Engine, lang: str = "nl") -> int:
    """The formats' scripted workshop plus an action owned by someone who never joined."""
    wid = build_workshop(db, lang)
    room = Room(db, lang=lang)
    extra = {"nl": "Karin belt klanten na | impact 3 | moeite 3 | @karin | deadline 2027-01-11",
             "en": "Karin calls customers back | impact 3 | effort 3 | @karin | due 2027-01-11"}
    room.say("bram", extra[lang], ref="extra:karin")
    return wid


def export(db: Engine, wid: int) -> dict[str, Any]:
    with Session(db) as session:
        return transfer.export_workshop(session, wid)


def do_import(db: Engine, data: dict[str, Any], creator: str | None = None) -> int:
    with Session(db) as session:
        wid = transfer.import_workshop(session, data, creator_external_id=creator)
        session.commit()
    return wid


def normalise(data: dict[str, Any]) -> dict[str, Any]:
    """The transfer dict with ids replaced by positions and creation times dropped."""
    data = json.loads(json.dumps(data))  # a deep copy
    index = {table: {row["id"]: i for i, row in enumerate(data[table])}
             for table in ("people", "members", "stages", "entries", "actions")}

    def ref(table: str, value: int | None) -> int | None:
        return None if value is None else index[table][value]

    del data["exported_at"]
    ws = data["workshop"]
    del ws["id"], ws["created_at"]
    ws["created_by"] = ref("people", ws["created_by"])
    for table in index:
        for row in data[table]:
            row["id"] = index[table][row["id"]]
    for m in data["members"]:
        m["person_id"] = ref("people", m["person_id"])
    for row in data["entries"] + data["actions"] + data["scores"]:
        row["stage_id"] = ref("stages", row["stage_id"])
        if "goal_id" in row:
            row["goal_id"] = ref("entries", row["goal_id"])
        for field in ("author_id", "owner_id", "member_id"):
            if field in row:
                row[field] = ref("members", row[field])
    return data


def as_imported(data: dict[str, Any], importer: str | None = None) -> dict[str, Any]:
    """What an import makes of a file: everyone but the importer a name (no Telegram id, no
    handle, role "name"); the importer's own row (by their id) a facilitator."""
    data = json.loads(json.dumps(data))
    mine = {p["id"] for p in data["people"] if importer and p["external_id"] == importer}
    for p in data["people"]:
        if p["id"] not in mine:
            p["display_name"] = f"@{p['handle']}" if p["handle"] else p["display_name"]
            p["external_id"] = p["handle"] = None
    for m in data["members"]:
        m["role"] = "facilitator" if m["person_id"] in mine else "name"
    return data


def count(db: Engine, model: type[Person] | type[Workshop]) -> int:
    with Session(db) as session:
        return int(session.exec(select(func.count()).select_from(model)).one())


def test_export_holds_every_row_of_the_workshop(engine: Engine) -> None:
    wid = build(engine)
    data = export(engine, wid)
    assert (data["format"], data["version"]) == ("cjbot-workshop", 2)
    assert "join_code" not in data["workshop"] and "chat_ref" not in data["workshop"]
    handles = {p["handle"]: p for p in data["people"]}
    # karin was named as an owner and never joined: only a name, without a handle.
    assert set(handles) == {"fenna", "anna", "bram", None}
    assert handles[None]["display_name"] == "@karin"
    # Nobody's Telegram id travels in the file (changed by issue #12: it carried them all).
    assert all(p["external_id"] is None for p in data["people"])
    with Session(engine) as session:
        mine = transfer.export_workshop(session, wid, asker="u:anna")
    ids = {p["handle"]: p["external_id"] for p in mine["people"]}
    assert ids == {"anna": "u:anna", "fenna": None, "bram": None, None: None}  # hers only
    assert [s["position"] for s in data["stages"]] == [0, 1, 2, 3, 4]
    kinds = {e["kind"] for e in data["entries"]}
    assert kinds == {"goal", "persona", "touchpoint", "pain", "solution", "resource",
                     "observation", "scenario", "thought"}
    # Issue #14: an action's goal and a score's named emotion travel too.
    goals = [e["id"] for e in data["entries"] if e["kind"] == "goal"]
    assert [a["goal_id"] for a in data["actions"] if a["goal_id"]] == [goals[0]]
    assert [s["word"] for s in data["scores"] if s["word"]] == ["onzeker"]
    assert all(e["source_ref"] and e["author_id"] for e in data["entries"])
    assert sorted(s["score"] for s in data["scores"]) == [2, 4, 4]
    assert {a["title"] for a in data["actions"]} >= set(PLAN["nl"])
    assert sum(a["stage_id"] is not None for a in data["actions"]) == 2
    json.dumps(data)  # JSON-ready as it is


def test_round_trip_in_the_same_database_is_lossless(engine: Engine) -> None:
    wid = build(engine)
    before = export(engine, wid)
    people = count(engine, Person)
    copy = do_import(engine, before)
    after = export(engine, copy)
    assert copy != wid
    assert normalise(after) == normalise(as_imported(before))
    # Nobody is matched (issue #12: people were matched by Telegram id and by handle):
    # everyone in the file is a new name.
    assert count(engine, Person) == people + len(before["people"])
    with Session(engine) as session:
        old, new = session.get(Workshop, wid), session.get(Workshop, copy)
        assert old is not None and new is not None
        assert new.join_code and new.join_code != old.join_code
        assert new.chat_ref is None and old.chat_ref == GROUP
        assert new.created_at >= old.created_at
    # The copy reads exactly like the original: same stages, entries, scores and plan. Only
    # an owner's display name differs: imported people are names, shown as "@handle".
    original, imported = snapshot_of(engine, wid), snapshot_of(engine, copy)

    def unnamed(snap: WorkshopSnapshot) -> WorkshopSnapshot:
        actions = tuple(dataclasses.replace(a, owner_name=None) for a in snap.actions)
        return dataclasses.replace(snap, actions=actions)

    assert unnamed(dataclasses.replace(imported, id=wid, created_at=original.created_at)) \
        == unnamed(original)


@pytest.fixture
def other_db(_sqlite_template: Path, tmp_path: Path) -> Iterator[Engine]:
    """A second, separate SQLite database."""
    (tmp_path / "other").mkdir()
    db = make_engine(_fresh_sqlite_database(_sqlite_template, tmp_path / "other"))
    yield db
    db.dispose()


def test_round_trip_into_another_database(engine: Engine, other_db: Engine) -> None:
    wid = build(engine, "en")
    before = export(engine, wid)
    copy = do_import(other_db, before)
    assert normalise(export(other_db, copy)) == normalise(as_imported(before))
    assert count(other_db, Person) == 4
    # A second import of the same file makes names of its own: nobody is linked.
    second = do_import(other_db, before)
    assert second != copy and count(other_db, Person) == 8
    assert count(other_db, Workshop) == 2
    assert normalise(export(other_db, second)) == normalise(as_imported(before))


def test_the_importing_person_becomes_a_facilitator(sqlite_engine: Engine) -> None:
    wid = build(sqlite_engine)
    data = export(sqlite_engine, wid)
    newcomer = do_import(sqlite_engine, data, creator="tg:424242")
    # anna's own export carries her id: her row of the file is her again.
    with Session(sqlite_engine) as session:
        hers = transfer.export_workshop(session, wid, asker="u:anna")
    member_anna = do_import(sqlite_engine, hers, creator="u:anna")
    with Session(sqlite_engine) as session:
        for copy, external in ((newcomer, "tg:424242"), (member_anna, "u:anna")):
            ws = session.get(Workshop, copy)
            person = session.exec(select(Person).where(Person.external_id == external)).one()
            assert ws is not None and ws.created_by == person.id
            member = session.exec(select(Member).where(
                Member.workshop_id == copy, Member.person_id == person.id)).one()
            assert member.role == Role.FACILITATOR
        roles = session.exec(select(Member.role).where(Member.workshop_id == member_anna)
                             .order_by(col(Member.id))).all()
        # Everyone else in the file is a name (issue #12: they kept their roles and ids).
        assert sorted(roles) == ["facilitator", "name", "name", "name"]
        roles = session.exec(select(Member.role).where(Member.workshop_id == newcomer)).all()
        assert sorted(roles) == ["facilitator", "name", "name", "name", "name"]


def test_export_of_a_missing_workshop_is_a_lookup_error(sqlite_engine: Engine) -> None:
    with Session(sqlite_engine) as session, pytest.raises(LookupError):
        transfer.export_workshop(session, 12345)


# --- bad files -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def good(_sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A valid transfer dict to spoil in different ways."""
    db = make_engine(_fresh_sqlite_database(_sqlite_template, tmp_path_factory.mktemp("good")))
    try:
        return export(db, build(db))
    finally:
        db.dispose()


def spoiled(good: dict[str, Any], change: str) -> bytes:
    """good with one thing wrong, as file bytes."""
    data = json.loads(json.dumps(good))
    if change == "version 3":
        data["version"] = 3
    elif change == "dangling stage":
        data["entries"][4]["stage_id"] = 987654
    elif change == "long title":
        data["workshop"]["title"] = "x" * 201
    elif change == "unknown field":
        data["workshop"]["colour"] = "red"
    elif change == "score 9":
        data["scores"][1]["score"] = 9
    elif change == "duplicate source":
        data["actions"][1]["source_ref"] = data["actions"][0]["source_ref"]
    elif change == "bad time zone":
        data["workshop"]["timezone"] = "Mars/Olympus"
    elif change == "goal not a goal":
        persona = next(e["id"] for e in data["entries"] if e["kind"] == "persona")
        data["actions"][2]["goal_id"] = persona
    elif change == "long emotion word":
        data["scores"][0]["word"] = "x" * 1001
    return json.dumps(data).encode()


BAD = [
    ("not json", lambda g: b"\x89PNG\r\n\x1a\n\x00\x00", "import-not-json", {}),
    ("a list", lambda g: b"[1, 2, 3]", "import-not-cjbot", {}),
    ("other json", lambda g: b'{"format": "trello", "version": 2}', "import-not-cjbot", {}),
    ("version 3", lambda g: spoiled(g, "version 3"), "import-newer-version", {"version": 3}),
    ("dangling stage", lambda g: spoiled(g, "dangling stage"), "import-invalid",
     {"where": "entries.4.stage_id"}),
    ("long title", lambda g: spoiled(g, "long title"), "import-invalid",
     {"where": "workshop.title"}),
    ("unknown field", lambda g: spoiled(g, "unknown field"), "import-invalid",
     {"where": "workshop.colour"}),
    ("score 9", lambda g: spoiled(g, "score 9"), "import-invalid",
     {"where": "scores.1.score"}),
    ("duplicate source", lambda g: spoiled(g, "duplicate source"), "import-invalid",
     {"where": "actions.1.source_ref"}),
    ("bad time zone", lambda g: spoiled(g, "bad time zone"), "import-invalid",
     {"where": "workshop.timezone"}),
    ("goal not a goal", lambda g: spoiled(g, "goal not a goal"), "import-invalid",
     {"where": "actions.2.goal_id"}),
    ("long emotion word", lambda g: spoiled(g, "long emotion word"), "import-invalid",
     {"where": "scores.0.word"}),
]


@pytest.mark.parametrize(("name", "make", "key", "args"), BAD, ids=[b[0] for b in BAD])
def test_a_bad_file_gets_a_friendly_error_and_changes_nothing(
        sqlite_engine: Engine, good: dict[str, Any], name: str, make: Any, key: str,
        args: dict[str, object]) -> None:
    workshops, people = count(sqlite_engine, Workshop), count(sqlite_engine, Person)
    with Session(sqlite_engine) as session, pytest.raises(UserError) as caught:
        transfer.import_bytes(session, make(good), creator_external_id="tg:1")
    assert (caught.value.key, caught.value.args_) == (key, args)
    for lang in ("nl", "en"):
        message = t(lang, key, **caught.value.args_)
        assert message and "{" not in message
    assert count(sqlite_engine, Workshop) == workshops and count(sqlite_engine, Person) == people


def test_the_old_summary_json_is_refused_with_its_own_message(sqlite_engine: Engine) -> None:
    room = Room(sqlite_engine, lang="en")
    room.start("A summary")
    summary = exports.workshop_json(snapshot_of(sqlite_engine, room.workshop().id or 0))
    with Session(sqlite_engine) as session, pytest.raises(UserError) as caught:
        transfer.import_bytes(session, summary, creator_external_id=None)
    assert caught.value.key == "import-summary-file"
    assert "versie 1" in t("nl", caught.value.key)
    assert "version 1" in t("en", caught.value.key)


def test_the_error_texts_read_well_in_both_languages() -> None:
    assert t("nl", "import-not-json") == (
        "Dit bestand kan ik niet lezen: het is geen JSON-bestand.")
    assert t("en", "import-not-json") == "I cannot read this file: it is not a JSON file."
    assert "entries.4.stage_id" in t("nl", "import-invalid", where="entries.4.stage_id")
    assert "niets geïmporteerd" in t("nl", "import-invalid", where="x")


def test_a_huge_file_is_refused_before_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(transfer, "MAX_IMPORT_BYTES", 1024)
    with pytest.raises(UserError) as caught:
        transfer.loads(b" " * 2048)
    assert caught.value.key == "import-too-large"


# --- the command line ------------------------------------------------------------------------

def cli_env(tmp_path: Path) -> dict[str, str]:
    """The environment test_cli uses: data in tmp, no token, quiet logs."""
    clean = {k: v for k, v in os.environ.items()
             if k not in ("TELEGRAM_BOT_TOKEN", "DATABASE_URL", "DEFAULT_LANGUAGE",
                          "CJBOT_DATA_DIR", "LOG_LEVEL", "WEBHOOK_URL")}
    clean.update(CJBOT_DATA_DIR=str(tmp_path / "data"), LOG_LEVEL="WARNING",
                 PYTHONIOENCODING="utf-8")
    return clean


def cjbot(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).with_name("cjbot")
    cmd = [str(script)] if script.exists() else [sys.executable, "-m", "cjbot.cli"]
    return subprocess.run([*cmd, *args], cwd=cwd, env=cli_env(cwd), text=True,
                          encoding="utf-8", capture_output=True, timeout=120, check=False)


@pytest.mark.slow
def test_cli_export_then_import(_sqlite_template: Path, tmp_path: Path) -> None:
    url = _fresh_sqlite_database(_sqlite_template, tmp_path)
    db = make_engine(url)
    try:
        wid = build(db)
        before = export(db, wid)
    finally:
        db.dispose()
    out = tmp_path / "out"
    done = cjbot("--database-url", url, "export", str(wid), "--out", str(out), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in out.iterdir())
    for suffix in ("journey-map.png", "priority-matrix.png", "report-a4.pdf", "report-a3.pdf",
                   "action-plan.xlsx", "action-plan.csv", "deadlines.ics", "summary.md",
                   "journey.mmd", "workshop.json"):
        assert any(n.endswith(suffix) for n in names), (suffix, names)
    file = next(out.glob("*-workshop.json"))
    assert json.loads(file.read_bytes())["version"] == 2
    done = cjbot("--database-url", url, "import", str(file), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    copy = int(done.stdout.strip())
    assert copy != wid
    db = make_engine(url)
    try:
        assert normalise(export(db, copy)) == normalise(as_imported(before))
    finally:
        db.dispose()
    bad = tmp_path / "bad.json"
    bad.write_text("[]", encoding="utf-8")
    for lang in ("nl", "en"):
        done = cjbot("--database-url", url, "import", str(bad), "--lang", lang, cwd=tmp_path)
        assert done.returncode == 1
        assert done.stderr.strip() == f"cjbot: {t(lang, 'import-not-cjbot')}"


def test_engine_import_file_restores_a_workshop_the_importer_facilitates(sqlite_engine: Engine
                                                                         ) -> None:
    """What the bot does with a .json file sent in a private chat."""
    room = Room(sqlite_engine)
    room.start()
    room.say("anna", "Minder afhakers\nInzicht in klachten")
    with Session(sqlite_engine) as s:
        raw = transfer.export_bytes(s, room.workshop().id or 0)
    actor = Actor("u:iris", "Iris", "iris", "nl")
    replies = room.engine.import_file(actor, raw)
    assert "geïmporteerd" in replies[0].text or "imported" in replies[0].text
    status = room.engine.handle(Command(actor=actor, verb=Verb.STATUS, chat_ref="u:iris",
                                        private=True))
    assert "1. Doelen: 2" in status[0].text
    bad = room.engine.import_file(actor, b"{not json")
    assert bad[0].text and "JSON" in bad[0].text


def test_round_trip_keeps_reminder_settings_and_action_states(engine: Engine) -> None:
    from datetime import UTC, datetime

    from cjworkflow.storage.models import Action

    wid = build(engine)
    with Session(engine) as session:
        ws = session.get(Workshop, wid)
        assert ws is not None
        ws.reminder_offsets, ws.digest_enabled = "3d,1d,0m", False
        first, second = session.exec(select(Action).where(Action.workshop_id == wid)
                                     .order_by(col(Action.id))).all()[:2]
        first.status, first.blocked_reason = "blocked", "wacht op leverancier"
        second.status, second.done_at = "done", datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
        session.commit()
    before = export(engine, wid)
    after = export(engine, do_import(engine, before))
    assert normalise(after) == normalise(as_imported(before))
    assert after["workshop"]["reminder_offsets"] == "3d,1d,0m"
    assert after["workshop"]["digest_enabled"] is False
    states = {(a["status"], a["blocked_reason"], a["done_at"] is not None)
              for a in after["actions"]}
    assert ("blocked", "wacht op leverancier", False) in states
    assert ("done", None, True) in states
