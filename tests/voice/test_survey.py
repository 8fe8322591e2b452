"""The customer survey through the engine: the link, the faces, notes and comment, privacy."""

from __future__ import annotations

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from cjworkflow.i18n import t
from cjworkflow.limits.voice import MAX_COMMENT, MAX_NOTE
from cjworkflow.messages import Kind, Verb
from cjworkflow.storage import persons
from cjworkflow.storage.models import Entry, Member
from cjworkflow.storage.models_voice import SurveyResponse, SurveyScore
from cjworkflow.storage.readmodel import build_snapshot
from tests.harness import Room, texts
from tests.voice.survey_world import (
    TOUCHPOINT,
    answer,
    customer,
    person,
    survey_link,
    team_scores,
)

FIVE = 5  # the default stage model's stages


def _snapshot(room: Room):  # type: ignore[no-untyped-def]
    with Session(room.db) as s:
        return build_snapshot(session=s, workshop=room.workshop())


def test_the_link_is_its_own_code_and_a_customer_scores_every_stage(engine: Engine) -> None:
    room = Room(engine)
    room.start()
    team_scores(room, [4, 4, 4, 4, 4])
    code = survey_link(room, "Je nieuwe wasmachine bestellen")
    assert code.startswith("s_") and code != room.workshop().join_code
    carla = customer(room, "carla")
    hello = room.send(carla, Verb.START, code, private=True)
    assert len(hello) == 1
    assert "Je nieuwe wasmachine bestellen" in hello[0].text
    assert "1/5" in hello[0].text
    faces, skip = hello[0].buttons
    # Five faces in one row, 1 to 5 from left to right; skip below.
    assert [b.action.split(":")[-1] for b in faces] == ["1", "2", "3", "4", "5"]
    assert [b.label for b in skip] == [t("nl", "survey-btn-skip")]
    done = answer(room, carla, code, [1, 2, None, 2, 3], notes={0: "Site was traag"},
                  comment="Bezorger was wel aardig")
    assert texts(done) == t("nl", "survey-thanks")
    # Never a member, nothing of the team's work shown.
    with Session(room.db) as s:
        p = persons.person_by_external_id(session=s, external_id="u:carla")
        assert p is not None
        assert s.exec(select(Member).where(Member.person_id == p.id)).first() is None
        scores = {x.score for x in s.exec(select(SurveyScore)).all()}
        assert scores == {1, 2, 3, None}
    assert texts(room.send(carla, Verb.WORKSHOPS, private=True)) == t("nl", "workshops-none")
    snap = _snapshot(room)
    assert snap.customers is not None and snap.customers.responses == 1
    first = snap.customers.at(0)
    assert first is not None and first.mean == 1 and first.notes == ("Site was traag",)
    assert snap.customers.at(2) is not None and snap.customers.at(2).n == 0  # type: ignore[union-attr]
    assert snap.customers.comments == ("Bezorger was wel aardig",)
    assert snap.members == ("@fenna", "@anna")  # the customer is no participant


def test_the_customer_sees_nothing_of_the_team(engine: Engine) -> None:
    room = Room(engine)
    room.start("Zilvervos-traject 7431")
    team_scores(room, [3, 3, 3, 3, 3])
    code = survey_link(room, "Je bestelling")
    carla = customer(room, "carla")
    seen = [r for r in room.send(carla, Verb.START, code, private=True)]
    seen += answer(room, carla, code, [5, 5, 5, 5, 5], comment="Top")
    for cmd in (Verb.STATUS, Verb.MAP, Verb.CARD, Verb.EXPORT, Verb.ACTIONS):
        seen += room.send(carla, cmd, private=True)
    shown = "\n".join(r.text + " ".join(b.label for row in r.buttons for b in row)
                      for r in seen)
    assert all(r.attachment is None for r in seen)
    for secret in ("Zilvervos", TOUCHPOINT, room.workshop().join_code):
        assert secret not in shown


def test_opening_again_changes_the_one_response(engine: Engine) -> None:
    room = Room(engine)
    room.start()
    code = survey_link(room)
    carla = customer(room, "carla")
    answer(room, carla, code, [1, 1, 1, 1, 1])
    again = room.send(carla, Verb.START, code, private=True)
    assert t("nl", "survey-hello-again", title=room.workshop().title).split("\n")[0] \
        in again[0].text
    assert "😠" in again[0].text  # the earlier answer is shown
    answer(room, carla, code, [5, 5, 5, 5, 5])
    with Session(room.db) as s:
        assert len(s.exec(select(SurveyResponse)).all()) == 1
    snap = _snapshot(room)
    assert snap.customers is not None
    assert [v.mean for v in snap.customers.stages] == [5.0] * FIVE


