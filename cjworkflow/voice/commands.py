"""/survey: a facilitator opens, shows or revokes the workshop's customer survey link."""

from __future__ import annotations

from cjworkflow.errors import UserError
from cjworkflow.flow.context import Ctx, card_reply
from cjworkflow.i18n import t
from cjworkflow.i18n.fmt import clip
from cjworkflow.limits.voice import MAX_SURVEY_TITLE
from cjworkflow.messages import Dest, Reply
from cjworkflow.reading.lines import clean_text
from cjworkflow.schedule import timeboxes
from cjworkflow.steps import FIRST
from cjworkflow.storage import rounds, store, surveys
from cjworkflow.storage.models import WorkshopStatus

OFF = frozenset({"off", "uit", "stop"})


def on_survey(ctx: Ctx) -> list[Reply]:
    """/survey: the link (made if there is none) and the count; /survey off revokes it;
    /survey <title> names the journey as customers know it."""
    arg = clean_text(" ".join(ctx.cmd.text.split()))
    count = surveys.response_count(session=ctx.session, workshop_id=ctx.wid)
    current = surveys.open_survey(session=ctx.session, workshop_id=ctx.wid)
    if arg.casefold() in OFF:
        if current is None:
            raise UserError("survey-none-open", count=count)
        current.closed_at = ctx.now
        return [Reply(text=t(ctx.lang, "survey-off", count=count), workshop_id=ctx.wid)]
    if len(arg) > MAX_SURVEY_TITLE:
        raise UserError("survey-title-too-long", max=MAX_SURVEY_TITLE)
    key = "survey-link"
    if current is None:
        current = surveys.create(session=ctx.session, workshop=ctx.ws, title=arg or ctx.ws.title)
        key = "survey-created"
    elif arg:
        current.title = arg
    link = ctx.engine.join_link(current.code)
    return [Reply(text=t(ctx.lang, key, link=link, title=clip(current.title, 200), count=count),
                  workshop_id=ctx.wid)]


def on_round(ctx: Ctx) -> list[Reply]:
    """/round: keep this round and map the same journey again (the next round)."""
    if rounds.current(session=ctx.session, workshop_id=ctx.wid) > rounds.MAX_ROUNDS:
        raise UserError("round-too-many", max=rounds.MAX_ROUNDS)
    number = rounds.start_next(ctx.session, ctx.ws, ctx.now)
    ws = ctx.ws
    ws.current_step, ws.focus_stage, ws.status = FIRST, 0, WorkshopStatus.ACTIVE
    timeboxes.clear_timebox(ws)
    store.touch(ws)
    said = Reply(text=t(ctx.lang, "round-started", number=number, before=number - 1),
                 dest=Dest.WORKSHOP, workshop_id=ctx.wid)
    return [said, card_reply(ctx)]
