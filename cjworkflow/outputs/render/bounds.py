"""How much one drawing or file may hold, however big the workshop: the rest is counted.

The input bounds (stages, entries, actions, text length per workshop) keep new workshops
small, but a database may still hold more (older data, an import from before the bounds).
These caps make every render finish in bounded time and memory whatever is stored: what
does not fit is summed up as "+N more", never drawn.
"""

from __future__ import annotations

# Stages drawn as columns of the map and rows of the PDF's stage grid. Twelve columns of
# 250 px make a 3,264 px wide map: with its height that stays within Telegram's photo bounds.
MAX_STAGES = 12
# Characters of one text that any renderer looks at: a map cell shows five lines (~175
# characters), a PDF cell 240; the rest is cut with an ellipsis.
MAX_TEXT = 400
# Actions drawn as markers on the priority matrix; the plan beside it is cut by its height.
MAX_POINTS = 300
# The PDF: entries per lane of a stage, rows of the action plan, items of the cover's lists.
MAX_PDF_ITEMS = 8
MAX_PDF_ACTIONS = 300
MAX_PDF_LIST = 20
# The XLSX: rows of the action plan sheet (and cards per stage column), columns of stages.
MAX_XLSX_ROWS = 2_000
MAX_XLSX_STAGES = 50
MAX_XLSX_TEXT = 1_000

# Telegram's photo bounds: width + height at most 10,000 px, a side ratio of at most 20,
# at most 10 MB (a bigger image goes as a document instead).
MAX_PHOTO_SUM = 10_000
MAX_PHOTO_RATIO = 20
MAX_PHOTO_BYTES = 10 * 10**6


def clip_text(text: str | None, limit: int = MAX_TEXT) -> str:
    """text cut to limit characters (with an ellipsis when cut); "" for None."""
    if not text:
        return ""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def photo_height(width: int, height: float) -> int:
    """height bounded so that a width x height image is a photo Telegram accepts."""
    return max(1, min(int(height), MAX_PHOTO_SUM - width, width * MAX_PHOTO_RATIO))
