"""Where entry handling happens, and what it shares: owners, summaries, reminders, questions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session

from cjworkflow import parsing, priority, reminders, store
from cjworkflow.errors import UserError
from cjworkflow.fmt import clip, due
from cjworkflow.i18n import t
from cjworkflow.messages import Button, Reply
from cjworkflow.models import (
    Action,
    Member,
    PendingQuestion,
    Person,
    Stage,
    Workshop,
)


@dataclass
class Outcome:
    """What handling some input produced: confirmations, problems and a follow-up."""

    stored: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    question: tuple[str, list[list[Button]]] | None = None
    changed: bool = False
    asked: bool = False
    # Further messages (e.g. to the facilitators when an owner reports being blocked).
    extra: list[Reply] = field(default_factory=list)


@dataclass
class EntryContext:
    """Everything entry handling needs about where it happens."""

    session: Session
    workshop: Workshop
    member: Member
    lang: str
    now: datetime  # aware, UTC
    reminder_offsets: str = reminders.DEFAULT_OFFSETS  # the setting, for the workshop's default
    _stages: list[Stage] | None = field(default=None, init=False, repr=False)

    @property
    def wid(self) -> int:
        return self.workshop.id or 0

    def local_now(self) -> datetime:
        """Now in the workshop's time zone."""
        return self.now.astimezone(ZoneInfo(self.workshop.timezone))

    def stages(self) -> list[Stage]:
        """The workshop's stages in order (loaded once: entry handling does not change them)."""
        if self._stages is None:
            self._stages = store.stages_of(session=self.session, workshop_id=self.wid)
        return self._stages


def labels(ctx: EntryContext) -> list[str]:
    return [s.label for s in ctx.stages()]


def resolve_owner(ctx: EntryContext, handle: str | None, me: bool, name: str | None) -> int | None:
    if me:
        return ctx.member.id
    members = store.members_with_people(session=ctx.session, workshop_id=ctx.wid)
    if handle:
        for m, p in members:
            if p.handle and p.handle.lower() == handle.lower():
                return m.id
        person = store.person_by_handle(session=ctx.session, handle=handle)
        if person is None:
            person = store.placeholder_person(session=ctx.session, handle=handle)
        return store.add_member(session=ctx.session, workshop_id=ctx.wid,
                                person_id=person.id or 0).id
    if name:
        wanted = parsing.normalise(name)
        hits = [m for m, p in members if parsing.normalise(p.display_name).startswith(wanted)]
        if len(hits) == 1:
            return hits[0].id
        raise UserError("owner-unknown", name=clip(name, 40))
    return None


def resync(ctx: EntryContext, action: Action) -> None:
    """Bring the action's reminders in line with its deadline, owner and status."""
    reminders.resync(ctx.session, action, ctx.workshop, ctx.now, ctx.reminder_offsets)


def summary(ctx: EntryContext, action: Action) -> str:
    """'Quick win · @anna · vr 27 nov' for a stored action."""
    q = priority.quadrant(action.impact, action.effort)
    # Only the owner is looked up (the session's identity map mostly has it): the whole
    # members list per line held the event loop ~5 ms a line in a workshop of 200.
    member = ctx.session.get(Member, action.owner_id) if action.owner_id else None
    person = ctx.session.get(Person, member.person_id) if member else None
    owner = ((f"@{person.handle}" if person.handle else person.display_name) if person
             else t(ctx.lang, "card-no-owner"))
    return (f"{clip(action.title, 80)} — {priority.ICONS[q]} {t(ctx.lang, f'quadrant-{q.value}')}"
            f" · {owner} · {due(action.due_date, action.due_time, ctx.lang)}")


def ask(ctx: EntryContext, field_name: str, target_id: int) -> None:
    ctx.session.add(PendingQuestion(workshop_id=ctx.wid, member_id=ctx.member.id or 0,
                                    field=field_name, target_id=target_id))
    ctx.session.flush()
