"""Turning input lines into stored entries and actions, and answering follow-up questions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session

from cjworkflow import buttons, parsing, priority, reminders, store
from cjworkflow.action_lines import parse_action
from cjworkflow.errors import UserError
from cjworkflow.fmt import clip, due
from cjworkflow.i18n import t
from cjworkflow.messages import Button, Reply
from cjworkflow.models import (
    Action,
    ActionStatus,
    Entry,
    EntryKind,
    Member,
    PendingQuestion,
    ScoreKind,
    Stage,
    Workshop,
)
from cjworkflow.steps import LAST, step

MAX_ID = 2**31 - 1  # PostgreSQL integer ids; anything larger is no id of ours
SKIP_WORDS = {"skip", "overslaan", "sla over", "-", "geen", "none"}
DUE_CHOICES = (("due-in-week", 7), ("due-in-two-weeks", 14), ("due-in-month", 30))


@dataclass
class Outcome:
    """What handling some input produced: confirmations, problems and a follow-up."""

    stored: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    question: tuple[str, list[list[Button]]] | None = None
    changed: bool = False
    asked: bool = False
    # Further messages (e.g. to the facilitators when an owner reports being blocked).
    extra: list[Reply] = field(default_factory=list)


@dataclass
class EntryContext:
    """Everything entry handling needs about where it happens."""

    session: Session
    workshop: Workshop
    member: Member
    lang: str
    now: datetime  # aware, UTC
    reminder_offsets: str = reminders.DEFAULT_OFFSETS  # the setting, for the workshop's default
    _stages: list[Stage] | None = field(default=None, init=False, repr=False)

    @property
    def wid(self) -> int:
        return self.workshop.id or 0

    def local_now(self) -> datetime:
        """Now in the workshop's time zone."""
        return self.now.astimezone(ZoneInfo(self.workshop.timezone))

    def stages(self) -> list[Stage]:
        """The workshop's stages in order (loaded once: entry handling does not change them)."""
        if self._stages is None:
            self._stages = store.stages_of(session=self.session, workshop_id=self.wid)
        return self._stages


def add_lines(ctx: EntryContext, text: str, source_ref: str) -> Outcome:
    """Store each line of text as an entry of the current step; report bad lines."""
    out = Outcome()
    try:
        lines = parsing.split_lines(text)
    except parsing.ParseError as e:
        out.problems.append(t(ctx.lang, e.key, **e.args))
        return out
    if not lines:
        out.problems.append(t(ctx.lang, "entry-empty"))
        return out
    for i, line in enumerate(lines):
        ref = f"{source_ref}:{i}"
        # The same input again is skipped (_add_line returns None): stored once already.
        if len(lines) == 1:
            # One line: an error rolls the whole command back, no savepoint needed.
            try:
                stored = _add_line(ctx, line, ref, out)
            except parsing.ParseError as e:
                raise UserError(e.key, **e.args) from None
        else:
            try:
                # A savepoint per line: a bad line leaves the good ones of the message stored.
                with ctx.session.begin_nested():
                    stored = _add_line(ctx, line, ref, out)
            except (parsing.ParseError, UserError) as e:
                args = e.args if isinstance(e, parsing.ParseError) else e.args_
                out.problems.append(f"«{clip(line, 40)}»: " + t(ctx.lang, e.key, **args))
                continue
        if stored:
            out.stored.append(stored)
            out.changed = True
    if out.changed:
        store.touch_now(session=ctx.session, workshop=ctx.workshop)
    if out.asked:
        out.question = next_question(ctx)
    return out


def _seen(ctx: EntryContext, ref: str) -> bool:
    """Whether input ref was stored already (as an entry, or an action in the action step)."""
    return store.input_seen(session=ctx.session, workshop_id=ctx.wid, source_ref=ref,
                            action=step(ctx.workshop.current_step).actions)


def _entry(ctx: EntryContext, kind: EntryKind, text: str, ref: str,
           **extra: Any) -> int | None:
    """Store an entry; its id, or None when ref was stored already."""
    return store.add_entry(session=ctx.session, workshop_id=ctx.wid, kind=kind,
                           step=ctx.workshop.current_step, text=text, author_id=ctx.member.id,
                           source_ref=ref, **extra)


def _focus(ctx: EntryContext, index: int | None) -> Stage:
    stages = ctx.stages()
    if index is None:
        index = min(ctx.workshop.focus_stage, len(stages) - 1)
    return stages[index]


