"""/status counts every step right when the database does the counting (GROUP BY)."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from cjworkflow.messages import Verb
from cjworkflow.storage import entry_sql, store, workshops
from cjworkflow.storage.models import Action, EntryKind, Member, ScoreKind
from cjworkflow.storage.readmodel import build_snapshot
from tests.harness import Room, texts

# Per step: what the workshop holds, and the count /status must show for it.
ENTRIES = ((EntryKind.GOAL, 1, 3), (EntryKind.PERSONA, 2, 4), (EntryKind.TOUCHPOINT, 4, 5),
           (EntryKind.USER_ACTION, 5, 2), (EntryKind.PAIN, 5, 3), (EntryKind.RESOURCE, 6, 2),
           (EntryKind.OBSERVATION, 7, 1))
TARGETS = 2  # personas marked as target: step 3's count
ACTIONS = 6


def _fill(room: Room) -> None:
    """Entries, targets, scores from three members and actions, straight into the store."""
    room.start("Ik bestel een wasmachine" if room.lang == "nl" else "I order a washer")
    for who in ("anna", "bram"):
        room.say(who, f"Doel van {who}")  # typed goals make them members too
    ws = room.workshop()
    wid = ws.id or 0
    with Session(room.db) as s:
        members = list(s.exec(select(Member.id).where(Member.workshop_id == wid)).all())
        stages = workshops.stages_of(session=s, workshop_id=wid)
        n = 0
        for kind, step, count in ENTRIES:
            for i in range(count):
                n += 1
                staged = kind in (EntryKind.TOUCHPOINT, EntryKind.USER_ACTION, EntryKind.PAIN,
                                  EntryKind.OBSERVATION)
                entry_sql.add_entry(session=s, workshop_id=wid, kind=kind, step=step,
                                text=f"{kind.value} {i}", author_id=members[0],
                                source_ref=f"t:{n}",
                                stage_id=stages[i % len(stages)].id if staged else None,
                                is_target=kind is EntryKind.PERSONA and i < TARGETS)
        for member in members:  # current for every member and stage; ideal for the first
            for stage in stages:
                store.set_score(session=s, workshop_id=wid, stage_id=stage.id or 0,
                                member_id=member or 0, kind=ScoreKind.CURRENT, score=3)
        store.set_score(session=s, workshop_id=wid, stage_id=stages[0].id or 0,
                        member_id=members[0] or 0, kind=ScoreKind.IDEAL, score=5)
        for i in range(ACTIONS):
            s.add(Action(workshop_id=wid, title=f"Actie {i}", source_ref=f"a:{i}"))
        s.commit()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_status_counts_every_step(engine: Engine, lang: str) -> None:
    room = Room(engine, lang=lang)
    _fill(room)
    status = texts(room.send("bram", Verb.STATUS))
    members = 3
    stages = 5
    expected = {1: 2 + 3, 2: 4, 3: TARGETS, 4: 5, 5: 2 + 3 + members * stages, 6: 2, 7: 1 + 1,
                8: ACTIONS}
    titles = {"nl": ("Doelen", "Persona's", "Doelpersona's", "Contactmomenten", "Elementen",
                     "Middelen", "Doorloop", "Verbeteringen"),
              "en": ("Goals", "Personas", "Target personas", "Touchpoints", "Elements",
                     "Resources", "Walkthrough", "Changes")}[lang]
    for n, title in enumerate(titles, start=1):
        assert f" {n}. {title}: {expected[n]}" in status, (n, status)
    assert f"· {members} " in status  # the members line


def test_the_snapshot_keeps_every_entry_in_order(engine: Engine) -> None:
    room = Room(engine)
    _fill(room)
    with Session(room.db) as s:
        snap = build_snapshot(session=s, workshop=room.workshop())
    assert snap.goals == ("Doel van anna", "Doel van bram", "goal 0", "goal 1", "goal 2")
    assert [p.is_target for p in snap.personas] == [True, True, False, False]
    assert sum(len(st.touchpoints) for st in snap.stages) == 5
    assert snap.stages[0].user_actions == ("user_action 0",)
    assert sum(len(st.scores) for st in snap.stages) == 3 * 5
    assert snap.stages[0].ideal_scores == (5,)
    assert len(snap.resources_have) + len(snap.resources_need) == 2
    assert [a.title for a in snap.actions] == [f"Actie {i}" for i in range(ACTIONS)]
    assert {a.quadrant for a in snap.actions} == {"unrated"}
