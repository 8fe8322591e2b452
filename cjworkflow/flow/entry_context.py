"""Where entry handling happens, and what it shares: owners, summaries, reminders, questions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session

from cjworkflow.errors import UserError
from cjworkflow.i18n import t
from cjworkflow.i18n.fmt import clip, due
from cjworkflow.members import invites, rules
from cjworkflow.messages import Button, Reply
from cjworkflow.schedule import reminders
from cjworkflow.steps import priority
from cjworkflow.storage import workshops
from cjworkflow.storage.models import (
    Action,
    Entry,
    Member,
    PendingQuestion,
    Person,
    Stage,
    Workshop,
)


class Said(str):
    """A confirmation that is no addition (a persona marked, a score set): acknowledged as
    it is, without "Added:"."""

    __slots__ = ()


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
    # The workshop's join link from its code (a deep link on Telegram): invites carry it.
    join_link: Callable[[str], str] = field(default=lambda code: f"/join {code}")
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
            self._stages = workshops.stages_of(session=self.session, workshop_id=self.wid)
        return self._stages


def labels(ctx: EntryContext) -> list[str]:
    return [s.label for s in ctx.stages()]


def resolve_owner(ctx: EntryContext, handle: str | None, me: bool, name: str | None,
                  out: Outcome | None = None) -> int | None:
    """The member an action's owner names: one of this workshop's members, else a NAME.

    Only this workshop's current members are searched (an @handle is their Telegram
    username); someone else named becomes a NAME on the action and is invited (into out).
    """
    if me:
        return ctx.member.id
    if not handle and not name:
        return None
    hits = rules.find(ctx.session, ctx.wid, handle=handle, name=name)
    if len(hits) == 1:
        return hits[0].id
    if hits:
        raise UserError("owner-ambiguous", name=clip(name or "", 40))
    if handle and rules.find(ctx.session, ctx.wid, handle=handle, name=None, removed=True):
        # Someone who left or was removed: neither invited back nor reminded by a name.
        raise UserError("owner-removed", name="@" + clip(handle.lstrip("@"), 40))
    # Not a member: a name on the action (never a person found elsewhere by handle).
    display = "@" + clip(handle.lstrip("@"), 60) if handle else clip(name or "", 80)
    member, new = rules.name_member(ctx.session, ctx.wid, display)
    if new and out is not None:
        out.extra.extend(invites.owner_invite(ctx.session, ctx.workshop, ctx.member, display,
                                              ctx.join_link(ctx.workshop.join_code),
                                              mention=bool(handle), lang=ctx.lang))
    return member.id


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
            f" · {owner} · {due(action.due_date, action.due_time, ctx.lang)}"
            + _placed(ctx, action))


def _placed(ctx: EntryContext, action: Action) -> str:
    """" · fase 2 Overweging · doel 1" for an action tied to a stage or a goal; else ""."""
    out = ""
    stage = next((s for s in ctx.stages() if s.id == action.stage_id), None)
    if stage is not None:
        out += " · " + t(ctx.lang, "action-stage", number=stage.position + 1,
                         label=clip(stage.label, 40))
    if action.goal_id is not None:
        goal = ctx.session.get(Entry, action.goal_id)
        if goal is not None:
            out += " · " + t(ctx.lang, "action-goal", goal=clip(goal.text, 40))
    return out


def ask(ctx: EntryContext, field_name: str, target_id: int) -> None:
    ctx.session.add(PendingQuestion(workshop_id=ctx.wid, member_id=ctx.member.id or 0,
                                    field=field_name, target_id=target_id))
    ctx.session.flush()
