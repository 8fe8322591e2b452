"""The workshop flow: one small handler per verb (creating, joining, steering, entries, outputs).

The verb table (flow.verbs) finds the workshop and checks facilitators before a handler runs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from cjworkflow.errors import UserError
from cjworkflow.flow import buttons, cards
from cjworkflow.flow.context import Ctx, addressed, card_reply, outcome_replies, require_active
from cjworkflow.flow.template_buttons import templates_offered
from cjworkflow.i18n import t
from cjworkflow.i18n.fmt import clip
from cjworkflow.members import rules
from cjworkflow.messages import Attachment, Dest, Kind, Reply
from cjworkflow.outputs import produce as outputs
from cjworkflow.reading import parsing
from cjworkflow.safety import removal
from cjworkflow.schedule import reminders, timeboxes
from cjworkflow.snapshot import WorkshopSnapshot
from cjworkflow.steps import FIRST, LAST, coaching, entries, followups, stages, step
from cjworkflow.steps.progress import StoredProgress
from cjworkflow.storage import persons, store, surveys, transfer, workshops
from cjworkflow.storage.models import (
    Action,
    Role,
    WorkshopStatus,
)
from cjworkflow.storage.readmodel import build_snapshot
from cjworkflow.voice import survey
from cjworkflow.voice.status import finish_hint

MAX_TITLE = 200


def on_start(ctx: Ctx) -> list[Reply]:
    """Private welcome; with a code (a deep link's payload) it joins a workshop."""
    if ctx.cmd.text.strip():
        return on_join(ctx)
    return [Reply(text=t(ctx.lang, "welcome", examples=t(ctx.lang, "journey-examples")),
                  buttons=[[buttons.make(t(ctx.lang, "btn-templates"), "tl", 0)]])]


def on_help(ctx: Ctx) -> list[Reply]:
    """The cheat sheet, plus the current step's syntax when in a workshop."""
    ws = ctx.workshop
    text = t(ctx.lang, "help")
    if ctx.cmd.bot_username:
        text += "\n" + t(ctx.lang, "help-bot-name", bot=ctx.cmd.bot_username)
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
        # The journey templates are offered as buttons below the question.
        return [Reply(text=t(ctx.lang, "new-needs-title",
                             examples=t(ctx.lang, "journey-examples")),
                      buttons=templates_offered(ctx.lang))]
    if len(title) > MAX_TITLE:
        raise UserError("new-title-too-long", max=MAX_TITLE)
    return new_workshop(ctx, title)


def new_workshop(ctx: Ctx, title: str, *, model: str = "five", custom: Sequence[str] = (),
                 seed: Callable[[Ctx], str] | None = None) -> list[Reply]:
    """A new workshop titled title with a stage model; seed adds its first content (a
    template's) and says so in the introduction."""
    if not ctx.cmd.private:
        # A group's running workshop is replaced only by one of its facilitators.
        current = workshops.workshop_for_chat(session=ctx.session, chat_ref=ctx.cmd.chat_ref)
        if current is not None and current.status == WorkshopStatus.ACTIVE:
            mine = persons.member_of(session=ctx.session, workshop_id=current.id or 0,
                                     person_id=ctx.person.id or 0)
            if mine is None or mine.role != Role.FACILITATOR:
                raise UserError("new-group-busy", title=current.title).speaking(
                    current.language)
    ws, member = workshops.create_workshop(
        session=ctx.session, title=title, creator=ctx.person, language=ctx.lang,
        timezone=ctx.engine.default_timezone,
        chat_ref=None if ctx.cmd.private else ctx.cmd.chat_ref, stage_model=model,
        custom=custom)
    ctx = replace(ctx, workshop=ws, member=member)
    seeded = seed(ctx) if seed is not None else None
    ctx.person.active_workshop_id = ws.id
    labels = [s.label for s in workshops.stages_of(session=ctx.session, workshop_id=ws.id or 0)]
    wid = ws.id or 0
    text = t(ctx.lang, "new-created", title=title, stages=stages.describe(labels),
             link=ctx.engine.join_link(ws.join_code))
    if not ctx.cmd.private:  # plain @mentions never reach a bot in privacy mode
        text += "\n" + t(ctx.lang, "group-how-to-add")
    if seeded:
        text += "\n" + seeded
    tip = coaching.title_tip(title, ctx.lang)
    text += "\n" + tip if tip else ""
    intro = Reply(
        text=text,
        buttons=[[buttons.make(t(ctx.lang, "btn-model-five"), "sm", wid, "five"),
                  buttons.make(t(ctx.lang, "btn-model-seven"), "sm", wid, "seven")]],
        dest=Dest.WORKSHOP, workshop_id=wid)
    return addressed(ctx, [intro, card_reply(ctx)])


def on_join(ctx: Ctx) -> list[Reply]:
    """Join a workshop by its code; it becomes the person's active workshop."""
    code = ctx.cmd.text.strip()
    if not ctx.cmd.private:
        # Joining answers with the workshop's card: in another group its members would see
        # a workshop they are not part of. Deep links open a private chat anyway.
        raise UserError("join-in-private")
    if surveys.is_survey_code(code):
        return addressed(ctx, survey.open_link(ctx, code))  # a customer: never a member
    ws = workshops.workshop_by_code(session=ctx.session, code=code) if code else None
    if ws is None:
        raise UserError("join-unknown-code")
    # The join code lets anyone in: also someone who left or was removed (see /renew).
    member = rules.admit(ctx.session, ws.id or 0, ctx.person)
    ctx.person.active_workshop_id = ws.id
    ctx = replace(ctx, workshop=ws, member=member, lang=ctx.person.language or ws.language)
    welcome = Reply(text=t(ctx.lang, "join-welcome", title=ws.title), workshop_id=ws.id)
    mine = cards.card(ctx.session, ws, ctx.lang)
    return addressed(ctx, [welcome, mine])


def on_workshops(ctx: Ctx) -> list[Reply]:
    """List my workshops; a button makes one active."""
    rows = [(ws, m) for ws, m in persons.workshops_of(session=ctx.session,
                                                       person_id=ctx.person.id or 0)
            if rules.active(m)]  # not those they left or were removed from
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
    ws = ctx.ws
    return [Reply(text=cards.status_text(ctx.session, ws, ctx.lang), workshop_id=ws.id)]


def on_card(ctx: Ctx) -> list[Reply]:
    """Send the current step card again (it becomes the living card)."""
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
    timeboxes.clear_timebox(ws)
    store.touch(ws)
    return [card_reply(ctx, note=note)]


def _enough(ctx: Ctx, number: int) -> bool:
    st = step(number)
    return st.enough(StoredProgress(ctx.session, ctx.wid), st)


def on_next(ctx: Ctx) -> list[Reply]:
    """Advance one step (facilitator); on step 8 it finishes the workshop."""
    if ctx.ws.current_step >= LAST:
        return on_finish(ctx)
    return move(ctx, ctx.ws.current_step + 1)


def on_back(ctx: Ctx) -> list[Reply]:
    """Go back one step (facilitator)."""
    if ctx.ws.current_step <= FIRST:
        raise UserError("back-at-first")
    return move(ctx, ctx.ws.current_step - 1)


def on_step(ctx: Ctx) -> list[Reply]:
    """Jump to step N (facilitator)."""
    text = ctx.cmd.text.strip()
    if not parsing.is_number(text) or not FIRST <= int(text) <= LAST:
        raise UserError("step-number", last=LAST)
    return move(ctx, int(text))


def on_finish(ctx: Ctx) -> list[Reply]:
    """Finish after step 8: the map, the matrix and the prioritised plan."""
    if ctx.ws.current_step < LAST:
        raise UserError("finish-too-early", step=ctx.ws.current_step, last=LAST)
    return finish_replies(ctx)


def finish_replies(ctx: Ctx) -> list[Reply]:
    """Finish the workshop: the map, the matrix and the plan into its group."""
    timeboxes.clear_timebox(ctx.ws)
    workshops.finish(ctx.ws)
    ctx.session.flush()
    snap = build_snapshot(session=ctx.session, workshop=ctx.ws)
    lang, wid = ctx.ws.language, ctx.wid
    done = t(lang, "finished", title=ctx.ws.title) + "\n" + finish_hint(ctx.session, ctx.ws, lang)
    out = [Reply(text=done, dest=Dest.WORKSHOP, workshop_id=wid),
           Reply(text=t(lang, "caption-map"), attachment=Attachment("map", snap, lang),
                 dest=Dest.WORKSHOP, workshop_id=wid),
           Reply(text=t(lang, "caption-matrix"), attachment=Attachment("matrix", snap, lang),
                 dest=Dest.WORKSHOP, workshop_id=wid)]
    plan, whole = cards.plan_parts(snap.actions, snap.title, lang)
    for i, chunk in enumerate(plan):
        last = i == len(plan) - 1
        kb = [[buttons.make(t(lang, "btn-export"), "ex", wid)]] if last else []
        out.append(Reply(text=chunk, buttons=kb, dest=Dest.WORKSHOP, workshop_id=wid))
    if whole is not None:
        out.append(plan_file(snap, lang, whole, dest=Dest.WORKSHOP))
    return out


def plan_file(snap: WorkshopSnapshot, lang: str, whole: bytes,
              dest: Dest = Dest.ORIGIN) -> Reply:
    """The whole action plan as a text file (a long plan's messages would flood the chat)."""
    return Reply(text=t(lang, "caption-plan"), attachment=Attachment("plan", snap, lang,
                                                                    transfer=whole),
                 dest=dest, workshop_id=snap.id)


def on_text(ctx: Ctx) -> list[Reply]:
    """An entry (one per line) for the current step, or the answer to a follow-up."""
    ectx = ctx.entry_ctx()
    member_id = ectx.member.id or 0
    # Most text is an entry: knowing there are no questions spares loading them.
    has_pending = ctx.pending
    if has_pending is None:
        has_pending = store.has_pending(session=ctx.session, workshop_id=ctx.wid,
                                        member_id=member_id)
    pending = followups.current_questions(ectx) if has_pending else []
    if pending:
        return outcome_replies(ctx, followups.answer(ectx, pending[0], ctx.cmd.text))
    require_active(ctx)
    ref = ctx.cmd.source_ref or f"cmd:{ctx.now.timestamp()}"
    return outcome_replies(ctx, entries.add_lines(ectx, ctx.cmd.text, ref))


def on_undo(ctx: Ctx) -> list[Reply]:
    """Put back what I removed last, or else remove my most recent entry or action."""
    trash = removal.trash_of(ctx.engine)
    person_id = ctx.person.id or 0
    removed = removal.undoable(ctx.session, ctx.ws, ctx.member, trash, person_id, ctx.now)
    if removed is not None:
        trash.drop(ctx.wid, person_id, removed)
        row = removal.restore(ctx.session, ctx.ws, removed)
        if isinstance(row, Action):
            reminders.resync(ctx.session, row, ctx.ws, ctx.now, ctx.engine.reminder_offsets)
        return [Reply(text=t(ctx.lang, "restored", text=removed.text), workshop_id=ctx.wid),
                card_reply(ctx, kind=Kind.CARD_EDIT)]
    row = removal.mine_last(ctx.session, ctx.wid, ctx.member.id if ctx.member else None)
    if row is None:
        raise UserError("undo-nothing")
    text = removal.delete(ctx.session, ctx.ws, row)
    return [Reply(text=t(ctx.lang, "removed", text=text), workshop_id=ctx.wid),
            card_reply(ctx, kind=Kind.CARD_EDIT)]


def on_remove(ctx: Ctx) -> list[Reply]:
    """Ask to confirm removing entry N of the current step, showing its text."""
    item = removal.pick(ctx.session, ctx.ws, ctx.lang, ctx.cmd.text)
    removal.check_may_remove(ctx.member, item.obj)
    # The number may already point elsewhere than on the card the person read: the text
    # shows what it is now, and the button removes exactly that row.
    return [Reply(text=t(ctx.lang, "remove-confirm", number=item.number, text=item.text),
                  buttons=[[removal.confirm_button(ctx.lang, ctx.wid, item.obj)]],
                  workshop_id=ctx.wid)]


def press_remove(ctx: Ctx, pressed: buttons.Pressed) -> list[Reply]:
    """The confirmed removal: that row, kept so that /undo can put it back."""
    row = removal.pressed_row(ctx.session, ctx.ws, pressed)
    removal.check_may_remove(ctx.member, row)
    removed = removal.remove(ctx.session, ctx.ws, row, member=ctx.member, now=ctx.now,
                             trash=removal.trash_of(ctx.engine), person_id=ctx.person.id or 0)
    return [Reply(text=t(ctx.lang, "removed-undo", text=removed.text), workshop_id=ctx.wid),
            card_reply(ctx, kind=Kind.CARD_EDIT)]


def on_map(ctx: Ctx) -> list[Reply]:
    """The journey map of what exists now."""
    ws = ctx.ws
    snap = build_snapshot(session=ctx.session, workshop=ws)
    return [Reply(text=t(ctx.lang, "caption-map"), attachment=Attachment("map", snap, ctx.lang),
                  workshop_id=ws.id)]


def on_actions(ctx: Ctx) -> list[Reply]:
    """The prioritised action plan and the matrix."""
    ws = ctx.ws
    snap = build_snapshot(session=ctx.session, workshop=ws)
    texts, whole = cards.plan_parts(snap.actions, snap.title, ctx.lang)
    replies = [Reply(text=chunk, workshop_id=ws.id) for chunk in texts]
    if whole is not None:
        replies.append(plan_file(snap, ctx.lang, whole))
    if snap.actions:
        replies.append(Reply(text=t(ctx.lang, "caption-matrix"),
                             attachment=Attachment("matrix", snap, ctx.lang), workshop_id=ws.id))
    return replies


def on_export(ctx: Ctx) -> list[Reply]:
    """The report (PDF), the plan (Excel, CSV, calendar), Markdown, Mermaid and lossless JSON."""
    ws = ctx.ws
    snap = build_snapshot(session=ctx.session, workshop=ws)
    # The file may travel further than the group: nobody's Telegram id but the asker's own.
    lossless = transfer.export_bytes(ctx.session, ws.id or 0, asker=ctx.person.external_id)
    return [Reply(text=t(ctx.lang, f"caption-{kind}"),
                  attachment=Attachment(kind, snap, ctx.lang,
                                        transfer=lossless if kind == "json" else None),
                  workshop_id=ws.id)
            for kind in outputs.export_kinds(snap)]
