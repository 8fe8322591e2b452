"""Context on the cards: what earlier steps found, shown where the team needs it.

The touchpoints step lists its lines grouped by stage; a staged step shows the focused
stage's touchpoints; the action step shows the goals, the walkthrough's problems, ideas not
yet in the plan and needed resources, each with a button that makes it an action (pressed:
flow.handlers_method.press_to_action).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlmodel import Session

from cjworkflow.flow import buttons
from cjworkflow.i18n import t
from cjworkflow.i18n.fmt import clip
from cjworkflow.messages import Button
from cjworkflow.steps.base import Step
from cjworkflow.storage import store
from cjworkflow.storage.models import Action, Entry, EntryKind, Stage, Workshop

# The action step's context: catalog key of its heading, and which entries it lists.
SOURCES: tuple[tuple[str, EntryKind], ...] = (
    ("context-goals", EntryKind.GOAL),
    ("context-problems", EntryKind.OBSERVATION),
    ("context-problems", EntryKind.PAIN),
    ("context-ideas", EntryKind.SOLUTION),
    ("context-needs", EntryKind.RESOURCE),
)
KINDS = frozenset(kind for _, kind in SOURCES)
MAX_BUTTONS = 12  # the newest; Telegram shows a long keyboard badly
MAX_PER_HEADING = 8


def grouped(lines: Sequence[tuple[int, Entry | Action, str]], stages: Sequence[Stage],
            lang: str) -> list[str]:
    """Numbered card lines under the stage they belong to (numbers stay /remove's)."""
    by_stage: dict[int | None, list[str]] = defaultdict(list)
    for number, obj, text in lines:
        key = obj.stage_id if isinstance(obj, Entry) else None
        by_stage[key].append(f"{number}. {text}")
    out: list[str] = []
    for s in stages:
        if by_stage.get(s.id):
            out += [f"▸ {s.label}", *by_stage[s.id]]
    rest = [line for key, found in by_stage.items()
            if key not in {s.id for s in stages} for line in found]
    if rest:
        out += [t(lang, "context-no-stage"), *rest]
    return out


def stage_touchpoints(session: Session, ws: Workshop, st: Step, focus: Stage,
                      lang: str) -> list[str]:
    """The focused stage's touchpoints, on a staged step that does not collect them."""
    if EntryKind.TOUCHPOINT in st.kinds:
        return []
    found = [clip(e.text, 40) + (f" ({clip(e.channel, 20)})" if e.channel else "")
             for e in store.entries(session=session, workshop_id=ws.id or 0,
                                    kinds=[EntryKind.TOUCHPOINT])
             if e.stage_id == focus.id]
    return [t(lang, "context-touchpoints", list=" · ".join(found[:8]))] if found else []


def _open(session: Session, wid: int) -> list[Entry]:
    """The context entries not yet made into an action (matched by title)."""
    titles = {" ".join(a.title.split()).casefold()
              for a in store.actions(session=session, workshop_id=wid)}
    rows = store.entries(session=session, workshop_id=wid, kinds=list(KINDS))
    return [e for e in rows if " ".join(e.text.split()).casefold() not in titles
            and not (e.kind == EntryKind.RESOURCE and e.have)]


def action_context(session: Session, ws: Workshop, lang: str
                   ) -> tuple[list[str], list[list[Button]]]:
    """The action step's context lines and its make-an-action buttons."""
    wid = ws.id or 0
    rows = _open(session, wid)
    lines: list[str] = []
    heads: dict[str, list[str]] = defaultdict(list)
    for key, kind in SOURCES:
        heads[key] += [clip(e.text, 80) for e in rows if e.kind == kind]
    for key, found in heads.items():
        if found:
            more = len(found) - MAX_PER_HEADING
            shown = found[:MAX_PER_HEADING] + ([t(lang, "context-more", count=more)]
                                               if more > 0 else [])
            lines.append(t(lang, key) + "\n" + "\n".join(f"  • {f}" for f in shown))
    chosen = rows[-MAX_BUTTONS:]
    keys = [buttons.make("➕ " + clip(e.text, 28), "ta", wid, e.id or 0) for e in chosen]
    return lines, [keys[i:i + 2] for i in range(0, len(keys), 2)]
