"""Due dates: numeric and natural language in nl and en, always relative to a fixed today."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cjworkflow.reading import dates
from cjworkflow.reading.dates import ParseError, format_due, parse_due

SUNDAY = date(2026, 11, 22)
WEDNESDAY = date(2026, 11, 18)
FRIDAY = date(2026, 11, 27)
DECEMBER = date(2026, 12, 20)


def due(text: str, lang: str = "nl", today: date = SUNDAY,
        now: time | None = None) -> tuple[date, time | None]:
    return parse_due(text, lang=lang, today=today, now=now)


def test_fixed_days_are_the_weekdays_the_tests_assume() -> None:
    assert SUNDAY.weekday() == 6
    assert WEDNESDAY.weekday() == 2
    assert FRIDAY.weekday() == 4


@pytest.mark.parametrize(("text", "expected"), [
    ("vrijdag", date(2026, 11, 27)),
    ("Vrijdag", date(2026, 11, 27)),
    ("vr", date(2026, 11, 27)),
    ("volgende week vrijdag", date(2026, 11, 27)),
    ("vrijdag volgende week", date(2026, 11, 27)),
    ("komende maandag", date(2026, 11, 23)),
    ("15 december", date(2026, 12, 15)),
    ("dinsdag 15 december", date(2026, 12, 15)),
    ("over 2 weken", date(2026, 12, 6)),
    ("over twee weken", date(2026, 12, 6)),
    ("over 3 dagen", date(2026, 11, 25)),
    ("over 3 maanden", date(2027, 2, 22)),
    ("vandaag", SUNDAY),
    ("morgen", date(2026, 11, 23)),
    ("overmorgen", date(2026, 11, 24)),
    ("morgenochtend", date(2026, 11, 23)),
    ("eind december", date(2026, 12, 31)),
    ("eind dec.", date(2026, 12, 31)),
    ("ultimo januari", date(2027, 1, 31)),
    ("eind van de maand", date(2026, 11, 30)),
    ("eind volgende maand", date(2026, 12, 31)),
    ("eind van het jaar", date(2026, 12, 31)),
    ("volgende maand", date(2026, 12, 31)),
    ("op vrijdag", date(2026, 11, 27)),
    ("uiterlijk 1 december", date(2026, 12, 1)),
])
def test_dutch_dates(text: str, expected: date) -> None:
    assert due(text, "nl") == (expected, None)


@pytest.mark.parametrize(("text", "expected"), [
    ("friday", date(2026, 11, 27)),
    ("next friday", date(2026, 11, 27)),
    ("this friday", date(2026, 11, 27)),
    ("next week friday", date(2026, 11, 27)),
    ("friday next week", date(2026, 11, 27)),
    ("15 december", date(2026, 12, 15)),
    ("December 15", date(2026, 12, 15)),
    ("Tuesday 15 December", date(2026, 12, 15)),
    ("in 2 weeks", date(2026, 12, 6)),
    ("in a week", date(2026, 11, 29)),
    ("in two days", date(2026, 11, 24)),
    ("today", SUNDAY),
    ("tomorrow", date(2026, 11, 23)),
    ("the day after tomorrow", date(2026, 11, 24)),
    ("end of december", date(2026, 12, 31)),
    ("end of the month", date(2026, 11, 30)),
    ("end of next month", date(2026, 12, 31)),
    ("end of the year", date(2026, 12, 31)),
    ("next month", date(2026, 12, 31)),
    ("by friday", date(2026, 11, 27)),
])
def test_english_dates(text: str, expected: date) -> None:
    assert due(text, "en") == (expected, None)


@pytest.mark.parametrize(("text", "expected"), [
    ("2026-12-15", date(2026, 12, 15)),
    ("15-12-2026", date(2026, 12, 15)),
    ("15/12/2026", date(2026, 12, 15)),
    ("15.12.2026", date(2026, 12, 15)),
    ("15-12-26", date(2026, 12, 15)),
    ("15/12", date(2026, 12, 15)),
    ("1-12", date(2026, 12, 1)),
    ("vr 27/11", date(2026, 11, 27)),
])
def test_numeric_dates(text: str, expected: date) -> None:
    assert due(text, "nl") == (expected, None)
    assert due(text, "en") == (expected, None)


def test_a_weekday_means_the_next_such_day_never_today() -> None:
    assert due("vrijdag", today=FRIDAY) == (date(2026, 12, 4), None)
    assert due("friday", "en", today=FRIDAY) == (date(2026, 12, 4), None)
    assert due("zondag", today=SUNDAY) == (date(2026, 11, 29), None)
    assert due("vandaag", today=FRIDAY) == (FRIDAY, None)


def test_next_week_weekday_is_the_one_in_the_next_calendar_week() -> None:
    # On a Wednesday: "vrijdag" is in two days, "volgende week vrijdag" nine days on.
    assert due("vrijdag", today=WEDNESDAY) == (date(2026, 11, 20), None)
    assert due("volgende week vrijdag", today=WEDNESDAY) == (date(2026, 11, 27), None)
    assert due("next week friday", "en", today=WEDNESDAY) == (date(2026, 11, 27), None)
    assert due("deze week vrijdag", today=WEDNESDAY) == (date(2026, 11, 20), None)


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("morgen 14:00", "nl", (date(2026, 11, 23), time(14, 0))),
    ("morgen om 15 uur", "nl", (date(2026, 11, 23), time(15, 0))),
    ("vrijdag om 15 uur", "nl", (date(2026, 11, 27), time(15, 0))),
    ("vrijdag 14.30 uur", "nl", (date(2026, 11, 27), time(14, 30))),
    ("vrijdag 9u30", "nl", (date(2026, 11, 27), time(9, 30))),
    ("15 december om 10", "nl", (date(2026, 12, 15), time(10, 0))),
    ("15-12-2026 09:15", "nl", (date(2026, 12, 15), time(9, 15))),
    ("2026-12-15 14:00", "nl", (date(2026, 12, 15), time(14, 0))),
    ("2026-12-15T14:00", "en", (date(2026, 12, 15), time(14, 0))),
    ("tomorrow 14:00", "en", (date(2026, 11, 23), time(14, 0))),
    ("friday at 3pm", "en", (date(2026, 11, 27), time(15, 0))),
    ("friday 3:30 pm", "en", (date(2026, 11, 27), time(15, 30))),
    ("Dec 15 9am", "en", (date(2026, 12, 15), time(9, 0))),
    ("at 3pm", "en", (SUNDAY, time(15, 0))),
    ("14:00", "nl", (SUNDAY, time(14, 0))),
])
def test_times_are_kept_when_given(text: str, lang: str,
                                   expected: tuple[date, time | None]) -> None:
    assert due(text, lang) == expected


def test_date_only_has_no_time_even_where_dateparser_fills_one() -> None:
    assert due("15 december", "en") == (date(2026, 12, 15), None)
    assert due("dinsdag 15 december", "nl") == (date(2026, 12, 15), None)
    # "over 2 uur" is a duration: it gives a day, not the clock time 02:00.
    assert due("over 2 uur", "nl") == (SUNDAY, None)


def test_year_rolls_over_for_a_day_and_month_already_past() -> None:
    assert due("15 januari", today=DECEMBER) == (date(2027, 1, 15), None)
    assert due("January 15", "en", today=DECEMBER) == (date(2027, 1, 15), None)
    assert due("15/1", today=DECEMBER) == (date(2027, 1, 15), None)
    assert due("eind januari", today=DECEMBER) == (date(2027, 1, 31), None)
    assert due("29/2", today=DECEMBER) == (date(2028, 2, 29), None)


@pytest.mark.parametrize(("text", "lang", "shown"), [
    ("1 november", "nl", "1 november 2026"),
    ("15 december", "nl", "15 december 2026"),
    ("1/11", "nl", "1 november 2026"),
    ("November 1", "en", "1 November 2026"),
    ("1st of November", "en", "1 November 2026"),
    ("15 December", "en", "15 December 2026"),
])
def test_a_day_and_month_just_past_is_refused_not_moved_to_next_year(
        text: str, lang: str, shown: str) -> None:
    # README: "A past ... date is refused". "1 november" typed on 20 December is last month.
    with pytest.raises(ParseError) as caught:
        due(text, lang, today=DECEMBER)
    assert caught.value.key == "parse-date-past"
    assert caught.value.args == {"date": shown}


def test_the_other_language_is_tried_second() -> None:
    assert due("dinsdag 15 december", "en") == (date(2026, 12, 15), None)
    assert due("Tuesday 15 December", "nl") == (date(2026, 12, 15), None)
    assert due("volgende week vrijdag", "en") == (date(2026, 11, 27), None)
    assert due("next friday", "nl") == (date(2026, 11, 27), None)


@pytest.mark.parametrize(("text", "lang", "shown"), [
    ("gisteren", "nl", "21 november 2026"),
    ("yesterday", "en", "21 November 2026"),
    ("15 december 2025", "nl", "15 december 2025"),
    ("2026-11-21", "en", "21 November 2026"),
    ("21-11-2026", "nl", "21 november 2026"),
    ("last friday", "en", "20 November 2026"),
])
def test_past_dates(text: str, lang: str, shown: str) -> None:
    with pytest.raises(ParseError) as caught:
        due(text, lang)
    assert caught.value.key == "parse-date-past"
    assert caught.value.args == {"date": shown}


def test_today_with_a_time_before_now_is_past() -> None:
    with pytest.raises(ParseError) as caught:
        due("vandaag 9:00", now=time(10, 0))
    assert caught.value.key == "parse-date-past"
    assert caught.value.args == {"date": "22 november 2026 09:00"}
    assert due("vandaag 11:00", now=time(10, 0)) == (SUNDAY, time(11, 0))
    assert due("today 9:00", "en") == (SUNDAY, time(9, 0))
    assert due("vandaag", now=time(23, 0)) == (SUNDAY, None)


@pytest.mark.parametrize("text", [
    "", "   ", "blabla", "asdf qwer", "a", "5", "99", "25:00", "14pm", "31-02-2027",
    "2026-13-01", "over veel weken", "x" * 200, "vrijdag of zaterdag misschien", "😄",
])
def test_unreadable(text: str) -> None:
    with pytest.raises(ParseError) as caught:
        due(text)
    assert caught.value.key == "parse-date-unreadable"
    assert set(caught.value.args) == {"text"}
    assert len(str(caught.value.args["text"])) <= 60


def test_format_due() -> None:
    assert format_due(date(2026, 3, 5), None, "nl") == "5 maart 2026"
    assert format_due(date(2026, 3, 5), time(9, 5), "en") == "5 March 2026 09:05"
    assert format_due(date(2026, 3, 5), None, "nl-BE") == "5 maart 2026"


def test_dateparser_parsers_are_reused() -> None:
    due("december")
    before = dates._parser.cache_info()
    due("december")
    due("januari")
    after = dates._parser.cache_info()
    assert after.misses == before.misses
    assert after.hits > before.hits


@settings(max_examples=60, deadline=None)
@given(text=st.text(max_size=120), offset=st.integers(min_value=0, max_value=3000))
def test_parse_due_returns_a_future_date_or_parse_error(text: str, offset: int) -> None:
    today = date(2025, 1, 1) + timedelta(days=offset)
    try:
        day, at = parse_due(text, lang="nl", today=today)
    except ParseError as error:
        assert error.key in {"parse-date-unreadable", "parse-date-past"}
    else:
        assert isinstance(day, date)
        assert day >= today
        assert at is None or isinstance(at, time)


@settings(max_examples=60, deadline=None)
@given(text=st.from_regex(
    r"(vandaag|morgen|vrijdag|tomorrow|friday|over \d weken|in \d days|\d{1,2}[-/]\d{1,2}"
    r"|eind (maart|december)|end of (june|the month))( (om|at) \d{1,2}(:\d\d)?( ?pm| uur)?)?",
    fullmatch=True))
def test_natural_phrases_never_escape_as_other_errors(text: str) -> None:
    for lang in ("nl", "en"):
        try:
            day, _ = parse_due(text, lang=lang, today=SUNDAY, now=time(12, 0))
        except ParseError as error:
            assert error.key in {"parse-date-unreadable", "parse-date-past"}
        else:
            assert day >= SUNDAY


# --- calendar edges and the deadline window (issue #12) --------------------------------------

EDGE_DAYS = st.one_of(
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    st.sampled_from([date(1, 1, 1), date(1, 12, 31), date(9999, 12, 31), date(9999, 1, 1),
                     date(2028, 2, 29), date(2100, 2, 28), date(2000, 2, 29),
                     date(2027, 3, 28), date(2027, 10, 31), date(2026, 4, 30)]),
)
# Typed forms of a day: some cannot exist (31 April, 29 February 2027), some lie far out.
FORMS = st.sampled_from([
    "{y:04d}-{m:02d}-{d:02d}", "{d}-{m}-{y}", "{d}/{m}/{y:04d}", "{d}.{m}.{y}", "{d}-{m}",
    "{d} {mon} {y}", "{mon} {d} {y}", "{d} {mon}", "eind {mon} {y}", "end of {mon} {y}",
    "{d}-{m}-{y} 02:30", "{y:04d}-{m:02d}-{d:02d} 23:59", "31-{m}-{y}", "29-02-{y}",
    "over {n} weken", "in {n} weeks", "over {n} maanden", "in {n} years", "over {n} dagen",
])
MONTH_WORDS = {"nl": dates._MONTH_NAMES["nl"], "en": dates._MONTH_NAMES["en"]}


@settings(max_examples=300, deadline=None)
@given(day=EDGE_DAYS, form=FORMS, lang=st.sampled_from(["nl", "en"]),
       today=st.dates(min_value=date(2000, 1, 1), max_value=date(2200, 12, 31)),
       n=st.one_of(st.integers(0, 4000), st.integers(10**6, 10**70)))
def test_every_date_form_lands_in_the_window_or_is_refused(day: date, form: str, lang: str,
                                                           today: date, n: int) -> None:
    text = form.format(y=day.year, m=day.month, d=day.day, n=n,
                       mon=MONTH_WORDS[lang][day.month - 1])
    try:
        found, _ = parse_due(text, lang=lang, today=today)
    except ParseError as error:
        assert error.key in {"parse-date-unreadable", "parse-date-past", "parse-date-too-far"}
        if error.key == "parse-date-too-far":
            assert error.args["years"] == 10
    else:
        assert today <= found <= dates.latest_due(today)


@pytest.mark.parametrize(("today", "latest"), [
    (date(2026, 11, 22), date(2036, 11, 22)),
    (date(2028, 2, 29), date(2038, 2, 28)),  # no 29 February in 2038
    (date(9995, 6, 1), date(9999, 6, 1)),  # the calendar ends first
])
def test_the_latest_deadline(today: date, latest: date) -> None:
    assert dates.latest_due(today) == latest
    assert due(latest.isoformat(), today=today) == (latest, None)
    if latest < date.max:
        with pytest.raises(ParseError) as caught:
            due((latest + timedelta(days=1)).isoformat(), today=today)
        assert caught.value.key == "parse-date-too-far"


@pytest.mark.parametrize(("text", "lang", "latest"), [
    ("9999-12-31", "nl", "22 november 2036"), ("31-12-9999", "en", "22 November 2036"),
    ("december 9999", "nl", "22 november 2036"), ("eind december 2040", "nl", "22 november 2036"),
    ("over 5000 weken", "nl", "22 november 2036"), ("in 5000 weeks", "en", "22 November 2036"),
    ("over " + "9" * 60 + " jaar", "nl", "22 november 2036"),
    ("in 11 years", "en", "22 November 2036"),
    ("15 december 2040", "en", "22 November 2036"), ("31-12-99", "nl", "22 november 2036"),
])
def test_far_future_dates_are_refused_on_every_path(text: str, lang: str, latest: str) -> None:
    with pytest.raises(ParseError) as caught:
        due(text, lang)
    assert caught.value.key == "parse-date-too-far"
    assert caught.value.args == {"years": 10, "latest": latest}


@pytest.mark.parametrize("text", ["0000-01-01", "29-02-2027", "31-04-2027", "2027-02-30",
                                  "31/6/2027", "29-02-2100"])
def test_days_that_do_not_exist_are_unreadable(text: str) -> None:
    with pytest.raises(ParseError) as caught:
        due(text)
    assert caught.value.key == "parse-date-unreadable"


def test_calendar_edges_that_exist_are_read() -> None:
    assert due("29-02-2028") == (date(2028, 2, 29), None)
    assert due("2027-03-28 02:30") == (date(2027, 3, 28), time(2, 30))  # lost in Amsterdam
    assert due("31-10-2027 02:30") == (date(2027, 10, 31), time(2, 30))  # there twice
    with pytest.raises(ParseError) as caught:
        due("0001-01-01")
    assert caught.value.key == "parse-date-past"
