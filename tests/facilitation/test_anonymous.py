"""Anonymous mode: no output names who wrote, scored, voted or estimated; the author stays
stored, so /undo, /mydata and /forget still work."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import asdict

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from cjworkflow.messages import Attachment, Reply, Verb
from cjworkflow.outputs.produce import produce
from cjworkflow.storage import transfer
from cjworkflow.storage.models import Action, Entry, EntryKind, Person, Workshop
from cjworkflow.storage.models_polls import PollMark
from tests.harness import Room, button, card_of, texts

NAMES = re.compile(r"\b(fenna|anna|bram)\b", re.IGNORECASE)


@pytest.fixture
def room(engine: Engine) -> Room:
    return Room(engine)


def named_workshop(room: Room) -> None:
    """Entries by three named members in every step that records one, a score, a vote, an
    estimate and an action; then anonymous mode on."""
    room.start("Ik bestel een wasmachine")
    room.say("anna", "Minder afhakers bij bezorgkeuze")
    room.say("bram", "Inzicht in klachten")
    room.goto(2)
    room.say("anna", "Drukke ouder: wil snel kunnen bestellen")
    room.goto(4)
    room.say("bram", "1: Website | web")
    room.goto(5)
    room.say("anna", "pijn: Bezorgmoment onduidelijk")
    room.say("bram", "idee: Snelle bevestiging")
    room.press("anna", button(card_of(room.send("anna", Verb.CARD), room), "2"))
    room.send("fenna", Verb.VOTE, "pains 2")
    vote = card_of(room.send("anna", Verb.CARD), room)
    room.press("anna", button(vote, "● 1."))
    room.press("bram", button(vote, "● 1."))
    room.send("fenna", Verb.VOTE, "close")
    room.goto(8)
    room.say("bram", "Bezorgmoment kiezen in de app")
    room.send("bram", Verb.CANCEL)
    room.send("fenna", Verb.ESTIMATE, "all")
    est = card_of(room.send("anna", Verb.CARD), room)
    room.press("anna", button(est, "1·I4"))
    room.press("bram", button(est, "1·I2"))
    room.send("fenna", Verb.ESTIMATE, "close")


def pdf_text(data: bytes) -> str:
    """Every page's text, line breaks made spaces (table cells wrap)."""
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
                    .split())


def _card(room: Room) -> str:
    card = room.engine.card(room.workshop().id or 0)
    assert card is not None
    return card.text


def outputs(room: Room) -> dict[str, str]:
    """Every output a member or a file can see, as text."""
    wid = room.workshop().id or 0
    card = room.engine.card(wid)
    assert card is not None
    out = {"card": card.text + " " + " ".join(b.label for row in card.buttons for b in row),
           "status": texts(room.send("anna", Verb.STATUS)),
           "actions": texts(room.send("anna", Verb.ACTIONS)),
           "help": texts(room.send("anna", Verb.HELP))}
    maps = [r for r in room.send("anna", Verb.MAP) if r.attachment is not None]
    assert maps and maps[0].attachment is not None
    # The map is drawn from the snapshot only: every string it could draw is in it.
    out["map snapshot"] = json.dumps(asdict(maps[0].attachment.snapshot), default=str,
                                     ensure_ascii=False)
    files: list[Reply] = [r for r in room.send("fenna", Verb.EXPORT) if r.attachment]
    kinds = {r.attachment.kind: r.attachment for r in files if r.attachment is not None}
    assert {"pdf", "xlsx", "csv", "markdown", "json"} <= set(kinds)
    for kind, att in kinds.items():
        data = produce(att).data
        if kind == "pdf":
            out[kind] = pdf_text(data)
        elif kind == "xlsx":
            wb = load_workbook(io.BytesIO(data))
            out[kind] = " ".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows()
                                 for c in row if c.value is not None)
        elif kind == "csv":
            out[kind] = " ".join(" ".join(r) for r in csv.reader(
                io.StringIO(data.decode("utf-8-sig"))))
        else:
            out[kind] = data.decode("utf-8")
    out["a3 pdf"] = pdf_text(produce(Attachment("pdf_a3", kinds["pdf"].snapshot, "nl")).data)
    return out


