"""Every export format read back by the library that reads it, in Dutch and English.

PDF (pypdf), XLSX (openpyxl), ICS (icalendar), Mermaid (its text shape) and the JSON
attachment, for a workshop played through the engine, the demo and an empty workshop.
"""

from __future__ import annotations

import dataclasses
import io
import json
import pickle
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from icalendar import Calendar
from openpyxl import load_workbook
from pypdf import PdfReader
from pypdf.generic import ContentStream
from sqlalchemy.engine import Engine
from sqlmodel import Session

from cjworkflow import demo
from cjworkflow.flow.engine import WorkshopEngine
from cjworkflow.i18n import t
from cjworkflow.messages import Attachment
from cjworkflow.outputs.exports import CSV_FIELDS
from cjworkflow.outputs.ics import actions_ics
from cjworkflow.outputs.mermaid import journey
from cjworkflow.outputs.pdf import pdf_report
from cjworkflow.outputs.produce import EXPORT_KINDS, KINDS, Produced, export_kinds, produce
from cjworkflow.snapshot import ActionView, StageView, WorkshopSnapshot
from cjworkflow.storage import transfer
from cjworkflow.storage.db import make_engine
from cjworkflow.storage.models import Workshop
from cjworkflow.storage.readmodel import build_snapshot
from tests.conftest import _fresh_sqlite_database
from tests.harness import Room
from tests.render_factory import make_snapshot

TITLES = {"nl": "Ik bestel een wasmachine — vóór de feestdagen",
          "en": "I order a washing machine — before the holidays"}
GOAL_NL = "Klanten kiezen zelf hun bezorgmoment, óók ’s avonds"

# (lang) -> per step, the lines typed as (who, text); step 8's actions out of plan order.
SCRIPT = {
    "nl": [
        [("anna", GOAL_NL), ("bram", "Minder afhakers bij de bezorgkeuze")],
        [("anna", "Drukke ouder: tweeverdiener | doel: snel weer wassen"),
         ("bram", "Zoë: wil advies bij het aansluiten | doel: zekerheid")],
        [("fenna", "Drukke ouder")],
        [("anna", "1: Zoekresultaat in Google | zoekmachine"),
         ("bram", "3: Bezorgkeuze in de checkout | web"),
         ("anna", "4: Bezorger belt niet aan 🚚 | bezorging")],
        [("anna", "Actie: pijn: bezorgmoment pas na betalen"), ("anna", "Aandacht: emotie 4"),
         ("bram", "Aandacht: emotie 2 onzeker"),
         ("bram", "Actie: idee: bezorgmoment vóór afrekenen"),
         ("anna", "Actie: scenario: bestelt ’s avonds op de bank"),
         ("bram", "Actie: denkt: wanneer komt hij nou?")],
        [("anna", "heb: klantenservice met chat"), ("bram", "nodig: sms-dienst")],
        [("anna", "Actie: bezorgmoment pas zichtbaar na betalen"), ("fenna", "Actie: ideaal 4")],
        [("anna", "Eigen bezorgapp | impact 2 | moeite 5 | @anna | deadline 2027-03-01"),
         ("bram", "3: Bezorgmoment vóór afrekenen | impact 5 | moeite 4 | @bram | "
                  "deadline 2027-07-01 14:00"),
         ("anna", "Service: Bevestigingsmail | impact 5 | moeite 1 | @anna | deadline vrijdag"
                  " | doel 1"),
         ("bram", "Reviewverzoek later | impact 2 | moeite 1 | @bram | "
                  "deadline 2026-12-15 09:30")],
    ],
    "en": [
        [("anna", "Customers pick their own delivery slot, even at night"),
         ("bram", "Fewer drop-outs at the delivery choice")],
        [("anna", "Busy parent: two jobs | goal: washing again soon"),
         ("bram", "Zoë: wants help with installing | goal: certainty")],
        [("fenna", "Busy parent")],
        [("anna", "1: Google search result | search"),
         ("bram", "3: Delivery choice in checkout | web"),
         ("anna", "4: Courier does not ring 🚚 | delivery")],
        [("anna", "Purchase: pain: delivery slot only after paying"),
         ("anna", "Awareness: emotion 4"), ("bram", "Awareness: emotion 2 unsure"),
         ("bram", "Purchase: idea: slots before checkout"),
         ("anna", "Purchase: scenario: orders at night on the sofa"),
         ("bram", "Purchase: thinks: when will it come?")],
        [("anna", "have: customer service with chat"), ("bram", "need: text message service")],
        [("anna", "Purchase: slot only visible after paying"), ("fenna", "Purchase: ideal 4")],
        [("anna", "Own delivery app | impact 2 | effort 5 | @anna | due 2027-03-01"),
         ("bram", "3: Slots before checkout | impact 5 | effort 4 | @bram | due 2027-07-01 14:00"),
         ("anna", "Service: Confirmation email | impact 5 | effort 1 | @anna | due friday"
                  " | goal 1"),
         ("bram", "Later review request | impact 2 | effort 1 | @bram | due 2026-12-15 09:30")],
    ],
}
# Titles in plan order (quick win, major project, fill-in, thankless) and their owners.
PLAN = {
    "nl": ["Bevestigingsmail", "Bezorgmoment vóór afrekenen", "Reviewverzoek later",
           "Eigen bezorgapp"],
    "en": ["Confirmation email", "Slots before checkout", "Later review request",
           "Own delivery app"],
}
OWNERS = ["@anna", "@bram", "@bram", "@anna"]


