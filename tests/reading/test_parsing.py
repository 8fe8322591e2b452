"""Entry-line parsing: realistic nl/en lines, and no exception but ParseError for any text."""

from __future__ import annotations

import ast
import pickle
from collections.abc import Callable
from datetime import date, time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cjworkflow import limits
from cjworkflow.i18n import LANGUAGES, message_ids, t
from cjworkflow.reading import dates, lines, parsing
from cjworkflow.reading.parsing import (
    ParseError,
    match_stage,
    normalise,
    parse_score,
    split_lines,
    split_stage_prefix,
)
from cjworkflow.steps import action_lines, elements, personas, resources, touchpoints, walkthrough
from cjworkflow.steps.action_lines import ActionInput, parse_action
from cjworkflow.steps.elements import ElementInput, parse_element
from cjworkflow.steps.personas import PersonaInput, parse_persona
from cjworkflow.steps.resources import ResourceInput, parse_resource
from cjworkflow.steps.touchpoints import TouchpointInput, parse_touchpoint
from cjworkflow.steps.walkthrough import ObservationInput, parse_observation
from cjworkflow.storage.models import EntryKind

FIVE_NL = ["Aandacht", "Overweging", "Actie / Conversie", "Service", "Promotor"]
FIVE_EN = ["Awareness", "Consideration", "Purchase", "Service", "Loyalty"]
SEVEN_EN = ["Awareness", "Discovery", "Interest", "Consideration", "Action", "Use", "Advocacy"]
CUSTOM = ["Oriëntatie", "Offerte aanvragen", "Offerte vergelijken", "Bestellen", "Gebruik"]
TODAY = date(2026, 11, 22)  # a Sunday


def error_of(call: Callable[[], object]) -> ParseError:
    with pytest.raises(ParseError) as caught:
        call()
    return caught.value


def key_of(call: Callable[[], object]) -> str:
    return error_of(call).key


# --- ParseError --------------------------------------------------------------------------


def test_parse_error_carries_key_and_args() -> None:
    error = ParseError("parse-too-long", max=1000)
    assert isinstance(error, ValueError)
    assert error.key == "parse-too-long"
    assert error.args == {"max": 1000}
    assert str(error) == "parse-too-long"
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.key, copy.args) == ("parse-too-long", {"max": 1000})


def test_parse_due_is_re_exported() -> None:
    assert parsing.parse_due is dates.parse_due
    assert parsing.ParseError is dates.ParseError


# --- split_lines and normalise -----------------------------------------------------------


def test_split_lines_cleans_bullets_whitespace_and_invisible_characters() -> None:
    text = ("- Klant ziet advertentie\r\n\n*   leest   reviews\n• vergelijkt\u200b prijzen\x07\n"
            " – belt de winkel \n\t\n+ budget\n-\n1. stap één\n\u202eRTL\u202c tekst\ufeff")
    assert split_lines(text) == ["Klant ziet advertentie", "leest reviews", "vergelijkt prijzen",
                                 "belt de winkel", "+ budget", "1. stap één", "RTL tekst"]


def test_split_lines_keeps_emoji_sequences_and_accents() -> None:
    assert split_lines("👩\u200d💻 ontwikkelaar\nOrie\u0308ntatie: 🙂") == [
        "👩\u200d💻 ontwikkelaar", "Oriëntatie: 🙂"]
    assert split_lines("a\u200db") == ["ab"]


def test_split_lines_empty_and_too_long() -> None:
    assert split_lines("") == []
    assert split_lines(" \n\n\u200b\n") == []
    assert split_lines("x" * 1000) == ["x" * 1000]
    error = error_of(lambda: split_lines("ok\n" + "x" * 1001))
    assert (error.key, error.args) == ("parse-too-long", {"max": 1000})
    # Whitespace that collapses does not count towards the limit.
    assert split_lines("a" + " " * 2000 + "b") == ["a b"]


def test_normalise() -> None:
    assert normalise("  Oriëntatie ") == "orientatie"
    assert normalise("ÉÉN  Stap") == "een stap"
    assert normalise("Straße") == "strasse"


# --- stages ------------------------------------------------------------------------------


