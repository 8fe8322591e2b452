"""Issue #14 through the real bot (PTB over HTTP, the fake Bot API): an action line names its
stage and a goal, step 5 takes a scenario, a thought and a named emotion, and the exports carry
them; in Dutch and in English."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy.pool import NullPool
from sqlmodel import Session, select

from cjworkflow.storage.db import make_engine
from cjworkflow.storage.models import EmotionScore, Entry, EntryKind, PersonaScore, Stage
from tests.e2e.botrunner import running_bot
from tests.e2e.test_bot_workshop import FAR
from tests.fakebotapi import FakeBotAPI

SAY = {
    "nl": {"new": "/new Ik bestel een wasmachine", "step": "Stap {n}/8",
           "goals": "Minder afhakers\nMinder telefoontjes",
           "elements": "/add Actie: scenario: bestelt 's avonds op de bank\n"
                       "Actie: denkt: wanneer komt hij nou?\nActie: emotie 2 onrustig",
           "word": "onrustig", "scenario": "bestelt 's avonds op de bank",
           "thought": "wanneer komt hij nou?",
           "action": "/add Service: Track & trace per sms | impact 4 | moeite 2 | eigenaar ik"
                     f" | deadline {FAR}-12-15 | doel 2",
           "stored": "fase 4 Service", "goal": "doel 2",
           "wrong": "/add Iets anders | impact 3 | moeite 3 | eigenaar ik | doel 5",
           "refused": "Doel 5 bestaat niet", "col": "Doel",
           "personas": "Drukke ouder: tweeverdiener\nSenior: wil advies",
           "persona_score": "/add emotie 1 | persona Senior",
           "persona_card": "Senior: gemiddeld 1,0"},
    "en": {"new": "/new I order a washing machine", "step": "Step {n}/8",
           "goals": "Fewer drop-outs\nFewer phone calls",
           "elements": "/add Purchase: scenario: orders at night on the sofa\n"
                       "Purchase: thinks: when will it come?\nPurchase: emotion 2 anxious",
           "word": "anxious", "scenario": "orders at night on the sofa",
           "thought": "when will it come?",
           "action": "/add Service: Track & trace by text | impact 4 | effort 2 | owner me"
                     f" | due {FAR}-12-15 | goal 2",
           "stored": "stage 4 Service", "goal": "goal 2",
           "wrong": "/add Something else | impact 3 | effort 3 | owner me | goal 5",
           "refused": "Goal 5 does not exist", "col": "Goal",
           "personas": "Busy parent: two jobs\nSenior: wants advice",
           "persona_score": "/add emotion 1 | persona Senior",
           "persona_card": "Senior: average 1.0"},
}


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_method_depth_through_the_bot(fake_api: FakeBotAPI, db_url: str,
                                            lang: str) -> None:
    fake, say = fake_api, SAY[lang]
    fenna = fake.add_user("Fenna", username="fenna", language_code=lang)
    anna = fake.add_user("Anna", username="anna", language_code=lang)
    group = fake.add_group("Webshop", [fenna, anna])
    fake.user_starts_bot(fenna)
    async with running_bot(fake, db_url, DEFAULT_LANGUAGE=lang) as bot:
        await fake.user_sends(fenna, group, say["new"])
        card = await bot.wait_text(group, say["step"].format(n=1))
        await fake.user_sends(anna, group, say["goals"], reply_to=card)
        await bot.wait(lambda: len(bot.entries()) == 2)
        # Two target personas: scores may then be given per persona (item 7).
        await fake.user_sends(fenna, group, "/step 2")
        await bot.wait_text(group, say["step"].format(n=2))
        await fake.user_sends(anna, group, "/add " + say["personas"])
        await bot.wait(lambda: len(bot.entries()) == 4)
        await fake.user_sends(fenna, group, "/step 3")
        card = await bot.wait_text(group, say["step"].format(n=3))
        for name in ("1", "2"):
            await fake.user_sends(fenna, group, f"/add {name}")
        await bot.wait(lambda: sum(e.is_target for e in bot.entries()) == 2)
        await fake.user_sends(fenna, group, "/step 5")
        await bot.wait_text(group, say["step"].format(n=5))
        await fake.user_sends(anna, group, say["elements"])
        await bot.wait(lambda: len(bot.entries()) == 6)
        await bot.wait_text(group, say["word"])  # the card names the emotion
        await fake.user_sends(anna, group, say["persona_score"])
        await bot.wait_text(group, say["persona_card"])  # the card: the persona's mean
        await fake.user_sends(fenna, group, "/step 8")
        await bot.wait_text(group, say["step"].format(n=8))
        await fake.user_sends(anna, group, say["action"])
        await bot.wait(lambda: bot.actions())
        stored = await bot.wait_text(group, say["stored"])
        assert say["goal"] in (stored.text or "")
        await fake.user_sends(anna, group, say["wrong"])
        await bot.wait_text(group, say["refused"])
        await fake.user_sends(fenna, fenna, "/export")
        await bot.wait(lambda: len([f for f in fake.files.values() if f.kind == "document"])
                       >= 7, timeout=60)
    assert len(bot.actions()) == 1
    action = bot.actions()[0]
    entries = bot.entries()
    goals = [e for e in entries if e.kind == EntryKind.GOAL]
    assert len(goals) == 2
    assert action.goal_id == goals[1].id
    assert [e.text for e in entries if e.kind == EntryKind.SCENARIO] == [say["scenario"]]
    assert [e.text for e in entries if e.kind == EntryKind.THOUGHT] == [say["thought"]]
    engine = make_engine(db_url, poolclass=NullPool)
    try:
        with Session(engine) as s:
            stage = s.get(Stage, action.stage_id)
            assert stage is not None and stage.label == "Service"
            score = s.exec(select(EmotionScore)).one()
            assert (score.score, score.word) == (2, say["word"])
            persona_score = s.exec(select(PersonaScore)).one()
            senior = s.get(Entry, persona_score.persona_id)
            assert persona_score.score == 1 and senior is not None and senior.text == "Senior"
    finally:
        engine.dispose()
    by_ext = {(f.file_name or "").rsplit(".", 1)[1]: f for f in fake.files.values()
              if f.kind == "document"}
    rows = list(csv.reader(io.StringIO(by_ext["csv"].data.decode("utf-8-sig"))))
    assert rows[0][-2:] == [{"nl": "Fase", "en": "Stage"}[lang], say["col"]]
    assert rows[1][-2] == "Service" and rows[1][-1].startswith("2. ")
    md = by_ext["md"].data.decode("utf-8")
    assert say["scenario"] in md and say["thought"] in md and say["word"] in md
