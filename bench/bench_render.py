"""Render timings for the journey map and the priority matrix, against an empty-figure baseline.

Run: .venv/bin/python bench/bench_render.py  (about 10 s). The baseline is an empty matplotlib
Figure of the same pixel size saved to PNG the same way, so the ratio shows what drawing the
content costs on this machine, whatever its speed. Target: map median <= 0.5 s.
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import struct
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from cjworkflow.outputs.render import render_journey_map, render_matrix
from cjworkflow.outputs.render.canvas import DPI
from tests.render_factory import make_snapshot

RUNS = 10
WARMUP = 2
MAP_TARGET = 0.5


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) of a PNG."""
    w, h = struct.unpack(">II", data[16:24])
    return int(w), int(h)


def empty_png(width: int, height: int) -> bytes:
    """An empty Figure of this pixel size as PNG, saved like the renderers save theirs."""
    figure = Figure(figsize=(width / DPI, height / DPI), dpi=DPI)
    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, pil_kwargs={"compress_level": 3})
    return buffer.getvalue()


def timings(run: Callable[[], bytes]) -> list[float]:
    """Seconds per run, after WARMUP untimed runs."""
    for _ in range(WARMUP):
        run()
    result = []
    for _ in range(RUNS):
        start = time.perf_counter()
        run()
        result.append(time.perf_counter() - start)
    return result


def p90(values: list[float]) -> float:
    """The 90th percentile."""
    return statistics.quantiles(values, n=10, method="inclusive")[8]


def main() -> int:
    """Time both renderers on a large workshop and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", default=None, help="also write the figures to this file")
    args = parser.parse_args()
    figures: dict[str, float] = {}
    snapshot = make_snapshot(stages=7, items=10, lang="nl", actions=12)
    cases = [
        ("journey map, 7 stages x 10 items", lambda: render_journey_map(snapshot, "nl")),
        ("priority matrix, 12 actions", lambda: render_matrix(snapshot, "nl")),
    ]
    header = (f"{'case':<34} {'pixels':>11} {'PNG':>8} {'median':>8} {'p90':>8} "
              f"{'baseline':>9} {'ratio':>6}")
    print(header)
    print("-" * len(header))
    map_median = 0.0
    for name, run in cases:
        data = run()
        w, h = png_size(data)
        times = timings(run)
        base = timings(lambda: empty_png(w, h))  # noqa: B023 - used within this iteration
        median, base_median = statistics.median(times), statistics.median(base)
        if name.startswith("journey map"):
            map_median = median
        key = "map" if name.startswith("journey map") else "matrix"
        figures.update({f"{key}_median_s": median, f"{key}_baseline_s": base_median})
        print(f"{name:<34} {f'{w}x{h}':>11} {len(data) / 1024:>6.0f}kB {median:>7.3f}s "
              f"{p90(times):>7.3f}s {base_median:>8.3f}s {median / base_median:>5.1f}x")
    verdict = "met" if map_median <= MAP_TARGET else "MISSED"
    print(f"\nmap median {map_median:.3f} s, target <= {MAP_TARGET} s: {verdict} "
          f"({RUNS} runs after {WARMUP} warm-up; baseline = empty Figure of the same size)")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
