"""The scale benchmark's dataset: 1,000 workshops with 100,000 entries, bulk-inserted.

Used by bench/bench_scale.py; see its docstring for what the dataset holds and why.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from datetime import time as dtime
from pathlib import Path
from typing import Any

from sqlalchemy import insert, text
from sqlmodel import SQLModel

from cjworkflow.steps import stages as stage_models
from cjworkflow.storage.db import make_engine
from cjworkflow.storage.models import EntryKind
from tests.fakebotapi.state import User

ROOT = Path(__file__).resolve().parent.parent
T = SQLModel.metadata.tables
USERS = 5  # the benchmark's fake Telegram users, members of the big and small workshops
WORKSHOPS = 1_000
ENTRIES = 100_000
LARGEST = 3_000  # entries in the largest workshop
SMALL = 100  # entries in the baseline workshop
BIG_MEMBERS = 25
PEOPLE = 3_000
NOW = datetime.now(UTC).replace(microsecond=0)

WORDS = ("klant", "bestelling", "wasmachine", "bezorging", "website", "winkel", "prijs",
         "levertijd", "monteur", "factuur", "garantie", "retour", "app", "chat", "telefoon",
         "wachttijd", "afspraak", "review", "vergelijking", "korting", "voorraad", "service",
         "installatie", "handleiding", "betaling", "account", "formulier", "e-mail", "folder")
VERBS = ("zoekt", "vergelijkt", "bestelt", "belt", "wacht op", "leest", "betaalt", "mist",
         "vraagt naar", "klaagt over", "deelt", "ontvangt", "annuleert", "controleert")
CHANNELS = ("web", "app", "telefoon", "winkel", "e-mail", "chat", None)
# Share of a workshop's entries per kind (the rest are user actions).
MIX = ((EntryKind.GOAL, 1, 0.05), (EntryKind.PERSONA, 2, 0.03), (EntryKind.TOUCHPOINT, 4, 0.12),
       (EntryKind.PAIN, 5, 0.12), (EntryKind.SOLUTION, 5, 0.10), (EntryKind.MOMENT, 5, 0.06),
       (EntryKind.RESOURCE, 6, 0.07), (EntryKind.OBSERVATION, 7, 0.15))
STAGED = {EntryKind.TOUCHPOINT, EntryKind.USER_ACTION, EntryKind.PAIN, EntryKind.SOLUTION,
          EntryKind.MOMENT, EntryKind.OBSERVATION}


# --- the dataset ---------------------------------------------------------------------------


def _phrase(rng: random.Random) -> str:
    """A plausible one-line contribution, 20-120 characters."""
    words = rng.sample(WORDS, rng.randint(2, 5))
    s = f"Klant {rng.choice(VERBS)} {' '.join(words)}"
    if rng.random() < 0.3:
        s += f" want de {rng.choice(WORDS)} is onduidelijk en kost te veel tijd"
    return s[:120]


@dataclass
class Rows:
    """Rows to insert, per table, with running ids."""

    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    ids: dict[str, int] = field(default_factory=dict)

    def add(self, table: str, **row: Any) -> int:
        """Append a row with the table's next id; returns the id."""
        new = self.ids.get(table, 0) + 1
        self.ids[table] = new
        self.tables.setdefault(table, []).append({"id": new, **row})
        return new


@dataclass
class Seeded:
    """What the benchmark needs to know about the seeded database."""

    codes: dict[int, str]  # group chat id -> its workshop's join code (/status shows it)
    entries: int
    actions: int
    reminders: int
    scores: int
    members: int
    seconds: float


