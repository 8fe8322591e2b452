"""Workshop settings and housekeeping: language, stages, codes, roles, privacy, deletion."""

from __future__ import annotations

from sqlmodel import col, select

from cjworkflow import (
    buttons,
    stages,
    store,
)
from cjworkflow.engine import (
    Ctx,
    card_reply,
    require_facilitator,
    resolve,
)
from cjworkflow.errors import UserError
from cjworkflow.fmt import clip
from cjworkflow.i18n import LANGUAGES, t
from cjworkflow.messages import Dest, Kind, Reply
from cjworkflow.models import (
    Member,
    PendingQuestion,
    Role,
)


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
    return set_stage_model(ctx, text)


def set_stage_model(ctx: Ctx, text: str) -> list[Reply]:
    """Switch to the five or seven phases or a custom list, keeping every entry."""
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


def delete_confirmed(ctx: Ctx) -> list[Reply]:
    """Delete the workshop after the facilitator confirmed with the button."""
    require_facilitator(ctx)
    title = ctx.ws.title
    ctx.session.delete(ctx.ws)
    return [Reply(text=t(ctx.lang, "deleted", title=title))]
