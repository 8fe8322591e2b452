"""GDPR for the people in a workshop: /forget with a clear choice, /mydata with everything.

The room: Fenna facilitates in the group; Anna (who also has a private chat with the bot)
and Bram take part. Anna wrote goals, an element, an entry from her private chat, scored a
stage, owns two actions with reminders (one she wrote, one Fenna wrote) and has an open
question. Whatever she erases must be gone from every place a person could see it: the
database, the cards, /status, the plan, the map's data and every export.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from cjworkflow.i18n import t
from cjworkflow.messages import Command, Dest, Kind, Reply, Verb
from cjworkflow.outputs import exports
from cjworkflow.outputs.produce import produce
from cjworkflow.storage import transfer
from cjworkflow.storage.models import (
    Action,
    ChatCard,
    EmotionScore,
    Entry,
    Member,
    PendingQuestion,
    Person,
    Reminder,
    Role,
    Workshop,
)
from cjworkflow.storage.readmodel import build_snapshot
from tests.harness import GROUP, Room, button, card_of, texts

ANNA_GOAL = "Minder afhakers bij bezorgkeuze"
ANNA_PRIVATE = "Klant belt over levertijd"
ANNA_ELEMENT = "Vergelijkt prijzen"
BRAM_GOAL = "Inzicht in klachten"
ACTION_BY_ANNA = "Sms bij vertraging"
ACTION_BY_FENNA = "Bevestigingsmail met bezorgmoment"
# What identifies Anna: her name, handle and Telegram-like id (and her private chat's refs).
ANNA_TRACES = ("Anna", "anna", "u:anna")


def build(room: Room) -> None:
    """The room described in the module docstring."""
    room.send("anna", Verb.START, private=True)  # the bot may write to her privately
    room.start()
    room.say("anna", ANNA_GOAL)
    room.say("bram", BRAM_GOAL)
    room.goto(5)
    room.say("anna", ANNA_ELEMENT)
    card = card_of(room.send("fenna", Verb.CARD), room)
    room.press("anna", button(card, "😣"))
    room.press("bram", button(card, "😄"))
    room.send("anna", Verb.BUTTON, f"ws:{room.workshop().id}", private=True)
    # From her private chat: Telegram's source reference holds her chat (= user) id.
    room.say("anna", ANNA_PRIVATE, private=True, ref="u:anna:77")
    room.goto(8)
    room.say("fenna", f"{ACTION_BY_FENNA} | impact 5 | moeite 1 | @anna | deadline 2026-12-15")
    room.say("anna", f"{ACTION_BY_ANNA} | impact 3 | moeite 2 | eigenaar ik | deadline 2026-12-20")
    room.say("anna", "Chatbot voor retouren | impact 2")  # asks her the effort: a question


def rows(room: Room, model: type[Any], *where: Any) -> list[Any]:
    with Session(room.db) as s:
        return list(s.exec(select(model).where(*where)).all())


def person(room: Room, name: str) -> Person | None:
    found = rows(room, Person, Person.external_id == f"u:{name}")
    return found[0] if found else None


def anna_member_ids(room: Room) -> list[int]:
    p = person(room, "anna")
    assert p is not None
    return [m.id for m in rows(room, Member, Member.person_id == p.id)]


def choice_of(replies: list[Reply]) -> Reply:
    """The reply carrying the /forget buttons."""
    found = [r for r in replies if r.buttons]
    assert len(found) == 1, replies
    return found[0]


def forget(room: Room, who: str, label_key: str, *, lang: str = "nl") -> list[Reply]:
    """who sends /forget in the group and presses the button with label_key's label."""
    choice = choice_of(room.send(who, Verb.FORGET))
    private = choice.dest is Dest.PERSON
    return room.press(who, button(choice, t(lang, label_key)), private=private)


