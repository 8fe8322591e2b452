"""EntryBatch: hot-path entries share a transaction; nothing counts until it is committed."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from cjworkflow.flow.batch import EntryBatch
from cjworkflow.messages import Command, Verb
from cjworkflow.storage.db import reading
from cjworkflow.storage.models import EntryKind
from tests.flow.test_engine import entries
from tests.harness import Room, texts


@pytest.fixture
def room(engine: Engine) -> Room:
    """A Dutch room, at step 1 with Anna registered, on SQLite and on PostgreSQL."""
    room = Room(engine)
    room.start()
    room.say("anna", "Eerste doel")
    return room


def _cmd(room: Room, who: str, line: str, n: int, verb: Verb = Verb.TEXT) -> Command:
    return Command(actor=room.people[who], verb=verb, text=line, chat_ref=room.group,
                   private=False, source_ref=f"tg:1:{n}", receipt_key=f"update:{n}")


def _committed(room: Room, sql: str) -> Any:
    with reading(room.engine.read_db) as session:
        return session.connection().execute(text(sql)).scalar()


def test_entries_count_only_once_the_batch_is_committed(room: Room) -> None:
    batch = EntryBatch(room.engine)
    replies = [batch.add(_cmd(room, "anna", f"Doel {n}", n)) for n in range(1, 4)]
    assert all(r and "Toegevoegd" in texts(r) for r in replies)
    assert batch.size == 3
    # Another connection sees none of them yet.
    assert _committed(room, "SELECT count(*) FROM entry") == 1
    batch.commit()
    assert [e.text for e in entries(room, EntryKind.GOAL)] == [
        "Eerste doel", "Doel 1", "Doel 2", "Doel 3"]
    assert _committed(room, "SELECT count(*) FROM inboundreceipt") == 3


def test_a_rolled_back_batch_leaves_no_trace_and_its_updates_count_again(room: Room) -> None:
    batch = EntryBatch(room.engine)
    for n in (1, 2):
        assert batch.add(_cmd(room, "anna", f"Doel {n}", n))
    batch.rollback()
    assert _committed(room, "SELECT count(*) FROM inboundreceipt") == 0
    # Fetched again, they are handled as new (one by one this time).
    for n in (1, 2):
        assert "Toegevoegd" in texts(room.engine.handle(_cmd(room, "anna", f"Doel {n}", n)))
    assert [e.text for e in entries(room, EntryKind.GOAL)] == ["Eerste doel", "Doel 1", "Doel 2"]


def test_a_redelivered_update_in_a_batch_is_silent_and_stored_once(room: Room) -> None:
    room.engine.handle(_cmd(room, "anna", "Doel 1", 1))
    batch = EntryBatch(room.engine)
    assert batch.add(_cmd(room, "anna", "Doel 1", 1)) == []
    assert batch.add(_cmd(room, "anna", "Doel 2", 2))
    assert batch.add(_cmd(room, "anna", "Doel 2", 2)) == []  # twice in the same batch
    batch.commit()
    assert [e.text for e in entries(room, EntryKind.GOAL)] == ["Eerste doel", "Doel 1", "Doel 2"]


def test_what_the_hot_path_does_not_take_stays_out_of_the_batch(room: Room) -> None:
    batch = EntryBatch(room.engine)
    assert batch.add(_cmd(room, "anna", "Doel 1", 1))
    # A newcomer's first line, two lines at once, a command: none is written by the batch.
    assert batch.add(_cmd(room, "bram", "Doel van Bram", 2)) is None
    assert batch.add(_cmd(room, "anna", "Doel 3\nDoel 4", 3)) is None
    assert batch.add(_cmd(room, "fenna", "", 4, Verb.NEXT)) is None
    assert batch.size == 1
    batch.commit()
    assert _committed(room, "SELECT count(*) FROM inboundreceipt") == 1
    # Then they are handled as usual, and see the batch's entry.
    assert "Toegevoegd" in texts(room.engine.handle(_cmd(room, "bram", "Doel van Bram", 2)))
    assert "Stap 2/8" in texts(room.engine.handle(_cmd(room, "fenna", "", 4, Verb.NEXT)))
    assert [e.text for e in entries(room, EntryKind.GOAL)] == [
        "Eerste doel", "Doel 1", "Doel van Bram"]


def test_a_batch_holds_at_most_its_limit(room: Room) -> None:
    batch = EntryBatch(room.engine, limit=2)
    assert batch.add(_cmd(room, "anna", "Doel 1", 1))
    assert batch.add(_cmd(room, "anna", "Doel 2", 2))
    assert batch.add(_cmd(room, "anna", "Doel 3", 3)) is None
    batch.commit()
    assert batch.add(_cmd(room, "anna", "Doel 3", 3))
    batch.commit()
    assert len(entries(room, EntryKind.GOAL)) == 4
