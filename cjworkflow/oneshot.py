"""PostgreSQL: a plain one-line entry from a member in one statement.

The hot path (WorkshopEngine._quick_text) looks the writer up, then stores; on PostgreSQL each
statement is a network round trip that the event loop waits for. Here the look-up, the
update's receipt, the entry and the workshop's version bump are one statement: the line is
parsed beforehand for every plain step (goals, personas, resources) and the statement picks
the variant of the workshop's current step. When anything the hot path checks does not hold
(not a member, an open follow-up question, a changed name, a finished workshop, another
step), it stores nothing and says so: the caller takes the usual path in the same
transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from cjworkflow import parsing
from cjworkflow.entries import PLAIN_PARSERS, PlainEntry, plain_entry
from cjworkflow.entry_context import Outcome
from cjworkflow.i18n import normalise_lang
from cjworkflow.messages import Command, Reply
from cjworkflow.models import WorkshopStatus, utcnow
from cjworkflow.steps import STEPS

# The steps whose lines become one entry each, by number, and their parsers.
PLAIN_STEPS = {s.number: s.parser for s in STEPS if s.parser in PLAIN_PARSERS}

_VARIANTS = ", ".join(
    f"({n}, CAST(:kind{n} AS VARCHAR), CAST(:text{n} AS VARCHAR), CAST(:detail{n} AS VARCHAR), "
    f"CAST(:goal{n} AS VARCHAR), CAST(:have{n} AS BOOLEAN))" for n in PLAIN_STEPS)

_SQL = """
WITH t AS (
    SELECT w.id AS wid, w.language AS wlang, w.chat_ref AS wchat, w.current_step AS step,
           m.id AS mid, p.language AS plang
    FROM person p
    JOIN workshop w ON {workshop}
    JOIN member m ON m.workshop_id = w.id AND m.person_id = p.id
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
         ON x.step = t.step AND x.text IS NOT NULL AND x.text <> ''),
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
SELECT v.wid, v.wlang, v.wchat, v.plang, v.text, EXISTS (SELECT 1 FROM r), (SELECT id FROM e)
FROM v"""

_GROUP = text(_SQL.format(
    workshop="w.id = (SELECT id FROM workshop WHERE chat_ref = :chat_ref "
             "ORDER BY id DESC LIMIT 1)", variants=_VARIANTS))
_PRIVATE = text(_SQL.format(
    workshop="w.id = p.active_workshop_id AND p.private_chat_ok", variants=_VARIANTS))


@dataclass(frozen=True)
class Shot:
    """What the statement did: the workshop written into, and whether it stored the entry."""

    workshop_id: int
    language: str
    chat_ref: str | None
    person_language: str | None
    text: str
    new: bool  # False: the update's receipt existed, it was applied before
    stored: bool  # False: this message was stored already


def _variant(parser: str, line: str) -> PlainEntry | None:
    try:
        return plain_entry(parser, line)
    except parsing.ParseError:
        return None  # the usual path reports it


def try_entry(session: Session, cmd: Command, line: str) -> Shot | None:
    """Store one line as the current step's entry in one statement; None: nothing done."""
    params: dict[str, Any] = {
        "external_id": cmd.actor.external_id, "chat_ref": cmd.chat_ref,
        "finished": str(WorkshopStatus.FINISHED),
        "name": (cmd.actor.display_name or "")[:128], "handle": (cmd.actor.handle or "")[:64],
        "receipt_key": cmd.receipt_key, "source_ref": f"{cmd.source_ref}:0", "now": utcnow()}
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
                stored=row[6] is not None)


def replies(session: Session, cmd: Command) -> list[Reply] | None:
    """The engine's hot path on PostgreSQL: the replies for a member's plain line stored in
    one statement; None: nothing was done, the usual path runs."""
    from cjworkflow.engine import _outcome_replies, address  # the engine imports this module

    try:
        lines = parsing.split_lines(cmd.text)
    except parsing.ParseError:
        return None
    if len(lines) != 1 or not cmd.source_ref:
        return None
    shot = try_entry(session, cmd, lines[0])
    if shot is None:
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
