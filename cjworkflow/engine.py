"""The engine's one entry point: a Command in, Replies out, one transaction per command."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.engine import Engine as DbEngine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from cjworkflow import cards, store
from cjworkflow.db import transaction
from cjworkflow.entries import EntryContext, Outcome
from cjworkflow.errors import UserError
from cjworkflow.i18n import normalise_lang, t
from cjworkflow.messages import Button, Command, Dest, Kind, Reply, Verb
from cjworkflow.models import Member, Person, Role, Workshop, WorkshopStatus

log = logging.getLogger(__name__)

# Verbs that only read: anyone in a workshop's group may use them without registering.
READ_ONLY = {Verb.STATUS, Verb.MAP, Verb.ACTIONS, Verb.EXPORT, Verb.HELP, Verb.CARD}


@dataclass
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
        return EntryContext(self.session, self.ws, self.member, self.lang, self.now)


Handler = Callable[[Ctx], list[Reply]]


class WorkshopEngine:
    """Runs workshops: transport-free, thread-safe (all state lives in the database)."""

    def __init__(self, db: DbEngine, *, default_language: str = "nl",
                 default_timezone: str = "Europe/Amsterdam",
                 join_link: Callable[[str], str] = lambda code: f"/join {code}",
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.db = db
        self.default_language = default_language
        self.default_timezone = default_timezone
        self.join_link = join_link
        self.clock = clock
        from cjworkflow import handlers  # the verb table lives beside the handlers

        self._handlers: dict[Verb, Handler] = handlers.TABLE

    def handle(self, cmd: Command) -> list[Reply]:
        """Apply one command in one transaction and return what to show."""
        lang = normalise_lang(cmd.actor.language, self.default_language)
        ctx: Ctx | None = None
        try:
            with transaction(self.db) as session:
                if cmd.receipt_key and store.receipt_seen(session=session, key=cmd.receipt_key):
                    return []
                person = store.upsert_person(session=session, actor=cmd.actor)
                if cmd.private and not person.private_chat_ok:
                    person.private_chat_ok = True
                lang = normalise_lang(person.language or cmd.actor.language,
                                      self.default_language)
                ctx = Ctx(session, cmd, person, lang, self.clock(), self)
                replies = self._handlers[cmd.verb](ctx)
                _address(ctx, replies)
                if cmd.receipt_key:
                    store.add_receipt(session=session, key=cmd.receipt_key)
        except UserError as e:
            self._remember(cmd)
            lang = ctx.lang if ctx else lang
            kind = Kind.ALERT if cmd.verb is Verb.BUTTON else Kind.MESSAGE
            return [Reply(text=t(lang, e.key, **e.args_), kind=kind)]
        except IntegrityError:
            # A concurrent delivery of the same input won the race: it is stored once.
            log.info("duplicate input ignored: %s", cmd.source_ref)
            return []
        return replies

    def card(self, workshop_id: int, *, lang: str | None = None) -> Reply | None:
        """The current step card of a workshop (read-only), or None if it is gone."""
        with Session(self.db) as session:
            ws = session.get(Workshop, workshop_id)
            if ws is None:
                return None
            reply = cards.card(session, ws, normalise_lang(lang or ws.language),
                               kind=Kind.CARD_EDIT)
            session.rollback()
            return reply

    def card_message(self, chat_ref: str, workshop_id: int) -> str | None:
        """The transport's message reference of the living card in a chat."""
        with Session(self.db) as session:
            return store.card_message(session=session, chat_ref=chat_ref,
                                      workshop_id=workshop_id)

    def set_card_message(self, chat_ref: str, workshop_id: int, message_ref: str) -> None:
        """Remember which message is the living card in a chat."""
        with transaction(self.db) as session:
            if session.get(Workshop, workshop_id) is not None:
                store.set_card_message(session=session, chat_ref=chat_ref,
                                       workshop_id=workshop_id, message_ref=message_ref)

    def move_chat(self, old_ref: str, new_ref: str, *, receipt_key: str | None = None) -> int:
        """A group chat got a new reference (e.g. upgraded to a supergroup)."""
        with transaction(self.db) as session:
            if receipt_key and store.receipt_seen(session=session, key=receipt_key):
                return 0
            moved = store.move_chat(session=session, old_ref=old_ref, new_ref=new_ref)
            if receipt_key:
                store.add_receipt(session=session, key=receipt_key)
            return moved

    def _remember(self, cmd: Command) -> None:
        """Record the receipt of an update that only produced an error."""
        if not cmd.receipt_key:
            return
        try:
            with transaction(self.db) as session:
                if not store.receipt_seen(session=session, key=cmd.receipt_key):
                    store.add_receipt(session=session, key=cmd.receipt_key)
        except IntegrityError:
            pass



