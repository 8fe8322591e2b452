"""PostgreSQL: a member's one-line entry in one or two statements.

The hot path (cjworkflow.flow.quick) looks the writer up, then stores; on PostgreSQL each
statement is a network round trip that the event loop waits for. Here the look-up, the
update's receipt, the entry and the workshop's version bump are one statement: the line is
parsed beforehand for every plain step (goals, personas, resources) and the statement picks
the variant of the workshop's current step. In a staged step (touchpoints, elements,
observations) the line needs the stages to be parsed: the statement returns them and a
second one stores. When anything the hot path checks does not hold (not a member, an open
follow-up question, a changed name, a finished workshop, a line that needs more than an
entry, a workshop at its entry cap), it stores nothing and says so: the caller takes the
usual path in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from cjworkflow.flow.entry_context import Outcome
from cjworkflow.i18n import normalise_lang
from cjworkflow.limits import MAX_ENTRIES, room
from cjworkflow.messages import Command, Reply
from cjworkflow.reading import parsing
from cjworkflow.steps import STEPS
from cjworkflow.steps.entries import (
    PLAIN_PARSERS,
    STAGED_PARSERS,
    PlainEntry,
    plain_entry,
    staged_entry,
)
from cjworkflow.storage.models import WorkshopStatus, utcnow

# The steps whose lines become one entry each, by number, and their parsers.
PLAIN_STEPS = {s.number: s.parser for s in STEPS if s.parser in PLAIN_PARSERS}
# The steps whose lines hang on a stage: parsed once the statement has read the stages.
STAGED_STEPS = {s.number: s.parser for s in STEPS if s.parser in STAGED_PARSERS}

_VARIANTS = ", ".join(
    f"({n}, CAST(:kind{n} AS VARCHAR), CAST(:text{n} AS VARCHAR), CAST(:detail{n} AS VARCHAR), "
    f"CAST(:goal{n} AS VARCHAR), CAST(:have{n} AS BOOLEAN))" for n in PLAIN_STEPS)

_SQL = """
WITH t AS (
    SELECT w.id AS wid, w.language AS wlang, w.chat_ref AS wchat, w.current_step AS step,
           m.id AS mid, p.language AS plang, w.focus_stage AS focus, w.version AS ver,
           CASE WHEN w.id = :cap_wid AND w.version BETWEEN :cap_low AND :cap_high THEN -1
                ELSE (SELECT count(*) FROM entry c WHERE c.workshop_id = w.id) END AS cnt
    FROM person p
    JOIN workshop w ON {workshop}
    JOIN member m ON m.workshop_id = w.id AND m.person_id = p.id AND m.removed_at IS NULL
    WHERE p.external_id = :external_id
      AND w.status <> :finished
      AND (:name = '' OR p.display_name = :name)
      AND (:handle = '' OR p.handle = :handle)
      AND NOT EXISTS (SELECT 1 FROM pendingquestion q
                      WHERE q.workshop_id = w.id AND q.member_id = m.id)
    FOR UPDATE OF w),
v AS (
    SELECT t.*, x.kind, x.text, x.detail, x.goal, x.have
    FROM t JOIN (VALUES {variants}) AS x(step, kind, text, detail, goal, have)
         ON x.step = t.step AND x.text IS NOT NULL AND x.text <> '' AND t.cnt < :max_entries),
r AS (
    INSERT INTO inboundreceipt (key, created_at) SELECT :receipt_key, :now FROM v
    ON CONFLICT (key) DO NOTHING RETURNING key),
e AS (
    INSERT INTO entry (workshop_id, kind, step, text, stage_id, detail, goal, channel,
                       is_target, have, author_id, source_ref, created_at)
    SELECT v.wid, v.kind, v.step, v.text, NULL, v.detail, v.goal, NULL, false, v.have, v.mid,
           :source_ref, :now
    FROM v WHERE EXISTS (SELECT 1 FROM r)
    ON CONFLICT (workshop_id, source_ref) DO NOTHING RETURNING id),
u AS (
    UPDATE workshop SET version = version + 1, updated_at = :now
    WHERE id = (SELECT wid FROM v) AND EXISTS (SELECT 1 FROM e))
SELECT t.wid, t.wlang, t.wchat, t.plang, v.text, EXISTS (SELECT 1 FROM r), (SELECT id FROM e),
       t.step, t.focus, t.mid,
       CASE WHEN v.wid IS NULL AND t.step IN ({staged}) THEN
           (SELECT json_agg(json_build_array(s.id, s.label) ORDER BY s.position)
            FROM stage s WHERE s.workshop_id = t.wid) END,
       t.ver, t.cnt
FROM t LEFT JOIN v ON true"""

_STAGED_LIST = ", ".join(str(n) for n in STAGED_STEPS)
_GROUP = text(_SQL.format(
    workshop="w.id = (SELECT id FROM workshop WHERE chat_ref = :chat_ref "
             "ORDER BY id DESC LIMIT 1)", variants=_VARIANTS, staged=_STAGED_LIST))
_PRIVATE = text(_SQL.format(
    workshop="w.id = p.active_workshop_id AND p.private_chat_ok", variants=_VARIANTS,
    staged=_STAGED_LIST))

# A staged step's line, parsed against the stages the first statement returned: the
# receipt, the entry and the version bump in a second one.
_STAGED_WRITE = text("""
WITH r AS (
    INSERT INTO inboundreceipt (key, created_at) VALUES (:receipt_key, :now)
    ON CONFLICT (key) DO NOTHING RETURNING key),
