"""Step 3, targets: a line (or a button) marks a persona of step 2 as a target of the map.

It stores no entries of its own: its card lists the personas with a mark, and it has enough
once one persona is a target. The line itself is handled by entries.toggle_target.
"""

from __future__ import annotations

from cjworkflow.steps.base import Progress, Step
from cjworkflow.steps.personas import card_line as persona_line
from cjworkflow.storage.models import Entry, EntryKind


def card_line(e: Entry, lang: str) -> str:
    """A persona on the target card: marked or not, then as on the persona card."""
    return ("✅ " if e.is_target else "⬜ ") + persona_line(e, lang)


def enough(progress: Progress, st: Step) -> bool:
    """Enough once one persona is a target."""
    return any(e.is_target for e in progress.entries([EntryKind.PERSONA]))


STEP = Step(3, "targets", (), "target", picks_targets=True, shows=(EntryKind.PERSONA,),
            card_line=card_line, enough=enough)
