"""The largest workshop the input bounds allow, drawn and exported, against a normal full one.

Run: .venv/bin/python bench/bench_largest.py  (about 2 min). The largest workshop is stored
in a SQLite file and read as the bot reads it: 12 stages, 2,000 entries (1,880 in the
stages' lanes, 40 goals, 40 personas, 40 resources), 300 actions, 200 members, texts as
long as the bounds allow. The baseline is today's normal full workshop in the same run
(tests/render_factory.make_snapshot: 7 stages x 10 items per lane, 12 actions), which is
also what bench_outputs.py times. Each case (file kind x workshop) runs in a fresh spawned
process, as the bot's render pool does, WARMUP times untimed and then RUNS times; the
process's peak resident memory (ru_maxrss) is its RSS high-water mark over those renders,
imports included, and the Python peak is tracemalloc's over one more render.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cjworkflow.messages import Attachment
from cjworkflow.outputs.produce import produce
from cjworkflow.snapshot import WorkshopSnapshot
from cjworkflow.storage import migrate
from cjworkflow.storage.db import make_engine
from tests import huge_workshop
from tests.render_factory import make_snapshot

# The input bounds assumed here (cjworkflow/limits.py holds the real ones where it exists):
# stages, entries and actions per workshop, members, characters per text. The database's
# own columns cut entries at 1,000 and action titles at 500 characters.
STAGES, ENTRIES, ACTIONS, MEMBERS, CHARS = 12, 2_000, 300, 200, 1_000
EXTRAS = 40  # goals, personas and resources each (the rest of ENTRIES is in the lanes)
RUNS = 3
WARMUP = 1
KINDS = ("map", "matrix", "pdf", "xlsx")
Figures = dict[str, float]


def largest(path: Path) -> WorkshopSnapshot:
    """The largest workshop the bounds allow, stored in a SQLite file and read back."""
    url = f"sqlite:///{path}"
    migrate.ensure_schema(url)
    engine = make_engine(url)
    try:
        seeded = huge_workshop.seed(engine, stages=STAGES, entries=ENTRIES - 3 * EXTRAS,
                                    actions=ACTIONS, members=MEMBERS, chars=CHARS,
                                    extras=EXTRAS)
        return huge_workshop.snapshot(engine, seeded.workshop_id)
    finally:
        engine.dispose()


def measure(kind: str, snap: WorkshopSnapshot) -> Figures:
    """In a fresh worker: seconds per render, peak RSS and Python peak (MiB), file size."""
    att = Attachment(kind, snap, "nl")
    for _ in range(WARMUP):
        size = len(produce(att).data)
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        produce(att)
        times.append(time.perf_counter() - started)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    tracemalloc.start()
    produce(att)
    py_peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return {"median_s": statistics.median(times), "max_s": max(times), "rss_mib": rss,
            "py_peak_mib": py_peak, "bytes": float(size)}


def in_worker(kind: str, snap: WorkshopSnapshot) -> Figures:
    """measure() in its own spawned process, so that each peak is that case's alone."""
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        return pool.submit(measure, kind, snap).result()


def main() -> int:
    """Time and weigh each file kind for both workshops and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", default=None, help="also write the figures to this file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        big = largest(Path(tmp) / "largest.db")
    workshops = {"normal": make_snapshot(stages=7, items=10, lang="nl", actions=12),
                 "largest": big}
    figures: Figures = {}
    header = (f"{'file':<8} {'workshop':<9} {'size':>8} {'median':>8} {'max':>8} "
              f"{'ratio':>6} {'RSS':>8} {'ratio':>6} {'Py peak':>8}")
    print(header)
    print("-" * len(header))
    for kind in KINDS:
        for which, snap in workshops.items():
            measured = in_worker(kind, snap)
            figures.update({f"{kind}_{which}_{k}": v for k, v in measured.items()})
            base = figures[f"{kind}_normal_median_s"], figures[f"{kind}_normal_rss_mib"]
            print(f"{kind:<8} {which:<9} {measured['bytes'] / 1024:>6.0f}kB "
                  f"{measured['median_s']:>7.3f}s {measured['max_s']:>7.3f}s "
                  f"{measured['median_s'] / base[0]:>5.1f}x {measured['rss_mib']:>5.0f}MiB "
                  f"{measured['rss_mib'] / base[1]:>5.2f}x {measured['py_peak_mib']:>5.0f}MiB",
                  flush=True)
    print(f"\nlargest = {STAGES} stages, {ENTRIES:,} entries, {ACTIONS} actions, {MEMBERS} "
          f"members, texts up to {CHARS:,} characters; normal = 7 stages x 10 items, 12 "
          f"actions. {RUNS} runs after {WARMUP} warm-up, each case in a fresh worker process; "
          "ratio = largest / normal.")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
