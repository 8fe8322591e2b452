"""Due dates as people type them: ISO and numeric dates, and natural language in nl and en.

Rules, relative to the `today` the caller passes (never the real clock):

- A weekday name ("vrijdag", "friday", also with "deze/komende/volgende/this/next/coming")
  means the first such day *after* today: "vrijdag" said on a Friday is next week's Friday.
  Use "vandaag"/"today" for today.
- "volgende week vrijdag" / "next week friday" / "friday next week" is the Friday of the next
  calendar week (weeks run Monday to Sunday).
- A day and month without a year ("15/1", "1 november") is the nearer of this and next year's:
  in December "15 januari" is next January, "1 november" is past and refused.
- "eind december" / "end of december" is the last day of that month; a bare month name
  ("december", "volgende maand") also means its last day, the natural reading of a deadline.
- A time is returned only when the user typed one ("14:00", "om 15 uur", "at 3pm", "14u30").
- A deadline lies from today (now, with a time) up to limits.MAX_DUE_YEARS years ahead; any
  other date, however it was written, is refused (ParseError), so nothing later overflows.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from cjworkflow.i18n import LANGUAGES, normalise_lang
from cjworkflow.limits import MAX_DATE_TEXT, MAX_DUE_YEARS, latest_due

if TYPE_CHECKING:
    from dateparser.date import DateDataParser


class ParseError(ValueError):
    """A line the user must fix; key is a Fluent message id (in parsing.ftl), args its variables."""

    def __init__(self, key: str, **args: object) -> None:
        super().__init__(key)
        self.key = key
        self._message_args: dict[str, object] = dict(args)

    # The brief promises `.args` as the message's variables; BaseException keeps its own
    # tuple internally (for str() and pickling), so shadowing the attribute is safe.
    @property
    def args(self) -> dict[str, object]:  # type: ignore[override]
        """The message's variables."""
        return self._message_args

    def __repr__(self) -> str:
        return f"ParseError({self.key!r}, {self._message_args!r})"


MONTHS: dict[str, int] = {
    "januari": 1, "january": 1, "jan": 1,
    "februari": 2, "february": 2, "feb": 2,
    "maart": 3, "march": 3, "mrt": 3, "maa": 3, "mar": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "june": 6, "jun": 6,
    "juli": 7, "july": 7, "jul": 7,
    "augustus": 8, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "october": 10, "okt": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}

WEEKDAYS: dict[str, int] = {
    "maandag": 0, "ma": 0, "monday": 0, "mon": 0,
    "dinsdag": 1, "di": 1, "tuesday": 1, "tue": 1, "tues": 1,
    "woensdag": 2, "wo": 2, "wednesday": 2, "wed": 2,
    "donderdag": 3, "do": 3, "thursday": 3, "thu": 3, "thur": 3, "thurs": 3,
    "vrijdag": 4, "vr": 4, "vrij": 4, "friday": 4, "fri": 4,
    "zaterdag": 5, "za": 5, "saturday": 5, "sat": 5,
    "zondag": 6, "zo": 6, "sunday": 6, "sun": 6,
}

_DAY_WORDS: dict[str, int] = {
    "gisteren": -1, "yesterday": -1,
    "vandaag": 0, "today": 0, "vanochtend": 0, "vanmorgen": 0, "vanmiddag": 0,
    "vanavond": 0, "tonight": 0, "this afternoon": 0, "this evening": 0, "this morning": 0,
    "morgen": 1, "tomorrow": 1, "morgenochtend": 1, "morgenvroeg": 1, "morgenmiddag": 1,
    "morgenavond": 1, "tomorrow morning": 1, "tomorrow afternoon": 1, "tomorrow evening": 1,
    "overmorgen": 2, "day after tomorrow": 2, "the day after tomorrow": 2,
}

_NUMBER_WORDS: dict[str, int] = {
    "een": 1, "één": 1, "eén": 1, "a": 1, "an": 1, "one": 1,
    "twee": 2, "two": 2, "drie": 3, "three": 3, "vier": 4, "four": 4,
    "vijf": 5, "five": 5, "zes": 6, "six": 6, "zeven": 7, "seven": 7,
    "acht": 8, "eight": 8, "negen": 9, "nine": 9, "tien": 10, "ten": 10,
    "elf": 11, "eleven": 11, "twaalf": 12, "twelve": 12,
}

