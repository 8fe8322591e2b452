"""CSV, JSON and Markdown exports of a workshop built through the engine, in nl and en."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from cjworkflow.i18n import t
from cjworkflow.outputs import exports
from cjworkflow.snapshot import WorkshopSnapshot
from cjworkflow.storage.readmodel import build_snapshot
from tests.harness import Room

TITLES = {"nl": "Ik bestel | retourneer een wasmachine",
          "en": "I order | return a washing machine"}

# (lang) -> the lines of each step, typed by (who, text); step 8's actions out of plan order.
SCRIPT = {
    "nl": [
        [("anna", "Minder afhakers bij de bezorgkeuze"), ("bram", "Meer herhaalaankopen")],
        [("anna", "Drukke ouder: tweeverdiener | doel: snel weer wassen"), ("bram", "Student")],
        [("fenna", "Drukke ouder")],
        [("anna", "1: Zoekresultaat in Google | zoekmachine"),
         ("bram", "3: Bezorgkeuze in de checkout | web")],
        [("anna", "Actie: pijn: bezorgmoment pas na betalen"), ("anna", "Aandacht: emotie 4"),
         ("bram", "Aandacht: emotie 2"), ("bram", "Actie: idee: bezorgmoment vóór afrekenen")],
        [("anna", "heb: klantenservice met chat"), ("bram", "nodig: sms-dienst")],
        [("anna", "Actie: bezorgmoment pas zichtbaar na betalen"), ("fenna", "Actie: ideaal 4")],
        [("anna", "Eigen bezorgapp | impact 2 | moeite 5 | @anna | deadline over 20 weken"),
         ("bram", "Bezorgmoment vóór afrekenen | impact 5 | moeite 4 | @bram | "
                  "deadline over 8 weken"),
         ("anna", "Bevestigingsmail | impact 5 | moeite 1 | @anna | deadline vrijdag"),
         ("bram", "Reviewverzoek later | impact 2 | moeite 1 | @bram | deadline 2026-12-15")],
    ],
    "en": [
        [("anna", "Fewer drop-outs at the delivery choice"), ("bram", "More repeat purchases")],
        [("anna", "Busy parent: two jobs | goal: washing again soon"), ("bram", "Student")],
        [("fenna", "Busy parent")],
        [("anna", "1: Google search result | search"),
         ("bram", "3: Delivery choice in checkout | web")],
        [("anna", "Purchase: pain: delivery slot only after paying"),
         ("anna", "Awareness: emotion 4"), ("bram", "Awareness: emotion 2"),
         ("bram", "Purchase: idea: slots before checkout")],
        [("anna", "have: customer service with chat"), ("bram", "need: text message service")],
        [("anna", "Purchase: slot only visible after paying"), ("fenna", "Purchase: ideal 4")],
        [("anna", "Own delivery app | impact 2 | effort 5 | @anna | due in 20 weeks"),
         ("bram", "Slots before checkout | impact 5 | effort 4 | @bram | due in 8 weeks"),
         ("anna", "Confirmation email | impact 5 | effort 1 | @anna | due friday"),
         ("bram", "Later review request | impact 2 | effort 1 | @bram | due 2026-12-15")],
    ],
}
PLAN = {  # titles in plan order: quick win, major project, fill-in, thankless
    "nl": ["Bevestigingsmail", "Bezorgmoment vóór afrekenen", "Reviewverzoek later",
           "Eigen bezorgapp"],
    "en": ["Confirmation email", "Slots before checkout", "Later review request",
           "Own delivery app"],
}


def build(db: Engine, lang: str, title: str | None = None) -> WorkshopSnapshot:
    """Play a small workshop through the engine and snapshot it."""
    room = Room(db, lang=lang)
    room.start(title or TITLES[lang])
    for number, lines in enumerate(SCRIPT[lang], start=1):
        room.goto(number)
        for who, text in lines:
            room.say(who, text)
    with Session(db) as session:
        snap = build_snapshot(session=session, workshop=room.workshop())
    return snap


@pytest.fixture(params=["nl", "en"])
def lang(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def snap(engine: Engine, lang: str) -> WorkshopSnapshot:
    return build(engine, lang)


def test_the_snapshot_holds_what_the_team_typed(snap: WorkshopSnapshot, lang: str) -> None:
    assert snap.title == TITLES[lang] and snap.language == lang
    assert len(snap.goals) == 2 and len(snap.personas) == 2
    assert [p.is_target for p in snap.personas] == [True, False]
    assert len(snap.stages) == 5
    assert snap.stages[0].scores and sorted(snap.stages[0].scores) == [2, 4]
    assert snap.stages[2].pains and snap.stages[2].solutions and snap.stages[2].observations
    assert snap.stages[2].ideal_scores == (4,)
    assert sum(len(s.touchpoints) for s in snap.stages) == 2
    assert snap.resources_have and snap.resources_need
    assert [a.title for a in snap.actions] == PLAN[lang]


def _csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "the CSV starts with a BOM for Excel"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_header_in_the_language_and_rows_in_plan_order(snap: WorkshopSnapshot,
                                                            lang: str) -> None:
    rows = _csv_rows(exports.actions_csv(snap, lang))
    header, body = rows[0], rows[1:]
    assert header == [t(lang, f"export-col-{f}") for f in exports.CSV_FIELDS]
    expected = {"nl": ("Prioriteit", "Actie", "Moeite", "Eigenaar"),
                "en": ("Priority", "Action", "Effort", "Owner")}[lang]
    assert set(expected) <= set(header)
    assert len(body) == 4 and all(len(r) == len(header) for r in body)
    col = {f: i for i, f in enumerate(exports.CSV_FIELDS)}
    assert [r[col["number"]] for r in body] == ["1", "2", "3", "4"]
    assert [r[col["title"]] for r in body] == PLAN[lang]
    assert [r[col["quadrant"]] for r in body] == [
        t(lang, f"quadrant-{q}") for q in ("quick_win", "major_project", "fill_in", "thankless")]
    first = body[0]
    assert (first[col["impact"]], first[col["effort"]]) == ("5", "1")
    assert first[col["owner"]] == "Anna (@anna)"  # issue #12: no cell starts with @
    assert first[col["due_date"]] == date(2026, 11, 27).isoformat()  # friday after the Sunday
    assert body[2][col["due_date"]] == "2026-12-15"
    assert first[col["status"]] == t(lang, "status-open")


def test_csv_of_a_workshop_without_actions_is_just_the_header(engine: Engine) -> None:
    room = Room(engine, lang="en")
    room.start("Empty plan")
    with Session(engine) as session:
        snap = build_snapshot(session=session, workshop=room.workshop())
    rows = _csv_rows(exports.actions_csv(snap, "en"))
    assert rows == [[t("en", f"export-col-{f}") for f in exports.CSV_FIELDS]]


def test_csv_can_be_written_in_another_language_than_the_workshop(snap: WorkshopSnapshot,
                                                                   lang: str) -> None:
    other = "en" if lang == "nl" else "nl"
    rows = _csv_rows(exports.actions_csv(snap, other))
    assert rows[0][1] == t(other, "export-col-quadrant")
    assert [r[2] for r in rows[1:]] == PLAN[lang]


def test_json_is_versioned_and_complete(snap: WorkshopSnapshot, lang: str) -> None:
    data = json.loads(exports.workshop_json(snap).decode("utf-8"))
    assert data["format"] == "cjbot-workshop" and data["version"] == 1
    ws = data["workshop"]
    assert ws["title"] == TITLES[lang] and ws["language"] == lang
    assert [s["label"] for s in ws["stages"]] == [s.label for s in snap.stages]
    assert [s["position"] for s in ws["stages"]] == [0, 1, 2, 3, 4]
    assert [a["title"] for a in ws["actions"]] == PLAN[lang]
    assert [a["quadrant"] for a in ws["actions"]] == [
        "quick_win", "major_project", "fill_in", "thankless"]
    assert ws["actions"][0]["due_date"] == "2026-11-27"
    assert ws["goals"] == list(snap.goals)
    assert ws["personas"][0]["is_target"] is True
    assert isinstance(ws["created_at"], str)


def test_json_keeps_non_ascii_readable(engine: Engine) -> None:
    snap = build(engine, "nl", title="Ik bestel een wasmachine 🧺 — vóór kerst")
    raw = exports.workshop_json(snap).decode("utf-8")
    assert "🧺 — vóór kerst" in raw
    assert json.loads(raw)["workshop"]["title"] == snap.title


def test_markdown_has_the_title_sections_and_plan_table(snap: WorkshopSnapshot,
                                                        lang: str) -> None:
    md = exports.markdown(snap, lang).decode("utf-8")
    lines = md.splitlines()
    escaped = TITLES[lang].replace("|", "\\|")
    assert lines[0] == f"# {escaped}"
    assert f"## {t(lang, 'export-plan')}" in lines
    assert t(lang, "export-plan") == {"nl": "Actieplan", "en": "Action plan"}[lang]
    assert f"## {t(lang, 'step-goals-title')}" in lines
    assert f"## 1. {snap.stages[0].label}" in lines
    table = [ln for ln in lines if ln.startswith("|")]
    header = [c.strip() for c in table[0].strip("|").split("|")]
    assert header[:3] == [t(lang, "export-col-number"), t(lang, "export-col-quadrant"),
                          t(lang, "export-col-title")]
    assert table[1].startswith("|---|")
    rows = table[2:]
    assert len(rows) == 4
    for number, (row, title) in enumerate(zip(rows, PLAN[lang], strict=True), start=1):
        assert row.startswith(f"| {number} | ") and f"| {title} |" in row
    # Every row of the table has as many cells as the header: no stray unescaped pipes.
    assert all(r.count(" | ") == table[0].count(" | ") for r in rows)


def test_markdown_escapes_pipes_in_titles(engine: Engine) -> None:
    snap = build(engine, "en", title="Order | pay | return")
    md = exports.markdown(snap, "en").decode("utf-8")
    assert md.splitlines()[0] == "# Order \\| pay \\| return"
    assert "Order | pay" not in md
