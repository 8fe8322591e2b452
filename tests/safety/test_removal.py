"""Removing safely (issue #12, item 8): /remove confirms the text, /undo puts it back, and a
/delete confirmation expires. Through the engine, on both databases, in Dutch and English."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from cjworkflow.i18n import t
from cjworkflow.messages import Button, Kind, Reply, Verb
from cjworkflow.safety.removal import UNDO_WINDOW
from cjworkflow.storage.models import Action, Entry, EntryKind, Reminder, Workshop
from tests.harness import Room, card_of, texts

GOALS = {"nl": ["Minder afhakers", "Klant kiest zelf", "Snellere bezorging"],
         "en": ["Fewer drop-outs", "Customers choose", "Faster delivery"]}
TOUCHPOINT = {"nl": "3: Bezorgkeuze in de checkout | web",
              "en": "3: Delivery choice in checkout | web"}
ACTION = {"nl": "Bevestigingsmail | impact 5 | moeite 1 | @anna | deadline 2026-11-27 14:00",
          "en": "Confirmation email | impact 5 | effort 1 | @anna | due 2026-11-27 14:00"}


@pytest.fixture(params=["nl", "en"])
def room(engine: Engine, request: pytest.FixtureRequest) -> Room:
    room = Room(engine, lang=str(request.param))
    room.start()
    return room


def goals(room: Room) -> list[str]:
    with Session(room.db) as s:
        return [e.text for e in s.exec(select(Entry).where(Entry.kind == EntryKind.GOAL)
                                       .order_by(col(Entry.id))).all()]


def card_lines(room: Room) -> list[str]:
    card = card_of(room.send("anna", Verb.CARD), room)
    return [line for line in card.text.splitlines() if line[:1].isdigit() and ". " in line]


def confirm(replies: list[Reply], lang: str) -> Button:
    """The confirmation's one button."""
    [row] = replies[0].buttons
    [yes] = row
    assert yes.label == t(lang, "btn-remove")
    return yes


def test_remove_shows_the_text_and_removes_what_was_confirmed(room: Room) -> None:
    lang = room.lang
    for who, text in zip(("anna", "bram", "anna"), GOALS[lang], strict=True):
        room.say(who, text)
    asked = room.send("anna", Verb.REMOVE, "3")
    # Nothing is removed yet: the person sees which entry number 3 is now.
    assert asked[0].text == t(lang, "remove-confirm", number=3,
                              text=f"{GOALS[lang][2]} (@anna)")
    assert goals(room) == GOALS[lang]
    # Meanwhile the facilitator removes entry 1: "3" would now be nothing (or something else).
    first = room.send("fenna", Verb.REMOVE, "1")
    room.press("fenna", confirm(first, lang))
    done = room.press("anna", confirm(asked, lang))
    assert texts(done).startswith(t(lang, "removed-undo", text=GOALS[lang][2]))
    assert goals(room) == [GOALS[lang][1]]
    # The same button again removes nothing more.
    again = room.press("anna", confirm(asked, lang))
    assert again[0].kind is Kind.ALERT and again[0].text == t(lang, "remove-gone")
    assert goals(room) == [GOALS[lang][1]]


def test_only_the_author_or_a_facilitator_can_confirm(room: Room) -> None:
    room.say("anna", GOALS[room.lang][0])
    asked = room.send("anna", Verb.REMOVE, "1")
    refused = room.press("bram", confirm(asked, room.lang))
    assert refused[0].kind is Kind.ALERT and refused[0].text == t(room.lang, "remove-not-yours")
    assert goals(room) == [GOALS[room.lang][0]]
    assert texts(room.send("bram", Verb.REMOVE, "1")) == t(room.lang, "remove-not-yours")


def test_undo_puts_a_removed_entry_back_in_its_place(room: Room) -> None:
    lang = room.lang
    room.goto(4)
    room.say("bram", TOUCHPOINT[lang])
    room.say("anna", TOUCHPOINT[lang].replace("3:", "1:"))
    with Session(room.db) as s:
        before = s.exec(select(Entry).where(Entry.kind == EntryKind.TOUCHPOINT)
                        .order_by(col(Entry.id))).all()
        kept = [e.model_dump() for e in before]
    lines = card_lines(room)
    # The facilitator removes bram's touchpoint, then takes it back.
    asked = room.send("fenna", Verb.REMOVE, "1")
    room.press("fenna", confirm(asked, lang))
    assert len(card_lines(room)) == 1
    undone = room.send("fenna", Verb.UNDO)
    assert undone[0].text == t(lang, "restored", text=TOUCHPOINT[lang].split(" | ")[0][3:])
    with Session(room.db) as s:
        after = s.exec(select(Entry).where(Entry.kind == EntryKind.TOUCHPOINT)
                       .order_by(col(Entry.id))).all()
        # Text, stage, channel, author, step and source: all as they were, in the same place.
        assert [e.model_dump() for e in after] == kept
    assert card_lines(room) == lines
    # Nothing left to put back: /undo is again "remove my last entry" (fenna wrote none).
    assert texts(room.send("fenna", Verb.UNDO)) == t(lang, "undo-nothing")