def _add_line(ctx: EntryContext, line: str, ref: str, out: Outcome) -> str | None:
    """Store one line; what to confirm, or None when ref was stored already."""
    try:
        return _store_line(ctx, line, ref, out)
    except (parsing.ParseError, UserError):
        if _seen(ctx, ref):
            return None  # stored already: the same input is not an error the second time
        raise


@dataclass(frozen=True)
class PlainEntry:
    """A line that becomes one entry and nothing else: what to store."""

    kind: EntryKind
    text: str
    extra: dict[str, Any]


# Steps whose lines need nothing but the line itself to become an entry.
PLAIN_PARSERS = frozenset({"goal", "persona", "resource"})


def plain_entry(parser: str, line: str) -> PlainEntry:
    """The entry a line of a PLAIN_PARSERS step becomes; ParseError for a bad line."""
    if parser == "goal":
        return PlainEntry(EntryKind.GOAL, clip(line, 1000), {})
    if parser == "persona":
        p = parsing.parse_persona(line)
        return PlainEntry(EntryKind.PERSONA, p.name, {"detail": p.description, "goal": p.goal})
    if parser == "resource":
        r = parsing.parse_resource(line)
        return PlainEntry(EntryKind.RESOURCE, r.text, {"have": r.have})
    raise ValueError(f"not a plain step: {parser}")


def _store_line(ctx: EntryContext, line: str, ref: str, out: Outcome) -> str | None:
    # Entries are stored unless ref exists (the unique key decides, no look-up first);
    # anything else that changes state checks for ref before it does.
    st = step(ctx.workshop.current_step)
    if st.parser in PLAIN_PARSERS:
        plain = plain_entry(st.parser, line)
        new = _entry(ctx, plain.kind, plain.text, ref, **plain.extra)
        return plain.text if new is not None else None
    if st.parser == "target":
        return None if _seen(ctx, ref) else toggle_target(ctx, line)
    if st.parser == "touchpoint":
        tp = parsing.parse_touchpoint(line, _labels(ctx))
        stage_id = ctx.stages()[tp.stage].id if tp.stage is not None else None
        new = _entry(ctx, EntryKind.TOUCHPOINT, tp.text, ref, channel=tp.channel,
                     stage_id=stage_id)
        if new is None:
            return None
        if stage_id is None:
            _ask(ctx, "touchpoint_stage", new)
            out.asked = True
        return tp.text
    if st.parser == "element":
        el = parsing.parse_element(line, _labels(ctx))
        stage = _focus(ctx, el.stage)
        if el.score is not None:
            if _seen(ctx, ref):
                return None
            store.set_score(session=ctx.session, workshop_id=ctx.wid, stage_id=stage.id or 0,
                            member_id=ctx.member.id or 0, kind=ScoreKind.CURRENT, score=el.score)
            return t(ctx.lang, "entry-score", stage=stage.label, score=el.score)
        kind = el.kind or EntryKind.USER_ACTION
        text = el.text or ""
        return text if _entry(ctx, kind, text, ref, stage_id=stage.id) is not None else None
    if st.parser == "observation":
        ob = parsing.parse_observation(line, _labels(ctx))
        stage = _focus(ctx, ob.stage)
        if ob.ideal is not None:
            if _seen(ctx, ref):
                return None
            store.set_score(session=ctx.session, workshop_id=ctx.wid, stage_id=stage.id or 0,
                            member_id=ctx.member.id or 0, kind=ScoreKind.IDEAL, score=ob.ideal)
            return t(ctx.lang, "entry-ideal", stage=stage.label, score=ob.ideal)
        text = ob.text or ""
        new = _entry(ctx, EntryKind.OBSERVATION, text, ref, stage_id=stage.id)
        return text if new is not None else None
    return None if _seen(ctx, ref) else _add_action(ctx, line, ref, out)


def _labels(ctx: EntryContext) -> list[str]:
    return [s.label for s in ctx.stages()]


def toggle_target(ctx: EntryContext, text: str) -> str:
    """Mark or unmark a persona (by name or number) as a target of the map."""
    personas = store.entries(session=ctx.session, workshop_id=ctx.wid, kinds=[EntryKind.PERSONA])
    if not personas:
        raise UserError("target-no-personas")
    wanted = parsing.normalise(text)
    found = None
    if parsing.is_number(text) and 1 <= int(text) <= len(personas):
        found = personas[int(text) - 1]
    else:
        exact = [p for p in personas if parsing.normalise(p.text) == wanted]
        prefix = [p for p in personas if parsing.normalise(p.text).startswith(wanted)]
        found = exact[0] if exact else (prefix[0] if len(prefix) == 1 and len(wanted) >= 2
                                        else None)
    if found is None:
        raise UserError("target-unknown", name=clip(text, 40),
                        names=", ".join(p.text for p in personas[:12]))
    found.is_target = not found.is_target
    key = "target-marked" if found.is_target else "target-unmarked"
    return t(ctx.lang, key, name=found.text)


