"""Team estimates like planning poker: hidden until closed, the median taken, spread flagged."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from cjworkflow.messages import Kind, Reply, Verb
from cjworkflow.storage.models import Action
from tests.harness import Room, button, card_of, texts


@pytest.fixture
def room(engine: Engine) -> Room:
    r = Room(engine)
    r.start()
    r.goto(8)
    for title in ("Sms op de bezorgdag", "Bezorgmoment kiezen voor het betalen"):
        r.say("anna", title)
        r.send("anna", Verb.CANCEL)
    r.say("fenna", "Levertijd op productpagina klopt | impact 4 | moeite 1 | eigenaar ik | "
                   "deadline vrijdag")
    return r


def card(room: Room) -> Reply:
    found = room.engine.card(room.workshop().id or 0)
    assert found is not None
    return found


def actions(room: Room) -> dict[str, Action]:
    with Session(room.db) as s:
        return {a.title: a for a in s.exec(select(Action).order_by(col(Action.id)))}


def tap(room: Room, who: str, label: str) -> str:
    replies = room.press(who, button(card(room), label))
    assert replies[0].kind is Kind.ALERT, replies
    return replies[0].text


def test_estimates_stay_hidden_and_the_median_is_taken(room: Room) -> None:
    opened = card_of(room.send("fenna", Verb.ESTIMATE), room)
    # Only the unrated actions, in plan order.
    assert "Teamschatting van 2 acties" in opened.text
    assert "1. Sms op de bezorgdag\n2. Bezorgmoment kiezen voor het betalen" in opened.text
    assert tap(room, "anna", "1·I5") == (
        'Jouw schatting voor "Sms op de bezorgdag": impact 5 · moeite ? (verborgen tot het sluit)')
    assert tap(room, "anna", "1·M1").endswith("impact 5 · moeite 1 (verborgen tot het sluit)")
    tap(room, "bram", "1·I2")
    tap(room, "bram", "1·M2")
    tap(room, "ravi", "1·I4")
    tap(room, "ravi", "1·M1")
    tap(room, "bram", "2·I3")
    tap(room, "anna", "2·I3")
    tap(room, "anna", "2·M4")
    shown = card(room).text
    # The others see how many estimated, never what or who.
    assert "3 deelnemers hebben geschat" in shown and "impact 5" not in shown
    assert actions(room)["Sms op de bezorgdag"].impact is None
    closed = texts(room.send("fenna", Verb.ESTIMATE, "close")).strip()
    assert closed == (
        "🃏 Schatting gesloten: de mediaan van het team\n"
        "• Sms op de bezorgdag: impact 4 · moeite 1 (3 schattingen) · ⚠ bespreken\n"
        "• Bezorgmoment kiezen voor het betalen: impact 3 · moeite 4 (2 schattingen)")
    got = actions(room)
    assert (got["Sms op de bezorgdag"].impact, got["Sms op de bezorgdag"].effort,
            got["Sms op de bezorgdag"].discuss) == (4, 1, True)
    assert not got["Bezorgmoment kiezen voor het betalen"].discuss
    # The flag shows on the card and in the plan.
    assert "⚠ bespreken" in card(room).text
    plan = texts(room.send("anna", Verb.ACTIONS))
    assert "Sms op de bezorgdag" in plan and "⚠ bespreken" in plan


def test_one_action_estimated_again_clears_the_flag_when_the_team_agrees(room: Room) -> None:
    room.send("fenna", Verb.ESTIMATE, "1")  # the plan's first action: the rated quick win
    for who, i in (("anna", 2), ("bram", 5)):
        tap(room, who, f"1·I{i}")
    room.send("fenna", Verb.ESTIMATE, "close")
    title = "Levertijd op productpagina klopt"
    assert (actions(room)[title].impact, actions(room)[title].effort) == (4, 1)
    assert actions(room)[title].discuss
    number = next(line.split(".")[0] for line in card(room).text.splitlines()
                  if title in line and line[0].isdigit())
    room.send("fenna", Verb.ESTIMATE, number)
    tap(room, "anna", "1·I4")
    tap(room, "bram", "1·I5")
    room.send("fenna", Verb.ESTIMATE, "close")
    assert (actions(room)[title].impact, actions(room)[title].discuss) == (5, False)


def test_bad_estimates_are_refused_and_change_nothing(room: Room) -> None:
    assert texts(room.send("fenna", Verb.ESTIMATE, "9")) == (
        "Er is geen actie 9 (het plan heeft er 3).")
    assert "Gebruik /estimate" in texts(room.send("fenna", Verb.ESTIMATE, "soms"))
    assert texts(room.send("fenna", Verb.ESTIMATE, "close")).startswith("Er loopt geen")
    assert texts(room.send("bram", Verb.ESTIMATE)) == "Dat kan alleen een facilitator."
    room.send("fenna", Verb.ESTIMATE, "2 10m")
    assert "sluit over 10 min" in card(room).text
    before = {t: (a.impact, a.effort) for t, a in actions(room).items()}
    forged = button(card(room), "1·I3").action.rsplit(":", 1)[0] + ":9"
    assert room.send("anna", Verb.BUTTON, forged)[0].kind is Kind.ALERT
    room.send("fenna", Verb.ESTIMATE, "close")
    assert {t: (a.impact, a.effort) for t, a in actions(room).items()} == before


def test_a_single_person_still_types_impact_and_effort(room: Room) -> None:
    room.say("bram", "Chat op de site | impact 3 | moeite 2")
    assert (actions(room)["Chat op de site"].impact, actions(room)["Chat op de site"].effort) == \
        (3, 2)


def test_every_action_rated_says_how_to_estimate_again(engine: Engine) -> None:
    room = Room(engine, lang="en")
    room.start("I order a washing machine")
    room.goto(8)
    room.say("fenna", "Fix delivery time | impact 4 | effort 1 | owner me | due friday")
    assert texts(room.send("fenna", Verb.ESTIMATE)) == (
        "Every action already has an impact and an effort. "
        "Estimate one again with /estimate <number>.")
    opened = card_of(room.send("fenna", Verb.ESTIMATE, "1"), room)
    assert "Team estimate of 1 action" in opened.text
    assert "1·E5" in [b.label for row in opened.buttons for b in row]
