"""Text exports of a workshop snapshot: CSV action plan, Markdown summary, JSON."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from datetime import date, datetime, time
from typing import Any

from cjworkflow.i18n import t
from cjworkflow.i18n.fmt import due
from cjworkflow.outputs import customer_voice
from cjworkflow.safety.text import cell_text, markdown_text, owner_label
from cjworkflow.snapshot import WorkshopSnapshot

CSV_FIELDS = ("number", "quadrant", "title", "impact", "effort", "owner", "due_date", "due_time",
              "status", "stage")


def actions_csv(snap: WorkshopSnapshot, lang: str) -> bytes:
    """The prioritised action plan as CSV (UTF-8 with BOM so Excel reads accents)."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow([t(lang, f"export-col-{f}") for f in CSV_FIELDS])
    for a in snap.actions:
        # Text from members never starts a cell with = + - @ tab or CR: no formula in Excel.
        writer.writerow([
            a.number, t(lang, f"quadrant-{a.quadrant}"), cell_text(a.title), a.impact or "",
            a.effort or "", owner_label(a.owner, a.owner_name),
            a.due_date.isoformat() if a.due_date else "",
            a.due_time.strftime("%H:%M") if a.due_time else "", t(lang, f"status-{a.status}"),
            cell_text(a.stage),
        ])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


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
        out.append(f"## {st.position + 1}. {_md(st.label)}")
        if st.mean is not None:
            out.append(t(lang, "card-emotion", mean=f"{st.mean:.1f}", count=len(st.scores)))
        for label_key, values in (("step-touchpoints-title", [x for x, _ in st.touchpoints]),
                                  ("card-kind-user_action", st.user_actions),
                                  ("card-kind-pain", st.pains),
                                  ("card-kind-solution", st.solutions),
                                  ("card-kind-moment", st.moments),
                                  ("step-walkthrough-title", st.observations)):
            for v in values:
                out.append(f"- {t(lang, label_key).rstrip(':')}: {_md(v)}")
        out.append("")
    if snap.resources_have or snap.resources_need:
        out.append(f"## {t(lang, 'step-resources-title')}")
        out += [f"- {t(lang, 'card-have')} {_md(r)}" for r in snap.resources_have]
        out += [f"- {t(lang, 'card-need')} {_md(r)}" for r in snap.resources_need]
        out.append("")
    out += customer_voice.markdown_lines(snap, lang)
    out.append(f"## {t(lang, 'export-plan')}")
    if snap.actions:
        cols = [t(lang, f"export-col-{f}") for f in ("number", "quadrant", "title", "owner",
                                                       "due_date", "status")]
        out += ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
        for a in snap.actions:
            out.append(f"| {a.number} | {t(lang, f'quadrant-{a.quadrant}')} | {_md(a.title)} | "
                       f"{_md(a.owner or '')} | {due(a.due_date, a.due_time, lang)} | "
                       f"{t(lang, f'status-{a.status}')} |")
    else:
        out.append("—")
    return ("\n".join(out) + "\n").encode("utf-8")
