"""Action reminders: rows in the database, claimed by ticks (digests.py and timeboxes.py too).

Reminders are derived from an action's deadline (`resync`) and stored as `reminder` rows;
nothing lives only in memory. A periodic tick calls `WorkshopEngine.due_replies(now)`,
which claims what is due in one transaction (`claim`).

Delivery rule (at-most-once): a reminder is marked sent in the same transaction that claims
it; the replies are handed to the transport only after that commit. Two ticks (threads or
processes) never both claim a row: PostgreSQL uses SELECT … FOR UPDATE SKIP LOCKED, SQLite's
BEGIN IMMEDIATE serialises writers. If the process dies after the commit but before the
send, that reminder is lost, never doubled. After downtime only the latest due reminder of
each action is sent (marked late); older ones are marked sent without sending.
"""

from __future__ import annotations

import logging
import math
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from cjworkflow.errors import UserError
from cjworkflow.flow import buttons
from cjworkflow.i18n import normalise_lang, t
from cjworkflow.i18n.fmt import clip, due
from cjworkflow.messages import Button, Dest, Reply
from cjworkflow.schedule.ticks import BATCH
from cjworkflow.storage import persons
from cjworkflow.storage.models import (
    Action,
    ActionStatus,
    Member,
    Person,
    Reminder,
    ReminderKind,
    Role,
    Workshop,
)

log = logging.getLogger(__name__)

DEFAULT_OFFSETS = "1d,0m"
OFF = "off"
# A deadline given as a date only counts from this local time.
DAY_START = time(9, 0)
MAX_OFFSETS = 8
MAX_OFFSET = timedelta(weeks=52)
# Sent this long after its moment, a reminder says it is late.
LATE_AFTER = timedelta(minutes=5)
OVERDUE_EVERY = timedelta(days=7)

_UNITS = {"w": "weeks", "d": "days", "h": "hours", "m": "minutes"}
_OFFSET_RE = re.compile(r"^(\d{1,4})\s*([wdhm])$")


def parse_offsets(text: str) -> list[timedelta]:
    """'3d,1d,0m' as offsets before a deadline, largest first; UserError on bad input."""
    parts = [p.strip().lower() for p in re.split(r"[,\s]+", text.strip()) if p.strip()]
    if not parts or len(parts) > MAX_OFFSETS:
        raise UserError("remind-bad-offsets", text=clip(text, 40))
    found: set[timedelta] = set()
    for part in parts:
        m = _OFFSET_RE.match(part)
        if m is None:
            raise UserError("remind-bad-offsets", text=clip(part, 40))
        delta = timedelta(**{_UNITS[m.group(2)]: int(m.group(1))})
        if delta > MAX_OFFSET:
            raise UserError("remind-bad-offsets", text=clip(part, 40))
        found.add(delta)
    return sorted(found, reverse=True)


