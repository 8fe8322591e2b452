"""The verb table (cjworkflow.flow.verbs): one row per verb, and the lists derived from it."""

from __future__ import annotations

import dataclasses
import re
from datetime import UTC, datetime

import pytest
from sqlalchemy.engine import Engine

from bot import handlers as bot_handlers
from cjworkflow.chat import parse_input
from cjworkflow.flow import verbs
from cjworkflow.flow.context import Ctx
from cjworkflow.flow.engine import WorkshopEngine
from cjworkflow.i18n import LANGUAGES, has, t
from cjworkflow.messages import Actor, Command, Verb
from cjworkflow.storage.models import Person
from tests.flow.test_access import COMMANDS as ACCESS_CASES


def test_every_verb_has_one_row_and_every_name_one_verb() -> None:
    assert [s.verb for s in verbs.SPECS].count(Verb.TEXT) == 1
    assert set(verbs.TABLE) == set(Verb) and len(verbs.SPECS) == len(Verb)
    names = [n for s in verbs.SPECS for n in s.names]
    assert len(names) == len(set(names)) == len(verbs.COMMAND_VERBS)
    assert verbs.COMMAND_VERBS["skip"] is Verb.CANCEL and verbs.COMMAND_VERBS["add"] is Verb.TEXT
    assert all(re.fullmatch(r"[a-z]{1,32}", n) for n in names), "Telegram's command names"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_menu_command_has_its_text_in_both_languages(lang: str) -> None:
    assert verbs.MENU, "the bot publishes a menu"
    for spec in verbs.MENU:
        assert spec.names, spec
        assert has(lang, spec.menu_key), f"{lang} lacks {spec.menu_key}"
        assert 0 < len(t(lang, spec.menu_key)) <= 256, "Telegram's description limit"


def test_the_menu_keeps_its_order() -> None:
    assert [s.names[0] for s in verbs.MENU] == [
        "start", "help", "new", "join", "workshops", "status", "card", "next", "back", "step",
        "add", "undo", "remove", "cancel", "map", "actions", "export", "link", "lang", "stages",
        "renew", "rename", "promote", "kick", "members", "mydata", "forget", "delete", "remind",
        "digest", "timebox", "vote", "estimate", "anonymous", "who", "survey", "round"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_cheat_sheet_names_the_menu(lang: str) -> None:
    named = set(re.findall(r"/([a-z]+)", t(lang, "help")))
    assert named <= set(verbs.COMMAND_VERBS), named - set(verbs.COMMAND_VERBS)
    # /start and /help are how one gets here.
    menu = {s.names[0] for s in verbs.MENU} - {"start", "help"}
    assert menu <= named, f"/help does not mention {sorted(menu - named)}"


def test_the_derived_lists() -> None:
    assert {Verb.STATUS, Verb.MAP, Verb.ACTIONS, Verb.EXPORT} == verbs.VIEWS
    assert verbs.VIEWS | {Verb.HELP, Verb.CARD} == verbs.READ_ONLY
    assert {Verb.TEXT, Verb.UNDO, Verb.CANCEL} == verbs.INLINE
    assert bot_handlers.INLINE is verbs.INLINE and bot_handlers.VIEWS is verbs.VIEWS
    # The terminal chat reads the same names.
    assert parse_input("/skip") == (Verb.CANCEL, "")
    assert parse_input("/add a line") == (Verb.TEXT, "a line")
    assert parse_input("/nonsense") is None


def test_who_may_use_a_verb_agrees_with_the_access_matrix() -> None:
    steering = {n for n, case in ACCESS_CASES.items() if case.facilitator_only}
    declared = {n for s in verbs.SPECS for n in s.names
                if s.who in (verbs.Who.FACILITATOR, verbs.Who.FACILITATOR_CHANGES)}
    assert declared == steering
    refused = {n for n, case in ACCESS_CASES.items() if case.refusal == "only-facilitator"}
    checked = {n for s in verbs.SPECS for n in s.names if s.who is verbs.Who.FACILITATOR}
    assert checked <= refused


def _send(engine: WorkshopEngine, verb: Verb, text: str = "", *, private: bool,
          who: str = "u:1") -> list[str]:
    cmd = Command(actor=Actor(who, "Anna", "anna", "en"), verb=verb, text=text,
                  chat_ref=who if private else "group:1", private=private)
    return [r.text for r in engine.handle(cmd)]


def test_a_private_only_verb_is_refused_in_a_group(engine: Engine) -> None:
    e = WorkshopEngine(engine, default_language="en")
    private_only = [s for s in verbs.SPECS if s.where is verbs.Where.PRIVATE]
    assert [s.verb for s in private_only] == [Verb.JOIN]
    for spec in private_only:
        assert _send(e, spec.verb, "CODE", private=False) == [t("en", "join-in-private")]


def test_a_facilitator_verb_is_refused_before_its_handler_runs(engine: Engine) -> None:
    e = WorkshopEngine(engine, default_language="en")
    _send(e, Verb.NEW, "A journey", private=False)
    for spec in verbs.SPECS:
        if spec.who is verbs.Who.FACILITATOR:
            # Even with arguments the handler would refuse for another reason.
            got = _send(e, spec.verb, "nonsense", private=False, who="u:2")
            assert got == [t("en", "only-facilitator")], spec.verb


def test_the_context_is_a_value(engine: Engine) -> None:
    ctx = Ctx(session=None, cmd=Command(actor=Actor("u:1", "A"), verb=Verb.HELP),  # type: ignore[arg-type]
              person=Person(display_name="A"), lang="en", now=datetime.now(UTC),
              engine=WorkshopEngine(engine))
    with pytest.raises(dataclasses.FrozenInstanceError):
        ctx.lang = "nl"  # type: ignore[misc]
    assert dataclasses.replace(ctx, lang="nl").lang == "nl" and ctx.lang == "en"
