"""Images of a workshop: the journey map and the action priority matrix, as PNG bytes (or
SVG, for the web view; or, for the PDF report, one-page vector PDFs with selectable text).

Pure functions of a WorkshopSnapshot; they use matplotlib's object-oriented API on the Agg
canvas only (no pyplot), so they are safe in threads and in a process pool.
"""

from __future__ import annotations

from cjworkflow.outputs.render.journey_map import render as _render_journey_map
from cjworkflow.outputs.render.matrix import render as _render_matrix
from cjworkflow.snapshot import WorkshopSnapshot

__all__ = ["journey_map_pdf", "matrix_pdf", "render_journey_map", "render_matrix"]


def render_journey_map(snapshot: WorkshopSnapshot, lang: str, fmt: str = "png") -> bytes:
    """The journey map of a workshop as PNG bytes (or fmt "svg"), with texts in lang."""
    return _render_journey_map(snapshot, lang, fmt)


def render_matrix(snapshot: WorkshopSnapshot, lang: str, fmt: str = "png") -> bytes:
    """The action priority matrix of a workshop as PNG bytes (or fmt "svg"), texts in lang."""
    return _render_matrix(snapshot, lang, fmt)


def journey_map_pdf(snapshot: WorkshopSnapshot, lang: str) -> bytes:
    """The journey map as a one-page vector PDF, its text selectable."""
    return _render_journey_map(snapshot, lang, "pdf")


def matrix_pdf(snapshot: WorkshopSnapshot, lang: str) -> bytes:
    """The action priority matrix as a one-page vector PDF, its text selectable."""
    return _render_matrix(snapshot, lang, "pdf")