def _owner(ctx: EntryContext, handle: str | None, me: bool, name: str | None) -> int | None:
    if me:
        return ctx.member.id
    members = store.members_with_people(session=ctx.session, workshop_id=ctx.wid)
    if handle:
        for m, p in members:
            if p.handle and p.handle.lower() == handle.lower():
                return m.id
        person = store.person_by_handle(session=ctx.session, handle=handle)
        if person is None:
            person = store.placeholder_person(session=ctx.session, handle=handle)
        return store.add_member(session=ctx.session, workshop_id=ctx.wid,
                                person_id=person.id or 0).id
    if name:
        wanted = parsing.normalise(name)
        hits = [m for m, p in members if parsing.normalise(p.display_name).startswith(wanted)]
        if len(hits) == 1:
            return hits[0].id
        raise UserError("owner-unknown", name=clip(name, 40))
    return None


def _add_action(ctx: EntryContext, line: str, ref: str, out: Outcome) -> str:
    local = ctx.local_now()
    a = parse_action(line, lang=ctx.lang, today=local.date(), now=local.time())
    owner_id = _owner(ctx, a.owner_handle, a.owner_self, a.owner_name)
    action = Action(workshop_id=ctx.wid, title=a.title, impact=a.impact, effort=a.effort,
                    owner_id=owner_id, due_date=a.due_date, due_time=a.due_time,
                    author_id=ctx.member.id, source_ref=ref)
    ctx.session.add(action)
    ctx.session.flush()
    resync(ctx, action)
    for field_name, missing in (("action_impact", a.impact is None),
                                ("action_effort", a.effort is None),
                                ("action_owner", owner_id is None),
                                ("action_due", a.due_date is None)):
        if missing:
            _ask(ctx, field_name, action.id or 0)
            out.asked = True
    return summary(ctx, action)


def resync(ctx: EntryContext, action: Action) -> None:
    """Bring the action's reminders in line with its deadline, owner and status."""
    reminders.resync(ctx.session, action, ctx.workshop, ctx.now, ctx.reminder_offsets)


def summary(ctx: EntryContext, action: Action) -> str:
    """'Quick win · @anna · vr 27 nov' for a stored action."""
    q = priority.quadrant(action.impact, action.effort)
    names = {m.id: (f"@{p.handle}" if p.handle else p.display_name)
             for m, p in store.members_with_people(session=ctx.session, workshop_id=ctx.wid)}
    owner = names.get(action.owner_id, t(ctx.lang, "card-no-owner"))
    return (f"{clip(action.title, 80)} — {priority.ICONS[q]} {t(ctx.lang, f'quadrant-{q.value}')}"
            f" · {owner} · {due(action.due_date, action.due_time, ctx.lang)}")


def _ask(ctx: EntryContext, field_name: str, target_id: int) -> None:
    ctx.session.add(PendingQuestion(workshop_id=ctx.wid, member_id=ctx.member.id or 0,
                                    field=field_name, target_id=target_id))
    ctx.session.flush()


# Asked by a reminder, answerable in whatever step the workshop is.
ANY_STEP = frozenset({"action_blocked_reason"})


def question_step(field_name: str) -> int:
    """The step a follow-up question belongs to (touchpoints: 4; actions: 8)."""
    return 4 if field_name == "touchpoint_stage" else LAST


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
    if q.field == "touchpoint_stage":
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
        members = store.members_with_people(session=ctx.session, workshop_id=wid)
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
        member_id = _member_answer(ctx, value)
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


def _member_answer(ctx: EntryContext, value: str) -> int | None:
    if parsing.is_number(value):
        member = ctx.session.get(Member, int(value)) if int(value) <= MAX_ID else None
        if member is None or member.workshop_id != ctx.wid:
            raise UserError("owner-unknown", name=value)
        return member.id
    text = value.strip()
    me = text.casefold() in ("me", "ik", "@me", "@ik")
    handle = text[1:] if text.startswith("@") and not me else None
    return _owner(ctx, handle, me, None if (me or handle) else text)


def _due_answer(value: str, lang: str, today: date, now: time) -> tuple[date, time | None]:
    if value.startswith("+") and parsing.is_number(value[1:]) and int(value[1:]) <= 3660:
        from datetime import timedelta
        return today + timedelta(days=int(value[1:])), None
    return parsing.parse_due(value, lang=lang, today=today, now=now)
