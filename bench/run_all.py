"""Run every benchmark and print one table of figures, baselines, ratios and targets.

Each benchmark runs as its own process (so one's memory or threads never colour another's
figures), prints its own detailed table into the log folder and writes its figures as JSON.
Usage:
    python bench/run_all.py [--postgres URL] [--markdown PATH] [--log DIR] [--only NAME ...]
PostgreSQL rows need --postgres or CJBOT_TEST_POSTGRES_URL (a user that may CREATE DATABASE).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent

Figures = dict[str, dict[str, float]]


@dataclass(frozen=True)
class Bench:
    """One benchmark script and its extra arguments."""

    name: str
    script: str
    args: tuple[str, ...] = ()
    postgres: bool = False  # whether it takes --postgres


BENCHES = [
    Bench("engine", "bench_engine.py", postgres=True),
    Bench("bot", "bench_bot.py", postgres=True),
    Bench("scale", "bench_scale.py", postgres=True),
    Bench("render", "bench_render.py"),
    Bench("outputs", "bench_outputs.py"),
    Bench("largest", "bench_largest.py"),
    Bench("reminders", "bench_reminders.py"),
    Bench("web", "bench_web.py", postgres=True),
]


@dataclass(frozen=True)
class Row:
    """A line of the summary: how to read a figure, its baseline and its target from results."""

    label: str
    unit: str
    value: Callable[[Figures], float]
    baseline: Callable[[Figures], float] | None = None
    baseline_label: str = ""
    # A target on the value (or on the ratio when ratio_target is set): (op, limit).
    target: tuple[str, float] | None = None
    ratio_target: bool = False
    # Where the benchmark computed the ratio itself (e.g. a median of same-round ratios).
    ratio: Callable[[Figures], float] | None = None


def _g(bench: str, key: str) -> Callable[[Figures], float]:
    return lambda f: f[bench][key]


def _ms(bench: str, key: str) -> Callable[[Figures], float]:
    return lambda f: f[bench][key] * 1000


ROWS = [
    Row("engine entries/s, SQLite", "/s", _g("engine", "sqlite_engine_per_s"),
        _g("engine", "sqlite_baseline_per_s"), "bare INSERT txn", (">=", 2000)),
    Row("engine entries/s, PostgreSQL", "/s", _g("engine", "postgresql_engine_per_s"),
        _g("engine", "postgresql_baseline_per_s"), "bare INSERT txn"),
    Row("bot entries/s, SQLite", "/s", _g("bot", "sqlite_rate"), _g("bot", "echo_rate"),
        "PTB echo bot", (">=", 0.8), ratio_target=True, ratio=_g("bot", "sqlite_ratio")),
    Row("bot entries/s, PostgreSQL", "/s", _g("bot", "postgres_rate"), _g("bot", "echo_rate"),
        "PTB echo bot", (">=", 0.6), ratio_target=True, ratio=_g("bot", "postgres_ratio")),
    Row("reply p50 idle, SQLite", "ms", _g("bot", "sqlite_idle_p50"),
        _g("bot", "echo_idle_p50"), "PTB echo bot"),
    Row("reply p99 idle, SQLite", "ms", _g("bot", "sqlite_idle_p99"),
        _g("bot", "echo_idle_p99"), "PTB echo bot"),
    Row("reply p99, 4 maps rendering, SQLite", "ms", _g("bot", "sqlite_load_p99"),
        _g("bot", "sqlite_idle_p99"), "p99 idle", ("<=", 2.0), ratio_target=True),
    Row("reply p99, 4 maps rendering, PostgreSQL", "ms", _g("bot", "postgres_load_p99"),
        _g("bot", "postgres_idle_p99"), "p99 idle", ("<=", 2.0), ratio_target=True),
    Row("journey map render (7 x 10)", "ms", _ms("render", "map_median_s"),
        _ms("render", "map_baseline_s"), "empty figure", ("<=", 500)),
    Row("PDF report A4", "ms", _ms("outputs", "pdf_median_s"), _ms("outputs", "csv_median_s"),
        "CSV export", ("<=", 1500)),
    Row("PDF report A3", "ms", _ms("outputs", "pdf_a3_median_s"),
        _ms("outputs", "csv_median_s"), "CSV export", ("<=", 1500)),
    Row("largest workshop the bounds allow: map", "ms", _ms("largest", "map_largest_median_s"),
        _ms("largest", "map_normal_median_s"), "7 x 10 workshop"),
    Row("largest workshop: PDF report A4", "ms", _ms("largest", "pdf_largest_median_s"),
        _ms("largest", "pdf_normal_median_s"), "7 x 10 workshop"),
    Row("largest workshop: XLSX plan", "ms", _ms("largest", "xlsx_largest_median_s"),
        _ms("largest", "xlsx_normal_median_s"), "7 x 10 workshop"),
    Row("largest workshop: render worker RSS, map", "MiB", _g("largest", "map_largest_rss_mib"),
        _g("largest", "map_normal_rss_mib"), "7 x 10 workshop"),
    Row("largest workshop: render worker RSS, PDF", "MiB", _g("largest", "pdf_largest_rss_mib"),
        _g("largest", "pdf_normal_rss_mib"), "7 x 10 workshop"),
    Row("reminder claim, 100k actions", "ms", _g("reminders", "claim_median_ms"),
        _g("reminders", "claim_scan_median_ms"), "table scan", ("<=", 50)),
    Row("RSS after 200 reminder ticks", "MiB", _g("reminders", "rss_after_mib"),
        _g("reminders", "rss_before_mib"), "before ticks"),
    Row("web page, largest workshop, unchanged", "ms", _g("web", "sqlite_largest_page_cached_ms"),
        _g("web", "sqlite_small_page_cached_ms"), "small workshop", ("<=", 200)),
    Row("web page, largest workshop, just changed", "ms",
        _g("web", "sqlite_largest_page_fresh_ms"), _g("web", "sqlite_small_page_fresh_ms"),
        "small workshop", ("<=", 200)),
    Row("entry to open web page, largest, SQLite", "s",
        _g("web", "sqlite_largest_entry_to_page_s"), _g("web", "sqlite_small_entry_to_page_s"),
        "small workshop", ("<=", 2)),
    Row("entry to open web page, largest, PostgreSQL", "s",
        _g("web", "postgresql_largest_entry_to_page_s"),
        _g("web", "postgresql_small_entry_to_page_s"), "small workshop", ("<=", 2)),
]


def run_bench(bench: Bench, postgres: str | None, log_dir: Path) -> dict[str, float]:
    """Run one benchmark script; its figures, or {} if it failed (its log says why)."""
    out = log_dir / f"{bench.name}.json"
    cmd = [sys.executable, str(HERE / bench.script), *bench.args, "--json", str(out)]
    if bench.postgres and postgres:
        cmd += ["--postgres", postgres]
    env = dict(os.environ)
    if not postgres:
        env.pop("CJBOT_TEST_POSTGRES_URL", None)
    started = time.perf_counter()
    with (log_dir / f"{bench.name}.txt").open("w") as log:
        code = subprocess.call(cmd, stdout=log, stderr=subprocess.STDOUT, env=env)
    took = time.perf_counter() - started
    print(f"  {bench.name:<10} {'ok' if code == 0 else f'FAILED ({code})':<12} {took:6.0f} s",
          flush=True)
    if code != 0 or not out.exists():
        return {}
    figures: dict[str, float] = json.loads(out.read_text())
    return figures


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.2f}"


def summary(figures: Figures, rows: list[Row]) -> list[tuple[str, ...]]:
    """The table's cells: figure, value, baseline, ratio, target, verdict."""
    cells = []
    for row in rows:
        try:
            value = row.value(figures)
        except KeyError:
            continue  # that benchmark did not run (e.g. no PostgreSQL)
        base = ratio = None
        if row.baseline is not None:
            try:
                base = row.baseline(figures)
                ratio = row.ratio(figures) if row.ratio else value / base if base else None
            except KeyError:
                pass
        verdict, target = "", ""
        if row.target is not None:
            op, limit = row.target
            measured = ratio if row.ratio_target else value
            target = f"{op} {limit:g}{'x' if row.ratio_target else ' ' + row.unit}"
            if measured is not None:
                ok = measured >= limit if op == ">=" else measured <= limit
                verdict = "met" if ok else "MISSED"
        cells.append((row.label, f"{_fmt(value)} {row.unit}",
                      f"{_fmt(base)} {row.unit} ({row.baseline_label})" if base is not None
                      else "", _ratio(ratio), target, verdict))
    return cells


