"""Entries per second through `cjbot run` vs a bare PTB echo bot, and reply latency.

Both bots run as real processes against the fake Bot API (tests/fakebotapi) on 127.0.0.1,
with the fake's rate limits off so the bots themselves are measured. Usage:
    python bench/bench_bot.py [--entries 2000] [--rounds 3] [--postgres URL] [--json PATH]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.pgdb import fresh_postgres  # noqa: E402
from bench.procs import stop, until  # noqa: E402
from tests.fakebotapi import FakeBotAPI  # noqa: E402

TOKEN = "4242424242:AAFakeTokenForBenchmarks_abcdefghij"
USERS = 5


def _start(kind: str, fake: FakeBotAPI, db_url: str, workdir: Path) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
    env.update({"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": fake.api_url,
                "DATABASE_URL": db_url, "CJBOT_DATA_DIR": str(workdir), "LOG_LEVEL": "WARNING",
                "POLL_TIMEOUT": "1", "PTB_TIMEDELTA": "true", "RENDER_WORKERS": "1"})
    if kind == "echo":
        cmd = [sys.executable, str(ROOT / "bench" / "echo_bot.py"), TOKEN, fake.api_url]
    else:
        cmd = [sys.executable, "-m", "cjworkflow.cli", "run"]
    return subprocess.Popen(cmd, env=env, cwd=workdir, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def _done(fake: FakeBotAPI, kind: str) -> int:
    """Entries answered: echo replies, or cjbot's reactions."""
    if kind == "echo":
        return sum(1 for c in fake.calls if c.method == "sendMessage" and c.status == 200)
    return len(fake.reactions)


def _done_in(fake: FakeBotAPI, kind: str, chat_id: int) -> int:
    """Entries answered in one chat."""
    if kind == "echo":
        return len(fake.sent_messages(chat_id))
    return sum(1 for (chat, _) in fake.reactions if chat == chat_id)


async def _latency(fake: FakeBotAPI, kind: str, user: object, label: str,
                   samples: int = 100) -> dict[str, float]:
    """p50/p99 milliseconds from an entry to its acknowledgement in the user's chat."""
    chat = user.id  # type: ignore[attr-defined]
    latencies = []
    for i in range(samples):
        before = _done_in(fake, kind, chat)
        t0 = time.perf_counter()
        await fake.user_sends(user, user, f"Los doel {label} {i}")
        await until(lambda b=before: _done_in(fake, kind, chat) > b, 30)
        latencies.append((time.perf_counter() - t0) * 1000)
        await asyncio.sleep(0.01)
    latencies.sort()
    return {f"{label}_p50": statistics.median(latencies),
            f"{label}_p99": latencies[int(len(latencies) * 0.99) - 1]}


async def _paint(fake: FakeBotAPI, user: object, enough: asyncio.Event) -> None:
    """Change a workshop and ask for its map, again and again, until enough is set."""
    chat = user.id  # type: ignore[attr-defined]
    n = 0
    while not enough.is_set():
        n += 1
        photos = len([c for c in fake.calls_to("sendPhoto") if c.chat_id == chat])
        await fake.user_sends(user, user, f"Nieuw doel {n}")
        await fake.user_sends(user, user, "/map")
        try:
            await until(lambda p=photos: enough.is_set() or len(
                [c for c in fake.calls_to("sendPhoto") if c.chat_id == chat]) > p, 60)
        except TimeoutError:
            return


