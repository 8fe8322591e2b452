"""Dot voting as a team experiences it: dots on the card, moved, refused, closed, acted on."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from cjworkflow.flow.engine import WorkshopEngine
from cjworkflow.messages import MAX_ACTION_BYTES, Button, Dest, Kind, Reply, Verb
from cjworkflow.storage.models import Action
from cjworkflow.storage.models_polls import PollMark
from cjworkflow.storage.readmodel import build_snapshot
from tests.harness import Room, button, card_of, texts

PAINS = ("Bezorgmoment onduidelijk", "Te veel gelijke advertenties", "Geen bericht op de dag zelf")


@pytest.fixture
def room(engine: Engine) -> Room:
    r = Room(engine)
    r.start()
    r.goto(5)
    for pain in PAINS:
        r.say("anna", f"pijn: {pain}")
    return r


def card(room: Room) -> Reply:
    found = room.engine.card(room.workshop().id or 0)
    assert found is not None
    return found


def dot(room: Room, who: str, number: int, back: bool = False) -> list[Reply]:
    """who presses ● (or ↩) on item number of the vote card."""
    c = card(room)
    row = next(r for r in c.buttons if r[0].label.startswith(f"● {number}."))
    return room.press(who, row[1] if back else row[0])


def alert(replies: list[Reply]) -> str:
    assert replies and replies[0].kind is Kind.ALERT, replies
    return replies[0].text


def marks(room: Room) -> list[tuple[int, int, int]]:
    with Session(room.db) as s:
        return sorted((m.member_id, m.item_id, m.dots) for m in s.exec(select(PollMark)))


def test_a_vote_lives_on_the_card_and_hides_counts_until_it_closes(room: Room) -> None:
    replies = room.send("fenna", Verb.VOTE)
    opened = card_of(replies, room)
    # One new card (it becomes the living card), with the vote on it: no extra message.
    assert [r.kind for r in replies] == [Kind.CARD] and opened.dest is Dest.WORKSHOP
    assert "Stemmen op de pijnpunten: iedereen heeft 3 stippen" in opened.text
    assert ("Stemmen op de pijnpunten · 3 stippen per persoon · 0 deelnemers hebben gestemd"
            in opened.text)
    for row in opened.buttons[:3]:
        assert all(len(b.action.encode()) <= MAX_ACTION_BYTES for b in row)
    first = "\"Bezorgmoment onduidelijk\": "
    assert alert(dot(room, "anna", 1)) == first + "1 van jouw stippen · nog 2 over"
    assert alert(dot(room, "anna", 1)) == first + "2 van jouw stippen · nog 1 over"
    replies = dot(room, "bram", 3)
    # A press answers the presser and edits the one card; nothing new in the group.
    assert [r.kind for r in replies] == [Kind.ALERT, Kind.CARD_EDIT]
    shown = card(room).text
    assert "2 deelnemers hebben gestemd" in shown and "\n1. Bezorgmoment onduidelijk\n" in shown
    assert "●●" not in shown and "2 van" not in shown
    closed = room.send("fenna", Verb.VOTE, "close")
    assert texts(closed).startswith("🗳 Stemming gesloten: de pijnpunten op stippen\n"
                                    "1. ●● 2 — Bezorgmoment onduidelijk\n"
                                    "2. ● 1 — Geen bericht op de dag zelf")
    assert any(r.kind is Kind.CARD_EDIT for r in closed)
    assert "🗳" not in card(room).text  # the card is back to the step
    with Session(room.db) as s:
        snap = build_snapshot(session=s, workshop=room.workshop())
    assert snap.stages[0].pains == ("●2 Bezorgmoment onduidelijk",
                                    "Te veel gelijke advertenties",
                                    "●1 Geen bericht op de dag zelf")


def test_a_dot_can_be_moved_and_never_overspent(room: Room) -> None:
    room.send("fenna", Verb.VOTE, "pains 2")
    dot(room, "anna", 1)
    dot(room, "anna", 2)
    before = marks(room)
    assert alert(dot(room, "anna", 3)) == (
        "Je hebt al je 2 stippen gebruikt. Neem er een terug met ↩ om hem te verplaatsen.")
    assert marks(room) == before
    assert alert(dot(room, "anna", 3, back=True)) == "Daar staat geen stip van jou op."
    assert marks(room) == before
    assert alert(dot(room, "anna", 1, back=True)).endswith("0 van jouw stippen · nog 1 over")
    assert alert(dot(room, "anna", 3)).endswith("1 van jouw stippen · nog 0 over")
    assert [d for _, _, d in marks(room)] == [0, 1, 1]


def test_bad_input_gets_a_clear_answer_and_changes_nothing(room: Room) -> None:
    assert texts(room.send("fenna", Verb.VOTE, "close")) == (
        "Er loopt geen stemming of schatting. Begin er een met /vote of /estimate.")
    assert "tussen 1 en 10 stippen" in texts(room.send("fenna", Verb.VOTE, "pains 11"))
    assert "Gebruik /vote" in texts(room.send("fenna", Verb.VOTE, "pizza"))
    assert texts(room.send("fenna", Verb.VOTE, "ideas")) == (
        "Er zijn nog geen ideeën om op te stemmen.")
    assert texts(room.send("anna", Verb.VOTE)) == "Dat kan alleen een facilitator."
    room.send("fenna", Verb.VOTE)
    assert "loopt al een stemming" in texts(room.send("fenna", Verb.VOTE, "ideas"))
    old = card(room)
    first = button(old, "● 1.")
    # A stranger (never in the group) presses from a private chat: not a member.
    stranger = room.press("stranger", first, private=True)
    assert stranger[0].kind is Kind.ALERT and "niet" in stranger[0].text
    assert marks(room) == []
    # A removed member's press: bram gave a dot, then was removed.
    room.press("bram", first)
    kick = room.send("fenna", Verb.KICK, "@bram")
    room.press("fenna", kick[0].buttons[0][0])
    before = marks(room)
    assert len(before) == 1
    removed = room.press("bram", first)
    assert removed[0].kind is Kind.ALERT and "uit deze workshop gehaald" in removed[0].text
    assert marks(room) == before
    # Only the facilitator closes from the card; a removed member's dots do not count.
    close = button(old, "Sluiten")
    assert alert(room.press("anna", close)) == "Dat kan alleen een facilitator."
    assert "Niemand zette een stip." in texts(room.press("fenna", close))
    # Pressing after close.
    assert alert(room.press("anna", first)) == (
        "Deze stemming is gesloten: er is niets veranderd.")
    assert alert(room.press("fenna", close)) == (
        "Deze stemming is gesloten: er is niets veranderd.")
    assert marks(room) == before


def test_a_forged_item_is_refused(room: Room) -> None:
    room.send("fenna", Verb.VOTE)
    action = button(card(room), "● 1.").action
    code, wid, poll, item, sign = action.split(":")
    forged = room.send("anna", Verb.BUTTON, f"{code}:{wid}:{poll}:{int(item) + 999}:{sign}")
    assert forged[0].kind is Kind.ALERT and marks(room) == []


def test_a_timeboxed_vote_closes_itself_and_a_restart_loses_no_dot(room: Room) -> None:
    room.send("fenna", Verb.VOTE, "pains 3 5m")
    assert "sluit over 5 min" in card(room).text
    dot(room, "anna", 2)
    # A restart: a new engine on the same database still knows the dot.
    room.engine = WorkshopEngine(room.db, default_language="nl", clock=lambda: room.now)
    assert alert(dot(room, "anna", 2)).endswith("2 van jouw stippen · nog 1 over")
    assert room.engine.due_replies(room.now + timedelta(minutes=4)) == []
    due = room.engine.due_replies(room.now + timedelta(minutes=5))
    assert "1. ●● 2 — Te veel gelijke advertenties" in texts(due)
    assert due[0].chat_ref == room.group and due[0].dest is Dest.WORKSHOP
    assert room.engine.due_replies(room.now + timedelta(minutes=6)) == []  # said once


def test_at_step_8_the_top_voted_become_actions_in_one_tap(room: Room) -> None:
    room.say("bram", "idee: Bezorgmoment kiezen voor het betalen")
    room.send("fenna", Verb.VOTE, "ideas 1")
    dot(room, "anna", 1)
    room.send("fenna", Verb.VOTE, "close")
    room.goto(8)
    offer = card(room)
    assert "tik erop om er een actie van te maken" in offer.text
    make = button(offer, "➕ Bezorgmoment kiezen")
    assert make.label.endswith("●1")
    idea = "\"Bezorgmoment kiezen voor het betalen\""
    assert alert(room.press("bram", make)) == f"{idea} is nu een actie."
    assert alert(room.press("anna", make)) == f"{idea} is al een actie."
    with Session(room.db) as s:
        assert [a.title for a in s.exec(select(Action))] == ["Bezorgmoment kiezen voor het betalen"]
    # Made an action: no button offers it any more (step 8's other context keeps its own).
    assert "Bezorgmoment kiezen" not in " ".join(b.label for r in card(room).buttons for b in r)


def test_a_vote_in_english_on_actions(engine: Engine) -> None:
    room = Room(engine, lang="en")
    room.start("I order a washing machine")
    room.goto(8)
    room.say("fenna", "Text message on delivery day | impact 4 | effort 2 | owner me | due friday")
    replies = room.send("fenna", Verb.VOTE, "actions 1")
    assert "Dot vote on the actions: everyone has 1 dots" in card_of(replies, room).text
    assert alert(dot(room, "anna", 1)) == '"Text message on delivery day": 1 of your dots · 0 left'
    assert "1. ● 1 — Text message on delivery day" in texts(room.send("fenna", Verb.VOTE, "close"))


def test_a_member_votes_in_private_on_the_same_card(room: Room) -> None:
    room.send("fenna", Verb.VOTE, "pains 1")
    room.press("anna", Button("", f"ws:{room.workshop().id}"), private=True)
    mine = card_of(room.send("anna", Verb.CARD, private=True), room)
    assert "Stemmen op de pijnpunten" in mine.text
    replies = room.press("anna", button(mine, "● 3."), private=True)
    assert alert(replies) == "\"Geen bericht op de dag zelf\": 1 van jouw stippen · nog 0 over"
    # Both cards follow: the group's and the one in her private chat.
    assert sorted(r.dest for r in replies if r.kind is Kind.CARD_EDIT) == [Dest.ORIGIN,
                                                                            Dest.WORKSHOP]
    # Nobody in the group sees who voted: the group's card only counts.
    assert "1 deelnemer heeft gestemd" in card(room).text
    assert "1. ● 1 — Geen bericht op de dag zelf" in texts(room.send("fenna", Verb.VOTE, "close"))