@pytest.mark.parametrize(("token", "stages", "expected"), [
    ("2", FIVE_NL, 1),
    (" 5 ", FIVE_NL, 4),
    ("0", FIVE_NL, None),
    ("6", FIVE_NL, None),
    ("fase 3", FIVE_NL, 2),
    ("Overweging", FIVE_NL, 1),
    ("OVERWEGING", FIVE_NL, 1),
    ("overw", FIVE_NL, 1),
    ("actie", FIVE_NL, 2),
    ("conversie", FIVE_NL, 2),
    ("Actie / Conversie", FIVE_NL, 2),
    ("ser", FIVE_NL, 3),
    ("se", FIVE_NL, None),  # prefixes need three characters
    ("x", FIVE_NL, None),
    ("", FIVE_NL, None),
    ("oriëntatie", CUSTOM, 0),
    ("Orientatie", CUSTOM, 0),
    ("ORIË", CUSTOM, 0),
    ("offerte", CUSTOM, None),  # two stages start with it
    ("offerte verg", CUSTOM, 2),
    ("Offerte aanvragen", CUSTOM, 1),
    ("con", SEVEN_EN, 3),
    ("a", SEVEN_EN, None),
    ("act", SEVEN_EN, 4),
    ("ad", SEVEN_EN, None),
    ("2", [], None),
])
def test_match_stage(token: str, stages: list[str], expected: int | None) -> None:
    assert match_stage(token, stages) == expected


def test_match_stage_exact_beats_prefix() -> None:
    assert match_stage("use", ["Use", "User support"]) == 0
    assert match_stage("user", ["Use", "User support"]) == 1


@pytest.mark.parametrize(("line", "stages", "expected"), [
    ("2: vergelijkt prijzen", FIVE_NL, (1, "vergelijkt prijzen")),
    ("2. vergelijkt prijzen", FIVE_NL, (1, "vergelijkt prijzen")),
    ("2) vergelijkt prijzen", FIVE_NL, (1, "vergelijkt prijzen")),
    ("2:vergelijkt", FIVE_NL, (1, "vergelijkt")),
    ("Overweging: vergelijkt prijzen", FIVE_NL, (1, "vergelijkt prijzen")),
    ("overw: vergelijkt prijzen", FIVE_NL, (1, "vergelijkt prijzen")),
    ("Actie: betaalt met iDEAL", FIVE_NL, (2, "betaalt met iDEAL")),
    ("Oriëntatie: zoekt op Google", CUSTOM, (0, "zoekt op Google")),
    ("orientatie: zoekt op Google", CUSTOM, (0, "zoekt op Google")),
    ("Consideration: reads reviews", FIVE_EN, (1, "reads reviews")),
    ("Let op: dit is geen fase", FIVE_NL, (None, "Let op: dit is geen fase")),
    ("offerte: kost te veel", CUSTOM, (None, "offerte: kost te veel")),
    ("9: bestaat niet", FIVE_NL, (None, "9: bestaat niet")),
    ("2.5 kilo per pakket", FIVE_NL, (None, "2.5 kilo per pakket")),
    ("2:30 wachttijd", FIVE_NL, (None, "2:30 wachttijd")),
    ("gewoon tekst", FIVE_NL, (None, "gewoon tekst")),
    ("https://example.com", FIVE_NL, (None, "https://example.com")),
])
def test_split_stage_prefix(line: str, stages: list[str],
                            expected: tuple[int | None, str]) -> None:
    assert split_stage_prefix(line, stages) == expected


@pytest.mark.parametrize("line", ["2:", "Overweging:", "overw:   ", "3)"])
def test_split_stage_prefix_needs_text(line: str) -> None:
    assert key_of(lambda: split_stage_prefix(line, FIVE_NL)) == "parse-empty"


# --- personas ----------------------------------------------------------------------------


@pytest.mark.parametrize(("line", "expected"), [
    ("Sandra: officemanager, bestelt kantoorartikelen | doel: snel en foutloos bestellen",
     PersonaInput("Sandra", "officemanager, bestelt kantoorartikelen",
                  "snel en foutloos bestellen")),
    ("Sandra: officemanager; doel: snel bestellen",
     PersonaInput("Sandra", "officemanager", "snel bestellen")),
    ("Tom: student on a budget | goal: travel cheaply",
     PersonaInput("Tom", "student on a budget", "travel cheaply")),
    ("Tom: student; Goal: travel cheaply", PersonaInput("Tom", "student", "travel cheaply")),
    ("Tom | goal: travel cheaply", PersonaInput("Tom", None, "travel cheaply")),
    ("Sandra", PersonaInput("Sandra", None, None)),
    ("Sandra:", PersonaInput("Sandra", None, None)),
    ("Piet de Vries: 67, belt liever dan te mailen; heeft geen smartphone",
     PersonaInput("Piet de Vries", "67, belt liever dan te mailen; heeft geen smartphone", None)),
    ("Anna: doelgroep-expert | 34 jaar", PersonaInput("Anna", "doelgroep-expert | 34 jaar", None)),
    ("Jörg: IT-beheerder: kiest leveranciers",
     PersonaInput("Jörg", "IT-beheerder: kiest leveranciers", None)),
])
def test_parse_persona(line: str, expected: PersonaInput) -> None:
    assert parse_persona(line) == expected