async def run_one(kind: str, entries: int, db_url: str, workdir: Path) -> dict[str, float]:
    """Throughput, idle latency and (cjbot) latency while four maps render."""
    fake = FakeBotAPI(token=TOKEN)
    fake.limits.enabled = False
    await fake.start()
    users = [fake.add_user(f"U{i}", username=f"u{i}", language_code="nl") for i in range(USERS)]
    proc = _start(kind, fake, db_url, workdir)
    try:
        for u in users:
            fake.user_starts_bot(u)
            await fake.user_sends(u, u, "/new Ik bestel een wasmachine")
        await until(lambda: fake.polling_active and not fake.pending_updates, 60)
        await asyncio.sleep(0.5)
        base = _done(fake, kind)
        spy = None
        if kind == "cjbot" and os.environ.get("BENCH_PYSPY"):  # profile all of the bot's threads
            pyspy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
            spy = subprocess.Popen([pyspy, "record", "--pid", str(proc.pid), "--format", "raw",
                                    "-r", "1000", "-d", "4", "-o", os.environ["BENCH_PYSPY"]],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            await asyncio.sleep(1.0)
        start = time.perf_counter()
        for i in range(entries):
            await fake.user_sends(users[i % USERS], users[i % USERS], f"Doel nummer {i}")
        await until(lambda: _done(fake, kind) - base >= entries, 300)
        rate = entries / (time.perf_counter() - start)
        if spy is not None:
            spy.wait()
        result = {"rate": rate, **await _latency(fake, kind, users[0], "idle")}
        if kind == "cjbot":
            # Four other chats keep asking for a freshly changed map while we measure.
            enough = asyncio.Event()
            painters = [asyncio.create_task(_paint(fake, u, enough)) for u in users[1:5]]
            await until(lambda: fake.calls_to("sendPhoto"), 60)
            result.update(await _latency(fake, kind, users[0], "load"))
            result["maps"] = float(len(fake.calls_to("sendPhoto")))
            enough.set()
            await asyncio.gather(*painters)
        return result
    finally:
        await stop(proc)
        await fake.stop()


def _median_of(results: list[dict[str, float]]) -> dict[str, float]:
    """Per figure, the median over rounds."""
    return {k: statistics.median(r[k] for r in results) for k in results[0]}


async def main_async(args: argparse.Namespace) -> None:
    """Measure the baseline and cjbot on each database, in rounds; print a table.

    Each round runs the echo bot, then cjbot on SQLite and PostgreSQL back to back, and the
    ratios compare figures of the same round: on a shared machine the speed of the moment
    moves all three together. The table shows medians over the rounds.
    """
    kinds = ["echo", "sqlite"] + (["postgres"] if args.postgres else [])
    per: dict[str, list[dict[str, float]]] = {k: [] for k in kinds}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for n in range(args.rounds):
            echo = await run_one("echo", args.entries, "", work)
            per["echo"].append(echo)
            db = work / f"bench-{n}.db"
            sqlite = await run_one("cjbot", args.entries, f"sqlite:///{db}", work)
            per["sqlite"].append({**sqlite, "ratio": sqlite["rate"] / echo["rate"]})
            if args.postgres:
                with fresh_postgres(args.postgres) as url:
                    pg = await run_one("cjbot", args.entries, url, work)
                per["postgres"].append({**pg, "ratio": pg["rate"] / echo["rate"]})
    rows = {k: _median_of(v) for k, v in per.items()}
    names = {"echo": "PTB echo bot (baseline)", "sqlite": "cjbot run, SQLite",
             "postgres": "cjbot run, PostgreSQL"}
    print(f"{args.rounds} rounds of {args.entries} entries; medians over rounds, "
          "ratios within a round")
    print(f"{'bot':26} {'entries/s':>9} {'ratio':>6} {'p50 ms':>7} {'p99 ms':>7} "
          f"{'p99 while 4 maps render':>24}")
    for key, r in rows.items():
        ratio_s = f"{r['ratio']:.2f}" if "ratio" in r else "—"
        load = (f"{r['load_p99']:.1f} ms ({r['load_p99'] / r['idle_p99']:.1f}x idle, "
                f"{r['maps']:.0f} maps)" if "load_p99" in r else "—")
        print(f"{names[key]:26} {r['rate']:9.0f} {ratio_s:>6} {r['idle_p50']:7.1f} "
              f"{r['idle_p99']:7.1f} {load:>24}")
    print("targets: cjbot/echo >= 0.8 on SQLite, >= 0.6 on PostgreSQL; "
          "p99 while maps render <= 2x idle")
    if args.json:
        figures = {f"{key}_{k}": v for key, r in rows.items() for k, v in r.items()}
        Path(args.json).write_text(json.dumps(figures, indent=1))


def main() -> None:
    """Parse arguments and run."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--postgres", default=os.environ.get("CJBOT_TEST_POSTGRES_URL"),
                        help="a PostgreSQL server URL whose user may CREATE DATABASE "
                             "(default: $CJBOT_TEST_POSTGRES_URL); a fresh database per run")
    parser.add_argument("--json", default=None, help="also write the figures to this file")
    asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    main()