def test_anonymous_mode_names_nobody_in_any_output(room: Room) -> None:
    named_workshop(room)
    before = outputs(room)
    # Without anonymous mode the card and the lossless file do name the authors: the check
    # below is not vacuous.
    assert NAMES.search(before["json"]) and NAMES.search(before["map snapshot"])
    room.goto(5)
    assert "(@anna)" in _card(room) and "(@bram)" in _card(room)
    replies = room.send("fenna", Verb.ANONYMOUS, "on")
    assert "🕶" in texts(replies)
    seen = {"step 5 card": _card(room)}
    room.goto(1)
    seen["step 1 card"] = _card(room)
    seen["remove"] = texts(room.send("fenna", Verb.REMOVE, "2"))  # only asks to confirm
    assert "Inzicht in klachten" in seen["remove"]
    room.goto(8)
    seen.update(outputs(room))
    assert "🕶" in seen["card"] and "Bezorgmoment onduidelijk" in seen["step 5 card"]
    for name, text in seen.items():
        assert text, name
        found = NAMES.search(text)
        assert found is None, f"{name} names {found[0] if found else ''}: {text[:3000]}"
    # The outputs are not empty: the team's work is in them, with the team's dots and flags.
    for name in ("pdf", "a3 pdf", "markdown", "map snapshot"):
        assert "Bezorgmoment onduidelijk" in seen[name], name
    assert "●2 Bezorgmoment onduidelijk" in seen["map snapshot"]
    assert "3 deelnemers" in seen["pdf"]  # counted, not named
    assert "⚠ bespreken" in seen["actions"] and "⚠ bespreken" in seen["card"]
    # The lossless file still imports: authors left out, scores kept.
    data = json.loads(seen["json"])
    assert all(e["author_id"] is None for e in data["entries"])
    assert [s["score"] for s in data["scores"]] == [2]
    with Session(room.db) as s:
        copy = s.get(Workshop, transfer.import_bytes(s, seen["json"].encode(),
                                                     creator_external_id="u:zoe"))
        assert copy is not None and copy.anonymous
        assert len(s.exec(select(Entry).where(Entry.workshop_id == copy.id)).all()) == 6
        s.rollback()
    # Nor does /who tell.
    assert texts(room.send("fenna", Verb.WHO)) == \
        "De anonieme modus staat aan: ik laat niet zien wie wat bijdroeg. " \
        "Zet hem uit met /anonymous off."


def test_in_anonymous_mode_undo_mydata_and_forget_still_work(room: Room) -> None:
    named_workshop(room)
    room.send("fenna", Verb.ANONYMOUS, "on")
    # /undo: bram's most recent contribution, the action, goes.
    room.send("bram", Verb.UNDO)
    with Session(room.db) as s:
        assert s.exec(select(Action)).all() == []
    # /mydata: anna's own entries, by her name.
    mine = [r for r in room.send("anna", Verb.MYDATA, private=True) if r.attachment]
    assert mine and mine[0].attachment is not None
    data = json.loads(produce(mine[0].attachment).data)
    assert data["person"]["handle"] == "anna"
    # Her dot and her estimate are hers to see.
    assert sorted((m["kind"], m["dots"], m["impact"]) for m in data["votes_and_estimates"]) \
        == [("estimate", 0, 4), ("vote", 1, None)]
    assert {e["text"] for e in data["entries"]} >= {"Minder afhakers bij bezorgkeuze",
                                                     "Bezorgmoment onduidelijk"}
    # /forget: anna's personal data erased, her entries kept without a name.
    offer = room.send("anna", Verb.FORGET, private=True)
    done = room.press("anna", button(offer[0], offer[0].buttons[0][0].label), private=True)
    assert done and "forget-not-yours" not in texts(done)
    with Session(room.db) as s:
        assert s.exec(select(Person).where(Person.handle == "anna")).first() is None
        # Her dot and estimate went with her; bram's stay.
        assert len(s.exec(select(PollMark)).all()) == 2
        kept = s.exec(select(Entry).where(Entry.kind == EntryKind.GOAL)).all()
        assert len(kept) == 2


def test_switching_back_off_shows_authors_again_in_english(engine: Engine) -> None:
    room = Room(engine, lang="en")
    room.start("I order a washing machine")
    room.say("anna", "Fewer drop-outs at delivery choice")
    room.send("fenna", Verb.ANONYMOUS, "on")
    assert "(@anna)" not in (room.engine.card(room.workshop().id or 0) or Reply()).text
    replies = room.send("fenna", Verb.ANONYMOUS, "off")
    assert "Anonymous mode is off" in texts(replies)
    assert "(@anna)" in card_of(replies, room).text
    assert "Use /anonymous on or /anonymous off." in texts(
        room.send("fenna", Verb.ANONYMOUS, "maybe"))
    assert "Only a facilitator" in texts(room.send("anna", Verb.ANONYMOUS, "on"))
    assert room.workshop().anonymous is False


def test_an_owner_stays_named_an_author_does_not(engine: Engine) -> None:
    room = Room(engine, lang="en")
    room.start("I order a washing machine")
    room.say("anna", "Fewer drop-outs")
    room.say("bram", "More repeat orders")
    room.goto(8)
    room.say("bram", "Call back within a day | impact 4 | effort 2 | @anna | due friday")
    room.send("fenna", Verb.ANONYMOUS, "on")
    # The plan says who does it: an owner is a commitment, not an authorship.
    assert "@anna" in texts(room.send("bram", Verb.ACTIONS))
    lossless = next(r.attachment for r in room.send("fenna", Verb.EXPORT)
                    if r.attachment is not None and r.attachment.kind == "json")
    data = json.loads(produce(lossless).data)
    named = {p["handle"] for p in data["people"]}
    assert named == {"anna", None} and "bram" not in json.dumps(data).lower()
    assert [a["author_id"] for a in data["actions"]] == [None]
