"""Step 6, resources: a line is something the team has ("+") or needs ("-")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from cjworkflow.i18n import t
from cjworkflow.reading import parsing
from cjworkflow.reading.lines import prepare_line
from cjworkflow.steps.base import PlainEntry, Step
from cjworkflow.storage.models import Entry, EntryKind


@dataclass(frozen=True)
class ResourceInput:
    text: str
    have: bool


_HAVE = re.compile(
    r"(?:(?:heb|hebben|hebben we|we hebben|have|we have|got|aanwezig|in huis)\s*[:=]|[+✅✔☑])(.*)",
    re.I | re.S)
_NEED = re.compile(
    r"(?:(?:nodig|hebben we nodig|need|needed|we need|ontbreekt|missing|mis)\s*[:=]|[-−])(.*)",
    re.I | re.S)


def parse_resource(line: str) -> ResourceInput:
    """A resource: "heb: x"/"have: x"/"+ x" is at hand; "nodig: x"/"- x"/plain is needed."""
    text = prepare_line(line).replace("\ufe0f", "")
    have = _HAVE.fullmatch(text)
    if have:
        return ResourceInput(text=parsing.nonempty(have[1]), have=True)
    need = _NEED.fullmatch(text)
    if need:
        return ResourceInput(text=parsing.nonempty(need[1]), have=False)
    return ResourceInput(text=parsing.nonempty(text), have=False)


def read(line: str) -> PlainEntry:
    """A resource line: its text and whether the team has it."""
    r = parse_resource(line)
    return PlainEntry(EntryKind.RESOURCE, r.text, {"have": r.have})


def card_line(e: Entry, lang: str) -> str:
    """A resource on the card: have or need, then its text."""
    return t(lang, "card-have" if e.have else "card-need") + " " + e.text


STEP = Step(6, "resources", (EntryKind.RESOURCE,), "resource", read_plain=read,
            card_line=card_line)
