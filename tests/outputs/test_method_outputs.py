"""Issue #14 in every output: an action's stage and goal, scenarios, what the customer thinks
and named emotions in the CSV, XLSX, PDF, Markdown and on the map; in Dutch and English."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy.engine import Engine

from cjworkflow.i18n import t
from cjworkflow.messages import Attachment
from cjworkflow.outputs import exports
from cjworkflow.outputs.produce import produce
from cjworkflow.outputs.render import journey_map
from cjworkflow.snapshot import WorkshopSnapshot
from cjworkflow.storage.db import make_engine
from tests.conftest import _fresh_sqlite_database
from tests.outputs.test_exports_formats import PLAN, build_workshop, pdf_text, snapshot_of

SCENARIO = {"nl": "bestelt ’s avonds op de bank", "en": "orders at night on the sofa"}
THOUGHT = {"nl": "wanneer komt hij nou?", "en": "when will it come?"}
WORD = {"nl": "onzeker", "en": "unsure"}
GOAL = {"nl": "Klanten kiezen zelf hun bezorgmoment, óók ’s avonds",
        "en": "Customers pick their own delivery slot, even at night"}


@pytest.fixture(scope="module")
def snaps(_sqlite_template: Path,
          tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, WorkshopSnapshot]]:
    db: Engine = make_engine(_fresh_sqlite_database(_sqlite_template,
                                                    tmp_path_factory.mktemp("method")))
    try:
        yield {lang: snapshot_of(db, build_workshop(db, lang)) for lang in ("nl", "en")}
    finally:
        db.dispose()


@pytest.fixture(params=["nl", "en"])
def lang(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def snap(snaps: dict[str, WorkshopSnapshot], lang: str) -> WorkshopSnapshot:
    return snaps[lang]


def test_the_snapshot_carries_stage_goal_and_the_method_lanes(snap: WorkshopSnapshot,
                                                              lang: str) -> None:
    first = snap.actions[0]
    assert (first.title, first.stage_position, first.goal_number, first.goal) == (
        PLAN[lang][0], 3, 1, GOAL[lang])
    assert snap.actions[1].stage_position == 2 and snap.actions[1].goal is None
    assert snap.stages[2].scenarios == (SCENARIO[lang],)
    assert snap.stages[2].thoughts == (THOUGHT[lang],)
    assert snap.stages[0].named_emotions() == [(WORD[lang], 1)]


def test_csv_fills_stage_and_goal(snap: WorkshopSnapshot, lang: str) -> None:
    rows = list(csv.reader(io.StringIO(exports.actions_csv(snap, lang).decode("utf-8-sig"))))
    assert rows[0][-2:] == [t(lang, "export-col-stage"), t(lang, "export-col-goal")]
    assert rows[1][-2:] == ["Service", f"1. {GOAL[lang]}"]
    assert rows[2][-2] == snap.stages[2].label and rows[2][-1] == ""
    assert rows[3][-2:] == ["", ""]


def test_xlsx_files_actions_per_stage_and_names_the_goal(snap: WorkshopSnapshot,
                                                         lang: str) -> None:
    wb = load_workbook(io.BytesIO(produce(Attachment("xlsx", snap, lang)).data))
    plan, board = wb.worksheets
    head = [c.value for c in plan[1]]
    assert head[-1] == t(lang, "export-col-goal")
    assert plan.cell(row=2, column=len(head)).value == f"1. {GOAL[lang]}"
    # "Per fase" / "By stage": the action is under its stage, with its goal.
    service = board.cell(row=2, column=4).value
    assert service.startswith(f"1. {PLAN[lang][0]}") and GOAL[lang] in service
    assert board.cell(row=2, column=3).value.startswith(f"2. {PLAN[lang][1]}")


def test_markdown_shows_the_method_once_per_lane(snap: WorkshopSnapshot, lang: str) -> None:
    md = exports.markdown(snap, lang).decode("utf-8")
    stage = md.split(f"## 3. {snap.stages[2].label}")[1].split("\n## ")[0]
    assert f"*{t(lang, 'export-scenario')}:* {SCENARIO[lang]}" in stage
    assert f"**{t(lang, 'render-lane-thoughts')}**\n- {THOUGHT[lang]}" in stage
    assert f"**{t(lang, 'render-lane-improvements')}**\n- #2 {PLAN[lang][1]}" in stage
    # Each lane's name once, its items below it (no label repeated per item).
    assert stage.count(t(lang, "render-lane-pains")) == 1
    first = md.split(f"## 1. {snap.stages[0].label}")[1].split("\n## ")[0]
    # A channel beside its touchpoint; decimal comma in Dutch; the named emotion.
    assert "(zoekmachine)" in first or "(search)" in first
    assert ("gemiddeld 3,0" if lang == "nl" else "average 3.0") in first
    assert f"{WORD[lang]}" in first
    ideal = md.split(f"## 3. {snap.stages[2].label}")[1]
    assert ("ideaal 4,0" if lang == "nl" else "ideal 4.0") in ideal
    table = next(ln for ln in md.splitlines() if ln.startswith("| 1 | "))
    assert "| 4. Service |" in table and f"| 1. {GOAL[lang]} |" in table


def test_pdf_has_the_scenario_thought_named_emotion_and_goal(snap: WorkshopSnapshot,
                                                             lang: str) -> None:
    _, text = pdf_text(produce(Attachment("pdf", snap, lang)).data)
    for expected in (SCENARIO[lang], THOUGHT[lang], WORD[lang], t(lang, "export-col-goal")):
        assert " ".join(expected.split()) in text, expected
    assert "1. " + GOAL[lang][:20] in text


def test_the_map_has_improvements_scenarios_and_thoughts_under_their_stage(
        snap: WorkshopSnapshot, lang: str) -> None:
    lanes = {lane.key: lane.cells
             for lane in journey_map._lanes(snap.stages, lang, snap.actions)}
    assert lanes["improvements"][3] == [f"#1 {PLAN[lang][0]}"]
    assert lanes["improvements"][2] == [f"#2 {PLAN[lang][1]}"]
    assert lanes["scenarios"][2] == [SCENARIO[lang]] and lanes["thoughts"][2] == [THOUGHT[lang]]
    png = journey_map.render(snap, lang)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_map_leaves_out_the_method_lanes_nobody_filled(snap: WorkshopSnapshot,
                                                          lang: str) -> None:
    bare = [s.__class__(position=s.position, label=s.label, pains=s.pains) for s in snap.stages]
    keys = [lane.key for lane in journey_map._lanes(bare, lang)]
    assert "scenarios" not in keys and "thoughts" not in keys and "improvements" not in keys
    assert "pains" in keys


def test_mermaid_has_the_scenario_thoughts_pains_and_named_emotions(snap: WorkshopSnapshot,
                                                                    lang: str) -> None:
    from cjworkflow.outputs.mermaid import journey
    lines = journey(snap, lang).decode("utf-8").splitlines()
    purchase = lines[lines.index(f"    section {snap.stages[2].label}") + 1:]
    purchase = purchase[:next(i for i, ln in enumerate(purchase) if "section" in ln)]
    # Mermaid's journey has a score per task: each carries the stage's emotion.
    assert purchase[0].startswith(f"        Scenario — {SCENARIO[lang]}: ")
    thinks = {"nl": "Denkt", "en": "Thinks"}[lang]
    assert any(ln.startswith(f"        {thinks} — {THOUGHT[lang]}") for ln in purchase)
    pain = {"nl": "Pijn", "en": "Pain"}[lang]
    assert any(ln.strip().startswith(f"{pain} — ") for ln in purchase)
    first = lines[lines.index(f"    section {snap.stages[0].label}") + 1:]
    feels = {"nl": "Gevoel", "en": "Feels"}[lang]
    assert f"        {feels} — {WORD[lang]}: 3: " in "\n".join(first[:6])
