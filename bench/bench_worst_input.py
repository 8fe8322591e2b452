"""How long one hostile message holds the event loop: milliseconds per message, worst shapes.

Run: .venv/bin/python bench/bench_worst_input.py [--runs 5] [--postgres URL]

Entry messages (TEXT) run on the bot's event loop (bot/handlers.py INLINE), so one message
must not take more than ~50 ms whatever it holds. Each shape below is sent --runs times
through WorkshopEngine.handle, each time with a fresh source_ref, into a workshop of its own
that sits near its caps (cjworkflow.limits: MAX_ENTRIES - 300 entries, MAX_ACTIONS - 300
actions, MAX_MEMBERS - 5 members, bulk-inserted first), at the step the shape is for. A
message is at most MAX_MESSAGE characters (Telegram's own limit) and MAX_LINES lines; the
shapes fill those, and a few go past them to show that a refusal is cheap. SQLite always (a
temp file, make_engine's defaults); PostgreSQL too with --postgres or CJBOT_TEST_POSTGRES_URL.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import insert
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, col, select

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT))

from bench.pgdb import fresh_postgres  # noqa: E402
from cjworkflow import limits  # noqa: E402
from cjworkflow.flow.engine import WorkshopEngine  # noqa: E402
from cjworkflow.messages import Actor, Command, Verb  # noqa: E402
from cjworkflow.reading.dates import ParseError, parse_due  # noqa: E402
from cjworkflow.steps.action_lines import MAX_ACTION_TITLE  # noqa: E402
from cjworkflow.storage import migrate, workshops  # noqa: E402
from cjworkflow.storage.db import make_engine  # noqa: E402
from cjworkflow.storage.models import Member, Person, Stage  # noqa: E402

NOW = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)
FENNA = Actor("worst:fenna", "Fenna", "fenna", "nl")
ANNA = Actor("worst:anna", "Anna", "anna", "nl")
BUDGET_MS = 50.0
HEADROOM = 300  # entries and actions a shape's workshop has left before its cap
T = SQLModel.metadata.tables


def _fill(line: Callable[[int], str], lines: int = limits.MAX_LINES,
          chars: int = limits.MAX_MESSAGE) -> str:
    """`lines` lines made by line(i), padded with words (at "~", else at the end) to fill
    `chars` characters in all, no line over MAX_LINE."""
    width = min(chars // lines - 1, limits.MAX_LINE)  # a newline per line
    out = []
    for i in range(lines):
        text = line(i)
        if "~" not in text:
            text += "~"
        pad = (" woord" * width)[: max(0, width - len(text) + 1)]
        out.append(text.replace("~", pad)[:width])
    return "\n".join(out)


def _acts(fields: Callable[[int], str], lines: int = limits.MAX_ACTION_LINES) -> str:
    """Action lines with titles of nearly the longest kind, then the given fields."""
    titles = [(f"Actie {i} " + "verbeteren " * 20)[: MAX_ACTION_TITLE - 5] for i in range(lines)]
    return "\n".join(f"{titles[i]} | {fields(i)}".rstrip(" |") for i in range(lines))


L = limits.MAX_LINES
A = limits.MAX_ACTION_LINES
W = limits.MAX_MESSAGE // L - 1  # characters per line when a message fills both caps
CONTROL = "\x00\x1b[31m\u200b\u202e\ufeff\u2066\x7f\u00ad"
FAR = ("9999-12-31", "31-12-9999", "december 9999", "in 5000 weeks", "over 99999999 jaar")
EMOJI = "👩\u200d👩\u200d👧\u200d👦🏳\ufe0f\u200d🌈"
# (name, step, message): the worst that fits the caps, then a few that are refused.
SHAPES: list[tuple[str, int, Callable[[int], str]]] = [
    (f"goals {L}x{W}", 1, lambda r: _fill(lambda i: f"Doel {r}-{i}: minder afhakers")),
    ("goals 4x1000", 1, lambda r: _fill(lambda i: f"Doel {r}-{i}", lines=4)),
    (f"personas {L}x{W}", 2, lambda r: _fill(
        lambda i: f"P{r}-{i}: ouder met weinig tijd~ | doel: snel | doel: goed")),
    (f"touchpoints {L}x{W} (no stage: {L} questions)", 4, lambda r: _fill(
        lambda i: f"Review {r}-{i} op een vergelijkingssite; kanaal: web")),
    (f"touchpoints {L}x{W} stage-prefixed", 4, lambda r: _fill(
        lambda i: f"Overweging: site {r}-{i}~ | web")),
    (f"elements {L}x{W} kinds+stages", 5, lambda r: _fill(
        lambda i: ("Aankoop: pijn: ", "Overw: idee: ", "3: moment: ", "! ", "doet: ")[i % 5]
        + f"klant {r}-{i} wacht te lang")),
    (f"elements {L} scores", 5, lambda r: "\n".join(
        f"{s + 1}: emotie {(r + s) % 5 + 1}" for s in range(limits.MAX_LINES))),
    ("elements 4x1000", 5, lambda r: _fill(lambda i: f"Overweging: pijn: {r}-{i}", lines=4)),
    (f"observations {L}x{W}", 7, lambda r: _fill(lambda i: f"Aankoop: klant {r}-{i} twijfelt")),
    (f"actions {A} iso dates", 8, lambda r: _acts(
        lambda i: f"impact 4 | effort 2 | owner me | due 2027-0{i % 9 + 1}-15")),
    (f"actions {A} rule dates", 8, lambda r: _acts(
        lambda i: f"i4 e2 | eigenaar ik | deadline over {i % 9 + 2} weken om 14:00")),
    (f"actions {A} dateparser dates", 8, lambda r: _acts(
        lambda i: f"impact 4 | effort 2 | owner me | due dinsdag {i % 27 + 1} "
                  f"{('januari', 'maart', 'juni', 'oktober')[i % 4]}")),
    (f"actions {A} unreadable dates (dateparser fails, nl+en)", 8, lambda r: _acts(
        lambda i: f"due ergens na de zomer als het {i} uitkomt misschien wel")),
    (f"actions {A} dates 9999", 8, lambda r: _acts(lambda i: "impact 4 | due " + FAR[i % 5])),
    (f"actions {A} huge numbers", 8, lambda r: _acts(
        lambda i: f"impact {'9' * 30} | effort {'9' * 30}")),
    (f"actions {A} bare titles ({4 * A} questions)", 8, lambda r: _acts(lambda i: "")),
    (f"actions {A} with @owners among {limits.MAX_MEMBERS} members", 8, lambda r: _acts(
        lambda i: f"impact 4 | effort 2 | @deelnemer{(r * 10 + i) % 90} | due vrijdag")),
    (f"actions {A} with owner names among {limits.MAX_MEMBERS} members", 8, lambda r: _acts(
        lambda i: f"impact 4 | effort 2 | eigenaar: Deelnemer {(r * 10 + i) % 80 + 10}")),
    (f"refused: {A + 1} action lines", 8, lambda r: _acts(lambda i: "impact 4",
                                                    lines=limits.MAX_ACTION_LINES + 1)),
    (f"control characters {L} lines", 1, lambda r: _fill(
        lambda i: f"{r}-{i}" + CONTROL * 8, chars=limits.MAX_MESSAGE)),
    (f"emoji sequences {L} lines", 1, lambda r: _fill(lambda i: f"{r}-{i}" + EMOJI * 6)),
    ("refused: 1000 lines", 1, lambda r: "\n".join(f"r{r} {i}" for i in range(1000))[:4096]),
    (f"refused: {L + 1} lines", 1, lambda r: "\n".join(f"doel {r}-{i}" for i in range(L + 1))),
    ("refused: 100,000 characters", 1, lambda r: f"{r} " + "x" * 100_000),
]


def _seed(db: Engine, group: str) -> None:
    """The group's workshop, its members and rows up to HEADROOM below each cap."""
    with Session(db) as s:
        ws = workshops.workshop_for_chat(session=s, chat_ref=group)
        assert ws is not None and ws.id is not None
        wid = ws.id
        stage = s.exec(select(Stage.id).where(Stage.workshop_id == wid)).first()
        author = s.exec(select(Member.id).join(Person, col(Person.id) == col(Member.person_id))
                        .where(Person.external_id == ANNA.external_id, Member.workshop_id == wid)
                        ).one()
    with db.begin() as conn:
        people = [{"external_id": f"{group}:p{i}", "display_name": f"Deelnemer {i}",
                   "handle": f"deelnemer{i}", "language": "nl", "private_chat_ok": False,
                   "created_at": NOW} for i in range(limits.MAX_MEMBERS - 7)]
        conn.execute(insert(T["person"]), people)
        ids = conn.execute(select(Person.id).where(
            col(Person.external_id).like(f"{group}:p%"))).scalars().all()
        conn.execute(insert(T["member"]), [{"workshop_id": wid, "person_id": p, "role": "member",
                                            "joined_at": NOW} for p in ids])
        conn.execute(insert(T["entry"]), [
            {"workshop_id": wid, "kind": "pain", "step": 5, "text": f"Bestaand punt {i}",
             "stage_id": stage, "detail": None, "goal": None, "channel": None,
             "is_target": False, "have": False, "author_id": author,
             "source_ref": f"seed:{i}", "created_at": NOW}
            for i in range(limits.MAX_ENTRIES - HEADROOM)])
        conn.execute(insert(T["action"]), [
            {"workshop_id": wid, "title": f"Bestaande actie {i}", "impact": 3, "effort": 2,
             "owner_id": author, "due_date": None, "due_time": None, "stage_id": None,
             "status": "open", "blocked_reason": None, "done_at": None, "author_id": author,
             "source_ref": f"seed:a:{i}", "created_at": NOW, "updated_at": NOW}
            for i in range(limits.MAX_ACTIONS - HEADROOM)])


