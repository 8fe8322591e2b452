"""Lines that look stored by mistake: only emoji, a late answer, an action twice.

Each is refused with a question in the member's language; a line that starts with "+ "
says "store it anyway" (the plus is not stored).
"""

from __future__ import annotations

import re
from datetime import date

from sqlmodel import Session, col, func, select

from cjworkflow.errors import UserError
from cjworkflow.i18n.fmt import clip
from cjworkflow.reading import parsing
from cjworkflow.reading.dates import parse_due
from cjworkflow.storage.models import Action

ANYWAY = "+"
OWNER_WORDS = frozenset({"ik", "me", "mij", "@me", "@ik"})
HANDLE = re.compile(r"@[A-Za-z0-9_]{2,32}")
SKIP_WORDS = frozenset({"skip", "overslaan", "sla over", "geen", "none"})


def anyway(line: str) -> tuple[str, bool]:
    """The line without its "+ " (store it anyway) and whether it had one."""
    if line.startswith(ANYWAY) and line[1:2].isspace() and line[2:].strip():
        return line[2:].strip(), True
    return line, False


def has_words(text: str) -> bool:
    """Whether a line holds a letter or digit, not only emoji and symbols."""
    return any(ch.isalnum() for ch in text)


def refuse_wordless(text: str) -> None:
    """An emoji-only line is no entry: a hint instead (a reaction says it better)."""
    if not has_words(text):
        raise UserError("check-emoji-only", line=clip(text, 20))


def looks_like_answer(title: str, *, lang: str, today: date) -> bool:
    """Whether an action title is what one answers a follow-up with: a score, @name, "me",
    "skip" or a date, and nothing else."""
    value = title.strip()
    folded = value.casefold()
    if folded in OWNER_WORDS or folded in SKIP_WORDS:
        return True
    if HANDLE.fullmatch(value):
        return True
    for read in (lambda: parsing.parse_score(value),
                 lambda: parse_due(value, lang=lang, today=today)):
        try:
            read()
        except parsing.ParseError as e:
            if e.key in ("parse-date-past", "parse-date-too-far"):
                return True  # a date all the same
            continue
        return True
    return False


def refuse_unasked(session: Session, workshop_id: int, title: str, *, lang: str,
                   today: date) -> None:
    """A late answer or an action already in the plan is not stored without asking."""
    if looks_like_answer(title, lang=lang, today=today):
        raise UserError("check-late-answer", line=clip(title, 40))
    # lower() on both sides: SQLite's lower() folds ASCII only, so a title differing in the
    # case of an accented capital is not caught there; it is never a false alarm.
    folded = " ".join(title.split()).lower()
    twin = session.exec(select(Action.id).where(
        Action.workshop_id == workshop_id,
        func.lower(col(Action.title)) == folded)).first()
    if twin is not None:
        raise UserError("check-action-twice", title=clip(title, 60))
