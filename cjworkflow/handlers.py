"""One small handler per verb; TABLE maps verbs to them."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlmodel import col, select

from cjworkflow import (
    buttons,
    cards,
    entries,
    outputs,
    parsing,
    reminders,
    stages,
    store,
    transfer,
)
from cjworkflow.engine import (
    Ctx,
    Handler,
    card_reply,
    outcome_replies,
    require_active,
    require_facilitator,
    resolve,
)
from cjworkflow.errors import UserError
from cjworkflow.fmt import clip, due
from cjworkflow.i18n import LANGUAGES, t
from cjworkflow.messages import Attachment, Dest, Kind, Reply, Verb
from cjworkflow.models import (
    Action,
    ActionStatus,
    Entry,
    EntryKind,
    Member,
    PendingQuestion,
    Role,
    ScoreKind,
    Stage,
    WorkshopStatus,
)
from cjworkflow.readmodel import build_snapshot
from cjworkflow.steps import FIRST, LAST, step

MAX_TITLE = 200


def on_start(ctx: Ctx) -> list[Reply]:
    """Private welcome; with a code (a deep link's payload) it joins a workshop."""
    if ctx.cmd.text.strip():
        return on_join(ctx)
    return [Reply(text=t(ctx.lang, "welcome", examples=t(ctx.lang, "journey-examples")))]


def on_help(ctx: Ctx) -> list[Reply]:
    """The cheat sheet, plus the current step's syntax when in a workshop."""
    ws = resolve(ctx, required=False, register=False)
    text = t(ctx.lang, "help")
    if ws is not None:
        st = step(ws.current_step)
        text = "\n\n".join([cards.step_title(st.number, ctx.lang),
                            t(ctx.lang, f"step-{st.key}-guide"),
                            "✍ " + t(ctx.lang, f"step-{st.key}-syntax"), text])
    return [Reply(text=text[:4000])]


def on_new(ctx: Ctx) -> list[Reply]:
    """Create a workshop; the creator facilitates; in a group it is bound to the group."""
    title = " ".join(ctx.cmd.text.split())
    if not title:
        raise UserError("new-needs-title", examples=t(ctx.lang, "journey-examples"))
    if len(title) > MAX_TITLE:
        raise UserError("new-title-too-long", max=MAX_TITLE)
    if not ctx.cmd.private:
        # A group's running workshop is replaced only by one of its facilitators.
        current = store.workshop_for_chat(session=ctx.session, chat_ref=ctx.cmd.chat_ref)
        if current is not None and current.status == WorkshopStatus.ACTIVE:
            mine = store.member_of(session=ctx.session, workshop_id=current.id or 0,
                                   person_id=ctx.person.id or 0)
            if mine is None or mine.role != Role.FACILITATOR:
                ctx.lang = current.language
                raise UserError("new-group-busy", title=current.title)
    ws, member = store.create_workshop(
        session=ctx.session, title=title, creator=ctx.person, language=ctx.lang,
        timezone=ctx.engine.default_timezone,
        chat_ref=None if ctx.cmd.private else ctx.cmd.chat_ref)
    ctx.workshop, ctx.member = ws, member
    ctx.person.active_workshop_id = ws.id
    labels = [s.label for s in store.stages_of(session=ctx.session, workshop_id=ws.id or 0)]
    wid = ws.id or 0
    intro = Reply(
        text=t(ctx.lang, "new-created", title=title, stages=stages.describe(labels),
               link=ctx.engine.join_link(ws.join_code)),
        buttons=[[buttons.make(t(ctx.lang, "btn-model-five"), "sm", wid, "five"),
                  buttons.make(t(ctx.lang, "btn-model-seven"), "sm", wid, "seven")]],
        dest=Dest.WORKSHOP, workshop_id=wid)
    return [intro, card_reply(ctx)]


def on_join(ctx: Ctx) -> list[Reply]:
    """Join a workshop by its code; it becomes the person's active workshop."""
    code = ctx.cmd.text.strip()
    ws = store.workshop_by_code(session=ctx.session, code=code) if code else None
    if ws is None:
        raise UserError("join-unknown-code")
    member = store.add_member(session=ctx.session, workshop_id=ws.id or 0,
                              person_id=ctx.person.id or 0)
    ctx.person.active_workshop_id = ws.id
    ctx.workshop, ctx.member = ws, member
    ctx.lang = ctx.person.language or ws.language
    welcome = Reply(text=t(ctx.lang, "join-welcome", title=ws.title), workshop_id=ws.id)
    mine = cards.card(ctx.session, ws, ctx.lang)
    return [welcome, mine]


def on_workshops(ctx: Ctx) -> list[Reply]:
    """List my workshops; a button makes one active."""
    rows = store.workshops_of(session=ctx.session, person_id=ctx.person.id or 0)
    if not rows:
        return [Reply(text=t(ctx.lang, "workshops-none"))]
    lines = [t(ctx.lang, "workshops-head")]
    kb = []
    for ws, m in rows[:20]:
        active = "▶ " if ws.id == ctx.person.active_workshop_id else ""
        role = t(ctx.lang, f"role-{m.role}")
        lines.append(f"{active}{clip(ws.title, 80)} — {role} — "
                     f"{cards.step_title(ws.current_step, ctx.lang)}")
        kb.append([buttons.make(clip(ws.title, 40), "ws", ws.id or 0)])
    return [Reply(text="\n".join(lines), buttons=kb)]


def on_status(ctx: Ctx) -> list[Reply]:
    """Progress per step with counts."""
    ws = resolve(ctx)
    assert ws is not None
    return [Reply(text=cards.status_text(ctx.session, ws, ctx.lang), workshop_id=ws.id)]


def on_card(ctx: Ctx) -> list[Reply]:
    """Send the current step card again (it becomes the living card)."""
    resolve(ctx)
    return [card_reply(ctx)]


def move(ctx: Ctx, target: int) -> list[Reply]:
    """Go to step target and show its card (a timebox of the old step ends)."""
    ws = ctx.ws
    note = None
    if target > ws.current_step:
        count = cards.step_counts(ctx.session, ws)[ws.current_step]
        st = step(ws.current_step)
        if count == 0:
            note = t(ctx.lang, "moved-on-empty", title=t(ctx.lang, f"step-{st.key}-title"))
        elif not _enough(ctx, st.number):
            note = t(ctx.lang, "moved-on-thin", hint=t(ctx.lang, f"step-{st.key}-enough"))
    if ws.status == WorkshopStatus.FINISHED:
        ws.status = WorkshopStatus.ACTIVE
        note = t(ctx.lang, "reopened")
    ws.current_step = target
    ws.focus_stage = 0
    reminders.clear_timebox(ws)
    store.touch(ws)
    return [card_reply(ctx, note=note)]


def _enough(ctx: Ctx, number: int) -> bool:
    st = step(number)
    wid = ctx.wid
    if st.key == "targets":
        return any(e.is_target for e in store.entries(session=ctx.session, workshop_id=wid,
                                                       kinds=[EntryKind.PERSONA]))
    if not st.per_stage:
        return True
    stage_rows = store.stages_of(session=ctx.session, workshop_id=wid)
    rows = store.entries(session=ctx.session, workshop_id=wid, kinds=st.kinds)
    filled = {e.stage_id for e in rows}
    if st.key == "elements":
        scored = {s.stage_id for s in store.scores(session=ctx.session, workshop_id=wid)
                  if s.kind == ScoreKind.CURRENT}
        filled &= scored
    return all(s.id in filled for s in stage_rows)


def on_next(ctx: Ctx) -> list[Reply]:
    """Advance one step (facilitator); on step 8 it finishes the workshop."""
    resolve(ctx)
    require_facilitator(ctx)
    if ctx.ws.current_step >= LAST:
        return on_finish(ctx)
    return move(ctx, ctx.ws.current_step + 1)


def on_back(ctx: Ctx) -> list[Reply]:
    """Go back one step (facilitator)."""
    resolve(ctx)
    require_facilitator(ctx)
    if ctx.ws.current_step <= FIRST:
        raise UserError("back-at-first")
    return move(ctx, ctx.ws.current_step - 1)


def on_step(ctx: Ctx) -> list[Reply]:
    """Jump to step N (facilitator)."""
    resolve(ctx)
    require_facilitator(ctx)
    text = ctx.cmd.text.strip()
    if not parsing.is_number(text) or not FIRST <= int(text) <= LAST:
        raise UserError("step-number", last=LAST)
    return move(ctx, int(text))


def on_finish(ctx: Ctx) -> list[Reply]:
    """Finish after step 8: the map, the matrix and the prioritised plan."""
    resolve(ctx)
    require_facilitator(ctx)
    if ctx.ws.current_step < LAST:
        raise UserError("finish-too-early", step=ctx.ws.current_step, last=LAST)
    return finish_replies(ctx)


def finish_replies(ctx: Ctx) -> list[Reply]:
    """Finish the workshop: the map, the matrix and the plan into its group."""
    reminders.clear_timebox(ctx.ws)
    store.finish(ctx.ws)
    ctx.session.flush()
    snap = build_snapshot(session=ctx.session, workshop=ctx.ws)
    lang, wid = ctx.ws.language, ctx.wid
    out = [Reply(text=t(lang, "finished", title=ctx.ws.title), dest=Dest.WORKSHOP, workshop_id=wid),
           Reply(text=t(lang, "caption-map"), attachment=Attachment("map", snap, lang),
                 dest=Dest.WORKSHOP, workshop_id=wid),
           Reply(text=t(lang, "caption-matrix"), attachment=Attachment("matrix", snap, lang),
                 dest=Dest.WORKSHOP, workshop_id=wid)]
    plan = cards.plan_texts(snap.actions, snap.title, lang)
    for i, chunk in enumerate(plan):
        last = i == len(plan) - 1
        kb = [[buttons.make(t(lang, "btn-export"), "ex", wid)]] if last else []
        out.append(Reply(text=chunk, buttons=kb, dest=Dest.WORKSHOP, workshop_id=wid))
    return out


def on_text(ctx: Ctx) -> list[Reply]:
    """An entry (one per line) for the current step, or the answer to a follow-up."""
    resolve(ctx)
    ectx = ctx.entry_ctx()
    member_id = ectx.member.id or 0
    # Most text is an entry: knowing there are no questions spares loading them.
    if ctx.pending is None:
        ctx.pending = store.has_pending(session=ctx.session, workshop_id=ctx.wid,
                                        member_id=member_id)
    pending = entries.current_questions(ectx) if ctx.pending else []
    if pending:
        return outcome_replies(ctx, entries.answer(ectx, pending[0], ctx.cmd.text))
    require_active(ctx)
    ref = ctx.cmd.source_ref or f"cmd:{ctx.now.timestamp()}"
    return outcome_replies(ctx, entries.add_lines(ectx, ctx.cmd.text, ref))


def _mine_last(ctx: Ctx) -> Entry | Action | None:
    member_id = ctx.member.id if ctx.member else None
    e = ctx.session.exec(select(Entry).where(Entry.workshop_id == ctx.wid,
                                             Entry.author_id == member_id)
                         .order_by(col(Entry.created_at).desc(), col(Entry.id).desc())).first()
    a = ctx.session.exec(select(Action).where(Action.workshop_id == ctx.wid,
                                              Action.author_id == member_id)
                         .order_by(col(Action.created_at).desc(), col(Action.id).desc())).first()
    if e is None or a is None:
        return e or a
    return e if e.created_at >= a.created_at else a


def _delete(ctx: Ctx, row: Entry | Action) -> str:
    prefix = "action_" if isinstance(row, Action) else "touchpoint_"
    store.drop_pending_for_target(session=ctx.session, field_prefix=prefix, target_id=row.id or 0)
    text = row.title if isinstance(row, Action) else row.text
    ctx.session.delete(row)
    store.touch(ctx.ws)
    return clip(text, 80)


def on_undo(ctx: Ctx) -> list[Reply]:
    """Remove my most recent entry or action in this workshop."""
    resolve(ctx)
    row = _mine_last(ctx)
    if row is None:
        raise UserError("undo-nothing")
    text = _delete(ctx, row)
    return [Reply(text=t(ctx.lang, "removed", text=text), workshop_id=ctx.wid),
            card_reply(ctx, kind=Kind.CARD_EDIT)]


def on_remove(ctx: Ctx) -> list[Reply]:
    """Remove entry N of the current step (its author or a facilitator)."""
    resolve(ctx)
    text = ctx.cmd.text.strip().lstrip("#")
    listed = cards.items(ctx.session, ctx.ws, ctx.lang)
    if not listed:
        raise UserError("remove-nothing")
    if not parsing.is_number(text) or not 1 <= int(text) <= len(listed):
        raise UserError("remove-number", count=len(listed))
    row = listed[int(text) - 1].obj
    is_facilitator = ctx.member is not None and ctx.member.role == Role.FACILITATOR
    if not is_facilitator and (ctx.member is None or row.author_id != ctx.member.id):
        raise UserError("remove-not-yours")
    removed = _delete(ctx, row)
    return [Reply(text=t(ctx.lang, "removed", text=removed), workshop_id=ctx.wid),
            card_reply(ctx, kind=Kind.CARD_EDIT)]


def on_map(ctx: Ctx) -> list[Reply]:
    """The journey map of what exists now."""
    ws = resolve(ctx)
    assert ws is not None
    snap = build_snapshot(session=ctx.session, workshop=ws)
    return [Reply(text=t(ctx.lang, "caption-map"), attachment=Attachment("map", snap, ctx.lang),
                  workshop_id=ws.id)]


def on_actions(ctx: Ctx) -> list[Reply]:
    """The prioritised action plan and the matrix."""
    ws = resolve(ctx)
    assert ws is not None
    snap = build_snapshot(session=ctx.session, workshop=ws)
    replies = [Reply(text=chunk, workshop_id=ws.id)
               for chunk in cards.plan_texts(snap.actions, snap.title, ctx.lang)]
    if snap.actions:
        replies.append(Reply(text=t(ctx.lang, "caption-matrix"),
                             attachment=Attachment("matrix", snap, ctx.lang), workshop_id=ws.id))
    return replies


def on_export(ctx: Ctx) -> list[Reply]:
    """The report (PDF), the plan (Excel, CSV, calendar), Markdown, Mermaid and lossless JSON."""
    ws = resolve(ctx)
    assert ws is not None
    snap = build_snapshot(session=ctx.session, workshop=ws)
    lossless = transfer.export_bytes(ctx.session, ws.id or 0)
    return [Reply(text=t(ctx.lang, f"caption-{kind}"),
                  attachment=Attachment(kind, snap, ctx.lang,
                                        transfer=lossless if kind == "json" else None),
                  workshop_id=ws.id)
            for kind in outputs.export_kinds(snap)]


def on_lang(ctx: Ctx) -> list[Reply]:
    """Switch language: the workshop's (facilitator, in its group) or my own (private)."""
    choice = ctx.cmd.text.strip().lower()
    ws = resolve(ctx, required=not ctx.cmd.private)
    if choice not in LANGUAGES:
        rows = [[buttons.make(label, "ln", ctx.wid if ws else 0, code)
                 for code, label in (("nl", "Nederlands"), ("en", "English"))]]
        return [Reply(text=t(ctx.lang, "lang-choose"), buttons=rows)]
    if ctx.cmd.private:
        ctx.person.language = choice
        ctx.lang = choice
        return [Reply(text=t(choice, "lang-set-me"))]
    require_facilitator(ctx)
    ctx.ws.language = choice
    store.relabel_stages(session=ctx.session, workshop=ctx.ws)
    store.touch(ctx.ws)
    ctx.lang = choice
    return [Reply(text=t(choice, "lang-set-workshop")), card_reply(ctx)]


def on_stages(ctx: Ctx) -> list[Reply]:
    """Show or change the stage model: 5, 7 or a custom comma-separated list."""
    resolve(ctx)
    text = ctx.cmd.text.strip()
    labels = [s.label for s in store.stages_of(session=ctx.session, workshop_id=ctx.wid)]
    if not text:
        rows = [[buttons.make(t(ctx.lang, "btn-model-five"), "sm", ctx.wid, "five"),
                 buttons.make(t(ctx.lang, "btn-model-seven"), "sm", ctx.wid, "seven")]]
        return [Reply(text=t(ctx.lang, "stages-show", stages=stages.describe(labels),
                             explain=t(ctx.lang, "stage-models-explain")), buttons=rows)]
    require_facilitator(ctx)
    return _set_model(ctx, text)


def _set_model(ctx: Ctx, text: str) -> list[Reply]:
    try:
        model, custom = stages.parse_model(text)
        rows = store.set_stages(session=ctx.session, workshop=ctx.ws, model=model, custom=custom)
    except stages.StageModelError as e:
        raise UserError(e.key, **e.args_) from None
    store.touch(ctx.ws)
    return [Reply(text=t(ctx.lang, "stages-set", stages=stages.describe([s.label for s in rows])),
                  dest=Dest.WORKSHOP, workshop_id=ctx.wid), card_reply(ctx, kind=Kind.CARD_EDIT)]


def on_cancel(ctx: Ctx) -> list[Reply]:
    """Drop my open follow-up questions; stored entries stay."""
    ws = resolve(ctx, required=False, register=False)
    dropped = 0
    if ws is not None and ctx.member is not None:
        dropped = store.clear_pending(session=ctx.session, workshop_id=ctx.wid,
                                      member_id=ctx.member.id or 0)
    return [Reply(text=t(ctx.lang, "cancelled" if dropped else "cancel-nothing"))]


def on_renew(ctx: Ctx) -> list[Reply]:
    """A new join code; the old link stops working."""
    resolve(ctx)
    require_facilitator(ctx)
    ctx.ws.join_code = store.new_join_code()
    link = ctx.engine.join_link(ctx.ws.join_code)
    return [Reply(text=t(ctx.lang, "renewed", link=link))]


def on_promote(ctx: Ctx) -> list[Reply]:
    """Make a member co-facilitator (by @handle)."""
    resolve(ctx)
    require_facilitator(ctx)
    handle = ctx.cmd.text.strip().lstrip("@")
    for m, p in store.members_with_people(session=ctx.session, workshop_id=ctx.wid):
        if handle and p.handle and p.handle.lower() == handle.lower():
            m.role = Role.FACILITATOR
            return [Reply(text=t(ctx.lang, "promoted", name="@" + p.handle), dest=Dest.WORKSHOP)]
    raise UserError("promote-unknown", name=clip(handle or "?", 40))


def on_forget(ctx: Ctx) -> list[Reply]:
    """Erase my personal data: name, handle and identity; my entries stay, anonymous."""
    p = ctx.person
    p.display_name = t(ctx.lang, "forgotten-name")
    p.handle = None
    p.external_id = None
    p.language = None
    p.active_workshop_id = None
    for q in ctx.session.exec(select(PendingQuestion).join(
            Member, col(Member.id) == col(PendingQuestion.member_id))
            .where(Member.person_id == p.id)).all():
        ctx.session.delete(q)
    return [Reply(text=t(ctx.lang, "forgot"))]


def on_delete(ctx: Ctx) -> list[Reply]:
    """Ask the facilitator to confirm deleting the workshop."""
    resolve(ctx)
    require_facilitator(ctx)
    return [Reply(text=t(ctx.lang, "delete-confirm", title=ctx.ws.title),
                  buttons=[[buttons.make(t(ctx.lang, "btn-delete"), "dl", ctx.wid)]])]


def _deleted(ctx: Ctx) -> list[Reply]:
    require_facilitator(ctx)
    title = ctx.ws.title
    ctx.session.delete(ctx.ws)
    return [Reply(text=t(ctx.lang, "deleted", title=title))]


def on_button(ctx: Ctx) -> list[Reply]:
    """A pressed button: decoded, checked against who may press it and whether it expired."""
    pressed = buttons.parse(ctx.cmd.text)
    if pressed.verb == "ln" and pressed.workshop_id == 0 and ctx.cmd.private:
        ctx.person.language = pressed.args[0] if pressed.args[0] in LANGUAGES else ctx.lang
        return [Reply(text=t(ctx.person.language or ctx.lang, "lang-set-me"), kind=Kind.ALERT)]
    ctx.cmd = replace(ctx.cmd, workshop_id=pressed.workshop_id)
    resolve(ctx)
    handler = BUTTONS.get(pressed.verb)
    if handler is None:
        raise UserError("button-unknown")
    return handler(ctx, pressed)


def _expired_unless(ctx: Ctx, step_number: int) -> None:
    if ctx.ws.current_step != step_number:
        raise UserError("button-expired", step=ctx.ws.current_step)


def _b_next(ctx: Ctx, p: buttons.Pressed) -> list[Reply]:
    _expired_unless(ctx, p.int_arg(0))
    return on_next(ctx)


def _b_back(ctx: Ctx, p: buttons.Pressed) -> list[Reply]:
    _expired_unless(ctx, p.int_arg(0))
    return on_back(ctx)


def _b_model(ctx: Ctx, p: buttons.Pressed) -> list[Reply]:
    require_facilitator(ctx)
    return _set_model(ctx, "5" if p.args[:1] == ("five",) else "7")


def _b_target(ctx: Ctx, p: buttons.Pressed) -> list[Reply]:
    _expired_unless(ctx, 3)
    require_active(ctx)
    e = ctx.session.get(Entry, p.int_arg(0))
    if e is None or e.workshop_id != ctx.wid or e.kind != EntryKind.PERSONA:
        raise UserError("button-unknown")
    e.is_target = not e.is_target
    store.touch(ctx.ws)
    key = "target-marked" if e.is_target else "target-unmarked"
    return [Reply(text=t(ctx.lang, key, name=clip(e.text, 60)), kind=Kind.ALERT),
            card_reply(ctx, kind=Kind.CARD_EDIT)]


def _b_focus(ctx: Ctx, p: buttons.Pressed) -> list[Reply]:
    _expired_unless(ctx, p.int_arg(0))
    count = len(store.stages_of(session=ctx.session, workshop_id=ctx.wid))
    ctx.ws.focus_stage = max(0, min(p.int_arg(1), count - 1))
    return [card_reply(ctx, kind=Kind.CARD_EDIT)]


def _b_score(ctx: Ctx, p: buttons.Pressed) -> list[Reply]:
    kind = ScoreKind.CURRENT if p.verb == "sc" else ScoreKind.IDEAL
    _expired_unless(ctx, 5 if kind is ScoreKind.CURRENT else 7)
    require_active(ctx)
    stage = ctx.session.get(Stage, p.int_arg(0))
    score = p.int_arg(1)
    if stage is None or stage.workshop_id != ctx.wid or not 1 <= score <= 5:
        raise UserError("button-unknown")
    assert ctx.member is not None
    store.set_score(session=ctx.session, workshop_id=ctx.wid, stage_id=stage.id or 0,
                    member_id=ctx.member.id or 0, kind=kind, score=score)
    store.touch(ctx.ws)
    key = "entry-score" if kind is ScoreKind.CURRENT else "entry-ideal"
    return [Reply(text=t(ctx.lang, key, stage=stage.label, score=score), kind=Kind.ALERT),
            card_reply(ctx, kind=Kind.CARD_EDIT)]


def _b_answer(ctx: Ctx, p: buttons.Pressed) -> list[Reply]:
    q = ctx.session.get(PendingQuestion, p.int_arg(0))
    if q is None or q.workshop_id != ctx.wid:
        raise UserError("question-expired")
    if ctx.member is None or q.member_id != ctx.member.id:
        raise UserError("question-not-yours")
    value = p.args[1] if len(p.args) > 1 else ""
    return outcome_replies(ctx, entries.answer(ctx.entry_ctx(), q, value))


def _b_switch(ctx: Ctx, p: buttons.Pressed) -> list[Reply]:
    if ctx.member is None:
        raise UserError("not-member")
    ctx.person.active_workshop_id = ctx.wid
    return [Reply(text=t(ctx.lang, "workshop-active", title=ctx.ws.title)),
            cards.card(ctx.session, ctx.ws, ctx.lang)]


def _b_lang(ctx: Ctx, p: buttons.Pressed) -> list[Reply]:
    ctx.cmd = replace(ctx.cmd, text=p.args[0] if p.args else "")
    return on_lang(ctx)


def on_remind(ctx: Ctx) -> list[Reply]:
    """Show or set this workshop's reminder offsets (facilitator): '3d,1d,0m' or 'off'."""
    resolve(ctx)
    text = ctx.cmd.text.strip()
    ws = ctx.ws
    if text:
        require_facilitator(ctx)
        if text.lower() in (reminders.OFF, "uit"):
            ws.reminder_offsets = reminders.OFF
        else:
            ws.reminder_offsets = reminders.format_offsets(reminders.parse_offsets(text))
        _resync_all(ctx)
        store.touch(ws)
    offsets = reminders.offsets_of(ws, ctx.engine.reminder_offsets)
    key = "remind-set" if text else "remind-show"
    if not offsets:
        return [Reply(text=t(ctx.lang, "remind-off" if text else "remind-off-show"),
                      workshop_id=ctx.wid)]
    return [Reply(text=t(ctx.lang, key, offsets=reminders.format_offsets(offsets)),
                  workshop_id=ctx.wid)]


def _resync_all(ctx: Ctx) -> None:
    for action in store.actions(session=ctx.session, workshop_id=ctx.wid):
        reminders.resync(ctx.session, action, ctx.ws, ctx.now, ctx.engine.reminder_offsets)


def on_digest(ctx: Ctx) -> list[Reply]:
    """Show or switch the weekly digest in the workshop's group (facilitator): on | off."""
    resolve(ctx)
    text = ctx.cmd.text.strip().lower()
    if text in ("on", "aan", "off", "uit"):
        require_facilitator(ctx)
        ctx.ws.digest_enabled = text in ("on", "aan")
        return [Reply(text=t(ctx.lang, "digest-set-on" if ctx.ws.digest_enabled
                             else "digest-set-off"), workshop_id=ctx.wid)]
    if text:
        raise UserError("digest-usage")
    return [Reply(text=t(ctx.lang, "digest-is-on" if ctx.ws.digest_enabled else "digest-is-off"),
                  workshop_id=ctx.wid)]


def on_timebox(ctx: Ctx) -> list[Reply]:
    """Timebox the current step (facilitator): /timebox <minutes> [auto|ask] or off."""
    resolve(ctx)
    require_facilitator(ctx)
    require_active(ctx)
    words = ctx.cmd.text.lower().split()
    ws = ctx.ws
    if words[:1] in (["off"], ["uit"], ["stop"]):
        reminders.clear_timebox(ws)
        store.touch(ws)
        return [Reply(text=t(ctx.lang, "timebox-off"), dest=Dest.WORKSHOP, workshop_id=ctx.wid),
                card_reply(ctx, kind=Kind.CARD_EDIT)]
    if (not words or len(words) > 2 or not parsing.is_number(words[0])
            or not 1 <= int(words[0]) <= reminders.MAX_TIMEBOX_MINUTES
            or words[1:] not in ([], ["auto"], ["ask"], ["vraag"])):
        raise UserError("timebox-usage")
    minutes = int(words[0])
    ws.timebox_ends_at = ctx.now + timedelta(minutes=minutes)
    ws.timebox_step = ws.current_step
    ws.timebox_auto = words[1:] == ["auto"]
    # A box of a minute or less gets no separate one-minute warning.
    ws.timebox_warned = minutes <= 1
    store.touch(ws)
    key = "timebox-set-auto" if ws.timebox_auto else "timebox-set-ask"
    return [Reply(text=t(ws.language, key, minutes=minutes), dest=Dest.WORKSHOP,
                  workshop_id=ctx.wid), card_reply(ctx, kind=Kind.CARD_EDIT)]


def _reminded_action(ctx: Ctx, p: buttons.Pressed) -> Action:
    """The action a reminder button is about; only its owner or a facilitator may press."""
    action = ctx.session.get(Action, p.int_arg(0))
    if action is None or action.workshop_id != ctx.wid:
        raise UserError("remind-action-gone")
    is_facilitator = ctx.member is not None and ctx.member.role == Role.FACILITATOR
    if not is_facilitator and (ctx.member is None or action.owner_id != ctx.member.id):
        raise UserError("remind-not-owner")
    return action


def _b_done(ctx: Ctx, p: buttons.Pressed) -> list[Reply]:
    action = _reminded_action(ctx, p)
    action.status = ActionStatus.DONE
    action.done_at = ctx.now
    action.updated_at = ctx.now
    entries.resync(ctx.entry_ctx(), action)
    store.touch(ctx.ws)
    return [Reply(text=t(ctx.lang, "remind-done-ok", action=clip(action.title, 80)),
                  workshop_id=ctx.wid), card_reply(ctx, kind=Kind.CARD_EDIT)]


def _b_snooze(ctx: Ctx, p: buttons.Pressed) -> list[Reply]:
    action = _reminded_action(ctx, p)
    days = p.int_arg(1)
    if days not in (1, 7):
        raise UserError("button-unknown")
    if action.status != ActionStatus.OPEN:
        raise UserError("remind-not-open")
    when = reminders.snooze(ctx.session, action, ctx.now, days)
    local = when.astimezone(ZoneInfo(ctx.ws.timezone))
    return [Reply(text=t(ctx.lang, "remind-snoozed",
                         when=due(local.date(), local.time(), ctx.lang)), workshop_id=ctx.wid)]


def _b_blocked(ctx: Ctx, p: buttons.Pressed) -> list[Reply]:
    action = _reminded_action(ctx, p)
    assert ctx.member is not None
    store.drop_pending_for_target(session=ctx.session, field_prefix="action_blocked",
                                  target_id=action.id or 0)
    q = PendingQuestion(workshop_id=ctx.wid, member_id=ctx.member.id or 0,
                        field="action_blocked_reason", target_id=action.id or 0)
    ctx.session.add(q)
    # The reason comes as the next private text: it must land in this workshop.
    ctx.person.active_workshop_id = ctx.wid
    ctx.session.flush()
    skip = buttons.make(t(ctx.lang, "btn-skip"), "pq", ctx.wid, q.id, "skip")
    return [Reply(text=t(ctx.lang, "ask-action-blocked-reason", title=clip(action.title, 80)),
                  buttons=[[skip]], force_reply=True, workshop_id=ctx.wid)]


BUTTONS = {
    "rd": _b_done, "rs": _b_snooze, "rb": _b_blocked,
    "nx": _b_next, "bk": _b_back, "sm": _b_model, "tg": _b_target, "fs": _b_focus,
    "sc": _b_score, "si": _b_score, "pq": _b_answer, "ws": _b_switch, "ln": _b_lang,
    "st": lambda ctx, p: on_status(ctx), "hp": lambda ctx, p: on_help(ctx),
    "mp": lambda ctx, p: on_map(ctx), "ac": lambda ctx, p: on_actions(ctx),
    "ex": lambda ctx, p: on_export(ctx), "dl": lambda ctx, p: _deleted(ctx),
}

TABLE: dict[Verb, Handler] = {
    Verb.START: on_start, Verb.HELP: on_help, Verb.NEW: on_new, Verb.JOIN: on_join,
    Verb.WORKSHOPS: on_workshops, Verb.STATUS: on_status, Verb.NEXT: on_next,
    Verb.BACK: on_back, Verb.STEP: on_step, Verb.TEXT: on_text, Verb.BUTTON: on_button,
    Verb.UNDO: on_undo, Verb.REMOVE: on_remove, Verb.FINISH: on_finish, Verb.MAP: on_map,
    Verb.ACTIONS: on_actions, Verb.EXPORT: on_export, Verb.LANG: on_lang,
    Verb.STAGES: on_stages, Verb.CANCEL: on_cancel, Verb.RENEW: on_renew,
    Verb.PROMOTE: on_promote, Verb.FORGET: on_forget, Verb.DELETE: on_delete,
    Verb.CARD: on_card, Verb.REMIND: on_remind, Verb.DIGEST: on_digest,
    Verb.TIMEBOX: on_timebox,
}
