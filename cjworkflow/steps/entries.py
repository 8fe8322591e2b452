"""Turning input lines into stored entries and actions, one transaction per command."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cjworkflow.errors import UserError
from cjworkflow.flow.entry_context import (
    EntryContext,
    Outcome,
    Said,
    ask,
    resolve_owner,
    resync,
    summary,
)
from cjworkflow.i18n import t
from cjworkflow.i18n.fmt import clip
from cjworkflow.limits import MAX_ACTION_LINES
from cjworkflow.limits.room import Room
from cjworkflow.reading import parsing
from cjworkflow.steps import STEPS, checks, step
from cjworkflow.steps.action_lines import parse_action
from cjworkflow.steps.base import PlainEntry, Score
from cjworkflow.steps.followups import next_question
from cjworkflow.storage import entry_sql, persons, store
from cjworkflow.storage.models import (
    Action,
    Entry,
    EntryKind,
    ScoreKind,
    Stage,
)


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
    if step(ctx.workshop.current_step).collects_actions and len(lines) > MAX_ACTION_LINES:
        out.problems.append(t(ctx.lang, "parse-too-many-lines", max=MAX_ACTION_LINES))
        return out
    room = Room(ctx.session, ctx.wid)
    # Held while the lines are stored: the session's identity map is weak, so each owner
    # look-up would otherwise build every member and person object again (~40% of it).
    held = (persons.members_with_people(session=ctx.session, workshop_id=ctx.wid)
            if step(ctx.workshop.current_step).collects_actions and len(lines) > 1 else [])
    for i, line in enumerate(lines):
        ref = f"{source_ref}:{i}"
        # The same input again is skipped (_add_line returns None): stored once already.
        if len(lines) == 1:
            # One line: an error rolls the whole command back, no savepoint needed.
            try:
                stored = _add_line(ctx, line, ref, out, room)
            except parsing.ParseError as e:
                raise UserError(e.key, **e.args) from None
        else:
            try:
                # A savepoint per line: a bad line leaves the good ones of the message stored.
                with ctx.session.begin_nested():
                    stored = _add_line(ctx, line, ref, out, room)
            except (parsing.ParseError, UserError) as e:
                args = e.args if isinstance(e, parsing.ParseError) else e.args_
                if e.key in Room.FULL:
                    # The workshop is full: said once for all the lines not stored.
                    out.problems.append(t(ctx.lang, "limit-not-stored", count=len(lines) - i)
                                        + " " + t(ctx.lang, e.key, **args))
                    break
                out.problems.append(f"\"{clip(line, 40)}\": " + t(ctx.lang, e.key, **args))
                continue
        if stored:
            out.stored.append(stored)
            out.changed = True
    del held
    if out.changed:
        store.touch_now(session=ctx.session, workshop=ctx.workshop)
    if out.asked:
        out.question = next_question(ctx)
    return out


def _seen(ctx: EntryContext, ref: str) -> bool:
    """Whether input ref was stored already (as an entry, or an action in the action step)."""
    return store.input_seen(session=ctx.session, workshop_id=ctx.wid, source_ref=ref,
                            action=step(ctx.workshop.current_step).collects_actions)


def _entry(ctx: EntryContext, room: Room, kind: EntryKind, text: str, ref: str,
           **extra: Any) -> int | None:
    """Store an entry if the workshop has room; its id, or None when ref was stored already."""
    room.take_entry()
    return entry_sql.add_entry(session=ctx.session, workshop_id=ctx.wid, kind=kind,
                           step=ctx.workshop.current_step, text=text, author_id=ctx.member.id,
                           source_ref=ref, **extra)


def _score(ctx: EntryContext, ref: str, stage: Stage, got: Score) -> str | None:
    """Record the member's current or ideal emotion for a stage (a line seen before: None)."""
    if _seen(ctx, ref):
        return None
    if got.persona is not None:
        persona = persona_id(ctx, got.persona)
        store.set_persona_score(session=ctx.session, workshop_id=ctx.wid,
                                stage_id=stage.id or 0, member_id=ctx.member.id or 0,
                                persona_id=persona, kind=got.kind, score=got.score,
                                word=got.word)
        found = ctx.session.get(Entry, persona)
        return Said(t(ctx.lang, "entry-persona-score", stage=stage.label, score=got.score,
                      persona=clip(found.text if found else "", 40),
                      kind="ideal" if got.kind is ScoreKind.IDEAL else "current"))
    store.set_score(session=ctx.session, workshop_id=ctx.wid, stage_id=stage.id or 0,
                    member_id=ctx.member.id or 0, kind=got.kind, score=got.score, word=got.word)
    key = "entry-score" if got.kind is ScoreKind.CURRENT else "entry-ideal"
    if got.word:
        return Said(t(ctx.lang, key + "-word", stage=stage.label, score=got.score,
                      word=clip(got.word, 60)))
    return Said(t(ctx.lang, key, stage=stage.label, score=got.score))


