"""Pressed buttons: decoded, checked against who may press them and whether they expired."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from cjworkflow.errors import UserError
from cjworkflow.flow import buttons, cards
from cjworkflow.flow.context import (
    Ctx,
    card_reply,
    outcome_replies,
    require_active,
    require_facilitator,
    resolve,
    within,
)
from cjworkflow.flow.handlers import (
    on_actions,
    on_back,
    on_export,
    on_help,
    on_map,
    on_next,
    on_status,
    press_remove,
)
from cjworkflow.flow.handlers_admin import delete_confirmed, on_lang, press_forget, set_stage_model
from cjworkflow.flow.handlers_facilitation import (
    press_close,
    press_dot,
    press_estimate,
    press_make_action,
)
from cjworkflow.flow.handlers_method import press_to_action
from cjworkflow.flow.handlers_reminders import press_blocked, press_done, press_snooze
from cjworkflow.flow.handlers_templates import press_list, press_pick
from cjworkflow.i18n import LANGUAGES, t
from cjworkflow.i18n.fmt import clip
from cjworkflow.members.commands import press_kick
from cjworkflow.messages import Kind, Reply
from cjworkflow.steps import TARGET_STEP, followups, scoring_step
from cjworkflow.storage import store, workshops
from cjworkflow.storage.models import (
    Entry,
    EntryKind,
    PendingQuestion,
    ScoreKind,
    Stage,
)
from cjworkflow.voice.survey import press_answer, press_no_comment


def on_button(ctx: Ctx) -> list[Reply]:
    """A pressed button: decoded, checked against who may press it and whether it expired."""
    pressed = buttons.parse(ctx.cmd.text)
    if pressed.verb == "ln" and pressed.workshop_id == 0 and ctx.cmd.private:
        choice = pressed.args[0] if pressed.args else ""
        ctx.person.language = choice if choice in LANGUAGES else ctx.lang
        return [Reply(text=t(ctx.person.language or ctx.lang, "lang-set-me"), kind=Kind.ALERT)]
    if pressed.verb in PERSONAL:
        # About the person, across workshops: press_forget checks who and where itself.
        return BUTTONS[pressed.verb](ctx, pressed)
    try:
        ctx = resolve(replace(ctx, cmd=replace(ctx.cmd, workshop_id=pressed.workshop_id)))
    except UserError as e:
        if e.key.startswith("no-workshop"):
            # The button's workshop does not exist (deleted, or a forged id): "there is no
            # workshop in this group" would be wrong where one is running.
            raise UserError("button-unknown") from None
        raise
    return within(ctx, lambda c: _press(c, pressed))


def _press(ctx: Ctx, pressed: buttons.Pressed) -> list[Reply]:
    """A workshop's button pressed, in the context of its workshop."""
    if not ctx.cmd.private and ctx.ws.chat_ref != ctx.cmd.chat_ref:
        # A workshop's buttons live in its own group (or a private chat): one pressed in
        # another group is forged, and would steer the workshop or show it to that group.
        raise UserError("button-unknown")
    handler = BUTTONS.get(pressed.verb)
    if handler is None:
        raise UserError("button-unknown")
    return handler(ctx, pressed)


def _expired_unless(ctx: Ctx, step_number: int) -> None:
    if ctx.ws.current_step != step_number:
        raise UserError("button-expired", step=ctx.ws.current_step)


def _b_next(ctx: Ctx, p: buttons.Pressed) -> list[Reply]:
    _expired_unless(ctx, p.int_arg(0))
    require_facilitator(ctx)
    return on_next(ctx)


def _b_back(ctx: Ctx, p: buttons.Pressed) -> list[Reply]:
    _expired_unless(ctx, p.int_arg(0))
    require_facilitator(ctx)
    return on_back(ctx)


def _b_model(ctx: Ctx, p: buttons.Pressed) -> list[Reply]:
    require_facilitator(ctx)
    models: dict[tuple[str, ...], str] = {("five",): "5", ("seven",): "7"}
    if tuple(p.args) not in models:
        raise UserError("button-unknown")  # not a button the bot made: change nothing
    return set_stage_model(ctx, models[tuple(p.args)])


def _b_target(ctx: Ctx, p: buttons.Pressed) -> list[Reply]:
    _expired_unless(ctx, TARGET_STEP.number)
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
    count = len(workshops.stages_of(session=ctx.session, workshop_id=ctx.wid))
    ctx.ws.focus_stage = max(0, min(p.int_arg(1), count - 1))
    return [card_reply(ctx, kind=Kind.CARD_EDIT)]


def _b_score(ctx: Ctx, p: buttons.Pressed) -> list[Reply]:
    kind = ScoreKind.CURRENT if p.verb == "sc" else ScoreKind.IDEAL
    _expired_unless(ctx, scoring_step(kind).number)
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
    return outcome_replies(ctx, followups.answer(ctx.entry_ctx(), q, value))


def _b_switch(ctx: Ctx, p: buttons.Pressed) -> list[Reply]:
    if ctx.member is None:
        raise UserError("not-member")
    ctx.person.active_workshop_id = ctx.wid
    return [Reply(text=t(ctx.lang, "workshop-active", title=ctx.ws.title)),
            cards.card(ctx.session, ctx.ws, ctx.lang)]


def _b_lang(ctx: Ctx, p: buttons.Pressed) -> list[Reply]:
    return on_lang(replace(ctx, cmd=replace(ctx.cmd, text=p.args[0] if p.args else "")))


# The press handler of each kind in the button table (flow.buttons.KINDS), one each.
BUTTONS: dict[str, Callable[[Ctx, buttons.Pressed], list[Reply]]] = {
    "rd": press_done, "rs": press_snooze, "rb": press_blocked,
    "nx": _b_next, "bk": _b_back, "sm": _b_model, "tg": _b_target, "fs": _b_focus,
    "sc": _b_score, "si": _b_score, "pq": _b_answer, "ws": _b_switch, "ln": _b_lang,
    "st": lambda ctx, p: on_status(ctx), "hp": lambda ctx, p: on_help(ctx),
    "mp": lambda ctx, p: on_map(ctx), "ac": lambda ctx, p: on_actions(ctx),
    "ex": lambda ctx, p: on_export(ctx), "dl": delete_confirmed,
    "fg": press_forget, "rm": press_remove, "kk": press_kick,
    "vd": press_dot, "ve": press_estimate, "vc": press_close, "va": press_make_action,
    "vq": press_answer, "vn": press_no_comment, "tl": press_list, "tp": press_pick,
    "ta": press_to_action,
}
if set(BUTTONS) != set(buttons.KINDS):
    raise AssertionError("every kind of button has one press handler")
# Buttons about a person rather than a workshop: handled before any workshop is resolved.
PERSONAL = frozenset(k.code for k in buttons.KINDS.values() if k.personal)