e AS (
    INSERT INTO entry (workshop_id, kind, step, text, stage_id, detail, goal, channel,
                       is_target, have, author_id, source_ref, created_at)
    SELECT :workshop_id, CAST(:kind AS VARCHAR), :step, CAST(:text AS VARCHAR),
           CAST(:stage_id AS INTEGER), NULL, NULL, CAST(:channel AS VARCHAR), false, false,
           :author_id, :source_ref, :now
    WHERE EXISTS (SELECT 1 FROM r)
    ON CONFLICT (workshop_id, source_ref) DO NOTHING RETURNING id),
u AS (
    UPDATE workshop SET version = version + 1, updated_at = :now
    WHERE id = :workshop_id AND EXISTS (SELECT 1 FROM e))
SELECT EXISTS (SELECT 1 FROM r), (SELECT id FROM e)""")


@dataclass(frozen=True)
class Shot:
    """What the statement did: the workshop written into, and whether it stored the entry."""

    workshop_id: int
    language: str
    chat_ref: str | None
    person_language: str | None
    text: str | None  # None: nothing stored, the line is no plain entry of this step
    new: bool  # False: the update's receipt existed, it was applied before
    stored: bool  # False: this message was stored already
    step: int
    focus_stage: int
    member_id: int
    # A staged step's stages (id, label) in order, when nothing was stored yet.
    stages: list[tuple[int, str]] | None
    version: int = 0  # the workshop's version before this statement
    entries: int = -1  # its entries then, when they were counted (-1: room was vouched for)


def _variant(parser: str, line: str) -> PlainEntry | None:
    try:
        return plain_entry(parser, line)
    except parsing.ParseError:
        return None  # the usual path reports it


def _key(cmd: Command) -> str:
    """Who writes where: the statement's workshop follows from it."""
    return f"p:{cmd.actor.external_id}" if cmd.private else f"g:{cmd.chat_ref}"


def try_entry(session: Session, cmd: Command, line: str) -> Shot | None:
    """Store one line as the current step's entry in one statement; None: nothing done."""
    params: dict[str, Any] = {
        "external_id": cmd.actor.external_id, "chat_ref": cmd.chat_ref,
        "finished": str(WorkshopStatus.FINISHED),
        "name": (cmd.actor.display_name or "")[:128], "handle": (cmd.actor.handle or "")[:64],
        "receipt_key": cmd.receipt_key, "source_ref": f"{cmd.source_ref}:0", "now": utcnow(),
        "max_entries": MAX_ENTRIES}
    # The entry cap costs a count only when no earlier count vouches for room.
    params["cap_wid"], params["cap_low"], params["cap_high"] = room.vouched_for(session, _key(cmd))
    for number, parser in PLAIN_STEPS.items():
        plain = _variant(parser, line)
        extra = plain.extra if plain is not None else {}
        params.update({f"kind{number}": str(plain.kind) if plain else None,
                       f"text{number}": plain.text if plain else None,
                       f"detail{number}": extra.get("detail"),
                       f"goal{number}": extra.get("goal"),
                       f"have{number}": bool(extra.get("have", False))})
    row = session.connection().execute(_PRIVATE if cmd.private else _GROUP, params).first()
    if row is None:
        return None
    return Shot(workshop_id=int(row[0]), language=row[1], chat_ref=row[2],
                person_language=row[3], text=row[4], new=bool(row[5]),
                stored=row[6] is not None, step=int(row[7]), focus_stage=int(row[8]),
                member_id=int(row[9]),
                stages=[(int(i), str(label)) for i, label in row[10]]
                if row[10] is not None else None, version=int(row[11]), entries=int(row[12]))


def _staged(session: Session, cmd: Command, shot: Shot, line: str) -> Shot | None:
    """Store a staged step's line once the first statement has read the stages."""
    try:
        entry = staged_entry(STAGED_STEPS[shot.step], line, shot.stages or [], shot.focus_stage)
    except parsing.ParseError:
        return None
    if entry is None or not entry.text:
        return None  # a question to ask, a score, or nothing to store: the usual path
    row = session.connection().execute(_STAGED_WRITE, {
        "receipt_key": cmd.receipt_key, "now": utcnow(), "workshop_id": shot.workshop_id,
        "kind": str(entry.kind), "step": shot.step, "text": entry.text,
        "stage_id": entry.extra.get("stage_id"), "channel": entry.extra.get("channel"),
        "author_id": shot.member_id, "source_ref": f"{cmd.source_ref}:0"}).one()
    return replace(shot, text=entry.text, new=bool(row[0]), stored=row[1] is not None)


def replies(session: Session, cmd: Command) -> list[Reply] | None:
    """The engine's hot path on PostgreSQL: the replies for a member's plain line stored in
    one statement; None: nothing was done, the usual path runs."""
    from cjworkflow.flow.engine import _outcome_replies, address  # the engine imports this module

    try:
        lines = parsing.split_lines(cmd.text)
    except parsing.ParseError:
        return None
    if len(lines) != 1 or not cmd.source_ref:
        return None
    shot = try_entry(session, cmd, lines[0])
    if shot is not None and shot.entries >= 0:
        room.counted(session, shot.workshop_id, shot.version, shot.entries, _key(cmd))
        if shot.entries >= MAX_ENTRIES:
            return None  # a full workshop stored nothing: the usual path says so
    if shot is not None and shot.text is None and shot.stages is not None:
        shot = _staged(session, cmd, shot, lines[0])
    if shot is None or shot.text is None:
        return None
    if not shot.new:
        return []  # a redelivered update
    lang = (normalise_lang(shot.person_language) if cmd.private and shot.person_language
            else shot.language)
    out = Outcome()
    if shot.stored:
        out.stored.append(shot.text)
        out.changed = True
    found = _outcome_replies(out, lang=lang, wid=shot.workshop_id,
                             mirror=cmd.private and bool(shot.chat_ref))
    address(found, lang, (shot.language, shot.chat_ref))
    return found
