"""The journey map: stages as columns, one lane per element, the emotion curve among them."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from matplotlib.patches import Rectangle

from cjworkflow.i18n import t
from cjworkflow.render.canvas import (
    BLUE,
    FAINT,
    GREEN,
    INK,
    MAX_RATIO,
    MAX_SIDE,
    MUTED,
    ORANGE,
    PURPLE,
    PX_PER_PT,
    SKY,
    VERMILLION,
    Canvas,
    line_height,
    text_width,
    tint,
)
from cjworkflow.render.text import clean, drawable, ellipsize, fit
from cjworkflow.snapshot import PersonaView, StageView, WorkshopSnapshot

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

ITEM_MAX_LINES = 5
# Twelve lines per lane keeps a full 7-stage map under Telegram's 2560 px downscale.
LANE_MAX_LINES = 12
MAX_PERSONAS = 4
EMOTION_H = 300
EMOTION_TOP = 42  # room above score 5 for a star when a stage has no scores
EMOTION_BOTTOM = 46  # room below score 1 for the disagreement note
SPLIT_SPREAD = 1.0
LEGEND_H = 78


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
    lines, size = _label_lines(lane.key, lang)
    content = max(budget * line_height(BODY_SIZE), len(lines) * line_height(size))
    return 2 * PAD + content + GAP


def _lanes(snapshot: WorkshopSnapshot, lang: str) -> list[Lane]:
    """The text lanes in map order, cleaned of glyphs the font lacks."""

    def touchpoint(text: str, channel: str | None) -> str:
        channel = clean(channel)
        if channel:
            return t(lang, "render-map-touchpoint", text=text, channel=channel)
        return text

    stages = snapshot.stages
    lanes = [
        Lane("touchpoints", BLUE, [[touchpoint(x, c) for x, c in s.touchpoints] for s in stages]),
        Lane("actions", SKY, [list(s.user_actions) for s in stages]),
        Lane("pains", VERMILLION, [list(s.pains) for s in stages]),
        Lane("solutions", GREEN, [list(s.solutions) for s in stages]),
        Lane("moments", ORANGE, [list(s.moments) for s in stages]),
        Lane("observations", PURPLE, [list(s.observations) for s in stages]),
    ]
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
            cleaned = clean(item)
            if cleaned:
                out.append(cleaned)
        elif drawable(item):
            out.append(item)
    return out


# The emotion curve sits after what the customer does and before what hurts.
EMOTION_AFTER = 2


@dataclass
class Card:
    name: str
    about: list[str]
    goal: list[str]


def _persona_cards(
    personas: Sequence[PersonaView], lang: str, card_w: float
) -> tuple[list[Card], float]:
    """One card per shown persona, and the height of the tallest."""
    text_w = (card_w - 2 * PAD - 6) / PX_PER_PT
    cards = []
    for p in personas[:MAX_PERSONAS]:
        goal = clean(p.goal)
        cards.append(Card(
            name=ellipsize(clean(p.name) or "?", text_w, HEADING_SIZE, bold=True),
            about=fit(clean(p.description), text_w, SMALL_SIZE, 1),
            goal=fit(t(lang, "render-map-persona-goal", goal=goal), text_w, BODY_SIZE, 3)
            if goal else [],
        ))
    body = max(
        (len(c.about) * line_height(SMALL_SIZE) + len(c.goal) * line_height(BODY_SIZE)
         for c in cards),
        default=0.0,
    )
    return cards, 2 * PAD + line_height(HEADING_SIZE) + body


def _header(c: Canvas | None, snapshot: WorkshopSnapshot, lang: str, width_px: int) -> float:
    """Draw the header (when c is given) and return its height."""
    inner_w = width_px - 2 * MARGIN
    y: float = MARGIN
    if c:
        c.text(MARGIN, y, t(lang, "render-map-kicker").upper(), KICKER_SIZE, colour=MUTED,
               bold=True)
    y += line_height(KICKER_SIZE)
    title = clean(snapshot.title) or t(lang, "render-map-untitled")
    title_lines = fit(title, inner_w / PX_PER_PT, TITLE_SIZE, 2, bold=True)
    if c:
        c.lines(MARGIN, y, title_lines, TITLE_SIZE, bold=True)
    y += len(title_lines) * line_height(TITLE_SIZE) + 12

    if c:
        c.text(MARGIN, y, t(lang, "render-map-personas"), HEADING_SIZE, colour=MUTED, bold=True)
    y += line_height(HEADING_SIZE) + 4
    targets = snapshot.target_personas
    if not targets:
        if c:
            c.text(MARGIN, y, t(lang, "render-map-no-personas"), BODY_SIZE, colour=MUTED,
                   italic=True)
        return y + line_height(BODY_SIZE) + 20

    shown = min(len(targets), MAX_PERSONAS)
    card_w = (inner_w - 2 * GAP * (shown - 1)) / shown
    cards, card_h = _persona_cards(targets, lang, card_w)
    for i, card in enumerate(cards):
        x = MARGIN + i * (card_w + 2 * GAP)
        if c:
            c.rect(x, y, card_w, card_h, tint(ORANGE, 0.16))
            c.rect(x, y, 6, card_h, ORANGE)
            tx, ty = x + PAD + 6, y + PAD
            c.text(tx, ty, card.name, HEADING_SIZE, bold=True)
            ty += line_height(HEADING_SIZE)
            c.lines(tx, ty, card.about, SMALL_SIZE, colour=MUTED)
            ty += len(card.about) * line_height(SMALL_SIZE)
            c.lines(tx, ty, card.goal, BODY_SIZE)
    y += card_h
    hidden = len(targets) - len(cards)
    if hidden > 0:
        if c:
            c.text(width_px - MARGIN, y + 4, t(lang, "render-map-more-personas", count=hidden),
                   SMALL_SIZE, colour=MUTED, ha="right")
        y += line_height(SMALL_SIZE) + 4
    return y + 20


def _stage_labels(stages: Sequence[StageView], lay: Layout, lang: str) -> list[list[str]]:
    text_w = (lay.col_w - GAP - 2 * PAD) / PX_PER_PT
    return [
        fit(t(lang, "render-map-stage", number=i + 1, label=clean(s.label) or "…"), text_w,
            STAGE_SIZE, 2, bold=True)
        for i, s in enumerate(stages)
    ]


def _stage_row(c: Canvas, labels: list[list[str]], lay: Layout, y: float, h: float) -> None:
    for i, lines in enumerate(labels):
        x = lay.col_x(i)
        c.rect(x, y, lay.col_w - GAP, h, INK)
        c.lines(x + PAD, y + h / 2, lines, STAGE_SIZE, colour="white", bold=True, va="center")


@lru_cache(maxsize=64)
def _label_lines(key: str, lang: str) -> tuple[tuple[str, ...], float]:
    """A lane's name wrapped for the label column, and the font size that makes it fit."""
    label = t(lang, f"render-lane-{key}")
    size = HEADING_SIZE
    # Shrink rather than hyphenate a single long word such as "Contactmomenten".
    while size > 9 and max(text_width(w, size, bold=True) for w in label.split()) > LABEL_W - 30:
        size -= 0.5
    return tuple(fit(label, (LABEL_W - 30) / PX_PER_PT, size, 4, bold=True)), size


