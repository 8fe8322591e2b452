"""Step 7, walkthrough: per stage what the team observes, and the ideal score it aims for."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from cjworkflow.reading import parsing
from cjworkflow.reading.dates import ParseError
from cjworkflow.reading.lines import prepare_line
from cjworkflow.steps.base import PlainEntry, Score, Stages, Step, focused_id
from cjworkflow.storage.models import EntryKind, ScoreKind


@dataclass(frozen=True)
class ObservationInput:
    stage: int | None
    text: str | None
    ideal: int | None
    persona: str | None = None  # the target persona it is made for ("| persona Senior")


_IDEAL = re.compile(
    r"(?:ideale emotie|ideale score|ideaal gevoel|ideal emotion|ideal score|ideal feeling"
    r"|ideaal|ideal)\b\s*([:=])?(.*)", re.I | re.S)


def _ideal(text: str) -> int | None:
    m = _IDEAL.fullmatch(text)
    return parsing.keyword_score(m[1], m[2], "ideal") if m else None


def parse_observation(line: str, stages: Sequence[str]) -> ObservationInput:
    """A walkthrough line: [stage:] observation, or "ideaal 4" / "ideal: 😄" for the ideal score."""
    text, persona = parsing.split_persona(prepare_line(line))
    if not text:
        raise ParseError("parse-empty")
    ideal = _ideal(text)
    if ideal is not None:
        return ObservationInput(stage=None, text=None, ideal=ideal, persona=persona)
    stage, rest = parsing.split_stage_prefix(text, stages)
    ideal = _ideal(rest)
    if ideal is not None:
        return ObservationInput(stage=stage, text=None, ideal=ideal, persona=persona)
    return ObservationInput(stage=stage, text=rest, ideal=None, persona=persona)


def read(line: str, stages: Stages, focus: int) -> PlainEntry | Score:
    """An observation (the focused stage unless it names one), or an ideal score."""
    ob = parse_observation(line, [label for _, label in stages])
    if ob.ideal is not None:
        return Score(ScoreKind.IDEAL, ob.ideal, ob.stage, persona=ob.persona)
    stage_id = focused_id(stages, focus) if ob.stage is None else stages[ob.stage][0]
    return PlainEntry(EntryKind.OBSERVATION, ob.text or "", {"stage_id": stage_id},
                      persona=ob.persona)


STEP = Step(7, "walkthrough", (EntryKind.OBSERVATION,), "observation", staged=True,
            score_kind=ScoreKind.IDEAL, read_staged=read)
