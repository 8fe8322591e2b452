"""The hot path for staged steps (touchpoints, elements, observations) stores exactly what the
general path stores and answers the same, on SQLite and on PostgreSQL, in Dutch and English."""

from __future__ import annotations

from collections.abc import Callable
from itertools import count
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from cjworkflow.flow import buttons, entry
from cjworkflow.messages import Reply, Verb
from cjworkflow.storage import persons, workshops
from cjworkflow.storage.models import EmotionScore, Entry, EntryKind, PendingQuestion, Stage
from tests.harness import Room

# (step, who, line, private); "{0}".."{4}" stand for the stage labels of the workshop.
SCRIPT: list[tuple[int, str, str, bool]] = [
    (4, "anna", "1: Vergelijkingssite | web", False),
    (4, "bram", "2: Bestelling plaatsen; kanaal: app", False),
    (4, "anna", "{2}: Bezorger belt aan", False),
    (4, "bram", "Advertentie op tv", False),  # no stage: bram is asked for one
    (4, "anna", "1: <b>vet</b> & <i>schuin</i> 😀", False),
    (4, "bram", "3", False),  # bram's answer
    (4, "anna", "9: Onbekend stadium", False),
    (4, "anna", "1", False),  # anna's answer
    (4, "anna", "1: Eerste\n2: Tweede", False),  # two lines: the general path
    (4, "anna", "   ", False),
    (4, "ravi", "4: Factuur per mail | e-mail", True),
    (5, "anna", "pijn: Lange wachttijd", False),
    (5, "bram", "2: idee: Chat met de monteur", False),
    (5, "anna", "moment: Bezorger belt aan", False),
    (5, "anna", "emotie 2", False),  # a score, no entry
    (5, "bram", "3: emotie 4", False),
    (5, "fenna", "<focus 2>", False),  # the facilitator moves the card to the third stage
    (5, "anna", "Klant leest reviews", False),
    (5, "bram", "doet: vergelijkt prijzen", False),
    (5, "anna", "{1}: pijn: te veel keuze", False),
    (5, "ravi", "idee: bezorgtijd in de app", True),
    (5, "stranger", "pijn: ik hoor hier niet", False),
    (7, "anna", "3: De klant belt omdat de bezorgtijd niet klopt", False),
    (7, "bram", "ideaal 4", False),
    (7, "anna", "2: ideaal 5", False),
    (7, "fenna", "<focus 3>", False),
    (7, "bram", "Observatie zonder stadium", False),
    (7, "ravi", "5: Klant vult geen review in", True),
]


def _reply_facts(replies: list[Reply]) -> list[tuple[Any, ...]]:
    return [(r.text, r.kind, r.dest, r.chat_ref is not None, r.lang, r.force_reply,
             [[b.label for b in row] for row in r.buttons]) for r in replies]


def _stored(room: Room) -> dict[str, Any]:
    """What the workshop holds, without ids that differ between two workshops."""
    ws = room.workshop()
    wid = ws.id
    with Session(room.db) as s:
        position = {st.id: st.position for st in s.exec(select(Stage)
                                                         .where(Stage.workshop_id == wid))}
        names = {m.id: p.display_name
                 for m, p in persons.members_with_people(session=s, workshop_id=wid or 0)}
        rows = s.exec(select(Entry).where(Entry.workshop_id == wid).order_by(Entry.id)).all()
        scores = s.exec(select(EmotionScore).where(EmotionScore.workshop_id == wid)).all()
        pending = s.exec(select(PendingQuestion)
                         .where(PendingQuestion.workshop_id == wid)).all()
        return {
            "entries": [(e.kind, e.step, e.text, position.get(e.stage_id), e.channel,
                         names.get(e.author_id)) for e in rows],
            "scores": sorted((position[sc.stage_id], sc.kind, sc.score, names[sc.member_id])
                             for sc in scores),
            "pending": sorted((q.field, names[q.member_id]) for q in pending),
            "version": ws.version,
        }


def _play(room: Room, *, fast: bool, receipts: bool) -> tuple[list[Any], dict[str, Any], int]:
    """Run SCRIPT; the replies, what is stored, and how many lines the hot paths took."""
    took = count()
    with pytest.MonkeyPatch.context() as mp:
        # The engine calls the entry path through its module: counted, or declining.
        if fast:
            def counted(path: Callable[..., list[Reply] | None]) -> Callable[..., Any]:
                def run(*args: Any, **kwargs: Any) -> list[Reply] | None:
                    out = path(*args, **kwargs)
                    if out is not None:
                        next(took)
                    return out
                return run
            mp.setattr(entry, "replies", counted(entry.replies))
        else:
            mp.setattr(entry, "replies", lambda *args, **kwargs: None)
        return _script(room, took, receipts)


