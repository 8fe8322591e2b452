"""A scripted workshop for process-level tests: the messages to send and what must be stored.

`workshop_script()` walks all eight steps as a facilitator, two group members (`/add` in the
group, privacy mode on) and two remote members (plain lines in their private chats, after
`/start <code>` from the deep link) would, in Dutch or English. Alongside the messages it
computes, from the script alone, what the database must hold afterwards: every entry once
(kind, text, step), the target personas, the emotion scores, every action once, and the
step the workshop ends on. `play()` sends the script through the fake Bot API;
`stored()` reads the same facts back from the database for comparison.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlalchemy.pool import NullPool
from sqlmodel import Session, col, select

from cjworkflow.storage.db import make_engine
from cjworkflow.storage.models import (
    Action,
    EmotionScore,
    Entry,
    EntryKind,
    Member,
    Person,
    Workshop,
)
from tests.fakebotapi import FakeBotAPI
from tests.fakebotapi.state import Chat, User

GROUP_MEMBERS = ("fenna", "anna", "bram")  # fenna facilitates
REMOTE = ("ravi", "sanne")
# A few years ahead of the real clock the bot runs on: deadlines lie within 10 years (#12).
DEADLINE = f"{date.today().year + 3}-12-15"

WORDS: dict[str, dict[str, str]] = {
    "nl": {"new": "/new Ik bestel een wasmachine", "goal": "Doel", "persona": "Persona",
           "about": "omschrijving", "pgoal": "doel", "tp": "Contactmoment", "do": "Klant doet",
           "pain": "pijn", "idea": "idee", "moment": "moment", "emotion": "emotie",
           "have": "heb", "need": "nodig", "res": "Middel", "obs": "Observatie",
           "ideal": "ideaal", "action": "Verbetering", "effort": "moeite", "due": "deadline",
           "stage3": "Actie"},
    "en": {"new": "/new I order a washing machine", "goal": "Goal", "persona": "Persona",
           "about": "description", "pgoal": "goal", "tp": "Touchpoint", "do": "Customer does",
           "pain": "pain", "idea": "idea", "moment": "moment", "emotion": "emotion",
           "have": "have", "need": "need", "res": "Resource", "obs": "Observation",
           "ideal": "ideal", "action": "Improvement", "effort": "effort", "due": "due",
           "stage3": "Purchase"},
}


@dataclass(frozen=True)
class Say:
    """One update: who sends what, where ("group" or "private"); join: /start with the code."""

    who: str
    where: str
    text: str = ""
    join: bool = False

    @property
    def steers(self) -> bool:
        """A step change: in a scale-out, earlier entries must be in before it is sent."""
        return self.text in ("/next", "/back")


@dataclass
class Expected:
    """What the database must hold once the script has been processed exactly once."""

    entries: Counter[tuple[str, str, int]] = field(default_factory=Counter)
    targets: set[str] = field(default_factory=set)
    scores: dict[tuple[str, str], int] = field(default_factory=dict)
    actions: Counter[tuple[str, str]] = field(default_factory=Counter)
    step: int = 1


@dataclass
class Script:
    """The updates in order and the expected result."""

    says: list[Say]
    expected: Expected
    lang: str


def workshop_script(lang: str = "nl", tag: str = "", size: int = 300) -> Script:
    """A whole workshop of exactly `size` updates (at least 200); texts carry `tag`."""
    w = WORDS[lang]
    says: list[Say] = []
    exp = Expected()
    everyone = GROUP_MEMBERS + REMOTE
    turn = iter(range(10**6))

    def who() -> str:
        return everyone[next(turn) % len(everyone)]

    def say(person: str, text: str) -> None:
        in_group = person in GROUP_MEMBERS
        says.append(Say(person, "group" if in_group else "private",
                        f"/add {text}" if in_group else text))

    def entry(person: str, line: str, kind: EntryKind, text: str, step: int) -> None:
        say(person, line)
        exp.entries[(kind.value, text, step)] += 1

    def steer(text: str, step: int) -> None:
        says.append(Say("fenna", "group", text))
        exp.step = step

    says.append(Say("fenna", "group", w["new"]))
    for person in REMOTE:
        says.append(Say(person, "private", join=True))
    # Step 1: goals; every seventh message carries two lines, stored as two entries.
    goals = size - 200
    for i in range(goals):
        person = who()
        first = f"{w['goal']} {tag}{i}"
        if i % 7 == 3:
            second = f"{w['goal']} {tag}{i}b"
            say(person, f"{first}\n{second}")
            exp.entries[(EntryKind.GOAL.value, first, 1)] += 1
            exp.entries[(EntryKind.GOAL.value, second, 1)] += 1
        else:
            entry(person, first, EntryKind.GOAL, first, 1)
    steer("/next", 2)
    for i in range(20):
        name = f"{w['persona']} {tag}{i}"
        entry(who(), f"{name}: {w['about']} {i} | {w['pgoal']}: {w['goal'].lower()} {i}",
              EntryKind.PERSONA, name, 2)
    steer("/next", 3)
    # Step 3: toggles by name; persona 2 is marked and unmarked again.
    for i in (0, 2, 5, 2, 11, 7):
        say(who(), f"{w['persona']} {tag}{i}")
        exp.targets ^= {f"{w['persona']} {tag}{i}"}
    steer("/next", 4)
    for i in range(30):
        text = f"{w['tp']} {tag}{i}"
        entry(who(), f"{i % 5 + 1}: {text} | web", EntryKind.TOUCHPOINT, text, 4)
    steer("/next", 5)
    kinds = ((None, EntryKind.USER_ACTION), (w["pain"], EntryKind.PAIN),
             (w["idea"], EntryKind.SOLUTION), (w["moment"], EntryKind.MOMENT))
    for i in range(55):
        prefix, kind = kinds[i % len(kinds)]
        text = f"{w['do']} {tag}{i}"
        line = f"{prefix}: {text}" if prefix else text
        if i % 9 == 4:
            line = f"{w['stage3']}: {line}"  # another stage than the one in focus
        entry(who(), line, kind, text, 5)
    for n, person in enumerate(everyone):
        say(person, f"{w['emotion']} {n % 5 + 1}")
        exp.scores[(person, "current")] = n % 5 + 1
    steer("/next", 6)
    for i in range(30):
        text = f"{w['res']} {tag}{i}"
        entry(who(), f"{w['have'] if i % 2 else w['need']}: {text}", EntryKind.RESOURCE, text, 6)
    steer("/next", 7)
    for i in range(20):
        text = f"{w['obs']} {tag}{i}"
        entry(who(), f"{w['stage3']}: {text}" if i % 3 == 0 else text,
              EntryKind.OBSERVATION, text, 7)
    for n, person in enumerate(REMOTE):
        say(person, f"{w['ideal']} {n + 4}")
        exp.scores[(person, "ideal")] = n + 4
    steer("/back", 6)
    steer("/next", 7)
    steer("/next", 8)
    owners = ("anna", "bram", "ravi", "sanne", "fenna")
    while len(says) < size:
        i = len(exp.actions)
        title = f"{w['action']} {tag}{i}"
        owner = owners[i % len(owners)]
        say(who(), f"{title} | impact {i % 5 + 1} | {w['effort']} {(i + 2) % 5 + 1} | "
                   f"@{owner} | {w['due']} {DEADLINE}")
        exp.actions[(title, owner)] += 1
    assert len(says) == size and len(exp.actions) >= 20, "size too small for the script"
    return Script(says, exp, lang)


@dataclass
class Cast:
    """The fake users and the group of one scripted workshop."""

    users: dict[str, User]
    group: Chat


def cast(fake: FakeBotAPI, lang: str, tag: str = "") -> Cast:
    """Users (handles carry tag, so several casts can share one fake) and their group."""
    users = {name: fake.add_user(name.title() + tag, username=f"{name}{tag.lower()}",
                                 language_code=lang)
             for name in GROUP_MEMBERS + REMOTE}
    group = fake.add_group(f"Team {tag}".strip(), [users[n] for n in GROUP_MEMBERS])
    return Cast(users, group)


def handles(tag: str) -> Callable[[str], str]:
    """A script name -> the @handle cast() gave that person for tag."""
    return lambda name: f"{name}{tag.lower()}"


def _engine(db_url: str) -> Any:
    return make_engine(db_url, poolclass=NullPool)


def join_code(db_url: str, group: Chat) -> str | None:
    """The join code of the group's workshop, once it is stored."""
    engine = _engine(db_url)
    try:
        with Session(engine) as s:
            return s.exec(select(Workshop.join_code)
                          .where(Workshop.chat_ref == f"tg:{group.id}")).first()
    except (OperationalError, ProgrammingError):
        return None  # the bot has not created the schema yet
    finally:
        engine.dispose()