def _focus(ctx: EntryContext, index: int | None) -> Stage:
    stages = ctx.stages()
    if index is None:
        index = min(ctx.workshop.focus_stage, len(stages) - 1)
    return stages[index]


def _add_line(ctx: EntryContext, line: str, ref: str, out: Outcome, room: Room) -> str | None:
    """Store one line; what to confirm, or None when ref was stored already."""
    try:
        return _store_line(ctx, line, ref, out, room)
    except (parsing.ParseError, UserError):
        if _seen(ctx, ref):
            return None  # stored already: the same input is not an error the second time
        raise


# Adapter for flow/quick.py, oneshot.py and batch.py, which still pick a step's reader by its
# parser name: the readers themselves are the steps' (goals.py … walkthrough.py).
_BY_PARSER = {s.parser: s for s in STEPS}
# Steps whose lines need nothing but the line itself to become an entry.
PLAIN_PARSERS = frozenset(s.parser for s in STEPS if s.read_plain is not None)
# Steps whose lines hang on a stage of the map; staged_entry() covers their usual lines.
STAGED_PARSERS = frozenset(s.parser for s in STEPS if s.read_staged is not None)


def plain_entry(parser: str, line: str) -> PlainEntry:
    """The entry a line of a PLAIN_PARSERS step becomes; ParseError for a bad line."""
    st = _BY_PARSER.get(parser)
    read = st.read_plain if st is not None else None
    if read is None:
        raise ValueError(f"not a plain step: {parser}")
    got = read(line)
    if not checks.has_words(got.text):
        raise parsing.ParseError("check-emoji-only", line=clip(got.text, 20))
    return got


def staged_entry(parser: str, line: str, stages: Sequence[tuple[int, str]],
                 focus: int) -> PlainEntry | None:
    """The entry a line of a STAGED_PARSERS step becomes, given the stages (id, label) in
    order and the focus stage's index; None when it needs more than an entry (a touchpoint
    without a stage is asked about, a score is no entry). ParseError for a bad line."""
    st = _BY_PARSER.get(parser)
    read = st.read_staged if st is not None else None
    if read is None:
        raise ValueError(f"not a staged step: {parser}")
    got = read(line, stages, focus)
    if isinstance(got, PlainEntry) and not checks.has_words(got.text):
        raise parsing.ParseError("check-emoji-only", line=clip(got.text, 20))
    # A persona named on the line is looked up by the general path.
    return got if isinstance(got, PlainEntry) and got.ask is None and got.persona is None \
        else None


