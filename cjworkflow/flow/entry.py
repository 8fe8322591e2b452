"""One path for a member's entry: a plain line stored without ORM objects, in few statements.

A line for a plain step (goals, personas, resources) or a staged one (touchpoints,
elements, observations) from whoever passes the guard (cjworkflow.storage.lookups.GUARD)
becomes one entry, written by cjworkflow.storage.entry_sql. Everything is decided before
anything is written, so when anything does not hold (None) the general path takes over in
the same transaction (the workshop stays locked). The path has two shapes of the same
statements: the look-up, then the write; or, on PostgreSQL with an update's receipt, the
look-up, the receipt, the entry and the bump in one statement (each statement is a network
round trip there), the line parsed beforehand for every plain step and the statement
picking the variant of the workshop's current step. A staged step's line needs the stages
to be parsed: that statement returns them and the write follows.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import TextClause
from sqlmodel import Session

from cjworkflow.flow.entry_context import Outcome
from cjworkflow.flow.outcomes import address, outcome_replies, reply_language
from cjworkflow.messages import Command, Reply
from cjworkflow.reading import parsing
from cjworkflow.steps import STEPS, step
from cjworkflow.steps.entries import (
    PLAIN_PARSERS,
    STAGED_PARSERS,
    PlainEntry,
    plain_entry,
    staged_entry,
)
from cjworkflow.storage import entry_sql, lookups
from cjworkflow.storage.entry_sql import ENTRY_DEFAULTS, PG_TYPES, bump, insert_entry
from cjworkflow.storage.lookups import TextTarget
from cjworkflow.storage.models import utcnow

# The steps whose lines become one entry each, by number, and their parsers.
PLAIN_STEPS = {s.number: s.parser for s in STEPS if s.parser in PLAIN_PARSERS}
# The steps whose lines hang on a stage: parsed once the stages are read.
STAGED_STEPS = {s.number: s.parser for s in STEPS if s.parser in STAGED_PARSERS}
# The entry columns a plain step's parser fills in: one variant of them per plain step.
VARIANT_COLUMNS = ("kind", "text", "detail", "goal", "have")


def _one_statement(private: bool) -> TextClause:
    """TARGET, the variants, the receipt, the entry and the bump as one WITH statement."""
    cols = ", ".join(VARIANT_COLUMNS)
    variants = ", ".join(
        "(" + ", ".join([str(n)] + [f"CAST(:{c}{n} AS {PG_TYPES[c]})" for c in VARIANT_COLUMNS])
        + ")" for n in PLAIN_STEPS)
    entry = entry_sql.entry_select(
        {"workshop_id": "v.wid", "kind": "v.kind", "step": "v.step", "text": "v.text",
         "detail": "v.detail", "goal": "v.goal", "have": "v.have", "author_id": "v.mid",
         "source_ref": ":source_ref", "created_at": ":now"},
        "FROM v WHERE EXISTS (SELECT 1 FROM r)")
    staged = ", ".join(str(n) for n in STAGED_STEPS)
    return entry_sql.typed(f"""
WITH t AS ({lookups.target_sql(private=private, postgres=True)}),
v AS (SELECT t.*, {", ".join("x." + c for c in VARIANT_COLUMNS)}
      FROM t JOIN (VALUES {variants}) AS x(vstep, {cols})
      ON x.vstep = t.step AND t.fast = 1 AND x.text IS NOT NULL AND x.text <> ''),
r AS ({entry_sql.insert_receipt("SELECT :key, :now FROM v")}),
e AS ({insert_entry(entry)}),
u AS ({bump("id = (SELECT wid FROM v) AND EXISTS (SELECT 1 FROM e)")})
SELECT t.*, v.text, EXISTS (SELECT 1 FROM r), (SELECT id FROM e),
       CASE WHEN v.wid IS NULL AND t.fast = 1 AND t.step IN ({staged}) THEN
           (SELECT json_agg(json_build_array(s.id, s.label) ORDER BY s.position)
            FROM stage s WHERE s.workshop_id = t.wid) END