def _script(room: Room, took: count[int], receipts: bool) -> tuple[list[Any], dict[str, Any], int]:
    """SCRIPT played in room (see _play)."""
    room.start()
    room.send("ravi", Verb.JOIN, room.workshop().join_code, private=True)
    for who in ("anna", "bram"):
        room.say(who, f"Doel van {who}")
    wid = room.workshop().id or 0
    with Session(room.db) as s:
        labels = [st.label for st in workshops.stages_of(session=s, workshop_id=wid)]
    seen: list[Any] = []
    at = 1
    numbers = count(1000)
    for step, who, line, private in SCRIPT:
        if step != at:
            room.goto(step)
            at = step
        n = next(numbers)
        if line.startswith("<focus"):
            position = int(line.strip("<>").split()[1])
            room.press(who, buttons.make("→", "fs", wid, step, position))
            continue
        extra = {"receipt": f"update:{room.tag}:{n}"} if receipts else {}
        replies = room.say(who, line.format(*labels), private=private,
                           ref=f"tg:{room.tag}:{n}", **extra)
        seen.append((step, who, _reply_facts(replies)))
    return seen, _stored(room), next(took)


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("receipts", [True, False], ids=["receipts", "no-receipts"])
def test_the_hot_path_stores_and_answers_as_the_general_path(engine: Engine, lang: str,
                                                              receipts: bool) -> None:
    fast_seen, fast, took = _play(Room(engine, lang=lang, tag=":fast"), fast=True,
                                  receipts=receipts)
    slow_seen, slow, _ = _play(Room(engine, lang=lang, tag=":slow"), fast=False,
                               receipts=receipts)
    for got, want in zip(fast_seen, slow_seen, strict=True):
        assert got == want
    assert fast == slow
    # The comparison is not vacuous: the staged lines did take the hot path...
    assert took == 15  # every one-line entry of a member without an open question
    # ...and they landed where a facilitator expects them.
    entries = fast["entries"]
    assert (EntryKind.TOUCHPOINT, 4, "Bestelling plaatsen", 1, "app", "Bram") in entries
    assert (EntryKind.TOUCHPOINT, 4, "Advertentie op tv", 2, None, "Bram") in entries
    assert (EntryKind.TOUCHPOINT, 4, "Factuur per mail", 3, "e-mail", "Ravi") in entries
    assert (EntryKind.PAIN, 5, "te veel keuze", 1, None, "Anna") in entries
    assert (EntryKind.SOLUTION, 5, "Chat met de monteur", 1, None, "Bram") in entries
    assert (EntryKind.USER_ACTION, 5, "Klant leest reviews", 2, None, "Anna") in entries
    assert (EntryKind.OBSERVATION, 7, "Observatie zonder stadium", 3, None, "Bram") in entries
    assert (EntryKind.OBSERVATION, 7, "De klant belt omdat de bezorgtijd niet klopt", 2, None,
            "Anna") in entries
    assert sorted(s[1:] for s in fast["scores"]) == [
        ("current", 2, "Anna"), ("current", 4, "Bram"), ("ideal", 4, "Bram"),
        ("ideal", 5, "Anna")]
    assert fast["pending"] == []


def test_a_redelivered_staged_line_is_stored_once(engine: Engine) -> None:
    room = Room(engine)
    room.start()
    room.say("anna", "Doel")
    room.goto(5)
    first = room.say("anna", "pijn: Lange wachttijd", receipt="update:1", ref="tg:1")
    again = room.say("anna", "pijn: Lange wachttijd", receipt="update:1", ref="tg:1")
    other_update = room.say("anna", "pijn: Lange wachttijd", receipt="update:2", ref="tg:1")
    assert first and again == []
    with Session(room.db) as s:
        pains = s.exec(select(Entry).where(Entry.kind == EntryKind.PAIN)).all()
    assert [p.text for p in pains] == ["Lange wachttijd"]
    assert "Lange wachttijd" not in " ".join(r.text for r in other_update)
