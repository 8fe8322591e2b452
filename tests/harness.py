"""A small harness that drives the engine as several people in a group and in private."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import count

from sqlalchemy.engine import Engine
from sqlmodel import Session

from cjworkflow.flow.engine import WorkshopEngine
from cjworkflow.messages import Actor, Button, Command, Kind, Reply, Verb
from cjworkflow.storage import workshops
from cjworkflow.storage.models import Workshop

NOW = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)  # a Sunday
GROUP = "group:1"


@dataclass
class Room:
    """A workshop room: one group chat and private chats, with a fixed clock."""

    db: Engine
    lang: str = "nl"
    now: datetime = NOW
    refs: count = field(default_factory=lambda: count(1))
    # Rooms with different tags share a database without sharing a group or people.
    tag: str = ""

    def __post_init__(self) -> None:
        self.group = GROUP + self.tag
        self.engine = WorkshopEngine(self.db, default_language=self.lang,
                                     join_link=lambda code: f"https://t.me/cjbot?start={code}",
                                     clock=lambda: self.now)
        self.people = {name: Actor(f"u:{name}{self.tag}", name.title(), name, self.lang)
                       for name in ("fenna", "anna", "bram", "ravi", "stranger")}

    def send(self, who: str, verb: Verb, text: str = "", *, private: bool = False,
             ref: str | None = None, receipt: str | None = None) -> list[Reply]:
        """One command from a person, in the group or in their private chat."""
        actor = self.people[who]
        chat = actor.external_id if private else self.group
        return self.engine.handle(Command(
            actor=actor, verb=verb, text=text, chat_ref=chat, private=private,
            source_ref=ref or f"msg:{next(self.refs)}", receipt_key=receipt))

    def say(self, who: str, text: str, **kw: object) -> list[Reply]:
        """An entry line (or lines)."""
        return self.send(who, Verb.TEXT, text, **kw)  # type: ignore[arg-type]

    def press(self, who: str, button: Button, *, private: bool = False) -> list[Reply]:
        """Press a button."""
        return self.send(who, Verb.BUTTON, button.action, private=private)

    def start(self, title: str = "Ik bestel een wasmachine") -> list[Reply]:
        """Fenna opens a workshop in the group."""
        return self.send("fenna", Verb.NEW, title)

    def workshop(self) -> Workshop:
        """The group's workshop, fresh from the database."""
        with Session(self.db) as s:
            ws = workshops.workshop_for_chat(session=s, chat_ref=self.group)
            assert ws is not None
            return ws

    def goto(self, step: int) -> list[Reply]:
        """Fenna jumps to a step."""
        return self.send("fenna", Verb.STEP, str(step))


def texts(replies: list[Reply]) -> str:
    """All reply texts joined, for asserting on."""
    return "\n".join(r.text for r in replies)


def card_of(replies: list[Reply], room: Room | None = None) -> Reply:
    """The (new or edited) step card among replies; an edit marker is resolved via room."""
    cards = [r for r in replies if r.kind in (Kind.CARD, Kind.CARD_EDIT)]
    assert cards, f"no card in {[r.kind for r in replies]}"
    card = cards[-1]
    if card.kind is Kind.CARD_EDIT and not card.text:
        assert room is not None and card.workshop_id is not None, "edit marker needs the room"
        resolved = room.engine.card(card.workshop_id)
        assert resolved is not None
        return resolved
    return card


def button(reply: Reply, label_part: str) -> Button:
    """The first button whose label contains label_part."""
    for row in reply.buttons:
        for b in row:
            if label_part in b.label:
                return b
    labels = [b.label for row in reply.buttons for b in row]
    raise AssertionError(f"no button {label_part!r} in {labels}")