def _sizes(rng: random.Random) -> list[int]:
    """Entries per workshop: the largest, the small one, and the rest spread 20..180."""
    rest = ENTRIES - LARGEST - SMALL
    others = WORKSHOPS - 2
    sizes = [max(20, int(rng.gauss(rest / others, 35))) for _ in range(others)]
    # Nudge to the exact total so the dataset has precisely ENTRIES entries.
    diff = rest - sum(sizes)
    i = 0
    while diff:
        step = 1 if diff > 0 else -1
        if sizes[i % others] + step >= 20:
            sizes[i % others] += step
            diff -= step
        i += 1
    return [LARGEST, SMALL, *sizes]


def build_rows(users: list[User], big_chat: int, small_chat: int) -> tuple[Rows, Seeded]:
    """The whole dataset as rows (deterministic: a fixed seed)."""
    rng = random.Random(20261122)
    rows = Rows()
    created = NOW - timedelta(days=30)
    fake_people = [rows.add("person", external_id=f"tg:{u.id}", display_name=u.first_name,
                            handle=u.username, language="nl", private_chat_ok=True,
                            created_at=created) for u in users]
    people = [rows.add("person", external_id=f"tg:{9_000_000 + i}", display_name=f"Deelnemer {i}",
                       handle=f"deelnemer{i}" if i % 3 else None, language="nl" if i % 4 else "en",
                       private_chat_ok=i % 2 == 0, created_at=created) for i in range(PEOPLE)]
    sizes = _sizes(rng)
    totals = {"entries": 0, "actions": 0, "reminders": 0, "scores": 0, "members": 0}
    for n, size in enumerate(sizes):
        big, small = n == 0, n == 1
        lang = "nl" if n % 3 else "en"
        model = "seven" if n % 5 == 0 and not (big or small) else "five"
        chat = big_chat if big else small_chat if small else -(5_000_000_000 + n)
        wid = rows.add(
            "workshop", title=("Grote sessie: ik bestel een wasmachine" if big else
                               "Kleine sessie: ik zeg mijn abonnement op" if small else
                               f"Workshop {n}: {_phrase(rng)}")[:200],
            language="nl" if big or small else lang, timezone="Europe/Amsterdam",
            stage_model=model, current_step=5 if big or small else rng.randint(1, 8),
            focus_stage=0, status="finished" if n % 4 == 3 else "active",
            join_code=f"J{uuid.UUID(int=rng.getrandbits(128)).hex[:16]}", chat_ref=f"tg:{chat}",
            version=size + 1, reminder_offsets=None, digest_enabled=True,
            # A day ago: no weekly digest falls due while the benchmark runs.
            last_digest_at=NOW - timedelta(days=1), timebox_ends_at=None, timebox_step=None,
            timebox_auto=False, timebox_warned=False, created_by=None,
            created_at=created, updated_at=created)
        stage_ids = [rows.add("stage", workshop_id=wid, position=p, key=k,
                              label=stage_models.labels_for(model, "nl")[p])
                     for p, k in enumerate(stage_models.model_keys(model))]
        if big or small:
            crew = fake_people + rng.sample(people, BIG_MEMBERS - USERS if big else 1)
        else:
            crew = rng.sample(people, rng.randint(2, 8))
        member_ids = [rows.add("member", workshop_id=wid, person_id=p,
                               role="facilitator" if i == 0 else "member", joined_at=created)
                      for i, p in enumerate(crew)]
        rows.tables["workshop"][-1]["created_by"] = crew[0]
        totals["members"] += len(member_ids)
        kinds: list[tuple[EntryKind, int]] = []
        for kind, stp, share in MIX:
            kinds += [(kind, stp)] * max(1, round(size * share))
        kinds += [(EntryKind.USER_ACTION, 5)] * (size - len(kinds))
        kinds = kinds[:size]
        for i, (kind, stp) in enumerate(kinds):
            persona = kind is EntryKind.PERSONA
            rows.add("entry", workshop_id=wid, kind=kind.value, step=stp,
                     text=(f"Persona {i}" if persona else _phrase(rng)),
                     stage_id=rng.choice(stage_ids) if kind in STAGED else None,
                     detail="Gezin met twee kinderen, weinig tijd" if persona else None,
                     goal="snel een betrouwbare machine" if persona else None,
                     channel=rng.choice(CHANNELS) if kind is EntryKind.TOUCHPOINT else None,
                     is_target=persona and i % 2 == 0, have=rng.random() < 0.4,
                     author_id=rng.choice(member_ids), source_ref=f"seed:{wid}:{i}",
                     created_at=created + timedelta(seconds=i))
        totals["entries"] += size
        for sid in stage_ids:
            for mid in member_ids:
                rows.add("emotionscore", workshop_id=wid, stage_id=sid, member_id=mid,
                         kind="current", score=rng.randint(1, 5), created_at=created)
                totals["scores"] += 1
                if rng.random() < 0.5:
                    rows.add("emotionscore", workshop_id=wid, stage_id=sid, member_id=mid,
                             kind="ideal", score=rng.randint(3, 5), created_at=created)
                    totals["scores"] += 1
        for i in range(max(1, size // 10)):
            due = (NOW + timedelta(days=rng.randint(-30, 90))) if rng.random() < 0.85 else None
            aid = rows.add(
                "action", workshop_id=wid, title=_phrase(rng), impact=rng.choice((None, 1, 2, 3,
                                                                                  4, 5)),
                effort=rng.choice((None, 1, 2, 3, 4, 5)), owner_id=rng.choice(member_ids),
                due_date=due.date() if due else None,
                due_time=dtime(9, 0) if due and rng.random() < 0.3 else None,
                stage_id=rng.choice(stage_ids), status=rng.choice(("open", "open", "done",
                                                                   "blocked")),
                blocked_reason=None, done_at=None, author_id=rng.choice(member_ids),
                source_ref=f"seed:a:{wid}:{i}", created_at=created, updated_at=created)
            totals["actions"] += 1
            if due is not None:
                for rkind, fire in (("before", due - timedelta(days=1)), ("due", due)):
                    # Past moments were sent long ago: the bot's ticks have nothing to catch up.
                    rows.add("reminder", action_id=aid, kind=rkind, fire_at=fire,
                             sent_at=fire if fire <= NOW + timedelta(hours=1) else None,
                             late=False, created_at=created)
                    totals["reminders"] += 1
    codes = {big_chat: rows.tables["workshop"][0]["join_code"],
             small_chat: rows.tables["workshop"][1]["join_code"]}
    seeded = Seeded(codes=codes, seconds=0.0, **totals)
    return rows, seeded


ORDER = ("person", "workshop", "stage", "member", "entry", "emotionscore", "action", "reminder")


def seed(url: str, users: list[User], big_chat: int, small_chat: int) -> Seeded:
    """Migrate with `cjbot db upgrade`, then bulk-insert the dataset through Core."""
    started = time.perf_counter()
    migrate_db(url)
    rows, seeded = build_rows(users, big_chat, small_chat)
    engine = make_engine(url)
    try:
        with engine.begin() as c:
            for name in ORDER:
                data = rows.tables.get(name, [])
                for i in range(0, len(data), 20_000):
                    c.execute(insert(T[name]), data[i:i + 20_000])
            if engine.dialect.name == "postgresql":
                # Explicit ids leave the sequences behind: the bot's own inserts need them on.
                for name in ORDER:
                    c.execute(text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                                   f"(SELECT max(id) FROM {name}))"))
        with engine.connect() as c:
            c.execute(text("ANALYZE"))
            c.commit()
    finally:
        engine.dispose()
    seeded.seconds = time.perf_counter() - started
    return seeded


def migrate_db(url: str) -> None:
    """`cjbot db upgrade` on url, as an operator would run it."""
    subprocess.run([sys.executable, "-m", "cjbot.cli", "--database-url", url, "db",
                    "upgrade"], check=True, cwd=ROOT, stdout=subprocess.DEVNULL,
                   env={**os.environ, "LOG_LEVEL": "WARNING"})
