"""The customers' voice in what a workshop hands back: map, Markdown, PDF, XLSX, JSON files."""

from __future__ import annotations

import dataclasses
import io
import json

import pytest
from openpyxl import load_workbook
from sqlalchemy.engine import Engine
from sqlmodel import Session

from cjworkflow.errors import UserError
from cjworkflow.i18n import t
from cjworkflow.messages import Attachment
from cjworkflow.outputs.exports import workshop_json
from cjworkflow.outputs.produce import produce
from cjworkflow.outputs.render import render_journey_map
from cjworkflow.snapshot import WorkshopSnapshot
from cjworkflow.storage import transfer
from cjworkflow.storage.models import Workshop
from cjworkflow.storage.readmodel import build_snapshot
from cjworkflow.voice.view import differs
from tests.harness import Room
from tests.voice.survey_world import answer, customer, survey_link, team_scores


def _world(engine: Engine, lang: str) -> tuple[Room, WorkshopSnapshot]:
    """Team guesses 4 everywhere; two customers say stage 2 is bad (1 and 2)."""
    room = Room(engine, lang=lang)
    room.start("I order a washing machine" if lang == "en" else "Ik bestel een wasmachine")
    team_scores(room, [4, 4, 4, 4, 4])
    code = survey_link(room)
    answer(room, customer(room, "carla", lang), code, [4, 1, 4, 5, None],
           notes={1: "Costs only at checkout"}, comment="Slow delivery")
    answer(room, customer(room, "dirk", lang), code, [4, 2, 3, 4, None])
    with Session(room.db) as s:
        return room, build_snapshot(session=s, workshop=room.workshop())


def test_differs_from_a_point_on() -> None:
    assert differs(4.0, 3.0) and differs(2.0, 3.5)
    assert not differs(4.0, 3.1) and not differs(None, 1.0) and not differs(4.0, None)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_markdown_carries_both_means_counts_and_comments(engine: Engine, lang: str) -> None:
    _, snap = _world(engine, lang)
    md = produce(Attachment("markdown", snap, lang)).data.decode()
    assert f"## {t(lang, 'export-customers-head')}" in md
    stage2 = next(line for line in md.splitlines() if "(n=2)" in line and "1.5" in line)
    assert "4.0 (n=1)" in stage2 and t(lang, "export-customers-differ") in stage2
    assert "Costs only at checkout" in md and "Slow delivery" in md
    # Half a point apart (stage 3, 4) or skipped by both (stage 5): not flagged.
    assert md.count(t(lang, "export-customers-differ")) == 1


def test_xlsx_has_a_customers_sheet(engine: Engine) -> None:
    _, snap = _world(engine, "en")
    wb = load_workbook(io.BytesIO(produce(Attachment("xlsx", snap, "en")).data))
    sheet = wb[t("en", "export-sheet-customers")]
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    assert rows[0][:5] == [t("en", f"export-col-{k}") for k in (
        "stage", "team-mean", "team-n", "customers-mean", "customers-n")]
    assert rows[2][1:6] == [4, 1, 1.5, 2, "⚠"]
    flat = [v for r in rows for v in r if v]
    assert "Costs only at checkout" in flat and "Slow delivery" in flat


def test_pdf_and_summary_json_carry_the_customers(engine: Engine) -> None:
    _, snap = _world(engine, "en")
    pdf = produce(Attachment("pdf", snap, "en")).data
    assert pdf.startswith(b"%PDF") and len(pdf) > 1000
    data = json.loads(workshop_json(snap))
    customers = data["workshop"]["customers"]
    assert customers["responses"] == 2 and customers["comments"] == ["Slow delivery"]
    assert customers["stages"][1]["scores"] == [1, 2]
    per_stage = data["emotion_per_stage"][1]
    assert (per_stage["team_mean"], per_stage["team_n"], per_stage["customers_mean"],
            per_stage["customers_n"], per_stage["differ"]) == (4.0, 1, 1.5, 2, True)


def test_the_map_draws_the_customers_curve(engine: Engine) -> None:
    _, snap = _world(engine, "nl")
    with_customers = render_journey_map(snap, "nl")
    without = render_journey_map(dataclasses.replace(snap, customers=None), "nl")
    assert with_customers.startswith(b"\x89PNG") and with_customers != without


def test_the_lossless_file_keeps_every_response(engine: Engine) -> None:
    room, snap = _world(engine, "nl")
    with Session(room.db) as s:
        data = transfer.export_workshop(s, snap.id)
    assert len(data["survey_responses"]) == 2
    assert all("respondent" not in r and "person" not in str(r) for r in data["survey_responses"])
    with Session(room.db) as s:
        copy = transfer.import_workshop(s, json.loads(json.dumps(data)),
                                        creator_external_id="u:fenna")
        s.commit()
    with Session(room.db) as s:
        again = transfer.export_workshop(s, copy)
        ws = s.get(Workshop, copy)
        assert ws is not None
        copied = build_snapshot(session=s, workshop=ws)

    def rows(d: dict) -> list:  # type: ignore[type-arg]
        stage_at = {st["id"]: st["position"] for st in d["stages"]}
        return [(r["round"], r["source"], r["comment"], r["created_at"], r["finished_at"],
                 [(stage_at[x["stage_id"]], x["score"], x["note"]) for x in r["scores"]])
                for r in d["survey_responses"]]

    assert rows(again) == rows(data)
    assert copied.customers == snap.customers


def test_a_file_with_a_dangling_response_stage_is_refused(engine: Engine) -> None:
    room, snap = _world(engine, "en")
    with Session(room.db) as s:
        data = transfer.export_workshop(s, snap.id)
    data["survey_responses"][1]["scores"][0]["stage_id"] = 987654
    with Session(room.db) as s, pytest.raises(UserError) as caught:
        transfer.import_bytes(s, json.dumps(data).encode(), creator_external_id="u:x")
    assert caught.value.args_ == {"where": "survey_responses.1.scores.0.stage_id"}
    data["survey_responses"][1]["scores"][0]["score"] = 6
    with Session(room.db) as s, pytest.raises(UserError) as caught:
        transfer.import_bytes(s, json.dumps(data).encode(), creator_external_id="u:x")
    assert caught.value.key == "import-invalid"
