"""Earlier rounds on the journey map: their team and customer curves, faint, behind this
round's, and the actions done since (mapping is continuous: the ideal is a hypothesis that
the next round checks)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from cjworkflow.i18n import t
from cjworkflow.outputs.render.canvas import BLUE, MUTED, PURPLE, Canvas, text_width, tint
from cjworkflow.outputs.render.customer_curve import scale
from cjworkflow.outputs.render.map_layout import SMALL_SIZE, Layout
from cjworkflow.snapshot import StageView, WorkshopSnapshot
from cjworkflow.voice.view import RoundView

__all__ = ["SHOWN", "draw", "legend"]

SHOWN = 2  # earlier rounds drawn at most (the latest ones): more would blur the lane
STYLES = ((0, (6, 3)), (0, (2, 2)))  # dashes of the latest and the one before


def shown(snapshot: WorkshopSnapshot) -> list[RoundView]:
    """The earlier rounds the map draws, latest first."""
    return list(reversed(snapshot.rounds[-SHOWN:]))


def draw(c: Canvas, snapshot: WorkshopSnapshot, stages: Sequence[StageView], lay: Layout,
         y: float) -> None:
    """Draw the earlier rounds' curves in the emotion lane that starts at y."""
    bottom, step = scale(y)
    xs = [lay.centre(i) for i in range(len(stages))]
    for k, past in enumerate(shown(snapshot)):
        fade = 0.45 + 0.2 * k
        for colour, value in ((BLUE, "team"), (PURPLE, "customers")):
            ys = [math.nan if (r := past.at(s.position)) is None or getattr(r, value) is None
                  else bottom - (getattr(r, value) - 1) * step for s in stages]
            if all(math.isnan(v) for v in ys):
                continue
            c.ax.plot(xs, ys, color=tint(colour, fade), linewidth=1.8, linestyle=STYLES[k],
                      marker="o", markersize=4, zorder=2)


def legend(c: Canvas, snapshot: WorkshopSnapshot, lang: str, x: float, mid: float,
           right: float) -> None:
    """The earlier rounds' legend entries from x, then what was done since the last one."""
    rounds = shown(snapshot)
    for k, past in enumerate(rounds):
        c.ax.plot([x, x + 30], [mid, mid], color=tint(BLUE, 0.45 + 0.2 * k), linewidth=1.8,
                  linestyle=STYLES[k])
        x += 40 + c.text(x + 40, mid, t(lang, "render-legend-round", number=past.number),
                         SMALL_SIZE, va="center") + 24
    if not rounds or not rounds[0].done:
        return
    room = right - x
    text = t(lang, "render-rounds-done", number=rounds[0].number,
             actions=", ".join(rounds[0].done))
    while text and text_width(text, SMALL_SIZE) > room:
        text = text[: max(0, len(text) - 8)]
        text = text.rstrip(", ") + "…" if text else ""
    if text:
        c.text(x, mid, text, SMALL_SIZE, colour=MUTED, va="center")