def measure(db: Engine, runs: int) -> list[Result]:
    """Per shape: each run's wall and CPU milliseconds, and the first reply's start (a
    sanity check that the shape did what it says)."""
    engine = WorkshopEngine(db, default_language="nl", clock=lambda: NOW)
    results = []
    for n, (name, step, message) in enumerate(SHAPES):
        group = f"worst:group:{n}"

        def send(actor: Actor, verb: Verb, text: str, ref: str, chat: str = group) -> str:
            replies = engine.handle(Command(actor=actor, verb=verb, text=text, chat_ref=chat,
                                            private=False, source_ref=ref))
            return " | ".join(r.text.replace("\n", " ")[:60] for r in replies if r.text)

        send(FENNA, Verb.NEW, f"Worst case {n}", f"{group}:new")
        send(ANNA, Verb.TEXT, "Eerste doel", f"{group}:first")
        _seed(db, group)
        send(FENNA, Verb.STEP, str(step), f"{group}:step")
        # Warm caches once (Fluent, SQLAlchemy's statements, and dateparser: loading it
        # takes ~0.5 s once per process, on the first natural-language date after start).
        send(ANNA, Verb.CANCEL, "", f"{group}:warm-cancel")
        if n == 0:
            for lang in ("nl", "en"):
                with suppress(ParseError):
                    parse_due("dinsdag 15 januari x", lang=lang, today=NOW.date())
        timings, cpu, said = [], [], ""
        for r in range(runs):
            text = message(r)
            start, start_cpu = time.perf_counter(), time.thread_time()
            reply = send(ANNA, Verb.TEXT, text, f"{group}:{r}")
            timings.append((time.perf_counter() - start) * 1000)
            cpu.append((time.thread_time() - start_cpu) * 1000)
            said = said or reply
            send(ANNA, Verb.CANCEL, "", f"{group}:cancel:{r}")  # drop the questions it asked
        results.append((name, timings, cpu, said))
    return results


