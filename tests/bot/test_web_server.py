"""The web view over HTTP (issue #17): the page by its token, live updates by server-sent
events, 404 for anything else, and the Mini App proven by Telegram's initData."""

from __future__ import annotations

import asyncio
import re
from typing import Any

import httpx
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from cjworkflow.messages import Actor, Verb
from cjworkflow.storage.models import Action, ActionStatus
from cjworkflow.web import tokens
from tests.bot.web_harness import init_data, web_server
from tests.harness import Room, texts

BASE = "http://127.0.0.1:1"
ANNA, BRAM = 7310041002, 7310041003


def _room(engine: Engine, lang: str = "en") -> Room:
    room = Room(engine, lang=lang)
    room.engine.web_base_url = BASE
    room.people["fenna"] = Actor("tg:7310041001", "Fenna", "fenna", lang)
    room.people["anna"] = Actor("tg:7310041002", "Anna", "anna", lang)
    room.people["bram"] = Actor("tg:7310041003", "Bram", "bram", lang)
    room.start("I order a washing machine")
    room.say("anna", "Fewer drop-outs at the delivery choice")
    room.say("bram", "Understand complaints")
    return room


def _token(room: Room) -> str:
    text = texts(room.send("anna", Verb.LINK))
    match = re.search(r"/w/([A-Za-z0-9_-]+)", text)
    assert match, text
    return match.group(1)


async def test_the_page_is_rendered_on_the_server(engine: Engine) -> None:
    room = _room(engine)
    token = _token(room)
    async with web_server(room.engine) as (base, ctx, _), httpx.AsyncClient() as http:
        page = await http.get(f"{base}/w/{token}")
        assert page.status_code == 200
        html = page.text
        assert "I order a washing machine" in html and "Fewer drop-outs" in html
        assert html.count("<svg") == 2 and "Action plan" in html
        # Nothing that lets anyone in, nothing that names a Telegram account's id.
        ws = room.workshop()
        words = re.sub(r"<svg\b.*?</svg>", "", html, flags=re.S)  # drawings: glyph outlines
        assert ws.join_code not in html
        assert str(ANNA) not in words and "tg:" not in words
        assert page.headers["Referrer-Policy"] == "no-referrer"
        assert "script-src 'self'" in page.headers["Content-Security-Policy"]
        assert page.headers["Content-Encoding"] == "gzip"
        script = await http.get(f"{base}/static/live.js")
        assert script.status_code == 200 and "EventSource" in script.text
        # The same version again is served from the cache.
        renders = ctx.cache.renders
        again = await http.get(f"{base}/w/{token}/part")
        assert again.status_code == 200 and ctx.cache.renders == renders
        assert again.text in html
        plain = await http.get(f"{base}/w/{token}", headers={"Accept-Encoding": "identity"})
        assert plain.text == html and "Content-Encoding" not in plain.headers
        assert again.headers["X-Workshop-Version"] == str(ws.version)


@pytest.mark.parametrize("path", [
    "/", "/w/", "/w/short", "/w/" + "a" * 44, "/w/" + "a" * 500, "/w/%00%ff" + "a" * 40,
    "/w/../../etc/passwd", "/app/api/view", "/favicon.ico", "/w/{token}/nope", "/w/{wrong}",
    "/w/{wrong}/events", "/w/{wrong}/part"])
async def test_anything_else_is_a_plain_404(engine: Engine, path: str) -> None:
    room = _room(engine)
    token = _token(room)
    wrong = tokens.new_token()
    async with web_server(room.engine) as (base, _, _), httpx.AsyncClient() as http:
        answer = await http.get(base + path.format(token=token, wrong=wrong))
        assert answer.status_code in (404, 405)
        assert "Traceback" not in answer.text and "sqlalchemy" not in answer.text.lower()


async def test_a_revoked_link_is_404_and_a_new_one_works(engine: Engine) -> None:
    room = _room(engine)
    token = _token(room)
    async with web_server(room.engine) as (base, _, _), httpx.AsyncClient() as http:
        assert (await http.get(f"{base}/w/{token}")).status_code == 200
        room.send("fenna", Verb.LINK, "off")
        gone = await http.get(f"{base}/w/{token}")
        assert gone.status_code == 404 and "ingetrokken" in gone.text  # DEFAULT_LANGUAGE
        fresh = _token(room)
        assert (await http.get(f"{base}/w/{fresh}")).status_code == 200


