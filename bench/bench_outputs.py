"""Timings of the files /export sends, for a large workshop, against a CSV baseline.

Run: .venv/bin/python bench/bench_outputs.py  (about 20 s). The workshop has 7 stages with
10 items per lane and 12 actions (tests/render_factory.make_snapshot). Each case runs
outputs.produce as the bot's worker process does, WARMUP times untimed, then RUNS times.
The baseline is the CSV export of the same snapshot in the same run (the cheapest file), so
the ratio column shows what each format costs on this machine, whatever its speed.
Targets: map <= 0.5 s, PDF (A4 and A3) <= 1.5 s, medians.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cjworkflow.messages import Attachment
from cjworkflow.outputs.produce import produce
from tests.render_factory import make_snapshot

RUNS = 7
WARMUP = 2
TARGETS = {"map": 0.5, "pdf": 1.5, "pdf_a3": 1.5}
CASES = [
    ("journey map PNG", "map"),
    ("PDF report, A4 landscape", "pdf"),
    ("PDF report, A3 landscape", "pdf_a3"),
    ("XLSX action plan", "xlsx"),
    ("ICS deadlines", "ics"),
    ("Mermaid journey", "mermaid"),
    ("CSV action plan (baseline)", "csv"),
]


def timings(run: Callable[[], bytes]) -> tuple[list[float], int]:
    """Seconds per run after WARMUP untimed runs, and the output's size."""
    size = 0
    for _ in range(WARMUP):
        size = len(run())
    result = []
    for _ in range(RUNS):
        start = time.perf_counter()
        run()
        result.append(time.perf_counter() - start)
    return result, size


def main() -> int:
    """Time each format on a large workshop and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", default=None, help="also write the figures to this file")
    args = parser.parse_args()
    snapshot = make_snapshot(stages=7, items=10, lang="nl", actions=12)
    measured: dict[str, tuple[float, float, int]] = {}
    for _, kind in CASES:
        times, size = timings(
            lambda kind=kind: produce(Attachment(kind, snapshot, "nl")).data)
        measured[kind] = (statistics.median(times), max(times), size)
    base = measured["csv"][0]
    header = f"{'case':<28} {'size':>9} {'median':>9} {'max':>9} {'ratio':>9} {'target':>13}"
    print(header)
    print("-" * len(header))
    missed = []
    for name, kind in CASES:
        median, worst, size = measured[kind]
        target = TARGETS.get(kind)
        verdict = ""
        if target is not None:
            ok = median <= target
            verdict = f"<= {target} s {'ok' if ok else 'MISSED'}"
            if not ok:
                missed.append(name)
        print(f"{name:<28} {size / 1024:>7.0f}kB {median:>8.3f}s {worst:>8.3f}s "
              f"{median / base:>8.0f}x {verdict:>13}")
    print(f"\n{RUNS} runs after {WARMUP} warm-up each; ratio = median / CSV baseline median "
          f"({base * 1000:.2f} ms). Targets {'all met' if not missed else 'MISSED: '}"
          f"{', '.join(missed)}")
    if args.json:
        figures = {f"{kind}_median_s": m[0] for kind, m in measured.items()}
        Path(args.json).write_text(json.dumps(figures, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