def _ratio(ratio: float | None) -> str:
    if ratio is None:
        return ""
    return f"{ratio:,.0f}x" if ratio >= 100 else f"{ratio:.2f}x"


HEADER = ("figure", "measured", "baseline (same run)", "ratio", "target", "")


def as_text(cells: list[tuple[str, ...]]) -> str:
    """A plain-text table."""
    rows = [HEADER, *cells]
    widths = [max(len(r[i]) for r in rows) for i in range(len(HEADER))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
             for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def as_markdown(cells: list[tuple[str, ...]]) -> str:
    """The same table in Markdown, for the README."""
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(c) + " |" for c in cells]
    return "\n".join(lines)


def main() -> int:
    """Run the benchmarks one after the other and print the summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", default=os.environ.get("CJBOT_TEST_POSTGRES_URL"),
                        help="PostgreSQL server URL (default: $CJBOT_TEST_POSTGRES_URL)")
    parser.add_argument("--markdown", default=None, help="also write the table as Markdown")
    parser.add_argument("--log", default=None, help="keep each benchmark's output here")
    parser.add_argument("--only", nargs="*", default=None,
                        choices=[b.name for b in BENCHES], help="run only these")
    args = parser.parse_args()
    log_dir = Path(args.log or tempfile.mkdtemp(prefix="cjbot-bench-"))
    log_dir.mkdir(parents=True, exist_ok=True)
    chosen = [b for b in BENCHES if args.only is None or b.name in args.only]
    print(f"running {len(chosen)} benchmarks (details in {log_dir}); "
          f"PostgreSQL: {'yes' if args.postgres else 'no (set CJBOT_TEST_POSTGRES_URL)'}",
          flush=True)
    started = time.perf_counter()
    figures: Figures = {b.name: run_bench(b, args.postgres, log_dir) for b in chosen}
    cells = summary(figures, ROWS + scale_rows())
    print()
    print(as_text(cells))
    print(f"\ntotal {time.perf_counter() - started:.0f} s; Python {sys.version.split()[0]}, "
          f"{os.cpu_count()} cores")
    if args.markdown:
        Path(args.markdown).write_text(as_markdown(cells) + "\n")
    failed = [b.name for b in chosen if not figures[b.name]]
    if failed:
        print(f"FAILED: {', '.join(failed)} (see their logs)")
        return 1
    return 0


def scale_rows() -> list[Row]:
    """Rows for bench_scale.py: 1,000 workshops with 100,000 entries, per database."""
    rows = []
    for db, name in (("sqlite", "SQLite"), ("postgresql", "PostgreSQL")):
        big, small, empty = f"{db}_big", f"{db}_small", f"{db}_empty"
        rows += [
            Row(f"start-up to first answer, 100k entries, {name}", "s",
                _g("scale", f"{big}_start_reply_s"), _g("scale", f"{empty}_start_reply_s"),
                "empty database", ("<=", 3)),
            Row(f"bot RSS peak, 100k entries after /status+/map, {name}", "MiB",
                _g("scale", f"{big}_after_latency_bot_hwm"),
                _g("scale", f"{empty}_after_start_bot_rss"), "idle on empty db", ("<=", 200)),
            Row(f"/status, largest workshop (3,000 entries), {name}", "ms",
                _ms("scale", f"{big}_status_median_s"), _ms("scale", f"{small}_status_median_s"),
                "100-entry workshop"),
            Row(f"/map fresh render, largest workshop, {name}", "ms",
                _ms("scale", f"{big}_map_fresh_median_s"),
                _ms("scale", f"{small}_map_fresh_median_s"), "100-entry workshop"),
            Row(f"/map cached, largest workshop, {name}", "ms",
                _ms("scale", f"{big}_map_cached_median_s"),
                _ms("scale", f"{small}_map_cached_median_s"), "100-entry workshop"),
        ]
    return rows


if __name__ == "__main__":
    sys.exit(main())
