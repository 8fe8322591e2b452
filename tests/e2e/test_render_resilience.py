"""Renders through the real bot: a killed or stuck render worker never stops the next /map."""

from __future__ import annotations

import functools
import os
import signal
from pathlib import Path

import pytest

from tests import render_seams
from tests.e2e.botrunner import RunningBot, running_bot
from tests.fakebotapi import FakeBotAPI
from tests.fakebotapi.state import User

NEW = {"nl": "/new Ik bestel een wasmachine", "en": "/new I order a washing machine"}
GOALS = {"nl": ["Minder afhakers", "Sneller leveren", "Minder klachten"],
         "en": ["Fewer drop-outs", "Faster delivery", "Fewer complaints"]}
TOO_LONG = {"nl": "duurde te lang", "en": "took too long"}
FAILED = {"nl": "kon niet gemaakt worden", "en": "could not be made"}


def _photos(bot: RunningBot) -> int:
    return len([c for c in bot.fake.calls_to("sendPhoto") if c.status == 200])


async def _change(bot: RunningBot, user: User, text: str) -> None:
    """Add an entry, so that the next /map is a new render and not the cached file."""
    count = len(bot.entries())
    await bot.fake.user_sends(user, user, text)
    await bot.wait(lambda: len(bot.entries()) > count)


async def _start(bot: RunningBot, user: User, lang: str) -> None:
    await bot.fake.user_sends(user, user, NEW[lang])
    await bot.wait_text(user, "1/8")
    await bot.fake.user_sends(user, user, "/map")
    await bot.wait(lambda: _photos(bot) == 1, timeout=60)


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_a_killed_render_worker_does_not_stop_the_next_map(
        fake_api: FakeBotAPI, tmp_path: Path, lang: str) -> None:
    fenna = fake_api.add_user("Fenna", username="fenna", language_code=lang)
    fake_api.user_starts_bot(fenna)
    async with running_bot(fake_api, f"sqlite:///{tmp_path / 'bot.db'}",
                           DEFAULT_LANGUAGE=lang) as bot:
        await _start(bot, fenna, lang)
        pool = bot.svc.deliverer.executor
        assert pool is not None
        pids = pool.pids()
        assert pids
        for pid in pids:  # as the OOM killer would
            os.kill(pid, signal.SIGKILL)
        await _change(bot, fenna, GOALS[lang][0])
        await fake_api.user_sends(fenna, fenna, "/map")
        await bot.wait(lambda: _photos(bot) == 2, timeout=60)
        assert pool.rebuilt == 1
        assert not set(pool.pids()) & set(pids)


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_a_hanging_render_times_out_and_the_next_map_works(
        fake_api: FakeBotAPI, tmp_path: Path, lang: str) -> None:
    fenna = fake_api.add_user("Fenna", username="fenna", language_code=lang)
    anna = fake_api.add_user("Anna", username="anna", language_code=lang)
    for user in (fenna, anna):
        fake_api.user_starts_bot(user)
    flag = tmp_path / "hang"
    async with running_bot(fake_api, f"sqlite:///{tmp_path / 'bot.db'}", DEFAULT_LANGUAGE=lang,
                           RENDER_TIMEOUT=3) as bot:
        await _start(bot, fenna, lang)
        bot.svc.deliverer.files.render_fn = functools.partial(render_seams.hang_once, str(flag))
        flag.touch()
        await _change(bot, fenna, GOALS[lang][0])
        await fake_api.user_sends(fenna, fenna, "/map")
        # While the render hangs, other chats are answered as usual.
        await fake_api.user_sends(anna, anna, NEW[lang])
        await bot.wait_text(anna, "1/8")
        await bot.wait_text(fenna, TOO_LONG[lang], timeout=30)
        assert _photos(bot) == 1
        assert not flag.exists()
        await fake_api.user_sends(fenna, fenna, "/map")
        await bot.wait(lambda: _photos(bot) == 2, timeout=60)
        pool = bot.svc.deliverer.executor
        assert pool is not None and pool.timeouts == 1


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_a_failing_render_is_told_and_the_next_map_works(
        fake_api: FakeBotAPI, tmp_path: Path, lang: str) -> None:
    fenna = fake_api.add_user("Fenna", username="fenna", language_code=lang)
    fake_api.user_starts_bot(fenna)
    flag = tmp_path / "fail"
    async with running_bot(fake_api, f"sqlite:///{tmp_path / 'bot.db'}",
                           DEFAULT_LANGUAGE=lang) as bot:
        await _start(bot, fenna, lang)
        bot.svc.deliverer.files.render_fn = functools.partial(render_seams.fail_once, str(flag))
        flag.touch()
        await _change(bot, fenna, GOALS[lang][0])
        await fake_api.user_sends(fenna, fenna, "/map")
        await bot.wait_text(fenna, FAILED[lang], timeout=30)
        await fake_api.user_sends(fenna, fenna, "/map")
        await bot.wait(lambda: _photos(bot) == 2, timeout=60)


PLAN = {"nl": ("/add " + "\n".join(f"Actie {n} voor de bezorging | impact {1 + n % 5} | moeite 2"
                                    for n in range(6)), "Actieplan", "Het plan telt 48 acties"),
        "en": ("/add " + "\n".join(f"Action {n} for the delivery | impact {1 + n % 5} | effort 2"
                                    for n in range(6)), "Action plan", "The plan has 48 actions")}


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_a_long_plan_reaches_the_group_as_one_message_and_a_file(
        fake_api: FakeBotAPI, tmp_path: Path, lang: str) -> None:
    fenna = fake_api.add_user("Fenna", username="fenna", language_code=lang)
    anna = fake_api.add_user("Anna", username="anna", language_code=lang)
    group = fake_api.add_group("Webshop", [fenna, anna])
    lines, head, note = PLAN[lang]
    async with running_bot(fake_api, f"sqlite:///{tmp_path / 'bot.db'}",
                           DEFAULT_LANGUAGE=lang) as bot:
        await fake_api.user_sends(fenna, group, NEW[lang])
        await bot.wait_text(group, "1/8")
        await fake_api.user_sends(fenna, group, "/step 8")
        await bot.wait_text(group, "8/8")
        # Six action lines a message at most (cjworkflow.limits.MAX_ACTION_LINES): 8 x 6 = 48.
        for batch in range(8):
            await fake_api.user_sends(anna, group, lines.replace(" voor", f"{batch} voor")
                                      .replace(" for", f"{batch} for"))
            await bot.wait(lambda b=batch: len(bot.actions()) == 6 * (b + 1))  # type: ignore[misc]
            await fake_api.user_sends(anna, group, "/skip")
        before = len(fake_api.sent_messages(group))
        await fake_api.user_sends(fenna, group, "/actions")
        # The group's 20 messages a minute pace the answer (it waits its turn behind the
        # follow-up questions, about a minute even on an idle machine): patience, not a speed.
        await bot.wait(lambda: any((m.document or {}).get("file_name", "").endswith(".txt")
                                   for m in fake_api.sent_messages(group)), timeout=180)
        await bot.wait(lambda: fake_api.calls_to("sendPhoto"), timeout=120)
    answer = fake_api.sent_messages(group)[before:]
    plans = [m for m in answer if head in (m.text or "")]
    assert len(plans) == 1 and note in (plans[0].text or "")
    document = next(m.document for m in answer if m.document)
    assert document is not None
    whole = fake_api.file_bytes(document["file_id"]).decode("utf-8")
    assert whole.count("\n") > 48 and whole.startswith(head)
