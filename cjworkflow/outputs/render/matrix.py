"""The action priority matrix: impact against effort, quadrants shaded, the plan alongside."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib.collections import PatchCollection
from matplotlib.patches import Circle, Rectangle

from cjworkflow.i18n import t
from cjworkflow.outputs.render.bounds import MAX_POINTS, clip_text
from cjworkflow.outputs.render.canvas import (
    BLUE,
    FAINT,
    GREEN,
    INK,
    MUTED,
    ORANGE,
    PX_PER_PT,
    VERMILLION,
    Canvas,
    line_height,
    text_width,
    tint,
)
from cjworkflow.outputs.render.text import clean, ellipsize, fit
from cjworkflow.snapshot import ActionView, WorkshopSnapshot
from cjworkflow.steps.priority import HIGH_EFFORT, HIGH_IMPACT, ORDER, Quadrant

WIDTH = 1800
MARGIN = 40
TOP = 170  # title block
PLOT_X = 120  # room for the vertical impact label and the tick numbers
UNIT = 200  # pixels per score step
LO, HI = 0.5, 5.5  # the score range on both axes
BAND = 0.3  # extra score units above and below for the quadrant names
PLOT_W = (HI - LO) * UNIT
PLOT_H = (HI - LO + 2 * BAND) * UNIT
PANEL_X = PLOT_X + PLOT_W + 56
PANEL_W = WIDTH - MARGIN - PANEL_X
HEIGHT = int(TOP + PLOT_H + 110)

TITLE_SIZE = 24.0
KICKER_SIZE = 11.0
HEADING_SIZE = 14.0
BODY_SIZE = 11.0
SMALL_SIZE = 9.5
NAME_SIZE = 15.0

MARKER_D = 36.0  # marker diameter in pixels when there is room
PANEL_TITLE_LINES = 4  # a title in the plan beside the plot wraps to at most this many lines
LABEL_LINES = 6  # a marker's title wraps to at most this many lines

# (fill colour, colour for text on the light shade): orange text needs more depth.
COLOURS = {
    Quadrant.QUICK_WIN: (GREEN, "#00785A"),
    Quadrant.MAJOR_PROJECT: (BLUE, BLUE),
    Quadrant.FILL_IN: (ORANGE, "#8A5F00"),
    Quadrant.THANKLESS: (VERMILLION, "#B34700"),
    Quadrant.UNRATED: (MUTED, MUTED),
}
# Which side of the split each quadrant lies on: (high effort, high impact).
SIDES = {
    Quadrant.QUICK_WIN: (False, True),
    Quadrant.MAJOR_PROJECT: (True, True),
    Quadrant.FILL_IN: (False, False),
    Quadrant.THANKLESS: (True, False),
}
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def px(effort: float) -> float:
    """Pixel x of an effort score."""
    return PLOT_X + (effort - LO) * UNIT


def py(impact: float) -> float:
    """Pixel y of an impact score."""
    return TOP + (HI + BAND - impact) * UNIT


def _quadrant(action: ActionView) -> Quadrant:
    try:
        return Quadrant(action.quadrant)
    except ValueError:
        return Quadrant.UNRATED


@dataclass
class Placed:
    action: ActionView
    x: float
    y: float
    diameter: float
    alone: bool


def spread_ties(actions: Sequence[ActionView]) -> list[Placed]:
    """Every rated action at its score, ties arranged so that no marker hides another."""
    groups: dict[tuple[int, int], list[ActionView]] = defaultdict(list)
    for a in actions:
        if a.impact is not None and a.effort is not None:
            groups[(min(max(a.effort, 1), 5), min(max(a.impact, 1), 5))].append(a)
    placed: list[Placed] = []
    for (effort, impact), group in sorted(groups.items()):
        group.sort(key=lambda a: a.number)
        cx, cy, n = px(effort), py(impact), len(group)
        if n == 1:
            placed.append(Placed(group[0], cx, cy, MARKER_D, True))
            continue
        if n <= 6:
            d = MARKER_D
            radius = (d + 6) / (2 * math.sin(math.pi / n))
            spots = [(radius, -math.pi / 2 + 2 * math.pi * k / n) for k in range(n)]
        else:
            # A sunflower (Vogel) spiral packs any number evenly inside a fixed circle.
            outer = 0.45 * UNIT
            d = min(MARKER_D, 0.75 * outer * math.sqrt(math.pi / n))
            reach = outer - d / 2
            spots = [(reach * math.sqrt((k + 0.5) / n), k * GOLDEN_ANGLE) for k in range(n)]
        for a, (r, angle) in zip(group, spots, strict=True):
            placed.append(Placed(a, cx + r * math.cos(angle), cy + r * math.sin(angle), d, False))
    return placed


def _title(c: Canvas, snapshot: WorkshopSnapshot, lang: str) -> None:
    y: float = MARGIN
    c.text(MARGIN, y, t(lang, "render-matrix-title").upper(), KICKER_SIZE, colour=MUTED,
           bold=True)
    y += line_height(KICKER_SIZE)
    title = clean(clip_text(snapshot.title)) or t(lang, "render-map-untitled")
    c.text(MARGIN, y, ellipsize(title, (WIDTH - 2 * MARGIN) / PX_PER_PT, TITLE_SIZE, True),
           TITLE_SIZE, bold=True)
    y += line_height(TITLE_SIZE)
    actions = snapshot.actions
    rated = sum(_quadrant(a) is not Quadrant.UNRATED for a in actions)
    summary = t(lang, "render-matrix-summary", total=len(actions), rated=rated,
                done=sum(a.status == "done" for a in actions))
    if rated > MAX_POINTS:
        summary += " · " + t(lang, "render-matrix-capped", shown=MAX_POINTS)
    c.text(MARGIN, y + 2, summary, BODY_SIZE, colour=MUTED)


def _plot_frame(c: Canvas, lang: str) -> None:
    split_x, split_y = px(HIGH_EFFORT - 0.5), py(HIGH_IMPACT - 0.5)
    left, right = PLOT_X, PLOT_X + PLOT_W
    top, bottom = TOP, TOP + PLOT_H
    for q, (high_effort, high_impact) in SIDES.items():
        x0, x1 = (split_x, right) if high_effort else (left, split_x)
        y0, y1 = (top, split_y) if high_impact else (split_y, bottom)
        fill, ink = COLOURS[q]
        c.rect(x0, y0, x1 - x0, y1 - y0, tint(fill, 0.15))
        name = t(lang, f"quadrant-{q.value}")
        hint = t(lang, f"render-matrix-hint-{q.value}")
        ny = y0 + 12 if high_impact else y1 - 12
        va = "top" if high_impact else "bottom"
        w = c.text(x0 + 14, ny, name, NAME_SIZE, colour=ink, bold=True, va=va)
        hint = ellipsize(hint, (x1 - x0 - w - 44) / PX_PER_PT, BODY_SIZE)
        # Same baseline as the name, whatever the two font sizes.
        c.text(x0 + 14 + w + 10, ny + (4 if high_impact else -3), hint, BODY_SIZE, colour=ink,
               italic=True, va=va)

    ax = c.ax
    halves = [LO + k for k in range(1, 5)]
    ax.vlines([px(v) for v in halves], top, bottom, colors="white", linewidth=1.5, zorder=1)
    ax.hlines([py(v) for v in halves], left, right, colors="white", linewidth=1.5, zorder=1)
    ax.vlines(split_x, top, bottom, colors=INK, linewidth=1.6, linestyles=(0, (6, 4)), zorder=2)
    ax.hlines(split_y, left, right, colors=INK, linewidth=1.6, linestyles=(0, (6, 4)), zorder=2)
    ax.plot([left, right, right, left, left], [top, top, bottom, bottom, top], color=FAINT,
            linewidth=1, zorder=2)
    for score in range(1, 6):
        c.text(px(score), bottom + 8, str(score), BODY_SIZE, colour=MUTED, ha="center")
        c.text(left - 10, py(score), str(score), BODY_SIZE, colour=MUTED, ha="right",
               va="center")
    c.text((left + right) / 2, bottom + 36, t(lang, "render-matrix-effort") + "  →",
           HEADING_SIZE, bold=True, ha="center")
    c.text(left - 44, (top + bottom) / 2, t(lang, "render-matrix-impact") + "  →", HEADING_SIZE,
           bold=True, ha="center", va="bottom", vertical=True)


def _points(c: Canvas, actions: Sequence[ActionView], lang: str) -> None:
    placed = spread_ties(actions)
    circles = []
    for p in placed:
        fill, ink = COLOURS[_quadrant(p.action)]
        done = p.action.status == "done"
        circles.append(Circle((p.x, p.y), p.diameter / 2,
                              facecolor="white" if done else fill,
                              edgecolor=fill, linewidth=2.5 if done else 1.2))
        size = min(BODY_SIZE, p.diameter * 0.42 / PX_PER_PT)
        colour = ink if done else (INK if fill == ORANGE else "white")
        c.text(p.x, p.y, str(p.action.number), size, colour=colour, bold=True, ha="center",
               va="center")
        if done and p.diameter >= 30:
            # A check in a small green disc, drawn as text: the font has U+2713.
            bx, by = p.x + p.diameter * 0.38, p.y - p.diameter * 0.38
            circles.append(Circle((bx, by), p.diameter * 0.24, facecolor=GREEN,
                                  edgecolor="white", linewidth=1))
            c.text(bx, by, "✓", size * 0.85, colour="white", bold=True, ha="center",
                   va="center")
        if p.alone:
            label_w = (UNIT - 16) / PX_PER_PT
            owner = clean(clip_text(p.action.owner))
            # Down to just above the marker a score lower could hold: the empty space below
            # a marker is the label's, so a title wraps rather than being cut (issue #14).
            room = int((UNIT - p.diameter / 2 - MARKER_D / 2 - 14) // line_height(SMALL_SIZE))
            lines = fit(clean(clip_text(p.action.title)), label_w, SMALL_SIZE,
                        min(LABEL_LINES, room - (1 if owner else 0)), bold=True)
            ly = p.y + p.diameter / 2 + 4
            c.lines(p.x, ly, lines, SMALL_SIZE, bold=True, ha="center",
                    colour=MUTED if done else INK)
            if owner:
                c.text(p.x, ly + len(lines) * line_height(SMALL_SIZE),
                       ellipsize(owner, label_w, SMALL_SIZE), SMALL_SIZE, colour=MUTED,
                       ha="center")
    if circles:
        c.ax.add_collection(PatchCollection(circles, match_original=True, zorder=8),
                            autolim=False)


def _meta(action: ActionView, lang: str) -> str:
    parts = [x for x in (clean(clip_text(action.owner)),) if x]
    if action.due_date:
        parts.append(t(lang, "render-matrix-due", date=action.due_date))
    if action.status == "done":
        parts.append(t(lang, "render-matrix-done"))
    elif action.status == "blocked":
        parts.append(t(lang, "render-matrix-blocked"))
    if action.discuss:
        parts.insert(0, t(lang, "discuss-flag"))
    return " · ".join(parts)


def _discuss_badges(c: Canvas, actions: Sequence[ActionView], lang: str) -> None:
    """A team estimate far apart: a "⚠ discuss" tag at the marker's upper left."""
    for p in spread_ties(actions):
        if p.action.discuss:
            size = SMALL_SIZE if p.alone else SMALL_SIZE * 0.8
            label = t(lang, "discuss-flag") if p.alone else "⚠"
            x, y = p.x - p.diameter * 0.45, p.y - p.diameter * 0.45
            w = text_width(label, size, bold=True) + 8
            c.ax.add_artist(Rectangle((x - w, y - line_height(size)), w, line_height(size),
                                      facecolor=VERMILLION, edgecolor="white", linewidth=1,
                                      zorder=9))
            c.text(x - w / 2, y - line_height(size), label, size, colour="white", bold=True,
                   ha="center")