def _address(ctx: Ctx, replies: list[Reply]) -> None:
    """Fill in where workshop replies go and which language card edits use."""
    ws = ctx.workshop
    for reply in replies:
        if reply.lang is None:
            group = reply.dest is Dest.WORKSHOP and ws is not None and ws.chat_ref
            reply.lang = ws.language if (group and ws is not None) else ctx.lang
        if reply.dest is Dest.WORKSHOP and ws is not None and reply.chat_ref is None:
            reply.chat_ref = ws.chat_ref


def resolve(ctx: Ctx, *, required: bool = True, register: bool = True) -> Workshop | None:
    """Find, lock and enter the workshop the command is about; checks membership."""
    cmd, s = ctx.cmd, ctx.session
    ws: Workshop | None = None
    # The lookup takes the row lock itself: a workshop's changes are serialised.
    if cmd.workshop_id is not None:
        ws = store.lock_workshop(session=s, workshop_id=cmd.workshop_id)
    elif not cmd.private:
        ws = store.workshop_for_chat(session=s, chat_ref=cmd.chat_ref, lock=True)
    elif ctx.person.active_workshop_id:
        ws = store.lock_workshop(session=s, workshop_id=ctx.person.active_workshop_id)
    if ws is None:
        if required:
            raise UserError("no-workshop-group" if not cmd.private else "no-workshop-private")
        return None
    member = store.member_of(session=s, workshop_id=ws.id or 0, person_id=ctx.person.id or 0)
    in_group = not cmd.private and ws.chat_ref == cmd.chat_ref
    if member is None:
        if not in_group:
            raise UserError("not-member")
        if register and cmd.verb not in READ_ONLY:
            # Everyone in the workshop's group counts as a member, registered on first use.
            member = store.add_member(session=s, workshop_id=ws.id or 0,
                                      person_id=ctx.person.id or 0)
    ctx.workshop, ctx.member = ws, member
    ctx.lang = ws.language if (in_group or not ctx.person.language) else normalise_lang(
        ctx.person.language)
    return ws


def require_facilitator(ctx: Ctx) -> None:
    """Only facilitators steer."""
    if ctx.member is None or ctx.member.role != Role.FACILITATOR:
        raise UserError("only-facilitator")


def require_active(ctx: Ctx) -> None:
    """Entries go into running workshops only."""
    if ctx.ws.status == WorkshopStatus.FINISHED:
        raise UserError("workshop-finished")


def card_reply(ctx: Ctx, *, note: str | None = None, kind: Kind = Kind.CARD) -> Reply:
    """The workshop's step card for its chat: in full when new, as a marker when edited."""
    if kind is Kind.CARD_EDIT:
        return Reply(kind=Kind.CARD_EDIT, dest=Dest.WORKSHOP, workshop_id=ctx.wid)
    reply = cards.card(ctx.session, ctx.ws, ctx.ws.language, note=note, kind=kind)
    reply.dest = Dest.WORKSHOP
    return reply


def outcome_replies(ctx: Ctx, out: Outcome) -> list[Reply]:
    """Acknowledge stored input lightly, report problems, ask the next follow-up."""
    replies: list[Reply] = []
    wid = ctx.wid
    if out.stored:
        ack = t(ctx.lang, "entry-stored", count=len(out.stored), last=out.stored[-1][:200])
        replies.append(Reply(text=ack, kind=Kind.ACK, workshop_id=wid))
    if out.problems:
        replies.append(Reply(text="\n".join(out.problems)[:4000], workshop_id=wid))
    if out.question:
        text, rows = out.question
        replies.append(Reply(text=text, buttons=rows, force_reply=True, workshop_id=wid))
    if out.changed:
        replies.append(card_reply(ctx, kind=Kind.CARD_EDIT))
        # In a private chat the member's view is the same card, kept up to date there too.
        if ctx.cmd.private and ctx.ws.chat_ref:
            mine = card_reply(ctx, kind=Kind.CARD_EDIT)
            mine.dest = Dest.ORIGIN
            replies.append(mine)
    return replies


def button_rows(*rows: list[Button]) -> list[list[Button]]:
    """Rows without empty ones."""
    return [r for r in rows if r]
