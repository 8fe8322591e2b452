"""The engine as a team experiences it: steps, follow-ups, steering, permissions, dedupe."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from cjworkflow.messages import MAX_TEXT, Dest, Kind, Verb
from cjworkflow.storage.models import Action, EmotionScore, Entry, EntryKind
from tests.harness import Room, button, card_of, texts


@pytest.fixture
def room(engine: Engine) -> Room:
    return Room(engine)


def entries(room: Room, kind: EntryKind | None = None) -> list[Entry]:
    with Session(room.db) as s:
        q = select(Entry)
        if kind:
            q = q.where(Entry.kind == kind)
        return list(s.exec(q.order_by(Entry.id)).all())


def actions(room: Room) -> list[Action]:
    with Session(room.db) as s:
        return list(s.exec(select(Action).order_by(Action.id)).all())


def test_new_workshop_gives_join_link_stages_and_first_card(room: Room) -> None:
    replies = room.start()
    intro = texts(replies)
    assert "Ik bestel een wasmachine" in intro
    assert "https://t.me/cjbot?start=" in intro
    assert "Aandacht · Overweging · Actie · Service · Promotor" in intro
    card = card_of(replies, room)
    assert card.kind is Kind.CARD and card.force_reply and card.dest is Dest.WORKSHOP
    assert "Stap 1/8 · Doelen" in card.text
    code = room.workshop().join_code
    assert len(code) >= 16  # 96 random bits, URL-safe


def test_new_without_title_explains_with_examples(room: Room) -> None:
    text = texts(room.send("fenna", Verb.NEW, "   "))
    assert "/new" in text and "klant" in text.lower()


def test_goals_one_entry_per_line_and_card_shows_them(room: Room) -> None:
    room.start()
    replies = room.say("anna", "Minder afhakers bij bezorgkeuze\n\n- Inzicht in klachten")
    assert [e.text for e in entries(room, EntryKind.GOAL)] == [
        "Minder afhakers bij bezorgkeuze", "Inzicht in klachten"]
    assert any(r.kind is Kind.ACK for r in replies)
    card = card_of(replies, room)
    assert card.kind is Kind.CARD_EDIT
    assert "1. Minder afhakers bij bezorgkeuze (@anna)" in card.text


def test_same_input_twice_is_stored_once(room: Room) -> None:
    room.start()
    room.say("anna", "Doel A\nDoel B", ref="tg:1:55")
    room.say("anna", "Doel A\nDoel B", ref="tg:1:55")
    assert len(entries(room, EntryKind.GOAL)) == 2


def test_redelivered_update_changes_nothing(room: Room) -> None:
    room.start()
    first = room.say("anna", "Doel", receipt="update:77")
    again = room.say("anna", "Doel", receipt="update:77")
    assert first and again == []
    assert len(entries(room, EntryKind.GOAL)) == 1


def test_personas_and_targets_by_name_and_button(room: Room) -> None:
    room.start()
    room.goto(2)
    room.say("anna", "Drukke ouder: tweeverdiener | doel: snel weer wassen\nStudent")
    personas = entries(room, EntryKind.PERSONA)
    assert personas[0].text == "Drukke ouder" and personas[0].goal == "snel weer wassen"
    card = card_of(room.goto(3), room)
    assert "⬜ Drukke ouder" in card.text
    room.say("bram", "drukke ouder")
    reply = card_of(room.press("anna", button(card, "Student")), room)
    assert "✅ Drukke ouder" in reply.text and "✅ Student" in reply.text
    assert sorted(p.is_target for p in entries(room, EntryKind.PERSONA)) == [True, True]
    assert "Ik ken geen persona" in texts(room.say("anna", "Marsmannetje"))


def test_touchpoint_without_stage_is_asked_with_buttons(room: Room) -> None:
    room.start()
    room.goto(4)
    room.say("anna", "2: Vergelijkingssite | web")
    tp = entries(room, EntryKind.TOUCHPOINT)[0]
    assert tp.channel == "web" and tp.stage_id is not None
    replies = room.say("anna", "Review op Google")
    question = next(r for r in replies if r.buttons and r.kind is Kind.MESSAGE)
    assert "fase" in question.text.lower()
    room.press("anna", button(question, "Service"))
    stages = {e.text: e.stage_id for e in entries(room, EntryKind.TOUCHPOINT)}
    assert stages["Review op Google"] is not None


def test_elements_scores_mean_and_disagreement(room: Room) -> None:
    room.start()
    card = card_of(room.goto(5), room)
    assert "Fase: Aandacht" in card.text
    room.say("anna", "Actie: pijn: bezorgmoment pas na betalen\nvergelijkt prijzen")
    kinds = {(e.kind, e.text) for e in entries(room)}
    assert (EntryKind.PAIN, "bezorgmoment pas na betalen") in kinds
    assert (EntryKind.USER_ACTION, "vergelijkt prijzen") in kinds
    for who, face in (("fenna", "😄"), ("anna", "😣"), ("bram", "😄")):
        card = card_of(room.press(who, button(card, face)), room)
    assert "gemiddeld 3,7" in card.text and "spreiding groot" in card.text
    with Session(room.db) as s:
        assert len(s.exec(select(EmotionScore)).all()) == 3
    moved = card_of(room.press("fenna", button(card, "Fase ▶")), room)
    assert "Fase: Overweging" in moved.text


def test_resources_and_walkthrough(room: Room) -> None:
    room.start()
    room.goto(6)
    room.say("anna", "heb: klantenservice\nnodig: sms-dienst\nkoppeling vervoerder")
    have = [(e.text, e.have) for e in entries(room, EntryKind.RESOURCE)]
    assert have == [("klantenservice", True), ("sms-dienst", False),
                    ("koppeling vervoerder", False)]
    card = card_of(room.goto(7), room)
    assert "Fase: Aandacht" in card.text
    room.say("bram", "Actie: bezorgmoment pas na betalen zichtbaar\nideaal 5")
    assert entries(room, EntryKind.OBSERVATION)[0].text.startswith("bezorgmoment")
    card = card_of(room.press("anna", button(card, "🙂")), room)  # anna's ideal: 4
    assert "ideaal 4,5" in card.text
    with Session(room.db) as s:
        ideal = sorted(x.score for x in s.exec(select(EmotionScore)).all())
    assert ideal == [4, 5]


def test_full_action_line_is_rated_owned_and_dated(room: Room) -> None:
    room.start()
    room.say("anna", "hallo")  # anna registers as a member by writing
    room.goto(8)
    replies = room.say("bram", "Bevestigingsmail | impact 5 | moeite 1 | @anna | deadline vrijdag")
    a = actions(room)[0]
    assert (a.impact, a.effort, a.due_date) == (5, 1, date(2026, 11, 27))
    assert "Quick win" in texts(replies) and "@anna" in texts(replies)


def test_missing_action_fields_are_asked_one_by_one(room: Room) -> None:
    room.start()
    room.goto(8)
    replies = room.say("anna", "Track & trace per sms")
    q = replies[-2] if replies[-1].kind is Kind.CARD_EDIT else replies[-1]
    assert "impact" in q.text.lower()
    q = next(r for r in room.press("anna", button(q, "4")) if r.buttons and r.kind is Kind.MESSAGE)
    assert "moeite" in q.text.lower()
    q = next(r for r in room.say("anna", "2") if r.buttons and r.kind is Kind.MESSAGE)
    assert "eigenaar" in q.text.lower()
    q = next(r for r in room.say("anna", "ik") if r.buttons and r.kind is Kind.MESSAGE)
    assert "wanneer" in q.text.lower()
    room.press("anna", button(q, "2 weken"))
    a = actions(room)[0]
    assert (a.impact, a.effort, a.due_date) == (4, 2, date(2026, 12, 6))
    assert a.owner_id is not None


def test_past_or_unreadable_date_stores_nothing(room: Room) -> None:
    room.start()
    room.goto(8)
    past = texts(room.say("anna", "Mail | impact 5 | moeite 1 | deadline 2026-01-01"))
    assert "verleden" in past
    vague = texts(room.say("anna", "Mail | impact 5 | moeite 1 | deadline ooit eens"))
    assert "datum" in vague.lower()
    assert actions(room) == []


def test_only_facilitators_steer(room: Room) -> None:
    room.start()
    assert "facilitator" in texts(room.send("anna", Verb.NEXT))
    assert room.workshop().current_step == 1


def test_strangers_in_private_cannot_write(room: Room) -> None:
    room.start()
    text = texts(room.send("stranger", Verb.TEXT, "hoi", private=True))
    assert "geen actieve workshop" in text
    assert entries(room) == []


def test_private_member_via_join_code(room: Room) -> None:
    room.start()
    code = room.workshop().join_code
    assert "Je doet mee" in texts(room.send("ravi", Verb.JOIN, code, private=True))
    replies = room.say("ravi", "Inzicht in klachten", private=True)
    assert entries(room, EntryKind.GOAL)[0].text == "Inzicht in klachten"
    dests = {(r.kind, r.dest) for r in replies}
    assert (Kind.CARD_EDIT, Dest.WORKSHOP) in dests and (Kind.CARD_EDIT, Dest.ORIGIN) in dests
    assert "werkt niet" in texts(room.send("bram", Verb.JOIN, "nope", private=True))


def test_moving_on_from_empty_step_is_obeyed_with_a_note(room: Room) -> None:
    room.start()
    card = card_of(room.send("fenna", Verb.NEXT), room)
    assert "Stap 2/8" in card.text and "nog geen bijdragen" in card.text
    assert "al bij stap 1" in texts(room.goto(1) and room.send("fenna", Verb.BACK))
    assert "1 tot en met 8" in texts(room.goto(9))


def test_stale_and_forged_buttons(room: Room) -> None:
    card = card_of(room.start(), room)
    room.send("fenna", Verb.NEXT)
    stale = room.press("fenna", button(card, "Volgende"))
    assert stale[0].kind is Kind.ALERT and "eerdere stap" in stale[0].text
    assert room.workshop().current_step == 2
    for forged in ("nx:999:1", "zz:1:1", "sc:1:abc:9", "x" * 80, ""):
        reply = room.send("fenna", Verb.BUTTON, forged)
        assert reply[0].kind is Kind.ALERT


def test_undo_and_remove_respect_authorship(room: Room) -> None:
    room.start()
    room.say("anna", "Doel van Anna")
    room.say("bram", "Doel van Bram")
    assert "niets" in texts(room.send("ravi", Verb.UNDO))
    assert "Verwijderd: Doel van Bram" in texts(room.send("bram", Verb.UNDO))
    room.say("bram", "Nog een doel")
    assert "eigen bijdragen" in texts(room.send("bram", Verb.REMOVE, "1"))
    # Issue #12: /remove shows the entry and asks; the button removes it.
    asked = room.send("fenna", Verb.REMOVE, "1")
    assert "Doel van Anna" in texts(asked) and entries(room)[0].text == "Doel van Anna"
    assert "Verwijderd: Doel van Anna" in texts(room.press("fenna", button(asked[0], "Ja")))
    assert [e.text for e in entries(room)] == ["Nog een doel"]


def test_finish_on_step_8_gives_map_matrix_and_ordered_plan(room: Room) -> None:
    room.start()
    room.goto(8)
    room.say("anna", "Nieuwe app | impact 2 | moeite 5 | @anna | deadline over 8 weken")
    room.say("anna", "Bevestigingsmail | impact 5 | moeite 1 | @anna | deadline vrijdag")
    replies = room.send("fenna", Verb.NEXT)
    kinds = [r.attachment.kind for r in replies if r.attachment]
    assert kinds == ["map", "matrix"]
    plan = texts(replies)
    assert plan.index("Bevestigingsmail") < plan.index("Nieuwe app")
    assert room.workshop().status == "finished"
    assert "afgerond" in texts(room.say("anna", "nog iets"))


def test_stage_models_switch_without_losing_entries(room: Room) -> None:
    room.start()
    room.goto(4)
    room.say("anna", "5: Reviewverzoek | e-mail")
    assert "Bewustwording" in texts(room.send("fenna", Verb.STAGES, "7"))
    refused = texts(room.send("fenna", Verb.STAGES, "Kiezen, Bestellen"))
    assert "verloren" in refused
    assert len(entries(room, EntryKind.TOUCHPOINT)) == 1
    assert "Oriënteren" in texts(room.send("fenna", Verb.STAGES,
                                           "Oriënteren, Kiezen, Bestellen, Ontvangen, Delen"))


def test_language_switch_translates_card_and_stages(room: Room) -> None:
    room.start()
    replies = room.send("fenna", Verb.LANG, "en")
    assert "Step 1/8 · Goals" in card_of(replies, room).text
    assert "Awareness" in texts(room.send("fenna", Verb.STAGES))


def test_cancel_drops_open_question_but_keeps_entry(room: Room) -> None:
    room.start()
    room.goto(8)
    room.say("anna", "Track & trace")
    assert "vervallen" in texts(room.send("anna", Verb.CANCEL))
    assert len(actions(room)) == 1
    room.say("anna", "Tweede actie | impact 3 | moeite 3 | @anna | deadline 2026-12-15 14:00")
    assert actions(room)[1].due_time is not None


def test_status_counts_per_step(room: Room) -> None:
    room.start()
    room.say("anna", "Doel 1\nDoel 2")
    status = texts(room.send("bram", Verb.STATUS))
    assert "▶ 1. Doelen: 2" in status


def test_english_session(engine: Engine) -> None:
    room = Room(engine, lang="en")
    card = card_of(room.start("I order a washing machine"), room)
    assert "Step 1/8 · Goals" in card.text
    room.goto(8)
    replies = room.say("anna", "Confirmation email | impact 5 | effort 1 | owner me | due friday")
    assert "Quick win" in texts(replies)
    assert actions(room)[0].due_date == date(2026, 11, 27)
    assert "only a facilitator" in texts(room.send("anna", Verb.BACK)).lower()


def test_every_reply_fits_telegram_limits(room: Room) -> None:
    room.start()
    # 30 long goals, in messages within the bounds (issue #12: 4,096 characters a message).
    for part in range(0, 30, 4):
        room.say("anna", "\n".join(f"Een heel lang doel nummer {i} " + "x" * 900
                                   for i in range(part, min(part + 4, 30))))
    assert len(room.engine.card(room.workshop().id or 0).text) <= MAX_TEXT
    for r in room.send("fenna", Verb.CARD) + room.send("anna", Verb.STATUS):
        assert len(r.text) <= MAX_TEXT


def test_a_stranger_cannot_replace_the_groups_running_workshop(room: Room) -> None:
    room.start()
    refused = texts(room.send("stranger", Verb.NEW, "Mijn eigen reis"))
    assert "Alleen de facilitator" in refused
    assert room.workshop().title == "Ik bestel een wasmachine"
    room.send("fenna", Verb.NEW, "Ik vraag een offerte aan")  # its facilitator may
    assert room.workshop().title == "Ik vraag een offerte aan"


def test_remove_on_an_empty_card_says_so(room: Room) -> None:
    room.start()
    assert "nog niets om te verwijderen" in texts(room.send("fenna", Verb.REMOVE, "1"))
