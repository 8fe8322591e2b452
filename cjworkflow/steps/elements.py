"""Step 5, elements: per stage what the customer does, feels and needs, and how it feels.

A line is "[stage:] [doet:|pijn:|idee:|moment:|!] text", or "emotie 2" for the stage's score;
the card works through one stage at a time. Enough once every stage has an element and a score.
"""

from __future__ import annotations

from cjworkflow.i18n import t
from cjworkflow.reading import parsing
from cjworkflow.steps.base import PlainEntry, Progress, Score, Stages, Step, focused_id
from cjworkflow.steps.touchpoints import filled_stages
from cjworkflow.storage.models import Entry, EntryKind, ScoreKind

KINDS = (EntryKind.USER_ACTION, EntryKind.PAIN, EntryKind.SOLUTION, EntryKind.MOMENT)


def read(line: str, stages: Stages, focus: int) -> PlainEntry | Score:
    """An element line (the focused stage unless it names one), or a current score."""
    el = parsing.parse_element(line, [label for _, label in stages])
    if el.score is not None:
        return Score(ScoreKind.CURRENT, el.score, el.stage)
    stage_id = focused_id(stages, focus) if el.stage is None else stages[el.stage][0]
    return PlainEntry(el.kind or EntryKind.USER_ACTION, el.text or "", {"stage_id": stage_id})


def card_line(e: Entry, lang: str) -> str:
    """An element on the card: its kind's label, then its text."""
    return t(lang, f"card-kind-{EntryKind(e.kind).value}") + " " + e.text


def enough(progress: Progress, st: Step) -> bool:
    """Enough once every stage has an element and a current score."""
    filled = filled_stages(progress, st) & progress.scored_stages(ScoreKind.CURRENT)
    return all(s in filled for s in progress.stage_ids())


STEP = Step(5, "elements", KINDS, "element", per_stage=True, staged=True,
            score_kind=ScoreKind.CURRENT, read_staged=read, card_line=card_line, enough=enough)