_UNITS: dict[str, str] = {
    "dag": "d", "dagen": "d", "day": "d", "days": "d",
    "week": "w", "weken": "w", "weeks": "w",
    "maand": "m", "maanden": "m", "month": "m", "months": "m",
    "jaar": "y", "jaren": "y", "year": "y", "years": "y",
}

_MONTH_NAMES = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}

# Words that may precede a date without changing it ("op vrijdag", "by friday").
_FILLERS = {"op", "on", "by", "voor", "before", "uiterlijk", "deadline", "due", "per"}
_THIS = {"deze", "komende", "aanstaande", "volgende", "this", "coming", "next"}
_NEXT_WEEK = ("volgende week", "next week", "komende week")
_THIS_WEEK = ("deze week", "this week")
_END_WORDS = ("einde van", "eind van", "end of", "einde", "eind", "end", "ultimo")

_WEEKDAY_ALT = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ](\d{1,2}):(\d{2})(?::\d{2})?)?")
_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})")
_DM = re.compile(r"(\d{1,2})[-/.](\d{1,2})")

# Time expressions, tried in order; the first hit is cut out of the text.
_TIME_PATTERNS = (
    re.compile(r"(?:\b(?:om|at)\s+)?\b(?P<h>\d{1,2}):(?P<m>\d{2})(?::\d{2})?"
               r"(?:\s*(?P<ap>[ap])\.?m\b\.?)?(?:\s*(?:uur|u|h)\b)?"),
    re.compile(r"(?:\b(?:om|at)\s+)?\b(?P<h>\d{1,2})(?:[.](?P<m>\d{2}))?\s*(?P<ap>[ap])\.?m\b\.?"),
    re.compile(r"(?:\b(?:om|at)\s+)?\b(?P<h>\d{1,2})[uh](?P<m>\d{2})\b"),
    re.compile(r"(?:\b(?:om|at)\s+)?\b(?P<h>\d{1,2})(?:[.,](?P<m>\d{2}))?\s*(?:uur|u|h)\b"),
    re.compile(r"\b(?:om|at)\s+(?P<h>\d{1,2})(?:[.](?P<m>\d{2}))?\s*$"),
)
# "over 2 uur" is a duration, not a clock time.
_DURATION_BEFORE = re.compile(r"\b(?:over|in|binnen|within)\s*$")

_LETTER_WORD = re.compile(r"[^\W\d_]{2,}")


def format_due(day: date, at: time | None, lang: str) -> str:
    """A due date (and time, if any) written out for messages in lang."""
    names = _MONTH_NAMES[normalise_lang(lang)]
    text = f"{day.day} {names[day.month - 1]} {day.year}"
    return f"{text} {at:%H:%M}" if at is not None else text


def parse_due(text: str, *, lang: str, today: date,
              now: time | None = None) -> tuple[date, time | None]:
    """A due date (and time, only if given) from ISO, numeric or natural text in nl or en."""
    raw = " ".join(text.split())
    cleaned = raw.casefold().strip(" .,")
    if not cleaned or len(cleaned) > MAX_DATE_TEXT:
        raise ParseError("parse-date-unreadable", text=_shorten(raw))
    found = _parse(cleaned, lang, today, now)
    if found is None:
        raise ParseError("parse-date-unreadable", text=_shorten(raw))
    day, at = found
    check_window(day, at, lang=lang, today=today, now=now)
    return day, at