async def _events(http: httpx.AsyncClient, url: str, want: int,
                  seen: list[str]) -> None:
    async with http.stream("GET", url) as stream:
        assert stream.status_code == 200
        assert stream.headers["content-type"].startswith("text/event-stream")
        async for line in stream.aiter_lines():
            if line.startswith("data: "):
                seen.append(line[6:])
                if len(seen) >= want:
                    return


async def test_a_new_entry_reaches_an_open_page(engine: Engine) -> None:
    room = _room(engine)
    token = _token(room)
    async with web_server(room.engine) as (base, ctx, _), httpx.AsyncClient(timeout=20) as http:
        seen: list[str] = []
        listening = asyncio.create_task(_events(http, f"{base}/w/{token}/events", 2, seen))
        await _until(lambda: len(seen) == 1)
        assert ctx.watch.open_pages == 1
        await asyncio.to_thread(room.say, "bram", "See the delivery slot before paying")
        await asyncio.wait_for(listening, 15)
        assert int(seen[1]) > int(seen[0])
        part = await http.get(f"{base}/w/{token}/part")
        assert "See the delivery slot before paying" in part.text
        assert part.headers["X-Workshop-Version"] == seen[1]
        await _until(lambda: ctx.watch.open_pages == 0)  # the page closed


async def test_revoking_ends_an_open_stream(engine: Engine) -> None:
    room = _room(engine)
    token = _token(room)
    async with web_server(room.engine) as (base, ctx, _), httpx.AsyncClient(timeout=20) as http:
        seen: list[str] = []
        listening = asyncio.create_task(_events(http, f"{base}/w/{token}/events", 99, seen))
        await _until(lambda: len(seen) == 1)
        await asyncio.to_thread(room.send, "fenna", Verb.LINK, "off")
        await asyncio.wait_for(listening, 15)  # the server closed the stream
        assert len(seen) == 1
        await _until(lambda: ctx.watch.open_pages == 0)


async def test_open_streams_are_bounded(engine: Engine, monkeypatch: Any) -> None:
    from bot.web import server

    monkeypatch.setattr(server, "MAX_STREAMS", 0)
    room = _room(engine)
    token = _token(room)
    async with web_server(room.engine) as (base, _, _), httpx.AsyncClient() as http:
        full = await http.get(f"{base}/w/{token}/events")
        assert full.status_code == 503 and full.headers["Retry-After"]


async def _until(check: Any, timeout: float = 10.0) -> None:
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not check():
        assert loop.time() < end, "timed out"
        await asyncio.sleep(0.02)


# --- the Mini App ----------------------------------------------------------------------------


def _with_action(room: Room) -> int:
    room.goto(8)
    room.say("fenna", "Confirmation email with delivery slot | impact 5 | effort 1 | @anna")
    with Session(room.db) as s:
        action = s.exec(select(Action)).one()
        return action.id or 0


def _status(room: Room, action_id: int) -> str:
    with Session(room.db) as s:
        action = s.get(Action, action_id)
        assert action is not None
        return action.status


async def test_the_mini_app_shows_a_person_their_own_workshops(engine: Engine) -> None:
    room = _room(engine)
    wid = room.workshop().id
    action = _with_action(room)
    async with web_server(room.engine) as (base, _, _), httpx.AsyncClient() as http:
        shell = await http.get(f"{base}/app")
        assert shell.status_code == 200 and "telegram-web-app.js" in shell.text
        listing = await http.post(f"{base}/app/api/view", json={"init": init_data(ANNA), "w": 0})
        assert listing.status_code == 200
        assert "I order a washing machine" in listing.text and f'data-open="{wid}"' in listing.text
        view = await http.post(f"{base}/app/api/view",
                               json={"init": init_data(ANNA), "w": wid, "v": 0})
        assert view.status_code == 200 and f'data-done="{action}"' in view.text
        part = await http.post(f"{base}/app/api/part", json={"init": init_data(ANNA), "w": wid})
        assert part.status_code == 200 and "<svg" in part.text and "Confirmation" in part.text
        assert part.headers["Content-Encoding"] == "gzip"
        assert (await http.post(f"{base}/app/api/part",
                                json={"init": init_data(9999), "w": wid})).status_code == 404
        version = view.headers["X-Workshop-Version"]
        same = await http.post(f"{base}/app/api/view",
                               json={"init": init_data(ANNA), "w": wid, "v": int(version)})
        assert same.status_code == 204
        # Someone in no workshop sees none; nor may they open this one.
        stranger = await http.post(f"{base}/app/api/view", json={"init": init_data(9999)})
        assert stranger.status_code == 200 and "not in any workshop" in stranger.text
        refused = await http.post(f"{base}/app/api/view",
                                  json={"init": init_data(9999), "w": wid})
        assert refused.status_code == 404