def test_undo_puts_a_removed_action_back_with_its_reminders(room: Room) -> None:
    lang = room.lang
    room.goto(8)
    room.say("anna", ACTION[lang])
    with Session(room.db) as s:
        action = s.exec(select(Action)).one()
        kept = action.model_dump()
        reminders = sorted((r.kind, r.fire_at) for r in s.exec(select(Reminder)).all())
    assert reminders
    room.press("anna", confirm(room.send("anna", Verb.REMOVE, "1"), lang))
    with Session(room.db) as s:
        assert s.exec(select(Action)).all() == [] and s.exec(select(Reminder)).all() == []
    room.send("anna", Verb.UNDO)
    with Session(room.db) as s:
        action = s.exec(select(Action)).one()
        assert action.model_dump() == kept  # owner, deadline, scores
        assert sorted((r.kind, r.fire_at) for r in s.exec(select(Reminder)).all()) == reminders


def test_undo_takes_back_what_was_done_last(room: Room) -> None:
    lang = room.lang
    room.say("anna", GOALS[lang][0])
    room.press("anna", confirm(room.send("anna", Verb.REMOVE, "1"), lang))
    room.say("anna", GOALS[lang][1])
    # The newest thing anna did is adding goal 2: the first /undo removes it ...
    assert texts(room.send("anna", Verb.UNDO)).startswith(t(lang, "removed", text=GOALS[lang][1]))
    # ... the second puts goal 1 back ...
    assert texts(room.send("anna", Verb.UNDO)).startswith(t(lang, "restored", text=GOALS[lang][0]))
    assert goals(room) == [GOALS[lang][0]]
    # ... and someone else's /undo never touches anna's removals.
    room.press("anna", confirm(room.send("anna", Verb.REMOVE, "1"), lang))
    assert texts(room.send("bram", Verb.UNDO)) == t(lang, "undo-nothing")
    assert goals(room) == []


def test_undo_still_restores_when_someone_else_removed_more(room: Room) -> None:
    lang = room.lang
    for text in GOALS[lang]:
        room.say("anna", text)
    room.press("anna", confirm(room.send("anna", Verb.REMOVE, "3"), lang))
    # The facilitator removes anna's goal 2: her newest entry is now an older one.
    room.press("fenna", confirm(room.send("fenna", Verb.REMOVE, "2"), lang))
    assert texts(room.send("anna", Verb.UNDO)).startswith(t(lang, "restored", text=GOALS[lang][2]))
    assert goals(room) == [GOALS[lang][0], GOALS[lang][2]]
    # And the facilitator's own /undo puts goal 2 back, still anna's.
    assert texts(room.send("fenna", Verb.UNDO)).startswith(t(lang, "restored", text=GOALS[lang][1]))
    assert goals(room) == GOALS[lang]
    assert card_lines(room)[1].endswith(f"{GOALS[lang][1]} (@anna)")


def test_a_removal_is_kept_for_the_undo_window_only(room: Room) -> None:
    lang = room.lang
    room.say("anna", GOALS[lang][0])
    room.say("anna", GOALS[lang][1])
    room.press("anna", confirm(room.send("anna", Verb.REMOVE, "2"), lang))
    room.now += UNDO_WINDOW + timedelta(minutes=1)
    # Too late to put goal 2 back: /undo removes anna's last entry, as it always did.
    assert texts(room.send("anna", Verb.UNDO)).startswith(t(lang, "removed", text=GOALS[lang][0]))
    assert goals(room) == []


def _deleted(room: Room) -> bool:
    with Session(room.db) as s:
        return s.exec(select(Workshop)).first() is None


def test_the_delete_confirmation_expires(room: Room) -> None:
    lang = room.lang
    asked = room.send("fenna", Verb.DELETE)
    [[yes]] = asked[0].buttons
    room.now += timedelta(minutes=11)
    late = room.press("fenna", yes)
    assert late[0].kind is Kind.ALERT
    assert late[0].text == t(lang, "delete-expired", minutes=10)
    assert not _deleted(room)
    # A fresh confirmation, pressed within ten minutes, deletes.
    [[fresh]] = room.send("fenna", Verb.DELETE)[0].buttons
    room.now += timedelta(minutes=9)
    assert texts(room.press("fenna", fresh)) == t(lang, "deleted", title="Ik bestel een wasmachine")
    assert _deleted(room)


@pytest.mark.parametrize("stamp", ["", ":99999999999", ":abc"])
def test_a_delete_button_without_a_valid_time_deletes_nothing(room: Room, stamp: str) -> None:
    wid = room.workshop().id
    forged = Button("x", f"dl:{wid}{stamp}")
    replies = room.press("fenna", forged)
    assert replies[0].kind is Kind.ALERT
    assert replies[0].text in {t(room.lang, "delete-expired", minutes=10),
                               t(room.lang, "button-unknown")}
    assert not _deleted(room)


def test_the_trash_keeps_one_copy_per_row_and_only_for_a_while() -> None:
    from datetime import UTC, datetime

    from cjworkflow.safety.removal import Removed, Trash

    now = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)
    row = Removed(Entry, {"id": 1, "text": "x", "source_ref": "msg:1"}, now, None)
    trash = Trash()
    # A transaction that was retried removed the row twice: one /undo puts it back once.
    trash.put(1, 7, row)
    trash.put(1, 7, Removed(Entry, dict(row.values), now, None))
    assert trash.last(1, 7, now) is not None
    trash.drop(1, 7, trash.last(1, 7, now))  # type: ignore[arg-type]
    assert trash.last(1, 7, now) is None
    trash.put(1, 7, row)
    assert trash.last(1, 8, now) is None and trash.last(2, 7, now) is None
    assert trash.last(1, 7, now + UNDO_WINDOW + timedelta(seconds=1)) is None
