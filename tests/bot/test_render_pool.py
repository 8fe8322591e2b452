"""The render pool heals: a dead worker is replaced, a stuck one is killed after its time."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from collections.abc import AsyncIterator

import pytest

from bot.render_pool import RenderFailed, RenderPool, RenderTimeout
from tests import render_seams


@pytest.fixture
async def pool() -> AsyncIterator[RenderPool]:
    p = RenderPool(workers=1, timeout=2.0)
    try:
        yield p
    finally:
        p.shutdown(wait=False, cancel_futures=True)


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    # A killed child not yet reaped is a zombie: gone for our purposes.
    with open(f"/proc/{pid}/stat") as f:
        return f.read().split(") ", 1)[1].startswith("Z")


async def test_a_killed_worker_is_replaced_and_the_render_still_runs(pool: RenderPool) -> None:
    first = await pool.run(render_seams.pid, None)
    os.kill(first, signal.SIGKILL)
    second = await pool.run(render_seams.pid, None)
    assert second != first
    assert pool.rebuilt == 1


async def test_a_worker_that_dies_twice_fails_the_render_and_not_the_pool(
        pool: RenderPool) -> None:
    with pytest.raises(RenderFailed):
        await pool.run(render_seams.die, None)
    assert pool.rebuilt == 2
    assert await pool.run(render_seams.pid, None) > 0


async def test_a_stuck_render_times_out_and_its_worker_is_killed(pool: RenderPool,
                                                                  tmp_path: object) -> None:
    stuck = await pool.run(render_seams.pid, None)  # warm: past the start-up grace
    flag = f"{tmp_path}/hang"
    open(flag, "w").close()
    started = time.monotonic()
    with pytest.raises(RenderTimeout):
        await pool.run(render_seams.hang_while, flag)
    assert time.monotonic() - started < 10
    await asyncio.sleep(0.5)
    assert _gone(stuck), "the stuck worker was killed, not left running"
    assert await pool.run(render_seams.pid, None) != stuck


async def test_renders_beside_a_killed_pool_are_tried_again(tmp_path: object) -> None:
    p = RenderPool(workers=2, timeout=2.0)
    try:
        await asyncio.gather(p.run(render_seams.pid, None), p.run(render_seams.pid, None))
        flag = f"{tmp_path}/hang"
        open(flag, "w").close()
        hung = asyncio.create_task(p.run(render_seams.hang_while, flag))
        await asyncio.sleep(1.0)
        # A render of another chat, running in the pool that the timeout will kill.
        beside = asyncio.create_task(p.run(render_seams.slow_pid, 1.5))
        with pytest.raises(RenderTimeout):
            await hung
        assert await beside > 0
    finally:
        p.shutdown(wait=False, cancel_futures=True)
