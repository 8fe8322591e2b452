"""A team estimate far apart (#16) is flagged "discuss" in every exported plan, not only on the
card and the matrix: the CSV, the XLSX, the Markdown and the PDF, in Dutch and English."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

import pytest
from openpyxl import load_workbook
from sqlalchemy.engine import Engine
from sqlmodel import Session

from cjworkflow import demo
from cjworkflow.flow.engine import WorkshopEngine
from cjworkflow.i18n import t
from cjworkflow.outputs.exports import actions_csv, markdown
from cjworkflow.outputs.pdf import pdf_report
from cjworkflow.outputs.xlsx import actions_xlsx
from cjworkflow.snapshot import WorkshopSnapshot
from cjworkflow.storage.models import Workshop
from cjworkflow.storage.readmodel import build_snapshot
from tests.facilitation.test_anonymous import pdf_text


def _flagged(engine: Engine, lang: str) -> WorkshopSnapshot:
    """The demo workshop with its first action's estimate far apart."""
    wid = demo.build(WorkshopEngine(engine, default_language=lang), lang)
    with Session(engine) as s:
        ws = s.get(Workshop, wid)
        assert ws is not None
        snap = build_snapshot(session=s, workshop=ws)
    first, *rest = snap.actions
    return replace(snap, actions=(replace(first, discuss=True), *rest))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_plan_export_flags_the_estimate_to_discuss(sqlite_engine: Engine,
                                                         lang: str) -> None:
    snap = _flagged(sqlite_engine, lang)
    flag = t(lang, "discuss-flag")
    first, second = snap.actions[0], snap.actions[1]
    rows = list(csv.reader(io.StringIO(actions_csv(snap, lang).decode("utf-8-sig"))))
    assert flag in rows[1][1] and first.title in rows[1][2]
    assert flag not in rows[2][1] and second.title in rows[2][2]
    sheet = load_workbook(io.BytesIO(actions_xlsx(snap, lang))).worksheets[0]
    assert flag in str(sheet.cell(row=2, column=2).value)
    assert flag not in str(sheet.cell(row=3, column=2).value)
    md = markdown(snap, lang).decode("utf-8")
    assert sum(flag in line for line in md.splitlines()) == 1
    assert next(line for line in md.splitlines() if flag in line).startswith("| 1 |")
    assert flag.split()[-1] in pdf_text(pdf_report(snap, lang))
