"""Coaching that reads the input: title tips and /rename, questions on the card, curves."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine

from cjworkflow.i18n import t
from cjworkflow.messages import Verb
from cjworkflow.steps.coaching import is_solution, title_tip
from tests.harness import Room, card_of, texts

LINES = {
    "nl": {"persona": "Sanne: moeder", "goal": "Bram: student | doel: goedkoop",
           "tp": "1: Google-advertentie", "tp_ok": "1: Review | web",
           "solution": "we moeten de levertijd tonen", "seen": "de levertijd staat nergens"},
    "en": {"persona": "Sam: parent", "goal": "Ben: student | goal: cheap",
           "tp": "1: Google ad", "tp_ok": "1: Review | web",
           "solution": "we should show the delivery time", "seen": "the delivery time is nowhere"},
}


@pytest.fixture(params=["nl", "en"])
def room(request: pytest.FixtureRequest, engine: Engine) -> Room:
    r = Room(engine, lang=request.param)
    r.start("Ik vraag een offerte aan" if request.param == "nl" else "I ask for a quote")
    return r


@pytest.mark.parametrize(("title", "lang", "suggestion"), [
    ("Offertetraject", "nl", "Ik vraag een offerte aan"),
    ("quotation process", "en", "I ask for a quote"),
    ("Retourproces", "nl", "Ik stuur een product terug"),
    ("Order handling", "en", "I order a product"),
    ("Klachtafhandeling", "nl", "Ik dien een klacht in"),
])
def test_a_company_side_title_gets_a_suggestion(title: str, lang: str, suggestion: str) -> None:
    tip = title_tip(title, lang)
    assert tip is not None and suggestion in tip and "/rename" in tip


@pytest.mark.parametrize("title", ["Ik vraag een offerte aan", "I order a washing machine",
                                   "Ik bestel een wasmachine", "We verhuizen"])
def test_a_customer_side_title_gets_none(title: str) -> None:
    assert title_tip(title, "nl") is None and title_tip(title, "en") is None


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_new_with_a_company_title_suggests_and_rename_fixes_it(engine: Engine, lang: str) -> None:
    room = Room(engine, lang=lang)
    title = "Offertetraject" if lang == "nl" else "quotation process"
    out = texts(room.start(title))
    assert t(lang, "title-tip", title=title, suggestion=t(lang, "title-tip-quote")) in out
    new = t(lang, "title-tip-quote")
    out = texts(room.send("fenna", Verb.RENAME, new))
    assert t(lang, "renamed", title=new) in out and "💡" not in out
    assert room.workshop().title == new
    assert card_of(room.send("fenna", Verb.CARD), room).text.startswith(f"🗺 {new}")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_rename_is_for_facilitators_and_needs_a_title(engine: Engine, lang: str) -> None:
    room = Room(engine, lang=lang)
    room.start("Offertetraject")
    room.say("anna", "iets")  # anna is a member now
    out = texts(room.send("anna", Verb.RENAME, "Mijn reis"))
    assert "Mijn reis" not in out and room.workshop().title == "Offertetraject"
    assert t(lang, "rename-needs-title") in texts(room.send("fenna", Verb.RENAME, "  "))
    out = texts(room.send("fenna", Verb.RENAME, "x" * 300))
    assert room.workshop().title == "Offertetraject" and out


def test_a_persona_without_goal_gets_a_question_on_the_card(room: Room) -> None:
    words = LINES[room.lang]
    room.goto(2)
    room.say("anna", words["goal"])
    card = card_of(room.send("fenna", Verb.CARD), room).text
    assert "💬" not in card
    room.say("anna", words["persona"])
    card = card_of(room.send("fenna", Verb.CARD), room).text
    name = words["persona"].split(":")[0]
    assert "💬 " + t(room.lang, "coach-persona-goal", name=name) in card


def test_a_touchpoint_without_channel_gets_a_question(room: Room) -> None:
    words = LINES[room.lang]
    room.goto(4)
    room.say("anna", words["tp_ok"])
    assert "💬" not in card_of(room.send("fenna", Verb.CARD), room).text
    room.say("anna", words["tp"])
    card = card_of(room.send("fenna", Verb.CARD), room).text
    name = words["tp"].split(": ")[1]
    assert t(room.lang, "coach-touchpoint-channel", name=name) in card


def test_a_walkthrough_line_written_as_a_solution_gets_a_question(room: Room) -> None:
    words = LINES[room.lang]
    room.goto(7)
    room.say("anna", words["seen"])
    assert "💬" not in card_of(room.send("fenna", Verb.CARD), room).text
    room.say("anna", words["solution"])
    card = card_of(room.send("fenna", Verb.CARD), room).text
    assert t(room.lang, "coach-walkthrough-solution", line=words["solution"]) in card


@pytest.mark.parametrize("line", ["we moeten X", "Wij zouden Y", "laten we Z", "We should X",
                                  "we need to Y", "let's Z"])
def test_solutions_are_recognised(line: str) -> None:
    assert is_solution(line)


@pytest.mark.parametrize("line", ["weten niet waar", "website is traag", "the web form breaks"])
def test_observations_are_not_solutions(line: str) -> None:
    assert not is_solution(line)


def _scores(room: Room, kind: str, scores: list[int]) -> None:
    """Each stage (in focus, one by one) gets a score: kind is 'emotie'/'ideaal' words."""
    word = {("nl", "current"): "emotie", ("en", "current"): "emotion",
            ("nl", "ideal"): "ideaal", ("en", "ideal"): "ideal"}[(room.lang, kind)]
    for position, score in enumerate(scores, 1):
        room.say("anna", f"{position}: {word} {score}")


def test_the_ideal_step_points_out_a_low_end_a_low_moment_and_no_gap(room: Room) -> None:
    lang = room.lang
    room.goto(5)
    _scores(room, "current", [4, 3, 2, 3, 1])
    room.say("anna", "3: moment: " + ("betalen" if lang == "nl" else "paying"))
    room.goto(7)
    card = card_of(room.send("fenna", Verb.CARD), room).text
    stages = [s for s in card.splitlines() if s.startswith("💬")]
    assert any(t(lang, "coach-ends-low-current", stage="\x00", score="1").split("\x00")[0]
               in s for s in stages), stages
    assert any("💬 " + t(lang, "coach-moment-low", stage="\x00", score="x").split("\x00")[0]
               in s for s in stages), stages
    _scores(room, "ideal", [5, 5, 4, 5, 5])
    card = card_of(room.send("fenna", Verb.CARD), room).text
    assert "💬 " + t(lang, "coach-no-gap") in card
    _scores(room, "ideal", [4, 2, 3, 4, 5])
    card = card_of(room.send("fenna", Verb.CARD), room).text
    assert t(lang, "coach-no-gap") not in card
