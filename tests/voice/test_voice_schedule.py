"""The survey beyond the workshop: the finish message suggests it, the weekly digest counts
new responses."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.engine import Engine

from cjworkflow.i18n import t
from cjworkflow.messages import Dest, Verb
from tests.harness import Room, texts
from tests.voice.survey_world import answer, customer, survey_link


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_finish_suggests_a_survey_then_counts_it(engine: Engine, lang: str) -> None:
    room = Room(engine, lang=lang)
    room.start()
    room.goto(8)
    finished = texts(room.send("fenna", Verb.FINISH))
    assert t(lang, "survey-finish-hint") in finished
    code = survey_link(room)
    answer(room, customer(room, "carla", lang), code, [3, 3, 3, 3, 3])
    again = texts(room.send("fenna", Verb.FINISH))
    assert t(lang, "survey-finish-count", count=1) in again


def test_the_weekly_digest_counts_new_responses(engine: Engine) -> None:
    room = Room(engine, lang="en")
    room.start()
    code = survey_link(room)
    created = room.workshop().created_at
    room.now = created + timedelta(days=2)
    for name in ("carla", "dirk"):
        answer(room, customer(room, name, "en"), code, [4, 4, 4, 4, 4])
    week = created + timedelta(days=7, minutes=1)
    room.now = week
    digest = [r for r in room.engine.due_replies(week) if r.dest is Dest.WORKSHOP]
    assert len(digest) == 1
    assert digest[0].text.split("\n")[-1] == t("en", "survey-digest", count=2, total=2)
    # A week without new responses (and without actions): no digest at all.
    later = week + timedelta(days=7)
    room.now = later
    assert [r for r in room.engine.due_replies(later) if r.dest is Dest.WORKSHOP] == []