def _lane_label(c: Canvas, key: str, colour: str, y: float, h: float, lang: str) -> None:
    c.rect(MARGIN, y, 6, h - GAP, colour)
    lines, size = _label_lines(key, lang)
    c.lines(MARGIN + 16, y + PAD, lines, size, bold=True)
    if key == "emotion":
        c.text(MARGIN + 16, y + PAD + len(lines) * line_height(size) + 6,
               t(lang, "render-lane-emotion-scale"), SMALL_SIZE, colour=MUTED)


def _text_lane(c: Canvas, lane: Lane, budget: int, lay: Layout, lang: str, y: float) -> float:
    """Draw one text lane and return its height."""
    h = _lane_height(budget, lane, lang)
    pitch = line_height(BODY_SIZE)
    _lane_label(c, lane.key, lane.colour, y, h, lang)
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


def _star(c: Canvas, x: float, y: float, size: float) -> None:
    c.ax.plot([x], [y], marker="*", markersize=size, color=ORANGE, markeredgecolor=INK,
              markeredgewidth=1.2, zorder=5)


def _emotion_lane(c: Canvas, stages: Sequence[StageView], lay: Layout, lang: str,
                  y: float) -> float:
    """Draw the emotion curve lane and return its height."""
    h = EMOTION_H
    _lane_label(c, "emotion", INK, y, h, lang)
    top, bottom = y + EMOTION_TOP, y + h - GAP - EMOTION_BOTTOM
    step = (bottom - top) / 4

    def sy(score: float) -> float:
        return bottom - (score - 1) * step

    ax = c.ax
    x0, x1 = lay.col_x(0), lay.col_x(lay.n - 1) + lay.col_w - GAP
    for i in range(lay.n):
        c.rect(lay.col_x(i), y, lay.col_w - GAP, h - GAP, tint(INK, 0.04))
    for score in range(1, 6):
        ax.hlines(sy(score), x0, x1, colors="#D0D0D0" if score != 3 else "#A8A8A8",
                  linewidth=1.0, linestyles="solid" if score != 3 else (0, (2, 3)), zorder=1)
        c.text(x0 - 8, sy(score), str(score), SMALL_SIZE, colour=MUTED, ha="right", va="center")

    xs = [lay.centre(i) for i in range(len(stages))]
    ideals = [s.ideal for s in stages]
    if any(v is not None for v in ideals):
        ax.plot(xs, [sy(v) if v is not None else math.nan for v in ideals], color=GREEN,
                linestyle=(0, (5, 4)), linewidth=2.4, marker="D", markersize=7,
                markerfacecolor="white", markeredgewidth=2, zorder=3)
    ax.plot(xs, [sy(m) if (m := s.mean) is not None else math.nan for s in stages], color=BLUE,
            linewidth=3, zorder=4)

    for x, stage in zip(xs, stages, strict=True):
        mean = stage.mean
        if mean is None:
            c.text(x, (top + bottom) / 2, t(lang, "render-emotion-none"), SMALL_SIZE,
                   colour=MUTED, italic=True, ha="center", va="center")
            if stage.moments:
                _star(c, x, top - 18, 24)
            continue
        split = stage.spread >= SPLIT_SPREAD
        colour = VERMILLION if split else BLUE
        if stage.spread > 0:
            lo, hi = max(1.0, mean - stage.spread), min(5.0, mean + stage.spread)
            thick = 3.2 if split else 2.0
            ax.vlines(x, sy(hi), sy(lo), colors=colour, linewidth=thick, zorder=4)
            ax.hlines([sy(hi), sy(lo)], x - 9, x + 9, colors=colour, linewidth=thick, zorder=4)
        if stage.moments:
            _star(c, x, sy(mean), 30)
        ax.plot([x], [sy(mean)], marker="o", markersize=10, color=colour,
                markeredgecolor="white", markeredgewidth=1.5, zorder=6)
        label = t(lang, "render-score", value=mean)
        lx = x + (28 if stage.moments else 18)
        # A white tab keeps the number legible where the curve runs through it.
        ax.add_artist(Rectangle((lx - 3, sy(mean) - 10), text_width(label, BODY_SIZE, True) + 6,
                                20, facecolor="white", alpha=0.85, linewidth=0, zorder=7))
        c.text(lx, sy(mean), label, BODY_SIZE, colour=colour, bold=True, va="center")
        if split:
            c.text(x, bottom + 18, t(lang, "render-emotion-split", spread=stage.spread),
                   SMALL_SIZE, colour=VERMILLION, bold=True, ha="center")
    return h


