"""A long action plan comes as one preview message and the whole plan as a file, not dozens."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine

from cjworkflow.flow import cards
from cjworkflow.limits import MAX_ACTION_LINES
from cjworkflow.messages import Dest, Reply, Verb
from cjworkflow.outputs.produce import produce
from tests.harness import Room

LINE = {"nl": "Actie nummer {n} voor de bezorging | impact {i} | moeite {e}",
        "en": "Action number {n} for the delivery | impact {i} | effort {e}"}
NOTE = {"nl": "Het plan telt {count} acties", "en": "The plan has {count} actions"}


def _room(engine: Engine, lang: str, actions: int) -> Room:
    room = Room(engine, lang=lang)
    room.start()
    room.goto(8)
    lines = [LINE[lang].format(n=n, i=1 + n % 5, e=1 + n // 5 % 5) for n in range(actions)]
    # At most MAX_ACTION_LINES action lines go in one message (cjworkflow.limits).
    for start in range(0, actions, MAX_ACTION_LINES):
        room.say("anna", "\n".join(lines[start:start + MAX_ACTION_LINES]))
        room.send("anna", Verb.CANCEL)  # no owner or deadline follow-ups: next lines are actions
    return room


def _plain(replies: list[Reply]) -> list[Reply]:
    return [r for r in replies if r.attachment is None]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_long_plan_is_one_message_and_a_file(engine: Engine, lang: str) -> None:
    count = cards.PLAN_FILE_ACTIONS + 15
    replies = _room(engine, lang, count).send("fenna", Verb.ACTIONS)
    messages = _plain(replies)
    assert len(messages) == 1
    assert NOTE[lang].format(count=count) in messages[0].text
    assert len(messages[0].text) <= 4096
    files = {r.attachment.kind: r for r in replies if r.attachment is not None}
    assert set(files) == {"plan", "matrix"}
    produced = produce(files["plan"].attachment)  # type: ignore[arg-type]
    assert produced.filename.endswith("-action-plan.txt")
    whole = produced.data.decode("utf-8")
    number = LINE[lang].split(" {n}")[0]
    assert all(f"{number} {n} voor" in whole or f"{number} {n} for" in whole
               for n in range(count))
    # The preview shows the plan's start (quick wins first), the file all of it.
    assert whole.splitlines()[0] in messages[0].text


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_short_plan_stays_in_the_chat(engine: Engine, lang: str) -> None:
    replies = _room(engine, lang, 12).send("fenna", Verb.ACTIONS)
    assert [r.attachment.kind for r in replies if r.attachment] == ["matrix"]
    text = "\n".join(r.text for r in _plain(replies))
    number = LINE[lang].split(" {n}")[0]
    assert all(f"{number} {n} " in text for n in range(12))
    assert NOTE[lang].format(count=12) not in text


def test_finishing_with_a_long_plan_sends_the_file_to_the_group(engine: Engine) -> None:
    room = _room(engine, "nl", 60)
    replies = room.send("fenna", Verb.NEXT)
    plan = [r for r in replies if r.attachment is not None and r.attachment.kind == "plan"]
    assert len(plan) == 1 and plan[0].dest is Dest.WORKSHOP
    messages = [r for r in _plain(replies) if "Actieplan" in r.text]
    assert len(messages) == 1
    assert messages[0].buttons, "the export button stays under the plan"
