"""The action plan as an Excel workbook (openpyxl): the prioritised list and a per-stage board."""

from __future__ import annotations

import io
import re
from collections import defaultdict

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from cjworkflow.i18n import t
from cjworkflow.outputs import customer_voice
from cjworkflow.outputs.exports import CSV_FIELDS, goal_label, quadrant_label
from cjworkflow.outputs.render.bounds import (
    MAX_XLSX_ROWS,
    MAX_XLSX_STAGES,
    MAX_XLSX_TEXT,
    clip_text,
)
from cjworkflow.outputs.render.canvas import INK, MUTED, tint
from cjworkflow.outputs.render.matrix import COLOURS
from cjworkflow.safety.text import board_cell, cell_text, owner_label, plain
from cjworkflow.snapshot import ActionView, WorkshopSnapshot
from cjworkflow.steps.priority import Quadrant

# Column widths in characters, per field of the list sheet.
WIDTHS = {"number": 5, "quadrant": 18, "title": 50, "impact": 8, "effort": 8, "owner": 22,
          "due_date": 12, "due_time": 8, "status": 13, "stage": 22,
          "goal": 30}
STAGE_WIDTH = 34
LINE_HEIGHT = 15  # points per line of 11 pt Calibri, Excel's default
# The workbook's default face, named: a Font without a name makes LibreOffice pick a serif.
FACE = {"name": "Calibri", "size": 11}
HEADER_FONT = Font(**FACE, bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor=INK.lstrip("#"))
HEADER_ALIGN = Alignment(vertical="center", wrap_text=True)
CELL_ALIGN = Alignment(vertical="top", wrap_text=True)
HAIRLINE = Border(bottom=Side(style="thin", color="D0D0D0"))
DONE_FONT = Font(**FACE, color=MUTED.lstrip("#"))
# Excel refuses these in sheet names and caps names at 31 characters.
_SHEET_UNSAFE = re.compile(r"[\[\]:*?/\\]")
# The list sheet's columns that hold members' text (1-based): always written as strings.
TEXT_COLUMNS = (3, 6, 10, 11)


def _hex(colour: tuple[float, float, float]) -> str:
    return "".join(f"{round(c * 255):02X}" for c in colour)


def _fill(quadrant: str, amount: float = 0.25) -> PatternFill:
    fill, _ = COLOURS[Quadrant(quadrant)]
    return PatternFill("solid", fgColor=_hex(tint(fill, amount)))


def _text(value: str | None) -> str:
    # Cut, cleaned (control characters make openpyxl raise), never the start of a formula.
    return cell_text(clip_text(value, MAX_XLSX_TEXT))


def _as_string(target: Cell) -> None:
    # openpyxl makes any str starting with "=" a formula: text cells are typed strings always.
    if target.value is not None:
        target.value = str(target.value)
        target.data_type = "s"


