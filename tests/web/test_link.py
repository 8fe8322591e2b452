"""/link and /link off (issue #17): a member gets a fresh read-only link, a facilitator
revokes them all; the link opens the workshop, and nothing else."""

from __future__ import annotations

import re

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from cjworkflow.messages import Verb
from cjworkflow.storage.models import WebLink
from cjworkflow.web import read, tokens
from tests.harness import Room, texts

BASE = "https://cjbot.example.org"
URL_RE = re.compile(re.escape(BASE) + r"/w/([A-Za-z0-9_-]+)")


def _room(engine: Engine, lang: str = "en", base: str | None = BASE) -> Room:
    room = Room(engine, lang=lang)
    room.engine.web_base_url = base
    room.start("I order a washing machine")
    return room


def _token(text: str) -> str:
    match = URL_RE.search(text)
    assert match, text
    return match.group(1)


def test_a_member_gets_a_link_that_opens_the_workshop(engine: Engine) -> None:
    room = _room(engine)
    replies = room.send("anna", Verb.LINK)
    token = _token(texts(replies))
    assert tokens.well_formed(token) and len(token) * 6 >= 128
    located = read.locate(engine, token)
    assert located is not None and located[0] == room.workshop().id
    # Only the hash is stored.
    with Session(engine) as s:
        stored = [link.token_hash for link in s.exec(select(WebLink)).all()]
    assert stored == [tokens.token_hash(token)] and token not in stored[0]
    # An https base gets a link button (the group gets no Mini App button: private only).
    buttons = [b for row in replies[0].buttons for b in row]
    assert [(b.url, b.web_app) for b in buttons] == [(f"{BASE}/w/{token}", False)]


def test_in_private_the_link_also_opens_the_mini_app(engine: Engine) -> None:
    room = _room(engine)
    replies = room.send("fenna", Verb.LINK, private=True)
    apps = [b for row in replies[0].buttons for b in row if b.web_app]
    assert [b.url for b in apps] == [f"{BASE}/app?w={room.workshop().id}"]


def test_a_second_link_leaves_the_first_working_and_off_revokes_both(engine: Engine) -> None:
    room = _room(engine)
    first = _token(texts(room.send("anna", Verb.LINK)))
    second = _token(texts(room.send("fenna", Verb.LINK)))
    assert first != second
    assert read.locate(engine, first) and read.locate(engine, second)
    version = room.workshop().version
    said = texts(room.send("fenna", Verb.LINK, "off"))
    assert "revoked" in said
    assert read.locate(engine, first) is None and read.locate(engine, second) is None
    assert room.workshop().version > version, "open pages must notice"
    assert "has no web link" in texts(room.send("fenna", Verb.LINK, "off"))
    third = _token(texts(room.send("fenna", Verb.LINK)))
    assert read.locate(engine, third) is not None and third not in (first, second)


def test_only_a_facilitator_revokes(engine: Engine) -> None:
    room = _room(engine)
    token = _token(texts(room.send("anna", Verb.LINK)))
    said = texts(room.send("anna", Verb.LINK, "off"))
    assert "facilitator" in said.lower()
    assert read.locate(engine, token) is not None


def test_links_per_workshop_are_bounded(engine: Engine) -> None:
    room = _room(engine)
    made = [_token(texts(room.send("fenna", Verb.LINK))) for _ in range(tokens.MAX_LINKS + 1)]
    assert read.locate(engine, made[0]) is None, "the oldest stops working"
    assert all(read.locate(engine, t) is not None for t in made[1:])


def test_without_a_web_server_link_says_so_in_dutch(engine: Engine) -> None:
    room = _room(engine, lang="nl", base=None)
    assert "WEB_PORT" in texts(room.send("anna", Verb.LINK))


def test_dutch_link_and_usage(engine: Engine) -> None:
    room = _room(engine, lang="nl", base="http://127.0.0.1:8080")
    replies = room.send("anna", Verb.LINK)
    assert "Live webweergave" in texts(replies)
    assert not replies[0].buttons, "Telegram refuses http:// buttons: the URL is in the text"
    assert "Gebruik /link" in texts(room.send("anna", Verb.LINK, "aan"))
    assert "ingetrokken" in texts(room.send("fenna", Verb.LINK, "uit"))


# A fresh token (well formed, never issued) is made in the test, not here: parameters must be
# the same in every pytest-xdist worker's collection.
@pytest.mark.parametrize("bad", ["", "x" * 43, "a" * 42, "a" * 44, "../" * 15, "é" * 43,
                                 "fresh"])
def test_unknown_or_malformed_tokens_find_nothing(engine: Engine, bad: str) -> None:
    _room(engine)
    bad = tokens.new_token() if bad == "fresh" else bad
    assert read.locate(engine, bad) is None and read.snapshot_for_token(engine, bad) is None


def test_deleting_the_workshop_ends_its_links(engine: Engine) -> None:
    from tests.harness import button

    room = _room(engine)
    token = _token(texts(room.send("anna", Verb.LINK)))
    asked = room.send("fenna", Verb.DELETE)
    room.press("fenna", button(asked[0], ""))
    assert read.locate(engine, token) is None
    with Session(engine) as s:
        assert not s.exec(select(WebLink)).all()


def test_in_anonymous_mode_the_page_names_nobody(engine: Engine) -> None:
    from cjworkflow.web import page
    from tests.facilitation.test_anonymous import NAMES, named_workshop

    room = Room(engine)
    room.engine.web_base_url = BASE
    named_workshop(room)
    token = _token(texts(room.send("anna", Verb.LINK)))
    snap = read.snapshot_for_token(engine, token)
    assert snap is not None and NAMES.search(" ".join(snap.members)), "named before the mode"
    room.send("fenna", Verb.ANONYMOUS, "on")
    snap = read.snapshot_for_token(engine, token)
    assert snap is not None
    html = page.fragment(snap)
    assert "Minder afhakers bij bezorgkeuze" in html and not NAMES.search(html)
    assert not NAMES.search(repr(snap)), "nothing the page is drawn from names anyone"