def test_status_counts_responses_and_off_revokes_the_link(engine: Engine) -> None:
    room = Room(engine, lang="en")
    room.start()
    code = survey_link(room)
    for name in ("carla", "dirk"):
        answer(room, customer(room, name, "en"), code, [3, 3, 3, 3, 3])
    status = texts(room.send("anna", Verb.STATUS))
    assert t("en", "survey-status-open", count=2) in status
    shown = texts(room.send("fenna", Verb.SURVEY))
    assert code in shown and "2" in shown
    off = room.send("fenna", Verb.SURVEY, "off")
    assert texts(off) == t("en", "survey-off", count=2)
    late = room.send(customer(room, "eddy", "en"), Verb.START, code, private=True)
    assert texts(late) == t("en", "survey-closed")
    assert t("en", "survey-status", count=2) in texts(room.send("anna", Verb.STATUS))
    # A new link is a new code; the responses stay.
    assert survey_link(room) != code


def test_a_member_cannot_make_or_revoke_the_link(engine: Engine) -> None:
    room = Room(engine)
    room.start()
    room.say("anna", "Een doel")
    assert texts(room.send("anna", Verb.SURVEY)) == t("nl", "only-facilitator")


def test_notes_and_comment_have_bounds_and_nothing_too_long_is_stored(engine: Engine) -> None:
    room = Room(engine, lang="en")
    room.start()
    code = survey_link(room)
    carla = customer(room, "carla", "en")
    first = room.send(carla, Verb.START, code, private=True)
    # A line before any face: asked to tap one first.
    assert texts(room.say(carla, "hello", private=True)) == t("en", "survey-face-first")
    room.press(carla, first[-1].buttons[0][3], private=True)
    long_note = "x" * (MAX_NOTE + 1)
    assert texts(room.say(carla, long_note, private=True)) == t("en", "survey-too-long",
                                                               max=MAX_NOTE)
    assert texts(room.say(carla, "fine", private=True)) == t("en", "survey-note-noted")
    with Session(room.db) as s:
        assert [x.note for x in s.exec(select(SurveyScore)).all()] == ["fine"]
    seen = []
    for _ in range(FIVE - 1):
        question = seen[-1] if seen else room.send(carla, Verb.START, code, private=True)[-1]
        seen = room.press(carla, question.buttons[0][2], private=True)
    too_long = "y" * (MAX_COMMENT + 1)
    last = room.send(carla, Verb.START, code, private=True)[-1]
    for _ in range(FIVE):
        last = room.press(carla, last.buttons[0][2], private=True)[-1]
    assert texts(room.say(carla, too_long, private=True)) == t("en", "survey-too-long",
                                                              max=MAX_COMMENT)
    assert texts(room.say(carla, "All good", private=True)) == t("en", "survey-thanks")
    snap = _snapshot(room)
    assert snap.customers is not None and snap.customers.comments == ("All good",)


def test_a_member_answering_a_survey_adds_no_entry(engine: Engine) -> None:
    """Someone with an active workshop who answers a survey: their lines are survey notes
    while answering, entries again once done."""
    room = Room(engine)
    room.start()
    code = survey_link(room)
    room.say("anna", "Een doel")  # anna takes part in the group: a member
    room.send("anna", Verb.BUTTON, f"ws:{room.workshop().id}", private=True)
    first = room.send("anna", Verb.START, code, private=True)
    room.press("anna", first[-1].buttons[0][1], private=True)
    assert texts(room.say("anna", "Lang wachten", private=True)) == t("nl",
                                                                      "survey-note-noted")
    with Session(room.db) as s:
        assert s.exec(select(Entry).where(Entry.text == "Lang wachten")).first() is None
    answer(room, "anna", code, [2, 2, 2, 2, 2])
    room.say("anna", "Een echt doel", private=True)
    with Session(room.db) as s:
        assert s.exec(select(Entry).where(Entry.text == "Een echt doel")).first() is not None


def test_someone_elses_face_is_refused(engine: Engine) -> None:
    room = Room(engine)
    room.start()
    code = survey_link(room)
    carla = customer(room, "carla")
    first = room.send(carla, Verb.START, code, private=True)
    dirk = customer(room, "dirk")
    replies = room.press(dirk, first[-1].buttons[0][0], private=True)
    assert replies[0].kind is Kind.ALERT and replies[0].text == t("nl", "button-unknown")
    with Session(room.db) as s:
        assert s.exec(select(SurveyScore)).first() is None


