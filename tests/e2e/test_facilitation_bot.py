"""Team facilitation through the real bot (PTB over HTTP) against the fake Bot API: a dot
vote and a team estimate on the one edited card, presses answered with toasts, anonymous
mode on the card."""

from __future__ import annotations

from sqlalchemy.pool import NullPool
from sqlmodel import Session, select

from cjworkflow.storage.db import make_engine
from cjworkflow.storage.models import Action
from cjworkflow.storage.models_polls import PollMark
from tests.e2e.botrunner import RunningBot, running_bot
from tests.fakebotapi import FakeBotAPI
from tests.fakebotapi.state import Message, User

TITLE = "Ik bestel een wasmachine"


def marks(bot: RunningBot) -> list[int]:
    """Every member's dots, as stored."""
    engine = make_engine(bot.svc.engine.db.url.render_as_string(hide_password=False),
                         poolclass=NullPool)
    try:
        with Session(engine) as s:
            return sorted(m.dots for m in s.exec(select(PollMark)).all())
    finally:
        engine.dispose()


async def press(fake: FakeBotAPI, user: User, card: Message, label: str) -> str:
    """user presses the card's button labelled label: the toast they get."""
    answers = len(fake.callback_answers)
    await fake.user_presses(user, card, card.button(label)["callback_data"])
    await fake.wait_for(lambda: len(fake.callback_answers) > answers)
    return fake.callback_answers[-1].text or ""


async def test_a_vote_and_an_estimate_on_the_edited_card(fake_api: FakeBotAPI,
                                                         db_url: str) -> None:
    fake = fake_api
    fenna = fake.add_user("Fenna", username="fenna", language_code="nl")
    anna = fake.add_user("Anna", username="anna_k", language_code="nl")
    bram = fake.add_user("Bram", username="bram_v", language_code="nl")
    group = fake.add_group("Webshop", [fenna, anna, bram])
    async with running_bot(fake, db_url) as bot:
        await fake.user_sends(fenna, group, f"/new {TITLE}")
        await bot.wait_text(group, "Stap 1/8")
        await fake.user_sends(fenna, group, "/step 5")
        card = await bot.wait_text(group, "Stap 5/8")
        await fake.user_sends(anna, group, "pijn: Bezorgmoment onduidelijk", reply_to=card)
        await fake.user_sends(bram, group, "pijn: Geen bericht op de dag zelf", reply_to=card)
        await bot.wait(lambda: len(bot.entries()) == 2)
        await fake.user_sends(fenna, group, "/vote pains 2")
        vote = await bot.wait_text(group, "Stemmen op de pijnpunten: iedereen heeft 2 stippen")
        sent = len(fake.sent_messages(group))
        assert await press(fake, anna, vote, "● 2.") == (
            "\"Geen bericht op de dag zelf\": 1 van jouw stippen · nog 1 over")
        await press(fake, anna, vote, "● 2.")
        assert "al je 2 stippen" in await press(fake, anna, vote, "● 1.")
        await press(fake, bram, vote, "● 1.")
        # The one card is edited (debounced); the presses sent nothing new to the group.
        await bot.wait(lambda: "2 deelnemers hebben gestemd" in (vote.text or ""))
        assert len(fake.sent_messages(group)) == sent
        assert marks(bot) == [1, 2]
        await fake.user_sends(fenna, group, "/vote close")
        await bot.wait_text(group, "1. ●● 2 — Geen bericht op de dag zelf")
        assert "gesloten" in await press(fake, bram, vote, "● 2.")
        assert marks(bot) == [1, 2]
        # Step 8: the top-voted pain is an action in one tap, then estimated by the team.
        await fake.user_sends(fenna, group, "/step 8")
        step8 = await bot.wait_text(group, "Stap 8/8")
        await bot.wait(lambda: "➕" in str(step8.buttons))
        assert "nu een actie" in await press(fake, anna, step8, "➕ Geen bericht")
        await bot.wait(lambda: len(bot.actions()) == 1)
        await fake.user_sends(fenna, group, "/estimate")
        est = await bot.wait_text(group, "Teamschatting van 1 actie")
        assert "verborgen" in await press(fake, anna, est, "1·I5")
        await press(fake, bram, est, "1·I2")
        await press(fake, anna, est, "1·M2")
        await press(fake, bram, est, "1·M2")
        await bot.wait(lambda: "2 deelnemers hebben geschat" in (est.text or ""))
        assert "impact 5" not in (est.text or "")
        await fake.user_sends(fenna, group, "/estimate close")
        await bot.wait_text(group, "impact 4 · moeite 2 (2 schattingen) · ⚠ bespreken")
        await bot.wait(lambda: "⚠ bespreken" in (est.text or ""))
        assert [(a.impact, a.effort, a.discuss) for a in bot.actions()] == [(4, 2, True)]
        # Anonymous mode shows on the card; the entries lose their names.
        before = len(fake.sent_messages(group))
        await fake.user_sends(fenna, group, "/step 5")
        await bot.wait(lambda: any("Stap 5/8" in (m.text or "")
                                   for m in fake.sent_messages(group)[before:]))
        five = next(m for m in fake.sent_messages(group)[before:]
                    if "Stap 5/8" in (m.text or ""))
        assert "(@anna_k)" in (five.text or "")
        await fake.user_sends(fenna, group, "/anonymous on")
        await bot.wait_text(group, "De anonieme modus staat aan")
        await bot.wait(lambda: "🕶" in (five.text or "") and "@anna_k" not in (five.text or ""))
        # Nothing was lost on the way.
        assert isinstance(bot.actions()[0], Action)
