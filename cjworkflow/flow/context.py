"""A handler's context, a value: what a command is about, found once and passed on.

resolve() returns a new context with the workshop it found; a handler that changes what the
context is about (a new workshop, another language) builds a new one with replace().
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from sqlmodel import Session

from cjworkflow.errors import UserError
from cjworkflow.flow import cards, outcomes
from cjworkflow.flow.entry_context import EntryContext, Outcome
from cjworkflow.members import rules
from cjworkflow.messages import Command, Dest, Kind, Reply
from cjworkflow.storage import lookups
from cjworkflow.storage.models import Member, Person, Role, Workshop, WorkshopStatus

if TYPE_CHECKING:
    from cjworkflow.flow.engine import WorkshopEngine


@dataclass(frozen=True)
class Ctx:
    """One command's context inside its transaction."""

    session: Session
    cmd: Command
    person: Person
    lang: str
    now: datetime
    engine: WorkshopEngine
    workshop: Workshop | None = None
    member: Member | None = None
    # Found before the handler ran (a group's text): resolve() uses it instead of looking.
    found: lookups.InChat | None = None
    # Whether the member has open follow-up questions, when known.
    pending: bool | None = None
    # A view's context: the session only reads, and nothing is locked.
    read_only: bool = False

    @property
    def ws(self) -> Workshop:
        assert self.workshop is not None
        return self.workshop

    @property
    def wid(self) -> int:
        return self.ws.id or 0

    def entry_ctx(self) -> EntryContext:
        """The context entry handling needs; registers the actor as a member."""
        assert self.member is not None
        return EntryContext(self.session, self.ws, self.member, self.lang, self.now,
                            reminder_offsets=self.engine.reminder_offsets,
                            join_link=self.engine.join_link)


Handler = Callable[[Ctx], list[Reply]]


def resolve(ctx: Ctx, *, required: bool = True, register: bool = True) -> Ctx:
    """The context with the workshop the command is about found, locked and entered (its
    membership checked); without one (not required) ctx as it was, minus what it found."""
    cmd, s = ctx.cmd, ctx.session
    ws: Workshop | None = None
    member: Member | None = None
    # The lookup takes the row lock itself: a workshop's changes are serialised.
    person_id = ctx.person.id or 0
    lock = not ctx.read_only
    found, pending = ctx.found, ctx.pending
    if found is not None and not cmd.private and cmd.workshop_id is None:
        ws, member = found.workshop, found.member
        pending = found.pending if member is not None else False
    elif cmd.workshop_id is not None:
        ws, member = lookups.lock_workshop_with_member(session=s, person_id=person_id,
                                                     workshop_id=cmd.workshop_id, lock=lock)
    elif not cmd.private:
        ws, member = lookups.lock_workshop_with_member(session=s, person_id=person_id,
                                                     chat_ref=cmd.chat_ref, lock=lock)
    elif ctx.person.active_workshop_id:
        ws, member = lookups.lock_workshop_with_member(
            session=s, person_id=person_id, workshop_id=ctx.person.active_workshop_id,
            lock=lock)
    if ws is None:
        if required:
            raise UserError("no-workshop-group" if not cmd.private else "no-workshop-private")
        return replace(ctx, found=None)
    in_group = not cmd.private and ws.chat_ref == cmd.chat_ref
    # Only the workshop's own group registers newcomers (on first use): see members.rules.
    member = rules.entering(s, ws, ctx.person, member, in_group=in_group, required=required,
                            writes=register)
    lang = outcomes.reply_language(ws.language, ctx.person.language, in_group=in_group)
    return replace(ctx, workshop=ws, member=member, lang=lang, found=None, pending=pending)


def require_facilitator(ctx: Ctx) -> None:
    """Only facilitators steer."""
    if ctx.member is None or ctx.member.role != Role.FACILITATOR:
        raise UserError("only-facilitator")


def require_active(ctx: Ctx) -> None:
    """Entries go into running workshops only."""
    if ctx.ws.status == WorkshopStatus.FINISHED:
        raise UserError("workshop-finished")


def addressed(ctx: Ctx, replies: list[Reply]) -> list[Reply]:
    """replies with where workshop replies go and their language filled in from ctx."""
    ws = ctx.workshop
    outcomes.address(replies, ctx.lang, (ws.language, ws.chat_ref) if ws is not None else None)
    return replies


def within(ctx: Ctx, handler: Handler) -> list[Reply]:
    """handler's replies in ctx, addressed; a user's mistake it raises speaks ctx's language
    unless it says its own."""
    try:
        replies = handler(ctx)
    except UserError as e:
        if e.lang is None:
            e.lang = ctx.lang
        raise
    return addressed(ctx, replies)


def card_reply(ctx: Ctx, *, note: str | None = None, kind: Kind = Kind.CARD) -> Reply:
    """The workshop's step card for its chat: in full when new, as a marker when edited."""
    if kind is Kind.CARD_EDIT:
        return outcomes.card_edit(ctx.wid)
    reply = cards.card(ctx.session, ctx.ws, ctx.ws.language, note=note, kind=kind, now=ctx.now)
    reply.dest = Dest.WORKSHOP
    return reply


def outcome_replies(ctx: Ctx, out: Outcome) -> list[Reply]:
    """Acknowledge stored input lightly, report problems, ask the next follow-up."""
    # In a private chat the member's view is the same card, kept up to date there too.
    mirror = ctx.cmd.private and bool(ctx.ws.chat_ref)
    return outcomes.outcome_replies(out, lang=ctx.lang, wid=ctx.wid, mirror=mirror)
