"""`cjbot run` on a big database: start-up time, memory, and /status and /map latency.

Run: .venv/bin/python bench/bench_scale.py [--postgres URL] [--json PATH]

A fresh SQLite file (and, with --postgres URL or CJBOT_TEST_POSTGRES_URL, a fresh PostgreSQL
database, dropped afterwards) is migrated with `cjbot db upgrade` and filled through Core bulk
inserts: 1,000 workshops with 100,000 entries in all (goals, personas, touchpoints, elements
across the stages, resources, observations), emotion scores per member and stage, ~10,000
actions with owners and deadlines, and their reminders. One LARGEST workshop holds 3,000 entries
and lives in a group chat with the benchmark's five fake users (the first one facilitates); a
SMALL workshop of 100 entries in another group is the latency baseline.

`cjbot run` is then started as a process against the fake Bot API (tests/fakebotapi, on
127.0.0.1, the fake's rate limits off and the bot's own 20-messages-a-minute group pacing
raised, so the bot's work is measured, not Telegram's pacing), alternately on an EMPTY migrated
database (the baseline) and on the big one, three times each. Measured:

- start-up (median of the three): spawn -> the bot's first getUpdates, and spawn -> its answer
  to a /start that was waiting before it started;
- RSS (/proc/<pid>/status VmRSS; VmHWM is the peak): the bot process itself, and separately the
  render worker processes (children running multiprocessing's spawn_main) and multiprocessing's
  resource tracker; after start, after 200 entries, after the /status and /map rounds;
- /status latency (command sent -> the status message arrives) and /map latency (command sent
  -> sendPhoto arrives): fresh (an entry changes the workshop before each /map, so the render
  cache misses; of that, the part from sendChatAction to sendPhoto is the render worker's) and
  cached (the same version again), on the largest and the small workshop.

--profile PREFIX runs py-spy on the bot and its workers during the latency rounds (it slows
them down: use it to find causes, not for figures); --verbose prints every sample.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT))

from sqlmodel import SQLModel  # noqa: E402

from bench.pgdb import fresh_postgres  # noqa: E402
from bench.procs import stop, until  # noqa: E402
from bench.scale_seed import (  # noqa: E402
    ENTRIES,
    LARGEST,
    SMALL,
    USERS,
    WORKSHOPS,
    migrate_db,
    seed,
)
from tests.fakebotapi import FakeBotAPI  # noqa: E402
from tests.fakebotapi.state import Chat, User  # noqa: E402

TOKEN = "4242424242:AAFakeTokenForBenchmarks_abcdefghij"
T = SQLModel.metadata.tables
TYPED = 200  # entries sent through the bot before the latency rounds
ROUNDS = 10  # /status and /map samples per measurement
STARTS = 3  # start-ups per database and kind (empty, big), alternating
TARGET_RSS_MIB = 200.0
TARGET_START_S = 3.0
SLOW_S = 1.0  # a /status or /map slower than this on the largest workshop is "poor"
# --- processes and memory ------------------------------------------------------------------


def _status(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM of a process in KiB (empty when it is gone)."""
    out: dict[str, int] = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(("VmRSS:", "VmHWM:")):
                out[line.split(":")[0]] = int(line.split()[1])
    except OSError:
        pass
    return out


def _children(pid: int) -> list[int]:
    """Every descendant of pid."""
    found: list[int] = []
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return found
    for task in tasks:
        try:
            kids = [int(k) for k in (task / "children").read_text().split()]
        except OSError:
            continue
        for kid in kids:
            found += [kid, *_children(kid)]
    return found


