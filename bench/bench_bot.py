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
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.pgdb import fresh_postgres  # noqa: E402
from bench.procs import Tally, stop, until  # noqa: E402
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
        cmd = [sys.executable, "-m", "cjbot.cli", "run"]
    return subprocess.Popen(cmd, env=env, cwd=workdir, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def _done(tally: Tally, kind: str, chat_id: int | None = None) -> int:
    """Entries answered (in one chat, if given): echo replies, or cjbot's reactions."""
    return tally("sendMessage" if kind == "echo" else "setMessageReaction", chat_id)


BLOCKS = 3  # latency blocks per condition, alternating idle and under load
BLOCK = 100  # entries per block, sent one at a time


async def _block(fake: FakeBotAPI, tally: Tally, kind: str, user: object, label: str,
                 into: list[float]) -> None:
    """Milliseconds from an entry to its acknowledgement in the user's chat, BLOCK times."""
    chat = user.id  # type: ignore[attr-defined]
    for _ in range(BLOCK):
        before = _done(tally, kind, chat)
        t0 = time.perf_counter()
        await fake.user_sends(user, user, f"Los doel {label} {len(into)}")
        await until(lambda b=before: _done(tally, kind, chat) > b, 30)
        into.append((time.perf_counter() - t0) * 1000)
        await asyncio.sleep(0.01)


def _percentiles(label: str, latencies: list[float]) -> dict[str, float]:
    ordered = sorted(latencies)
    return {f"{label}_p50": statistics.median(ordered),
            f"{label}_p99": ordered[int(len(ordered) * 0.99) - 1]}


def _session_lines() -> list[str]:
    """A private workshop walked to step 7 about as fully as a real session fills it: three
    personas, 15 touchpoints and 40 elements over five stages, resources and observations.
    Its map takes a render worker a few hundred milliseconds, as a real one does."""
    lines = [f"Doel {i}: minder klanten die afhaken bij de bezorgkeuze" for i in range(4)]
    lines += ["/next", "Sanne: 34, twee kleine kinderen | doel: binnen twee dagen een nieuwe",
              "Kees (72): koopt liever in de winkel | doel: iemand die alles uitlegt",
              "Inkoper: vergelijkt prijzen voor een woningcorporatie", "/next", "1", "2",
              "/next"]
    lines += [f"{s}: Contactmoment {s}.{k} vergelijkingssite en reviews | web"
              for s in range(1, 6) for k in range(3)]
    lines.append("/next")
    kinds = ("", "pijn: ", "idee: ", "moment: ")
    lines += [f"{s}: {kind}Klant {s}.{k} zoekt een wasmachine die morgen geleverd wordt"
              for s in range(1, 6) for kind in kinds for k in range(2)]
    lines += ["emotie 2", "/next"]
    lines += [f"{'heb' if k % 2 else 'nodig'}: Middel {k}: een bezorgplanner die de klant ziet"
              for k in range(6)]
    lines.append("/next")
    lines += [f"{s}: Observatie {s}.{k}: de klant belt omdat de bezorgtijd niet klopt"
              for s in range(1, 6) for k in range(2)]
    return lines


class Painters:
    """Four chats that change their workshop and ask for its map, again and again, while
    `on` is set; `busy` counts those waiting for a map."""

    def __init__(self, fake: FakeBotAPI, tally: Tally, users: list[Any]) -> None:
        self.fake, self.tally = fake, tally
        self.on, self.done = asyncio.Event(), False
        self.busy = 0
        self.tasks = [asyncio.create_task(self._paint(u)) for u in users]

    async def _paint(self, user: Any) -> None:
        chat, n = user.id, 0
        while True:
            await self.on.wait()
            if self.done:
                return
            n += 1
            photos = self.tally("sendPhoto", chat)
            self.busy += 1
            await self.fake.user_sends(user, user, f"{n % 5 + 1}: Nieuwe observatie {n}")
            await self.fake.user_sends(user, user, "/map")
            try:
                await until(lambda p=photos: self.tally("sendPhoto", chat) > p, 60)
            finally:
                self.busy -= 1

    async def start(self) -> None:
        """Painting, with the first maps under way."""
        photos = self.tally("sendPhoto")
        self.on.set()
        await until(lambda: self.tally("sendPhoto") > photos, 60)

    async def pause(self) -> None:
        """Every map asked for has arrived, and no new one is asked for."""
        self.on.clear()
        await until(lambda: self.busy == 0, 120)
        await asyncio.sleep(0.2)

    async def stop(self) -> None:
        """End the painters."""
        self.done = True
        self.on.set()
        await asyncio.gather(*self.tasks)


def _render_ms(fake: FakeBotAPI) -> float:
    """Median ms from the "uploading a photo" action to the photo, per chat: the render."""
    waits, asked = [], {}
    for call in fake.calls:
        if call.method == "sendChatAction":
            asked[call.chat_id] = call.time
        elif call.method == "sendPhoto" and call.chat_id in asked:
            waits.append((call.time - asked.pop(call.chat_id)) * 1000)
    return statistics.median(waits) if waits else 0.0


async def run_one(kind: str, entries: int, db_url: str, workdir: Path) -> dict[str, float]:
    """Throughput, idle latency and (cjbot) latency while four maps render."""
    fake = FakeBotAPI(token=TOKEN)
    fake.limits.enabled = False
    await fake.start()
    tally = Tally(fake)
    users = [fake.add_user(f"U{i}", username=f"u{i}", language_code="nl") for i in range(USERS)]
    proc = _start(kind, fake, db_url, workdir)
    try:
        for u in users:
            fake.user_starts_bot(u)
            await fake.user_sends(u, u, "/new Ik bestel een wasmachine")
        await until(lambda: fake.polling_active and not fake.pending_updates, 60)
        await asyncio.sleep(0.5)
        base = _done(tally, kind)
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
        await until(lambda: _done(tally, kind) - base >= entries, 300)
        rate = entries / (time.perf_counter() - start)
        if spy is not None:
            spy.wait()
        result: dict[str, float] = {"rate": rate}
        idle: list[float] = []
        load: list[float] = []
        if kind == "echo":
            for _ in range(BLOCKS):
                await _block(fake, tally, kind, users[0], "idle", idle)
        else:
            # Four other chats, each with a full workshop, keep asking for a freshly changed
            # map: four maps are always waiting or rendering. Idle and loaded blocks alternate,
            # so both see the machine's moods (and its rare stalls) alike.
            for u in users[1:5]:
                for line in _session_lines():
                    await fake.user_sends(u, u, line)
            await until(lambda: not fake.pending_updates, 60)
            await asyncio.sleep(1.0)
            painters = Painters(fake, tally, users[1:5])
            for _ in range(BLOCKS):
                await _block(fake, tally, kind, users[0], "idle", idle)
                await painters.start()
                await _block(fake, tally, kind, users[0], "load", load)
                await painters.pause()
            await painters.stop()
            result.update(_percentiles("load", load))
            result["maps"] = float(tally("sendPhoto"))
            result["render_ms"] = _render_ms(fake)
        result.update(_percentiles("idle", idle))
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
                f"{r['maps']:.0f} maps of {r['render_ms']:.0f} ms)" if "load_p99" in r else "—")
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
