"""Step 2, personas: a line is "name: description | goal"; the card shows all three."""

from __future__ import annotations

import re
from dataclasses import dataclass

from cjworkflow.i18n import t
from cjworkflow.reading.dates import ParseError
from cjworkflow.reading.lines import prepare_line
from cjworkflow.steps.base import PlainEntry, Step
from cjworkflow.storage.models import Entry, EntryKind

MAX_PERSONA_NAME = 100


@dataclass(frozen=True)
class PersonaInput:
    name: str
    description: str | None
    goal: str | None


_GOAL = re.compile(r"(?:doel|doelen|goal|goals)(?:\s*[:=]\s*|\s+|$)(.*)", re.I | re.S)


def parse_persona(line: str) -> PersonaInput:
    """A persona from "Name: description | doel: goal"; a bare name is fine."""
    text = prepare_line(line)
    if not text:
        raise ParseError("parse-empty")
    parts = re.split(r"\s*([|;])\s*", text)
    main, goals = parts[0], []
    for sep, segment in zip(parts[1::2], parts[2::2], strict=True):
        goal = _GOAL.fullmatch(segment)
        if goal:
            if goal[1].strip():
                goals.append(goal[1].strip())
        elif segment:
            # Not a goal: the separator was part of the description.
            main += f"{sep} {segment}" if sep == ";" else f" {sep} {segment}"
    name, _, description = main.partition(":")
    name = name.strip()
    if not name:
        raise ParseError("parse-persona-no-name")
    if len(name) > MAX_PERSONA_NAME:
        raise ParseError("parse-persona-name-too-long", max=MAX_PERSONA_NAME)
    return PersonaInput(name=name, description=description.strip() or None,
                        goal="; ".join(goals) or None)


def read(line: str) -> PlainEntry:
    """A persona line: name, description and goal."""
    p = parse_persona(line)
    return PlainEntry(EntryKind.PERSONA, p.name, {"detail": p.description, "goal": p.goal})


def card_line(e: Entry, lang: str) -> str:
    """A persona on the card: name, description and goal."""
    text = e.text + (f": {e.detail}" if e.detail else "")
    if e.goal:
        text += " — " + t(lang, "card-persona-goal", goal=e.goal)
    return text


STEP = Step(2, "personas", (EntryKind.PERSONA,), "persona", read_plain=read,
            card_line=card_line)
