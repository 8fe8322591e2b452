"""The web view's live part: the journey map and the matrix as inline SVG, the map's text and
the action plan, as one HTML fragment. A pure function of a snapshot: safe in a render worker.

Who is named on the page is decided in one place, read.public(): the anonymous mode (issue #16)
drops every name there, before anything is drawn or written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape

from cjworkflow.i18n import t
from cjworkflow.i18n.fmt import due
from cjworkflow.outputs.render import render_journey_map, render_matrix
from cjworkflow.snapshot import ActionView, StageView, WorkshopSnapshot

# The map's lanes as text, in the map's order: (catalog key, what the stage holds).
LANES: tuple[tuple[str, Callable[[StageView], tuple[str, ...]]], ...] = (
    ("render-lane-touchpoints",
     lambda s: tuple(f"{text} ({channel})" if channel else text
                     for text, channel in s.touchpoints)),
    ("render-lane-actions", lambda s: s.user_actions),
    ("render-lane-pains", lambda s: s.pains),
    ("render-lane-solutions", lambda s: s.solutions),
    ("render-lane-moments", lambda s: s.moments),
    ("render-lane-observations", lambda s: s.observations),
)

_ROOT_SVG = re.compile(r"<svg\b[^>]*>")
_SIZE_ATTR = re.compile(r'\s(?:width|height)="[^"]*"')


def inline_svg(data: bytes, prefix: str, label: str) -> str:
    """An SVG file as an element to put inside HTML: no XML prolog, ids made unique on the
    page (two drawings each have their own clip paths), and as wide as its box."""
    text = data.decode("utf-8")
    start = text.find("<svg")
    text = text[start:] if start >= 0 else ""
    # Plain replaces, not regular expressions: a big map's SVG is several MB. matplotlib
    # writes each path command on a line of its own; the lines go, the commands stay apart.
    text = text.replace("\n", "").replace(' id="', f' id="{prefix}-')
    text = text.replace("url(#", f"url(#{prefix}-").replace('href="#', f'href="#{prefix}-')

    def root(match: re.Match[str]) -> str:
        tag = _SIZE_ATTR.sub("", match.group(0))
        return (tag[:-1] + f' role="img" aria-label="{escape(label)}"'
                f' preserveAspectRatio="xMidYMin meet">')

    return _ROOT_SVG.sub(root, text, count=1)


def _stage_text(stage: StageView, lang: str) -> str:
    lanes = []
    for key, items_of in LANES:
        items = items_of(stage)
        if items:
            li = "".join(f"<li>{escape(item)}</li>" for item in items)
            lanes.append(f"<h4>{escape(t(lang, key))}</h4><ul>{li}</ul>")
    mean = stage.mean
    emotion = (t(lang, "web-emotion", mean=round(mean, 1), count=len(stage.scores))
               if mean is not None else t(lang, "render-emotion-none"))
    title = t(lang, "render-map-stage", number=stage.position + 1, label=stage.label)
    body = "".join(lanes) or f"<p class=muted>{escape(t(lang, 'web-stage-empty'))}</p>"
    return (f'<section class=stage><h3>{escape(title)}</h3>'
            f'<p class=emotion>{escape(emotion)}</p>{body}</section>')


def map_text(snap: WorkshopSnapshot, lang: str) -> str:
    """The map's content as text: goals, target personas and every stage's lanes."""
    parts = []
    if snap.goals:
        li = "".join(f"<li>{escape(g)}</li>" for g in snap.goals)
        parts.append(f"<h3>{escape(t(lang, 'web-goals'))}</h3><ul>{li}</ul>")
    personas = snap.target_personas or snap.personas
    if personas:
        li = "".join(f"<li><b>{escape(p.name)}</b>"
                     + (f" — {escape(p.description)}" if p.description else "") + "</li>"
                     for p in personas)
        parts.append(f"<h3>{escape(t(lang, 'render-map-personas'))}</h3><ul>{li}</ul>")
    parts.append('<div class=stages>' + "".join(_stage_text(s, lang) for s in snap.stages)
                 + "</div>")
    return "".join(parts)


def _plan_row(a: ActionView, lang: str) -> str:
    owner = a.owner or t(lang, "card-no-owner")
    cells = (str(a.number), a.title, a.stage or "", t(lang, f"quadrant-{a.quadrant}"),
             "" if a.impact is None else str(a.impact), "" if a.effort is None else str(a.effort),
             owner, due(a.due_date, a.due_time, lang), t(lang, f"status-{a.status}"))
    tds = "".join(f"<td>{escape(c)}</td>" for c in cells)
    return f'<tr class="status-{escape(a.status)}">{tds}</tr>'


def plan_table(snap: WorkshopSnapshot, lang: str) -> str:
    """The action plan in priority order, as a table (or a line saying there is none yet)."""
    if not snap.actions:
        return f"<p class=muted>{escape(t(lang, 'web-plan-empty'))}</p>"
    heads = "".join(f"<th>{escape(t(lang, key))}</th>" for key in (
        "web-col-number", "web-col-action", "web-col-stage", "web-col-quadrant",
        "web-col-impact", "web-col-effort", "web-col-owner", "web-col-due", "web-col-status"))
    rows = "".join(_plan_row(a, lang) for a in snap.actions)
    return f"<table class=plan><thead><tr>{heads}</tr></thead><tbody>{rows}</tbody></table>"


def fragment(snap: WorkshopSnapshot) -> str:
    """The live part of the page for snap (already made read.public()), in its language: the
    drawings are rendered here, so call it off the event loop."""
    lang = snap.language
    journey = inline_svg(render_journey_map(snap, lang, "svg"), "map",
                         t(lang, "render-map-kicker"))
    matrix = inline_svg(render_matrix(snap, lang, "svg"), "mx", t(lang, "web-matrix"))
    step = t(lang, "web-step", n=snap.current_step, version=snap.version)
    return (
        f'<p class="meta">{escape(step)}</p>'
        f'<section id=map class=sheet><h2>{escape(t(lang, "render-map-kicker"))}</h2>'
        f'<div class=drawing>{journey}</div>'
        f'<details class=map-text><summary>{escape(t(lang, "web-map-text"))}</summary>'
        f'{map_text(snap, lang)}</details></section>'
        f'<section id=matrix class=sheet><h2>{escape(t(lang, "web-matrix"))}</h2>'
        f'<div class="drawing narrow">{matrix}</div></section>'
        f'<section id=plan class=sheet><h2>{escape(t(lang, "web-plan"))}</h2>'
        f'{plan_table(snap, lang)}</section>'
    )
