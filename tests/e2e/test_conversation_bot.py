"""Issue #14 part B through the real bot: /rename after a title tip, step 8's context buttons."""

from __future__ import annotations

import pytest

from cjworkflow.i18n import t
from tests.e2e.botrunner import running_bot
from tests.fakebotapi import FakeBotAPI

SAY = {
    "nl": {"title": "Offertetraject", "goal": "Minder afhakers bij de offerte",
           "step8": "Stap 8/8", "renamed": "Ik vraag een offerte aan"},
    "en": {"title": "quotation process", "goal": "Fewer drop-outs at the quote",
           "step8": "Step 8/8", "renamed": "I ask for a quote"},
}


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_a_title_tip_then_rename_then_a_goal_becomes_an_action(
        fake_api: FakeBotAPI, db_url: str, lang: str) -> None:
    fake, say = fake_api, SAY[lang]
    fenna = fake.add_user("Fenna", username="fenna", language_code=lang)
    anna = fake.add_user("Anna", username="anna", language_code=lang)
    group = fake.add_group("Sales", [fenna, anna])
    async with running_bot(fake, db_url, DEFAULT_LANGUAGE=lang) as bot:
        await fake.user_sends(fenna, group, f"/new {say['title']}")
        tip = await bot.wait_text(group, "/rename")
        assert t(lang, "title-tip-quote") in (tip.text or "")
        await fake.user_sends(fenna, group, f"/rename {say['renamed']}")
        await bot.wait_text(group, t(lang, "renamed", title=say["renamed"]))

        await fake.user_sends(anna, group, f"/add {say['goal']}")
        await bot.wait(lambda: bot.entries())
        await fake.user_sends(fenna, group, "/step 8")
        card = await bot.wait_text(group, say["step8"])
        assert t(lang, "context-goals") in (card.text or "")
        assert (card.text or "").startswith(f"🗺 {say['renamed']}")
        await fake.user_presses(anna, card, card.button("➕")["callback_data"])
        asked = await bot.wait_text(group, t(lang, "ask-action-impact", title=say["goal"]))
        assert [a.title for a in bot.actions()] == [say["goal"]]
        await fake.user_presses(anna, asked, asked.button("4")["callback_data"])
        await bot.wait(lambda: bot.actions()[0].impact == 4)
        await bot.wait_text(group, t(lang, "ask-action-effort", title=say["goal"]))
        # The goal is an action now: the card no longer offers it.
        await bot.wait(lambda: all("➕" not in b.get("text", "")
                                   for b in fake.message(group, card.message_id).buttons))
