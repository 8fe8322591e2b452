"""The journey map's geometry and type sizes, shared by its header and its lanes."""

from __future__ import annotations

from functools import lru_cache

from cjworkflow.i18n import t
from cjworkflow.outputs.render.canvas import MUTED, PX_PER_PT, Canvas, line_height, text_width
from cjworkflow.outputs.render.text import fit

MIN_WIDTH = 1600
MARGIN = 32
LABEL_W = 200
COL_W = 250
GAP = 4
PAD = 10
BULLET_W = 14

TITLE_SIZE = 26.0
KICKER_SIZE = 11.0
HEADING_SIZE = 12.5
BODY_SIZE = 11.0
SMALL_SIZE = 9.5
STAGE_SIZE = 13.0

# Twelve lines per lane keeps a full 7-stage map under Telegram's 2560 px downscale.
LANE_MAX_LINES = 12
# An item wraps as far as its lane may grow: it is cut only when it alone overfills a cell,
# otherwise it moves to "+N more" (issue #14: nothing cut that could wrap).
ITEM_MAX_LINES = LANE_MAX_LINES
MAX_PERSONAS = 4
EMOTION_H = 300
EMOTION_TOP = 42  # room above score 5 for a star when a stage has no scores
EMOTION_BOTTOM = 46  # room below score 1 for the disagreement note
SPLIT_SPREAD = 1.0
LEGEND_H = 78


class Layout:
    """Column geometry shared by every band of the map."""

    def __init__(self, stage_count: int) -> None:
        self.n = max(stage_count, 1)
        self.width = max(MIN_WIDTH, 2 * MARGIN + LABEL_W + self.n * COL_W)
        self.col_w = (self.width - 2 * MARGIN - LABEL_W) / self.n

    def col_x(self, i: int) -> float:
        """Left edge of column i."""
        return MARGIN + LABEL_W + i * self.col_w

    def centre(self, i: int) -> float:
        """Horizontal centre of column i's cell."""
        return self.col_x(i) + (self.col_w - GAP) / 2

    @property
    def item_w_pt(self) -> float:
        """Width for an item's text in a cell, in points."""
        return (self.col_w - GAP - 2 * PAD - BULLET_W) / PX_PER_PT


@lru_cache(maxsize=64)
def label_lines(key: str, lang: str) -> tuple[tuple[str, ...], float]:
    """A lane's name wrapped for the label column, and the font size that makes it fit."""
    label = t(lang, f"render-lane-{key}")
    size = HEADING_SIZE
    # Shrink rather than hyphenate a single long word such as "Contactmomenten".
    while size > 9 and max(text_width(w, size, bold=True) for w in label.split()) > LABEL_W - 30:
        size -= 0.5
    return tuple(fit(label, (LABEL_W - 30) / PX_PER_PT, size, 4, bold=True)), size


def lane_label(c: Canvas, key: str, colour: str, y: float, h: float, lang: str) -> None:
    """A lane's name in the label column beside its coloured bar."""
    c.rect(MARGIN, y, 6, h - GAP, colour)
    lines, size = label_lines(key, lang)
    c.lines(MARGIN + 16, y + PAD, lines, size, bold=True)
    if key == "emotion":
        c.text(MARGIN + 16, y + PAD + len(lines) * line_height(size) + 6,
               t(lang, "render-lane-emotion-scale"), SMALL_SIZE, colour=MUTED)