FROM t LEFT JOIN v ON true""")


_ONE = {private: _one_statement(private) for private in (True, False)}


def _plain(parser: str, line: str) -> PlainEntry | None:
    try:
        return plain_entry(parser, line)
    except parsing.ParseError:
        return None  # the general path reports it


def line_entry(session: Session, parser: str, line: str, workshop_id: int, focus_stage: int,
               stages: list[tuple[int, str]] | None = None) -> PlainEntry | None:
    """The entry one line of a plain or staged step becomes (stages: read if not given);
    None: the general path decides (it also reports a line that does not parse, and asks
    the questions a line raises)."""
    entry: PlainEntry | None
    try:
        if parser in PLAIN_PARSERS:
            entry = plain_entry(parser, line)
        elif parser in STAGED_PARSERS:
            if stages is None:
                stages = lookups.stage_rows(session=session, workshop_id=workshop_id)
            entry = staged_entry(parser, line, stages, focus_stage)
        else:
            return None
    except parsing.ParseError:
        return None
    return entry if entry is not None and entry.text else None


def _write(session: Session, at: TextTarget, entry: PlainEntry, ref: str, *,
           receipt_key: str | None, postgres: bool) -> tuple[bool, bool]:
    values = entry_sql.entry_values(workshop_id=at.workshop_id, kind=entry.kind,
                                    step=at.current_step, text=entry.text,
                                    author_id=at.member_id, source_ref=f"{ref}:0",
                                    **entry.extra)
    return entry_sql.write_entry(session=session, values=values, version=at.version,
                                 receipt_key=receipt_key, postgres=postgres)


def _answer(cmd: Command, at: TextTarget, stored: str | None) -> list[Reply]:
    out = Outcome()
    if stored is not None:
        out.stored.append(stored)
        out.changed = True
    lang = reply_language(at.language, at.person_language, in_group=not cmd.private)
    # In a private chat the member's view of a group workshop's card is kept up to date.
    found = outcome_replies(out, lang=lang, wid=at.workshop_id,
                            mirror=cmd.private and bool(at.chat_ref))
    address(found, lang, (at.language, at.chat_ref))
    return found


def _looked_up(session: Session, cmd: Command, line: str, *, postgres: bool,
               clock: Callable[[], datetime], claim: bool) -> list[Reply] | None:
    """The look-up, then the write."""
    at = lookups.text_target(session=session, cmd=cmd, postgres=postgres)
    if at is None or not at.fast:
        return None
    entry = line_entry(session, step(at.current_step).parser, line, at.workshop_id,
                       at.focus_stage)
    if entry is None:
        return None
    ref = cmd.source_ref or f"cmd:{clock().timestamp()}"  # read once, as the general path does
    new, stored = _write(session, at, entry, ref, receipt_key=cmd.receipt_key if claim else None,
                         postgres=postgres)
    return _answer(cmd, at, entry.text if stored else None) if new else []


def _in_one(session: Session, cmd: Command, line: str) -> list[Reply] | None:
    """PostgreSQL: the look-up and the write in one statement (two for a staged step)."""
    params: dict[str, Any] = lookups.target_params(session, cmd)
    params.update(key=cmd.receipt_key, source_ref=f"{cmd.source_ref}:0", now=utcnow())
    for number, parser in PLAIN_STEPS.items():
        plain = _plain(parser, line)
        values = dict(plain.extra, kind=str(plain.kind), text=plain.text) if plain else {}
        params.update({f"{c}{number}": values.get(c, ENTRY_DEFAULTS[c]) for c in VARIANT_COLUMNS})
    row = session.connection().execute(_ONE[cmd.private], params).first()
    if row is None:
        return None
    at = lookups.found_target(session, cmd, row)
    text, new, stored, stages = row[15], bool(row[16]), row[17] is not None, row[18]
    if not at.fast:
        return None
    if text is None:
        if stages is None:
            return None  # no plain entry of this step
        entry = line_entry(session, STAGED_STEPS[at.current_step], line, at.workshop_id,
                           at.focus_stage, [(int(i), str(label)) for i, label in stages])
        if entry is None:
            return None
        new, stored = _write(session, at, entry, cmd.source_ref or "",
                             receipt_key=cmd.receipt_key, postgres=True)
        text = entry.text
    return _answer(cmd, at, text if stored else None) if new else []


def replies(session: Session, cmd: Command, *, postgres: bool, clock: Callable[[], datetime],
            claim: bool) -> list[Reply] | None:
    """The replies for a member's plain line, stored; None: nothing was written, the general
    path runs. claim: the update's receipt is claimed here, once the line is known to be an
    entry (the caller has not claimed it); a receipt seen before means no reply at all."""
    try:
        lines = parsing.split_lines(cmd.text)
    except parsing.ParseError:
        return None
    if len(lines) != 1:
        return None
    if postgres and claim and cmd.receipt_key and cmd.source_ref:
        return _in_one(session, cmd, lines[0])
    return _looked_up(session, cmd, lines[0], postgres=postgres, clock=clock, claim=claim)
