"""The engine's one entry point: a Command in, Replies out, one transaction per command."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy.engine import Engine as DbEngine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from cjworkflow.errors import UserError
from cjworkflow.flow import cards, entry, handlers, handlers_facilitation, verbs, views
from cjworkflow.flow.context import Ctx, addressed
from cjworkflow.i18n import normalise_lang, t
from cjworkflow.members import rules
from cjworkflow.messages import Actor, Command, Kind, Reply, Verb
from cjworkflow.steps import LAST
from cjworkflow.storage import chat_cards, entry_sql, lookups, persons, store, workshops
from cjworkflow.storage.db import is_postgres, read_only, reading, transaction
from cjworkflow.storage.models import Person, Workshop
from cjworkflow.voice import survey

# Update receipts only guard against redelivery, which Telegram does for 24 hours at most.
RECEIPTS_KEPT = timedelta(days=7)
PRUNE_EVERY = timedelta(hours=1)

log = logging.getLogger(__name__)

class WorkshopEngine:
    """Runs workshops: transport-free, thread-safe (all state lives in the database)."""

    def __init__(self, db: DbEngine, *, default_language: str = "nl",
                 default_timezone: str = "Europe/Amsterdam",
                 join_link: Callable[[str], str] = lambda code: f"/join {code}",
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC),
                 reminder_offsets: str = "1d,0m") -> None:
        self.db = db
        self.read_db = read_only(db)
        # The REMINDER_OFFSETS setting: workshops without their own offsets use it.
        self.reminder_offsets = reminder_offsets
        self.default_language = default_language
        self.default_timezone = default_timezone
        self.join_link = join_link
        # WEB_BASE_URL when the bot serves the web view (WEB_PORT set); /link needs it.
        self.web_base_url: str | None = None
        self.clock = clock
        self._receipts_pruned: datetime | None = None
        self.postgres = is_postgres(db)

    def handle(self, cmd: Command, *, declined: bool = False) -> list[Reply]:
        """Apply one command in one transaction and return what to show; declined: the
        entry path already looked the line up and declined it (EntryBatch.declined)."""
        if cmd.verb in verbs.VIEWS:
            return views.answer(self, cmd)
        lang = normalise_lang(cmd.actor.language, self.default_language)
        ctx: Ctx | None = None
        try:
            with transaction(self.db) as session:
                # Claimed first: a redelivered update costs one statement and changes nothing.
                # On PostgreSQL a member's plain line claims it in the statement that stores
                # the line (cjworkflow.flow.entry); the usual path claims it when that declines.
                text_path = cmd.verb is Verb.TEXT and cmd.workshop_id is None and not declined
                deferred = self.postgres and text_path and cmd.receipt_key is not None
                if cmd.receipt_key and not deferred and not entry_sql.claim_receipt(
                        session=session, key=cmd.receipt_key):
                    return []
                found = None
                if text_path:
                    fast = entry.replies(session, cmd, postgres=self.postgres, clock=self.clock,
                                         claim=deferred)
                    if fast is not None:
                        return fast
                    if deferred and not entry_sql.claim_receipt(session=session,
                                                            key=cmd.receipt_key or ""):
                        return []
                if cmd.private and cmd.verb is Verb.TEXT and cmd.workshop_id is None:
                    # A customer answering a survey (the entry path declines their lines):
                    # their line is the survey's, not an entry.
                    heard = survey.heard(session, cmd, self.clock(), self.default_language)
                    if heard is not None:
                        return heard
                if cmd.verb is Verb.TEXT and not cmd.private and cmd.workshop_id is None:
                    # Still one statement finds the person, locks the group's workshop and
                    # finds their membership, as resolve() would.
                    found = lookups.person_in_chat(session=session,
                                                 external_id=cmd.actor.external_id,
                                                 chat_ref=cmd.chat_ref)
                person = persons.upsert_person(session=session, actor=cmd.actor,
                                               found=found.person if found else None)
                if cmd.private and not person.private_chat_ok:
                    person.private_chat_ok = True
                lang = normalise_lang(person.language or cmd.actor.language,
                                      self.default_language)
                ctx = Ctx(session, cmd, person, lang, self.clock(), self, found=found)
                replies = verbs.run(ctx)
        except UserError as e:
            self._remember(cmd)
            lang = e.lang or (ctx.lang if ctx else lang)
            kind = Kind.ALERT if cmd.verb is Verb.BUTTON else Kind.MESSAGE
            return [Reply(text=t(lang, e.key, **e.args_), kind=kind)]
        except IntegrityError:
            # A concurrent delivery of the same input won the race: it is stored once.
            log.info("duplicate input ignored: %s", cmd.source_ref)
            return []
        return replies

    def batched(self, session: Session, cmd: Command) -> list[Reply] | None:
        """A member's one-line entry on the hot path in a transaction the caller commits
        (cjworkflow.flow.batch); None: nothing was written, handle() must take the command."""
        if cmd.verb is not Verb.TEXT or cmd.workshop_id is not None or not cmd.receipt_key:
            return None
        return entry.replies(session, cmd, postgres=self.postgres, clock=self.clock, claim=True)

    def import_file(self, actor: Actor, raw: bytes) -> list[Reply]:
        """Restore a workshop from its JSON export as a new one that the actor facilitates."""
        from cjworkflow.storage import transfer  # the import machinery is only needed here

        lang = normalise_lang(actor.language, self.default_language)
        try:
            with transaction(self.db) as session:
                person = persons.upsert_person(session=session, actor=actor)
                lang = normalise_lang(person.language or actor.language, self.default_language)
                wid = transfer.import_bytes(session, raw, creator_external_id=actor.external_id)
                ws = session.get(Workshop, wid)
                assert ws is not None
                person.active_workshop_id = wid
                from cjworkflow.schedule import reminders
                now = self.clock()
                for action in store.actions(session=session, workshop_id=wid):
                    reminders.resync(session, action, ws, now, self.reminder_offsets)
                return [Reply(text=t(lang, "import-done", title=ws.title, code=ws.join_code),
                              workshop_id=wid, lang=lang)]
        except UserError as e:
            return [Reply(text=t(lang, e.key, **e.args_), lang=lang)]

    def import_scores(self, actor: Actor, raw: bytes) -> list[Reply]:
        """A facilitator's CSV of customers' scores into their active workshop."""
        from cjworkflow.voice import scores_csv  # only needed here

        lang = normalise_lang(actor.language, self.default_language)
        try:
            with transaction(self.db) as session:
                person = persons.upsert_person(session=session, actor=actor)
                lang = normalise_lang(person.language or actor.language, self.default_language)
                ws, count = scores_csv.import_for(session, person.id or 0,
                                                  person.active_workshop_id, raw, self.clock(),
                                                  lang)
                return [Reply(text=t(lang, "import-scores-done", count=count, title=ws.title),
                              workshop_id=ws.id, lang=lang)]
        except UserError as e:
            return [Reply(text=t(e.lang or lang, e.key, **e.args_), lang=lang)]

    def due_replies(self, now: datetime | None = None) -> list[Reply]:
        """Claim what is due (reminders, digests, timeboxes) in one transaction; see reminders."""
        from cjworkflow.ops import deadletters
        from cjworkflow.schedule import digests, reminders, timeboxes
        now = now or self.clock()
        postgres = is_postgres(self.db)
        with transaction(self.db) as session:
            if self._receipts_pruned is None or now - self._receipts_pruned >= PRUNE_EVERY:
                deadletters.prune_kept(session=session, before=now - RECEIPTS_KEPT)
                self._receipts_pruned = now
            replies = reminders.claim(session, now, postgres=postgres, join_link=self.join_link)
            replies += digests.claim(session, now, postgres=postgres)
            replies += timeboxes.claim(session, now, postgres=postgres, move_on=self._move_on)
            replies += handlers_facilitation.claim_due(session, now, postgres=postgres)
        return replies

    def _move_on(self, session: Session, ws: Workshop, now: datetime) -> list[Reply]:
        """A timebox ran out in auto mode: the next step, as /next would."""
        system = Person(display_name="cjbot")  # never added: the tick acts for nobody
        cmd = Command(actor=Actor("cjbot", "cjbot"), verb=Verb.NEXT,
                      chat_ref=ws.chat_ref or "local", private=ws.chat_ref is None)
        ctx = Ctx(session, cmd, system, ws.language, now, self, workshop=ws)
        replies = (handlers.finish_replies(ctx) if ws.current_step >= LAST
                   else handlers.move(ctx, ws.current_step + 1))
        return addressed(ctx, replies)

    def card(self, workshop_id: int, *, lang: str | None = None) -> Reply | None:
        """The current step card of a workshop (read-only), or None if it is gone."""
        with reading(self.read_db) as session:
            ws = session.get(Workshop, workshop_id)
            if ws is None:
                return None
            return cards.card(session, ws, normalise_lang(lang or ws.language),
                              kind=Kind.CARD_EDIT, now=self.clock())

    def workshop_version(self, workshop_id: int) -> int | None:
        """The workshop's change counter (None if it is gone): cheap, for cache checks."""
        with reading(self.read_db) as session:
            return session.exec(select(Workshop.version)
                                .where(Workshop.id == workshop_id)).first()

    def card_message(self, chat_ref: str, workshop_id: int) -> str | None:
        """The transport's message reference of the living card in a chat."""
        with reading(self.read_db) as session:
            return chat_cards.card_message(session=session, chat_ref=chat_ref,
                                      workshop_id=workshop_id)

    def set_card_message(self, chat_ref: str, workshop_id: int, message_ref: str) -> None:
        """Remember which message is the living card in a chat."""
        with transaction(self.db) as session:
            if session.get(Workshop, workshop_id) is not None:
                chat_cards.set_card_message(session=session, chat_ref=chat_ref,
                                       workshop_id=workshop_id, message_ref=message_ref)

    def move_chat(self, old_ref: str, new_ref: str, *, receipt_key: str | None = None) -> int:
        """A group chat got a new reference (e.g. upgraded to a supergroup)."""
        with transaction(self.db) as session:
            if receipt_key and not entry_sql.claim_receipt(session=session, key=receipt_key):
                return 0
            return workshops.move_chat(session=session, old_ref=old_ref, new_ref=new_ref)

    def left_group(self, chat_ref: str, person_ref: str, *, receipt_key: str | None = None) -> int:
        """A person left or was removed from a group: no longer a member of its workshops."""
        return rules.left_group(self.db, chat_ref, person_ref, self.clock(),
                                receipt_key=receipt_key)

    def private_chat_refused(self, person_ref: str) -> bool:
        """The person blocked the bot: reach them in their groups until they write again."""
        with transaction(self.db) as session:
            person = session.exec(select(Person).where(Person.external_id == person_ref)).first()
            if person is None or not person.private_chat_ok:
                return False
            person.private_chat_ok = False
            return True

    def _remember(self, cmd: Command) -> None:
        """Record the receipt of an update that only produced an error."""
        if not cmd.receipt_key:
            return
        try:
            with transaction(self.db) as session:
                entry_sql.claim_receipt(session=session, key=cmd.receipt_key)
        except IntegrityError:
            pass