def everything_shown(room: Room) -> str:
    """What anyone can still see of the workshop: card, status, plan, map data, exports."""
    wid = room.workshop().id or 0
    parts = [texts(room.send("fenna", Verb.STATUS)), texts(room.send("fenna", Verb.ACTIONS)),
             card_of(room.send("fenna", Verb.CARD), room).text]
    with Session(room.db) as s:
        ws = s.get(Workshop, wid)
        assert ws is not None
        snap = build_snapshot(session=s, workshop=ws)
        parts.append(transfer.export_bytes(s, wid).decode("utf-8"))
    parts.append(repr(snap))  # the map's and matrix's data
    parts.append(exports.actions_csv(snap, room.lang).decode("utf-8"))
    parts.append(exports.markdown(snap, room.lang).decode("utf-8"))
    parts.append(exports.workshop_json(snap).decode("utf-8"))
    return "\n".join(parts)


@pytest.fixture
def room(engine: Engine) -> Room:
    r = Room(engine)
    build(r)
    return r


# --- /forget: the choice ---------------------------------------------------------------------


def test_forget_explains_first_and_changes_nothing_until_a_press(room: Room) -> None:
    before = {m.__name__: len(rows(room, m)) for m in (Person, Member, Entry, EmotionScore,
                                                       Action, Reminder, PendingQuestion)}
    replies = room.send("anna", Verb.FORGET)
    choice = choice_of(replies)
    # In a group the details go to her private chat; the group only hears where they went.
    assert choice.dest is Dest.PERSON and choice.person_ref == "u:anna"
    group = [r for r in replies if r is not choice]
    assert [r.text for r in group] == [t("nl", "forget-sent-private")]
    assert group[0].dest is Dest.ORIGIN
    assert "In 1 workshop bewaar ik" in choice.text
    assert "• 3 bijdragen en 2 acties die je schreef" in choice.text
    assert ("• 1 emotiescore, 2 acties waarvan je eigenaar bent, 6 herinneringen, je open vragen"
            in choice.text)
    assert "Er verandert niets tot je op een knop tikt." in choice.text
    labels = [b.label for row in choice.buttons for b in row]
    assert labels == ["Wis mij, bijdragen blijven anoniem", "Wis mij en mijn bijdragen",
                      "Annuleren"]
    after = {m.__name__: len(rows(room, m)) for m in (Person, Member, Entry, EmotionScore,
                                                      Action, Reminder, PendingQuestion)}
    assert after == before
    assert person(room, "anna") is not None and person(room, "anna").handle == "anna"  # type: ignore[union-attr]


def test_forget_in_a_group_without_a_private_chat_shows_no_titles_there(room: Room) -> None:
    # Bram starts a workshop in another group; the bot may not write to him privately.
    room.engine.handle(Command(actor=room.people["bram"], verb=Verb.NEW,
                               text="Geheime tweede reis", chat_ref="group:2", private=False))
    replies = room.send("bram", Verb.FORGET)
    choice = choice_of(replies)
    assert choice.dest is Dest.ORIGIN
    assert "Geheime tweede reis" not in texts(replies)
    assert t("nl", "forget-group-details") in choice.text


