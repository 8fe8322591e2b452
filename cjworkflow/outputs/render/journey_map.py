"""The journey map: stages as columns, one lane per element, the emotion curve among them."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from cjworkflow.i18n import t
from cjworkflow.outputs.render import customer_curve, round_curves
from cjworkflow.outputs.render.bounds import MAX_STAGES, clip_text, photo_height
from cjworkflow.outputs.render.canvas import (
    BLUE,
    FAINT,
    GREEN,
    INK,
    MUTED,
    ORANGE,
    PURPLE,
    PX_PER_PT,
    SKY,
    VERMILLION,
    Canvas,
    line_height,
    tint,
)
from cjworkflow.outputs.render.emotion_lane import emotion_lane, legend
from cjworkflow.outputs.render.map_header import header
from cjworkflow.outputs.render.map_layout import (
    BODY_SIZE,
    BULLET_W,
    EMOTION_H,
    GAP,
    HEADING_SIZE,
    ITEM_MAX_LINES,
    LANE_MAX_LINES,
    LEGEND_H,
    MARGIN,
    PAD,
    STAGE_SIZE,
    Layout,
    label_lines,
    lane_label,
)
from cjworkflow.outputs.render.text import clean, drawable, fit
from cjworkflow.snapshot import ActionView, StageView, WorkshopSnapshot

__all__ = ["ITEM_MAX_LINES", "LANE_MAX_LINES", "Layout", "render"]


@dataclass
class Lane:
    key: str
    colour: str
    cells: list[list[str]]


@dataclass
class Cell:
    """What one cell shows: wrapped lines per item, and how many items did not fit."""

    items: list[tuple[str, ...]] = field(default_factory=list)
    hidden: int = 0



@lru_cache(maxsize=4096)
def _item_lines(item: str, item_w: float) -> tuple[str, ...]:
    """An item wrapped for a cell, at most ITEM_MAX_LINES long."""
    return tuple(fit(item, item_w, BODY_SIZE, ITEM_MAX_LINES)) or ("…",)


def _pack(items: Sequence[str], item_w: float, budget: int) -> Cell:
    """The items that fit in budget lines; a line is kept free for "+N more" when needed."""
    cell = Cell()
    used = 0
    for i, item in enumerate(items):
        wrapped = _item_lines(item, item_w)
        room = budget - used - (1 if i < len(items) - 1 else 0)
        if len(wrapped) > room:
            if cell.items or room < 1:
                cell.hidden = len(items) - i
                return cell
            # A first item longer than the whole cell is shown cut, not hidden.
            wrapped = tuple(fit(item, item_w, BODY_SIZE, room))
        cell.items.append(wrapped)
        used += len(wrapped)
    return cell


def _cell_lines(cell: Sequence[str], item_w: float) -> int:
    """Lines a cell's items need, counted only until the lane is full."""
    used = 0
    for item in cell:
        used += len(_item_lines(item, item_w))
        if used >= LANE_MAX_LINES:
            # The rest cannot change the budget: a cell of a big workshop (hundreds of items)
            # would otherwise wrap every one of them, most of a fresh render's time.
            break
    return used


def _budget(lane: Lane, item_w: float) -> int:
    """Lines per cell in a lane: what its fullest cell needs, within LANE_MAX_LINES."""
    need = max((_cell_lines(cell, item_w) for cell in lane.cells), default=0)
    return max(1, min(LANE_MAX_LINES, need))


def _lane_height(budget: int, lane: Lane, lang: str) -> float:
    """A lane's height: its cells' line budget, or its label if that is taller."""
    lines, size = label_lines(lane.key, lang)
    content = max(budget * line_height(BODY_SIZE), len(lines) * line_height(size))
    return 2 * PAD + content + GAP


def _lanes(stages: Sequence[StageView], lang: str,
           actions: Sequence[ActionView] = ()) -> list[Lane]:
    """The text lanes in map order, cleaned of glyphs the font lacks.

    The method's optional lanes (scenario, thoughts, improvements) show only when filled.
    """

    def touchpoint(text: str, channel: str | None) -> str:
        channel = clean(clip_text(channel, 100))
        if channel:
            return t(lang, "render-map-touchpoint", text=clip_text(text), channel=channel)
        return text

    lanes = [
        Lane("scenarios", INK, [list(s.scenarios) for s in stages]),
        Lane("touchpoints", BLUE, [[touchpoint(x, c) for x, c in s.touchpoints] for s in stages]),
        Lane("actions", SKY, [list(s.user_actions) for s in stages]),
        Lane("thoughts", SKY, [list(s.thoughts) for s in stages]),
        Lane("pains", VERMILLION, [list(s.pains) for s in stages]),
        Lane("solutions", GREEN, [list(s.solutions) for s in stages]),
        Lane("moments", ORANGE, [list(s.moments) for s in stages]),
        Lane("observations", PURPLE, [list(s.observations) for s in stages]),
        Lane("improvements", GREEN, improvements(stages, actions, lang)),
    ]
    lanes = [lane for lane in lanes if lane.key not in OPTIONAL or any(lane.cells)]
    for lane in lanes:
        lane.cells = [_clean_cell(cell) for cell in lane.cells]
    return lanes


