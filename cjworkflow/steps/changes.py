"""Step 8, changes: a line is an action (see action_lines.py), shown as a prioritised plan.

Its follow-up questions ask for what an action line left out.
"""

from __future__ import annotations

from collections.abc import Mapping

from cjworkflow.i18n import t
from cjworkflow.i18n.fmt import clip, due
from cjworkflow.steps.base import Step
from cjworkflow.steps.priority import ICONS, quadrant
from cjworkflow.storage.models import Action, Stage

QUESTIONS = frozenset({"action_impact", "action_effort", "action_owner", "action_due",
                       "action_blocked_reason"})


def action_line(a: Action, names: dict[int, str], lang: str,
                stages: Mapping[int, Stage] | None = None,
                goals: Mapping[int, int] | None = None) -> str:
    """An action as a plan line: icon, title, owner, deadline, scores, its stage and goal
    (goals: a goal entry's id -> its number)."""
    q = quadrant(a.impact, a.effort)
    owner = names.get(a.owner_id or -1, t(lang, "card-no-owner"))
    scores = t(lang, "card-scores", impact=a.impact or "?", effort=a.effort or "?")
    status = "" if a.status == "open" else f" [{t(lang, f'status-{a.status}')}]"
    flag = f" · {t(lang, 'discuss-flag')}" if a.discuss else ""  # a team estimate's spread
    stage = (stages or {}).get(a.stage_id or 0)
    where = (" · " + t(lang, "action-stage", number=stage.position + 1,
                       label=clip(stage.label, 40))) if stage is not None else ""
    number = (goals or {}).get(a.goal_id or 0)
    where += (" · " + t(lang, "action-goal-number", number=number)) if number else ""
    return (f"{ICONS[q]} {clip(a.title, 200)} — {owner} — "
            f"{due(a.due_date, a.due_time, lang)} ({scores}){status}{where}{flag}")


STEP = Step(8, "changes", (), "action", collects_actions=True, questions=QUESTIONS)