def test_forget_in_private_lists_what_happens_per_workshop(room: Room) -> None:
    room.send("anna", Verb.NEW, "Mijn eigen reis", private=True)
    choice = choice_of(room.send("anna", Verb.FORGET, private=True))
    assert choice.dest is Dest.ORIGIN
    assert '"Mijn eigen reis": verwijderd, verder doet niemand mee' in choice.text
    assert "Ik bestel een wasmachine" not in choice.text  # fenna still facilitates that one


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_keep_entries_anonymous_erases_the_person_everywhere(engine: Engine, lang: str) -> None:
    room = Room(engine, lang=lang)
    build(room)
    wid = room.workshop().id
    mids = anna_member_ids(room)
    owned = [a.id for a in rows(room, Action, col(Action.owner_id).in_(mids))]
    assert len(owned) == 2 and rows(room, Reminder, col(Reminder.action_id).in_(owned))
    before = everything_shown(room)
    assert "@anna" in before and "u:anna" in before  # the checks below are not vacuous

    done = forget(room, "anna", "btn-forget-keep", lang=lang)

    assert texts(done).startswith("✅")
    expected = {"nl": "Zonder je naam in de workshops gebleven: 3 bijdragen. "
                      "Nu zonder eigenaar: 2 acties.",
                "en": "Kept in the workshops without your name: 3 entries. "
                      "Now without an owner: 2 actions."}[lang]
    assert expected in texts(done)
    assert person(room, "anna") is None
    assert not rows(room, Person, col(Person.handle) == "anna")
    assert not rows(room, Member, col(Member.id).in_(mids))
    # Her entries stay, without an author and without her private chat's reference.
    kept = {e.text: e for e in rows(room, Entry)}
    for text in (ANNA_GOAL, ANNA_ELEMENT, ANNA_PRIVATE):
        assert kept[text].author_id is None and "anna" not in kept[text].source_ref
    assert kept[BRAM_GOAL].author_id is not None
    # Her score is gone (Bram's stays); her actions stay, unowned, with no reminder left.
    assert [s.score for s in rows(room, EmotionScore)] == [5]
    actions = {a.title: a for a in rows(room, Action)}
    assert actions[ACTION_BY_ANNA].owner_id is None and actions[ACTION_BY_ANNA].author_id is None
    assert actions[ACTION_BY_FENNA].owner_id is None
    assert not rows(room, Reminder, col(Reminder.action_id).in_(owned))
    assert not rows(room, PendingQuestion)
    assert not rows(room, ChatCard, ChatCard.chat_ref == "u:anna")
    shown = everything_shown(room)
    for trace in ANNA_TRACES:
        assert trace not in shown, trace
    assert ANNA_GOAL in shown and ACTION_BY_FENNA in shown
    assert f"{ACTION_BY_FENNA} — {t(lang, 'card-no-owner')}" in shown
    assert t(lang, "status-head", code=room.workshop().join_code, members=2) in shown
    # The group's living card is redrawn without her name, and caches see a new version.
    edits = [r for r in done if r.kind is Kind.CARD_EDIT]
    assert [(r.workshop_id, r.chat_ref) for r in edits] == [(wid, GROUP)]


def test_erase_me_and_my_entries_deletes_what_she_wrote(room: Room) -> None:
    done = forget(room, "anna", "btn-forget-all")
    assert "wat je schreef: 3 bijdragen en 2 acties. Nu zonder eigenaar: 1 actie." in texts(done)
    left = [e.text for e in rows(room, Entry)]
    assert left == [BRAM_GOAL]
    # Fenna's action stays (its owner is gone); Anna's own actions are deleted.
    actions = rows(room, Action)
    assert [(a.title, a.owner_id) for a in actions] == [(ACTION_BY_FENNA, None)]
    assert not rows(room, Reminder)
    shown = everything_shown(room)
    for trace in (*ANNA_TRACES, ANNA_GOAL, ANNA_PRIVATE, ACTION_BY_ANNA):
        assert trace not in shown, trace


def test_someone_elses_press_is_refused_and_changes_nothing(room: Room) -> None:
    choice = choice_of(room.send("bram", Verb.FORGET))  # in the group: no private chat
    assert choice.dest is Dest.ORIGIN
    keep = button(choice, "bijdragen blijven anoniem")
    for who in ("anna", "fenna"):
        replies = room.press(who, keep)
        assert [(r.kind, r.text) for r in replies] == [(Kind.ALERT, t("nl", "forget-not-yours"))]
    # A press in another chat (a forged one: Telegram only sends it from its own chat).
    replies = room.press("bram", keep, private=True)
    assert [r.text for r in replies] == [t("nl", "button-unknown")]
    assert person(room, "bram") is not None
    assert len(rows(room, Entry, Entry.text == BRAM_GOAL)) == 1
    assert rows(room, Entry, Entry.text == BRAM_GOAL)[0].author_id is not None


def test_cancel_keeps_everything(room: Room) -> None:
    replies = forget(room, "anna", "btn-forget-cancel")
    assert [(r.kind, r.text) for r in replies] == [(Kind.ALERT, t("nl", "forget-cancelled"))]
    assert person(room, "anna") is not None
    assert len(rows(room, EmotionScore)) == 2


