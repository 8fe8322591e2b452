"""The action plan's deadlines as an iCalendar file (icalendar): one event per dated action."""

from __future__ import annotations

import hashlib
from collections import Counter
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Calendar, Event, Timezone

from cjworkflow.i18n import t
from cjworkflow.safety.text import plain
from cjworkflow.snapshot import ActionView, WorkshopSnapshot

PRODID = "-//cjbot//customer journey workshop//EN"
# A deadline is a moment, but calendars draw zero-length events badly: give it half an hour.
TIMED_LENGTH = timedelta(minutes=30)


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def action_uid(snap: WorkshopSnapshot, action: ActionView, occurrence: int = 0) -> str:
    """A UID that stays the same across exports of this workshop's action."""
    # Snapshots carry no action ids, so the action is known by its title (and which of equal
    # titles it is); the workshop by its id and creation time, so that another database's
    # workshop with the same id gets other UIDs.
    key = f"{snap.id}|{snap.created_at.isoformat()}|{action.title}|{occurrence}"
    return f"{hashlib.sha256(key.encode('utf-8')).hexdigest()[:32]}@cjbot"


def _description(snap: WorkshopSnapshot, a: ActionView, lang: str) -> str:
    def line(field: str, value: object) -> str:
        return f"{t(lang, f'export-col-{field}')}: {value}"

    lines = [
        line("owner", plain(a.owner) or "—"),
        line("quadrant", t(lang, f"quadrant-{a.quadrant}")),
        line("impact", a.impact or "—"),
        line("effort", a.effort or "—"),
        line("status", t(lang, f"status-{a.status}")),
    ]
    if a.stage:
        lines.append(line("stage", plain(a.stage)))
    lines.append(t(lang, "ics-workshop", title=plain(snap.title)))
    # Each line cleaned on its own: the line breaks between them are the description's.
    return "\n".join(plain(x) for x in lines)


def actions_ics(snap: WorkshopSnapshot, lang: str, now: datetime | None = None) -> bytes:
    """Each dated action as an event naming its owner: all-day, or timed in the workshop's zone."""
    zone = _zone(snap.timezone)
    stamp = (now or datetime.now(UTC)).astimezone(UTC)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", plain(t(lang, "ics-calendar", title=snap.title)))
    cal.add("x-wr-timezone", zone.key)
    # The zone's rules only for the years the plan spans, not since 1970: a short file.
    days = [snap.created_at.date(), *(a.due_date for a in snap.actions if a.due_date)]
    first, last = min(days) - timedelta(days=366), max(days) + timedelta(days=2 * 366)
    # The workshop's zone always goes in: a calendar needs one component even without events.
    cal.add_component(Timezone.from_tzid(zone.key, first_date=first, last_date=last))
    seen: Counter[str] = Counter()
    for a in snap.actions:
        occurrence = seen[a.title]
        seen[a.title] += 1
        if a.due_date is None:
            continue
        event = Event()
        event.add("uid", action_uid(snap, a, occurrence))
        event.add("dtstamp", stamp)
        # Cleaned before icalendar sees it: it escapes ; , and line breaks, not control or
        # bidi characters, which would hide or reorder what a calendar shows.
        title, owner = plain(a.title), plain(a.owner)
        summary = (t(lang, "ics-summary", title=title, owner=owner) if owner
                   else t(lang, "ics-summary-no-owner", title=title))
        event.add("summary", plain(summary))
        event.add("description", _description(snap, a, lang))
        if a.due_time is None:
            event.add("dtstart", a.due_date)
            event.add("dtend", a.due_date + timedelta(days=1))
        else:
            start = datetime.combine(a.due_date, a.due_time, tzinfo=zone)
            event.add("dtstart", start)
            event.add("dtend", start + TIMED_LENGTH)
        event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
        event.add("categories", [plain(t(lang, f"quadrant-{a.quadrant}"))])
        cal.add_component(event)
    cal.add_missing_timezones(first_date=first, last_date=last)
    return cal.to_ical()
