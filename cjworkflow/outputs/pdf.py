"""The workshop report as a PDF (ReportLab Platypus), A4 or A3 landscape.

Everything is real, selectable text set in DejaVu Sans (the TTF matplotlib ships, embedded
as a subset), except the journey map and the priority matrix, which are the renderers' PNGs.
The stage details and the action plan repeat the images' content as text, so the report can
be searched and copied from. Characters the font lacks (emoji) are dropped, never drawn as
boxes.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from datetime import date, time
from typing import Any
from xml.sax.saxutils import escape

from babel.dates import format_date
from babel.numbers import format_decimal
from reportlab.lib import colors
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from cjworkflow.i18n import t
from cjworkflow.i18n.fmt import named_words
from cjworkflow.outputs import customer_voice, rounds_report
from cjworkflow.outputs.exports import goal_label, quadrant_label
from cjworkflow.outputs.pdf_text import (
    MAX_CELL,
    MAX_NAME,
    binary_streams,
    item_cell,
    markup,
    plain,
    register_fonts,
)
from cjworkflow.outputs.render import journey_map_pdf, matrix_pdf
from cjworkflow.outputs.render.bounds import (
    MAX_PDF_ACTIONS,
    MAX_PDF_ITEMS,
    MAX_PDF_LIST,
    MAX_STAGES,
    clip_text,
)
from cjworkflow.outputs.render.canvas import FAINT, INK, MUTED, tint
from cjworkflow.outputs.render.matrix import COLOURS
from cjworkflow.outputs.render.pdf_parts import (
    REGULAR,
    Placement,
    Styles,
    VectorPicture,
    stamp,
    styles,
)
from cjworkflow.snapshot import ActionView, StageView, WorkshopSnapshot
from cjworkflow.steps import STEPS
from cjworkflow.steps.priority import Quadrant

# Page size and a scale for type and margins: A3 is for printing the wall version.
SIZES: dict[str, tuple[tuple[float, float], float]] = {
    "a4": (landscape(A4), 1.0),
    "a3": (landscape(A3), 1.35),
}
def _date(d: date | None, tm: time | None, lang: str) -> str:
    if d is None:
        return "—"
    text = format_date(d, format="medium", locale=lang)
    return f"{text} {tm.strftime('%H:%M')}" if tm is not None else text


def _bullets(items: Sequence[str], style: ParagraphStyle, lang: str) -> list[Flowable]:
    """At most MAX_PDF_LIST items as bullets, then "+N more"."""
    out: list[Flowable] = [Paragraph(f"• {markup(item)}", style)
                           for item in items[:MAX_PDF_LIST] if plain(item)]
    if len(items) > MAX_PDF_LIST:
        out.append(Paragraph(markup(t(lang, "render-more", count=len(items) - MAX_PDF_LIST)),
                             style))
    return out


# Lanes of the stage table shown only when some stage has something in them.
OPTIONAL_LANES = frozenset({"render-lane-thoughts"})


def _stacked(cells: Sequence[Flowable]) -> list[Flowable]:
    """A lane's items as one cell: stacked from the top with a little space between."""
    out: list[Flowable] = []
    for cell in cells:
        if out:
            out.append(Spacer(1, 3))
        out.append(cell)
    return out


def _grid(header_bg: str = INK) -> list[tuple[Any, ...]]:
    """The common table look: a dark header row, hairlines, top-aligned cells."""
    return [
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(header_bg)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor(FAINT)),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]


def _rgb(colour: tuple[float, float, float]) -> colors.Color:
    return colors.Color(*colour)