def test_erasing_twice_or_when_unknown_gets_a_clear_answer(room: Room) -> None:
    choice = choice_of(room.send("anna", Verb.FORGET))
    keep = button(choice, "bijdragen blijven anoniem")
    room.press("anna", keep, private=True)
    people = len(rows(room, Person))
    # The same button again: already erased, and the press itself leaves no new trace.
    replies = room.press("anna", keep, private=True)
    assert [r.text for r in replies] == [t("nl", "forget-gone")]
    assert len(rows(room, Person)) == people and person(room, "anna") is None
    # /forget again, or from someone the bot never knew: nothing stored, nothing kept.
    for who in ("anna", "stranger"):
        replies = room.send(who, Verb.FORGET, private=True)
        assert [r.text for r in replies] == [t("nl", "forget-nothing")]
        assert person(room, who) is None and not any(r.buttons for r in replies)


def test_a_redelivered_press_changes_nothing_twice(room: Room) -> None:
    choice = choice_of(room.send("anna", Verb.FORGET))
    keep = button(choice, "bijdragen blijven anoniem")
    first = room.send("anna", Verb.BUTTON, keep.action, private=True, receipt="tg:u:500")
    assert texts(first).startswith("✅")
    again = room.send("anna", Verb.BUTTON, keep.action, private=True, receipt="tg:u:500")
    assert again == []
    assert person(room, "anna") is None  # the redelivery did not bring her back


def test_the_last_facilitator_leaving_hands_over_to_the_first_member(room: Room) -> None:
    room.send("fenna", Verb.NEW, "Fenna alleen", private=True)  # nobody else takes part
    room.send("fenna", Verb.START, private=True)
    wid = room.workshop().id
    choice = choice_of(room.send("fenna", Verb.FORGET, private=True))
    assert '"Ik bestel een wasmachine": @anna wordt facilitator' in choice.text
    assert '"Fenna alleen": verwijderd, verder doet niemand mee' in choice.text
    done = room.press("fenna", button(choice, "bijdragen blijven anoniem"), private=True)
    assert 'Verwijderd, omdat verder niemand meedeed: "Fenna alleen"' in texts(done)
    note = [r for r in done if r.dest is Dest.WORKSHOP and r.text]
    assert [(r.chat_ref, r.text) for r in note] == [(GROUP, t(
        "nl", "forget-new-facilitator", title="Ik bestel een wasmachine", name="@anna"))]
    assert not rows(room, Workshop, Workshop.title == "Fenna alleen")
    with Session(room.db) as s:
        ws = s.get(Workshop, wid)
        assert ws is not None and ws.created_by is None
    roles = {m.person_id: m.role for m in rows(room, Member, Member.workshop_id == wid)}
    assert sorted(roles.values()) == [Role.FACILITATOR, Role.MEMBER]
    # Anna steers now; the workshop goes on.
    assert "Stap 7/8" in card_of(room.send("anna", Verb.BACK), room).text


def test_another_facilitator_means_nobody_is_promoted(room: Room) -> None:
    room.send("fenna", Verb.PROMOTE, "@bram")
    choice = choice_of(room.send("fenna", Verb.FORGET))
    room.press("fenna", button(choice, "Wis mij en mijn bijdragen"))
    wid = room.workshop().id
    roles = sorted(m.role for m in rows(room, Member, Member.workshop_id == wid))
    assert roles == [Role.FACILITATOR, Role.MEMBER]  # bram (already) and anna


# --- /mydata ---------------------------------------------------------------------------------


def _document(reply: Reply) -> dict[str, Any]:
    assert reply.attachment is not None and reply.attachment.kind == "mydata"
    produced = produce(reply.attachment)
    assert produced.filename == "cjbot-mydata.json" and produced.mime == "application/json"
    assert b'\n  "person": {' in produced.data  # indented
    data: dict[str, Any] = json.loads(produced.data.decode("utf-8"))
    return data