def _panel(c: Canvas, actions: Sequence[ActionView], lang: str) -> None:
    """The plan beside the plot, grouped by quadrant, cut with "+N more" when it is full."""
    x, y = PANEL_X, float(TOP)
    bottom = HEIGHT - MARGIN
    c.text(x, y, t(lang, "render-matrix-plan"), HEADING_SIZE, bold=True)
    y += line_height(HEADING_SIZE) + 8
    if not actions:
        c.text(x, y, t(lang, "render-matrix-no-actions"), BODY_SIZE, colour=MUTED, italic=True)
        return
    number_w = 34
    text_w = (PANEL_W - number_w) / PX_PER_PT
    body, small = line_height(BODY_SIZE), line_height(SMALL_SIZE)
    by_quadrant: dict[Quadrant, list[ActionView]] = defaultdict(list)
    for a in actions:
        by_quadrant[_quadrant(a)].append(a)
    shown = 0
    for q in (q for q in ORDER if by_quadrant.get(q)):
        group = by_quadrant[q]
        note = (fit(t(lang, "render-matrix-unrated-note"), PANEL_W / PX_PER_PT, SMALL_SIZE, 2)
                if q is Quadrant.UNRATED else [])
        heading_h = 6 + body + len(note) * small
        # A heading is only worth drawing with at least its first action under it.
        if y + heading_h + body + small + body > bottom:
            break
        fill, ink = COLOURS[q]
        y += 6
        c.rect(x, y + 3, 5, body - 6, fill)
        c.text(x + 12, y, f"{t(lang, f'quadrant-{q.value}')} ({len(group)})", BODY_SIZE,
               colour=ink, bold=True)
        y += body
        c.lines(x, y, note, SMALL_SIZE, colour=MUTED, italic=True)
        y += len(note) * small
        for a in group:
            # Titles and their details wrap in the panel's width: none is cut (issue #14).
            title = ("✓ " if a.status == "done" else "") + (clean(clip_text(a.title)) or "…")
            lines = fit(title, text_w, BODY_SIZE, PANEL_TITLE_LINES)
            meta = fit(_meta(a, lang), text_w, SMALL_SIZE, 2)
            need = len(lines) * body + len(meta) * small + 4
            # Keep a line free for "+N more" unless this is the very last action.
            reserve = body if shown < len(actions) - 1 else 0
            if y + need + reserve > bottom:
                break
            colour = MUTED if a.status == "done" else INK
            c.text(x, y, f"{a.number}.", BODY_SIZE, colour=colour, bold=True)
            c.lines(x + number_w, y, lines, BODY_SIZE, colour=colour)
            y += len(lines) * body
            c.lines(x + number_w, y, meta, SMALL_SIZE, colour=MUTED)
            y += len(meta) * small + 4
            shown += 1
        if shown < sum(len(by_quadrant[o]) for o in ORDER[: ORDER.index(q) + 1]):
            break
    if shown < len(actions):
        c.text(x, y + 4, t(lang, "render-more", count=len(actions) - shown), BODY_SIZE,
               colour=MUTED, bold=True)


