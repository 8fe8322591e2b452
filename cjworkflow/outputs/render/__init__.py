"""Images of a workshop: the journey map and the action priority matrix, as PNG bytes
(or SVG, for the web view).

Pure functions of a WorkshopSnapshot; they use matplotlib's object-oriented API on the Agg
canvas only (no pyplot), so they are safe in threads and in a process pool.
"""

from __future__ import annotations

from cjworkflow.outputs.render.journey_map import render as _render_journey_map
from cjworkflow.outputs.render.matrix import render as _render_matrix
from cjworkflow.snapshot import WorkshopSnapshot

__all__ = ["render_journey_map", "render_matrix"]


def render_journey_map(snapshot: WorkshopSnapshot, lang: str, fmt: str = "png") -> bytes:
    """The journey map of a workshop as PNG bytes (or fmt "svg"), with texts in lang."""
    return _render_journey_map(snapshot, lang, fmt)


def render_matrix(snapshot: WorkshopSnapshot, lang: str, fmt: str = "png") -> bytes:
    """The action priority matrix of a workshop as PNG bytes (or fmt "svg"), texts in lang."""
    return _render_matrix(snapshot, lang, fmt)
