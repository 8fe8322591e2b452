"""Step 7, walkthrough: per stage what the team observes, and the ideal score it aims for."""

from __future__ import annotations

from cjworkflow.reading import parsing
from cjworkflow.steps.base import PlainEntry, Score, Stages, Step, focused_id
from cjworkflow.storage.models import EntryKind, ScoreKind


def read(line: str, stages: Stages, focus: int) -> PlainEntry | Score:
    """An observation (the focused stage unless it names one), or an ideal score."""
    ob = parsing.parse_observation(line, [label for _, label in stages])
    if ob.ideal is not None:
        return Score(ScoreKind.IDEAL, ob.ideal, ob.stage)
    stage_id = focused_id(stages, focus) if ob.stage is None else stages[ob.stage][0]
    return PlainEntry(EntryKind.OBSERVATION, ob.text or "", {"stage_id": stage_id})


STEP = Step(7, "walkthrough", (EntryKind.OBSERVATION,), "observation", staged=True,
            score_kind=ScoreKind.IDEAL, read_staged=read)