def _legend(c: Canvas, snapshot: WorkshopSnapshot, lang: str, y: float, width_px: int) -> None:
    ax = c.ax
    x: float = MARGIN + LABEL_W
    mid = y + 14
    for kind in ("current", "spread", "ideal", "moment", "split"):
        if kind == "current":
            ax.plot([x, x + 30], [mid, mid], color=BLUE, linewidth=3)
            ax.plot([x + 15], [mid], marker="o", markersize=9, color=BLUE,
                    markeredgecolor="white")
        elif kind == "spread":
            ax.vlines(x + 15, mid - 9, mid + 9, colors=BLUE, linewidth=2)
            ax.hlines([mid - 9, mid + 9], x + 9, x + 21, colors=BLUE, linewidth=2)
        elif kind == "ideal":
            ax.plot([x, x + 30], [mid, mid], color=GREEN, linestyle=(0, (5, 4)), linewidth=2.4)
        elif kind == "moment":
            _star(c, x + 15, mid, 20)
        else:
            ax.vlines(x + 15, mid - 9, mid + 9, colors=VERMILLION, linewidth=3.2)
        x += 40 + c.text(x + 40, mid, t(lang, f"render-legend-{kind}"), SMALL_SIZE, va="center")
        x += 34
    c.text(width_px - MARGIN, y + LEGEND_H - 12,
           t(lang, "render-footer", version=snapshot.version, date=snapshot.created_at),
           SMALL_SIZE, colour=MUTED, ha="right", va="bottom")


def render(snapshot: WorkshopSnapshot, lang: str) -> bytes:
    """The journey map of snapshot as a PNG, texts in lang."""
    stages = snapshot.stages
    lay = Layout(len(stages))
    lanes = _lanes(snapshot, lang)

    # Measure everything first, so the image is exactly as tall as its content.
    header_h = _header(None, snapshot, lang, lay.width)
    labels = _stage_labels(stages, lay, lang)
    stage_h = 2 * PAD + max((len(x) for x in labels), default=1) * line_height(STAGE_SIZE)
    budgets = [_budget(lane, lay.item_w_pt) for lane in lanes]
    lanes_h = sum(_lane_height(b, x, lang) for b, x in zip(budgets, lanes, strict=True))
    height = header_h + stage_h + GAP + lanes_h + EMOTION_H + LEGEND_H + MARGIN / 2
    height = min(math.ceil(height), MAX_SIDE, lay.width * MAX_RATIO)

    c = Canvas(lay.width, height)
    _header(c, snapshot, lang, lay.width)
    y = header_h
    _stage_row(c, labels, lay, y, stage_h)
    y += stage_h + GAP
    for i, (lane, budget) in enumerate(zip(lanes, budgets, strict=True)):
        if i == EMOTION_AFTER:
            y += _emotion_lane(c, stages, lay, lang, y)
        y += _text_lane(c, lane, budget, lay, lang, y)
    _legend(c, snapshot, lang, y + 10, lay.width)
    return c.png()