def memory(pid: int) -> dict[str, float]:
    """MiB: the bot's RSS and peak, its render workers' RSS (sum) and peak (max), the rest."""
    bot = _status(pid)
    out = {"bot_rss": bot.get("VmRSS", 0) / 1024, "bot_hwm": bot.get("VmHWM", 0) / 1024,
           "workers": 0.0, "workers_rss": 0.0, "workers_hwm": 0.0, "other_rss": 0.0}
    for kid in _children(pid):
        try:
            cmd = Path(f"/proc/{kid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        st = _status(kid)
        if "resource_tracker" not in cmd and "spawn_main" in cmd:
            out["workers"] += 1
            out["workers_rss"] += st.get("VmRSS", 0) / 1024
            out["workers_hwm"] = max(out["workers_hwm"], st.get("VmHWM", 0) / 1024)
        else:
            out["other_rss"] += st.get("VmRSS", 0) / 1024
    return out


def spawn(fake: FakeBotAPI, db_url: str, workdir: Path) -> subprocess.Popen[bytes]:
    """`cjbot run` as a process against the fake, rate limits off, one render worker."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
    env.update({"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": fake.api_url,
                "DATABASE_URL": db_url, "CJBOT_DATA_DIR": str(workdir), "LOG_LEVEL": "WARNING",
                "POLL_TIMEOUT": "1", "PTB_TIMEDELTA": "true", "RENDER_WORKERS": "1",
                # The bot's own pacing to Telegram's 20 messages/min per group would make every
                # reply after the 20th in a minute wait: measured is the bot's work, not that.
                "GROUP_MESSAGES_PER_MINUTE": "1000000", "PYTHONPATH": str(ROOT)})
    log = (workdir / "bot.log").open("ab")
    return subprocess.Popen([sys.executable, "-m", "cjbot.cli", "run"], env=env,
                            cwd=workdir, stdout=log, stderr=subprocess.STDOUT)


# --- one bot run ---------------------------------------------------------------------------


@dataclass
class World:
    """The fake Bot API and its users and groups (stable across runs: the seed names them)."""

    fake: FakeBotAPI
    users: list[User]
    big: Chat
    small: Chat
    codes: dict[int, str] = field(default_factory=dict)


async def start_bot(world: World, db_url: str,
                    workdir: Path) -> tuple[subprocess.Popen[bytes], dict[str, float]]:
    """Spawn the bot with a /start waiting; both start-up times and the memory after start."""
    fake, alice = world.fake, world.users[0]
    answered = len(fake.sent_messages(alice))
    calls = len(fake.calls)
    fake.user_starts_bot(alice)
    t0 = time.monotonic()
    proc = spawn(fake, db_url, workdir)
    polled = await until(lambda: next((c for c in fake.calls[calls:]
                                       if c.method == "getUpdates"), None), 60)
    out = {"start_getupdates_s": polled.time - t0}
    await until(lambda: len(fake.sent_messages(alice)) > answered, 60)
    out["start_reply_s"] = time.monotonic() - t0
    await asyncio.sleep(1.0)  # settle: the first tick, the first commands
    out.update({f"after_start_{k}": v for k, v in memory(proc.pid).items()})
    return proc, out


async def add_entry(world: World, chat: Chat, n: int) -> None:
    """One /add in chat from a rotating user, until the bot's 👍 reaction."""
    fake = world.fake
    before = len(fake.reactions)
    await fake.user_sends(world.users[n % USERS], chat, f"/add Klant ervaart punt {n} bij de "
                          "levering van de wasmachine")
    await until(lambda: len(fake.reactions) > before, 30)


async def status_once(world: World, chat: Chat) -> float:
    """Seconds from /status to the status message in chat."""
    fake = world.fake
    before = len(fake.sent_messages(chat))
    t0 = time.monotonic()
    await fake.user_sends(world.users[1], chat, "/status")
    code = world.codes[chat.id]
    await until(lambda: any(code in (m.text or "") for m in fake.sent_messages(chat)[before:]),
                60)
    return time.monotonic() - t0


async def map_once(world: World, chat: Chat) -> tuple[float, float]:
    """Seconds from /map to the sendPhoto in chat, and of that from sendChatAction on.

    The bot sends the "uploading a photo" action just before it asks a render worker for the
    image, so the second figure is the render (plus the upload), the rest the bot's own work.
    """
    fake = world.fake

    def photos() -> int:
        return sum(1 for c in fake.calls_to("sendPhoto") if c.chat_id == chat.id and
                   c.status == 200)
    before, calls = photos(), len(fake.calls)
    t0 = time.monotonic()
    await fake.user_sends(world.users[2], chat, "/map")
    await until(lambda: photos() > before, 300)
    total = time.monotonic() - t0
    action = next((c for c in fake.calls[calls:] if c.method == "sendChatAction"
                   and c.chat_id == chat.id), None)
    photo = next(c for c in fake.calls[calls:] if c.method == "sendPhoto"
                 and c.chat_id == chat.id)
    return total, (photo.time - action.time) if action is not None else total


def _stats(figures: dict[str, float], key: str, samples: list[float], verbose: bool) -> None:
    figures[f"{key}_median_s"] = statistics.median(samples)
    figures[f"{key}_max_s"] = max(samples)
    if verbose:
        print(f"  {key}: " + " ".join(f"{v:.3f}" for v in samples), flush=True)


async def latencies(world: World, figures: dict[str, float], prefix: str, rounds: int,
                    verbose: bool) -> None:
    """/status, fresh /map and cached /map on the largest and the small workshop."""
    n = 10_000
    for name, chat in (("big", world.big), ("small", world.small)):
        await status_once(world, chat)  # warm-up: first query plans, first connection
        _stats(figures, f"{prefix}_{name}_status",
               [await status_once(world, chat) for _ in range(rounds)], verbose)
        await map_once(world, chat)  # warm-up: the first /map starts the render worker
        fresh, render, cached = [], [], []
        for _ in range(rounds):
            n += 1
            await add_entry(world, chat, n)  # a new version: the render cache misses
            total, drawing = await map_once(world, chat)
            fresh.append(total)
            render.append(drawing)
        for _ in range(rounds):
            cached.append((await map_once(world, chat))[0])
        _stats(figures, f"{prefix}_{name}_map_fresh", fresh, verbose)
        _stats(figures, f"{prefix}_{name}_map_render", render, verbose)
        _stats(figures, f"{prefix}_{name}_map_cached", cached, verbose)


async def run_database(world: World, label: str, url_empty: str, url_big: str, workdir: Path,
                       rounds: int, figures: dict[str, float], profile: str | None,
                       verbose: bool = False, starts: int = STARTS) -> None:
    """Start-ups on the empty (baseline) and big database alternately, then the big run."""
    samples: dict[str, list[float]] = {}
    proc = None
    for i in range(starts):  # alternating, so drift and cold caches hit both alike
        for kind, url in (("empty", url_empty), ("big", url_big)):
            proc, got = await start_bot(world, url, workdir)
            for k, v in got.items():
                samples.setdefault(f"{label}_{kind}_{k}", []).append(v)
            if not (kind == "big" and i == starts - 1):
                await stop(proc)
    for k, values in samples.items():
        if verbose and k.endswith("_s"):
            print(f"  {k}: " + " ".join(f"{v:.3f}" for v in values), flush=True)
        # Start-up: the median of the runs; memory after start: the last run's.
        figures[k] = statistics.median(values) if k.endswith("_s") else values[-1]
        if k.endswith("_s"):
            figures[k.removesuffix("_s") + "_max_s"] = max(values)
    assert proc is not None
    try:
        t0 = time.monotonic()
        for i in range(TYPED):
            await add_entry(world, world.big, i)
        figures[f"{label}_big_typed_entries_per_s"] = TYPED / (time.monotonic() - t0)
        for k, v in memory(proc.pid).items():
            figures[f"{label}_big_after_entries_{k}"] = v
        spy = None
        if profile:  # py-spy on the bot and its render workers during the latency rounds
            pyspy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
            spy = subprocess.Popen([pyspy, "record", "--pid", str(proc.pid), "--subprocesses",
                                    "--format", "raw", "-r", "200", "-o",
                                    f"{profile}-{label}.txt"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            await asyncio.sleep(1.0)
        await latencies(world, figures, label, rounds, verbose)
        if spy is not None:
            spy.send_signal(signal.SIGINT)
            await asyncio.to_thread(spy.wait, 30)
        for k, v in memory(proc.pid).items():
            figures[f"{label}_big_after_latency_{k}"] = v
    finally:
        await stop(proc)


# --- report --------------------------------------------------------------------------------


def _verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def report(figures: dict[str, float], labels: list[str]) -> list[str]:
    """The figures as a printable table, with targets."""
    f = figures
    out = []
    for db in labels:
        out.append(f"== {db} ==")
        out.append(f"{'measurement':52} {'empty DB':>10} {'big DB':>10}  target")
        for key, what in (("start_getupdates_s", "start-up: spawn -> first getUpdates (s)"),
                          ("start_reply_s", "start-up: spawn -> /start answered (s)")):
            big = f[f"{db}_big_{key}"]
            tgt = (f"<= {TARGET_START_S:.0f} s: {_verdict(big <= TARGET_START_S)}"
                   if key == "start_reply_s" else "")
            out.append(f"{what:52} {f[f'{db}_empty_{key}']:10.2f} {big:10.2f}  {tgt}")
        for phase, what in (("after_start", "after start"),
                            ("after_entries", f"after {TYPED} entries"),
                            ("after_latency", "after /status and /map rounds")):
            empty = f.get(f"{db}_empty_{phase}_bot_rss")
            big = f[f"{db}_big_{phase}_bot_rss"]
            tgt = f"<= {TARGET_RSS_MIB:.0f} MiB: {_verdict(big <= TARGET_RSS_MIB)}"
            e = f"{empty:10.1f}" if empty is not None else f"{'—':>10}"
            out.append(f"{'bot RSS MiB, ' + what:52} {e} {big:10.1f}  {tgt}")
        hwm = f[f"{db}_big_after_latency_bot_hwm"]
        out.append(f"{'bot peak RSS (VmHWM) MiB, whole run':52} "
                   f"{f[f'{db}_empty_after_start_bot_hwm']:10.1f} {hwm:10.1f}  "
                   f"<= {TARGET_RSS_MIB:.0f} MiB: {_verdict(hwm <= TARGET_RSS_MIB)}")
        out.append(f"{'render workers: count / RSS MiB / peak MiB':52} {'':10} "
                   f"{f[f'{db}_big_after_latency_workers']:.0f} / "
                   f"{f[f'{db}_big_after_latency_workers_rss']:.1f} / "
                   f"{f[f'{db}_big_after_latency_workers_hwm']:.1f}")
        total = (f[f"{db}_big_after_latency_bot_rss"] + f[f"{db}_big_after_latency_workers_rss"]
                 + f[f"{db}_big_after_latency_other_rss"])
        f[f"{db}_big_after_latency_total_rss"] = total
        out.append(f"{'bot + workers + tracker RSS MiB (for information)':52} {'':10} "
                   f"{total:10.1f}")
        out.append(f"{'other children (resource tracker) RSS MiB':52} {'':10} "
                   f"{f[f'{db}_big_after_latency_other_rss']:10.1f}")
        out.append(f"{'entries typed into the largest workshop per s':52} {'':10} "
                   f"{f[f'{db}_big_typed_entries_per_s']:10.1f}")
        out.append("")
        out.append(f"{'latency (s), median / max':36} {'small (' + str(SMALL) + ')':>17} "
                   f"{'largest (' + str(LARGEST) + ')':>17}  poor if > {SLOW_S:.0f} s")
        for key, what in (("status", "/status"), ("map_fresh", "/map, fresh render"),
                          ("map_render", "  of which the render worker"),
                          ("map_cached", "/map, cached render")):
            s = f"{f[f'{db}_small_{key}_median_s']:.3f} / {f[f'{db}_small_{key}_max_s']:.3f}"
            b = f"{f[f'{db}_big_{key}_median_s']:.3f} / {f[f'{db}_big_{key}_max_s']:.3f}"
            med = f[f"{db}_big_{key}_median_s"]
            out.append(f"{what:36} {s:>17} {b:>17}  {'ok' if med <= SLOW_S else 'POOR'}")
        out.append("")
    return out


async def main_async(args: argparse.Namespace) -> int:
    """Seed, run, print, write JSON."""
    started = time.perf_counter()
    figures: dict[str, float] = {}
    fake = FakeBotAPI(token=TOKEN)
    fake.limits.enabled = False
    await fake.start()
    users = [fake.add_user(f"Gebruiker{i}", username=f"gebruiker{i}", language_code="nl")
             for i in range(USERS)]
    for u in users:
        fake.user_starts_bot(u)  # private chats open; the first bot run answers these
    world = World(fake, users, fake.add_group("Grote sessie", users),
                  fake.add_group("Kleine sessie", users))
    labels = []
    try:
        with tempfile.TemporaryDirectory(prefix="cjbot-scale-") as tmp:
            work = Path(tmp)
            plans = [("sqlite", f"sqlite:///{work / 'empty.db'}", f"sqlite:///{work / 'big.db'}")]
            for label, empty_url, big_url in plans:
                migrate_db(empty_url)
                seeded = seed(big_url, users, world.big.id, world.small.id)
                world.codes = seeded.codes
                print(f"{label}: seeded {WORKSHOPS:,} workshops, {seeded.entries:,} entries, "
                      f"{seeded.actions:,} actions, {seeded.reminders:,} reminders, "
                      f"{seeded.scores:,} emotion scores, {seeded.members:,} memberships in "
                      f"{seeded.seconds:.1f} s", flush=True)
                figures[f"{label}_seed_s"] = seeded.seconds
                await run_database(world, label, empty_url, big_url, work, args.rounds, figures,
                                   args.profile, args.verbose, args.starts)
                labels.append(label)
            if args.postgres:
                with fresh_postgres(args.postgres, "cjbot_scale") as empty_url, \
                        fresh_postgres(args.postgres, "cjbot_scale") as big_url:
                    migrate_db(empty_url)
                    seeded = seed(big_url, users, world.big.id, world.small.id)
                    print(f"postgresql: seeded in {seeded.seconds:.1f} s", flush=True)
                    figures["postgresql_seed_s"] = seeded.seconds
                    await run_database(world, "postgresql", empty_url, big_url, work,
                                       args.rounds, figures, args.profile, args.verbose,
                                       args.starts)
                    labels.append("postgresql")
            if args.keep_log:
                Path(args.keep_log).write_bytes((work / "bot.log").read_bytes())
    finally:
        await fake.stop()
    print()
    print(f"cjbot scale benchmark: {WORKSHOPS:,} workshops, {ENTRIES:,} entries; largest "
          f"workshop {LARGEST:,} entries, small {SMALL}; {args.rounds} samples each; "
          f"Python {sys.version.split()[0]}")
    load = os.getloadavg()
    print(f"machine: {os.cpu_count()} CPUs, load average {load[0]:.1f} / {load[1]:.1f} / "
          f"{load[2]:.1f} (1/5/15 min) at the end: timings are only comparable at similar load")
    figures["load_avg_1min"] = load[0]
    print("RSS: the `cjbot run` process itself (VmRSS; peak = VmHWM); render workers are "
          "separate processes, counted apart.")
    print()
    print("\n".join(report(figures, labels)))
    if not args.postgres:
        print("postgresql: skipped (set CJBOT_TEST_POSTGRES_URL or pass --postgres URL)")
    figures["total_s"] = time.perf_counter() - started
    print(f"total time {figures['total_s']:.1f} s")
    if args.json:
        Path(args.json).write_text(json.dumps({k: round(v, 4) for k, v in figures.items()},
                                              indent=1, sort_keys=True))
    return 0


def main() -> int:
    """Parse arguments and run."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--postgres", default=os.environ.get("CJBOT_TEST_POSTGRES_URL"),
                   help="PostgreSQL server URL (default: $CJBOT_TEST_POSTGRES_URL)")
    p.add_argument("--json", help="also write the figures to this JSON file (flat keys)")
    p.add_argument("--rounds", type=int, default=ROUNDS, help="samples per latency figure")
    p.add_argument("--profile", metavar="PREFIX", help="py-spy the bot (and its workers) "
                   "during the latency rounds into PREFIX-<db>.txt (collapsed stacks)")
    p.add_argument("--starts", type=int, default=STARTS,
                   help="start-ups per database on the empty and the big database each")
    p.add_argument("--verbose", action="store_true", help="print every latency sample")
    p.add_argument("--keep-log", help="copy the bot's log (all runs) to this file")
    args = p.parse_args()
    logging.basicConfig(level=logging.WARNING)
    return asyncio.run(main_async(args))


if __name__ == "__main__":
    sys.exit(main())