def test_parse_persona_errors() -> None:
    assert key_of(lambda: parse_persona(": alleen beschrijving")) == "parse-persona-no-name"
    assert key_of(lambda: parse_persona("   ")) == "parse-empty"
    error = error_of(lambda: parse_persona("x" * 101))
    assert (error.key, error.args) == ("parse-persona-name-too-long", {"max": 100})
    assert parse_persona("x" * 100 + ": ok").name == "x" * 100


# --- touchpoints -------------------------------------------------------------------------


@pytest.mark.parametrize(("line", "stages", "expected"), [
    ("Aandacht: Google-advertentie | online", FIVE_NL,
     TouchpointInput("Google-advertentie", 0, "online")),
    ("1: Google-advertentie", FIVE_NL, TouchpointInput("Google-advertentie", 0, None)),
    ("Service: chatbot op de site; kanaal: website", FIVE_NL,
     TouchpointInput("chatbot op de site", 3, "website")),
    ("serv: 404-pagina | kanaal: website", FIVE_NL, TouchpointInput("404-pagina", 3, "website")),
    ("Folder in de brievenbus, kanaal: post", FIVE_NL,
     TouchpointInput("Folder in de brievenbus", None, "post")),
    ("nieuwsbrief", FIVE_NL, TouchpointInput("nieuwsbrief", None, None)),
    ("Purchase: checkout page | channel: web shop", FIVE_EN,
     TouchpointInput("checkout page", 2, "web shop")),
    ("Google review | web", FIVE_EN, TouchpointInput("Google review", None, "web")),
    ("Oriëntatie: beurs | fysiek", CUSTOM, TouchpointInput("beurs", 0, "fysiek")),
    ("medewerker aan de balie |", FIVE_NL, TouchpointInput("medewerker aan de balie", None, None)),
])
def test_parse_touchpoint(line: str, stages: list[str], expected: TouchpointInput) -> None:
    assert parse_touchpoint(line, stages) == expected


@pytest.mark.parametrize("line", ["3:", "| website", "", "Service: | web"])
def test_parse_touchpoint_needs_text(line: str) -> None:
    assert key_of(lambda: parse_touchpoint(line, FIVE_NL)) == "parse-empty"


# --- elements ----------------------------------------------------------------------------

UA, PAIN, SOL, MOM = (EntryKind.USER_ACTION, EntryKind.PAIN, EntryKind.SOLUTION,
                      EntryKind.MOMENT)


@pytest.mark.parametrize(("line", "stages", "expected"), [
    ("Actie: pijn: bezorgmoment onduidelijk", FIVE_NL,
     ElementInput(PAIN, 2, "bezorgmoment onduidelijk", None)),
    ("Actie: klant rekent af", FIVE_NL, ElementInput(UA, 2, "klant rekent af", None)),
    ("Actie: doet: klant rekent af", FIVE_NL, ElementInput(UA, 2, "klant rekent af", None)),
    ("doet: vergelijkt drie webshops", FIVE_NL, ElementInput(UA, None, "vergelijkt drie webshops",
                                                            None)),
    ("vergelijkt drie webshops", FIVE_NL, ElementInput(UA, None, "vergelijkt drie webshops",
                                                       None)),
    ("Pijn: verzendkosten pas aan het eind", FIVE_NL,
     ElementInput(PAIN, None, "verzendkosten pas aan het eind", None)),
    ("pijnpunt: lange wachttijd", FIVE_NL, ElementInput(PAIN, None, "lange wachttijd", None)),
    ("2: idee: prijsvergelijker op de site", FIVE_NL,
     ElementInput(SOL, 1, "prijsvergelijker op de site", None)),
    ("oplossing: track & trace per sms", FIVE_NL,
     ElementInput(SOL, None, "track & trace per sms", None)),
    ("moment: eerste levering", FIVE_NL, ElementInput(MOM, None, "eerste levering", None)),
    ("mot: eerste levering", FIVE_NL, ElementInput(MOM, None, "eerste levering", None)),
    ("! eerste levering", FIVE_NL, ElementInput(MOM, None, "eerste levering", None)),
    ("Service: !klacht binnen een dag opgelost", FIVE_NL,
     ElementInput(MOM, 3, "klacht binnen een dag opgelost", None)),
    ("emotie 2", FIVE_NL, ElementInput(None, None, None, 2)),
    ("Overweging: emotie: 3", FIVE_NL, ElementInput(None, 1, None, 3)),
    ("Actie: gevoel 😣", FIVE_NL, ElementInput(None, 2, None, 1)),
    ("gevoel: 🙂", FIVE_NL, ElementInput(None, None, None, 4)),
    ("Service: 😄", FIVE_NL, ElementInput(None, 3, None, 5)),
    ("🙁", FIVE_NL, ElementInput(None, None, None, 2)),
    ("gevoel van onzekerheid bij betalen", FIVE_NL,
     ElementInput(UA, None, "gevoel van onzekerheid bij betalen", None)),
    ("Purchase: pain: shipping costs shown late", FIVE_EN,
     ElementInput(PAIN, 2, "shipping costs shown late", None)),
    ("does: reads reviews", FIVE_EN, ElementInput(UA, None, "reads reviews", None)),
    ("Do: asks a friend", FIVE_EN, ElementInput(UA, None, "asks a friend", None)),
    ("idea: live chat", FIVE_EN, ElementInput(SOL, None, "live chat", None)),
    ("Solution: live chat", FIVE_EN, ElementInput(SOL, None, "live chat", None)),
    ("emotion 4", FIVE_EN, ElementInput(None, None, None, 4)),
    ("Loyalty: feeling: 5", FIVE_EN, ElementInput(None, 4, None, 5)),
    ("Feeling lost at checkout", FIVE_EN, ElementInput(UA, None, "Feeling lost at checkout", None)),
    # Seven-phase English "Action" is a stage, not a keyword.
    ("Action: pain: card declined", SEVEN_EN, ElementInput(PAIN, 4, "card declined", None)),
    ("action: pays by card", SEVEN_EN, ElementInput(UA, 4, "pays by card", None)),
    ("Oriëntatie: pijn: te veel keuze", CUSTOM, ElementInput(PAIN, 0, "te veel keuze", None)),
    ("orient: emotie 3", CUSTOM, ElementInput(None, 0, None, 3)),
])
def test_parse_element(line: str, stages: list[str], expected: ElementInput) -> None:
    assert parse_element(line, stages) == expected


