"""Step 1, goals: a line is a goal, stored as it is written (clipped)."""

from __future__ import annotations

from cjworkflow.i18n.fmt import clip
from cjworkflow.steps.base import PlainEntry, Step
from cjworkflow.storage.models import EntryKind


def read(line: str) -> PlainEntry:
    """A goal line: the goal's text."""
    return PlainEntry(EntryKind.GOAL, clip(line, 1000), {})


STEP = Step(1, "goals", (EntryKind.GOAL,), "goal", read_plain=read)
