"""A workshop far beyond every input bound, inserted straight into the database.

The engine refuses to build such a workshop (another layer caps stages, entries and text),
but an old database, an import from before the caps or a bug could still hold one: every
drawing and file must stay bounded whatever is stored. Rows are bulk-inserted (Core), so a
workshop of thousands of entries takes about a second to seed.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import insert
from sqlalchemy.engine import Engine
from sqlmodel import Session

from cjworkflow.snapshot import WorkshopSnapshot
from cjworkflow.storage.models import Action, Entry, EntryKind, Member, Person, Stage, Workshop
from cjworkflow.storage.readmodel import build_snapshot

LANES = (EntryKind.TOUCHPOINT, EntryKind.USER_ACTION, EntryKind.PAIN, EntryKind.SOLUTION,
         EntryKind.MOMENT, EntryKind.OBSERVATION)
# The database's own column widths (VARCHAR in PostgreSQL): the longest text it can hold.
ENTRY_CHARS = 1000
ACTION_CHARS = 500


@dataclass(frozen=True)
class Huge:
    """What was seeded: the workshop's id and its sizes."""

    workshop_id: int
    stages: int
    entries: int
    actions: int


def _text(n: int, chars: int) -> str:
    """Text of exactly chars characters, words that wrap, numbered so each one differs."""
    base = f"#{n} klant wacht op de bezorger van de wasmachine, belt en mailt opnieuw; "
    return (base * (chars // len(base) + 1))[:chars]


def seed(engine: Engine, *, stages: int = 40, entries: int = 5_000, actions: int = 1_000,
         members: int = 60, chars: int = ENTRY_CHARS, lang: str = "nl", extras: int = 40) -> Huge:
    """One workshop of this size with texts of chars characters (at most the column's).

    entries go into the stages' lanes; extras goals, personas and resources come on top.
    """
    tag = uuid.uuid4().hex[:8]
    with Session(engine) as s:
        ws = Workshop(title=_text(0, 200), language=lang, join_code=f"huge-{tag}",
                      chat_ref=f"tg:-{abs(hash(tag)) % 10**9}", current_step=8)
        s.add(ws)
        s.flush()
        wid = ws.id or 0
        people = [Person(display_name=f"Deelnemer {i} {'x' * 80}", handle=f"lid{i}_{tag}",
                         external_id=f"tg:{tag}{i}") for i in range(members)]
        s.add_all(people)
        s.flush()
        member_rows = [Member(workshop_id=wid, person_id=p.id or 0) for p in people]
        stage_rows = [Stage(workshop_id=wid, position=i, label=_text(i, 100))
                      for i in range(stages)]
        s.add_all([*member_rows, *stage_rows])
        s.flush()
        member_ids = [m.id for m in member_rows]
        stage_ids = [x.id for x in stage_rows]
        conn = s.connection()
        now = datetime.now(UTC)
        rows = []
        for n in range(entries):
            kind = LANES[n % len(LANES)]
            rows.append({"workshop_id": wid, "kind": kind.value, "step": 4,
                         "text": _text(n, min(chars, ENTRY_CHARS)),
                         "stage_id": stage_ids[n % len(stage_ids)],
                         "channel": "web" if kind is EntryKind.TOUCHPOINT else None,
                         "detail": None, "is_target": False, "have": False,
                         "source_ref": f"h{tag}e{n}",
                         "created_at": now})
        for n, kind in enumerate((EntryKind.GOAL, EntryKind.PERSONA, EntryKind.RESOURCE) * extras):
            rows.append({"workshop_id": wid, "kind": kind.value, "step": 1, "stage_id": None,
                         "channel": None,
                         "text": _text(n, min(chars, ENTRY_CHARS)),
                         "detail": _text(n, ENTRY_CHARS) if kind is EntryKind.PERSONA else None,
                         "is_target": kind is EntryKind.PERSONA, "have": n % 2 == 0,
                         "source_ref": f"h{tag}p{n}", "created_at": now})
        conn.execute(insert(Entry), rows)
        conn.execute(insert(Action), [
            {"workshop_id": wid, "title": _text(n, min(chars, ACTION_CHARS)),
             "impact": 1 + n % 5, "effort": 1 + (n // 5) % 5,
             "owner_id": member_ids[n % len(member_ids)],
             "due_date": date(2027, 1, 1 + n % 28), "stage_id": stage_ids[n % len(stage_ids)],
             "status": "open", "source_ref": f"h{tag}a{n}", "created_at": now,
             "updated_at": now} for n in range(actions)])
        s.commit()
    return Huge(wid, stages, entries, actions)


def snapshot(engine: Engine, workshop_id: int) -> WorkshopSnapshot:
    """The workshop's snapshot, read as the bot reads it."""
    with Session(engine) as s:
        ws = s.get(Workshop, workshop_id)
        assert ws is not None
        return build_snapshot(session=s, workshop=ws)