def _lines(text: str, width: float) -> int:
    """How many lines text wraps to in a column width characters wide (an estimate)."""
    usable = max(1, int(width) - 2)
    return sum(max(1, -(-len(line) // usable)) for line in text.split("\n"))


def _sheet_name(name: str) -> str:
    return _SHEET_UNSAFE.sub("-", name)[:31] or "Sheet"


def _header(ws: Worksheet, labels: list[str], widths: list[float]) -> None:
    """A bold header row on dark fill, frozen, with the column widths set."""
    ws.append(labels)
    for col, width in enumerate(widths, start=1):
        head = ws.cell(row=1, column=col)
        _as_string(head)  # a stage's label heads a column
        head.font, head.fill, head.alignment = HEADER_FONT, HEADER_FILL, HEADER_ALIGN
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.row_dimensions[1].height = 22
    ws.freeze_panes = "A2"
    # Printed: landscape, as wide as the page, the header on every page.
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"


def _list_sheet(ws: Worksheet, snap: WorkshopSnapshot, lang: str) -> None:
    """One row per action in plan order, with real numbers, dates and times."""
    _header(ws, [t(lang, f"export-col-{f}") for f in CSV_FIELDS],
            [WIDTHS[f] for f in CSV_FIELDS])
    for a in snap.actions[:MAX_XLSX_ROWS]:
        owner = owner_label(a.owner, a.owner_name)
        ws.append([a.number, quadrant_label(a, lang), _text(a.title), a.impact,
                   a.effort, owner or None, a.due_date, a.due_time,
                   t(lang, f"status-{a.status}"), _text(a.stage) or None,
                   _text(goal_label(a)) or None])
        row = ws.max_row
        for col in TEXT_COLUMNS:
            _as_string(ws.cell(row=row, column=col))
        for cell in ws[row]:
            cell.alignment = CELL_ALIGN
            cell.border = HAIRLINE
            if a.status == "done":
                cell.font = DONE_FONT
        ws.cell(row=row, column=2).fill = _fill(a.quadrant)
        ws.cell(row=row, column=7).number_format = "yyyy-mm-dd"
        ws.cell(row=row, column=8).number_format = "hh:mm"
        # Excel does not grow rows for wrapped text by itself: give long titles their lines.
        lines = max(_lines(_text(a.title), WIDTHS["title"]), _lines(owner, WIDTHS["owner"]))
        if lines > 1:
            ws.row_dimensions[row].height = LINE_HEIGHT * lines + 3
    if snap.actions:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(CSV_FIELDS))}{ws.max_row}"
    _more(ws, len(snap.actions), 3, lang)


def _more(ws: Worksheet, total: int, column: int, lang: str) -> None:
    """A closing row that says how many rows past MAX_XLSX_ROWS the sheet leaves out."""
    if total > MAX_XLSX_ROWS:
        ws.cell(row=MAX_XLSX_ROWS + 2, column=column,
                value=t(lang, "xlsx-more", count=total - MAX_XLSX_ROWS, max=MAX_XLSX_ROWS))


def _card(a: ActionView, lang: str) -> str:
    """An action as a stage-board cell: its title, then owner, deadline and status."""
    due = a.due_date.isoformat() if a.due_date else "—"
    if a.due_date and a.due_time:
        due += f" {a.due_time.strftime('%H:%M')}"
    details = " · ".join([owner_label(a.owner, a.owner_name) or "—", due,
                          t(lang, f"status-{a.status}")])
    goal = f"\n{t(lang, 'action-goal', goal=plain(goal_label(a)))}" if a.goal else ""
    return board_cell(f"{a.number}. {plain(a.title)}\n{details}{goal}")


def _stage_sheet(ws: Worksheet, snap: WorkshopSnapshot, lang: str) -> None:
    """One column per stage (and one for unstaged actions), actions in plan order below."""
    stages = snap.stages[:MAX_XLSX_STAGES]
    shown = [s.position for s in stages]
    columns: dict[int | None, list[ActionView]] = defaultdict(list)
    for a in snap.actions:
        # An action on a stage past the sheet's columns goes with the unstaged ones.
        columns[a.stage_position if a.stage_position in shown else None].append(a)
    heads = [f"{s.position + 1}. {plain(clip_text(s.label, MAX_XLSX_TEXT))}" for s in stages]
    heads.append(t(lang, "xlsx-no-stage"))
    _header(ws, heads, [STAGE_WIDTH] * len(heads))
    keys: list[int | None] = [*shown, None]
    for col, key in enumerate(keys, start=1):
        cards = columns.get(key, [])
        _more(ws, len(cards), col, lang)
        for row, a in enumerate(cards[:MAX_XLSX_ROWS], start=2):
            card = ws.cell(row=row, column=col, value=_card(a, lang))
            _as_string(card)
            card.alignment = CELL_ALIGN
            card.fill = _fill(a.quadrant, 0.18)
            card.border = HAIRLINE
            if a.status == "done":
                card.font = DONE_FONT
            height = LINE_HEIGHT * _lines(str(card.value), STAGE_WIDTH) + 3
            ws.row_dimensions[row].height = max(ws.row_dimensions[row].height or 0, height)


def actions_xlsx(snap: WorkshopSnapshot, lang: str) -> bytes:
    """The action plan as an .xlsx workbook: a prioritised list and a per-stage sheet."""
    wb = Workbook()
    plan = wb.active
    assert plan is not None
    plan.title = _sheet_name(t(lang, "xlsx-sheet-plan"))
    _list_sheet(plan, snap, lang)
    _stage_sheet(wb.create_sheet(_sheet_name(t(lang, "xlsx-sheet-stages"))), snap, lang)
    customer_voice.xlsx_sheet(wb, snap, lang, _sheet_name(t(lang, "export-sheet-customers")))
    wb.properties.title = plain(snap.title)[:255]
    wb.properties.creator = "cjbot"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