def test_a_kind_keyword_is_never_taken_as_a_stage() -> None:
    # A stage whose label starts like a keyword must not swallow it.
    stages = ["Pijnlijk begin", "Idee-fase", "Momentum"]
    assert parse_element("pijn: lange rij", stages) == ElementInput(PAIN, None, "lange rij", None)
    assert parse_element("idee: kortere rij", stages) == ElementInput(SOL, None, "kortere rij",
                                                                       None)
    assert parse_element("Momentum: pijn: x", stages) == ElementInput(PAIN, 2, "x", None)


@pytest.mark.parametrize(("line", "key"), [
    ("emotie 7", "parse-score-range"),
    ("emotie 0", "parse-score-range"),
    ("emotie: veel", "parse-score-range"),
    ("Actie: gevoel:", "parse-score-range"),
    ("emotion", "parse-score-range"),
    ("pijn:", "parse-empty"),
    ("Actie: idee:", "parse-empty"),
    ("!", "parse-empty"),
    ("Actie:", "parse-empty"),
    ("", "parse-empty"),
])
def test_parse_element_errors(line: str, key: str) -> None:
    assert key_of(lambda: parse_element(line, FIVE_NL)) == key


@pytest.mark.parametrize(("line", "score", "word"), [
    ("emotie 2 gestrest", 2, "gestrest"),  # issue #14: the word is kept beside the score
    ("emotion 4 relieved", 4, "relieved"),
    ("Overweging: gevoel 1 (boos)", 1, "boos"),
    ("emotie 3", 3, None),
])
def test_parse_element_named_emotion(line: str, score: int, word: str | None) -> None:
    el = parse_element(line, FIVE_NL)
    assert (el.score, el.word, el.kind, el.text) == (score, word, None, None)


def test_emotion_score_error_names_the_field() -> None:
    error = error_of(lambda: parse_element("emotie 9", FIVE_NL))
    assert error.args == {"field": "emotion"}


# --- resources ---------------------------------------------------------------------------


@pytest.mark.parametrize(("line", "expected"), [
    ("heb: CRM-systeem", ResourceInput("CRM-systeem", True)),
    ("hebben: klantdata uit de webshop", ResourceInput("klantdata uit de webshop", True)),
    ("Have: web analytics", ResourceInput("web analytics", True)),
    ("+ budget voor interviews", ResourceInput("budget voor interviews", True)),
    ("+budget", ResourceInput("budget", True)),
    ("✅ klantpanel", ResourceInput("klantpanel", True)),
    ("nodig: UX-onderzoeker", ResourceInput("UX-onderzoeker", False)),
    ("need: interview time", ResourceInput("interview time", False)),
    ("- tijd van de salesafdeling", ResourceInput("tijd van de salesafdeling", False)),
    ("Klantinterviews", ResourceInput("Klantinterviews", False)),
    ("hebben we nodig: testaccounts", ResourceInput("testaccounts", False)),
])
def test_parse_resource(line: str, expected: ResourceInput) -> None:
    assert parse_resource(line) == expected