def render(snapshot: WorkshopSnapshot, lang: str, fmt: str = "png") -> bytes:
    """The action priority matrix of snapshot as a PNG, texts in lang (fmt "svg": SVG; "pdf": a
    vector PDF page)."""
    c = Canvas(WIDTH, HEIGHT, selectable=fmt == "pdf")
    _title(c, snapshot, lang)
    _plot_frame(c, lang)
    actions = snapshot.actions
    # The plan's first MAX_POINTS rated actions: more markers only shrink them to dots.
    rated = [a for a in actions if _quadrant(a) is not Quadrant.UNRATED][:MAX_POINTS]
    if rated:
        _points(c, rated, lang)
        _discuss_badges(c, rated, lang)
    else:
        message = t(lang, "render-matrix-no-actions") if not actions else t(
            lang, "render-matrix-unrated-note")
        mid_x, mid_y = PLOT_X + PLOT_W / 2, TOP + PLOT_H / 2
        lines = fit(message, (PLOT_W - 200) / PX_PER_PT, HEADING_SIZE, 3)
        box_w = max(text_width(line, HEADING_SIZE) for line in lines) + 56
        box_h = len(lines) * line_height(HEADING_SIZE) + 32
        # Above the split lines, below the text.
        c.ax.add_artist(Rectangle((mid_x - box_w / 2, mid_y - box_h / 2), box_w, box_h,
                                  facecolor="white", edgecolor=FAINT, linewidth=1, zorder=9))
        c.lines(mid_x, mid_y, lines, HEADING_SIZE, colour=MUTED, ha="center", va="center")
    _panel(c, actions, lang)
    return c.pdf() if fmt == "pdf" else c.png(fmt)
