"""Rounds: /round keeps what this round found and maps the same journey again."""

from __future__ import annotations

import dataclasses
import io
import json

import pytest
from pypdf import PdfReader
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from cjworkflow.errors import UserError
from cjworkflow.i18n import t
from cjworkflow.limits import voice as voice_limits
from cjworkflow.messages import Attachment, Verb
from cjworkflow.outputs.produce import produce
from cjworkflow.outputs.render import render_journey_map
from cjworkflow.snapshot import WorkshopSnapshot
from cjworkflow.storage import transfer
from cjworkflow.storage.models import Action, ActionStatus, EmotionScore, Entry, EntryKind, Workshop
from cjworkflow.storage.models_voice import JourneyRound, SurveyResponse
from cjworkflow.storage.readmodel import build_snapshot
from tests.harness import Room, texts
from tests.voice.survey_world import TOUCHPOINT, answer, customer, survey_link, team_scores

ACTION = "Bezorgmoment in de bevestiging | impact 4 | moeite 2 | @anna | deadline 2026-12-15"
DONE = "Track & trace per sms | impact 4 | moeite 2 | @anna | deadline 2026-12-10"


def _snap(room: Room, wid: int | None = None) -> WorkshopSnapshot:
    with Session(room.db) as s:
        ws = s.get(Workshop, wid or room.workshop().id)
        assert ws is not None
        return build_snapshot(session=s, workshop=ws)


def _round_one(room: Room) -> str:
    """A first round: team scores 2, a walkthrough observation, two actions (one done), a
    customer who says 1; the survey link's code."""
    room.start()
    room.say("anna", "Minder afhakers")
    team_scores(room, [2, 2, 2, 2, 2])
    room.goto(7)
    room.say("anna", "2: bezorgtijd stond verkeerd op de site")
    room.goto(8)
    room.say("fenna", ACTION)
    room.say("fenna", DONE)
    with Session(room.db) as s:
        done = s.exec(select(Action).where(Action.title == "Track & trace per sms")).one()
        done.status, done.done_at = ActionStatus.DONE, room.now
        s.add(done)
        s.commit()
    code = survey_link(room)
    answer(room, customer(room, "carla"), code, [1, 1, 1, 1, 1])
    return code


def test_a_round_keeps_the_journey_and_starts_scores_and_walkthrough_empty(
        engine: Engine) -> None:
    room = Room(engine)
    _round_one(room)
    started = room.send("fenna", Verb.ROUND)
    assert texts(started[:1]) == t("nl", "round-started", number=2, before=1)
    ws = room.workshop()
    assert ws.current_step == 1 and ws.status == "active"
    with Session(room.db) as s:
        kinds = {e.kind for e in s.exec(select(Entry)).all()}
        assert EntryKind.OBSERVATION not in kinds
        assert {EntryKind.GOAL, EntryKind.TOUCHPOINT} <= kinds
        assert s.exec(select(EmotionScore)).first() is None
        open_action = s.exec(select(Action).where(Action.status == ActionStatus.OPEN)).one()
        assert open_action.owner_id is not None and open_action.due_date is not None
    snap = _snap(room)
    assert snap.round == 2 and snap.customers is None  # this round's customers: none yet
    assert [x for x, _ in snap.stages[0].touchpoints] == [TOUCHPOINT]
    (kept,) = snap.rounds
    assert kept.number == 1 and kept.responses == 1
    first = kept.stages[0]
    assert (first.team, first.team_n, first.customers, first.customers_n) == (2.0, 1, 1.0, 1)
    assert kept.stages[1].observations == ("bezorgtijd stond verkeerd op de site",)
    assert kept.done == ("Track & trace per sms",)
    assert t("nl", "round-status", number=2) in texts(room.send("anna", Verb.STATUS))


def test_customers_answer_again_for_the_new_round(engine: Engine) -> None:
    room = Room(engine)
    code = _round_one(room)
    room.send("fenna", Verb.ROUND)
    again = room.send("carla", Verb.START, code, private=True)
    assert again[0].text.startswith("👋")
    assert t("nl", "survey-hello", title=room.workshop().title, count=5).split("\n")[0] \
        in again[0].text  # a new response: this round's
    answer(room, "carla", code, [4, 4, 4, 4, 4])
    with Session(room.db) as s:
        assert sorted(r.round for r in s.exec(select(SurveyResponse)).all()) == [1, 2]
    snap = _snap(room)
    assert snap.customers is not None and snap.customers.at(0).mean == 4.0  # type: ignore[union-attr]
    assert snap.rounds[0].stages[0].customers == 1.0


def test_the_map_and_pdf_compare_the_rounds(engine: Engine) -> None:
    room = Room(engine, lang="en")
    _round_one(room)
    room.send("fenna", Verb.ROUND)
    team_scores(room, [4, 4, 4, 4, 4])
    snap = _snap(room)
    assert render_journey_map(snap, "en") != render_journey_map(
        dataclasses.replace(snap, rounds=()), "en")
    pdf = PdfReader(io.BytesIO(produce(Attachment("pdf", snap, "en")).data))
    text = "\n".join(p.extract_text() for p in pdf.pages)
    assert t("en", "pdf-rounds-head") in text
    assert "2.0 (n=1)" in text and "4.0 (n=1)" in text
    assert "Track & trace per sms" in text.split(t("en", "pdf-rounds-head"))[1]


def test_the_lossless_file_keeps_every_round(engine: Engine) -> None:
    room = Room(engine)
    code = _round_one(room)
    room.send("fenna", Verb.ROUND)
    answer(room, "carla", code, [5, 5, 5, 5, 5])
    room.send("fenna", Verb.ROUND)
    before = _snap(room)
    with Session(room.db) as s:
        data = transfer.export_workshop(s, before.id)
    assert [r["number"] for r in data["rounds"]] == [1, 2]
    with Session(room.db) as s:
        copy = transfer.import_workshop(s, json.loads(json.dumps(data)), creator_external_id=None)
        s.commit()
    after = _snap(room, copy)
    assert after.rounds == before.rounds and after.round == 3
    assert sorted(r["round"] for r in data["survey_responses"]) == [1, 2]
    data["rounds"][1]["number"] = 1
    with Session(room.db) as s, pytest.raises(UserError) as caught:
        transfer.import_bytes(s, json.dumps(data).encode(), creator_external_id=None)
    assert caught.value.args_ == {"where": "rounds.1.number"}


def test_rounds_are_bounded_and_the_workshop_still_deletes(engine: Engine,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    from cjworkflow.storage import rounds
    monkeypatch.setattr(rounds, "MAX_ROUNDS", 2)
    room = Room(engine, lang="en")
    _round_one(room)
    room.send("fenna", Verb.ROUND)
    room.send("fenna", Verb.ROUND)
    assert texts(room.send("fenna", Verb.ROUND)) == t("en", "round-too-many", max=2)
    assert voice_limits.MAX_ROUNDS >= 2
    wid = room.workshop().id
    asked = room.send("fenna", Verb.DELETE)
    room.press("fenna", asked[0].buttons[0][0])
    with Session(room.db) as s:
        assert s.get(Workshop, wid) is None
        assert s.exec(select(JourneyRound)).first() is None
        assert s.exec(select(SurveyResponse)).first() is None