def _clean_cell(cell: Sequence[str]) -> list[str]:
    """A cell's items cleaned, without those that have nothing to draw.

    Each item takes at least one line, so no cell shows more than LANE_MAX_LINES of them: the
    ones after that are only counted ("+N more"), never drawn, and are kept as they are once a
    cheap check says cleaning would leave something of them.
    """
    out: list[str] = []
    for item in cell:
        if len(out) <= LANE_MAX_LINES:
            cleaned = clean(clip_text(item))
            if cleaned:
                out.append(cleaned)
        elif drawable(item):
            out.append(item)
    return out


# The emotion curve sits after what the customer does (and thinks) and before what hurts.
EMOTION_BEFORE = "pains"
# Lanes drawn only when some stage has something in them.
OPTIONAL = frozenset({"scenarios", "thoughts", "improvements"})


def improvements(stages: Sequence[StageView], actions: Sequence[ActionView],
                 lang: str) -> list[list[str]]:
    """Per stage, its step-8 actions in plan order as "#3 title"."""
    cells: list[list[str]] = [[] for _ in stages]
    column = {s.position: i for i, s in enumerate(stages)}
    for a in actions:
        if a.stage_position in column:
            cells[column[a.stage_position]].append(
                t(lang, "render-improvement", number=a.number, title=clip_text(a.title)))
    return cells



def _stage_labels(stages: Sequence[StageView], lay: Layout, lang: str) -> list[list[str]]:
    text_w = (lay.col_w - GAP - 2 * PAD) / PX_PER_PT
    return [
        fit(t(lang, "render-map-stage", number=i + 1, label=clean(clip_text(s.label)) or "…"),
            text_w,
            STAGE_SIZE, 2, bold=True)
        for i, s in enumerate(stages)
    ]


def _stage_row(c: Canvas, labels: list[list[str]], lay: Layout, y: float, h: float) -> None:
    for i, lines in enumerate(labels):
        x = lay.col_x(i)
        c.rect(x, y, lay.col_w - GAP, h, INK)
        c.lines(x + PAD, y + h / 2, lines, STAGE_SIZE, colour="white", bold=True, va="center")


def _text_lane(c: Canvas, lane: Lane, budget: int, lay: Layout, lang: str, y: float) -> float:
    """Draw one text lane and return its height."""
    h = _lane_height(budget, lane, lang)
    pitch = line_height(BODY_SIZE)
    lane_label(c, lane.key, lane.colour, y, h, lang)
    background = tint(lane.colour, 0.13)
    for i, items in enumerate(lane.cells):
        x = lay.col_x(i)
        c.rect(x, y, lay.col_w - GAP, h - GAP, background)
        if not items:
            # A quiet dash reads as "nothing here yet", not as a rendering fault.
            c.text(lay.centre(i), y + (h - GAP) / 2, "–", HEADING_SIZE, colour=FAINT,
                   ha="center", va="center")
            continue
        cell = _pack(items, lay.item_w_pt, budget)
        ty = y + PAD
        for lines in cell.items:
            c.text(x + PAD, ty, "•", BODY_SIZE, colour=lane.colour, bold=True)
            c.lines(x + PAD + BULLET_W, ty, lines, BODY_SIZE)
            ty += len(lines) * pitch
        if cell.hidden:
            c.text(x + PAD + BULLET_W, ty, t(lang, "render-more", count=cell.hidden), BODY_SIZE,
                   colour=MUTED, bold=True)
    return h


def render(snapshot: WorkshopSnapshot, lang: str, fmt: str = "png") -> bytes:
    """The journey map of snapshot as a PNG (fmt "svg": SVG, for the web view; "pdf": a vector
    PDF page), texts in lang."""
    stages = snapshot.stages[:MAX_STAGES]
    lay = Layout(len(stages))
    lanes = _lanes(stages, lang, snapshot.actions)

    # Measure everything first, so the image is exactly as tall as its content.
    header_h = header(None, snapshot, lang, lay.width)
    labels = _stage_labels(stages, lay, lang)
    stage_h = 2 * PAD + max((len(x) for x in labels), default=1) * line_height(STAGE_SIZE)
    budgets = [_budget(lane, lay.item_w_pt) for lane in lanes]
    lanes_h = sum(_lane_height(b, x, lang) for b, x in zip(budgets, lanes, strict=True))
    height = header_h + stage_h + GAP + lanes_h + EMOTION_H + LEGEND_H + MARGIN / 2
    height = photo_height(lay.width, math.ceil(height))

    c = Canvas(lay.width, height, selectable=fmt == "pdf")
    header(c, snapshot, lang, lay.width)
    y = header_h
    _stage_row(c, labels, lay, y, stage_h)
    y += stage_h + GAP
    for lane, budget in zip(lanes, budgets, strict=True):
        if lane.key == EMOTION_BEFORE:
            # The customers' curve and earlier rounds' curves go under the team's.
            customer_curve.draw(c, snapshot.customers, stages, lay, lang, y)
            round_curves.draw(c, snapshot, stages, lay, y)
            y += emotion_lane(c, stages, lay, lang, y)
        y += _text_lane(c, lane, budget, lay, lang, y)
    legend(c, snapshot, stages, lang, y + 10, lay.width)
    return c.pdf() if fmt == "pdf" else c.png(fmt)
