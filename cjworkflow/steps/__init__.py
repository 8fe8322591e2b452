"""The eight steps of the method, declared in one table."""

from __future__ import annotations

from dataclasses import dataclass

from cjworkflow.storage.models import EntryKind


@dataclass(frozen=True)
class Step:
    """One step: its number, catalog key, what an entry is and what "enough" means.

    Texts live in the catalogs as step-<key>-title/-prompt/-guide/-syntax/-example/-enough.
    """

    number: int
    key: str
    # The entry kinds this step stores (for counts, undo and the card).
    kinds: tuple[EntryKind, ...]
    # How an input line is read: goal, persona, target, touchpoint, element, resource,
    # observation or action (see engine's parser dispatch).
    parser: str
    # "Enough" is at least this many entries of the step's kinds ...
    min_entries: int = 1
    # ... and, for per-stage steps, something in every stage.
    per_stage: bool = False
    # Whether the step works through the stages one at a time (a stage in focus).
    staged: bool = False
    # Whether the step collects actions rather than entries.
    actions: bool = False


STEPS: tuple[Step, ...] = (
    Step(1, "goals", (EntryKind.GOAL,), "goal"),
    Step(2, "personas", (EntryKind.PERSONA,), "persona"),
    Step(3, "targets", (), "target"),
    Step(4, "touchpoints", (EntryKind.TOUCHPOINT,), "touchpoint", per_stage=True),
    Step(5, "elements",
         (EntryKind.USER_ACTION, EntryKind.PAIN, EntryKind.SOLUTION, EntryKind.MOMENT),
         "element", per_stage=True, staged=True),
    Step(6, "resources", (EntryKind.RESOURCE,), "resource"),
    Step(7, "walkthrough", (EntryKind.OBSERVATION,), "observation", staged=True),
    Step(8, "changes", (), "action", actions=True),
)
FIRST = 1
LAST = len(STEPS)


def step(number: int) -> Step:
    """The step with this number (1-8)."""
    return STEPS[number - 1]
