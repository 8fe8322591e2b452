"""The customers' voice in the exports: per stage the team's and the customers' mean and
count (flagged where they differ by a point or more), what customers said happened there,
and their comments. Markdown lines, an XLSX sheet and PDF flowables, each hooked into its
export with one call."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from cjworkflow.i18n import t
from cjworkflow.safety.text import cell_text, markdown_text
from cjworkflow.snapshot import StageView, WorkshopSnapshot
from cjworkflow.voice.view import CustomerVoice, StageVoice, differs

if TYPE_CHECKING:
    from openpyxl import Workbook
    from reportlab.platypus import Flowable

# Rows of notes and comments an export lists at most (the rest: "+N more").
MAX_LISTED = 200


def rows(snap: WorkshopSnapshot) -> list[tuple[StageView, StageVoice | None]]:
    """Each stage with what customers said about it."""
    voice = snap.customers
    return [(s, voice.at(s.position) if voice is not None else None) for s in snap.stages]


def _mean(value: float | None) -> str:
    return f"{value:.1f}" if value is not None else "—"


def json_rows(snap: WorkshopSnapshot) -> list[dict[str, object]]:
    """Per stage the team's and the customers' mean and count, for the summary JSON."""
    out: list[dict[str, object]] = []
    for st, cv in rows(snap):
        cmean = cv.mean if cv else None
        out.append({"position": st.position, "stage": st.label,
                    "team_mean": round(st.mean, 2) if st.mean is not None else None,
                    "team_n": len(st.scores),
                    "customers_mean": round(cmean, 2) if cmean is not None else None,
                    "customers_n": cv.n if cv else 0, "differ": differs(st.mean, cmean)})
    return out


def markdown_lines(snap: WorkshopSnapshot, lang: str) -> list[str]:
    """The Markdown section (empty without any customer response)."""
    voice = snap.customers
    if voice is None:
        return []
    out = [f"## {t(lang, 'export-customers-head')}",
           t(lang, "export-customers-intro", count=voice.responses), ""]
    for st, cv in rows(snap):
        line = t(lang, "export-customers-stage", stage=markdown_text(st.label),
                 team=_mean(st.mean), team_n=len(st.scores),
                 customers=_mean(cv.mean if cv else None), customers_n=cv.n if cv else 0)
        if differs(st.mean, cv.mean if cv else None):
            line += f" — **{t(lang, 'export-customers-differ')}**"
        out.append(f"- {line}")
        for note in (cv.notes if cv else ())[:MAX_LISTED]:
            out.append(f"  - “{markdown_text(note)}”")
    if voice.comments:
        out += ["", f"### {t(lang, 'export-customers-comments')}"]
        out += [f"- “{markdown_text(c)}”" for c in voice.comments[:MAX_LISTED]]
    out.append("")
    return out


def xlsx_sheet(wb: Workbook, snap: WorkshopSnapshot, lang: str, sheet_name: str) -> None:
    """A sheet of team and customer means per stage, then the customers' notes and comments."""
    voice = snap.customers
    if voice is None:
        return
    ws = wb.create_sheet(sheet_name)
    ws.append([t(lang, f"export-col-{k}") for k in (
        "stage", "team-mean", "team-n", "customers-mean", "customers-n", "differ")])
    for st, cv in rows(snap):
        cmean = cv.mean if cv else None
        ws.append([cell_text(st.label), round(st.mean, 2) if st.mean is not None else None,
                   len(st.scores), round(cmean, 2) if cmean is not None else None,
                   cv.n if cv else 0, "⚠" if differs(st.mean, cmean) else ""])
    ws.append([])
    ws.append([t(lang, "export-col-stage"), t(lang, "export-col-comment")])
    listed = 0
    for st, cv in rows(snap):
        for note in (cv.notes if cv else ()):
            if listed < MAX_LISTED:
                ws.append([cell_text(st.label), cell_text(note)])
                listed += 1
    for comment in voice.comments[:MAX_LISTED]:
        ws.append(["", cell_text(comment)])
    for column, width in zip("ABCDEF", (34, 14, 10, 16, 12, 10), strict=True):
        ws.column_dimensions[column].width = width
    ws.column_dimensions["B"].width = 60 if voice.comments or listed else 14


def pdf_flowables(report: Any, markup: Callable[[str | None], str]) -> list[Flowable]:
    """The PDF's section (empty without any customer response); report is a pdf.Report,
    markup its escaping of text for a Paragraph."""
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table, TableStyle

    from cjworkflow.outputs.render.canvas import INK

    snap: WorkshopSnapshot = report.snap
    voice: CustomerVoice | None = snap.customers
    if voice is None:
        return []
    st = report.st
    out: list[Flowable] = [Paragraph(report.t("export-customers-head"), st.heading),
                           Paragraph(report.t("export-customers-intro", count=voice.responses),
                                     st.body)]
    head = [Paragraph(report.t(f"export-col-{k}"), st.header) for k in (
        "stage", "team-mean", "team-n", "customers-mean", "customers-n", "differ")]
    table: list[list[Any]] = [head]
    for stage, cv in rows(snap):
        cmean = cv.mean if cv else None
        flag = report.t("export-customers-differ") if differs(stage.mean, cmean) else ""
        table.append([Paragraph(markup(stage.label), st.cell), _mean(stage.mean),
                      str(len(stage.scores)), _mean(cmean), str(cv.n if cv else 0),
                      Paragraph(flag, st.cell)])
    w = report.width
    out.append(Table(table, colWidths=[w * 0.3, w * 0.12, w * 0.1, w * 0.14, w * 0.12, w * 0.22],
                     repeatRows=1, hAlign="LEFT", style=TableStyle([
                         ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(INK)),
                         ("VALIGN", (0, 0), (-1, -1), "TOP"),
                         ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#D0D0D0"))])))
    notes = [(stage.label, n) for stage, cv in rows(snap) for n in (cv.notes if cv else ())]
    if notes:
        out.append(Paragraph(report.t("export-customers-notes"), st.heading))
        out += [Paragraph(f"<b>{markup(label)}</b>: “{markup(n)}”", st.body)
                for label, n in notes[:MAX_LISTED]]
    if voice.comments:
        out.append(Paragraph(report.t("export-customers-comments"), st.heading))
        out += [Paragraph(f"“{markup(c)}”", st.body) for c in voice.comments[:MAX_LISTED]]
    return out
