"""Context on the cards: step 4 grouped by stage, a stage's touchpoints, step 8's buttons."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from cjworkflow.i18n import t
from cjworkflow.messages import Verb
from cjworkflow.storage.models import Action, PendingQuestion
from tests.harness import Room, button, card_of, texts

WORDS = {
    "nl": {"goal": "Minder afhakers", "tp": "2: Vergelijkingssite | web\n1: Advertentie | zoek",
           "pain": "pijn: te veel velden", "idea": "idee: korter formulier",
           "have": "heb: crm", "need": "nodig: sms-dienst", "seen": "levertijd onduidelijk"},
    "en": {"goal": "Fewer drop-outs", "tp": "2: Comparison site | web\n1: Advert | search",
           "pain": "pain: too many fields", "idea": "idea: shorter form",
           "have": "have: crm", "need": "need: text service", "seen": "delivery time unclear"},
}


@pytest.fixture(params=["nl", "en"])
def room(request: pytest.FixtureRequest, engine: Engine) -> Room:
    r = Room(engine, lang=request.param)
    r.start("Ik vraag een offerte aan")
    w = WORDS[r.lang]
    r.say("anna", w["goal"])
    r.goto(4)
    r.say("anna", w["tp"])
    return r


def test_step_4_groups_its_lines_by_stage(room: Room) -> None:
    text = card_of(room.send("fenna", Verb.CARD), room).text
    stages = [line for line in text.splitlines() if line.startswith("▸ ")]
    assert len(stages) == 2
    first, second = text.index(stages[0]), text.index(stages[1])
    advert = text.index("2. Ad" if room.lang == "en" else "2. Advertentie")
    assert first < advert < second  # stage 1's line under stage 1, with its /remove number


def test_a_staged_step_shows_the_focused_stages_touchpoints(room: Room) -> None:
    room.goto(5)
    text = card_of(room.send("fenna", Verb.CARD), room).text
    name = "Advert" if room.lang == "en" else "Advertentie"
    channel = "search" if room.lang == "en" else "zoek"
    assert t(room.lang, "context-touchpoints", list=f"{name} ({channel})") in text


def _step8(room: Room) -> str:
    w = WORDS[room.lang]
    room.goto(5)
    room.say("anna", w["pain"] + "\n" + w["idea"])
    room.goto(6)
    room.say("anna", w["have"] + "\n" + w["need"])
    room.goto(7)
    room.say("anna", w["seen"])
    return card_of(room.goto(8), room).text


def test_step_8_shows_goals_problems_ideas_and_needs_with_buttons(room: Room) -> None:
    lang = room.lang
    text = _step8(room)
    for key in ("context-goals", "context-problems", "context-ideas", "context-needs"):
        assert t(lang, key) in text
    card = card_of(room.send("fenna", Verb.CARD), room)
    labels = [b.label for row in card.buttons for b in row if b.label.startswith("➕")]
    assert len(labels) == 5  # goal, pain, observation, idea, need; not what the team has
    assert not any("crm" in label for label in labels)


def test_a_context_button_makes_an_action_and_asks_what_is_missing(room: Room) -> None:
    lang = room.lang
    _step8(room)
    card = card_of(room.send("fenna", Verb.CARD), room)
    idea = "korter formulier" if lang == "nl" else "shorter form"
    out = room.press("bram", button(card, idea))
    assert t(lang, "ask-action-impact", title=idea) in texts(out)
    with Session(room.db) as s:
        assert [a.title for a in s.exec(select(Action)).all()] == [idea]
        fields = sorted(q.field for q in s.exec(select(PendingQuestion)).all())
    assert fields == ["action_due", "action_effort", "action_impact", "action_owner"]
    card = card_of(room.send("fenna", Verb.CARD), room)
    assert not any(idea in b.label for row in card.buttons for b in row)
    assert t(lang, "context-ideas") not in card.text  # the only idea is in the plan now
    # A button pressed twice (two people at once, or an old card): stored once.
    goal = next(b for row in card.buttons for b in row if b.label.startswith("➕"))
    room.press("anna", goal)
    again = room.press("bram", goal)
    with Session(room.db) as s:
        assert len(s.exec(select(Action)).all()) == 2
    assert t(lang, "check-action-twice", title="\x00").split("\x00")[0] in texts(again)


def test_a_context_button_from_step_8_is_expired_at_another_step(room: Room) -> None:
    _step8(room)
    card = card_of(room.send("fenna", Verb.CARD), room)
    room.goto(7)
    out = room.press("anna", button(card, "➕"))
    assert t(room.lang, "button-expired", step=7) in texts(out)
    with Session(room.db) as s:
        assert s.exec(select(Action)).all() == []
