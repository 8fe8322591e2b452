"""The method's coaching: /rename (a journey title as the customer lives it) and the action
step's make-an-action buttons."""

from __future__ import annotations

from cjworkflow.errors import UserError
from cjworkflow.flow import buttons
from cjworkflow.flow.card_context import KINDS
from cjworkflow.flow.context import Ctx, card_reply, outcome_replies, require_active
from cjworkflow.flow.entry_context import Outcome, ask, resync, summary
from cjworkflow.flow.handlers import MAX_TITLE
from cjworkflow.i18n import t
from cjworkflow.i18n.fmt import clip
from cjworkflow.limits.room import Room
from cjworkflow.messages import Dest, Kind, Reply
from cjworkflow.steps import ACTION_STEP
from cjworkflow.steps.action_lines import MAX_ACTION_TITLE
from cjworkflow.steps.checks import refuse_unasked
from cjworkflow.steps.coaching import title_tip
from cjworkflow.steps.followups import next_question
from cjworkflow.storage import store
from cjworkflow.storage.models import Action, Entry


def on_rename(ctx: Ctx) -> list[Reply]:
    """Give the workshop's journey a new title (facilitators); a company-side title gets a tip."""
    title = " ".join(ctx.cmd.text.split())
    if not title:
        raise UserError("rename-needs-title")
    if len(title) > MAX_TITLE:
        raise UserError("new-title-too-long", max=MAX_TITLE)
    ctx.ws.title = title
    store.touch(ctx.ws)
    text = t(ctx.lang, "renamed", title=title)
    tip = title_tip(title, ctx.lang)
    return [Reply(text=text + ("\n" + tip if tip else ""), dest=Dest.WORKSHOP,
                  workshop_id=ctx.wid),
            card_reply(ctx, kind=Kind.CARD_EDIT)]


def press_to_action(ctx: Ctx, p: buttons.Pressed) -> list[Reply]:
    """A context line made into an action; its impact, effort, owner and deadline are asked."""
    if ctx.ws.current_step != ACTION_STEP.number:
        raise UserError("button-expired", step=ctx.ws.current_step)
    require_active(ctx)
    e = ctx.session.get(Entry, p.int_arg(0))
    if e is None or e.workshop_id != ctx.wid or e.kind not in KINDS:
        raise UserError("button-unknown")
    ectx = ctx.entry_ctx()
    title = clip(" ".join(e.text.split()), MAX_ACTION_TITLE)
    refuse_unasked(ctx.session, ctx.wid, title, lang=ctx.lang, today=ectx.local_now().date())
    Room(ctx.session, ctx.wid).take_action()
    action = Action(workshop_id=ctx.wid, title=title, author_id=ectx.member.id,
                    source_ref=f"context:{e.id}:{ctx.now.timestamp()}")
    ctx.session.add(action)
    ctx.session.flush()
    resync(ectx, action)
    out = Outcome(changed=True, asked=True)
    for field_name in ("action_impact", "action_effort", "action_owner", "action_due"):
        ask(ectx, field_name, action.id or 0)
    out.question = next_question(ectx)
    out.stored.append(summary(ectx, action))
    store.touch(ctx.ws)
    return outcome_replies(ctx, out)
