"""A workshop with team scores and a customer survey, driven through the engine."""

from __future__ import annotations

from sqlmodel import Session

from cjworkflow.messages import Actor, Reply, Verb
from cjworkflow.storage import persons
from cjworkflow.storage.models import Person
from tests.harness import Room, button

TOUCHPOINT = "Vergelijkingssite Kraanvogel 4411"


def customer(room: Room, name: str, lang: str = "nl") -> str:
    """A customer of the journey: in no group, nobody's member; their name in room.people."""
    room.people[name] = Actor(f"u:{name}", name.title(), None, lang)
    return name


def team_scores(room: Room, scores: list[int]) -> None:
    """The team's guesses at step 5: anna scores stage i with scores[i]."""
    room.goto(4)
    room.say("anna", f"1: {TOUCHPOINT} | web")
    room.goto(5)
    for i, score in enumerate(scores, start=1):
        room.say("anna", f"{i}: emotie {score}")


def survey_link(room: Room, title: str = "") -> str:
    """fenna's /survey: the deep link's code."""
    replies = room.send("fenna", Verb.SURVEY, title)
    return replies[0].text.split("start=")[1].split()[0]


def answer(room: Room, who: str, code: str, faces: list[int | None],
           notes: dict[int, str] | None = None, comment: str | None = None) -> list[Reply]:
    """A customer opens the link and answers: a face per stage (None: skip), notes typed
    after the face of a stage, and a closing comment (None: 'no, thanks')."""
    seen = room.send(who, Verb.START, code, private=True)
    for i, face in enumerate(faces):
        question = seen[-1]
        pressed = question.buttons[1][0] if face is None else question.buttons[0][face - 1]
        seen = room.press(who, pressed, private=True)
        if notes and i in notes:
            room.say(who, notes[i], private=True)
    if comment is None:
        return room.press(who, button(seen[-1], ""), private=True)
    return room.say(who, comment, private=True)


def person(room: Room, who: str) -> Person | None:
    """The person behind a name in the room, if stored."""
    with Session(room.db) as s:
        return persons.person_by_external_id(session=s, external_id=room.people[who].external_id)
