"""Issue #14 item 7: with two or more target personas, scores and observations per persona;
the map draws a curve per persona. In Dutch and in English."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from cjworkflow.outputs import exports
from cjworkflow.outputs.render.emotion_lane import persona_colours
from cjworkflow.storage import readmodel
from cjworkflow.storage.models import EmotionScore, Entry, EntryKind, PersonaScore
from tests.harness import Room, card_of, texts

PERSONAS = {"nl": "Drukke ouder: tweeverdiener\nSenior: wil advies\nStudent: krap budget",
            "en": "Busy parent: two jobs\nSenior: wants advice\nStudent: tight budget"}
TARGETS = {"nl": ("Drukke ouder", "Senior"), "en": ("Busy parent", "Senior")}
EMOTION = {"nl": "emotie", "en": "emotion"}
IDEAL = {"nl": "ideaal", "en": "ideal"}


@pytest.fixture(params=["nl", "en"])
def room(engine: Engine, request: pytest.FixtureRequest) -> Room:
    room = Room(engine, lang=request.param)
    room.start()
    room.goto(2)
    room.say("anna", PERSONAS[room.lang])
    room.goto(3)
    return room


def _mark_targets(room: Room) -> None:
    for name in TARGETS[room.lang]:
        room.say("fenna", name)


def _snapshot(room: Room) -> readmodel.WorkshopSnapshot:
    with Session(room.db) as s:
        return readmodel.build_snapshot(session=s, workshop=room.workshop())


def test_scores_per_persona_make_a_curve_each(room: Room) -> None:
    _mark_targets(room)
    room.goto(5)
    emotion = EMOTION[room.lang]
    replies = room.say("anna", f"{emotion} 2 | persona 1\n{emotion} 4 onrustig | persona Sen")
    assert "Senior: 4" in texts(replies)
    card = card_of(room.say("bram", f"{emotion} 3 | persona {TARGETS[room.lang][0]}"), room)
    mean = {"nl": "gemiddeld 2,5", "en": "average 2.5"}[room.lang]
    assert f"{TARGETS[room.lang][0]}: {mean}" in card.text
    with Session(room.db) as s:
        assert s.exec(select(EmotionScore)).all() == []  # not the team's curve
        assert len(s.exec(select(PersonaScore)).all()) == 3
    snap = _snapshot(room)
    first = snap.stages[0]
    assert first.persona_scores == ((TARGETS[room.lang][0], (2, 3)), ("Senior", (4,)))
    assert list(persona_colours(snap.stages)) == list(TARGETS[room.lang])
    md = exports.markdown(snap, room.lang).decode("utf-8")
    assert f"{TARGETS[room.lang][0]}: {mean}" in md


def test_observations_and_ideals_per_persona(room: Room) -> None:
    _mark_targets(room)
    room.goto(7)
    room.say("anna", f"te veel stappen | persona 2\n{IDEAL[room.lang]} 5 | persona 2")
    with Session(room.db) as s:
        observation = s.exec(select(Entry).where(Entry.kind == EntryKind.OBSERVATION)).one()
        senior = s.exec(select(Entry).where(Entry.text == "Senior")).first()
        persona = s.get(Entry, observation.persona_id)
        assert persona is not None and persona.text.startswith("Senior")
        assert s.exec(select(PersonaScore)).one().kind == "ideal"
        assert senior is None or senior.id == observation.persona_id
    snap = _snapshot(room)
    assert snap.stages[0].observations == ("Senior — te veel stappen",)
    assert snap.stages[0].persona_means(ideal=True) == [("Senior", 5.0)]


def test_one_target_persona_is_not_enough(room: Room) -> None:
    room.say("fenna", TARGETS[room.lang][0])
    room.goto(5)
    reply = texts(room.say("anna", f"{EMOTION[room.lang]} 2 | persona 1"))
    assert {"nl": "twee of meer doelpersona's", "en": "two or more target personas"}[
        room.lang] in reply
    with Session(room.db) as s:
        assert s.exec(select(PersonaScore)).all() == []


def test_an_unknown_persona_and_a_pain_per_persona_are_refused(room: Room) -> None:
    _mark_targets(room)
    room.goto(5)
    reply = texts(room.say("anna", f"{EMOTION[room.lang]} 2 | persona Student"))
    assert {"nl": "geen doelpersona", "en": "not a target persona"}[room.lang] in reply
    assert "1. " + TARGETS[room.lang][0] in reply
    pain = {"nl": "pijn: te duur", "en": "pain: too expensive"}[room.lang]
    reply = texts(room.say("anna", f"{pain} | persona 1"))
    assert {"nl": "Per persona geef je een emotie",
            "en": "Per persona you give an emotion"}[room.lang] in reply
    with Session(room.db) as s:
        assert s.exec(select(PersonaScore)).all() == []
        assert s.exec(select(Entry).where(Entry.kind == EntryKind.PAIN)).all() == []


def test_scores_and_observations_per_persona_survive_export_and_import(room: Room) -> None:
    from cjworkflow.storage import transfer
    _mark_targets(room)
    room.goto(5)
    room.say("anna", f"{EMOTION[room.lang]} 2 bang | persona 2")
    room.goto(7)
    room.say("bram", "te veel stappen | persona 1")
    before = _snapshot(room)
    with Session(room.db) as s:
        data = transfer.export_workshop(s, before.id)
        copy = transfer.import_workshop(s, data, creator_external_id=None)
        s.commit()
    assert data["persona_scores"][0]["word"] == "bang"
    with Session(room.db) as s:
        ws = s.get(readmodel.Workshop, copy)
        assert ws is not None
        after = readmodel.build_snapshot(session=s, workshop=ws)
        assert s.exec(select(PersonaScore).where(PersonaScore.workshop_id == copy)).one().word \
            == "bang"
    assert [st.persona_scores for st in after.stages] == [st.persona_scores
                                                          for st in before.stages]
    assert [st.observations for st in after.stages] == [st.observations for st in before.stages]


def test_a_members_persona_scores_are_in_their_data_and_go_when_they_are_forgotten(
        room: Room) -> None:
    from datetime import UTC, datetime

    from cjworkflow.storage import personal_data
    from cjworkflow.storage.models import Person
    _mark_targets(room)
    room.goto(5)
    room.say("anna", f"{EMOTION[room.lang]} 2 bang | persona Senior")
    with Session(room.db) as s:
        anna = s.exec(select(Person).where(Person.handle == "anna")).one()
        data = personal_data.collect(s, anna, datetime.now(UTC))
        assert [(x["score"], x["word"], x["persona"]) for x in data["emotion_scores"]] == [
            (2, "bang", "Senior")]
        erased = personal_data.erase(s, anna, keep_entries=True)
        s.commit()
        assert erased.scores_deleted == 1
        assert s.exec(select(PersonaScore)).all() == []