async def play(fake: FakeBotAPI, script: Script, who: Cast, db_url: str, *, gap: float,
               before_steering: Callable[[], Awaitable[None]] | None = None,
               handle: Callable[[str], str] = str) -> None:
    """Send the script at a steady trickle, gap seconds apart.

    With `before_steering`, that wait runs before and after each /next and /back: updates
    of different chats may be handled concurrently (webhook delivery), so a step change is
    ordered against the entries around it only by waiting, as people do for the new card.
    The join code comes from the database (the bot's reply with the link may be lost to a
    kill: see the README's known limit), as a member would ask the facilitator for it.
    `handle` maps a script name to the tagged handle in action lines.
    """
    loop = asyncio.get_running_loop()
    for say in script.says:
        user = who.users[say.who]
        if say.join:
            deadline = loop.time() + 90
            while (code := join_code(db_url, who.group)) is None:
                assert loop.time() < deadline, "the workshop was never created"
                await asyncio.sleep(0.05)
            fake.user_starts_bot(user, code)
        else:
            if say.steers and before_steering is not None:
                await before_steering()
            text = say.text
            for name in GROUP_MEMBERS + REMOTE:
                text = text.replace(f"@{name} ", f"@{handle(name)} ")
            await fake.user_sends(user, who.group if say.where == "group" else user, text)
            if say.steers and before_steering is not None:
                # Members write for the new step once they see its card.
                await before_steering()
        await asyncio.sleep(gap)


