"""Wording a reader notices (issue #14's language list): each rule pinned in nl and en."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from cjworkflow.i18n import t
from tests.harness import Room, texts

LOCALES = Path(__file__).resolve().parent.parent / "cjworkflow" / "i18n" / "locales"


def catalog(lang: str) -> str:
    """Every message of one language, as the files hold them."""
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted((LOCALES / lang).glob("*.ftl")))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_one_quotation_mark_style(lang: str) -> None:
    """Straight double quotes around quoted words; no ‘…’, “…” or «…» beside them."""
    text = catalog(lang)
    assert not [mark for mark in "‘“”«»" if mark in text]


def test_english_names_weekdays_and_months_with_capitals() -> None:
    text = catalog("en")
    days = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    months = "january|february|march|april|may|june|july|august|september|october|november|december"
    # A lower-case name only where it is what a member types as a keyword example is gone too.
    assert not re.search(rf"\b({days})\b", text), re.search(rf".*\b({days})\b.*", text)
    assert not re.search(rf"\b[0-9]{{1,2}} ({months})\b", text)
    assert "Friday" in t("en", "ask-action-due", title="x")


def test_english_wording_fixes() -> None:
    assert t("en", "render-matrix-hint-thankless") == "best avoided"
    assert "has been deleted" in t("en", "deleted", title="x")
    assert "webshop" not in catalog("en") and "online shop" in t("en", "step-touchpoints-example")
    assert "after you've paid" in t("en", "step-elements-example")
    assert "find out when" not in t("en", "step-elements-example")


def test_dutch_wording_fixes() -> None:
    assert t("nl", "step-changes-title") == "Verbeteringen"
    assert "15-12-2026" in t("nl", "step-changes-syntax")
    assert "2026-12-15" not in t("nl", "step-changes-syntax")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_toggle_or_a_score_is_not_called_added(engine: Engine, lang: str) -> None:
    room = Room(engine, lang=lang)
    room.start()
    room.goto(2)
    room.say("anna", "Sanne: moeder")
    added = t(lang, "entry-stored", count=1, last="\x00").split("\x00")[0].replace("👍 ", "")
    room.goto(3)
    out = texts(room.say("anna", "Sanne"))
    assert t(lang, "target-marked", name="Sanne") in out and added not in out
    room.goto(5)
    out = texts(room.say("anna", "😣"))
    assert "1" in out and added not in out
    out = texts(room.say("anna", "vergelijkt prijzen"))
    assert added in out


def test_dutch_sentences_read_right_where_they_are_shown() -> None:
    # Shown after "this step is still thin": an instruction, not a claim that already holds.
    thin = t("nl", "moved-on-thin", hint=t("nl", "step-elements-enough"))
    assert "Geef elke fase" in thin and "Elke fase heeft" not in thin
    assert t("en", "step-elements-enough").startswith("Give every stage")
    # The team is addressed as 'jullie' throughout one sentence.
    assert " je " not in f" {t('nl', 'step-resources-prompt')} "
    assert t("nl", "delete-confirm", title="X") == (
        '"X" met alle bijdragen en acties verwijderen? Dit kan niet ongedaan worden gemaakt.')


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_texts_point_to_commands_that_do_what_they_say(lang: str) -> None:
    # /status shows counts, not entries: the card's hidden lines are on /map and in /export.
    more = t(lang, "card-more-earlier", count=3)
    assert "/status" not in more and "/map" in more and "/export" in more
    # /back steers: only a facilitator can send it.
    assert "facilitator" in t(lang, "target-no-personas")
