"""/mydata and /forget through the real bot (PTB over HTTP) against the fake Bot API."""

from __future__ import annotations

import json

from cjworkflow.i18n import t
from tests.e2e.botrunner import running_bot
from tests.fakebotapi import FakeBotAPI

ANNA_GOAL = "Minder afhakers bij bezorgkeuze"
BRAM_GOAL = "Inzicht in klachten na levering"


async def test_mydata_goes_privately_and_forget_asks_first(fake_api: FakeBotAPI,
                                                           db_url: str) -> None:
    fake = fake_api
    fenna = fake.add_user("Fenna", username="fenna", language_code="nl")
    anna = fake.add_user("Anna", username="anna_k", language_code="nl")
    bram = fake.add_user("Bram", username="bram_v", language_code="nl")
    group = fake.add_group("Webshop", [fenna, anna, bram])
    fake.user_starts_bot(anna)  # only Anna has a private chat with the bot
    async with running_bot(fake, db_url) as bot:
        await bot.wait_text(anna, "Welkom")
        await fake.user_sends(fenna, group, "/new Ik bestel een wasmachine")
        card = await bot.wait_text(group, "Stap 1/8")
        await fake.user_sends(anna, group, ANNA_GOAL, reply_to=card)
        await fake.user_sends(bram, group, BRAM_GOAL, reply_to=card)
        await bot.wait(lambda: len(bot.entries()) == 2)
        await bot.wait(lambda: "(@anna_k)" in (fake.message(group, card.message_id).text or ""))

        # /mydata in the group: the file goes to Anna's private chat, the group hears where.
        in_group = len(fake.sent_messages(group))
        await fake.user_sends(anna, group, "/mydata")
        await bot.wait_text(group, t("nl", "mydata-sent-private"))
        await bot.wait(lambda: [m for m in fake.sent_messages(anna) if m.document])
        (doc,) = [m for m in fake.sent_messages(anna) if m.document]
        assert doc.document is not None and doc.document["file_name"] == "cjbot-mydata.json"
        assert doc.caption == t("nl", "mydata-caption")
        data = json.loads(fake.file_bytes(doc.document["file_id"]).decode("utf-8"))
        assert data["person"]["handle"] == "anna_k"
        assert [e["text"] for e in data["entries"]] == [ANNA_GOAL]
        assert BRAM_GOAL not in json.dumps(data, ensure_ascii=False)
        # Bram never started the bot: he is told how, and his data is not posted.
        await fake.user_sends(bram, group, "/mydata")
        await bot.wait_text(group, t("nl", "mydata-open-private"))
        posted = fake.sent_messages(group)[in_group:]
        assert [m.text for m in posted] == [t("nl", "mydata-sent-private"),
                                            t("nl", "mydata-open-private")]
        assert not any(c.chat_id == group.id for c in fake.calls_to("sendDocument"))

        # /forget in the group from Bram: the choice is shown there; only he may press it.
        await fake.user_sends(bram, group, "/forget")
        choice = await bot.wait_text(group, "Je persoonsgegevens wissen?")
        assert [b["text"] for b in choice.buttons] == [
            "Wis mij, bijdragen blijven anoniem", "Wis mij en mijn bijdragen", "Annuleren"]
        assert len(bot.entries()) == 2, "nothing changes before a press"
        erase_all = choice.button("Wis mij en mijn bijdragen")["callback_data"]
        answers = len(fake.callback_answers)
        await fake.user_presses(anna, choice, erase_all)
        await fake.wait_for(lambda: len(fake.callback_answers) > answers, timeout=20)
        assert fake.callback_answers[-1].text == t("nl", "forget-not-yours")
        assert len(bot.entries()) == 2
        await fake.user_presses(bram, choice, erase_all)
        await bot.wait_text(group, "✅ Je persoonsgegevens zijn gewist")
        await bot.wait(lambda: [e.text for e in bot.entries()] == [ANNA_GOAL])

        # Anna's /forget in the group: her choice arrives privately; she keeps her entries.
        await fake.user_sends(anna, group, "/forget")
        await bot.wait_text(group, t("nl", "forget-sent-private"))
        mine = await bot.wait_text(anna, "Je persoonsgegevens wissen?")
        keep = mine.button("Wis mij, bijdragen blijven anoniem")["callback_data"]
        await fake.user_presses(anna, mine, keep)
        await bot.wait_text(anna, "✅ Je persoonsgegevens zijn gewist")
        await bot.wait(lambda: [(e.text, e.author_id) for e in bot.entries()]
                       == [(ANNA_GOAL, None)])
        # The group's living card is redrawn without her name.
        await bot.wait(lambda: "@anna_k" not in (fake.message(group, card.message_id).text
                                                 or ""))
        assert ANNA_GOAL in (fake.message(group, card.message_id).text or "")
