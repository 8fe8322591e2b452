"""The Telegram Mini App's routes: who asks is proven by initData, signed with the bot token.

GET  /app           the shell (no data; Telegram's script gives it initData)
POST /app/api/view  {init, w, v}: the person's workshops (w 0) or one of them (their own
                    actions); 204 when the workshop is still at version v; 403 bad initData;
                    404 not a member
POST /app/api/part  {init, w}: that workshop's live part (the map, matrix and plan), sent
                    as the web view keeps it, compressed
POST /app/api/done  {init, w, action}: the action is done, by the reminder button's rule
                    (its owner or a facilitator), through the engine like a pressed button
"""

from __future__ import annotations

import asyncio
import json
import secrets
import uuid
from typing import Any

import tornado.web

from bot.ingest import Origin, chat_ref, person_ref
from bot.services import Services
from bot.web.initdata import MAX_INIT_DATA, WebAppUser, validate
from bot.web.server import BaseHandler, WebContext
from cjworkflow.flow import buttons
from cjworkflow.i18n import normalise_lang
from cjworkflow.messages import Actor, Command, Dest, Kind, Verb
from cjworkflow.web import miniapp, read

MAX_BODY = MAX_INIT_DATA + 512
CSP = ("default-src 'none'; script-src 'nonce-{nonce}' https://telegram.org; "
       "style-src 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; "
       "form-action 'none'")


def extra(svc: Services, token: str, base: str) -> dict[str, Any]:
    """What the Mini App's handlers need beside the web context."""
    return {"svc": svc, "bot_token": token, "base": base}


class ShellHandler(BaseHandler):
    """The page Telegram opens."""

    def get(self) -> None:
        nonce = secrets.token_urlsafe(16)
        self.set_header("Content-Security-Policy", CSP.format(nonce=nonce))
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(miniapp.shell(self.ctx.default_language, nonce))


class ApiHandler(BaseHandler):
    """A JSON request carrying initData: refused 403 unless Telegram signed it."""

    def check_xsrf_cookie(self) -> None:
        """No cookies here: every request proves itself with its signed initData."""

    def body_json(self) -> tuple[WebAppUser, dict[str, Any]]:
        """The checked user and the request's fields; 400 or 403 otherwise."""
        if len(self.request.body) > MAX_BODY:
            raise tornado.web.HTTPError(413)
        try:
            data = json.loads(self.request.body or b"{}")
        except (ValueError, UnicodeDecodeError):
            raise tornado.web.HTTPError(400) from None
        if not isinstance(data, dict) or not isinstance(data.get("init"), str):
            raise tornado.web.HTTPError(400)
        user = validate(data["init"], self.ctx.extra["bot_token"])
        if user is None:
            raise tornado.web.HTTPError(403)
        return user, data

    @staticmethod
    def number(data: dict[str, Any], key: str) -> int:
        """A small non-negative integer field, or 400."""
        value = data.get(key, 0)
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < 2**31:
            raise tornado.web.HTTPError(400)
        return value


class ViewHandler(ApiHandler):
    """The person's workshops, or one of them with their own actions."""

    async def post(self) -> None:
        user, data = self.body_json()
        wid, shown = self.number(data, "w"), self.number(data, "v")
        who = person_ref(user.id)
        mine = await asyncio.to_thread(read.my_workshops, self.ctx.db, who)
        lang = normalise_lang(user.language, self.ctx.default_language)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        if not wid:
            self.finish(miniapp.workshop_list(mine, lang))
            return
        chosen = next((w for w in mine if w.id == wid), None)
        if chosen is None:
            raise tornado.web.HTTPError(404)
        if chosen.version == shown:
            self.set_status(204)
            self.finish()
            return
        self.set_header("X-Workshop-Version", str(chosen.version))
        self.finish(miniapp.workshop_view(chosen, chosen.language))


class PartHandler(ApiHandler):
    """A workshop's live part for one of its members."""

    async def post(self) -> None:
        user, data = self.body_json()
        wid = self.number(data, "w")
        snap = await asyncio.to_thread(read.member_snapshot, self.ctx.db, person_ref(user.id),
                                       wid)
        if snap is None:
            raise tornado.web.HTTPError(404)
        part = await self.ctx.cache.part(snap)
        self.set_header("X-Workshop-Version", str(part.version))
        await self.send_gz(part.part_gz, "text/html; charset=utf-8")


class DoneHandler(ApiHandler):
    """Mark one of the person's actions done, as the reminder's Done button does."""

    async def post(self) -> None:
        user, data = self.body_json()
        wid, action = self.number(data, "w"), self.number(data, "action")
        if not wid or not action:
            raise tornado.web.HTTPError(400)
        svc: Services = self.ctx.extra["svc"]
        cmd = Command(
            actor=Actor(person_ref(user.id), user.first_name or str(user.id), user.username,
                        user.language),
            verb=Verb.BUTTON, text=buttons.make("", "rd", wid, action).action,
            chat_ref=chat_ref(user.id), private=True, source_ref=f"tg:app:{uuid.uuid4().hex}")
        replies = await asyncio.to_thread(svc.engine.handle, cmd)
        # The answer shows in the app; the group's card and anything for others go out.
        said = [r.text for r in replies if r.dest is Dest.ORIGIN
                and r.kind in (Kind.MESSAGE, Kind.ALERT)]
        rest = [r for r in replies if r.dest is not Dest.ORIGIN or r.kind is Kind.CARD_EDIT]
        if rest:
            await svc.deliverer.deliver(rest, Origin(chat_id=user.id, private=True))
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps({"text": "\n".join(said)[:1000]}))


def routes(ctx: WebContext) -> list[Any]:
    """The Mini App's URL rules."""
    args = {"ctx": ctx}
    return [(r"/app", ShellHandler, args), (r"/app/api/view", ViewHandler, args),
            (r"/app/api/part", PartHandler, args), (r"/app/api/done", DoneHandler, args)]