def format_offsets(offsets: list[timedelta]) -> str:
    """Offsets written back as the user types them ('3d, 1d, 0m')."""
    out = []
    for d in offsets:
        minutes = int(d.total_seconds() // 60)
        if minutes and minutes % (7 * 1440) == 0:
            out.append(f"{minutes // (7 * 1440)}w")
        elif minutes and minutes % 1440 == 0:
            out.append(f"{minutes // 1440}d")
        elif minutes and minutes % 60 == 0:
            out.append(f"{minutes // 60}h")
        else:
            out.append(f"{minutes}m")
    return ", ".join(out)


def offsets_of(workshop: Workshop, default: str) -> list[timedelta]:
    """The workshop's offsets (its own, else the setting); empty when reminders are off."""
    text = workshop.reminder_offsets if workshop.reminder_offsets is not None else default
    if text.strip().lower() == OFF:
        return []
    try:
        return parse_offsets(text)
    except UserError:
        log.warning("ignoring bad reminder offsets %r", text)
        return []


def deadline(due_date: date, due_time: time | None, tz: str) -> datetime:
    """The deadline as a local aware datetime (a date alone counts from 09:00)."""
    # A year off the calendar's ends: an old or imported deadline must not overflow a tick.
    day = min(max(due_date, date.min + MAX_OFFSET), date.max - MAX_OFFSET)
    return datetime.combine(day, due_time or DAY_START, tzinfo=ZoneInfo(tz))


def before(local_deadline: datetime, offset: timedelta) -> datetime:
    """The moment offset before a local deadline, in UTC.

    Whole days count on the wall clock (3d before 09:00 is 09:00, across a DST change too);
    hours and minutes count in real time.
    """
    wall = local_deadline - timedelta(days=offset.days)
    return wall.astimezone(UTC) - timedelta(seconds=offset.seconds)


def is_overdue(action: Action, tz: str, now: datetime) -> bool:
    """Open and past its deadline."""
    return (action.status == ActionStatus.OPEN and action.due_date is not None
            and deadline(action.due_date, action.due_time, tz) < now)


def first_overdue(local_deadline: datetime) -> datetime:
    """09:00 local on the day after the deadline, in UTC."""
    day_after = local_deadline.date() + timedelta(days=1)
    return datetime.combine(day_after, DAY_START, tzinfo=local_deadline.tzinfo).astimezone(UTC)


def next_overdue(local_deadline: datetime, now: datetime) -> datetime:
    """The first overdue moment after now: the day after the deadline, then weekly (local)."""
    first = datetime.combine(local_deadline.date() + timedelta(days=1), DAY_START,
                             tzinfo=local_deadline.tzinfo)
    weeks = 0
    if first.astimezone(UTC) <= now:
        weeks = math.floor((now - first.astimezone(UTC)) / OVERDUE_EVERY) + 1
    moment = first + timedelta(days=7 * weeks)
    while moment.astimezone(UTC) <= now:  # DST can shift a week by an hour
        moment += timedelta(days=7)
    return moment.astimezone(UTC)


def resync(session: Session, action: Action, workshop: Workshop, now: datetime,
           default: str = DEFAULT_OFFSETS) -> None:
    """Replace the action's unsent reminders with those its deadline, owner and status ask."""
    if action.id is None:
        session.flush()
    for row in session.exec(select(Reminder).where(
            Reminder.action_id == action.id, col(Reminder.sent_at).is_(None))).all():
        session.delete(row)
    if (action.status != ActionStatus.OPEN or action.due_date is None
            or action.owner_id is None):
        return
    offsets = offsets_of(workshop, default)
    if not offsets:
        return
    local = deadline(action.due_date, action.due_time, workshop.timezone)
    wanted: list[tuple[ReminderKind, datetime]] = [
        (ReminderKind.DUE if not off else ReminderKind.BEFORE, before(local, off))
        for off in offsets]
    # Always one overdue follow-up: it starts the weekly chain until the action is done.
    wanted.append((ReminderKind.OVERDUE, next_overdue(local, now)))
    for kind, fire_at in wanted:
        if fire_at > now:  # past moments are not created
            session.add(Reminder(action_id=action.id or 0, kind=kind, fire_at=fire_at,
                                 created_at=now))
    session.flush()


def snooze(session: Session, action: Action, now: datetime, days: int) -> datetime:
    """Remind again in days: drops unsent reminders before then; returns the moment."""
    fire_at = now + timedelta(days=days)
    for row in session.exec(select(Reminder).where(
            Reminder.action_id == action.id, col(Reminder.sent_at).is_(None),
            col(Reminder.fire_at) <= fire_at)).all():
        session.delete(row)
    session.add(Reminder(action_id=action.id or 0, kind=ReminderKind.SNOOZE, fire_at=fire_at,
                         created_at=now))
    session.flush()
    return fire_at


@dataclass
class _People:
    """Who is who in one workshop, loaded once per tick."""

    members: dict[int, tuple[Member, Person]]

    def name(self, member_id: int | None) -> str:
        if member_id is None or member_id not in self.members:
            return "—"
        p = self.members[member_id][1]
        return f"@{p.handle}" if p.handle else p.display_name

    def facilitators(self) -> list[Person]:
        return [p for m, p in self.members.values() if m.role == Role.FACILITATOR
                and m.removed_at is None and p.external_id and p.private_chat_ok]


def people_of(session: Session, workshop_id: int) -> _People:
    """Members and their people of a workshop, by member id."""
    rows = persons.members_with_people(session=session, workshop_id=workshop_id)
    return _People({m.id or 0: (m, p) for m, p in rows})


def action_buttons(lang: str, wid: int, action_id: int) -> list[list[Button]]:
    """Done / Later: 1 day / Later: 1 week / Blocked."""
    return [[buttons.make(t(lang, "btn-remind-done"), "rd", wid, action_id),
             buttons.make(t(lang, "btn-remind-blocked"), "rb", wid, action_id)],
            [buttons.make(t(lang, "btn-remind-day"), "rs", wid, action_id, 1),
             buttons.make(t(lang, "btn-remind-week"), "rs", wid, action_id, 7)]]


def _due_text(action: Action, lang: str) -> str:
    return due(action.due_date, action.due_time, lang)


def reminder_replies(rem: Reminder, action: Action, ws: Workshop, people: _People,
                     join_link: str) -> list[Reply]:
    """The reminder to the owner (privately, else a mention in the group); a removed owner's,
    or a NAME's in a workshop without a group, to the facilitators instead."""
    member, person = people.members.get(action.owner_id or -1, (None, None))
    if member is None or person is None:
        return []
    if member.removed_at is not None or (member.role == Role.NAME and not ws.chat_ref):
        return to_facilitators(people, ws, "remind-owner-not-member", owner=people.name(member.id),
                               action=clip(action.title, 200), title=clip(ws.title, 100),
                               due=_due_text(action, ws.language))
    private = bool(person.external_id and person.private_chat_ok)
    lang = normalise_lang(person.language or ws.language) if private else ws.language
    wid = ws.id or 0
    def body(lang: str) -> list[str]:
        return [t(lang, f"remind-{rem.kind}"),
                t(lang, "remind-body", action=clip(action.title, 200), title=clip(ws.title, 100),
                  due=_due_text(action, lang)), *([t(lang, "remind-late")] if rem.late else [])]

    lines, kb, in_group = body(lang), action_buttons(lang, wid, action.id or 0), None
    if ws.chat_ref:
        glines = body(ws.language)
        handle = f"@{person.handle}" if person.handle else person.display_name
        glines.insert(0, t(ws.language, "remind-start-bot", handle=handle, link=join_link))
        in_group = Reply(text="\n".join(glines), buttons=action_buttons(ws.language, wid,
                                                                        action.id or 0),
                         dest=Dest.WORKSHOP, chat_ref=ws.chat_ref, lang=ws.language,
                         workshop_id=wid)
    if private:
        # A person may have blocked the bot since: then the group gets the mention instead.
        return [Reply(text="\n".join(lines), buttons=kb, dest=Dest.PERSON,
                      person_ref=person.external_id, lang=lang, workshop_id=wid,
                      fallback=in_group)]
    return [in_group] if in_group is not None else []  # else: nowhere to reach them


def to_facilitators(people: _People, ws: Workshop, key: str, **args: object) -> list[Reply]:
    """A private message to each reachable facilitator, in their language."""
    out = []
    for p in people.facilitators():
        lang = normalise_lang(p.language or ws.language)
        out.append(Reply(text=t(lang, key, **args), dest=Dest.PERSON, person_ref=p.external_id,
                         lang=lang, workshop_id=ws.id))
    return out


def claim(session: Session, now: datetime, *, postgres: bool,
          join_link: Callable[[str], str] | None = None) -> list[Reply]:
    """Claim due reminders, mark them sent and return what to send (see the module rule)."""
    q = (select(Reminder, Action).join(Action, col(Action.id) == col(Reminder.action_id))
         .where(col(Reminder.sent_at).is_(None), col(Reminder.fire_at) <= now)
         .order_by(col(Reminder.fire_at), col(Reminder.id)).limit(BATCH))
    if postgres:
        # Another process's claim is skipped, not waited for: each row goes to one claimer.
        q = q.with_for_update(of=Reminder, skip_locked=True)
    by_action: dict[int, list[tuple[Reminder, Action]]] = defaultdict(list)
    for rem, action in session.exec(q).all():
        by_action[action.id or 0].append((rem, action))
    replies: list[Reply] = []
    workshops: dict[int, tuple[Workshop, _People]] = {}
    for rows in by_action.values():
        for rem, _ in rows:
            rem.sent_at = now
        rem, action = rows[-1]  # only the latest due one is sent
        if action.status != ActionStatus.OPEN:
            continue
        rem.late = len(rows) > 1 or now - rem.fire_at > LATE_AFTER
        if action.workshop_id not in workshops:
            ws = session.get(Workshop, action.workshop_id)
            if ws is None:
                continue
            workshops[action.workshop_id] = (ws, people_of(session, action.workshop_id))
        ws, people = workshops[action.workshop_id]
        link = join_link(ws.join_code) if join_link is not None else ""
        replies.extend(reminder_replies(rem, action, ws, people, link))
        if rem.kind == ReminderKind.OVERDUE:
            replies.extend(_overdue_follow_up(session, rem, action, ws, people, now))
    session.flush()
    return replies


def _overdue_follow_up(session: Session, rem: Reminder, action: Action, ws: Workshop,
                       people: _People, now: datetime) -> list[Reply]:
    """Schedule the next weekly overdue reminder; the first one also tells the facilitators."""
    earlier = session.exec(select(Reminder.id).where(
        Reminder.action_id == action.id, Reminder.kind == ReminderKind.OVERDUE,
        col(Reminder.sent_at).is_not(None), Reminder.id != rem.id)).first()
    if action.due_date is not None:
        local = deadline(action.due_date, action.due_time, ws.timezone)
        pending = session.exec(select(Reminder.id).where(
            Reminder.action_id == action.id, Reminder.kind == ReminderKind.OVERDUE,
            col(Reminder.sent_at).is_(None))).first()
        if pending is None:
            session.add(Reminder(action_id=action.id or 0, kind=ReminderKind.OVERDUE,
                                 fire_at=next_overdue(local, now), created_at=now))
    if earlier is not None:
        return []
    return to_facilitators(people, ws, "remind-overdue-facilitator",
                           action=clip(action.title, 200), owner=people.name(action.owner_id),
                           title=clip(ws.title, 100), due=_due_text(action, ws.language))
