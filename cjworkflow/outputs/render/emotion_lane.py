"""The journey map's emotion lane: the team's curve, its spread, the ideal, moments of
truth and named emotions, and the legend for what it draws."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence

from matplotlib.patches import Rectangle

from cjworkflow.i18n import t
from cjworkflow.i18n.fmt import named_words
from cjworkflow.outputs.render import customer_curve, round_curves
from cjworkflow.outputs.render.bounds import clip_text
from cjworkflow.outputs.render.canvas import (
    BLUE,
    GREEN,
    INK,
    MUTED,
    ORANGE,
    PX_PER_PT,
    SKY,
    VERMILLION,
    Canvas,
    text_width,
    tint,
)
from cjworkflow.outputs.render.map_layout import (
    BODY_SIZE,
    EMOTION_BOTTOM,
    EMOTION_H,
    EMOTION_TOP,
    GAP,
    LABEL_W,
    LEGEND_H,
    MARGIN,
    PAD,
    SMALL_SIZE,
    SPLIT_SPREAD,
    Layout,
    lane_label,
)
from cjworkflow.outputs.render.text import clean, fit
from cjworkflow.snapshot import StageView, WorkshopSnapshot

# How far left of a stage's score its moment-of-truth star sits (clear of the spread's caps).
STAR_OFFSET = 30


def star(c: Canvas, x: float, y: float, size: float) -> None:
    """A moment-of-truth star centred on (x, y)."""
    c.ax.plot([x], [y], marker="*", markersize=size, color=ORANGE, markeredgecolor=INK,
              markeredgewidth=1.2, zorder=5)


def emotion_words(c: Canvas, stage: StageView, x: float, y: float, lay: Layout,
                   colour: str) -> None:
    """The emotions members named beside their scores, most named first, by the score:
    below it (above when the score sits low), wrapped to what is left of the column."""
    words = clean(named_words(stage.named_emotions(2), 24))
    if not words:
        return
    width = (lay.col_w - GAP - (x - lay.col_x(0)) % lay.col_w - PAD) / PX_PER_PT
    lines = fit(words, max(width, 40.0), SMALL_SIZE, 2)
    below = (stage.mean or 3) >= 2
    c.lines(x, y + (12 if below else -12), lines, SMALL_SIZE, colour=colour, italic=True,
            va="top" if below else "bottom")


def emotion_lane(c: Canvas, stages: Sequence[StageView], lay: Layout, lang: str,
                  y: float) -> float:
    """Draw the emotion curve lane and return its height."""
    h = EMOTION_H
    lane_label(c, "emotion", INK, y, h, lang)
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
    ideal = [(x, sy(s.ideal)) for x, s in zip(xs, stages, strict=True) if s.ideal is not None]
    if ideal:
        # One line through the stages that have an ideal (no gap where one lacks it), drawn
        # over the spread bars so that no marker hides under one.
        ax.plot([x for x, _ in ideal], [y for _, y in ideal], color=GREEN,
                linestyle=(0, (5, 4)), linewidth=2.4, marker="D", markersize=7,
                markerfacecolor="white", markeredgewidth=2, zorder=5)
    ax.plot(xs, [sy(m) if (m := s.mean) is not None else math.nan for s in stages], color=BLUE,
            linewidth=3, zorder=4)
    for name, colour in persona_colours(stages).items():
        points = [(x, sy(statistics.fmean(scores))) for x, s in zip(xs, stages, strict=True)
                  for persona, scores in s.persona_scores if persona == name and scores]
        ax.plot([x for x, _ in points], [y for _, y in points], color=colour, linewidth=2.2,
                linestyle=(0, (1, 2.5)), marker="o", markersize=7, markerfacecolor=colour,
                markeredgecolor="white", zorder=5, dash_capstyle="round")

    for x, stage in zip(xs, stages, strict=True):
        mean = stage.mean
        if mean is None:
            c.text(x, (top + bottom) / 2, t(lang, "render-emotion-none"), SMALL_SIZE,
                   colour=MUTED, italic=True, ha="center", va="center")
            if stage.moments:
                star(c, x, top - 18, 24)
            continue
        split = stage.spread >= SPLIT_SPREAD
        colour = VERMILLION if split else BLUE
        if stage.spread > 0:
            lo, hi = max(1.0, mean - stage.spread), min(5.0, mean + stage.spread)
            thick = 3.2 if split else 2.0
            ax.vlines(x, sy(hi), sy(lo), colors=colour, linewidth=thick, zorder=4)
            ax.hlines([sy(hi), sy(lo)], x - 9, x + 9, colors=colour, linewidth=thick, zorder=4)
        if stage.moments:
            # Beside the point, left of the spread bar: never on it.
            star(c, x - STAR_OFFSET, sy(mean), 26)
        ax.plot([x], [sy(mean)], marker="o", markersize=10, color=colour,
                markeredgecolor="white", markeredgewidth=1.5, zorder=6)
        label = t(lang, "render-score", value=mean)
        lx = x + 18
        # A white tab keeps the number legible where the curve runs through it.
        ax.add_artist(Rectangle((lx - 3, sy(mean) - 10), text_width(label, BODY_SIZE, True) + 6,
                                20, facecolor="white", alpha=0.85, linewidth=0, zorder=7))
        c.text(lx, sy(mean), label, BODY_SIZE, colour=colour, bold=True, va="center")
        emotion_words(c, stage, lx, sy(mean), lay, colour)
        if split:
            c.text(x, bottom + 18, t(lang, "render-emotion-split", spread=stage.spread),
                   SMALL_SIZE, colour=VERMILLION, bold=True, ha="center")
    return h


# The legend's second row, when the first is full (LEGEND_H holds two).
LEGEND_ROW = 26
# One curve per target persona (issue #14), in colours the team's curve and stars leave free.
PERSONA_COLOURS = (SKY, "#8A5F00", VERMILLION, "#444444")  # purple: the customers' curve


def persona_colours(stages: Sequence[StageView]) -> dict[str, str]:
    """The personas with scores of their own, in order, each with its curve's colour."""
    names = dict.fromkeys(name for s in stages for name, scores in s.persona_scores if scores)
    return dict(zip(list(names)[:len(PERSONA_COLOURS)], PERSONA_COLOURS, strict=False))


