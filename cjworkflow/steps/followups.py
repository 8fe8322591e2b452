"""Follow-up questions: asking for what an entry or action lacks, and applying the answers."""

from __future__ import annotations

from datetime import date, time

from cjworkflow.errors import UserError
from cjworkflow.flow import buttons
from cjworkflow.flow.entry_context import (
    EntryContext,
    Outcome,
    resolve_owner,
    resync,
    summary,
)
from cjworkflow.i18n import t
from cjworkflow.i18n.fmt import clip
from cjworkflow.messages import Button, Reply
from cjworkflow.reading import parsing
from cjworkflow.reading.dates import check_window
from cjworkflow.schedule import reminders
from cjworkflow.steps import question_step
from cjworkflow.steps.touchpoints import ASK_STAGE
from cjworkflow.storage import persons, store
from cjworkflow.storage.models import (
    Action,
    ActionStatus,
    Entry,
    Member,
    PendingQuestion,
)

MAX_ID = 2**31 - 1  # PostgreSQL integer ids; anything larger is no id of ours


SKIP_WORDS = {"skip", "overslaan", "sla over", "-", "geen", "none"}


DUE_CHOICES = (("due-in-week", 7), ("due-in-two-weeks", 14), ("due-in-month", 30))


# Asked by a reminder, answerable in whatever step the workshop is.
ANY_STEP = frozenset({"action_blocked_reason"})


def current_questions(ctx: EntryContext) -> list[PendingQuestion]:
    """The member's open follow-ups of the current step, oldest first.

    A question left open in another step waits there: it must not swallow this step's
    entries (it is asked again when the team comes back to its step).
    """
    return [q for q in store.pending_for(session=ctx.session, workshop_id=ctx.wid,
                                         member_id=ctx.member.id or 0)
            if q.field in ANY_STEP or question_step(q.field) == ctx.workshop.current_step]


def next_question(ctx: EntryContext) -> tuple[str, list[list[Button]]] | None:
    """The member's oldest open follow-up of this step as a question with answer buttons."""
    for q in current_questions(ctx):
        target = _target(ctx, q)
        if target is None:
            ctx.session.delete(q)
            continue
        return _question(ctx, q, target)
    return None


def _target(ctx: EntryContext, q: PendingQuestion) -> Entry | Action | None:
    row: Entry | Action | None
    if q.field == ASK_STAGE:
        row = ctx.session.get(Entry, q.target_id)
    else:
        row = ctx.session.get(Action, q.target_id)
    return row if row is not None and row.workshop_id == ctx.wid else None


def _question(ctx: EntryContext, q: PendingQuestion,
              target: Entry | Action) -> tuple[str, list[list[Button]]]:
    wid, lang = ctx.wid, ctx.lang
    title = clip(target.title if isinstance(target, Action) else target.text, 80)
    skip = buttons.make(t(lang, "btn-skip"), "pq", wid, q.id, "skip")
    rows: list[list[Button]]
    if q.field in ("action_impact", "action_effort"):
        rows = [[buttons.make(str(i), "pq", wid, q.id, i) for i in range(1, 6)], [skip]]
    elif q.field == "action_owner":
        members = [(m, p) for m, p in persons.members_with_people(session=ctx.session,
                                                                  workshop_id=wid)
                   if m.removed_at is None]  # a name may own an action; a removed member not
        rows = [[buttons.make(clip(f"@{p.handle}" if p.handle else p.display_name, 30),
                              "pq", wid, q.id, m.id)] for m, p in members[:8]]
        rows.append([skip])
    elif q.field == "action_due":
        rows = [[buttons.make(t(lang, key), "pq", wid, q.id, f"+{days}")
                 for key, days in DUE_CHOICES], [skip]]
    elif q.field == "action_blocked_reason":
        rows = [[skip]]
    else:
        # The stage's number (1-based), exactly what a typed answer would say.
        rows = [[buttons.make(clip(s.label, 30), "pq", wid, q.id, s.position + 1)]
                for s in ctx.stages()]
        rows.append([skip])
    return t(lang, f"ask-{q.field.replace('_', '-')}", title=title), rows


