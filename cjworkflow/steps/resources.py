"""Step 6, resources: a line is something the team has ("+") or needs ("-")."""

from __future__ import annotations

from cjworkflow.i18n import t
from cjworkflow.reading import parsing
from cjworkflow.steps.base import PlainEntry, Step
from cjworkflow.storage.models import Entry, EntryKind


def read(line: str) -> PlainEntry:
    """A resource line: its text and whether the team has it."""
    r = parsing.parse_resource(line)
    return PlainEntry(EntryKind.RESOURCE, r.text, {"have": r.have})


def card_line(e: Entry, lang: str) -> str:
    """A resource on the card: have or need, then its text."""
    return t(lang, "card-have" if e.have else "card-need") + " " + e.text


STEP = Step(6, "resources", (EntryKind.RESOURCE,), "resource", read_plain=read,
            card_line=card_line)