class Report:
    """Builds the flowables of one report."""

    def __init__(self, snap: WorkshopSnapshot, lang: str, width: float, st: Styles) -> None:
        self.snap, self.lang, self.width, self.st = snap, lang, width, st
        # Where the vector pictures went, for stamp() once the report is built.
        self.placed: list[Placement] = []

    def t(self, key: str, **kw: Any) -> str:
        """A catalog text as Paragraph markup."""
        return markup(t(self.lang, key, **kw))

    def title(self) -> str:
        """The workshop title the font can draw (or the catalog's 'untitled')."""
        return plain(clip_text(self.snap.title, MAX_CELL)) or plain(t(self.lang,
                                                                      "render-map-untitled"))

    def cover(self) -> list[Flowable]:
        snap, st = self.snap, self.st
        meta = t(self.lang, "pdf-meta", date=snap.created_at, members=len(snap.members),
                 step=snap.current_step, total=len(STEPS))
        if snap.status == "finished":
            meta += " · " + t(self.lang, "pdf-status-finished")
        out: list[Flowable] = [
            Paragraph(self.t("pdf-kicker").upper(), st.kicker),
            Paragraph(escape(self.title()), st.title),
            Paragraph(markup(meta), st.meta),
            Paragraph(self.t("step-goals-title"), st.heading),
        ]
        none = [Paragraph(self.t("pdf-none"), st.cell_muted)]
        out += _bullets(snap.goals, st.body, self.lang) or none
        out.append(Paragraph(self.t("step-personas-title"), st.heading))
        out.append(self.personas())
        out.append(Paragraph(self.t("step-resources-title"), st.heading))
        out.append(self.resources())
        return out

    def personas(self) -> Flowable:
        st = self.st
        if not self.snap.personas:
            return Paragraph(self.t("pdf-none"), st.cell_muted)
        rows: list[list[Any]] = [[Paragraph(self.t(k), st.header) for k in
                                  ("pdf-col-persona", "pdf-col-description", "pdf-col-goal")]]
        for p in self.snap.personas[:MAX_PDF_LIST]:
            name = f"<b>{markup(p.name)}</b>"
            if p.is_target:
                name += f"<br/>★ {self.t('pdf-personas-target')}"
            rows.append([Paragraph(name, st.cell), Paragraph(markup(p.description), st.cell),
                         Paragraph(markup(p.goal), st.cell)])
        if len(self.snap.personas) > MAX_PDF_LIST:
            more = t(self.lang, "render-more", count=len(self.snap.personas) - MAX_PDF_LIST)
            rows.append([Paragraph(markup(more), st.cell_muted), "", ""])
        w = self.width
        return Table(rows, colWidths=[w * 0.22, w * 0.43, w * 0.35], repeatRows=1,
                     style=TableStyle(_grid()), hAlign="LEFT")

    def resources(self) -> Flowable:
        st = self.st
        have, need = self.snap.resources_have, self.snap.resources_need
        if not have and not need:
            return Paragraph(self.t("pdf-none"), st.cell_muted)
        rows = [[Paragraph(self.t("pdf-resources-have"), st.header),
                 Paragraph(self.t("pdf-resources-need"), st.header)],
                [_bullets(have, st.cell, self.lang), _bullets(need, st.cell, self.lang)]]
        return Table(rows, colWidths=[self.width / 2] * 2, repeatRows=1, splitInRow=1,
                     style=TableStyle(_grid()), hAlign="LEFT")

    def picture(self, render: Callable[[WorkshopSnapshot, str], bytes]) -> list[Flowable]:
        # The map and the matrix carry their own title: no heading repeats it above them.
        return [VectorPicture(render(self.snap, self.lang), self.placed)]

    def stage_cell(self, stage: StageView) -> list[Flowable]:
        st = self.st
        label = t(self.lang, "render-map-stage", number=stage.position + 1,
                  label=clip_text(stage.label, MAX_NAME))
        cell: list[Flowable] = [Paragraph(markup(label), st.cell_bold)]
        if stage.mean is not None:
            cell.append(Paragraph(self.t("pdf-emotion", value=stage.mean), st.cell))
        if stage.ideal is not None:
            cell.append(Paragraph(self.t("pdf-emotion-ideal", value=stage.ideal), st.cell_muted))
        if stage.mean is None and stage.ideal is None:
            cell.append(Paragraph(self.t("render-emotion-none"), st.cell_muted))
        for name, mean in stage.persona_means():
            cell.append(Paragraph(markup(t(self.lang, "card-persona-emotion",
                                           persona=clip_text(name, MAX_NAME),
                                           mean=format_decimal(mean, "0.0", locale=self.lang))),
                                  st.cell))
        named = named_words(stage.named_emotions())
        if named:
            cell.append(Paragraph(markup(self.t("card-emotion-words", words=named)),
                                  st.cell_muted))
        for scenario in stage.scenarios[:MAX_PDF_ITEMS]:
            text = f"{self.t('export-scenario')}: {clip_text(scenario, MAX_CELL)}"
            cell.append(Paragraph(markup(text), st.cell))
        return cell

    def stages(self) -> list[Flowable]:
        """One row per stage, each lane's items stacked from the top of its cell; a row too
        tall for a page splits between items. A lane nobody filled is left out."""
        st = self.st
        stages = self.snap.stages[:MAX_STAGES]
        lanes = [(key, values) for key, values in (
            ("render-lane-touchpoints", [self.touchpoints(s) for s in stages]),
            ("render-lane-actions", [s.user_actions for s in stages]),
            ("render-lane-thoughts", [s.thoughts for s in stages]),
            ("render-lane-pains", [s.pains for s in stages]),
            ("render-lane-solutions", [s.solutions for s in stages]),
            ("render-lane-moments", [s.moments for s in stages]),
            ("render-lane-observations", [s.observations for s in stages]),
        ) if key not in OPTIONAL_LANES or any(values)]
        rows: list[list[Any]] = [[Paragraph(self.t("pdf-col-stage"), st.header),
                                  *[Paragraph(self.t(k), st.header) for k, _ in lanes]]]
        style: list[tuple[Any, ...]] = [
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(INK)),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ("BACKGROUND", (0, 1), (0, -1), _rgb(tint(MUTED, 0.08))),
            ("LINEBELOW", (0, 1), (-1, -1), 0.6, colors.HexColor(FAINT)),
        ]
        for i, stage in enumerate(stages):
            rows.append([self.stage_cell(stage),
                         *[_stacked(self.lane(values[i])) for _, values in lanes]])
        w = self.width
        table = Table(rows, colWidths=[w * 0.13] + [w * 0.87 / len(lanes)] * len(lanes),
                      repeatRows=1, splitInRow=1, style=TableStyle(style))
        out: list[Flowable] = [Paragraph(self.t("pdf-stages"), st.heading), table]
        hidden = len(self.snap.stages) - MAX_STAGES
        if hidden > 0:
            out.append(Paragraph(self.t("render-map-more-stages", count=hidden), st.cell_muted))
        return out

    def touchpoints(self, stage: StageView) -> list[str]:
        """A stage's touchpoints as "text (channel)"."""
        # Fluent refuses a placeable over 1,000 characters: cut before formatting.
        return [t(self.lang, "render-map-touchpoint", text=clip_text(text, MAX_CELL),
                  channel=clip_text(channel, MAX_NAME))
                if channel else text for text, channel in stage.touchpoints]

    def lane(self, items: Sequence[str]) -> list[Paragraph]:
        """A lane's first MAX_PDF_ITEMS entries of a stage as cells, then "+N more"."""
        cells: list[Paragraph] = []
        for i, text in enumerate(items):
            if len(cells) == MAX_PDF_ITEMS:
                # Count only what would have been shown: entries with something to print.
                more = sum(1 for x in items[i:] if plain(clip_text(x, 40)))
                if more:
                    cells.append(Paragraph(self.t("render-more", count=more), self.st.cell_muted))
                break
            cell = item_cell(text, self.st.cell)
            if cell is not None:
                cells.append(cell)
        return cells

    def plan(self) -> list[Flowable]:
        st = self.st
        heading = Paragraph(self.t("export-plan"), st.heading)
        if not self.snap.actions:
            return [heading, Paragraph(self.t("pdf-none"), st.cell_muted)]
        fields = ("number", "quadrant", "title", "impact", "effort", "owner", "due_date",
                  "status", "stage", "goal")
        rows: list[list[Any]] = [[Paragraph(self.t(f"export-col-{f}"), st.header)
                                  for f in fields]]
        style = _grid()
        for i, a in enumerate(self.snap.actions[:MAX_PDF_ACTIONS], start=1):
            rows.append(self.plan_row(a))
            fill, _ = COLOURS[Quadrant(a.quadrant)]
            style.append(("BACKGROUND", (1, i), (1, i), _rgb(tint(fill, 0.22))))
            if i % 2 == 0:
                style.append(("BACKGROUND", (2, i), (-1, i), _rgb(tint(MUTED, 0.06))))
        w = self.width
        widths = [0.04, 0.11, 0.25, 0.05, 0.05, 0.12, 0.10, 0.08, 0.10, 0.10]
        table = Table(rows, colWidths=[w * f for f in widths], repeatRows=1,
                      style=TableStyle(style))
        hidden = len(self.snap.actions) - MAX_PDF_ACTIONS
        if hidden > 0:
            return [heading, table, Paragraph(self.t("render-more", count=hidden), st.cell_muted)]
        return [heading, table]

    def plan_row(self, a: ActionView) -> list[Any]:
        st = self.st
        body = st.cell_muted if a.status == "done" else st.cell
        _, ink = COLOURS[Quadrant(a.quadrant)]
        quadrant = Paragraph(f'<font color="{ink}">{markup(quadrant_label(a, self.lang))}</font>',
                             st.cell_bold)
        return [
            Paragraph(str(a.number), st.cell_bold), quadrant,
            Paragraph(markup(clip_text(a.title, MAX_CELL)),
                      st.cell_bold if a.status != "done" else body),
            Paragraph(str(a.impact or "—"), body), Paragraph(str(a.effort or "—"), body),
            Paragraph(markup(clip_text(a.owner, MAX_NAME)) or "—", body),
            Paragraph(escape(_date(a.due_date, a.due_time, self.lang)), body),
            Paragraph(self.t(f"status-{a.status}"), body),
            Paragraph(markup(clip_text(a.stage, MAX_NAME)) or "—", body),
            Paragraph(markup(clip_text(goal_label(a), MAX_NAME)) or "—", body),
        ]

    def story(self) -> list[Flowable]:
        return [
            *self.cover(), PageBreak(),
            *self.picture(journey_map_pdf), PageBreak(),
            *self.stages(), PageBreak(),
            *customer_voice.pdf_flowables(self, markup),
            *rounds_report.pdf_flowables(self, markup),
            *self.picture(matrix_pdf), PageBreak(),
            *self.plan(),
        ]


def pdf_report(snap: WorkshopSnapshot, lang: str, size: str = "a4") -> bytes:
    """The whole workshop as a landscape PDF report; size is "a4" or "a3"."""
    register_fonts()
    pagesize, scale = SIZES[size]
    st = styles(scale)
    margin = 14 * mm * scale
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=pagesize, leftMargin=margin, rightMargin=margin, topMargin=margin,
        bottomMargin=margin + st.footer_size * 2, title=plain(clip_text(snap.title, MAX_CELL)),
        author="cjbot", creator="cjbot", subject=t(lang, "pdf-kicker"), lang=lang,
    )
    report = Report(snap, lang, doc.width, st)
    title = report.title()

    def footer(canvas: Canvas, document: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(REGULAR, st.footer_size)
        canvas.setFillColor(colors.HexColor(MUTED))
        text = plain(t(lang, "pdf-footer", title=title, page=document.page))
        canvas.drawString(margin, margin * 0.6, text)
        canvas.restoreState()

    with binary_streams():
        doc.build(report.story(), onFirstPage=footer, onLaterPages=footer)
    return stamp(buffer.getvalue(), report.placed)
