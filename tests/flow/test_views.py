"""Views (/status, /map, /actions, /export) read without locks; receipts stay exact."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from cjworkflow.messages import Verb
from cjworkflow.storage.db import is_postgres, transaction
from cjworkflow.storage.models import EntryKind
from tests.flow.test_engine import entries
from tests.harness import Room, texts


@pytest.fixture
def room(engine: Engine) -> Room:
    """A Dutch room on SQLite and on PostgreSQL."""
    return Room(engine)


def _count(room: Room, sql: str) -> Any:
    with transaction(room.db) as session:
        return session.connection().execute(text(sql)).scalar()


def _within(seconds: float, work: Callable[[], Any]) -> Any:
    """work()'s result if it finishes within seconds (in a thread), else fail."""
    out: list[Any] = []
    failed: list[BaseException] = []

    def run() -> None:
        try:
            out.append(work())
        except BaseException as e:  # handed to the test's thread
            failed.append(e)

    done = threading.Thread(target=run, daemon=True)
    done.start()
    done.join(seconds)
    if failed:
        raise failed[0]
    assert out, f"still waiting after {seconds} s: a reader waited for a writer's lock"
    return out[0]


def _hold_workshop(room: Room, release: threading.Event, held: threading.Event) -> None:
    """A writer that has the workshop locked (SQLite: the write lock) until released."""
    with transaction(room.db) as session:
        wid = room.workshop().id
        # PostgreSQL: the row lock an entry takes; SQLite: BEGIN IMMEDIATE took the database.
        session.connection().execute(
            text("SELECT id FROM workshop WHERE id = :id" +
                 (" FOR UPDATE" if is_postgres(room.db) else "")), {"id": wid})
        held.set()
        release.wait(30)


def test_views_and_cards_answer_while_a_writer_holds_the_workshop(room: Room) -> None:
    room.start()
    room.say("anna", "Minder afhakers bij de bezorgkeuze")
    wid = room.workshop().id or 0
    release, held = threading.Event(), threading.Event()
    writer = threading.Thread(target=_hold_workshop, args=(room, release, held))
    writer.start()
    try:
        assert held.wait(10)
        started = time.monotonic()
        status = _within(5, lambda: room.send("anna", Verb.STATUS))
        assert "Deelnamecode" in texts(status)
        the_map = _within(5, lambda: room.send("fenna", Verb.MAP))
        assert the_map and the_map[0].attachment is not None
        card = _within(5, lambda: room.engine.card(wid))
        assert card is not None and "Minder afhakers" in card.text
        assert _within(5, lambda: room.engine.workshop_version(wid)) is not None
        assert time.monotonic() - started < 5
    finally:
        release.set()
        writer.join()


def test_a_view_registers_nobody_and_a_newcomer_is_recorded(room: Room) -> None:
    room.start()
    members = _count(room, "SELECT count(*) FROM member")
    # Someone the bot never saw asks for the status in the group: answered, not a member.
    assert "Deelnamecode" in texts(room.send("stranger", Verb.STATUS))
    assert _count(room, "SELECT count(*) FROM member") == members
    assert _count(room, "SELECT display_name FROM person "
                        "WHERE external_id = 'u:stranger'") == "Stranger"
    # A new name is taken over on the next view, as on any other command.
    room.people["stranger"] = room.people["stranger"].__class__(
        "u:stranger", "Sam de Vreemde", "stranger", "nl")
    room.send("stranger", Verb.STATUS)
    assert _count(room, "SELECT display_name FROM person "
                        "WHERE external_id = 'u:stranger'") == "Sam de Vreemde"


def test_a_redelivered_view_is_answered_again(room: Room) -> None:
    room.start()
    first = room.send("anna", Verb.STATUS, receipt="update:5")
    again = room.send("anna", Verb.STATUS, receipt="update:5")
    # A view changes nothing: showing it twice beats losing it with a crash before sending.
    assert texts(first) and texts(again) == texts(first)


def test_a_redelivered_entry_undone_since_stays_undone(room: Room) -> None:
    room.start()
    room.say("anna", "Eerste doel")  # anna is a member now: her next line takes the hot path
    assert room.say("anna", "Tweede doel", receipt="update:8", ref="tg:1:8")
    room.send("anna", Verb.UNDO)
    assert [e.text for e in entries(room, EntryKind.GOAL)] == ["Eerste doel"]
    # Telegram hands the same update over again (the bot crashed before confirming it).
    assert room.say("anna", "Tweede doel", receipt="update:8", ref="tg:1:8") == []
    assert [e.text for e in entries(room, EntryKind.GOAL)] == ["Eerste doel"]
    version = room.workshop().version
    assert room.say("anna", "Tweede doel", receipt="update:8", ref="tg:1:8") == []
    assert room.workshop().version == version, "a redelivery changed the workshop"


def test_a_new_update_with_an_old_message_is_not_stored_twice(room: Room) -> None:
    room.start()
    room.say("anna", "Eerste doel")
    room.say("anna", "Tweede doel", receipt="update:8", ref="tg:1:8")
    # Another update about the same message (its receipt is new, its source is not).
    room.say("anna", "Tweede doel", receipt="update:9", ref="tg:1:8")
    assert [e.text for e in entries(room, EntryKind.GOAL)] == ["Eerste doel", "Tweede doel"]


def test_the_hot_path_with_receipts_keeps_every_check(room: Room) -> None:
    """Every update from Telegram has a receipt; on PostgreSQL a member's plain line is then
    stored in one statement, which must decline whatever the usual path handles."""
    receipts = iter(range(100, 10**6))

    def say(who: str, line: str) -> str:
        n = next(receipts)
        return texts(room.say(who, line, receipt=f"update:{n}", ref=f"tg:1:{n}"))

    room.start()
    assert "Toegevoegd" in say("anna", "Eerste doel")  # registers anna
    assert "Toegevoegd" in say("anna", "Tweede doel")  # the hot path
    # A new name is taken over (the usual path does that), and the line is stored.
    room.people["anna"] = room.people["anna"].__class__("u:anna", "Anna B.", "anna", "nl")
    assert "Toegevoegd" in say("anna", "Derde doel")
    assert _count(room, "SELECT display_name FROM person WHERE external_id = 'u:anna'") == \
        "Anna B."
    # A persona line at step 2 is parsed as one; at step 3 a name toggles a target instead.
    room.goto(2)
    assert "Toegevoegd" in say("anna", "Sanne: drukke moeder | doel: snel weer wassen")
    room.goto(3)
    say("anna", "Sanne")
    personas = entries(room, EntryKind.PERSONA)
    assert [(p.text, p.detail, p.goal, p.is_target) for p in personas] == [
        ("Sanne", "drukke moeder", "snel weer wassen", True)]
    # A finished workshop takes nothing.
    room.goto(8)
    room.send("fenna", Verb.FINISH)
    assert "afgerond" in say("anna", "Nog een doel")
    goals = [e.text for e in entries(room, EntryKind.GOAL)]
    assert goals == ["Eerste doel", "Tweede doel", "Derde doel"]
    assert _count(room, "SELECT count(*) FROM inboundreceipt") == next(receipts) - 100
