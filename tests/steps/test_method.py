"""Method depth (issue #14): actions tied to a stage and a goal, a named emotion beside the
score, a scenario per stage and what the customer thinks; in Dutch and in English."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from cjworkflow.storage import readmodel
from cjworkflow.storage.models import Action, EmotionScore, Entry, EntryKind, Stage
from tests.harness import Room, card_of, texts

LINES = {
    "nl": {"goals": "Sneller leveren\nMinder telefoontjes",
           "staged": "2: Vergelijker met levertijd | impact 4 | moeite 2 | doel 2"
                     " | eigenaar: ik | vrijdag",
           "named": "Service: Bezorgsms | i4 e2 | goal 1 | @anna | deadline vrijdag",
           "list": "1. Bel klanten terug | impact 3 | moeite 3 | eigenaar: ik | vrijdag",
           "emotion": "emotie 2 onrustig", "scenario": "scenario: Sandra zoekt 's avonds",
           "other": "Actie: scenario: bestelt op haar telefoon",
           "thinks": "denkt: is dit wel de goedkoopste?", "stage2": "Overweging",
           "confirm": "fase 2 Overweging", "goal": "doel: Minder telefoontjes"},
    "en": {"goals": "Deliver faster\nFewer phone calls",
           "staged": "2: Comparison site with delivery time | impact 4 | effort 2 | goal 2"
                     " | owner: me | friday",
           "named": "Service: Delivery text | i4 e2 | doel 1 | @anna | due friday",
           "list": "1. Call customers back | impact 3 | effort 3 | owner: me | friday",
           "emotion": "emotion 2 anxious", "scenario": "scenario: Sandra searches at night",
           "other": "Purchase: scenario: orders on her phone",
           "thinks": "thinks: is this really the cheapest?", "stage2": "Consideration",
           "confirm": "stage 2 Consideration", "goal": "goal: Fewer phone calls"},
}


@pytest.fixture(params=["nl", "en"])
def room(engine: Engine, request: pytest.FixtureRequest) -> Room:
    room = Room(engine, lang=request.param)
    room.start()
    return room


def _stage_of(room: Room, stage_id: int | None) -> str | None:
    with Session(room.db) as s:
        stage = s.get(Stage, stage_id) if stage_id else None
        return stage.label if stage else None


def _actions(room: Room) -> dict[str, Action]:
    with Session(room.db) as s:
        return {a.title: a for a in s.exec(select(Action)).all()}


def test_action_lines_name_a_stage_and_a_goal(room: Room) -> None:
    words = LINES[room.lang]
    room.say("anna", words["goals"])
    room.goto(8)
    replies = room.say("anna", words["staged"])
    assert words["confirm"] in texts(replies) and words["goal"] in texts(replies)
    room.say("anna", words["named"])
    room.say("anna", words["list"])
    got = _actions(room)
    staged = next(a for t, a in got.items() if t.startswith(("Vergelijker", "Comparison")))
    named = next(a for t, a in got.items() if t.startswith(("Bezorgsms", "Delivery")))
    listed = next(a for t, a in got.items() if t.startswith("1."))
    assert _stage_of(room, staged.stage_id) == words["stage2"]
    assert _stage_of(room, named.stage_id) == "Service"
    # A numbered list is no stage: "1. …" stays the title, as typed.
    assert listed.stage_id is None
    with Session(room.db) as s:
        goals = s.exec(select(Entry).where(Entry.kind == EntryKind.GOAL)
                       .order_by(Entry.id)).all()  # type: ignore[arg-type]
        assert staged.goal_id == goals[1].id and named.goal_id == goals[0].id
    # The plan on the card says where each action belongs.
    card = card_of(room.goto(8), room)
    line = next(x for x in card.text.splitlines() if "⚡" in x and "Service" in x)
    assert ("fase 4 Service" if room.lang == "nl" else "stage 4 Service") in line


def test_an_unknown_goal_is_refused_in_the_users_language(room: Room) -> None:
    room.say("anna", LINES[room.lang]["goals"])
    room.goto(8)
    word = "doel" if room.lang == "nl" else "goal"
    reply = texts(room.say("anna", f"Iets | {word} 7"))
    expected = {"nl": "Doel 7 bestaat niet: er zijn 2 doelen",
                "en": "Goal 7 does not exist: there are 2 goals"}[room.lang]
    assert expected in reply
    assert _actions(room) == {}
    reply = texts(room.say("anna", f"Iets | {word} twee"))
    assert {"nl": "geen doelnummer", "en": "not a goal number"}[room.lang] in reply
    assert _actions(room) == {}


def test_no_goals_yet_says_so(room: Room) -> None:
    room.goto(8)
    word = "doel" if room.lang == "nl" else "goal"
    reply = texts(room.say("anna", f"Iets | {word} 1"))
    assert {"nl": "nog geen doelen", "en": "no goals yet"}[room.lang] in reply


def test_a_named_emotion_is_stored_with_its_score(room: Room) -> None:
    words = LINES[room.lang]
    card = card_of(room.goto(5), room)
    replies = room.say("anna", words["emotion"])
    word = words["emotion"].split()[-1]
    assert f"2 ({word})" in texts(replies)
    with Session(room.db) as s:
        score = s.exec(select(EmotionScore)).one()
        assert (score.score, score.word) == (2, word)
        assert s.exec(select(Entry)).all() == []  # not stored as what the customer does
    card = card_of(room.say("bram", words["emotion"].replace("2", "3")), room)
    assert f"{word} ×2" in card.text
    with Session(room.db) as s:
        ws = room.workshop()
        snap = readmodel.build_snapshot(session=s, workshop=ws)
    assert snap.stages[0].named_emotions() == [(word, 2)]
    assert snap.stages[0].scores == (2, 3)


@pytest.mark.parametrize("line,word", [("emotie 2", None), ("emotie: 2 (gespannen)", "gespannen"),
                                       ("emotion 😟 anxious", "anxious"),
                                       ("emotie 4 - blij verrast", "blij verrast")])
def test_emotion_lines_with_and_without_a_word(engine: Engine, line: str,
                                               word: str | None) -> None:
    room = Room(engine)
    room.start()
    room.goto(5)
    room.say("anna", line)
    with Session(room.db) as s:
        assert s.exec(select(EmotionScore)).one().word == word


def test_a_button_score_replaces_the_named_word(room: Room) -> None:
    card = card_of(room.goto(5), room)
    room.say("anna", LINES[room.lang]["emotion"])
    from tests.harness import button
    room.press("anna", button(card, "😄"))
    with Session(room.db) as s:
        score = s.exec(select(EmotionScore)).one()
    assert (score.score, score.word) == (5, None)


def test_scenarios_and_thoughts_per_stage(room: Room) -> None:
    words = LINES[room.lang]
    room.goto(5)
    card = card_of(room.say("anna", "\n".join([words["scenario"], words["other"],
                                               words["thinks"]])), room)
    with Session(room.db) as s:
        got = {(e.kind, e.text): e.stage_id for e in s.exec(select(Entry)).all()}
    scenario = words["scenario"].split(": ", 1)[1]
    other = words["other"].split(": ")[-1]
    thought = words["thinks"].split(": ", 1)[1]
    assert _stage_of(room, got[(EntryKind.SCENARIO, scenario)]) in ("Aandacht", "Awareness")
    assert _stage_of(room, got[(EntryKind.SCENARIO, other)]) in ("Actie", "Purchase")
    assert (EntryKind.THOUGHT, thought) in got
    assert "🎬 scenario: " + scenario in card.text
    assert ("💭 denkt: " if room.lang == "nl" else "💭 thinks: ") + thought in card.text
    with Session(room.db) as s:
        snap = readmodel.build_snapshot(session=s, workshop=room.workshop())
    assert snap.stages[0].scenarios == (scenario,) and snap.stages[0].thoughts == (thought,)
    assert snap.stages[2].scenarios == (other,)