def _store_line(ctx: EntryContext, line: str, ref: str, out: Outcome,
                room: Room) -> str | None:
    # Entries are stored unless ref exists (the unique key decides, no look-up first);
    # anything else that changes state checks for ref before it does.
    st = step(ctx.workshop.current_step)
    got: PlainEntry | Score | None = None
    if st.read_plain is not None:
        got = st.read_plain(line)
    elif st.read_staged is not None:
        got = st.read_staged(line, [(s.id or 0, s.label) for s in ctx.stages()],
                             ctx.workshop.focus_stage)
    if isinstance(got, PlainEntry):
        checks.refuse_wordless(got.text)
        persona = persona_id(ctx, got.persona) if got.persona is not None else None
        new = _entry(ctx, room, got.kind, got.text, ref, **got.extra)
        if new is not None and persona is not None:
            # Set apart from the entry's insert: the one entry path (entry_sql) stays as is.
            store.set_entry_persona(session=ctx.session, entry_id=new, persona_id=persona)
        if new is not None and got.ask is not None:
            # Stored without what it lacks (a touchpoint's stage): the member is asked for it.
            ask(ctx, got.ask, new)
            out.asked = True
        return got.text if new is not None else None
    if isinstance(got, Score):
        return _score(ctx, ref, _focus(ctx, got.stage), got)
    if st.picks_targets:
        return None if _seen(ctx, ref) else toggle_target(ctx, line)
    if st.collects_actions:
        return None if _seen(ctx, ref) else _add_action(ctx, line, ref, out, room)
    raise ValueError(f"step {st.key} reads no lines")


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
    return Said(t(ctx.lang, key, name=found.text))


def _add_action(ctx: EntryContext, line: str, ref: str, out: Outcome, room: Room) -> str:
    local = ctx.local_now()
    line, confirmed = checks.anyway(line)
    stages = ctx.stages()
    a = parse_action(line, lang=ctx.lang, today=local.date(), now=local.time(),
                     stages=[st.label for st in stages])
    checks.refuse_wordless(a.title)
    if not confirmed:
        checks.refuse_unasked(ctx.session, ctx.wid, a.title, lang=ctx.lang, today=local.date())
    goal_id = _goal_id(ctx, a.goal) if a.goal is not None else None
    room.take_action()
    # Without an owner nothing is looked up: the members list costs time per line.
    owner_id = (resolve_owner(ctx, a.owner_handle, a.owner_self, a.owner_name, out)
                if a.owner_handle or a.owner_self or a.owner_name else None)
    action = Action(workshop_id=ctx.wid, title=a.title, impact=a.impact, effort=a.effort,
                    owner_id=owner_id, due_date=a.due_date, due_time=a.due_time,
                    stage_id=stages[a.stage].id if a.stage is not None else None,
                    goal_id=goal_id, author_id=ctx.member.id, source_ref=ref)
    ctx.session.add(action)
    ctx.session.flush()
    resync(ctx, action)
    for field_name, missing in (("action_impact", a.impact is None),
                                ("action_effort", a.effort is None),
                                ("action_owner", owner_id is None),
                                ("action_due", a.due_date is None)):
        if missing:
            ask(ctx, field_name, action.id or 0)
            out.asked = True
    return summary(ctx, action)


def _goal_id(ctx: EntryContext, number: int) -> int:
    """The id of step 1's goal with this number (1-based); ParseError when there is none."""
    goals = store.entries(session=ctx.session, workshop_id=ctx.wid, kinds=[EntryKind.GOAL])
    if not 1 <= number <= len(goals):
        raise parsing.ParseError("parse-action-goal-unknown", number=number, count=len(goals))
    return goals[number - 1].id or 0


def persona_id(ctx: EntryContext, name: str) -> int:
    """The id of the target persona a line names (number or name); ParseError otherwise.

    Only with two or more target personas is anything given per persona.
    """
    targets = [p for p in store.entries(session=ctx.session, workshop_id=ctx.wid,
                                        kinds=[EntryKind.PERSONA]) if p.is_target]
    if len(targets) < 2:
        raise parsing.ParseError("parse-persona-needs-targets", count=len(targets))
    wanted = parsing.normalise(name)
    if parsing.is_number(name) and 1 <= int(name) <= len(targets):
        return targets[int(name) - 1].id or 0
    exact = [p for p in targets if parsing.normalise(p.text) == wanted]
    starts = [p for p in targets if parsing.normalise(p.text).startswith(wanted)]
    found = exact or (starts if len(starts) == 1 else [])
    if not found:
        raise parsing.ParseError("parse-persona-unknown", name=clip(name, 40),
                                 names=", ".join(f"{i}. {clip(p.text, 30)}"
                                                 for i, p in enumerate(targets, 1)))
    return found[0].id or 0
