"""Text exports of a workshop snapshot: CSV action plan, Markdown summary, JSON."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from datetime import date, datetime, time
from typing import Any

from babel.numbers import format_decimal

from cjworkflow.i18n import t
from cjworkflow.i18n.fmt import due, named_words
from cjworkflow.outputs import customer_voice
from cjworkflow.safety.text import cell_text, markdown_text, owner_label
from cjworkflow.snapshot import ActionView, StageView, WorkshopSnapshot

CSV_FIELDS = ("number", "quadrant", "title", "impact", "effort", "owner", "due_date", "due_time",
              "status", "stage", "goal")


def actions_csv(snap: WorkshopSnapshot, lang: str) -> bytes:
    """The prioritised action plan as CSV (UTF-8 with BOM so Excel reads accents)."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow([t(lang, f"export-col-{f}") for f in CSV_FIELDS])
    for a in snap.actions:
        # Text from members never starts a cell with = + - @ tab or CR: no formula in Excel.
        writer.writerow([
            a.number, quadrant_label(a, lang), cell_text(a.title), a.impact or "",
            a.effort or "", owner_label(a.owner, a.owner_name),
            a.due_date.isoformat() if a.due_date else "",
            a.due_time.strftime("%H:%M") if a.due_time else "", t(lang, f"status-{a.status}"),
            cell_text(a.stage), cell_text(goal_label(a)),
        ])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def quadrant_label(a: ActionView, lang: str) -> str:
    """The action's quadrant, with "⚠ discuss" when a team estimate was far apart (#16)."""
    flag = f" · {t(lang, 'discuss-flag')}" if a.discuss else ""
    return t(lang, f"quadrant-{a.quadrant}") + flag


def goal_label(a: ActionView) -> str:
    """"2. Sneller leveren" for an action serving goal 2; "" without one."""
    return f"{a.goal_number}. {a.goal}" if a.goal and a.goal_number else ""


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def workshop_json(snap: WorkshopSnapshot) -> bytes:
    """The snapshot as JSON (version 1): a readable summary; transfer.py writes importable files."""
    data = {"format": "cjbot-workshop", "version": 1, "workshop": dataclasses.asdict(snap),
            "emotion_per_stage": customer_voice.json_rows(snap)}
    return json.dumps(data, ensure_ascii=False, indent=2, default=_json_default).encode("utf-8")


def _md(text: str) -> str:
    """Member text as Markdown that shows as text: no HTML, links, images or table breaks."""
    return markdown_text(text)


def _decimal(value: float, lang: str) -> str:
    """2.5 as people in lang write it: "2,5" in Dutch."""
    return format_decimal(value, format="0.0", locale=lang)


def _md_emotion(st: StageView, lang: str) -> str | None:
    """"Emotie: gemiddeld 2,5 over 3 scores · ideaal 4,0 · Genoemd: onrustig ×2"."""
    parts = []
    if st.mean is not None:
        parts.append(t(lang, "card-emotion", mean=_decimal(st.mean, lang), count=len(st.scores)))
    if st.ideal is not None:
        parts.append(t(lang, "pdf-emotion-ideal", value=st.ideal))
    named = named_words(st.named_emotions())
    if named:
        parts.append(t(lang, "card-emotion-words", words=_md(named)))
    parts += [t(lang, "card-persona-emotion", persona=_md(name), mean=_decimal(mean, lang))
              for name, mean in st.persona_means()]
    return " · ".join(parts) or None


def _md_stage(st: StageView, snap: WorkshopSnapshot, lang: str) -> list[str]:
    """A stage's section: its scenario, emotion, then each lane once with its items."""
    out = [f"## {st.position + 1}. {_md(st.label)}"]
    out += [f"*{t(lang, 'export-scenario')}:* {_md(x)}" for x in st.scenarios]
    emotion = _md_emotion(st, lang)
    if emotion:
        out.append(emotion)
    touchpoints = [_md(x) + (f" ({_md(c)})" if c else "") for x, c in st.touchpoints]
    improvements = [f"#{a.number} {_md(a.title)}" for a in snap.actions
                    if a.stage_position == st.position]
    for label_key, values in (("render-lane-touchpoints", touchpoints),
                              ("render-lane-actions", [_md(x) for x in st.user_actions]),
                              ("render-lane-thoughts", [_md(x) for x in st.thoughts]),
                              ("render-lane-pains", [_md(x) for x in st.pains]),
                              ("render-lane-solutions", [_md(x) for x in st.solutions]),
                              ("render-lane-moments", [_md(x) for x in st.moments]),
                              ("render-lane-observations", [_md(x) for x in st.observations]),
                              ("render-lane-improvements", improvements)):
        if values:
            out += ["", f"**{t(lang, label_key)}**", *[f"- {v}" for v in values]]
    out.append("")
    return out


def markdown(snap: WorkshopSnapshot, lang: str) -> bytes:
    """A readable summary: goals, personas, the stages and the action plan."""
    out = [f"# {_md(snap.title)}", ""]
    if snap.goals:
        out += [f"## {t(lang, 'step-goals-title')}", *[f"- {_md(g)}" for g in snap.goals], ""]
    if snap.personas:
        out.append(f"## {t(lang, 'step-personas-title')}")
        for p in snap.personas:
            star = " ⭐" if p.is_target else ""
            extra = f": {_md(p.description)}" if p.description else ""
            goal = f" — {t(lang, 'card-persona-goal', goal=_md(p.goal))}" if p.goal else ""
            out.append(f"- **{_md(p.name)}**{star}{extra}{goal}")
        out.append("")
    for st in snap.stages:
        out += _md_stage(st, snap, lang)
    if snap.resources_have or snap.resources_need:
        out.append(f"## {t(lang, 'step-resources-title')}")
        out += [f"- {t(lang, 'card-have')} {_md(r)}" for r in snap.resources_have]
        out += [f"- {t(lang, 'card-need')} {_md(r)}" for r in snap.resources_need]
        out.append("")
    out += customer_voice.markdown_lines(snap, lang)
    out.append(f"## {t(lang, 'export-plan')}")
    if snap.actions:
        cols = [t(lang, f"export-col-{f}") for f in ("number", "quadrant", "title", "owner",
                                                       "due_date", "status", "stage", "goal")]
        out += ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
        for a in snap.actions:
            # The numbers are ours: only the members' text is escaped ("4\." would show).
            stage = (f"{a.stage_position + 1}. {_md(a.stage or '')}"
                     if a.stage_position is not None else "")
            goal = f"{a.goal_number}. {_md(a.goal)}" if a.goal and a.goal_number else ""
            out.append(f"| {a.number} | {quadrant_label(a, lang)} | {_md(a.title)} | "
                       f"{_md(a.owner or '')} | {due(a.due_date, a.due_time, lang)} | "
                       f"{t(lang, f'status-{a.status}')} | {stage} | {goal} |")
    else:
        out.append("—")
    return ("\n".join(out) + "\n").encode("utf-8")
