"""Step 8, changes: a line is an action (see action_lines.py), shown as a prioritised plan.

Its follow-up questions ask for what an action line left out.
"""

from __future__ import annotations

from cjworkflow.i18n import t
from cjworkflow.i18n.fmt import clip, due
from cjworkflow.steps.base import Step
from cjworkflow.steps.priority import ICONS, quadrant
from cjworkflow.storage.models import Action

QUESTIONS = frozenset({"action_impact", "action_effort", "action_owner", "action_due",
                       "action_blocked_reason"})


def action_line(a: Action, names: dict[int, str], lang: str) -> str:
    """An action as a plan line: icon, title, owner, deadline, scores."""
    q = quadrant(a.impact, a.effort)
    owner = names.get(a.owner_id or -1, t(lang, "card-no-owner"))
    scores = t(lang, "card-scores", impact=a.impact or "?", effort=a.effort or "?")
    status = "" if a.status == "open" else f" [{t(lang, f'status-{a.status}')}]"
    flag = f" · {t(lang, 'discuss-flag')}" if a.discuss else ""  # a team estimate's spread
    return (f"{ICONS[q]} {clip(a.title, 200)} — {owner} — "
            f"{due(a.due_date, a.due_time, lang)} ({scores}){status}{flag}")


STEP = Step(8, "changes", (), "action", collects_actions=True, questions=QUESTIONS)
