"""The customers' curve on the journey map: their mean per stage (with n) beside the team's,
and a flag where team and customers are a point or more apart."""

from __future__ import annotations

import math
from collections.abc import Sequence

from matplotlib.patches import Rectangle

from cjworkflow.i18n import t
from cjworkflow.outputs.render.canvas import PURPLE, VERMILLION, Canvas, text_width
from cjworkflow.outputs.render.map_layout import (
    EMOTION_BOTTOM,
    EMOTION_H,
    EMOTION_TOP,
    GAP,
    SMALL_SIZE,
    Layout,
)
from cjworkflow.snapshot import StageView
from cjworkflow.voice.view import CustomerVoice, differs

__all__ = ["draw", "legend", "scale"]


def scale(y: float) -> tuple[float, float]:
    """The emotion lane's (y of score 1, px per point), as the lane itself draws them."""
    top, bottom = y + EMOTION_TOP, y + EMOTION_H - GAP - EMOTION_BOTTOM
    return bottom, (bottom - top) / 4


def draw(c: Canvas, voice: CustomerVoice | None, stages: Sequence[StageView], lay: Layout,
         lang: str, y: float) -> None:
    """Draw the customers' curve in the emotion lane that starts at y (nothing without one)."""
    if voice is None:
        return
    bottom, step = scale(y)

    def sy(score: float) -> float:
        return bottom - (score - 1) * step

    xs = [lay.centre(i) for i in range(len(stages))]
    means = [v.mean if (v := voice.at(s.position)) is not None else None for s in stages]
    if not any(m is not None for m in means):
        return
    c.ax.plot(xs, [sy(m) if m is not None else math.nan for m in means], color=PURPLE,
              linewidth=2.6, linestyle=(0, (1, 1.6)), zorder=4)
    for x, stage, mean in zip(xs, stages, means, strict=True):
        if mean is None:
            continue
        n = v.n if (v := voice.at(stage.position)) is not None else 0
        c.ax.plot([x], [sy(mean)], marker="s", markersize=9, color=PURPLE,
                  markeredgecolor="white", markeredgewidth=1.5, zorder=6)
        label = t(lang, "render-customers-score", value=mean, n=n)
        w = text_width(label, SMALL_SIZE, True)
        # Left of the point: the team's number sits to its right.
        c.ax.add_artist(Rectangle((x - 16 - w - 3, sy(mean) - 9), w + 6, 18, facecolor="white",
                                  alpha=0.85, linewidth=0, zorder=7))
        c.text(x - 16, sy(mean), label, SMALL_SIZE, colour=PURPLE, bold=True, ha="right",
               va="center")
        if differs(stage.mean, mean):
            c.text(x, y + 8, "⚠ " + t(lang, "render-customers-differ"), SMALL_SIZE,
                   colour=VERMILLION, bold=True, ha="center")


def legend(c: Canvas, voice: CustomerVoice | None, stages: Sequence[StageView], lang: str,
           x: float, mid: float) -> float:
    """The legend's entries for the customers' curve from x; the x after them."""
    if voice is None or not any(v.scores for v in voice.stages):
        return x
    c.ax.plot([x, x + 30], [mid, mid], color=PURPLE, linestyle=(0, (1, 1.6)), linewidth=2.6)
    c.ax.plot([x + 15], [mid], marker="s", markersize=8, color=PURPLE, markeredgecolor="white")
    x += 40 + c.text(x + 40, mid, t(lang, "render-legend-customers"), SMALL_SIZE, va="center")
    x += 34
    if any(differs(s.mean, v.mean) for s in stages if (v := voice.at(s.position)) is not None):
        x += c.text(x, mid, "⚠ " + t(lang, "render-legend-differ"), SMALL_SIZE,
                    colour=VERMILLION, bold=True, va="center") + 34
    return x