@pytest.mark.parametrize("line", ["heb:", "+", "need:", "", " - "])
def test_parse_resource_needs_text(line: str) -> None:
    assert key_of(lambda: parse_resource(line)) == "parse-empty"


# --- observations ------------------------------------------------------------------------


@pytest.mark.parametrize(("line", "stages", "expected"), [
    ("Actie: ideaal 4", FIVE_NL, ObservationInput(2, None, 4)),
    ("ideaal: 😄", FIVE_NL, ObservationInput(None, None, 5)),
    ("Service: ideaal: 5", FIVE_NL, ObservationInput(3, None, 5)),
    ("2: ideaal 3", FIVE_NL, ObservationInput(1, None, 3)),
    ("ideal 4", FIVE_EN, ObservationInput(None, None, 4)),
    ("Purchase: ideal: 🙂", FIVE_EN, ObservationInput(2, None, 4)),
    ("Overweging: klant haakt af bij het zien van de verzendkosten", FIVE_NL,
     ObservationInput(1, "klant haakt af bij het zien van de verzendkosten", None)),
    ("klant belt toch, ondanks de FAQ", FIVE_NL,
     ObservationInput(None, "klant belt toch, ondanks de FAQ", None)),
    ("ideaal zou zijn dat de klant direct antwoord krijgt", FIVE_NL,
     ObservationInput(None, "ideaal zou zijn dat de klant direct antwoord krijgt", None)),
    ("Idealiter belt niemand", FIVE_NL, ObservationInput(None, "Idealiter belt niemand", None)),
    ("Oriëntatie: ideaal 2", CUSTOM, ObservationInput(0, None, 2)),
])
def test_parse_observation(line: str, stages: list[str], expected: ObservationInput) -> None:
    assert parse_observation(line, stages) == expected


@pytest.mark.parametrize(("line", "key"), [
    ("ideaal 6", "parse-score-range"),
    ("Actie: ideaal: super", "parse-score-range"),
    ("ideal", "parse-score-range"),
    ("Actie:", "parse-empty"),
    ("", "parse-empty"),
])
def test_parse_observation_errors(line: str, key: str) -> None:
    assert key_of(lambda: parse_observation(line, FIVE_NL)) == key


# --- scores ------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("1", 1), ("3", 3), (" 4 ", 4), ("5", 5), ("05", 5), ("3/5", 3), ("2 / 5", 2),
    ("😣", 1), ("🙁", 2), ("😐", 3), ("🙂", 4), ("😄", 5), ("☹️", 2), ("😊", 4),
])
def test_parse_score(text: str, expected: int) -> None:
    assert parse_score(text) == expected


@pytest.mark.parametrize("text", ["0", "6", "-1", "3.5", "drie", "", "😱", "١", "9" * 5000])
def test_parse_score_out_of_range(text: str) -> None:
    error = error_of(lambda: parse_score(text))
    assert error.key == "parse-score-range"


# --- actions -----------------------------------------------------------------------------


def action(line: str, lang: str = "nl", now: time | None = None) -> ActionInput:
    return parse_action(line, lang=lang, today=TODAY, now=now)


def test_action_with_all_fields() -> None:
    assert action("Levertijd tonen op bestelpagina | impact 4 | moeite 2 | @Anna_B | "
                  "deadline vrijdag") == ActionInput(
        title="Levertijd tonen op bestelpagina", impact=4, effort=2, owner_handle="Anna_B",
        owner_self=False, owner_name=None, due_date=date(2026, 11, 27), due_time=None)


def test_action_fields_in_any_order_with_semicolons() -> None:
    first = action("FAQ herschrijven; @piet; due 2026-12-15; effort 3; impact 5")
    second = action("FAQ herschrijven | impact: 5 | due: 2026-12-15 | effort=3 | @piet")
    assert first == second == ActionInput("FAQ herschrijven", 5, 3, "piet", False, None,
                                          date(2026, 12, 15), None)


