"""The PDF report's building blocks: its paragraph styles and pictures that fit the page."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any, cast

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    ContentStream,
    DictionaryObject,
    FloatObject,
    NameObject,
    StreamObject,
)
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from cjworkflow.outputs.render.canvas import INK, MUTED

REGULAR, BOLD, ITALIC = "DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"
# The drawings' pages are at natural size (a pixel of the PNG is 0.72 pt): grown at most this
# much, so their type never outgrows the report's.
MAX_UPSCALE = 1.6


@dataclass(frozen=True)
class Styles:
    """The paragraph styles of one page size."""

    kicker: ParagraphStyle
    title: ParagraphStyle
    meta: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_muted: ParagraphStyle
    header: ParagraphStyle
    footer_size: float


def styles(scale: float) -> Styles:
    """The report's paragraph styles, type scaled by scale (1 for A4)."""
    def style(name: str, size: float, font: str = REGULAR, colour: str = INK,
              leading: float = 1.25, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(name, fontName=font, fontSize=size * scale,
                              leading=size * scale * leading, textColor=colors.HexColor(colour),
                              alignment=TA_LEFT, **kw)

    return Styles(
        kicker=style("kicker", 9, BOLD, MUTED),
        title=style("title", 22, BOLD, leading=1.15, spaceAfter=4 * scale),
        meta=style("meta", 9, colour=MUTED, spaceAfter=10 * scale),
        heading=style("heading", 14, BOLD, spaceBefore=8 * scale, spaceAfter=5 * scale),
        body=style("body", 9.5, bulletFontName=REGULAR),
        cell=style("cell", 8),
        cell_bold=style("cell-bold", 8, BOLD),
        cell_muted=style("cell-muted", 8, colour=MUTED),
        header=style("header", 8, BOLD, "#FFFFFF"),
        footer_size=7.5 * scale,
    )


@dataclass(frozen=True)
class Placement:
    """Where a vector picture went: its page (1-based), lower-left corner and scale."""

    page: int
    x: float
    y: float
    scale: float
    pdf: bytes


class VectorPicture(Flowable):
    """A one-page vector PDF (the map, the matrix) scaled to fit the frame.

    ReportLab cannot draw another PDF's page: the flowable only takes its room and notes
    where it went (into placed); stamp() lays the pages there once the report is built, so
    they stay vector drawings with selectable text.
    """

    def __init__(self, pdf: bytes, placed: list[Placement]) -> None:
        super().__init__()
        box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
        self.pdf, self.placed = pdf, placed
        self.pt_w, self.pt_h = float(box.width), float(box.height)
        self.scale = 1.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.scale = min(availWidth / self.pt_w, availHeight / self.pt_h, MAX_UPSCALE)
        return self.pt_w * self.scale, self.pt_h * self.scale

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        # Top-level in the story, so the frame hands over page coordinates.
        self.placed.append(Placement(canvas.getPageNumber(), x, y, self.scale, self.pdf))
        super().drawOn(canvas, x, y, _sW)

    def draw(self) -> None:
        """Nothing yet: stamp() lays the page here."""


def stamp(report: bytes, placed: list[Placement]) -> bytes:
    """The report with each placed vector page laid where its flowable left room.

    A drawing's content stream goes in whole, made a form XObject and drawn once
    (q … cm /Name Do Q): nothing in it is parsed or rewritten, which pypdf's
    merge_transformed_page took ~0.6 s per drawing to do.
    """
    if not placed:
        return report
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(report)))
    for n, p in enumerate(placed):
        source = PdfReader(io.BytesIO(p.pdf)).pages[0]
        # matplotlib writes a page's content as one stream, an indirect object: cloned as
        # such (a form XObject must be one), not inlined.
        ref = source.raw_get(NameObject("/Contents")).clone(writer)
        form = cast(StreamObject, ref.get_object())
        form.update({
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject([FloatObject(v) for v in source.mediabox]),
            NameObject("/Resources"): source[NameObject("/Resources")].clone(writer),
        })
        page = writer.pages[p.page - 1]
        resources = page.setdefault(NameObject("/Resources"), DictionaryObject()).get_object()
        forms = resources.setdefault(NameObject("/XObject"), DictionaryObject()).get_object()
        name = f"/CjDrawing{n}"
        forms[NameObject(name)] = ref
        before = page.get_contents()
        drawn = ContentStream(None, writer)
        drawn.set_data((before.get_data() if before is not None else b"")
                       + f"\nq {p.scale:.6f} 0 0 {p.scale:.6f} {p.x:.3f} {p.y:.3f} cm"
                         f" {name} Do Q\n".encode())
        page.replace_contents(drawn)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