def check_window(day: date, at: time | None, *, lang: str, today: date,
                 now: time | None = None) -> None:
    """ParseError unless day (at a time, if given) lies from now to MAX_DUE_YEARS ahead."""
    if day < today or (day == today and at is not None and now is not None and at < now):
        raise ParseError("parse-date-past", date=format_due(day, at, lang))
    if day > latest_due(today):
        raise ParseError("parse-date-too-far", years=MAX_DUE_YEARS,
                         latest=format_due(latest_due(today), None, lang))


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _parse(text: str, lang: str, today: date, now: time | None) -> tuple[date, time | None] | None:
    iso = _ISO.fullmatch(text)
    if iso:
        day = _safe_date(int(iso[1]), int(iso[2]), int(iso[3]))
        if day is None:
            return None
        if iso[4] is None:
            return day, None
        at = _safe_time(int(iso[4]), int(iso[5]))
        return (day, at) if at is not None else None
    extracted = _extract_time(text)
    if extracted is None:
        return None
    at, rest = extracted
    rest = _drop_fillers(rest)
    if not rest:
        # Only a time ("14:00") means today; nothing at all is no date.
        return (today, at) if at is not None else None
    day = _rule_date(rest, today)
    if day is None:
        day = _dateparser_date(rest, lang, today)
    if day is None:
        return None
    return day, at


def _extract_time(text: str) -> tuple[time | None, str] | None:
    # None: a time was written but cannot exist ("25:00", "14pm"), so the text is unreadable.
    for pattern in _TIME_PATTERNS:
        for m in pattern.finditer(text):
            if _DURATION_BEFORE.search(text[: m.start()]):
                continue
            hour, minute = int(m["h"]), int(m["m"] or 0)
            ap = m.groupdict().get("ap")
            if ap:
                if not 1 <= hour <= 12:
                    return None
                hour = hour % 12 + (12 if ap == "p" else 0)
            at = _safe_time(hour, minute)
            if at is None:
                return None
            return at, " ".join((text[: m.start()] + " " + text[m.end():]).split())
    return None, text


def _drop_fillers(text: str) -> str:
    words = text.split()
    while words and words[0] in _FILLERS:
        words.pop(0)
    while words and words[-1] in {"om", "at"}:
        words.pop()
    return " ".join(words).strip(" .,")


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _safe_time(hour: int, minute: int) -> time | None:
    if 0 <= hour <= 23 and 0 <= minute <= 59:
        return time(hour, minute)
    return None


def _next_weekday(today: date, weekday: int) -> date:
    return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)


def _last_of_month(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: date, months: int) -> date | None:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if year > 9999:
        return None
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _rule_date(text: str, today: date) -> date | None:
    """Dates we read ourselves, to be exact where dateparser guesses or fails."""
    if text in _DAY_WORDS:
        return today + timedelta(days=_DAY_WORDS[text])
    return (_weekday_date(text, today) or _relative_date(text, today)
            or _end_date(text, today) or _numeric_date(text, today))


def _weekday_date(text: str, today: date) -> date | None:
    words = text.split()
    if len(words) == 1 and words[0] in WEEKDAYS:
        return _next_weekday(today, WEEKDAYS[words[0]])
    if len(words) == 2 and words[0] in _THIS and words[1] in WEEKDAYS:
        return _next_weekday(today, WEEKDAYS[words[1]])
    for phrases, week_offset in ((_NEXT_WEEK, 1), (_THIS_WEEK, 0)):
        for phrase in phrases:
            name = None
            if text.startswith(phrase + " "):
                name = text[len(phrase) + 1:]
            elif text.endswith(" " + phrase):
                name = text[: -len(phrase) - 1]
            if name in WEEKDAYS:
                monday = today - timedelta(days=today.weekday()) + timedelta(weeks=week_offset)
                return monday + timedelta(days=WEEKDAYS[name])
    return None


_RELATIVE = re.compile(r"(?:over|in|binnen|within)\s+(\S+)\s+(\S+)(?:\s+(?:from now|vanaf nu))?")


def _relative_date(text: str, today: date) -> date | None:
    m = _RELATIVE.fullmatch(text)
    if not m or m[2] not in _UNITS:
        return None
    count = int(m[1]) if m[1].isascii() and m[1].isdigit() else _NUMBER_WORDS.get(m[1])
    if count is None:
        return None
    unit = _UNITS[m[2]]
    # Past the calendar's end ("over 99999999 weken"): read, and refused as too far ahead.
    try:
        if unit == "d":
            return today + timedelta(days=count)
        if unit == "w":
            return today + timedelta(weeks=count)
    except OverflowError:
        return date.max
    return _add_months(today, count * (12 if unit == "y" else 1)) or date.max


