"""The PDF's comparison of rounds: each round's team and customer mean per stage, and the
actions done in it (the current round last)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from cjworkflow.i18n import t
from cjworkflow.snapshot import WorkshopSnapshot
from cjworkflow.voice.view import RoundStage, RoundView

if TYPE_CHECKING:
    from reportlab.platypus import Flowable


def _cell(value: float | None, n: int) -> str:
    return f"{value:.1f} (n={n})" if value is not None else "—"


def current(snap: WorkshopSnapshot) -> RoundView:
    """The current round as a RoundView (its done actions are in the plan)."""
    stages = []
    for st in snap.stages:
        cv = snap.customers.at(st.position) if snap.customers is not None else None
        stages.append(RoundStage(position=st.position, label=st.label, team=st.mean,
                                 team_n=len(st.scores), ideal=st.ideal,
                                 customers=cv.mean if cv else None,
                                 customers_n=cv.n if cv else 0))
    return RoundView(number=snap.round, started_at="", ended_at="", stages=tuple(stages))


def pdf_flowables(report: Any, markup: Callable[[str | None], str]) -> list[Flowable]:
    """The section (empty before a second round); report is a pdf.Report."""
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table, TableStyle

    from cjworkflow.outputs.render.canvas import INK

    snap: WorkshopSnapshot = report.snap
    if not snap.rounds:
        return []
    st, lang = report.st, report.lang
    rounds = [*snap.rounds, current(snap)]
    out: list[Flowable] = [Paragraph(report.t("pdf-rounds-head"), st.heading),
                           Paragraph(report.t("pdf-rounds-intro"), st.body)]
    head = [Paragraph(report.t("export-col-stage"), st.header)]
    for r in rounds:
        head += [Paragraph(report.t("pdf-rounds-col-team", number=r.number), st.header),
                 Paragraph(report.t("pdf-rounds-col-customers", number=r.number), st.header)]
    rows: list[list[Any]] = [head]
    for stage in snap.stages:
        row: list[Any] = [Paragraph(markup(stage.label), st.cell)]
        for r in rounds:
            seen = r.at(stage.position)
            row += [_cell(seen.team, seen.team_n) if seen else "—",
                    _cell(seen.customers, seen.customers_n) if seen else "—"]
        rows.append(row)
    first = report.width * 0.22
    rest = (report.width - first) / (2 * len(rounds))
    out.append(Table(rows, colWidths=[first] + [rest] * (2 * len(rounds)), repeatRows=1,
                     hAlign="LEFT", style=TableStyle([
                         ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(INK)),
                         ("VALIGN", (0, 0), (-1, -1), "TOP"),
                         ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#D0D0D0"))])))
    for r in snap.rounds:
        done = ", ".join(r.done) if r.done else t(lang, "pdf-rounds-none")
        out.append(Paragraph(markup(t(lang, "pdf-rounds-done", number=r.number,
                                      actions=done)), st.body))
    return out
