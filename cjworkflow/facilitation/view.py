"""How facilitation shows: its part of the living card, and the results when a poll closes.

Nothing here names a member: a vote or an estimate shows how many took part, never who.
"""

from __future__ import annotations

import math
from datetime import datetime

from sqlmodel import Session

from cjworkflow.facilitation import polls, results
from cjworkflow.flow import buttons
from cjworkflow.i18n import t
from cjworkflow.i18n.fmt import clip
from cjworkflow.messages import Button
from cjworkflow.steps import ACTION_STEP
from cjworkflow.storage.models import Workshop
from cjworkflow.storage.models_polls import Poll, PollKind

Rows = list[list[Button]]


def card_part(session: Session, ws: Workshop, lang: str,
              now: datetime | None) -> tuple[list[str], list[str], Rows]:
    """The card's facilitation lines: (head lines, body lines, button rows)."""
    wid = ws.id or 0
    head = [t(lang, "card-anonymous")] if ws.anonymous else []
    poll = polls.open_poll(session, wid)
    if poll is not None:
        body, rows = poll_part(session, poll, lang, now)
        return head, body, rows
    if ws.current_step == ACTION_STEP.number:
        offered = results.offers(session, wid)
        if offered:
            rows = [[buttons.make(f"➕ {clip(e.text, 30)} ●{n}", "va", wid, e.id)]
                    for e, n in offered]
            return head, ["", t(lang, "vote-offer-head")], rows
    return head, [], []


def _closes(poll: Poll, lang: str, now: datetime | None) -> str:
    if poll.closes_at is None or now is None:
        return ""
    left = max(0, math.ceil((poll.closes_at - now).total_seconds() / 60))
    return " · " + t(lang, "poll-closes-in", minutes=left)


def poll_part(session: Session, poll: Poll, lang: str,
              now: datetime | None) -> tuple[list[str], Rows]:
    """An open poll on the card: what it asks, how many took part, its buttons."""
    wid, pid = poll.workshop_id, poll.id or 0
    shown = polls.items(session, poll)
    count = polls.voters(session, pid)
    rows: Rows = []
    if poll.kind == PollKind.VOTE:
        lines = ["", t(lang, "vote-card-head", subject=t(lang, f"vote-subject-{poll.subject}"),
                       dots=poll.dots, voters=count) + _closes(poll, lang, now),
                 t(lang, "vote-card-how")]
        for it in shown:
            lines.append(f"{it.position}. {clip(it.text, 120)}")
            rows.append([buttons.make(f"● {it.position}. {clip(it.text, 26)}", "vd", wid, pid,
                                      it.item_id, "+"),
                         buttons.make(t(lang, "vote-btn-back"), "vd", wid, pid, it.item_id, "-")])
    else:
        lines = ["", t(lang, "estimate-card-head", voters=count) + _closes(poll, lang, now),
                 t(lang, "estimate-card-how")]
        for it in shown:
            lines.append(f"{it.position}. {clip(it.text, 120)}")
            for field, key in (("i", "estimate-btn-impact"), ("e", "estimate-btn-effort")):
                rows.append([buttons.make(t(lang, key, n=it.position, score=v), "ve", wid, pid,
                                          it.item_id, field, v) for v in range(1, 6)])
    rows.append([buttons.make(t(lang, "poll-btn-close"), "vc", wid, pid)])
    return lines, rows


def results_text(poll: Poll, outcome: list[polls.Item] | list[polls.Estimated],
                 lang: str) -> str:
    """What a closed poll found: a vote's ranking, or each action's team estimate."""
    if poll.kind == PollKind.VOTE:
        lines = [t(lang, "vote-closed-head", subject=t(lang, f"vote-subject-{poll.subject}"))]
        ranked = [it for it in outcome if isinstance(it, polls.Item) and it.total]
        for n, it in enumerate(ranked[:15], 1):
            lines.append(f"{n}. {'●' * min(it.total, 10)} {it.total} — {clip(it.text, 150)}")
        if not ranked:
            lines.append(t(lang, "vote-closed-none"))
        return "\n".join(lines)
    lines = [t(lang, "estimate-closed-head")]
    for est in outcome:
        if not isinstance(est, polls.Estimated):
            continue
        line = t(lang, "estimate-closed-line", title=clip(est.title, 150),
                 impact=est.impact or "?", effort=est.effort or "?", count=est.count)
        lines.append(line + (" · " + t(lang, "discuss-flag") if est.discuss else ""))
    if len(lines) == 1:
        lines.append(t(lang, "estimate-closed-none"))
    return "\n".join(lines)
