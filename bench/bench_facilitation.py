"""What team facilitation costs: the step card with a vote or an estimate on it, and a press.

Run: .venv/bin/python bench/bench_facilitation.py  (about 15 s, SQLite in a temp folder).
A workshop at step 5 with 20 pains and 10 members; then:
- the living card (WorkshopEngine.card, what each debounced edit renders) without a poll
  (the baseline), with an open 20-item vote that every member voted in, and at step 8 with
  an open estimate of 6 actions;
- a dot press (a "vd" button through WorkshopEngine.handle, one transaction) against an
  emotion-face press at the same step (an existing button of the same card, the baseline).
Ratios against the baselines of the same run; medians of RUNS. No targets: a figure to watch.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlmodel import Session

from cjworkflow.flow.engine import WorkshopEngine
from cjworkflow.messages import Actor, Command, Reply, Verb
from cjworkflow.storage import migrate, workshops
from cjworkflow.storage.db import make_engine

RUNS = 60
GROUP = "group:bench"


def median_ms(run: Callable[[], object]) -> float:
    """Median milliseconds of RUNS runs after two untimed ones."""
    run()
    run()
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    """Build the workshop, measure, print the table."""
    folder = tempfile.mkdtemp()
    url = f"sqlite:///{folder}/bench.db"
    migrate.upgrade(url)
    engine = WorkshopEngine(make_engine(url), default_language="en")
    people = [Actor(f"u:{n}", f"Member {n}", f"m{n}", "en") for n in range(10)]
    refs = iter(range(10**9))

    def send(who: Actor, verb: Verb, text: str = "") -> list[Reply]:
        return engine.handle(Command(actor=who, verb=verb, text=text, chat_ref=GROUP,
                                     private=False, source_ref=f"b:{next(refs)}"))

    send(people[0], Verb.NEW, "I order a washing machine")
    send(people[0], Verb.STEP, "5")
    for n in range(20):
        send(people[n % 10], Verb.TEXT, f"pain: pain number {n} with some words to it")
    with Session(engine.db) as session:
        found = workshops.workshop_for_chat(session=session, chat_ref=GROUP)
        assert found is not None
        wid = found.id or 0
    card = engine.card(wid)
    assert card is not None
    face = next(b for row in card.buttons for b in row if b.action.startswith("sc:"))
    plain = median_ms(lambda: engine.card(wid))
    face_ms = median_ms(lambda: send(people[1], Verb.BUTTON, face.action))
    send(people[0], Verb.VOTE, "pains 10")
    voting = engine.card(wid)
    assert voting is not None
    dots = [b for row in voting.buttons for b in row if b.action.startswith("vd:")
            and b.action.endswith("+")]
    for n, who in enumerate(people):
        for k in range(3):
            send(who, Verb.BUTTON, dots[(n + k) % len(dots)].action)
    vote_card = median_ms(lambda: engine.card(wid))
    flip = iter(range(10**9))

    def dot() -> None:
        # On and off again: the member never runs out of dots.
        sign = "+" if next(flip) % 2 == 0 else "-"
        send(people[2], Verb.BUTTON, dots[5].action[:-1] + sign)

    dot_ms = median_ms(dot)
    send(people[0], Verb.VOTE, "close")
    send(people[0], Verb.STEP, "8")
    for n in range(6):
        send(people[0], Verb.TEXT, f"Action {n} | owner me | due friday")
        send(people[0], Verb.CANCEL)
    plain8 = median_ms(lambda: engine.card(wid))
    send(people[0], Verb.ESTIMATE, "all")
    estimate_card = median_ms(lambda: engine.card(wid))
    rows = [("card at step 5, no poll (baseline)", plain, 1.0),
            ("card at step 5, open vote: 20 items, 10 voters", vote_card, vote_card / plain),
            ("card at step 8 (baseline)", plain8, 1.0),
            ("card at step 8, open estimate of 6 actions", estimate_card,
             estimate_card / plain8),
            ("emotion-face press (baseline)", face_ms, 1.0),
            ("dot press", dot_ms, dot_ms / face_ms)]
    width = max(len(r[0]) for r in rows)
    print(f"{'figure'.ljust(width)}  median ms  ratio")
    for name, ms, ratio in rows:
        print(f"{name.ljust(width)}  {ms:9.2f}  {ratio:5.2f}")


if __name__ == "__main__":
    main()
