"""The eight steps of the method, in order; each step's behaviour is in its own module.

goals.py … changes.py each declare their Step: how a line is read, its card line, when it is
"enough" and its follow-up questions. Code outside steps/ finds a step by what it does
(TARGET_STEP, ACTION_STEP, scoring_step) rather than by its number.
"""

from __future__ import annotations

from cjworkflow.steps.base import Step
from cjworkflow.steps.changes import STEP as CHANGES
from cjworkflow.steps.elements import STEP as ELEMENTS
from cjworkflow.steps.goals import STEP as GOALS
from cjworkflow.steps.personas import STEP as PERSONAS
from cjworkflow.steps.resources import STEP as RESOURCES
from cjworkflow.steps.targets import STEP as TARGETS
from cjworkflow.steps.touchpoints import STEP as TOUCHPOINTS
from cjworkflow.steps.walkthrough import STEP as WALKTHROUGH
from cjworkflow.storage.models import ScoreKind

__all__ = ["ACTION_STEP", "FIRST", "LAST", "STEPS", "TARGET_STEP", "Step", "question_step",
           "scoring_step", "step"]

STEPS: tuple[Step, ...] = (GOALS, PERSONAS, TARGETS, TOUCHPOINTS, ELEMENTS, RESOURCES,
                           WALKTHROUGH, CHANGES)
if [s.number for s in STEPS] != list(range(1, len(STEPS) + 1)):
    raise RuntimeError("the steps' numbers are not their places in STEPS")
FIRST = STEPS[0].number
LAST = STEPS[-1].number


def step(number: int) -> Step:
    """The step with this number (1-8)."""
    return STEPS[number - 1]


def _only(found: list[Step]) -> Step:
    # A behaviour that two steps claim would make every look-up below ambiguous.
    if len(found) != 1:
        raise RuntimeError(f"expected one step, found {[s.key for s in found]}")
    return found[0]


# The step whose lines (and buttons) mark personas as targets.
TARGET_STEP = _only([s for s in STEPS if s.picks_targets])
# The step that collects actions.
ACTION_STEP = _only([s for s in STEPS if s.collects_actions])
_SCORING = {kind: _only([s for s in STEPS if s.score_kind is kind]) for kind in ScoreKind}
_ASKING = {name: s for s in STEPS for name in s.questions}


def scoring_step(kind: ScoreKind) -> Step:
    """The step in which stages get scores of this kind."""
    return _SCORING[kind]


def question_step(field_name: str) -> int:
    """The number of the step a follow-up question belongs to."""
    # A field no step declares (none is written today) waits with the actions, as it did.
    return _ASKING.get(field_name, ACTION_STEP).number
