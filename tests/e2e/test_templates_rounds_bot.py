"""Journey templates and a second round through the real bot against the fake Bot API."""

from __future__ import annotations

from cjworkflow.i18n import t
from tests.e2e.botrunner import running_bot
from tests.fakebotapi import FakeBotAPI


async def test_a_template_then_a_second_round(fake_api: FakeBotAPI, db_url: str) -> None:
    fake = fake_api
    fenna = fake.add_user("Fenna", username="fenna", language_code="nl")
    group = fake.add_group("Klantenservice", [fenna])
    async with running_bot(fake, db_url) as bot:
        await fake.user_sends(fenna, group, "/new")
        asked = await bot.wait_text(group, t("nl", "new-needs-title",
                                             examples=t("nl", "journey-examples"))[:40])
        labels = [b["text"] for b in asked.buttons]
        assert "📋 Ik dien een klacht in" in labels and len(labels) == 7
        await fake.user_presses(fenna, asked, asked.button("📋 Ik dien een klacht in")
                                ["callback_data"])
        await bot.wait_text(group, 'Sjabloon "Ik dien een klacht in"')
        await bot.wait_text(group, "Stap 1/8")
        await fake.user_sends(fenna, group, "/round")
        await bot.wait_text(group, "🔁 Ronde 2")
        await fake.user_sends(fenna, group, "/status")
        # The examples carried over into round 2; the status says which round it is.
        status = await bot.wait_text(group, "4. Contactmomenten: 5")
        assert t("nl", "round-status", number=2) in (status.text or "")