def test_mydata_holds_her_data_and_nobody_elses(room: Room) -> None:
    (reply,) = room.send("anna", Verb.MYDATA, private=True)
    data = _document(reply)
    assert data["person"]["display_name"] == "Anna" and data["person"]["handle"] == "anna"
    assert data["person"]["telegram_id"] == "u:anna"
    assert data["memberships"] == [{
        "workshop": "Ik bestel een wasmachine", "role": "member",
        "joined_at": data["memberships"][0]["joined_at"], "workshop_status": "active",
        "workshop_created_at": data["memberships"][0]["workshop_created_at"]}]
    entries = {e["text"]: e for e in data["entries"]}
    assert set(entries) == {ANNA_GOAL, ANNA_ELEMENT, ANNA_PRIVATE}
    assert entries[ANNA_ELEMENT]["kind"] == "user_action" and entries[ANNA_ELEMENT]["step"] == 5
    assert entries[ANNA_ELEMENT]["stage"] == "Aandacht"
    assert [(s["stage"], s["score"]) for s in data["emotion_scores"]] == [("Aandacht", 1)]
    assert sorted(a["title"] for a in data["actions_owned"]) == sorted(
        [ACTION_BY_FENNA, ACTION_BY_ANNA])
    assert {r["action"] for r in data["reminders"]} == {ACTION_BY_FENNA, ACTION_BY_ANNA}
    assert all(r["sent_at"] is None for r in data["reminders"])
    assert [q["field"] for q in data["open_questions"]] == [
        "action_effort", "action_owner", "action_due"]
    raw = json.dumps(data, ensure_ascii=False)
    for other in (BRAM_GOAL, "Bram", "Fenna", "u:bram", "u:fenna"):
        assert other not in raw, other


def test_mydata_in_a_group_goes_to_the_private_chat_only(room: Room) -> None:
    replies = room.send("anna", Verb.MYDATA)
    with_file = [r for r in replies if r.attachment is not None]
    assert len(with_file) == 1
    assert with_file[0].dest is Dest.PERSON and with_file[0].person_ref == "u:anna"
    in_group = [r for r in replies if r.dest is not Dest.PERSON]
    assert [r.text for r in in_group] == [t("nl", "mydata-sent-private")]
    # Bram never opened a private chat: he is told how, and nothing of his is posted.
    replies = room.send("bram", Verb.MYDATA)
    assert [(r.text, r.attachment) for r in replies] == [(t("nl", "mydata-open-private"), None)]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_mydata_and_forget_speak_the_persons_language(engine: Engine, lang: str) -> None:
    room = Room(engine, lang=lang)
    room.start("I order a washing machine")
    replies = room.send("bram", Verb.MYDATA)
    assert [r.text for r in replies] == [t(lang, "mydata-open-private")]
    expected = {"nl": "Je gegevens zijn persoonlijk", "en": "Your data is personal"}[lang]
    assert expected in replies[0].text
    choice = choice_of(room.send("fenna", Verb.FORGET))
    wording = {"nl": "Wis mij en mijn bijdragen", "en": "Erase me and my entries"}[lang]
    assert wording in [b.label for row in choice.buttons for b in row]
    (reply,) = room.send("fenna", Verb.MYDATA, private=True)
    assert reply.text == t(lang, "mydata-caption")
    assert _document(reply)["workshops_created"] == ["I order a washing machine"]


# --- /delete ---------------------------------------------------------------------------------


def test_delete_removes_the_workshop_with_everything_in_it(room: Room) -> None:
    wid = room.workshop().id
    mids = anna_member_ids(room)
    owned = [a.id for a in rows(room, Action, col(Action.owner_id).in_(mids))]
    assert owned and rows(room, Reminder, col(Reminder.action_id).in_(owned))
    confirm = room.send("fenna", Verb.DELETE)
    room.press("fenna", button(confirm[0], t("nl", "btn-delete")))
    for model in (Member, Entry, EmotionScore, Action, PendingQuestion, ChatCard):
        assert not rows(room, model, model.workshop_id == wid), model.__name__
    assert not rows(room, Reminder, col(Reminder.action_id).in_(owned))
    assert not rows(room, Workshop, Workshop.id == wid)
    # The people stay (they may take part elsewhere); /forget erases them.
    assert person(room, "anna") is not None
