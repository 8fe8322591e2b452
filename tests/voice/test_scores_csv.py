"""Customers' scores from another survey tool (CSV): in private to the bot, or by the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from cjworkflow.i18n import t
from cjworkflow.limits.voice import MAX_CSV_BYTES, MAX_NOTE
from cjworkflow.messages import Verb
from cjworkflow.storage.db import make_engine
from cjworkflow.storage.models import Workshop
from cjworkflow.storage.models_voice import SurveyResponse, SurveyScore
from cjworkflow.storage.readmodel import build_snapshot
from cjworkflow.voice import scores_csv
from tests.conftest import _fresh_sqlite_database
from tests.harness import Room
from tests.storage.test_transfer import cjbot

GOOD = ("stage,score,comment\n"
        "1,4,\n"
        "Overweging,2,Bezorgkosten pas bij afrekenen\n"
        "consideration,3,\n"
        "5,5,Snel geleverd\n")


def _count(room: Room, model: type) -> int:  # type: ignore[type-arg]
    with Session(room.db) as s:
        return s.exec(select(func.count()).select_from(model)).one()


def _import(room: Room, who: str, data: str | bytes, lang: str = "nl") -> str:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    actor = room.people[who]
    return "\n".join(r.text for r in room.engine.import_scores(actor, raw))


def _room(engine: Engine, lang: str = "nl") -> Room:
    room = Room(engine, lang=lang)
    room.start()
    room.say("anna", "Een doel")  # anna: a member, no facilitator
    return room


def test_a_facilitator_adds_scores_as_customer_responses(engine: Engine) -> None:
    room = _room(engine)
    said = _import(room, "fenna", GOOD)
    assert said == t("nl", "import-scores-done", count=4, title=room.workshop().title)
    with Session(room.db) as s:
        ws = s.get(Workshop, room.workshop().id)
        assert ws is not None
        snap = build_snapshot(session=s, workshop=ws)
        responses = s.exec(select(SurveyResponse)).all()
    assert {r.source for r in responses} == {"import"} and len(responses) == 4
    assert all(r.respondent_id is None for r in responses)
    assert snap.customers is not None and snap.customers.responses == 4
    # Stage by number, Dutch label or English label: stage 2 twice (2 and 3).
    assert [v.scores for v in snap.customers.stages] == [(4,), (2, 3), (), (), (5,)]
    assert snap.customers.at(1).notes == ("Bezorgkosten pas bij afrekenen",)  # type: ignore[union-attr]
    assert t("nl", "survey-status", count=4) in "\n".join(
        r.text for r in room.send("anna", Verb.STATUS))


def test_a_respondent_column_groups_rows_and_semicolons_work(engine: Engine) -> None:
    room = _room(engine, "en")
    data = ("Respondent;Fase;Cijfer;Opmerking\n"
            "r1;1;2;\nr1;2;3;slow\nr2;1;5;\n")
    assert _import(room, "fenna", data) == t("en", "import-scores-done", count=2,
                                             title=room.workshop().title)
    assert _count(room, SurveyResponse) == 2 and _count(room, SurveyScore) == 3


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_bad_rows_are_reported_by_line_and_nothing_is_stored(engine: Engine, lang: str) -> None:
    room = _room(engine, lang)
    data = ("stage,score,comment\n"
            "1,4,ok\n"
            "Mars,3,\n"
            "2,6,\n"
            "\n"
            f"3,2,{'x' * (MAX_NOTE + 1)}\n"
            "4,twee,\n")
    said = _import(room, "fenna", data)
    lines = said.split("\n")
    assert lines[0] == t(lang, "import-scores-failed")
    numbers = [line.split(":")[0] for line in lines[1:]]
    word = "Line" if lang == "en" else "Regel"
    assert numbers == [f"{word} 3", f"{word} 4", f"{word} 6", f"{word} 7"]
    assert "Mars" in lines[1] and '"6"' in lines[2] and '"twee"' in lines[4]
    assert _count(room, SurveyResponse) == 0 and _count(room, SurveyScore) == 0


@pytest.mark.parametrize(("data", "key"), [
    ("", "import-scores-empty"),
    ("naam,cijfer\nx,3\n", "import-scores-header"),
    ("stage,score\n", "import-scores-empty"),
    (b"\xff\xfe\x00s\x00t", "import-scores-encoding"),
])
def test_a_file_that_is_no_score_table_is_refused(engine: Engine, data: str | bytes,
                                                  key: str) -> None:
    room = _room(engine)
    said = _import(room, "fenna", data)
    assert t("nl", key) in said
    assert _count(room, SurveyResponse) == 0


def test_size_and_rows_are_bounded(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    room = _room(engine)
    huge = b"stage,score\n" + b"1,3\n" * (MAX_CSV_BYTES // 4 + 1)
    assert _import(room, "fenna", huge) == t("nl", "import-scores-too-large",
                                             max=MAX_CSV_BYTES // 1024)
    monkeypatch.setattr(scores_csv, "MAX_CSV_ROWS", 3)
    assert _import(room, "fenna", "stage,score\n1,3\n1,3\n1,3\n1,3\n") == t(
        "nl", "import-scores-too-many", max=3)
    monkeypatch.setattr(scores_csv, "MAX_RESPONSES", 2)
    assert _import(room, "fenna", "stage,score\n1,3\n1,3\n1,3\n") == t(
        "nl", "import-scores-full", max=2)
    assert _count(room, SurveyResponse) == 0


def test_only_a_facilitator_of_the_active_workshop_may(engine: Engine) -> None:
    room = _room(engine)
    room.send("anna", Verb.BUTTON, f"ws:{room.workshop().id}", private=True)
    assert _import(room, "anna", GOOD) == t("nl", "import-scores-not-facilitator")
    assert _import(room, "stranger", GOOD) == t("nl", "import-scores-not-facilitator")
    assert _count(room, SurveyResponse) == 0


@pytest.mark.slow
def test_cli_import_scores(_sqlite_template: Path, tmp_path: Path) -> None:
    url = _fresh_sqlite_database(_sqlite_template, tmp_path)
    db = make_engine(url)
    try:
        room = _room(db)
        wid = room.workshop().id
    finally:
        db.dispose()
    good, bad = tmp_path / "scores.csv", tmp_path / "bad.csv"
    good.write_text(GOOD, encoding="utf-8")
    bad.write_text("stage,score\n1,9\n", encoding="utf-8")
    done = cjbot("--database-url", url, "import-scores", str(good), "--workshop", str(wid),
                 cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "4"
    done = cjbot("--database-url", url, "import-scores", str(bad), "--workshop", str(wid),
                 "--lang", "en", cwd=tmp_path)
    assert done.returncode == 1
    assert t("en", "import-scores-line", line=2,
             problem=t("en", "import-scores-score", score="9")) in done.stderr