def test_a_customer_forgets_and_sees_their_data(engine: Engine) -> None:
    room = Room(engine, lang="en")
    room.start()
    code = survey_link(room, "Your order")
    carla = customer(room, "carla", "en")
    answer(room, carla, code, [2, 3, 4, 5, 1], notes={1: "Slow site"}, comment="Ok")
    mine = room.send(carla, Verb.MYDATA, private=True)
    data = mine[0].attachment.transfer  # type: ignore[union-attr]
    assert data is not None and b"Slow site" in data and b"Your order" in data
    assert b"emotion_scores" in data
    ask = room.send(carla, Verb.FORGET, private=True)
    assert "1 survey response" in ask[0].text
    erase = ask[0].buttons[0][0]
    done = room.press(carla, erase, private=True)
    assert texts(done) == t("en", "forget-customer-done",
                            responses=t("en", "privacy-responses", count=1))
    assert person(room, carla) is None
    with Session(room.db) as s:
        assert s.exec(select(SurveyResponse)).first() is None
        assert s.exec(select(SurveyScore)).first() is None
    assert _snapshot(room).customers is None


def test_a_member_who_also_answered_is_told_and_erased_fully(engine: Engine) -> None:
    room = Room(engine)
    room.start()
    room.say("anna", "Een doel")
    code = survey_link(room)
    answer(room, "anna", code, [3, 3, 3, 3, 3])
    ask = room.send("anna", Verb.FORGET, private=True)
    assert t("nl", "privacy-responses", count=1) in ask[0].text
    keep = ask[0].buttons[0][0]
    done = texts(room.press("anna", keep, private=True))
    assert t("nl", "forget-customer-done", responses=t("nl", "privacy-responses", count=1)) \
        in done
    with Session(room.db) as s:
        assert s.exec(select(SurveyResponse)).first() is None


def test_a_link_revoked_while_answering_stops_listening(engine: Engine) -> None:
    room = Room(engine, lang="en")
    room.start()
    code = survey_link(room)
    carla = customer(room, "carla", "en")
    first = room.send(carla, Verb.START, code, private=True)
    room.press(carla, first[-1].buttons[0][2], private=True)
    room.send("fenna", Verb.SURVEY, "off")
    assert texts(room.say(carla, "late note", private=True)) == t("en", "survey-closed")
    # Afterwards her lines are the bot's usual ones again (she has no workshop).
    assert texts(room.say(carla, "hello", private=True)) == t("en", "no-workshop-private")
    replies = room.press(carla, first[-1].buttons[0][3], private=True)
    assert replies[0].kind is Kind.ALERT and replies[0].text == t("en", "survey-closed")


def test_a_survey_stops_listening_after_an_hour(engine: Engine) -> None:
    """A member who left a survey half-way: an hour later their private lines are entries."""
    from datetime import timedelta

    from cjworkflow.limits.voice import LISTEN_MINUTES
    room = Room(engine)
    room.start()
    code = survey_link(room)
    room.say("anna", "Een doel")
    room.send("anna", Verb.BUTTON, f"ws:{room.workshop().id}", private=True)
    first = room.send("anna", Verb.START, code, private=True)
    room.press("anna", first[-1].buttons[0][1], private=True)
    room.now += timedelta(minutes=LISTEN_MINUTES + 1)
    room.say("anna", "Later doel", private=True)
    room.say("anna", "Nog een doel", private=True)
    with Session(room.db) as s:
        texts_ = {e.text for e in s.exec(select(Entry)).all()}
        assert {"Later doel", "Nog een doel"} <= texts_
        assert all(r.listening_until is None for r in s.exec(select(SurveyResponse)).all())


def test_cancel_stops_the_survey_and_keeps_the_answers(engine: Engine) -> None:
    room = Room(engine)
    room.start()
    code = survey_link(room)
    carla = customer(room, "carla")
    first = room.send(carla, Verb.START, code, private=True)
    room.press(carla, first[-1].buttons[0][4], private=True)
    assert texts(room.send(carla, Verb.CANCEL, private=True)) == t("nl", "survey-stopped")
    assert texts(room.say(carla, "hallo", private=True)) == t("nl", "no-workshop-private")
    assert texts(room.send(carla, Verb.CANCEL, private=True)) == t("nl", "cancel-nothing")
    with Session(room.db) as s:
        assert [x.score for x in s.exec(select(SurveyScore)).all()] == [5]


def test_the_only_member_who_answered_their_own_survey_forgets(engine: Engine) -> None:
    """Their workshop goes (nobody else takes part), their response with it."""
    room = Room(engine)
    room.send("fenna", Verb.NEW, "Alleen ik", private=True)
    link = room.send("fenna", Verb.SURVEY, private=True)[0].text
    code = link.split("start=")[1].split()[0]
    answer(room, "fenna", code, [2, 2, 2, 2, 2])
    ask = room.send("fenna", Verb.FORGET, private=True)
    done = room.press("fenna", ask[0].buttons[1][0], private=True)
    assert "Alleen ik" in texts(done)
    with Session(room.db) as s:
        assert s.exec(select(SurveyResponse)).first() is None
        assert s.exec(select(SurveyScore)).first() is None
