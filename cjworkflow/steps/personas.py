"""Step 2, personas: a line is "name: description | goal"; the card shows all three."""

from __future__ import annotations

from cjworkflow.i18n import t
from cjworkflow.reading import parsing
from cjworkflow.steps.base import PlainEntry, Step
from cjworkflow.storage.models import Entry, EntryKind


def read(line: str) -> PlainEntry:
    """A persona line: name, description and goal."""
    p = parsing.parse_persona(line)
    return PlainEntry(EntryKind.PERSONA, p.name, {"detail": p.description, "goal": p.goal})


def card_line(e: Entry, lang: str) -> str:
    """A persona on the card: name, description and goal."""
    text = e.text + (f": {e.detail}" if e.detail else "")
    if e.goal:
        text += " — " + t(lang, "card-persona-goal", goal=e.goal)
    return text


STEP = Step(2, "personas", (EntryKind.PERSONA,), "persona", read_plain=read,
            card_line=card_line)
