"""The step table: each step's behaviour is declared once, in its own module, and found by it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cjworkflow import steps
from cjworkflow.reading.dates import ParseError
from cjworkflow.steps import (
    ACTION_STEP,
    FIRST,
    LAST,
    STEPS,
    TARGET_STEP,
    question_step,
    scoring_step,
    step,
)
from cjworkflow.steps.base import PlainEntry, Score
from cjworkflow.steps.entries import PLAIN_PARSERS, STAGED_PARSERS, plain_entry, staged_entry
from cjworkflow.storage.models import Entry, EntryKind, ScoreKind

STAGES = [(11, "Oriënteren"), (12, "Kopen"), (13, "Gebruiken")]


def test_the_table_is_in_order_and_each_behaviour_has_one_step() -> None:
    assert [s.number for s in STEPS] == list(range(1, 9))
    assert (FIRST, LAST) == (1, 8)
    assert [s.key for s in STEPS] == ["goals", "personas", "targets", "touchpoints", "elements",
                                      "resources", "walkthrough", "changes"]
    assert all(step(s.number) is s for s in STEPS)
    assert TARGET_STEP.key == "targets" and ACTION_STEP.key == "changes"
    assert scoring_step(ScoreKind.CURRENT).key == "elements"
    assert scoring_step(ScoreKind.IDEAL).key == "walkthrough"


def test_each_step_lives_in_its_own_module() -> None:
    modules = {s.key: Path(s.card_line.__code__.co_filename).stem for s in STEPS
               if s.card_line.__module__ != "cjworkflow.steps.base"}
    assert modules == {"personas": "personas", "targets": "targets",
                       "touchpoints": "touchpoints", "elements": "elements",
                       "resources": "resources"}
    readers = {s.key: (s.read_plain or s.read_staged).__module__  # type: ignore[union-attr]
               for s in STEPS if s.read_plain or s.read_staged}
    assert readers == {k: f"cjworkflow.steps.{k}" for k in
                       ("goals", "personas", "touchpoints", "elements", "resources",
                        "walkthrough")}


def test_follow_up_questions_belong_to_the_step_that_asks_them() -> None:
    assert question_step("touchpoint_stage") == 4
    for name in ("action_impact", "action_effort", "action_owner", "action_due",
                 "action_blocked_reason"):
        assert question_step(name) == 8
    assert question_step("no_such_field") == 8  # as before: unknown fields wait with actions


def test_the_parser_names_the_entry_paths_use_still_resolve() -> None:
    assert {"goal", "persona", "resource"} == PLAIN_PARSERS
    assert {"touchpoint", "element", "observation"} == STAGED_PARSERS
    assert plain_entry("goal", "Sneller leveren") == PlainEntry(EntryKind.GOAL,
                                                                "Sneller leveren", {})
    with pytest.raises(ValueError):
        plain_entry("touchpoint", "x")
    with pytest.raises(ValueError):
        staged_entry("goal", "x", STAGES, 0)


def test_staged_readers_say_what_a_line_is() -> None:
    tp = step(4).read_staged
    el = step(5).read_staged
    ob = step(7).read_staged
    assert tp is not None and el is not None and ob is not None
    assert tp("Kopen: webshop", STAGES, 0).extra["stage_id"] == 12  # type: ignore[union-attr]
    unplaced = tp("webshop", STAGES, 0)
    assert isinstance(unplaced, PlainEntry) and unplaced.ask == "touchpoint_stage"
    assert "stage_id" not in unplaced.extra
    assert staged_entry("touchpoint", "webshop", STAGES, 0) is None
    assert el("emotie 2", STAGES, 1) == Score(ScoreKind.CURRENT, 2, None)
    assert staged_entry("element", "emotie 2", STAGES, 1) is None
    assert el("pijn: lange rij", STAGES, 5) == PlainEntry(EntryKind.PAIN, "lange rij",
                                                          {"stage_id": 13})
    assert ob("ideaal 4", STAGES, 0) == Score(ScoreKind.IDEAL, 4, None)
    assert ob("Kopen: klant twijfelt", STAGES, 0) == PlainEntry(
        EntryKind.OBSERVATION, "klant twijfelt", {"stage_id": 12})
    with pytest.raises(ParseError):
        el("   ", STAGES, 0)


def test_card_lines_are_the_steps() -> None:
    persona = Entry(workshop_id=1, kind=EntryKind.PERSONA, step=2, text="Anna",
                    detail="student", is_target=True)
    assert step(2).card_line(persona, "nl") == "Anna: student"
    assert step(3).card_line(persona, "nl") == "✅ Anna: student"
    persona.is_target = False
    assert step(3).card_line(persona, "nl") == "⬜ Anna: student"
    touch = Entry(workshop_id=1, kind=EntryKind.TOUCHPOINT, step=4, text="Site", channel="web")
    assert step(4).card_line(touch, "nl") == "Site [web]"
    assert step(3).card_kinds == (EntryKind.PERSONA,) and step(4).card_kinds == step(4).kinds


STEP_KEYS = "|".join(s.key for s in STEPS)
PARSERS = "|".join(s.parser for s in STEPS)


def test_no_step_is_named_by_key_or_number_outside_steps() -> None:
    root = Path(steps.__file__).parent.parent
    pattern = re.compile(rf'== "({STEP_KEYS}|{PARSERS})"|current_step [!=<>]=? ?\d'
                         r'|\bstep\(\d|STEPS\[\d|_unless\(ctx, \d')
    found = [f"{p.relative_to(root)}:{i}" for p in root.rglob("*.py")
             if "steps" not in p.relative_to(root).parts
             for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if pattern.search(line)]
    assert found == []
