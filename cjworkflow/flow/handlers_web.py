"""/link: the workshop's read-only web view (issue #17); /link off revokes every link."""

from __future__ import annotations

from cjworkflow.errors import UserError
from cjworkflow.flow.context import Ctx, require_facilitator
from cjworkflow.i18n import t
from cjworkflow.messages import Button, Reply
from cjworkflow.storage import store, weblinks
from cjworkflow.web import tokens

OFF_WORDS = ("off", "uit")


def on_link(ctx: Ctx) -> list[Reply]:
    """A new link to the live web view (member); `off`: revoke them all (facilitator)."""
    word = ctx.cmd.text.strip().lower()
    if word and word not in OFF_WORDS:
        raise UserError("link-usage")
    if word in OFF_WORDS:
        require_facilitator(ctx)
        if not weblinks.revoke(session=ctx.session, workshop_id=ctx.wid):
            return [Reply(text=t(ctx.lang, "link-off-none", title=ctx.ws.title),
                          workshop_id=ctx.wid)]
        # Open pages watch the version: bumped, they look again and find the link gone.
        store.touch(ctx.ws)
        return [Reply(text=t(ctx.lang, "link-off", title=ctx.ws.title), workshop_id=ctx.wid)]
    base = ctx.engine.web_base_url
    if not base:
        raise UserError("link-no-server")
    token = weblinks.issue(session=ctx.session, workshop_id=ctx.wid, person_id=ctx.person.id,
                           now=ctx.now)
    url = tokens.page_url(base, token)
    buttons: list[list[Button]] = []
    if tokens.is_https(base):
        # Telegram refuses http:// and local addresses in buttons; the text carries the URL.
        buttons.append([Button(t(ctx.lang, "btn-web-link"), "", url=url)])
        if ctx.cmd.private:  # web_app buttons work in private chats only
            buttons.append([Button(t(ctx.lang, "btn-web-app"), "",
                                   url=tokens.app_url(base, ctx.wid), web_app=True)])
    return [Reply(text=t(ctx.lang, "link-made", title=ctx.ws.title, url=url), buttons=buttons,
                  workshop_id=ctx.wid)]
