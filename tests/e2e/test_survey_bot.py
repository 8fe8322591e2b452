"""The customer survey through the real bot (PTB over HTTP) against the fake Bot API: a
customer who is in no group and nobody's member opens the deep link and scores the journey."""

from __future__ import annotations

import json

from sqlalchemy.pool import NullPool
from sqlmodel import Session, select

from cjworkflow.i18n import t
from cjworkflow.storage.db import make_engine
from cjworkflow.storage.models import Member, Person
from cjworkflow.storage.models_voice import SurveyResponse, SurveyScore
from tests.e2e.botrunner import RunningBot, join_code, running_bot
from tests.fakebotapi import FakeBotAPI
from tests.fakebotapi.state import Message, User

TITLE = "Ik bestel een wasmachine"
SECRET = "Vergelijkingssite Roerdomp 6617"


def _rows(bot: RunningBot) -> tuple[list[SurveyResponse], list[SurveyScore], list[Member],
                                    list[Person]]:
    engine = make_engine(bot.svc.engine.db.url.render_as_string(hide_password=False),
                         poolclass=NullPool)
    try:
        with Session(engine) as s:
            return (list(s.exec(select(SurveyResponse)).all()),
                    list(s.exec(select(SurveyScore)).all()),
                    list(s.exec(select(Member)).all()), list(s.exec(select(Person)).all()))
    finally:
        engine.dispose()


async def _last_from_bot(bot: RunningBot, user: User, count: int) -> Message:
    """The bot's newest message to user once it has sent count of them."""
    await bot.wait(lambda: len(bot.fake.sent_messages(user)) >= count)
    return bot.fake.sent_messages(user)[-1]


async def test_a_customer_scores_the_journey_through_the_deep_link(fake_api: FakeBotAPI,
                                                                   db_url: str) -> None:
    fake = fake_api
    fenna = fake.add_user("Fenna", username="fenna", language_code="nl")
    anna = fake.add_user("Anna", username="anna_k", language_code="nl")
    group = fake.add_group("Webshop", [fenna, anna])
    # An English-speaking customer: in no group, never started the bot before.
    kim = fake.add_user("Kim", username="kim_c", language_code="en")
    async with running_bot(fake, db_url) as bot:
        await fake.user_sends(fenna, group, f"/new {TITLE}")
        intro = await bot.wait_text(group, "start=")
        card = await bot.wait_text(group, "Stap 1/8")
        await fake.user_sends(anna, group, SECRET, reply_to=card)
        await bot.wait(lambda: len(bot.entries()) == 1)

        await fake.user_sends(fenna, group, "/survey Je wasmachine bestellen")
        link = await bot.wait_text(group, "📣")
        code = join_code(link.text or "")
        assert code != join_code(intro.text or "") and code.startswith("s_")

        fake.user_starts_bot(kim, code)
        hello = await bot.wait_text(kim, "1/5")
        assert "Je wasmachine bestellen" in (hello.text or "")
        assert (hello.text or "").startswith("👋 Hello!")  # her Telegram language
        faces, skip = hello.inline_keyboard
        assert [b["text"] for b in faces] == ["😠", "🙁", "😐", "🙂", "😄"]
        assert [b["text"] for b in skip] == [t("en", "survey-btn-skip")]

        question, sent = hello, 1
        for face in (2, 4, None, 1, 5):
            row = question.inline_keyboard[0 if face else 1]
            data = row[face - 1 if face else 0]["callback_data"]
            await fake.user_presses(kim, question, data)
            sent += 1
            question = await _last_from_bot(bot, kim, sent)
            if face == 2:
                await fake.user_sends(kim, kim, "The site was slow")
                sent += 1
                await bot.wait_text(kim, t("en", "survey-note-noted"))
        assert t("en", "survey-comment") in (question.text or "")
        await fake.user_sends(kim, kim, "Delivery was fine")
        await bot.wait_text(kim, t("en", "survey-thanks").split("\n")[0])

        responses, scores, members, people = _rows(bot)
        assert len(responses) == 1 and responses[0].comment == "Delivery was fine"
        assert sorted(s.score for s in scores if s.score) == [1, 2, 4, 5]
        assert [s.note for s in scores if s.note] == ["The site was slow"]
        kim_person = next(p for p in people if p.handle == "kim_c")
        assert kim_person.id not in {m.person_id for m in members}  # never a member
        assert len(bot.entries()) == 1  # her lines were no entries

        # She sees nothing of the team: not in anything the bot sent her.
        said = json.dumps([m.to_api() for m in fake.sent_messages(kim)], ensure_ascii=False)
        assert SECRET not in said and TITLE not in said

        # The team sees the count; the customer's name appears nowhere.
        await fake.user_sends(anna, group, "/status")
        status = await bot.wait_text(group, "📣 Klantenquête open")
        assert t("nl", "survey-status-open", count=1) in (status.text or "")
        assert "1 antwoord" in t("nl", "survey-status-open", count=1)
        assert "Kim" not in (status.text or "")


async def test_a_member_answering_a_survey_adds_no_entry(fake_api: FakeBotAPI,
                                                         db_url: str) -> None:
    """Her private lines go to her active workshop, except while she answers a survey (the
    bot's batched entry path included)."""
    fake = fake_api
    fenna = fake.add_user("Fenna", username="fenna", language_code="nl")
    group = fake.add_group("Webshop", [fenna])
    fake.user_starts_bot(fenna)
    async with running_bot(fake, db_url) as bot:
        await bot.wait_text(fenna, "Welkom")
        await fake.user_sends(fenna, group, f"/new {TITLE}")
        await bot.wait_text(group, "Stap 1/8")
        await fake.user_sends(fenna, group, "/survey")
        code = join_code((await bot.wait_text(group, "📣")).text or "")
        before = len(fake.sent_messages(fenna))
        fake.user_starts_bot(fenna, code)
        hello = await _last_from_bot(bot, fenna, before + 1)
        await fake.user_presses(fenna, hello, hello.inline_keyboard[0][1]["callback_data"])
        await _last_from_bot(bot, fenna, before + 2)
        await fake.user_sends(fenna, fenna, "Lang gewacht op de bezorger")
        await bot.wait_text(fenna, t("nl", "survey-note-noted"))
        assert bot.entries() == []
        _, scores, _, _ = _rows(bot)
        assert [s.note for s in scores] == ["Lang gewacht op de bezorger"]


async def test_a_facilitator_sends_a_csv_of_scores_privately(fake_api: FakeBotAPI,
                                                             db_url: str) -> None:
    fake = fake_api
    fenna = fake.add_user("Fenna", username="fenna", language_code="en")
    group = fake.add_group("Webshop", [fenna])
    fake.user_starts_bot(fenna)
    async with running_bot(fake, db_url) as bot:
        await bot.wait_text(fenna, "Welcome")
        await fake.user_sends(fenna, group, f"/new {TITLE}")
        await bot.wait_text(group, "Step 1/8")
        await fake.user_sends_document(fenna, fenna, "bad.csv", b"stage,score\n1,3\n2,7\n",
                                       "text/csv")
        refused = await bot.wait_text(fenna, t("en", "import-scores-failed"))
        assert "Line 3" in (refused.text or "")
        assert _rows(bot)[0] == []
        await fake.user_sends_document(fenna, fenna, "scores.csv",
                                       b"stage,score,comment\n1,3,\n2,1,too slow\n", "text/csv")
        await bot.wait_text(fenna, t("en", "import-scores-done", count=2, title=TITLE))
        responses, scores, _, _ = _rows(bot)
        assert len(responses) == 2 and sorted(s.score or 0 for s in scores) == [1, 3]
