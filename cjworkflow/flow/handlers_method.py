"""The method's coaching commands: /rename (a journey title as the customer lives it)."""

from __future__ import annotations

from cjworkflow.errors import UserError
from cjworkflow.flow.context import Ctx, card_reply
from cjworkflow.flow.handlers import MAX_TITLE
from cjworkflow.i18n import t
from cjworkflow.messages import Dest, Kind, Reply
from cjworkflow.steps.coaching import title_tip
from cjworkflow.storage import store


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