def stored(db_url: str, group: Chat, handle: Callable[[str], str] = str) -> Expected:
    """What the database holds for the group's workshop, in the shape of Expected."""
    names = {handle(n): n for n in GROUP_MEMBERS + REMOTE}
    engine = _engine(db_url)
    try:
        with Session(engine) as s:
            ws = s.exec(select(Workshop).where(Workshop.chat_ref == f"tg:{group.id}")).one()
            got = Expected(step=ws.current_step)
            for e in s.exec(select(Entry).where(Entry.workshop_id == ws.id)
                            .order_by(col(Entry.id))).all():
                got.entries[(e.kind, e.text, e.step)] += 1
                if e.is_target:
                    got.targets.add(e.text)
            members = {m.id: names.get(p.handle or "", p.handle or "?") for m, p in s.exec(
                select(Member, Person).join(Person, col(Person.id) == col(Member.person_id))
                .where(Member.workshop_id == ws.id)).all()}
            for sc in s.exec(select(EmotionScore).where(EmotionScore.workshop_id == ws.id)).all():
                key = (members.get(sc.member_id, "?"), sc.kind)
                assert key not in got.scores, f"two {sc.kind} scores of {key[0]}"
                got.scores[key] = sc.score
            for a in s.exec(select(Action).where(Action.workshop_id == ws.id)).all():
                got.actions[(a.title, members.get(a.owner_id, "?"))] += 1
            return got
    finally:
        engine.dispose()


def diff(expected: Expected, got: Expected) -> list[str]:
    """Human-readable differences (empty when the database matches the script)."""
    out = []
    if got.step != expected.step:
        out.append(f"step {got.step}, expected {expected.step}")
    missing = expected.entries - got.entries
    extra = got.entries - expected.entries
    if missing:
        out.append(f"missing entries: {sorted(missing)[:5]} ({sum(missing.values())})")
    if extra:
        out.append(f"extra/duplicated entries: {sorted(extra)[:5]} ({sum(extra.values())})")
    if got.targets != expected.targets:
        out.append(f"targets {sorted(got.targets)}, expected {sorted(expected.targets)}")
    if got.scores != expected.scores:
        out.append(f"scores {got.scores}, expected {expected.scores}")
    if got.actions != expected.actions:
        out.append(f"actions differ: missing {expected.actions - got.actions}, "
                   f"extra {got.actions - expected.actions}")
    return out
