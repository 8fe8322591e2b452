"""/remove through the real bot (issue #12, item 8): the person confirms the text they saw,
the button removes exactly that entry though the numbering changed, and /undo puts it back."""

from __future__ import annotations

import pytest

from cjworkflow.i18n import t
from cjworkflow.storage.models import EntryKind
from tests.e2e.botrunner import running_bot
from tests.fakebotapi import FakeBotAPI

GOALS = {"nl": ["Minder afhakers", "Klant kiest zelf", "Snellere bezorging"],
         "en": ["Fewer drop-outs", "Customers choose", "Faster delivery"]}
NEW = {"nl": "/new Ik bestel een wasmachine", "en": "/new I order a washing machine"}


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_remove_confirms_the_text_and_undo_puts_it_back(fake_api: FakeBotAPI, db_url: str,
                                                            lang: str) -> None:
    fake, goals = fake_api, GOALS[lang]
    fenna = fake.add_user("Fenna", username="fenna", language_code=lang)
    anna = fake.add_user("Anna", username="anna", language_code=lang)
    bram = fake.add_user("Bram", username="bram", language_code=lang)
    group = fake.add_group("Webshop", [fenna, anna, bram])

    def goal_texts() -> list[str]:
        return [e.text for e in bot.entries() if e.kind == EntryKind.GOAL]

    async with running_bot(fake, db_url, DEFAULT_LANGUAGE=lang) as bot:
        await fake.user_sends(fenna, group, NEW[lang])
        await bot.wait_text(group, "start=")
        for who, goal in zip((anna, bram, anna), goals, strict=True):
            await fake.user_sends(who, group, f"/add {goal}")
            await bot.wait(lambda goal=goal: goal in goal_texts())  # type: ignore[misc]

        # Anna asks to remove number 3: the bot shows which entry that is, and waits.
        await fake.user_sends(anna, group, "/remove 3")
        asked = await bot.wait_text(
            group, t(lang, "remove-confirm", number=3, text=f"{goals[2]} (@anna)"))
        assert goal_texts() == goals
        # Before she taps, the facilitator removes number 1: "3" no longer exists.
        await fake.user_sends(fenna, group, "/remove 1")
        first = await bot.wait_text(
            group, t(lang, "remove-confirm", number=1, text=f"{goals[0]} (@anna)"))
        await fake.user_presses(fenna, first, first.button(t(lang, "btn-remove"))["callback_data"])
        await bot.wait(lambda: goal_texts() == goals[1:])
        await fake.user_presses(anna, asked, asked.button(t(lang, "btn-remove"))["callback_data"])
        await bot.wait_text(group, t(lang, "removed-undo", text=goals[2]))
        await bot.wait(lambda: goal_texts() == [goals[1]])

        # /undo puts her entry back, with its author, in its place.
        await fake.user_sends(anna, group, "/undo")
        await bot.wait_text(group, t(lang, "restored", text=goals[2]))
        await bot.wait(lambda: goal_texts() == goals[1:])

    restored = [e for e in bot.entries() if e.text == goals[2]]
    bram_goal = [e for e in bot.entries() if e.text == goals[1]]
    # Still anna's: not bram's, not nobody's.
    assert len(restored) == 1 and restored[0].author_id is not None
    assert restored[0].author_id != bram_goal[0].author_id
