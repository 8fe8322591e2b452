"""/who: who added how much per step, so a facilitator can bring quiet members in."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine

from cjworkflow.messages import Verb
from tests.harness import Room, button, card_of, texts


@pytest.fixture
def room(engine: Engine) -> Room:
    return Room(engine)


def test_who_counts_per_step_and_names_the_quiet_ones(room: Room) -> None:
    room.start()
    room.say("anna", "Minder afhakers\nMeer herhaalaankopen")
    room.say("bram", "Inzicht in klachten")
    room.send("ravi", Verb.CARD)  # only looked: a guest, not a member
    room.say("ravi", "Snellere levering")
    room.send("ravi", Verb.UNDO)  # ravi is a member now, with nothing left
    room.goto(5)
    room.press("anna", button(card_of(room.send("anna", Verb.CARD), room), "4"))
    room.goto(8)
    room.say("anna", "Sms op de bezorgdag | impact 4 | moeite 2")
    said = texts(room.send("fenna", Verb.WHO))
    assert said.splitlines()[:4] == [
        "👥 Bijdragen aan \"Ik bestel een wasmachine\" per stap (minste eerst)",
        "@fenna: 0 (—)",
        "@ravi: 0 (—)",
        "@bram: 1 (1: 1)",
    ]
    assert "@anna: 4 (1: 2 · 5: 1 · 8: 1)" in said
    assert said.endswith("🤫 Nog niets van: @fenna, @ravi. Nodig ze bij naam uit, of zet "
                         "/anonymous on aan.")


def test_who_is_for_facilitators_and_not_in_anonymous_mode(engine: Engine) -> None:
    room = Room(engine, lang="en")
    room.start("I order a washing machine")
    room.say("anna", "Fewer drop-outs")
    assert texts(room.send("anna", Verb.WHO)) == "Only a facilitator can do that."
    assert "@anna: 1 (1: 1)" in texts(room.send("fenna", Verb.WHO))
    room.send("fenna", Verb.ANONYMOUS, "on")
    assert texts(room.send("fenna", Verb.WHO)) == (
        "Anonymous mode is on: I don't show who contributed what. "
        "Switch it off with /anonymous off.")