Result = tuple[str, list[float], list[float], str]


def table(label: str, results: list[Result]) -> str:
    """A plain-text table per shape: wall-clock median and max, and the thread's CPU time
    (the part that is the bot's own work when other processes share the cores)."""
    rows = [f"{label}: ms per message over {len(results[0][1])} runs, budget {BUDGET_MS:.0f} ms",
            f"{'shape':52} {'median':>7} {'max':>7} {'cpu med':>7} {'cpu max':>7}  first reply"]
    for name, wall, cpu, said in results:
        flag = " " if statistics.median(wall) <= BUDGET_MS else "!"
        rows.append(f"{name[:52]:52} {statistics.median(wall):7.1f} {max(wall):7.1f} "
                    f"{statistics.median(cpu):7.1f} {max(cpu):7.1f} {flag} {said[:60]}")
    worst = max(statistics.median(w) for _, w, _, _ in results)
    worst_cpu = max(max(c) for _, _, c, _ in results)
    rows.append(f"worst median: {worst:.1f} ms wall; worst CPU: {worst_cpu:.1f} ms "
                f"({'within' if worst <= BUDGET_MS else 'OVER'} budget)")
    return "\n".join(rows)


@contextmanager
def sqlite_database() -> Iterator[Engine]:
    """A migrated SQLite file in a temp folder, with make_engine's defaults (WAL)."""
    with tempfile.TemporaryDirectory(prefix="cjbot-worst-") as folder:
        url = f"sqlite:///{Path(folder) / 'worst.db'}"
        migrate.upgrade(url)
        db = make_engine(url)
        try:
            yield db
        finally:
            db.dispose()


@contextmanager
def postgres_database(server_url: str) -> Iterator[Engine]:
    """A fresh, migrated PostgreSQL database on the server, dropped afterwards."""
    with fresh_postgres(server_url) as url:
        migrate.upgrade(url)
        db = make_engine(url)
        try:
            yield db
        finally:
            db.dispose()


def main(argv: list[str] | None = None) -> int:
    """Measure on SQLite (and PostgreSQL if given) and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--postgres", default=None)
    args = parser.parse_args(argv)
    with sqlite_database() as db:
        print(table("SQLite", measure(db, args.runs)))
    server = args.postgres or os.environ.get("CJBOT_TEST_POSTGRES_URL")
    if server:
        with postgres_database(server) as db:
            print()
            print(table("PostgreSQL", measure(db, args.runs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