_END = re.compile(
    r"(?:" + "|".join(_END_WORDS) + r")\s+(?:(?:de|het|the)\s+)?"
    r"(?:(?P<which>deze|dit|this|volgende|volgend|next|komende)\s+)?"
    r"(?:(?P<unit>maand|month|jaar|year)|(?P<month>" + _MONTH_ALT + r")\.?(?:\s+(?P<year>\d{4}))?)"
)


def _end_date(text: str, today: date) -> date | None:
    m = _END.fullmatch(text)
    if not m:
        return None
    ahead = 1 if m["which"] in {"volgende", "volgend", "next", "komende"} else 0
    if m["unit"] in {"maand", "month"}:
        first = _add_months(today.replace(day=1), ahead)
        return _last_of_month(first.year, first.month) if first else None
    if m["unit"] in {"jaar", "year"}:
        return date(today.year + ahead, 12, 31)
    if m["which"]:
        return None
    month = MONTHS[m["month"]]
    if m["year"]:
        year = int(m["year"])
        return _last_of_month(year, month) if year >= 1 else None
    year = today.year if month >= today.month else today.year + 1
    return _last_of_month(year, month)


def _numeric_date(text: str, today: date) -> date | None:
    m = _DMY.fullmatch(text)
    if m:
        year = int(m[3])
        return _safe_date(year + 2000 if year < 100 else year, int(m[2]), int(m[1]))
    m = _DM.fullmatch(text)
    if m:
        day, month = int(m[1]), int(m[2])
        return _nearest_day_month(today, month, day)
    m = _DAY_MONTH.fullmatch(text) or _MONTH_DAY.fullmatch(text)
    if m:
        return _nearest_day_month(today, MONTHS[m["month"]], int(m["day"]))
    words = text.split()
    # "vrijdag 15-12": the date decides; the weekday is only a reminder.
    if len(words) > 1 and words[0].rstrip(",") in WEEKDAYS:
        return _numeric_date(" ".join(words[1:]), today)
    return None


_ORDINAL = r"(?:e|ste|de|st|nd|rd|th)?"
_DAY_MONTH = re.compile(
    r"(?P<day>\d{1,2})" + _ORDINAL + r"\s+(?:of\s+)?(?P<month>" + _MONTH_ALT + r")\.?")
_MONTH_DAY = re.compile(r"(?P<month>" + _MONTH_ALT + r")\.?\s+(?P<day>\d{1,2})" + _ORDINAL)


def _nearest_day_month(today: date, month: int, day: int) -> date | None:
    this_year = _safe_date(today.year, month, day)
    if this_year is None:
        # 29 February rolls over to the next leap year at most four years on.
        return next((d for y in range(1, 5)
                     if (d := _safe_date(today.year + y, month, day)) is not None), None)
    if this_year >= today:
        return this_year
    next_year = _safe_date(today.year + 1, month, day)
    if next_year is None or today - this_year < next_year - today:
        return this_year
    return next_year


@lru_cache(maxsize=16)
def _parser(lang: str, base: datetime) -> DateDataParser:
    # Imported late: dateparser costs time to load, and ISO dates never need it.
    from dateparser.date import DateDataParser

    return DateDataParser(languages=[lang], settings={
        "RELATIVE_BASE": base,
        "PREFER_DATES_FROM": "future",
        "PREFER_DAY_OF_MONTH": "last",
        "DATE_ORDER": "DMY",
        "RETURN_AS_TIMEZONE_AWARE": False,
    })


def _dateparser_date(text: str, lang: str, today: date) -> date | None:
    # dateparser reads a lone number or letter as a day of this month ("5", "a"): refuse those.
    if not _LETTER_WORD.search(text):
        return None
    first = normalise_lang(lang)
    # Midnight, not `now`: the cached parser then serves the whole day.
    base = datetime.combine(today, time(0))
    for code in (first, *(c for c in LANGUAGES if c != first)):
        try:
            found = _parser(code, base).get_date_data(text).date_obj
        except Exception:  # user text must never crash a third-party parser call
            found = None
        if found is not None:
            return found.date()
    return None