@pytest.mark.parametrize(("line", "lang", "field", "value"), [
    ("X | Impact 4", "nl", "impact", 4),
    ("X | IMPACT:2", "en", "impact", 2),
    ("X | impact 😄", "nl", "impact", 5),
    ("X | i4", "nl", "impact", 4),
    ("X | I 3", "en", "impact", 3),
    ("X | effort 2", "en", "effort", 2),
    ("X | moeite: 1", "nl", "effort", 1),
    ("X | inspanning 5", "nl", "effort", 5),
    ("X | e2", "en", "effort", 2),
    ("X | eigenaar: @Jan_de_Vries", "nl", "owner_handle", "Jan_de_Vries"),
    ("X | wie: @piet", "nl", "owner_handle", "piet"),
    ("X | owner = @sam", "en", "owner_handle", "sam"),
    ("X | @SAM", "en", "owner_handle", "SAM"),
    ("X | owner: Anna de Vries", "en", "owner_name", "Anna de Vries"),
    ("X | eigenaar: Marieke", "nl", "owner_name", "Marieke"),
    ("X | owner: me", "en", "owner_self", True),
    ("X | eigenaar: ik", "nl", "owner_self", True),
    ("X | wie: Ik", "nl", "owner_self", True),
    ("X | @me", "en", "owner_self", True),
    ("X | @ik", "nl", "owner_self", True),
    ("X | due 2026-12-15", "en", "due_date", date(2026, 12, 15)),
    ("X | deadline vrijdag", "nl", "due_date", date(2026, 11, 27)),
    ("X | voor 15 december", "nl", "due_date", date(2026, 12, 15)),
    ("X | datum: 15-12-2026", "nl", "due_date", date(2026, 12, 15)),
    ("X | Due: next friday", "en", "due_date", date(2026, 11, 27)),
    ("X | deadline volgende week vrijdag", "nl", "due_date", date(2026, 11, 27)),
    ("X | vrijdag", "nl", "due_date", date(2026, 11, 27)),
    ("X | 15/12", "nl", "due_date", date(2026, 12, 15)),
])
def test_action_field(line: str, lang: str, field: str, value: object) -> None:
    assert getattr(action(line, lang), field) == value


def test_action_due_time_only_when_given() -> None:
    assert (action("X | deadline morgen om 15 uur").due_date,
            action("X | deadline morgen om 15 uur").due_time) == (date(2026, 11, 23), time(15))
    assert action("X | due tomorrow 14:00", "en").due_time == time(14, 0)
    assert action("X | due tomorrow", "en").due_time is None


def test_action_compact_fields_share_a_segment() -> None:
    assert action("Chat op site | i4 e2 @jan") == ActionInput("Chat op site", 4, 2, "jan", False,
                                                              None, None, None)
    assert action("Chat op site | impact 4 effort 2").impact == 4


def test_action_title_only_and_last_owner_wins() -> None:
    assert action("Bel klanten na levering") == ActionInput("Bel klanten na levering", None, None,
                                                            None, False, None, None, None)
    both = action("X | @anna | owner: me")
    assert (both.owner_handle, both.owner_self, both.owner_name) == (None, True, None)


@pytest.mark.parametrize(("line", "key", "args"), [
    ("| impact 3", "parse-action-no-title", {}),
    ("   ; @anna", "parse-action-no-title", {}),
    ("X | impact 9", "parse-score-range", {"field": "impact"}),
    ("X | moeite 0", "parse-score-range", {"field": "effort"}),
    ("X | e7", "parse-score-range", {"field": "effort"}),
    ("X | impact hoog", "parse-score-range", {"field": "impact"}),
    ("X | budget 500", "parse-action-unknown-field", {"field": "budget 500"}),
    ("X | e-mail sturen", "parse-action-unknown-field", {"field": "e-mail sturen"}),
    ("X | prioriteit: hoog", "parse-action-unknown-field", {"field": "prioriteit: hoog"}),
    ("X | owner:", "parse-action-unknown-field", {"field": "owner:"}),
    ("X | @", "parse-action-unknown-field", {"field": "@"}),
    ("X | deadline gisteren", "parse-date-past", {"date": "21 november 2026"}),
    ("X | due yesterday", "parse-date-past", {"date": "21 november 2026"}),
    ("X | deadline ooit", "parse-date-unreadable", {"text": "ooit"}),
    ("X | 2025-01-01", "parse-date-past", {"date": "1 januari 2025"}),
])
def test_action_errors(line: str, key: str, args: dict[str, object]) -> None:
    error = error_of(lambda: action(line))
    assert (error.key, error.args) == (key, args)


def test_action_limits() -> None:
    assert action("x" * 200).title == "x" * 200
    error = error_of(lambda: action("x" * 201))
    assert (error.key, error.args) == ("parse-action-title-too-long", {"max": 200})
    error = error_of(lambda: action("X | owner: " + "a" * 101))
    assert error.key == "parse-action-owner-too-long"
    error = error_of(lambda: action("X | " + "a" * 1000))
    assert error.key == "parse-too-long"
    long_field = error_of(lambda: action("X | " + "bla " * 30))
    assert len(str(long_field.args["field"])) <= 60


def test_action_time_today_before_now_is_past() -> None:
    assert key_of(lambda: action("X | due 9:00", "en", now=time(10))) == "parse-date-past"
    assert action("X | due 11:00", "en", now=time(10)).due_time == time(11)


# --- messages ----------------------------------------------------------------------------

# The step modules hold their own line readers (parse_persona … parse_observation).
SOURCES = [Path(parsing.__file__), Path(lines.__file__), Path(action_lines.__file__),
           Path(dates.__file__), *(Path(m.__file__) for m in
                                  (personas, touchpoints, elements, resources, walkthrough))]