def build_workshop(db: Engine, lang: str, title: str | None = None) -> int:
    """Play the workshop through the engine (two actions name a stage); its id."""
    room = Room(db, lang=lang)
    room.start(title or TITLES[lang])
    for number, lines in enumerate(SCRIPT[lang], start=1):
        room.goto(number)
        for who, text in lines:
            room.say(who, text)
    wid = room.workshop().id
    assert wid is not None
    return wid


def snapshot_of(db: Engine, wid: int) -> WorkshopSnapshot:
    """The read model of one workshop."""
    with Session(db) as session:
        ws = session.get(Workshop, wid)
        assert ws is not None
        return build_snapshot(session=session, workshop=ws)


@pytest.fixture(scope="module")
def db(_sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """One SQLite database for this module's read-only format checks."""
    engine = make_engine(_fresh_sqlite_database(_sqlite_template,
                                                tmp_path_factory.mktemp("formats")))
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def snaps(db: Engine) -> dict[str, WorkshopSnapshot]:
    """The scripted workshop in each language."""
    return {lang: snapshot_of(db, build_workshop(db, lang)) for lang in ("nl", "en")}


@pytest.fixture(params=["nl", "en"])
def lang(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def snap(snaps: dict[str, WorkshopSnapshot], lang: str) -> WorkshopSnapshot:
    return snaps[lang]


def test_the_scripted_workshop_is_what_the_tests_expect(snap: WorkshopSnapshot,
                                                        lang: str) -> None:
    assert [a.title for a in snap.actions] == PLAN[lang]
    assert [a.owner for a in snap.actions] == OWNERS
    assert [a.stage for a in snap.actions] == [snap.stages[3].label, snap.stages[2].label,
                                               None, None]
    assert snap.actions[0].due_date == date(2026, 11, 27) and snap.actions[0].due_time is None
    assert snap.actions[1].due_time == time(14, 0)
    if lang == "nl":
        assert GOAL_NL in snap.goals


# --- PDF ------------------------------------------------------------------------------------

def pdf_text(data: bytes) -> tuple[PdfReader, str]:
    """The reader and the text of every page, joined, with line breaks made spaces."""
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(page.extract_text() for page in reader.pages)
    return reader, " ".join(text.split())


@pytest.fixture(scope="module")
def pdfs(snaps: dict[str, WorkshopSnapshot]) -> dict[tuple[str, str], bytes]:
    """Both reports in both languages, produced as the bot would."""
    return {(lang, kind): produce(Attachment(kind, snap, lang)).data
            for lang, snap in snaps.items() for kind in ("pdf", "pdf_a3")}


@pytest.mark.parametrize(("kind", "size"), [("pdf", (841.89, 595.28)),
                                            ("pdf_a3", (1190.55, 841.89))])
def test_pdf_pages_are_a4_or_a3_landscape(pdfs: dict[tuple[str, str], bytes], lang: str,
                                          kind: str, size: tuple[float, float]) -> None:
    reader, _ = pdf_text(pdfs[(lang, kind)])
    assert len(reader.pages) >= 4
    for page in reader.pages:
        box = page.mediabox
        assert (float(box.width), float(box.height)) == pytest.approx(size, abs=0.1)


@pytest.mark.parametrize("kind", ["pdf", "pdf_a3"])
def test_pdf_text_is_real_and_complete(pdfs: dict[tuple[str, str], bytes], lang: str,
                                       kind: str, snap: WorkshopSnapshot) -> None:
    reader, text = pdf_text(pdfs[(lang, kind)])
    assert reader.metadata is not None and reader.metadata.title == TITLES[lang]
    assert TITLES[lang] in text
    if lang == "nl":
        assert GOAL_NL in text
        assert "Zoë" in text and "vóór" in text
    for key in ("step-goals-title", "step-personas-title", "pdf-stages", "export-plan"):
        assert t(lang, key) in text, key
    # Issue #14: the map and the matrix are vector drawings whose own text is selectable;
    # their own titles head them (no report heading repeats them above).
    assert t(lang, "render-map-kicker").upper() in text
    assert t(lang, "render-matrix-title").upper() in text
    # Emoji are dropped, the words around them kept.
    courier = SCRIPT[lang][3][2][1].split(": ", 1)[1].split(" | ")[0]
    assert courier.replace(" 🚚", "") in text and "🚚" not in text
    # The plan, after its heading: titles in plan order, with owners, statuses and deadlines.
    plan = text[text.rindex(t(lang, "export-plan")):]
    positions = [plan.index(title) for title in PLAN[lang]]
    assert positions == sorted(positions)
    for owner in set(OWNERS):
        assert owner in plan
    assert t(lang, "status-open") in plan
    assert "14:00" in plan and "2027" in plan
    assert t(lang, f"quadrant-{snap.actions[0].quadrant}") in plan
    other = "en" if lang == "nl" else "nl"
    assert t(other, "export-plan") not in text and t(other, "pdf-stages") not in text


def test_pdf_draws_the_map_and_the_matrix_as_vector_graphics(
        pdfs: dict[tuple[str, str], bytes], snap: WorkshopSnapshot, lang: str) -> None:
    data = pdfs[(lang, "pdf")]
    assert b"/Subtype /Image" not in data  # no pictures: paths and text
    reader = PdfReader(io.BytesIO(data))
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    # The map's page: its title, every stage's label and its touchpoints, as text.
    kicker = t(lang, "render-map-kicker").upper()
    map_page = next(p for p in pages if kicker in p)
    assert all(stage.label in map_page for stage in snap.stages)
    assert snap.stages[0].touchpoints[0][0] in map_page
    matrix_page = next(p for p in pages if t(lang, "render-matrix-title").upper() in p)
    assert PLAN[lang][0] in matrix_page
    # Every piece of text is set in the embedded DejaVu Sans (ReportLab selects its default
    # Helvetica at each page start, but shows no text in it; the drawings italicise a note).
    shown: set[str] = set()
    for page in reader.pages:
        fonts = {name: str(ref.get_object()["/BaseFont"])
                 for name, ref in page["/Resources"]["/Font"].items()}  # type: ignore[index]
        current = ""
        for operands, op in ContentStream(page.get_contents(), reader).operations:
            if op == b"Tf":
                current = fonts.get(operands[0], current)
            elif op in (b"Tj", b"TJ", b"'", b'"'):
                shown.add(current.split("+")[-1])
    assert shown <= {"DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"}
    assert {"DejaVuSans", "DejaVuSans-Bold"} <= shown


def test_pdf_escapes_markup_and_survives_an_emoji_only_title() -> None:
    snap = dataclasses.replace(make_snapshot(lang="en"), title="Order & <return> 🧺",
                               goals=("Fewer <b>returns</b> & 😡 complaints",))
    _, text = pdf_text(pdf_report(snap, "en"))
    assert "Order & <return>" in text and "Fewer <b>returns</b> & complaints" in text
    untitled = dataclasses.replace(snap, title="🧺🚚")
    _, text = pdf_text(pdf_report(untitled, "en", "a3"))
    assert t("en", "render-map-untitled") in text


def test_pdf_of_very_long_entries_still_fits_on_pages() -> None:
    long = "W" * 1000
    stage = dataclasses.replace(make_snapshot(lang="nl").stages[0],
                                pains=(long,) * 3, observations=(long,))
    snap = dataclasses.replace(make_snapshot(lang="nl"), stages=(stage,),
                               goals=(long,), title="T" * 200)
    reader, _ = pdf_text(pdf_report(snap, "nl"))
    assert len(reader.pages) >= 4


# --- XLSX -----------------------------------------------------------------------------------

def test_xlsx_has_the_plan_and_the_stage_board(snap: WorkshopSnapshot, lang: str) -> None:
    produced = produce(Attachment("xlsx", snap, lang))
    assert produced.filename.endswith(".xlsx") and produced.data[:2] == b"PK"
    wb = load_workbook(io.BytesIO(produced.data))
    assert wb.sheetnames == [t(lang, "xlsx-sheet-plan"), t(lang, "xlsx-sheet-stages")]
    plan, board = wb.worksheets
    rows = list(plan.iter_rows(values_only=True))
    assert list(rows[0]) == [t(lang, f"export-col-{f}") for f in CSV_FIELDS]
    col = {f: i for i, f in enumerate(CSV_FIELDS)}
    body = rows[1:]
    assert [r[col["number"]] for r in body] == [1, 2, 3, 4]
    assert [r[col["title"]] for r in body] == PLAN[lang]
    # Issue #12: an owner's cell never starts with @ (a formula to some spreadsheets).
    assert [r[col["owner"]] for r in body] == [f"{o[1:].title()} ({o})" for o in OWNERS]
    assert body[0][col["due_date"]] == datetime(2026, 11, 27)
    assert body[1][col["due_time"]] == time(14, 0)
    assert body[0][col["status"]] == t(lang, "status-open")
    assert (body[0][col["impact"]], body[0][col["effort"]]) == (5, 1)
    assert plan.freeze_panes == "A2" and board.freeze_panes == "A2"
    assert plan["A1"].font.bold and plan.column_dimensions["C"].width >= 30
    # The board: a column per stage and one for actions without a stage, in plan order.
    heads = [c.value for c in board[1]]
    assert heads == [f"{s.position + 1}. {s.label}" for s in snap.stages] + [
        t(lang, "xlsx-no-stage")]
    columns = {heads[c - 1]: [board.cell(row=r, column=c).value
                              for r in range(2, board.max_row + 1)
                              if board.cell(row=r, column=c).value]
               for c in range(1, len(heads) + 1)}
    assert columns[heads[3]][0].startswith(f"1. {PLAN[lang][0]}\nAnna (@anna) · 2026-11-27 · ")
    assert columns[heads[2]][0].startswith(f"2. {PLAN[lang][1]}\nBram (@bram) · 2027-07-01 14:00")
    assert [c.split("\n")[0] for c in columns[heads[-1]]] == [
        f"3. {PLAN[lang][2]}", f"4. {PLAN[lang][3]}"]
    assert sum(len(v) for v in columns.values()) == 4


def test_xlsx_sheet_names_and_texts_are_made_safe() -> None:
    snap = make_snapshot(actions=12, lang="en")
    bad = dataclasses.replace(snap.actions[0], title="Bell\x07 rings\x00", owner="x\x1f")
    snap = dataclasses.replace(snap, actions=(bad, *snap.actions[1:]))
    wb = load_workbook(io.BytesIO(produce(Attachment("xlsx", snap, "en")).data))
    assert wb.worksheets[0]["C2"].value == "Bell rings"
    # render_factory files actions under its stages; every action lands in some column.
    board = wb.worksheets[1]
    cards = [c.value for row in board.iter_rows(min_row=2) for c in row if c.value]
    assert len(cards) == 12


# --- ICS ------------------------------------------------------------------------------------

def events(data: bytes) -> list[object]:
    return list(Calendar.from_ical(data).walk("VEVENT"))


def test_ics_has_one_event_per_dated_action_naming_its_owner(snap: WorkshopSnapshot,
                                                             lang: str) -> None:
    produced = produce(Attachment("ics", snap, lang))
    assert produced.mime == "text/calendar" and produced.filename.endswith(".ics")
    cal = Calendar.from_ical(produced.data)
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    found = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}
    assert len(found) == len([a for a in snap.actions if a.due_date])
    for a in snap.actions:
        event = found[t(lang, "ics-summary", title=a.title, owner=a.owner)]
        assert a.owner in str(event["DESCRIPTION"])
        assert t(lang, f"status-{a.status}") in str(event["DESCRIPTION"])
    uids = [str(e["UID"]) for e in found.values()]
    assert len(set(uids)) == len(uids)


def test_ics_all_day_and_timed_deadlines_are_dst_correct(snaps: dict[str, WorkshopSnapshot]
                                                         ) -> None:
    snap = snaps["nl"]
    found = {str(e["SUMMARY"]).split(" (")[0]: e for e in events(actions_ics(snap, "nl"))}
    all_day = found["Bevestigingsmail"]
    assert all_day.decoded("DTSTART") == date(2026, 11, 27)  # a date: an all-day event
    assert all_day.decoded("DTEND") == date(2026, 11, 28)
    summer = found["Bezorgmoment vóór afrekenen"].decoded("DTSTART")
    winter = found["Reviewverzoek later"].decoded("DTSTART")
    assert str(summer.tzinfo) == "Europe/Amsterdam"
    # 14:00 in Amsterdam is 12:00 UTC in summer (CEST) and 09:30 is 08:30 UTC in winter (CET).
    assert summer.astimezone(UTC) == datetime(2027, 7, 1, 12, 0, tzinfo=UTC)
    assert winter.astimezone(UTC) == datetime(2026, 12, 15, 8, 30, tzinfo=UTC)
    assert b"DTSTART;TZID=Europe/Amsterdam:20270701T140000" in actions_ics(snap, "nl")


def test_ics_uids_are_stable_per_workshop_and_action(snaps: dict[str, WorkshopSnapshot]) -> None:
    snap = snaps["nl"]
    first = [str(e["UID"]) for e in events(actions_ics(snap, "nl"))]
    # Another export later, with one more action in front, keeps the others' UIDs.
    extra = ActionView(number=0, title="Nieuw", impact=5, effort=1, quadrant="quick_win",
                       owner=None, due_date=date(2027, 1, 4), due_time=None, status="open")
    later = dataclasses.replace(snap, actions=(extra, *snap.actions), version=snap.version + 9)
    again = [str(e["UID"]) for e in events(actions_ics(later, "en"))]
    assert again[1:] == first and len(set(again)) == 5
    other = dataclasses.replace(snap, id=snap.id + 100)
    assert not set(first) & {str(e["UID"]) for e in events(actions_ics(other, "nl"))}


def test_ics_of_undated_or_ownerless_actions() -> None:
    snap = make_snapshot(actions=12, lang="en")
    dated = [a for a in snap.actions if a.due_date]
    assert 0 < len(dated) < len(snap.actions)
    found = events(actions_ics(snap, "en"))
    assert len(found) == len(dated)
    ownerless = next(a for a in dated if a.owner is None)
    assert any(str(e["SUMMARY"]) == ownerless.title for e in found)


# --- Mermaid --------------------------------------------------------------------------------

TASK = re.compile(r"^ {8}[^:\n]+: [1-5]: [^:\n]+$")


def test_mermaid_is_a_journey_with_a_section_per_stage(snap: WorkshopSnapshot,
                                                       lang: str) -> None:
    produced = produce(Attachment("mermaid", snap, lang))
    assert produced.filename.endswith(".mmd")
    lines = produced.data.decode("utf-8").splitlines()
    assert lines[0] == "journey"
    assert lines[1] == f"    title {TITLES[lang]}"
    sections = [ln.removeprefix("    section ") for ln in lines if ln.startswith("    section ")]
    assert sections == [s.label for s in snap.stages]
    tasks = [ln for ln in lines[2:] if not ln.startswith("    section ")]
    assert tasks and all(TASK.match(ln) for ln in tasks), tasks
    # The first stage: emotion 4 and 2 -> 3; its touchpoint's actor is its channel.
    first = lines[lines.index(f"    section {snap.stages[0].label}") + 1]
    assert first.endswith(": 3: " + snap.stages[0].touchpoints[0][1])  # type: ignore[operator]


def test_mermaid_escapes_and_rounds() -> None:
    stages = (
        StageView(position=0, label="Kiezen: stap 1", scores=(1, 2),
                  touchpoints=(("Prijs: te hoog\nvolgens klant; #1", "web, app"),),
                  user_actions=("Vergelijkt 50%% korting",)),
        StageView(position=1, label="Betalen", scores=(4, 5)),
        StageView(position=2, label="Wachten"),
    )
    snap = dataclasses.replace(make_snapshot(lang="nl"), title="Bestellen: #1; ok",
                               stages=stages)
    lines = journey(snap, "nl").decode("utf-8").splitlines()
    assert lines == [
        "journey",
        "    title Bestellen: #35;1#59; ok",
        "    section Kiezen#58; stap 1",
        "        Prijs#58; te hoog volgens klant#59; #35;1: 2: web#44; app",
        "        Vergelijkt 50#37;#37; korting: 2: web#44; app",
        "    section Betalen",
        "        Betalen: 5: team",
        "    section Wachten",
        "        Wachten: 3: team",
    ]


# --- JSON -----------------------------------------------------------------------------------

def test_json_attachment_is_lossless_when_the_transfer_is_carried(db: Engine,
                                                                  snaps: dict[str, WorkshopSnapshot]
                                                                  ) -> None:
    snap = snaps["nl"]
    with Session(db) as session:
        lossless = transfer.export_bytes(session, snap.id)

    @dataclasses.dataclass(frozen=True)
    class Carrying(Attachment):  # what the lead adds to Attachment: an optional field
        transfer: bytes | None = None

    produced = produce(Carrying("json", snap, "nl", transfer=lossless))
    assert produced.data == lossless
    data = json.loads(produced.data)
    assert (data["format"], data["version"]) == ("cjbot-workshop", 2)
    assert len(data["members"]) == 3 and len(data["scores"]) == 3
    # Without it (a worker has no database) the snapshot summary, still valid JSON.
    summary = json.loads(produce(Attachment("json", snap, "nl")).data)
    assert summary["version"] == 1 and summary["workshop"]["title"] == TITLES["nl"]


# --- every kind: the demo, an empty workshop, pickling ---------------------------------------

def test_export_kinds_are_known_and_captioned() -> None:
    assert EXPORT_KINDS == ("pdf", "xlsx", "csv", "ics", "markdown", "mermaid", "json")
    # "plan": a long action plan sent as a file instead of many messages (issue #12).
    assert set(EXPORT_KINDS) | {"map", "matrix", "pdf_a3", "plan"} == set(KINDS)
    for lang in ("nl", "en"):
        for kind in (*EXPORT_KINDS, "pdf_a3", "plan"):
            assert t(lang, f"caption-{kind}")


def check_every_kind(snap: WorkshopSnapshot, lang: str) -> dict[str, Produced]:
    """Produce every kind; each opens with its reader."""
    out = {kind: produce(Attachment(kind, snap, lang)) for kind in KINDS}
    assert len({p.filename for p in out.values()}) == len(KINDS)
    for kind in ("pdf", "pdf_a3"):
        _, text = pdf_text(out[kind].data)
        assert t(lang, "export-plan") in text
    load_workbook(io.BytesIO(out["xlsx"].data))
    Calendar.from_ical(out["ics"].data)
    json.loads(out["json"].data)
    assert out["mermaid"].data.startswith(b"journey\n")
    assert out["map"].is_image and out["matrix"].is_image
    return out


def test_the_demo_workshop_exports_in_every_format(sqlite_engine: Engine, lang: str) -> None:
    wid = demo.build(WorkshopEngine(sqlite_engine, default_language=lang), lang)
    snap = snapshot_of(sqlite_engine, wid)
    out = check_every_kind(snap, lang)
    assert len(events(out["ics"].data)) == 6
    assert export_kinds(snap) == EXPORT_KINDS


def test_an_empty_workshop_exports_in_every_format(sqlite_engine: Engine, lang: str) -> None:
    room = Room(sqlite_engine, lang=lang)
    room.start("Leeg" if lang == "nl" else "Empty")
    snap = snapshot_of(sqlite_engine, room.workshop().id or 0)
    assert not snap.actions and not snap.goals
    out = check_every_kind(snap, lang)
    _, text = pdf_text(out["pdf"].data)
    assert t(lang, "pdf-none") in text
    assert events(out["ics"].data) == []
    wb = load_workbook(io.BytesIO(out["xlsx"].data))
    assert wb.worksheets[0].max_row == 1
    assert "ics" not in export_kinds(snap)
    sections = [ln for ln in out["mermaid"].data.decode().splitlines() if "section" in ln]
    assert len(sections) == len(snap.stages)


def test_attachments_survive_pickling_for_the_worker_process(snaps: dict[str, WorkshopSnapshot]
                                                              ) -> None:
    att = pickle.loads(pickle.dumps(Attachment("xlsx", snaps["en"], "en")))
    assert produce(att).data[:2] == b"PK"
