"""The journey map's header: what it is, the workshop's title and its target personas."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cjworkflow.i18n import t
from cjworkflow.outputs.render.bounds import MAX_STAGES, clip_text
from cjworkflow.outputs.render.canvas import (
    MUTED,
    ORANGE,
    PX_PER_PT,
    VERMILLION,
    Canvas,
    line_height,
    tint,
)
from cjworkflow.outputs.render.map_layout import (
    BODY_SIZE,
    GAP,
    HEADING_SIZE,
    KICKER_SIZE,
    MARGIN,
    MAX_PERSONAS,
    PAD,
    SMALL_SIZE,
    TITLE_SIZE,
)
from cjworkflow.outputs.render.text import clean, ellipsize, fit
from cjworkflow.snapshot import PersonaView, WorkshopSnapshot


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
        goal = clean(clip_text(p.goal))
        cards.append(Card(
            name=ellipsize(clean(clip_text(p.name)) or "?", text_w, HEADING_SIZE, bold=True),
            about=fit(clean(clip_text(p.description)), text_w, SMALL_SIZE, 1),
            goal=fit(t(lang, "render-map-persona-goal", goal=goal), text_w, BODY_SIZE, 3)
            if goal else [],
        ))
    body = max(
        (len(c.about) * line_height(SMALL_SIZE) + len(c.goal) * line_height(BODY_SIZE)
         for c in cards),
        default=0.0,
    )
    return cards, 2 * PAD + line_height(HEADING_SIZE) + body


def header(c: Canvas | None, snapshot: WorkshopSnapshot, lang: str, width_px: int) -> float:
    """Draw the header (when c is given) and return its height."""
    inner_w = width_px - 2 * MARGIN
    y: float = MARGIN
    if c:
        c.text(MARGIN, y, t(lang, "render-map-kicker").upper(), KICKER_SIZE, colour=MUTED,
               bold=True)
        hidden = len(snapshot.stages) - MAX_STAGES
        if hidden > 0:
            # Beyond MAX_STAGES columns the map would outgrow a photo: say what is left out.
            c.text(width_px - MARGIN, y, t(lang, "render-map-more-stages", count=hidden),
                   KICKER_SIZE, colour=VERMILLION, bold=True, ha="right")
    y += line_height(KICKER_SIZE)
    title = clean(clip_text(snapshot.title)) or t(lang, "render-map-untitled")
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