def raised_keys() -> dict[str, set[str]]:
    """Every ParseError("key", var=…) in the sources, with the variable names it passes."""
    found: dict[str, set[str]] = {}
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == "ParseError"):
                first = node.args[0]
                assert isinstance(first, ast.Constant) and isinstance(first.value, str), \
                    f"{path.name}:{node.lineno}: ParseError key must be a literal"
                names = {kw.arg for kw in node.keywords if kw.arg}
                found.setdefault(first.value, set()).update(names)
    return found


def test_every_raised_key_exists_in_both_languages_with_its_variables() -> None:
    keys = raised_keys()
    assert len(keys) >= 10
    for key, names in keys.items():
        assert key.startswith("parse-")
        for lang in LANGUAGES:
            assert key in message_ids(lang), f"{lang}: {key}"
            text = t(lang, key, **{name: "X" for name in names})
            assert text and "{" not in text


def test_parsing_catalogs_have_the_same_ids() -> None:
    ids = {lang: {i for i in message_ids(lang) if i.startswith("parse-")} for lang in LANGUAGES}
    assert ids["nl"] == ids["en"]
    assert set(raised_keys()) <= ids["nl"]


@pytest.mark.parametrize("field", ["impact", "effort", "emotion", "ideal", "score"])
def test_score_message_per_field(field: str) -> None:
    assert "5" in t("nl", "parse-score-range", field=field)
    assert "5" in t("en", "parse-score-range", field=field)


# --- any text: documented type or ParseError ---------------------------------------------

SPECIAL = ("\x00\x07\x1b\x7f\x85\u200b\u200c\u200d\u200e\u200f\u202a\u202e\u2066\u2069\ufeff"
           "\u2028\u2029\r\n\t \u00a0\u3000"
           "שלום مرحبا 😣🙁😐🙂😄👩‍💻🏳️‍🌈 ̈e:;|@!+-•–*.)/=0123456789")
WORDS = st.sampled_from([
    "pijn", "doet", "idee", "moment", "emotie", "gevoel", "ideaal", "ideal", "impact", "effort",
    "moeite", "owner", "eigenaar", "@anna", "@me", "due", "deadline", "voor", "vrijdag", "morgen",
    "i4", "e2", "heb", "nodig", "kanaal", "doel", "Actie", "Overweging", "overw", "2", "9",
    ":", "|", ";", " ", "!", "+", "-", "😄", "14:00", "15/12", "2026-12-15",
])
TEXT = st.one_of(
    st.text(),
    st.text(alphabet=st.sampled_from(SPECIAL)),
    st.lists(WORDS, max_size=12).map(" ".join),
    st.lists(st.one_of(WORDS, st.text(max_size=5)), max_size=8).map("".join),
    st.text(min_size=1, max_size=12).map(lambda s: (s * 10_000)[:10_000]),
)
STAGE_LISTS = st.sampled_from([FIVE_NL, FIVE_EN, SEVEN_EN, CUSTOM, []])


def test_long_lines_are_refused_everywhere() -> None:
    line = "pijn: " + "x" * 10_000
    for call in (lambda: split_lines(line), lambda: parse_persona(line),
                 lambda: parse_touchpoint(line, FIVE_NL), lambda: parse_element(line, FIVE_NL),
                 lambda: parse_resource(line), lambda: parse_observation(line, FIVE_NL),
                 lambda: action(line)):
        assert key_of(call) == "parse-too-long"


@settings(max_examples=300, deadline=None)
@given(text=TEXT)
def test_split_lines_property(text: str) -> None:
    try:
        lines = split_lines(text)
    except ParseError as error:
        # Issue #12 bounds messages too: at most 30 lines and 4,096 characters.
        assert error.key in {"parse-too-long", "parse-too-many-lines", "parse-message-too-long"}
        return
    assert isinstance(lines, list)
    assert len(lines) <= limits.MAX_LINES
    for line in lines:
        assert line and line == line.strip()
        assert len(line) <= 1000
        assert "  " not in line
        assert not any(ch in line for ch in "\x00\x07\x1b\n\r\t\u200b\ufeff\u202e")


@settings(max_examples=300, deadline=None)
@given(text=TEXT)
def test_normalise_and_score_properties(text: str) -> None:
    assert isinstance(normalise(text), str)
    try:
        assert parse_score(text) in range(1, 6)
    except ParseError as error:
        assert error.key == "parse-score-range"


@settings(max_examples=300, deadline=None)
@given(text=TEXT, stages=STAGE_LISTS)
def test_stage_parsers_property(text: str, stages: list[str]) -> None:
    index = match_stage(text, stages)
    assert index is None or 0 <= index < len(stages)
    try:
        stage, rest = split_stage_prefix(text, stages)
        assert stage is None or 0 <= stage < len(stages)
        assert isinstance(rest, str)
        assert stage is None or rest
    except ParseError as error:
        assert error.key == "parse-empty"


