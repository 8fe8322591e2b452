"""A pixel canvas on a matplotlib Figure: shared drawing plumbing for the renderers."""

from __future__ import annotations

import io
import warnings
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import numpy as np
from matplotlib import rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PatchCollection
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch, Rectangle
from matplotlib.path import Path

from cjworkflow.outputs.render.text import ASCENT, DESCENT, FAMILY, in_family, outline, width

DPI = 100
PX_PER_PT = DPI / 72
LINESPACING = 1.25

# Okabe & Ito (2008): distinguishable with the common forms of colour blindness.
ORANGE = "#E69F00"
SKY = "#56B4E9"
GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
PURPLE = "#CC79A7"
INK = "#1A1A1A"
MUTED = "#5F5F5F"
FAINT = "#B0B0B0"

# Telegram refuses photos beyond these, and shrinks anything above 2560 px on a side.
MAX_SIDE = 10_000
MAX_RATIO = 20
TEXT_ZORDER = 20


def tint(colour: str, amount: float) -> tuple[float, float, float]:
    """colour mixed with white; amount 0 is white, 1 the colour itself."""
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return (1 - amount + amount * r, 1 - amount + amount * g, 1 - amount + amount * b)


def line_height(size: float) -> float:
    """Pixels from one line of text to the next at font size size."""
    return size * LINESPACING * PX_PER_PT


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width of one line of text in pixels."""
    return width(text, size, bold) * PX_PER_PT


class Canvas:
    """A Figure whose one Axes uses pixels, y pointing down, origin at the top left.

    Text is gathered as glyph outlines per colour and drawn as one path each, on top. A
    selectable canvas (for the PDF) sets a line as real text instead, so that a reader can
    select, search and copy it; a line with a character only Symbola draws keeps its
    outlines, with the same text laid invisibly over them.
    """

    def __init__(self, width_px: int, height_px: int, *, selectable: bool = False) -> None:
        self.width = width_px
        self.height = height_px
        self.selectable = selectable
        # (x, baseline y, line, size, bold, italic, vertical, colour or None for invisible)
        # of every line, when selectable.
        self._lines: list[tuple[float, float, str, float, bool, bool, bool, Any]] = []
        self.figure = Figure(figsize=(width_px / DPI, height_px / DPI), dpi=DPI,
                             facecolor="white")
        FigureCanvasAgg(self.figure)
        self.ax = self.figure.add_axes((0, 0, 1, 1))
        self.ax.set_xlim(0, width_px)
        self.ax.set_ylim(height_px, 0)
        self.ax.set_axis_off()
        self._rects: list[Rectangle] = []
        self._glyphs: dict[Any, tuple[list[np.ndarray], list[np.ndarray]]] = defaultdict(
            lambda: ([], [])
        )

    def rect(self, x: float, y: float, w: float, h: float, colour: Any, **kw: Any) -> None:
        """Queue a filled rectangle; all are drawn as one collection, beneath everything."""
        self._rects.append(Rectangle((x, y), w, h, facecolor=colour, linewidth=0, **kw))

    def text(
        self,
        x: float,
        y: float,
        s: str,
        size: float,
        *,
        colour: Any = INK,
        bold: bool = False,
        italic: bool = False,
        ha: str = "left",
        va: str = "top",
        vertical: bool = False,
    ) -> float:
        """Place cleaned text (one or more lines); returns the widest line's width in px.

        va is "top", "center", "bottom" or "baseline" (of the first line); vertical text
        reads bottom to top and is anchored like horizontal text turned a quarter left.
        """
        lines = s.split("\n")
        scale = PX_PER_PT
        pitch = line_height(size)
        block = pitch * len(lines)
        # The first baseline sits so that ascent plus descent are centred in the line box.
        first = ((LINESPACING - ASCENT - DESCENT) / 2 + ASCENT) * size * scale
        if va == "top":
            baseline = y + first
        elif va == "center":
            baseline = y - block / 2 + first
        elif va == "bottom":
            baseline = y - block + first
        else:
            baseline = y
        widest = 0.0
        sink_v, sink_c = self._glyphs[colour]
        for i, line in enumerate(lines):
            if not line:
                continue
            w = text_width(line, size, bold)
            widest = max(widest, w)
            dx = {"left": 0.0, "center": -w / 2, "right": -w}[ha]
            vertices, codes = outline(line, size, bold, italic)
            if not len(vertices):
                continue
            if self.selectable:
                step = baseline - y + i * pitch
                spot = (x + step, y - dx) if vertical else (x + dx, y + step)
                real = all(in_family(ch, bold) for ch in line)
                # The invisible layer keeps what DejaVu Sans can name: a fallback font would
                # be embedded for the rest.
                said = line if real else "".join(ch for ch in line if in_family(ch, bold))
                self._lines.append((*spot, said, size, bold, italic, vertical,
                                    colour if real else None))
                if real:
                    continue
            vertices = vertices * scale
            along = dx + vertices[:, 0]
            up = vertices[:, 1] - (baseline - y) - i * pitch
            if vertical:
                placed = np.column_stack((x - up, y - along))
            else:
                placed = np.column_stack((x + along, y - up))
            sink_v.append(placed)
            sink_c.append(codes)
        return widest

    def lines(self, x: float, y: float, lines: Sequence[str], size: float, **kw: Any) -> float:
        """A block of lines; returns the widest line's width in px."""
        return self.text(x, y, "\n".join(lines), size, **kw) if lines else 0.0

    def _finish(self) -> None:
        """Add the queued rectangles and glyph paths (and invisible lines) to the figure."""
        if self._rects:
            self.ax.add_collection(PatchCollection(self._rects, match_original=True, zorder=0),
                                   autolim=False)
        for colour, (vertices, codes) in self._glyphs.items():
            if vertices:
                path = Path(np.concatenate(vertices), np.concatenate(codes))
                # add_artist, not add_patch: the limits are fixed, and add_patch would walk
                # every Bézier segment of every glyph to update them.
                self.ax.add_artist(PathPatch(path, facecolor=colour, edgecolor="none",
                                             linewidth=0, zorder=TEXT_ZORDER))
        for x, y, line, size, bold, italic, vertical, colour in self._lines:
            self.ax.text(x, y, line, fontsize=size, family=FAMILY,
                         color=INK if colour is None else colour,
                         alpha=0 if colour is None else None, zorder=TEXT_ZORDER,
                         weight="bold" if bold else "normal",
                         style="italic" if italic else "normal", ha="left", va="baseline",
                         rotation=90 if vertical else 0, rotation_mode="anchor")
        self._rects, self._glyphs, self._lines = [], defaultdict(lambda: ([], [])), []

    def pdf(self) -> bytes:
        """The finished drawing as a one-page vector PDF, its text selectable."""
        self._finish()
        buffer = io.BytesIO()
        try:
            # Type 3 fonts: readers map their glyph names back to text, and they cost a
            # fraction of a TrueType subset's time (fontTools took ~0.2 s per face).
            with rc_context({"pdf.fonttype": 3}), warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)
                self.figure.savefig(buffer, format="pdf", dpi=DPI, facecolor="white",
                                    metadata={"Creator": "cjbot", "Producer": "cjbot"})
        finally:
            self.release()
        return buffer.getvalue()

    def png(self, fmt: str = "png") -> bytes:
        """The finished image as PNG bytes (fmt "svg": as SVG, for the web view)."""
        self._finish()
        buffer = io.BytesIO()
        try:
            if fmt == "svg":
                # No date in the file: the same workshop version gives the same bytes.
                self.figure.savefig(buffer, format="svg", dpi=DPI, facecolor="white",
                                    metadata={"Date": None})
            else:
                # Level 3 compresses these flat-colour images nearly as well as 6, in half
                # the time.
                self.figure.savefig(buffer, format="png", dpi=DPI, facecolor="white",
                                    pil_kwargs={"compress_level": 3})
        finally:
            self.release()
        return buffer.getvalue()

    def release(self) -> None:
        """Free the raster buffer and the artists now, rather than at the next full GC.

        A Figure is a web of reference cycles that only the cyclic collector frees, and in a
        long-lived render worker full collections are rare: each render's raster (tens of MB
        for a big map) and glyph paths piled up, and a worker grew from ~140 to ~390 MiB over
        40 maps. Clearing the figure and dropping the canvas's cached renderer frees them by
        reference counting as soon as the PNG is written.
        """
        self.figure.clear()
        canvas = self.figure.canvas
        canvas.__dict__.pop("renderer", None)
        if hasattr(canvas, "_lastKey"):
            canvas._lastKey = None  # the next draw must build a renderer, not reuse a gone one