def answer(ctx: EntryContext, question: PendingQuestion, value: str) -> Outcome:
    """Apply an answer (typed or a button value) to a follow-up question."""
    out = Outcome()
    target = _target(ctx, question)
    if target is None:
        ctx.session.delete(question)
        out.question = next_question(ctx)
        return out
    value = value.strip()
    # Skipping the reason still marks the action blocked.
    if value.casefold() in SKIP_WORDS and question.field not in ANY_STEP:
        ctx.session.delete(question)
        ctx.session.flush()
        out.question = next_question(ctx)
        return out
    try:
        _apply(ctx, question.field, target, value, out)
    except parsing.ParseError as e:
        raise UserError(e.key, **e.args) from None
    ctx.session.delete(question)
    ctx.session.flush()
    store.touch(ctx.workshop)
    out.changed = True
    out.stored.append(summary(ctx, target) if isinstance(target, Action) else target.text)
    out.question = next_question(ctx)
    return out


def _apply(ctx: EntryContext, field_name: str, target: Entry | Action, value: str,
           out: Outcome) -> None:
    if isinstance(target, Entry):
        index = parsing.match_stage(value, [s.label for s in ctx.stages()])
        if index is None:
            raise UserError("stage-unknown", name=clip(value, 40))
        target.stage_id = ctx.stages()[index].id
        return
    if field_name == "action_impact":
        target.impact = parsing.parse_score(value)
    elif field_name == "action_effort":
        target.effort = parsing.parse_score(value)
    elif field_name == "action_owner":
        member_id = _member_answer(ctx, value, out)
        target.owner_id = member_id
    elif field_name == "action_blocked_reason":
        out.extra.extend(blocked(ctx, target, None if value.casefold() in SKIP_WORDS else value))
    else:
        local = ctx.local_now()
        d, tm = _due_answer(value, ctx.lang, local.date(), local.time())
        target.due_date, target.due_time = d, tm
    resync(ctx, target)


def blocked(ctx: EntryContext, action: Action, reason: str | None) -> list[Reply]:
    """Mark an action blocked (no more reminders) and tell the facilitators privately."""
    action.status = ActionStatus.BLOCKED
    action.blocked_reason = clip(reason, 500) if reason else None
    action.updated_at = ctx.now
    people = reminders.people_of(ctx.session, ctx.wid)
    out = reminders.to_facilitators(
        people, ctx.workshop, "remind-blocked-facilitator", owner=people.name(action.owner_id),
        action=clip(action.title, 200), title=clip(ctx.workshop.title, 100),
        reason=clip(reason, 300) if reason else "—")
    out.append(Reply(text=t(ctx.lang, "remind-blocked-ok"), workshop_id=ctx.wid))
    return out


def _member_answer(ctx: EntryContext, value: str, out: Outcome) -> int | None:
    if parsing.is_number(value):
        member = ctx.session.get(Member, int(value)) if int(value) <= MAX_ID else None
        if member is None or member.workshop_id != ctx.wid or member.removed_at is not None:
            raise UserError("owner-unknown", name=value)
        return member.id
    text = value.strip()
    me = text.casefold() in ("me", "ik", "@me", "@ik")
    handle = text[1:] if text.startswith("@") and not me else None
    return resolve_owner(ctx, handle, me, None if (me or handle) else text, out)


def _due_answer(value: str, lang: str, today: date, now: time) -> tuple[date, time | None]:
    if value.startswith("+") and parsing.is_number(value[1:]) and int(value[1:]) <= 3660:
        from datetime import timedelta
        day = today + timedelta(days=int(value[1:]))
        check_window(day, None, lang=lang, today=today)  # the same window as a typed date
        return day, None
    return parsing.parse_due(value, lang=lang, today=today, now=now)
