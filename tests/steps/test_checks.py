"""Lines stored by mistake are asked about first: emoji only, a late answer, an action twice."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from cjworkflow.i18n import t
from cjworkflow.messages import Verb
from cjworkflow.storage.models import Action, Entry
from tests.harness import Room, texts


@pytest.fixture(params=["nl", "en"])
def room(request: pytest.FixtureRequest, engine: Engine) -> Room:
    """A workshop in nl and in en, just started."""
    r = Room(engine, lang=request.param)
    r.start()
    return r


def entries(room: Room) -> list[str]:
    with Session(room.db) as s:
        return [e.text for e in s.exec(select(Entry)).all()]


def actions(room: Room) -> list[str]:
    with Session(room.db) as s:
        return [a.title for a in s.exec(select(Action).order_by(Action.id)).all()]


@pytest.mark.parametrize("receipt", [None, "update:7"])
def test_an_emoji_only_line_gets_a_hint_and_is_not_stored(room: Room,
                                                          receipt: str | None) -> None:
    # With a receipt, PostgreSQL's one-statement path is the one that declines it.
    out = texts(room.send("anna", Verb.TEXT, "👍🎉", receipt=receipt))
    assert t(room.lang, "check-emoji-only", line="👍🎉") in out
    assert entries(room) == []
    room.say("anna", "Minder afhakers 👍")
    assert entries(room) == ["Minder afhakers 👍"]


def test_a_lone_face_still_scores_an_emotion(room: Room) -> None:
    room.goto(5)
    out = texts(room.say("anna", "😣"))
    assert t(room.lang, "check-emoji-only", line="😣") not in out
    assert entries(room) == []


def test_emoji_among_several_lines_refuses_only_that_line(room: Room) -> None:
    room.goto(2)
    out = texts(room.say("anna", "Sanne: moeder van twee\n🙂\nBram: student"))
    assert t(room.lang, "check-emoji-only", line="🙂") in out
    assert len(entries(room)) == 2 and "🙂" not in entries(room)


@pytest.mark.parametrize("late", ["4", "vrijdag", "friday", "@bram", "ik", "me",
                                  "overslaan", "skip", "15 december"])
def test_a_late_answer_is_not_an_action_without_asking(room: Room, late: str) -> None:
    room.goto(8)
    out = texts(room.say("anna", late))
    assert t(room.lang, "check-late-answer", line=late) in out
    assert actions(room) == []
    room.say("anna", f"+ {late}")
    assert actions(room) == [late]


def test_an_action_with_words_is_stored_as_before(room: Room) -> None:
    room.goto(8)
    room.say("anna", "Vrijdagmiddag bellen | impact 4 | moeite 2 | @anna | deadline vrijdag")
    assert actions(room) == ["Vrijdagmiddag bellen"]


def test_an_identical_action_asks_before_it_is_stored_twice(room: Room) -> None:
    room.goto(8)
    line = "Bevestigingsmail met bezorgmoment | impact 5 | moeite 1 | @anna | deadline vrijdag"
    room.say("anna", line)
    out = texts(room.say("bram", line.replace("Bevestigingsmail", "bevestigingsmail")))
    assert t(room.lang, "check-action-twice", title="bevestigingsmail met bezorgmoment") in out
    assert actions(room) == ["Bevestigingsmail met bezorgmoment"]
    room.say("bram", "+ " + line)
    assert actions(room) == ["Bevestigingsmail met bezorgmoment"] * 2


def test_the_same_action_twice_in_one_message_asks_about_the_second(room: Room) -> None:
    room.goto(8)
    out = texts(room.say("anna", "Chat openen | impact 3\nChat openen | impact 3\nSms sturen"))
    assert t(room.lang, "check-action-twice", title="Chat openen") in out
    assert actions(room) == ["Chat openen", "Sms sturen"]
