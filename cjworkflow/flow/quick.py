"""The hot path: a member's one-line entry without ORM objects, in a few statements.

A line for a plain step (goals, personas, resources) or a staged one (touchpoints,
elements, observations) from a member without open questions whose name and handle are
unchanged, into a running workshop. Everything is decided before anything is written, so
when anything does not hold the general path takes over in the same transaction (the
workshop stays locked).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlmodel import Session

from cjworkflow.flow.entry_context import Outcome
from cjworkflow.i18n import normalise_lang
from cjworkflow.limits.room import has_room
from cjworkflow.messages import Command, Reply
from cjworkflow.reading import parsing
from cjworkflow.steps import step
from cjworkflow.steps.entries import (
    PLAIN_PARSERS,
    STAGED_PARSERS,
    PlainEntry,
    plain_entry,
    staged_entry,
)
from cjworkflow.storage import lookups, persons, store
from cjworkflow.storage.models import WorkshopStatus

if TYPE_CHECKING:
    from cjworkflow.flow.engine import WorkshopEngine


def line_entry(session: Session, parser: str, line: str, workshop_id: int,
               focus_stage: int) -> PlainEntry | None:
    """The entry one line of a plain or staged step becomes; None: the general path decides
    (it also reports a line that does not parse)."""
    try:
        if parser in PLAIN_PARSERS:
            return plain_entry(parser, line)
        if parser in STAGED_PARSERS:
            stages = lookups.stage_rows(session=session, workshop_id=workshop_id)
            return staged_entry(parser, line, stages, focus_stage)
    except parsing.ParseError:
        pass
    return None


def replies(engine: WorkshopEngine, session: Session, cmd: Command, *,
            claim: bool = False) -> list[Reply] | None:
    """on_text() for the hot path; None: nothing was written, the general path runs.

    claim: the update's receipt is claimed here, once the line is known to be an entry (the
    caller has not claimed it); a receipt seen before means no reply at all.
    """
    from cjworkflow.flow.engine import _outcome_replies, address  # the engine imports this module

    if cmd.private:
        # A private chat writes into the person's active workshop, in their language.
        at = lookups.private_text_target(session=session, external_id=cmd.actor.external_id)
        if at is None or not at.private_ok:
            return None
        lang = normalise_lang(at.person_language) if at.person_language else at.language
    else:
        at = lookups.text_target(session=session, external_id=cmd.actor.external_id,
                                 chat_ref=cmd.chat_ref)
        lang = at.language if at is not None else ""
    if (at is None or at.member_id is None or at.pending
            or at.status == WorkshopStatus.FINISHED
            or persons.refreshed(cmd.actor, display_name=at.display_name, handle=at.handle)
            != (at.display_name, at.handle)):
        return None
    try:
        lines = parsing.split_lines(cmd.text)
    except parsing.ParseError:
        return None
    if len(lines) != 1:
        return None
    entry = line_entry(session, step(at.current_step).parser, lines[0], at.workshop_id,
                       at.focus_stage)
    if entry is None or not has_room(session, at.workshop_id, at.version):
        return None  # a full workshop: the general path says so
    if claim and cmd.receipt_key and not store.claim_receipt(session=session,
                                                             key=cmd.receipt_key):
        return []  # a redelivered update
    now = engine.clock()  # read once per command, as the general path does
    ref = cmd.source_ref or f"cmd:{now.timestamp()}"
    out = Outcome()
    if engine.postgres and entry.text:
        # Every statement is a network round trip there: insert and bump in one.
        if store.add_entry_touching(session=session, workshop_id=at.workshop_id,
                                    version=at.version, kind=entry.kind, step=at.current_step,
                                    text=entry.text, author_id=at.member_id,
                                    source_ref=f"{ref}:0", **entry.extra) is not None:
            out.stored.append(entry.text)
            out.changed = True
    elif store.add_entry(session=session, workshop_id=at.workshop_id, kind=entry.kind,
                         step=at.current_step, text=entry.text, author_id=at.member_id,
                         source_ref=f"{ref}:0", **entry.extra) is not None and entry.text:
        out.stored.append(entry.text)
        out.changed = True
        store.touch_row(session=session, workshop_id=at.workshop_id, version=at.version)
    # In a private chat the member's view of a group workshop's card is kept up to date.
    mirror = cmd.private and bool(at.chat_ref)
    found = _outcome_replies(out, lang=lang, wid=at.workshop_id, mirror=mirror)
    address(found, lang, (at.language, at.chat_ref))
    return found