def _check(call: Callable[[], object], kind: type) -> None:
    try:
        result = call()
    except ParseError as error:
        assert error.key.startswith("parse-")
        assert isinstance(error.args, dict)
        return
    assert isinstance(result, kind)


@settings(max_examples=250, deadline=None)
@given(text=TEXT, stages=STAGE_LISTS)
def test_entry_parsers_property(text: str, stages: list[str]) -> None:
    _check(lambda: parse_persona(text), PersonaInput)
    _check(lambda: parse_touchpoint(text, stages), TouchpointInput)
    _check(lambda: parse_resource(text), ResourceInput)
    element = parse_element(text, stages) if _ok(lambda: parse_element(text, stages)) else None
    if element is not None:
        assert (element.score is None) != (element.kind is None)
        assert element.stage is None or 0 <= element.stage < len(stages)
        assert element.kind is None or element.text
    observation = (parse_observation(text, stages)
                   if _ok(lambda: parse_observation(text, stages)) else None)
    if observation is not None:
        assert (observation.text is None) != (observation.ideal is None)


def _ok(call: Callable[[], object]) -> bool:
    try:
        call()
    except ParseError:
        return False
    return True


@settings(max_examples=60, deadline=None)
@given(text=TEXT, lang=st.sampled_from(["nl", "en"]))
def test_parse_action_property(text: str, lang: str) -> None:
    _check(lambda: parse_action(text, lang=lang, today=TODAY, now=time(12)), ActionInput)


# --- bounds: huge numbers, far dates, many lines, control characters (issue #12) -------------

HUGE = st.one_of(st.integers(6, 10**3), st.integers(10**12, 10**80)).map(str)
FIELD = st.one_of(
    HUGE.map(lambda n: f"impact {n}"), HUGE.map(lambda n: f"i{n} e{n}"),
    HUGE.map(lambda n: f"moeite: {n}"), HUGE.map(lambda n: f"due over {n} weken"),
    HUGE.map(lambda n: f"deadline {n}-12-31"), HUGE.map(lambda n: f"due 31-12-{n}"),
    st.sampled_from(["due 9999-12-31", "due december 9999", "due 29-02-2027", "due 0001-01-01",
                     "deadline 31-04-2027", "due 2027-03-28 02:30", "owner me", "@anna",
                     "due \x00\u202e vrijdag", "impact 4\u200b", "effort ２"]),
    st.text(alphabet=st.sampled_from(SPECIAL), max_size=20),
)


@settings(max_examples=200, deadline=None)
@given(title=st.sampled_from(["X", "Titel", "\x1b[31mrood", "a" * 200]),
       fields=st.lists(FIELD, max_size=5))
def test_hostile_action_fields_are_refused_never_raised(title: str, fields: list[str]) -> None:
    line = " | ".join([title, *fields])
    try:
        found = parse_action(line, lang="nl", today=TODAY, now=time(12))
    except ParseError as error:
        assert error.key.startswith("parse-")
        return
    assert found.impact is None or 1 <= found.impact <= 5
    assert found.effort is None or 1 <= found.effort <= 5
    assert found.due_date is None or TODAY <= found.due_date <= dates.latest_due(TODAY)


@settings(max_examples=100, deadline=None)
@given(count=st.integers(0, 1200), line=st.text(alphabet=st.sampled_from(SPECIAL), max_size=8))
def test_many_line_messages_are_bounded(count: int, line: str) -> None:
    text = "\n".join(f"{i} {line}" for i in range(count))
    try:
        found = split_lines(text)
    except ParseError as error:
        assert error.key in {"parse-too-many-lines", "parse-message-too-long"}
        return
    # Each numbered line survives cleaning, so more than MAX_LINES are always refused.
    assert count <= len(found) <= limits.MAX_LINES


def test_huge_numbers_are_refused_everywhere() -> None:
    big = "9" * 40
    assert key_of(lambda: parse_score(big)) == "parse-score-range"
    assert key_of(lambda: action(f"X | impact {big}")) == "parse-score-range"
    assert key_of(lambda: action(f"X | i{big}")) == "parse-score-range"
    assert key_of(lambda: action(f"X | due over {big} weken")) == "parse-date-too-far"
    assert key_of(lambda: parse_element(f"emotie {big}", FIVE_NL)) == "parse-score-range"
    assert split_stage_prefix(f"{big}: tekst", FIVE_NL) == (None, f"{big}: tekst")
    assert match_stage(big, FIVE_NL) is None
    assert not parsing.is_number("1" * 13)