async def test_the_owner_marks_an_action_done_and_others_cannot(engine: Engine) -> None:
    room = _room(engine)
    wid = room.workshop().id
    action = _with_action(room)
    async with web_server(room.engine) as (base, _, svc), httpx.AsyncClient() as http:
        bram = await http.post(f"{base}/app/api/done",
                               json={"init": init_data(BRAM), "w": wid, "action": action})
        assert bram.status_code == 200 and "owner" in bram.json()["text"]
        assert _status(room, action) == ActionStatus.OPEN
        stranger = await http.post(f"{base}/app/api/done",
                                   json={"init": init_data(9999), "w": wid, "action": action})
        assert stranger.status_code == 200 and _status(room, action) == ActionStatus.OPEN
        anna = await http.post(f"{base}/app/api/done",
                               json={"init": init_data(ANNA), "w": wid, "action": action})
        assert anna.status_code == 200 and anna.json()["text"]
        assert _status(room, action) == ActionStatus.DONE
        assert svc.deliverer.replies, "the group's card is updated"


@pytest.mark.parametrize("body", [
    b"", b"not json", b"[]", b'{"init": 5}', b'{"init": ""}', b'{"init": "a=b"}',
    b'{"init": "hash=' + b"0" * 64 + b'&auth_date=1&user=%7B%7D"}',
])
async def test_bad_init_data_is_refused(engine: Engine, body: bytes) -> None:
    room = _room(engine)
    async with web_server(room.engine) as (base, _, _), httpx.AsyncClient() as http:
        answer = await http.post(f"{base}/app/api/view", content=body)
        assert answer.status_code in (400, 403) and "Traceback" not in answer.text


async def test_forged_stale_huge_or_odd_init_data_is_refused(engine: Engine) -> None:
    room = _room(engine)
    wid = room.workshop().id
    async with web_server(room.engine) as (base, _, _), httpx.AsyncClient() as http:
        async def status(init: str, **extra: Any) -> int:
            answer = await http.post(f"{base}/app/api/view", json={"init": init, **extra})
            return answer.status_code

        assert await status(init_data(ANNA, token="654321:another-bots-token-entirely")) == 403
        assert await status(init_data(ANNA, auth_date=1)) == 403
        assert await status(init_data(ANNA) + "&x=" + "a" * 5000) in (403, 413)
        assert await status(init_data(ANNA) + "&auth_date=2") == 403  # a field twice
        assert await status(init_data(ANNA), w=-1) == 400
        assert await status(init_data(ANNA), w="1") == 400
        assert await status(init_data(ANNA), w=wid) == 200
        big = await http.post(f"{base}/app/api/view", content=b"{" + b" " * 10_000 + b"}")
        assert big.status_code == 413
        with pytest.raises(httpx.HTTPError):  # past the server's body limit: hung up on
            await http.post(f"{base}/app/api/view", content=b"{" + b" " * 100_000 + b"}")


async def test_viewers_of_one_link_share_their_look_ups(engine: Engine,
                                                        monkeypatch: Any) -> None:
    from cjworkflow.web import read

    calls: list[str] = []
    real = read.locate

    def counted(db: Any, token: str) -> Any:
        calls.append(token)
        return real(db, token)

    monkeypatch.setattr(read, "locate", counted)
    room = _room(engine)
    token = _token(room)
    screens = 5
    async with web_server(room.engine) as (base, _, _), httpx.AsyncClient(timeout=20) as http:
        seen: list[list[str]] = [[] for _ in range(screens)]
        streams = [asyncio.create_task(_events(http, f"{base}/w/{token}/events", 2, s))
                   for s in seen]
        await _until(lambda: all(len(s) == 1 for s in seen))
        calls.clear()
        await asyncio.to_thread(room.say, "bram", "One more line")
        await asyncio.wait_for(asyncio.gather(*streams), 15)
        assert 1 <= len(calls) < screens, "the woken pages shared their look-up"
