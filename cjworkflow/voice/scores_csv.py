"""Customers' scores from another survey tool: a CSV file (columns stage, score, optionally
comment and respondent) read as customer responses, all of it or nothing.

Every row is checked with the bounds of the chat (a score from 1 to 5, a note of at most
MAX_NOTE characters, a stage of the workshop by number or name); every bad row is reported
by its line number and then nothing is stored. Rows with the same respondent form one
response; without that column each row is a response of its own.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session

from cjworkflow.errors import UserError
from cjworkflow.i18n import LANGUAGES, t
from cjworkflow.i18n.fmt import clip
from cjworkflow.limits.voice import (
    MAX_CSV_BYTES,
    MAX_CSV_ROWS,
    MAX_NOTE,
    MAX_RESPONSES,
    MAX_SCORE,
    MIN_SCORE,
)
from cjworkflow.reading.lines import clean_text
from cjworkflow.reading.parsing import is_number, normalise
from cjworkflow.steps import stages as stage_models
from cjworkflow.storage import persons, rounds, surveys, workshops
from cjworkflow.storage.models import Role, Stage, Workshop
from cjworkflow.storage.models_voice import SurveyResponse, SurveyScore
from cjworkflow.storage.store import touch_now

# Column names as people write them, in both languages.
COLUMNS = {
    "stage": {"stage", "fase", "stap", "step", "phase"},
    "score": {"score", "cijfer", "rating", "emotion", "emotie"},
    "comment": {"comment", "opmerking", "toelichting", "note", "notitie", "what happened"},
    "respondent": {"respondent", "klant", "customer", "response", "antwoord", "id"},
}
MAX_PROBLEMS = 10  # reported at most; the count of the rest follows


@dataclass
class Parsed:
    """A file read: the responses to store (each a list of (stage id, score, note))."""

    responses: list[list[tuple[int, int, str | None]]] = field(default_factory=list)


class ScoresError(Exception):
    """A file that cannot be stored: its problems, each a message key with arguments."""

    def __init__(self, problems: list[tuple[int, str, dict[str, object]]], more: int = 0,
                 key: str | None = None, **args: object) -> None:
        super().__init__(key or "import-scores-failed")
        self.problems, self.more, self.key, self.args_ = problems, more, key, args

    def text(self, lang: str) -> str:
        """What to tell the facilitator, in lang."""
        if self.key is not None:
            return t(lang, self.key, **self.args_)
        lines = [t(lang, "import-scores-failed")]
        lines += [t(lang, "import-scores-line", line=n, problem=t(lang, key, **args))
                  for n, key, args in self.problems]
        if self.more:
            lines.append(t(lang, "members-more", count=self.more))
        return "\n".join(lines)[:4000]


def _text(raw: bytes) -> str:
    if len(raw) > MAX_CSV_BYTES:
        raise ScoresError([], key="import-scores-too-large", max=MAX_CSV_BYTES // 1024)
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    raise ScoresError([], key="import-scores-encoding")


def _rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) of each row; a Dutch Excel file separates with ';'."""
    head = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=head.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        for cells in reader:
            yield reader.line_num, cells
    except csv.Error:  # a field over csv's own limit (128 KB), or a stray NUL
        yield reader.line_num, ["\x00error"]


def stage_names(ws: Workshop, stages: list[Stage]) -> dict[str, Stage]:
    """Every name a stage goes by (its number, its label, its label in each language)."""
    names: dict[str, Stage] = {}
    for st in stages:
        names[str(st.position + 1)] = st
        names[normalise(st.label)] = st
        for lang in LANGUAGES:
            names[normalise(stage_models.label(ws.stage_model, st.key, st.label, lang))] = st
    return names


