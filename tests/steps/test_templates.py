"""Journey templates: every template reads in both languages; /new and the welcome offer
them; a picked one starts an editable workshop with its stages and example touchpoints."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from cjworkflow.i18n import LANGUAGES, t
from cjworkflow.messages import Verb
from cjworkflow.steps import templates
from cjworkflow.storage import workshops
from cjworkflow.storage.models import Entry, EntryKind
from tests.harness import Room, card_of, texts


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("key", templates.KEYS)
def test_every_template_reads_as_typed(key: str, lang: str) -> None:
    labels = templates.stage_labels(key, lang)
    assert 4 <= len(labels) <= 7
    examples = templates.touchpoints(key, lang, [(i, x) for i, x in enumerate(labels)])
    assert len(examples) >= 3
    assert {e.kind for e in examples} == {EntryKind.TOUCHPOINT}
    assert all(e.extra.get("channel") for e in examples)
    assert templates.title(key, lang)


def test_the_article_names_its_journeys() -> None:
    titles = {templates.title(k, "nl") for k in templates.KEYS}
    assert "Ik vraag een offerte aan" in titles  # 004's own example, from the customer's side


@pytest.mark.parametrize("lang", LANGUAGES)
def test_new_without_a_title_offers_the_templates(engine: Engine, lang: str) -> None:
    room = Room(engine, lang=lang)
    asked = room.send("fenna", Verb.NEW, private=True)
    assert asked[0].text == t(lang, "new-needs-title", examples=t(lang, "journey-examples"))
    labels = [row[0].label for row in asked[0].buttons]
    assert labels == ["📋 " + templates.title(k, lang) for k in templates.KEYS]
    welcome = room.send("fenna", Verb.START, private=True)
    listed = room.press("fenna", welcome[0].buttons[0][0], private=True)
    assert [row[0].label for row in listed[0].buttons] == labels


def test_a_template_starts_an_editable_workshop_in_the_group(engine: Engine) -> None:
    room = Room(engine, lang="nl")
    asked = room.send("fenna", Verb.NEW)
    quote = next(row[0] for row in asked[0].buttons if "offerte" in row[0].label)
    made = room.press("fenna", quote)
    ws = room.workshop()
    assert ws.title == "Ik vraag een offerte aan" and ws.stage_model == "custom"
    assert t("nl", "template-created", title=ws.title, count=5) in made[0].text
    assert "Wachten" in card_of(made, room).text or "Wachten" in made[0].text
    with Session(room.db) as s:
        stages = workshops.stages_of(session=s, workshop_id=ws.id or 0)
        tps = s.exec(select(Entry).where(Entry.workshop_id == ws.id)).all()
    assert [x.label for x in stages] == ["Oriënteren", "Aanvragen", "Wachten",
                                         "Offerte ontvangen", "Beslissen"]
    assert [(x.text, x.channel) for x in tps][1] == ("Offerteformulier", "website")
    assert tps[1].stage_id == stages[1].id
    # Everything stays editable: another stage model, and an example removed.
    room.goto(4)
    confirm = room.send("fenna", Verb.REMOVE, "1")
    room.press("fenna", confirm[0].buttons[0][0])
    assert texts(room.send("fenna", Verb.STAGES, "A, B, C, D, E"))
    with Session(room.db) as s:
        assert len(s.exec(select(Entry).where(Entry.workshop_id == ws.id)).all()) == 4
        assert workshops.stages_of(session=s, workshop_id=ws.id or 0)[0].label == "A"


def test_a_member_cannot_replace_the_groups_workshop_with_a_template(engine: Engine) -> None:
    room = Room(engine, lang="en")
    room.start()
    room.say("anna", "A goal")
    asked = room.send("anna", Verb.NEW)
    replies = room.press("anna", asked[0].buttons[0][0])
    assert replies[0].text == t("en", "new-group-busy", title="Ik bestel een wasmachine")
    assert room.workshop().title == "Ik bestel een wasmachine"
