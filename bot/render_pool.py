"""Render workers that cannot starve the bot: a time limit per render, a pool that heals.

A ProcessPoolExecutor whose worker dies (killed, out of memory) is broken for good: every
later submit raises BrokenProcessPool. And a running task cannot be cancelled, so one render
stuck for ever would hold a worker for ever. RenderPool therefore replaces the executor when
it breaks (and tries the render once more on the new one), and on a timeout kills the stuck
worker's executor and starts a fresh one.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from typing import Any, TypeVar

log = logging.getLogger(__name__)

A = TypeVar("A")
R = TypeVar("R")

RENDER_NICENESS = 10
# A fresh worker first starts Python and imports matplotlib and ReportLab (seconds on a busy
# machine): that is not the render's time, so the first tasks of a new pool get this extra.
STARTUP_GRACE = 30.0


class RenderUnavailable(Exception):
    """A render did not finish: the caller tells the user instead of sending a file."""


class RenderTimeout(RenderUnavailable):
    """A render ran past its time limit; its worker was replaced."""


class RenderFailed(RenderUnavailable):
    """A render's worker died twice running (or the render raised)."""


def process_pool(workers: int) -> ProcessPoolExecutor:
    """A spawn-context process pool whose workers run at a lower CPU priority."""
    # Renders are background work: at a lower priority they never slow a chat's replies.
    return ProcessPoolExecutor(max_workers=max(1, workers), mp_context=get_context("spawn"),
                               initializer=os.nice, initargs=(RENDER_NICENESS,))


def worker_pids(executor: Executor) -> list[int]:
    """Process ids of an executor's live workers (none for a thread pool)."""
    # The stdlib keeps them in a private dict; Python 3.14 adds terminate_workers() instead.
    processes: dict[int, Any] = getattr(executor, "_processes", None) or {}
    return [pid for pid, p in list(processes.items()) if p.is_alive()]


def _kill(executor: Executor) -> None:
    """Stop an executor now, killing its workers (a stuck task cannot be cancelled)."""
    terminate = getattr(executor, "terminate_workers", None)
    processes = list((getattr(executor, "_processes", None) or {}).values())
    if callable(terminate):
        terminate()
    else:
        for process in processes:
            if process.is_alive():
                process.kill()
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.join(timeout=5)


class RenderPool:
    """Runs one function per render in a process pool, within timeout seconds each."""

    def __init__(self, workers: int, timeout: float,
                 make: Callable[[int], Executor] = process_pool) -> None:
        self.workers = max(1, workers)
        self.timeout = timeout
        self.make = make
        self.executor = make(self.workers)
        self.started = 0  # tasks started on the current executor (for STARTUP_GRACE)
        self.rebuilt = 0
        self.timeouts = 0
        # At most one task per worker is in the pool, so a task starts as soon as it is
        # submitted and the time limit measures the render, not a queue.
        self.slots = asyncio.Semaphore(self.workers)
        self.closed = False

    def pids(self) -> list[int]:
        """The current workers' process ids."""
        return worker_pids(self.executor)

    async def run(self, fn: Callable[[A], R], arg: A) -> R:
        """fn(arg) in a worker; RenderTimeout or RenderFailed when it cannot finish."""
        loop = asyncio.get_running_loop()
        async with self.slots:
            for attempt in (1, 2):
                executor = self.executor
                limit = self.timeout + (STARTUP_GRACE if self.started < self.workers else 0)
                self.started += 1
                try:
                    future = loop.run_in_executor(executor, fn, arg)
                    return await asyncio.wait_for(future, limit)
                except BrokenProcessPool:
                    # A worker died (killed, out of memory): this render or one beside it.
                    log.warning("a render worker died; starting a new pool (try %d)", attempt)
                    self._replace(executor, kill=False)
                    if attempt == 2:
                        raise RenderFailed("render worker died twice") from None
                except TimeoutError:
                    self.timeouts += 1
                    log.error("a render ran past %.0f s; replacing its worker", limit)
                    self._replace(executor, kill=True)
                    raise RenderTimeout(f"render over {limit:.0f} s") from None
        raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises

    def _replace(self, executor: Executor, *, kill: bool) -> None:
        """A new executor in place of executor, unless another task already replaced it."""
        if executor is not self.executor or self.closed:
            return
        self.executor = self.make(self.workers)
        self.started = 0
        self.rebuilt += 1
        if kill:
            # Renders of other chats in the old pool die too; they get BrokenProcessPool
            # and are tried again on the new pool.
            _kill(executor)
        else:
            executor.shutdown(wait=False, cancel_futures=True)

    def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
        """Stop the pool (as Executor.shutdown); a stuck worker is killed, not waited for."""
        self.closed = True
        if wait and not cancel_futures:
            self.executor.shutdown(wait=True)
        else:
            _kill(self.executor)