def parse(raw: bytes, ws: Workshop, stages: list[Stage]) -> Parsed:
    """The responses in a file, or a ScoresError naming its bad lines."""
    rows = _rows(_text(raw))
    header = next(rows, None)
    if header is None:
        raise ScoresError([(1, "import-scores-empty", {})])
    where = {normalise(c): i for i, c in enumerate(header[1])}
    cols = {name: next((where[a] for a in aliases if a in where), None)
            for name, aliases in COLUMNS.items()}
    if cols["stage"] is None or cols["score"] is None:
        raise ScoresError([(1, "import-scores-header", {})])
    names = stage_names(ws, stages)
    known = ", ".join(clip(s.label, 30) for s in stages)
    problems: list[tuple[int, str, dict[str, object]]] = []
    grouped: dict[str, list[tuple[int, int, str | None]]] = {}
    count = 0
    for line, cells in rows:
        if not any(c.strip() for c in cells):
            continue
        count += 1
        if count > MAX_CSV_ROWS:
            raise ScoresError([], key="import-scores-too-many", max=MAX_CSV_ROWS)

        def cell(name: str, cells: list[str] = cells) -> str:
            i = cols[name]
            return clean_text(cells[i]) if i is not None and i < len(cells) else ""

        stage = names.get(normalise(cell("stage")))
        score, comment = cell("score"), cell("comment")
        if stage is None:
            problems.append((line, "import-scores-stage",
                             {"stage": clip(cell("stage"), 40), "stages": known}))
        elif not is_number(score) or not MIN_SCORE <= int(score) <= MAX_SCORE:
            problems.append((line, "import-scores-score", {"score": clip(score, 20)}))
        elif len(comment) > MAX_NOTE:
            problems.append((line, "import-scores-comment", {"max": MAX_NOTE}))
        else:
            who = cell("respondent") or f"\x00{line}"
            answers = grouped.setdefault(who, [])
            if any(s == stage.id for s, _, _ in answers):
                answers = grouped.setdefault(f"\x00{line}", [])  # the same stage again
            answers.append((stage.id or 0, int(score), comment or None))
    if problems:
        raise ScoresError(problems[:MAX_PROBLEMS], more=max(0, len(problems) - MAX_PROBLEMS))
    if not grouped:
        raise ScoresError([(2, "import-scores-empty", {})])
    return Parsed(list(grouped.values()))


def store(session: Session, ws: Workshop, parsed: Parsed, now: datetime) -> int:
    """Add the parsed responses to ws (round 1); how many. Refused beyond MAX_RESPONSES."""
    wid = ws.id or 0
    if surveys.all_responses(session=session, workshop_id=wid) + len(parsed.responses) \
            > MAX_RESPONSES:
        raise ScoresError([], key="import-scores-full", max=MAX_RESPONSES)
    number = rounds.current(session=session, workshop_id=wid)
    made = [SurveyResponse(workshop_id=wid, source="import", round=number, created_at=now,
                           finished_at=now) for _ in parsed.responses]
    session.add_all(made)
    session.flush()
    session.add_all([SurveyScore(response_id=r.id or 0, stage_id=stage_id, score=score,
                                 note=note)
                     for r, answers in zip(made, parsed.responses, strict=True)
                     for stage_id, score, note in answers])
    # Cached maps are keyed on the version: the curve changed (one UPDATE, version + 1).
    touch_now(session=session, workshop=ws)
    return len(made)


def import_into(session: Session, ws: Workshop, raw: bytes, now: datetime) -> int:
    """Read and store a file of scores into ws in the caller's transaction; how many."""
    stages = workshops.stages_of(session=session, workshop_id=ws.id or 0)
    return store(session, ws, parse(raw, ws, stages), now)


def refused(e: ScoresError, lang: str) -> UserError:
    """A ScoresError as the UserError the engine shows (its text already said)."""
    return UserError("import-scores-said", text=e.text(lang)).speaking(lang)


def import_for(session: Session, person_id: int, workshop_id: int | None, raw: bytes,
               now: datetime, lang: str) -> tuple[Workshop, int]:
    """A facilitator's file of scores into their active workshop (workshop_id); the
    workshop and how many responses it got. Refusals are UserErrors in lang."""
    ws = session.get(Workshop, workshop_id) if workshop_id else None
    member = persons.member_of(session=session, workshop_id=ws.id or 0,
                               person_id=person_id) if ws is not None else None
    if ws is None or member is None or member.role != Role.FACILITATOR \
            or member.removed_at is not None:
        raise UserError("import-scores-not-facilitator").speaking(lang)
    try:
        return ws, import_into(session, ws, raw, now)
    except ScoresError as e:
        raise refused(e, lang) from None
