"""Timeboxes on a step: time left on the card, a one-minute warning, then on or a question."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.engine import Engine

from cjworkflow.flow.engine import WorkshopEngine
from cjworkflow.messages import Dest, Kind, Reply, Verb
from tests.harness import NOW, Room, button, card_of, texts


@pytest.fixture(params=["nl", "en"])
def room(engine: Engine, request: pytest.FixtureRequest) -> Room:
    r = Room(engine, lang=request.param)
    r.start()
    r.goto(2)
    return r


def tick(room: Room, minutes: float) -> list[Reply]:
    room.now = NOW + timedelta(minutes=minutes)
    return [r for r in room.engine.due_replies(room.now) if r.dest is Dest.WORKSHOP
            and "📬" not in r.text]


def left_line(room: Room) -> str:
    reply = room.engine.card(room.workshop().id or 0)
    assert reply is not None
    return next((x for x in reply.text.split("\n") if x.startswith("⏱")), "")


def test_auto_timebox_warns_once_then_moves_on(room: Room) -> None:
    replies = room.send("fenna", Verb.TIMEBOX, "5 auto")
    assert "5" in texts(replies)
    assert left_line(room) == ("⏱ nog 5 min" if room.lang == "nl" else "⏱ 5 min left")
    assert tick(room, 3.5) == []
    assert left_line(room).replace("nog ", "").startswith("⏱ 2 min")
    warn = tick(room, 4)
    assert [r.kind for r in warn] == [Kind.MESSAGE, Kind.CARD_EDIT]
    assert warn[0].chat_ref == "group:1"
    assert tick(room, 4.5) == []  # warned once
    end = tick(room, 5)
    assert room.workshop().current_step == 3
    assert any(r.kind is Kind.CARD for r in end)
    assert room.workshop().timebox_ends_at is None and left_line(room) == ""
    assert tick(room, 10) == []


def test_ask_timebox_asks_the_facilitator_with_a_button(room: Room) -> None:
    room.send("fenna", Verb.TIMEBOX, "2 ask")
    tick(room, 1)
    end = tick(room, 2)
    assert room.workshop().current_step == 2  # nothing moves by itself
    assert len(end) == 1 and end[0].buttons
    room.press("anna", button(end[0], "▶"))
    assert room.workshop().current_step == 2  # only a facilitator steers
    room.press("fenna", button(end[0], "▶"))
    assert room.workshop().current_step == 3


def test_timebox_survives_a_restart(room: Room) -> None:
    room.send("fenna", Verb.TIMEBOX, "3")
    fresh = WorkshopEngine(room.db, clock=lambda: NOW)  # a new process on the same database
    assert any(r.text for r in fresh.due_replies(NOW + timedelta(minutes=2)))
    end = [r for r in fresh.due_replies(NOW + timedelta(minutes=3)) if r.buttons]
    assert len(end) == 1


def test_moving_by_hand_ends_the_timebox(room: Room) -> None:
    room.send("fenna", Verb.TIMEBOX, "5 auto")
    room.send("fenna", Verb.NEXT)
    assert room.workshop().timebox_ends_at is None
    assert tick(room, 6) == []
    assert room.workshop().current_step == 3


def test_timebox_needs_a_facilitator_and_valid_minutes(room: Room) -> None:
    room.say("anna", "hallo")
    room.send("anna", Verb.TIMEBOX, "5")
    assert room.workshop().timebox_ends_at is None
    for bad in ("", "0", "abc", "5 soon", "99999"):
        assert "/timebox" in texts(room.send("fenna", Verb.TIMEBOX, bad))
    room.send("fenna", Verb.TIMEBOX, "5")
    room.send("fenna", Verb.TIMEBOX, "off")
    assert room.workshop().timebox_ends_at is None


def test_the_card_shows_time_left(room: Room) -> None:
    room.send("fenna", Verb.TIMEBOX, "10")
    room.now = NOW + timedelta(minutes=1)
    card = card_of(room.send("fenna", Verb.CARD))
    assert ("nog 9 min" if room.lang == "nl" else "9 min left") in card.text
