"""Follow-up after the session: reminder moments, the digest, timeboxes and reminder buttons."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from cjworkflow.errors import UserError
from cjworkflow.flow import buttons, entry_context
from cjworkflow.flow.context import Ctx, card_reply, require_active, require_facilitator
from cjworkflow.i18n import t
from cjworkflow.i18n.fmt import clip, due
from cjworkflow.messages import Dest, Kind, Reply
from cjworkflow.reading import parsing
from cjworkflow.schedule import reminders, timeboxes
from cjworkflow.storage import store
from cjworkflow.storage.models import (
    Action,
    ActionStatus,
    PendingQuestion,
    Role,
)


def on_remind(ctx: Ctx) -> list[Reply]:
    """Show or set this workshop's reminder offsets (facilitator): '3d,1d,0m' or 'off'."""
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
    require_active(ctx)
    words = ctx.cmd.text.lower().split()
    ws = ctx.ws
    if words[:1] in (["off"], ["uit"], ["stop"]):
        timeboxes.clear_timebox(ws)
        store.touch(ws)
        return [Reply(text=t(ctx.lang, "timebox-off"), dest=Dest.WORKSHOP, workshop_id=ctx.wid),
                card_reply(ctx, kind=Kind.CARD_EDIT)]
    if (not words or len(words) > 2 or not parsing.is_number(words[0])
            or not 1 <= int(words[0]) <= timeboxes.MAX_TIMEBOX_MINUTES
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


def press_done(ctx: Ctx, p: buttons.Pressed) -> list[Reply]:
    """Done ✅ on a reminder: the action is closed and its reminders dropped."""
    action = _reminded_action(ctx, p)
    action.status = ActionStatus.DONE
    action.done_at = ctx.now
    action.updated_at = ctx.now
    entry_context.resync(ctx.entry_ctx(), action)
    store.touch(ctx.ws)
    return [Reply(text=t(ctx.lang, "remind-done-ok", action=clip(action.title, 80)),
                  workshop_id=ctx.wid), card_reply(ctx, kind=Kind.CARD_EDIT)]


def press_snooze(ctx: Ctx, p: buttons.Pressed) -> list[Reply]:
    """Later on a reminder: remind again after a day or a week."""
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


def press_blocked(ctx: Ctx, p: buttons.Pressed) -> list[Reply]:
    """Blocked on a reminder: ask the owner for a short reason."""
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