def legend_kinds(stages: Sequence[StageView]) -> list[str]:
    """What the emotion lane draws, in the legend's order: only those get a legend entry."""
    scored = [s for s in stages if s.mean is not None]
    drawn = {
        "current": bool(scored),
        "spread": any(0 < s.spread < SPLIT_SPREAD for s in scored),
        "ideal": any(s.ideal is not None for s in stages),
        "moment": any(s.moments for s in stages),
        "split": any(s.spread >= SPLIT_SPREAD for s in scored),
    }
    return [kind for kind, shown in drawn.items() if shown]


def _symbol(c: Canvas, kind: str, x: float, mid: float, colour: str) -> None:
    """A legend entry's sample of what the curve draws, 30 px wide from x."""
    ax = c.ax
    if kind == "current":
        ax.plot([x, x + 30], [mid, mid], color=BLUE, linewidth=3)
        ax.plot([x + 15], [mid], marker="o", markersize=9, color=BLUE, markeredgecolor="white")
    elif kind == "spread":
        ax.vlines(x + 15, mid - 9, mid + 9, colors=BLUE, linewidth=2)
        ax.hlines([mid - 9, mid + 9], x + 9, x + 21, colors=BLUE, linewidth=2)
    elif kind == "ideal":
        ax.plot([x, x + 30], [mid, mid], color=GREEN, linestyle=(0, (5, 4)), linewidth=2.4)
    elif kind == "moment":
        star(c, x + 15, mid, 20)
    elif kind == "split":
        ax.vlines(x + 15, mid - 9, mid + 9, colors=VERMILLION, linewidth=3.2)
    else:  # a persona's curve
        ax.plot([x, x + 30], [mid, mid], color=colour, linewidth=2.2, linestyle=(0, (1, 2.5)))
        ax.plot([x + 15], [mid], marker="o", markersize=7, color=colour, markeredgecolor="white")


def legend(c: Canvas, snapshot: WorkshopSnapshot, stages: Sequence[StageView], lang: str,
           y: float, width_px: int) -> None:
    """The curve's legend (what is drawn only; a second row when one is full) and the
    footer with the date."""
    entries = [(kind, t(lang, f"render-legend-{kind}"), INK) for kind in legend_kinds(stages)]
    entries += [("persona", t(lang, "render-legend-persona", persona=clean(clip_text(name, 40))),
                 colour) for name, colour in persona_colours(stages).items()]
    x: float = MARGIN + LABEL_W
    mid = y + 14
    for kind, label, colour in entries:
        need = 40 + text_width(label, SMALL_SIZE)
        if x + need > width_px - MARGIN and x > MARGIN + LABEL_W:
            x, mid = MARGIN + LABEL_W, mid + LEGEND_ROW
        _symbol(c, kind, x, mid, colour)
        x += 40 + c.text(x + 40, mid, label, SMALL_SIZE, va="center") + 34
    # The customers' and earlier rounds' entries get a row of their own.
    x = customer_curve.legend(c, snapshot.customers, stages, lang, MARGIN + LABEL_W,
                              mid + LEGEND_ROW)
    round_curves.legend(c, snapshot, lang, x, mid + LEGEND_ROW, width_px - MARGIN - 260)
    # The date of the map's content; the version counter is the cache's, not the reader's.
    c.text(width_px - MARGIN, y + LEGEND_H - 12,
           t(lang, "render-footer", date=snapshot.updated_at or snapshot.created_at),
           SMALL_SIZE, colour=MUTED, ha="right", va="bottom")
