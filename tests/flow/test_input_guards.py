"""Input the bot refuses or questions before storing: unknown commands, emoji-only lines, twins."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from cjworkflow.chat import TerminalChat
from cjworkflow.flow.verbs import nearest_command
from cjworkflow.messages import Verb
from cjworkflow.storage.models import Entry
from tests.harness import Room, texts


def entry_count(db: Engine) -> int:
    with Session(db) as s:
        return len(s.exec(select(Entry)).all())


def test_the_nearest_command_is_found_among_names_and_aliases() -> None:
    assert nearest_command("nwe") == "new"
    assert nearest_command("Stauts") == "status"
    assert nearest_command("skp") == "skip"
    assert nearest_command("xyzzy") is None


@pytest.mark.parametrize(("lang", "said"), [
    ("nl", "Het commando /nwe ken ik niet. Bedoelde je /new?"),
    ("en", "I don’t know the command /nwe. Did you mean /new?"),
])
def test_an_unknown_command_says_so_and_suggests_the_nearest(engine: Engine, lang: str,
                                                            said: str) -> None:
    room = Room(engine, lang=lang)
    room.start()
    before = entry_count(engine)
    # The Telegram adapter sends an unknown /name as HELP with the name (bot/handlers.py).
    replies = room.send("fenna", Verb.HELP, "/nwe Mijn reis")
    assert texts(replies).replace("\u2068", "").replace("\u2069", "") == said
    assert entry_count(engine) == before


@pytest.mark.parametrize(("lang", "said"), [
    ("nl", "Het commando /xyzzy ken ik niet."),
    ("en", "I don’t know the command /xyzzy."),
])
def test_an_unknown_command_without_a_near_one_shows_the_help(engine: Engine, lang: str,
                                                             said: str) -> None:
    room = Room(engine, lang=lang)
    replies = room.send("fenna", Verb.HELP, "/xyzzy")
    text = texts(replies).replace("\u2068", "").replace("\u2069", "")
    assert text.startswith(said)
    assert "/new" in text
    assert entry_count(engine) == 0


def test_the_terminal_chat_suggests_too(engine: Engine, tmp_path: object) -> None:
    from cjworkflow.flow.engine import WorkshopEngine

    out: list[str] = []
    chat = TerminalChat(WorkshopEngine(engine, default_language="en"), out_dir=tmp_path,  # type: ignore[arg-type]
                        lang="en", write=out.append)
    replies = chat.send("/hlep")
    assert "Did you mean /help?" in texts(replies).replace("\u2068", "").replace("\u2069", "")
