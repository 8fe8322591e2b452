"""The PDF report's building blocks: its paragraph styles and a picture that fits the page."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from PIL import Image
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable

from cjworkflow.outputs.render.canvas import INK, MUTED

REGULAR, BOLD, ITALIC = "DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"
# The renderers draw at 100 dpi: one pixel is 0.72 pt at its natural size.
PT_PER_PX = 72 / 100
MAX_UPSCALE = 1.6  # beyond this the PNG's pixels start to show in print


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


class Picture(Flowable):
    """A PNG scaled to fit the space left in the frame, keeping its aspect ratio."""

    def __init__(self, png: bytes) -> None:
        super().__init__()
        image = Image.open(io.BytesIO(png))
        # The renderers paint an opaque white background: dropping alpha loses nothing and
        # spares the PDF a soft mask.
        self.image = image.convert("RGB") if image.mode != "RGB" else image
        self.px_w, self.px_h = self.image.size
        self.draw_w = self.draw_h = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        natural = PT_PER_PX * MAX_UPSCALE
        scale = min(availWidth / self.px_w, availHeight / self.px_h, natural)
        self.draw_w, self.draw_h = self.px_w * scale, self.px_h * scale
        return self.draw_w, self.draw_h

    def draw(self) -> None:
        self.canv.drawImage(ImageReader(self.image), 0, 0, self.draw_w, self.draw_h)
