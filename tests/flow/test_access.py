"""Access control, the full matrix: every command verb and every button verb, tried by people
who may not do it, leaves a workshop unchanged and reveals nothing of it.

Who counts as a stranger: by design everyone who writes in a workshop's *group* becomes a
member on first use (flow.context.resolve: "Everyone in the workshop's group counts as a
member"), so a stranger here is someone outside that group: in a private chat, or in another
group that runs its own workshop. Facilitator-only actions are also tried by an ordinary member.

The matrix is generated from the verb table (COMMAND_VERBS) and handlers_buttons.BUTTONS: a new
command or button verb without a case here fails test_every_verb_has_a_case.
"""

from __future__ import annotations

import math
import shutil
import string
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import count
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Table, select
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel

from cjworkflow.flow import buttons
from cjworkflow.flow.engine import WorkshopEngine
from cjworkflow.flow.handlers_buttons import BUTTONS
from cjworkflow.flow.verbs import COMMAND_VERBS
from cjworkflow.i18n import t
from cjworkflow.messages import Actor, Command, Kind, Reply, Verb
from cjworkflow.storage import migrate, persons, workshops
from cjworkflow.storage.db import make_engine
from cjworkflow.storage.models import (
    Action,
    Entry,
    EntryKind,
    PendingQuestion,
    Person,
    Stage,
    Workshop,
)
from cjworkflow.storage.models_polls import Poll, PollItem, PollKind
from cjworkflow.storage.models_voice import SurveyResponse

NOW = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)
GROUP_A, GROUP_B = "group:A", "group:B"
# Secret-looking strings of workshop A: none may reach a stranger.
A_TITLE = "Zilvervos-traject 7431"
A_GOAL = "Geheim doel Kraanvogel 9902"
A_PERSONA = "Persona Ijsvogel 5521"
A_TOUCHPOINT = "Contactmoment Roerdomp 6617"
A_ACTION = "Actie Lepelaar 3390"
B_TITLE = "Bruine-beer-traject 2288"
B_GOAL = "Geheim doel Wolf 4404"

PEOPLE = {
    "fenna": Actor("u:fenna", "Fenna", "fenna", "nl"),  # facilitates A
    "anna": Actor("u:anna", "Anna", "anna", "nl"),  # an ordinary member of A
    "bob": Actor("u:bob", "Bob", "bob", "en"),  # facilitates B
    "eve": Actor("u:eve", "Eve", "eve", "nl"),  # a stranger to A; a member of B
    "carla": Actor("u:carla", "Carla", "carla", "nl"),  # a customer who answers A's survey
}


@dataclass
class World:
    """Two workshops, A (group A) and B (group B), and the people around them."""

    db: Engine
    refs: count[int] = field(default_factory=lambda: count(1))
    seen: list[Reply] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.engine = WorkshopEngine(self.db, default_language="nl",
                                     join_link=lambda code: f"https://t.me/cjbot?start={code}",
                                     clock=lambda: NOW)

    def send(self, who: str, verb: Verb, text: str = "", *, chat: str | None = None,
             private: bool = False) -> list[Reply]:
        """One command from a person in a chat (their private chat when private)."""
        actor = PEOPLE[who]
        ref = actor.external_id if private else (chat or GROUP_A)
        replies = self.engine.handle(Command(
            actor=actor, verb=verb, text=text, chat_ref=ref, private=private,
            source_ref=f"m:{next(self.refs)}", receipt_key=f"r:{next(self.refs)}"))
        self.seen.extend(replies)
        return replies

    def workshop(self, chat: str) -> Workshop:
        """The workshop of a group, fresh from the database."""
        with Session(self.db) as s:
            ws = workshops.workshop_for_chat(session=s, chat_ref=chat)
            assert ws is not None
            return ws

    @property
    def a(self) -> int:
        return self.workshop(GROUP_A).id or 0

    def one(self, model: type[Any], **where: Any) -> Any:
        """The first row of model matching where."""
        with Session(self.db) as s:
            q = select(model)
            for name, value in where.items():
                q = q.where(getattr(model, name) == value)
            row = s.exec(q).first()  # type: ignore[call-overload]
            assert row is not None, (model, where)
            return row[0]


def build(db: Engine) -> World:
    """A: at step 5 with goals, a persona, a touchpoint, an open question and an action."""
    w = World(db)
    w.send("fenna", Verb.NEW, A_TITLE)
    w.send("anna", Verb.TEXT, A_GOAL)
    w.send("fenna", Verb.STEP, "2")
    w.send("anna", Verb.TEXT, f"{A_PERSONA}: tweeverdiener")
    w.send("fenna", Verb.STEP, "4")
    w.send("anna", Verb.TEXT, f"1: {A_TOUCHPOINT} | web")
    w.send("anna", Verb.TEXT, "Review zonder fase")  # asks anna which stage: a question
    w.send("fenna", Verb.STEP, "8")
    w.send("fenna", Verb.TEXT, f"{A_ACTION} | impact 4 | moeite 2 | eigenaar ik | "
                               "deadline 2026-12-15")
    w.send("fenna", Verb.STEP, "5")
    w.send("anna", Verb.TEXT, "Vergelijkt prijzen")
    w.send("bob", Verb.NEW, B_TITLE, chat=GROUP_B)
    w.send("eve", Verb.TEXT, B_GOAL, chat=GROUP_B)  # eve belongs to B (and its group)
    # A customer of A answers its survey: never a member, her response still A's.
    survey = w.send("fenna", Verb.SURVEY, "Mijn wasmachine")
    code = survey[0].text.split("start=")[1].split()[0]
    w.send("carla", Verb.START, code, private=True)
    assert w.one(Entry, text=A_GOAL) and w.one(Action, title=A_ACTION)
    assert w.one(PendingQuestion, field="touchpoint_stage")
    return w


def snapshot(db: Engine, wid: int) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of a workshop: its own, those hanging on it, and its members' people."""
    tables = SQLModel.metadata.tables
    out: dict[str, list[tuple[Any, ...]]] = {}
    with db.connect() as c:
        out["workshop"] = [tuple(r) for r in c.execute(
            select(tables["workshop"]).where(tables["workshop"].c.id == wid))]
        for name, table in sorted(tables.items()):
            if "workshop_id" in table.c:
                out[name] = sorted(tuple(map(repr, r)) for r in c.execute(
                    select(table).where(table.c.workshop_id == wid)))
        action_ids = select(tables["action"].c.id).where(tables["action"].c.workshop_id == wid)
        reminder: Table = tables["reminder"]
        out["reminder"] = sorted(tuple(map(repr, r)) for r in c.execute(
            select(reminder).where(reminder.c.action_id.in_(action_ids))))
        people = select(tables["member"].c.person_id).where(
            tables["member"].c.workshop_id == wid)
        person: Table = tables["person"]
        out["person"] = sorted(tuple(map(repr, r)) for r in c.execute(
            select(person).where(person.c.id.in_(people))))
    assert out["entry"] and out["member"], "an empty snapshot would prove nothing"
    return out


def a_secrets(w: World) -> list[str]:
    """What must never reach someone outside A."""
    return [A_TITLE, A_GOAL, A_PERSONA, A_TOUCHPOINT, A_ACTION, w.workshop(GROUP_A).join_code]


def shown(replies: list[Reply], engine: WorkshopEngine) -> str:
    """Everything the replies would show, card edits and attachments' workshops included."""
    parts: list[str] = []
    for r in replies:
        parts.append(r.text)
        parts.extend(b.label for row in r.buttons for b in row)
        if r.kind is Kind.CARD_EDIT and r.workshop_id is not None and not r.text:
            card = engine.card(r.workshop_id)
            parts.append(card.text if card else "")
        if r.attachment is not None:
            parts.append(r.attachment.snapshot.title)
            parts.append((r.attachment.transfer or b"").decode("utf-8", "replace"))
    return "\n".join(parts)


@pytest.fixture(scope="module")
def _world_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """The two workshops built once into a SQLite file; the next free message number."""
    path = tmp_path_factory.mktemp("access") / "world.db"
    migrate.upgrade(f"sqlite:///{path}")
    db = make_engine(f"sqlite:///{path}")
    w = build(db)
    db.dispose()
    return path, next(w.refs)


@pytest.fixture
def world(_world_file: tuple[Path, int], tmp_path: Path) -> Iterator[World]:
    """A fresh copy of the two workshops (the access rules do not depend on the database:
    the e2e tests in tests/e2e/test_access.py run them on PostgreSQL too)."""
    path, first_ref = _world_file
    target = tmp_path / "world.db"
    for suffix in ("", "-wal"):
        if Path(f"{path}{suffix}").exists():
            shutil.copyfile(f"{path}{suffix}", f"{target}{suffix}")
    db = make_engine(f"sqlite:///{target}")
    # Message numbers go on where the build stopped: a reused one would be a duplicate.
    yield World(db, refs=count(first_ref))
    db.dispose()


# --- the matrix -------------------------------------------------------------------------


@dataclass(frozen=True)
class CommandCase:
    """How a command is tried: its most harmful arguments, and who may change A with it."""

    args: str
    facilitator_only: bool  # an ordinary member of A must not change A with it
    refusal: str | None = None  # the message id an ordinary member gets (None: any answer)


def _wrong_code(w: World) -> str:
    code = w.workshop(GROUP_A).join_code
    return code[:-1] + ("A" if code[-1] != "A" else "B")


COMMANDS: dict[str, CommandCase] = {
    "start": CommandCase("{wrong_code}", False),
    "join": CommandCase("{wrong_code}", False),
    "help": CommandCase("", False),
    "new": CommandCase("Overname door een lid", True, "new-group-busy"),
    "workshops": CommandCase("", False),
    "status": CommandCase("", False),
    "next": CommandCase("", True, "only-facilitator"),
    "back": CommandCase("", True, "only-facilitator"),
    "step": CommandCase("3", True, "only-facilitator"),
    "add": CommandCase("Indringer was hier", False),
    "undo": CommandCase("", False),
    # Entry 1 of step 5 is anna's own: she may remove it; entry text by fenna is tested below.
    "remove": CommandCase("1", False),
    "finish": CommandCase("", True, "only-facilitator"),
    "map": CommandCase("", False),
    "actions": CommandCase("", False),
    "export": CommandCase("", False),
    # A member makes a web link (issue #17); only a facilitator revokes them.
    "link": CommandCase("off", True, "only-facilitator"),
    "lang": CommandCase("en", True, "only-facilitator"),
    "stages": CommandCase("7", True, "only-facilitator"),
    "cancel": CommandCase("", False),
    "skip": CommandCase("", False),
    "renew": CommandCase("", True, "only-facilitator"),
    "rename": CommandCase("Ik vraag een offerte aan", True, "only-facilitator"),
    "promote": CommandCase("@anna", True, "only-facilitator"),
    "forget": CommandCase("", False),
    "mydata": CommandCase("", False),
    "delete": CommandCase("", True, "only-facilitator"),
    "card": CommandCase("", False),
    "remind": CommandCase("off", True, "only-facilitator"),
    "digest": CommandCase("off", True, "only-facilitator"),
    "timebox": CommandCase("5 auto", True, "only-facilitator"),
    # /kick only asks to confirm (the "kk" button removes); /members only lists.
    "kick": CommandCase("@anna", True, "only-facilitator"),
    "members": CommandCase("", True, "only-facilitator"),
    # Team facilitation: only a facilitator opens a vote or estimate, or hides names.
    "vote": CommandCase("actions 3", True, "only-facilitator"),
    "estimate": CommandCase("all", True, "only-facilitator"),
    "anonymous": CommandCase("on", True, "only-facilitator"),
    "who": CommandCase("", True, "only-facilitator"),
    # The customer survey link: made, renamed or revoked by a facilitator only.
    "survey": CommandCase("off", True, "only-facilitator"),
    "enquete": CommandCase("Mijn klantreis", True, "only-facilitator"),
    # The next round: keeps this one and empties the scores; facilitators only.
    "round": CommandCase("", True, "only-facilitator"),
    "ronde": CommandCase("", True, "only-facilitator"),
}
# In a private chat these act on the sender's own things (a new workshop, their language).
OWN_IN_PRIVATE = {"new", "lang"}
# Facilitator-only commands that really change A when the facilitator sends them: proof that
# the arguments above are potent, so "nothing changed" is not vacuous.
POTENT = {"next", "back", "step", "lang", "stages", "renew", "promote", "remind", "digest",
          "timebox", "new", "vote", "anonymous", "rename"}


@dataclass(frozen=True)
class ButtonCase:
    """A forged press: the action string (from A's real ids), the step A must be at."""

    action: str
    step: int = 5
    # Who may press it with effect on A (None: a read-only button).
    rightful: str | None = "fenna"
    facilitator_only: bool = False


def anna_member(w: World) -> int:
    """anna's membership id in A."""
    with Session(w.db) as s:
        m = persons.member_of(session=s, workshop_id=w.a,
                              person_id=w.one(Person, external_id="u:anna").id)
        assert m is not None
        return m.id or 0


def open_poll(w: World, kind: PollKind, action: int) -> int:
    """An open vote or estimate on A's action (made once)."""
    a = w.a
    with Session(w.db) as s:
        poll = s.execute(select(Poll).where(Poll.workshop_id == a, Poll.kind == kind)
                         ).scalars().first()
        if poll is None:
            poll = Poll(workshop_id=a, kind=kind, subject="actions", dots=3)
            s.add(poll)
            s.flush()
            s.add(PollItem(poll_id=poll.id or 0, item_id=action, position=1))
            s.commit()
        return poll.id or 0


def voted_goal(w: World) -> int:
    """A's goal, top of a closed vote: step 8 offers it as an action."""
    goal, a = w.one(Entry, text=A_GOAL).id, w.a
    with Session(w.db) as s:
        if s.execute(select(Poll).where(Poll.workshop_id == a, Poll.subject == "pains")
                     ).first() is None:
            poll = Poll(workshop_id=a, kind=PollKind.VOTE, subject="pains", dots=3,
                        closed_at=NOW)
            s.add(poll)
            s.flush()
            s.add(PollItem(poll_id=poll.id or 0, item_id=goal, position=1, total=2))
            s.commit()
    return goal


def button_action(w: World, verb: str) -> ButtonCase:
    """A potent action string for verb on workshop A (real ids of A's rows)."""
    a = w.a
    stage = w.one(Stage, workshop_id=a, position=1).id
    persona = w.one(Entry, kind=EntryKind.PERSONA).id
    question = w.one(PendingQuestion, field="touchpoint_stage").id
    action = w.one(Action, title=A_ACTION).id
    cases = {
        "sm": ButtonCase(f"sm:{a}:seven", facilitator_only=True),
        "nx": ButtonCase(f"nx:{a}:5", facilitator_only=True),
        "bk": ButtonCase(f"bk:{a}:5", facilitator_only=True),
        "st": ButtonCase(f"st:{a}", rightful=None),
        "hp": ButtonCase(f"hp:{a}", rightful=None),
        "tg": ButtonCase(f"tg:{a}:{persona}", step=3),
        "fs": ButtonCase(f"fs:{a}:5:2"),
        "sc": ButtonCase(f"sc:{a}:{stage}:4"),
        "si": ButtonCase(f"si:{a}:{stage}:4", step=7),
        "pq": ButtonCase(f"pq:{a}:{question}:1", step=4, rightful="anna"),
        "ws": ButtonCase(f"ws:{a}", rightful=None),
        "mp": ButtonCase(f"mp:{a}", rightful=None),
        "ac": ButtonCase(f"ac:{a}", rightful=None),
        "ex": ButtonCase(f"ex:{a}", rightful=None),
        # A /delete button says the minute it was made: made now, it still deletes.
        "dl": ButtonCase(f"dl:{a}:{int(NOW.timestamp() // 60)}", facilitator_only=True),
        "ln": ButtonCase(f"ln:{a}:en", facilitator_only=True),
        "rd": ButtonCase(f"rd:{a}:{action}", facilitator_only=True),
        "rs": ButtonCase(f"rs:{a}:{action}:7", facilitator_only=True),
        "rb": ButtonCase(f"rb:{a}:{action}", facilitator_only=True),
        # /forget's choice, offered to fenna in group A: only she may press it, only there.
        "fg": ButtonCase(f"fg:{a}:{w.one(Person, external_id='u:fenna').id}:k"),
        # /kick's confirmation: removes anna from A.
        "kk": ButtonCase(f"kk:{a}:{anna_member(w)}:y", facilitator_only=True),
        # A confirmed /remove of a persona: its author or a facilitator.
        "rm": ButtonCase(f"rm:{a}:e:{persona}"),
        # Team facilitation: a dot, an estimate, closing, a top-voted entry made an action.
        "vd": ButtonCase(f"vd:{a}:{open_poll(w, PollKind.VOTE, action)}:{action}:+"),
        "ve": ButtonCase(f"ve:{a}:{open_poll(w, PollKind.ESTIMATE, action)}:{action}:i:3"),
        "vc": ButtonCase(f"vc:{a}:{open_poll(w, PollKind.VOTE, action)}", facilitator_only=True),
        "va": ButtonCase(f"va:{a}:{voted_goal(w)}", step=8, rightful="anna"),
        # A customer's survey answers: only she may press them, in her private chat.
        "vq": ButtonCase(f"vq:0:{w.one(SurveyResponse).id}:0:5", rightful="carla"),
        "vn": ButtonCase(f"vn:0:{w.one(SurveyResponse).id}", rightful="carla"),
        # Journey templates: about no existing workshop (see NO_WORKSHOP_BUTTONS).
        "tl": ButtonCase("tl:0", rightful=None),
        "tp": ButtonCase("tp:0:quote"),
        # Step 8's context button: makes A's goal an action.
        "ta": ButtonCase(f"ta:{a}:{w.one(Entry, text=A_GOAL).id}", step=8),
    }
    return cases[verb]


BUTTON_VERBS = sorted(BUTTONS)
# Buttons about no existing workshop (the journey templates): anyone may press them, in their
# own chat, like typing /new; they still must not change or show A.
NO_WORKSHOP_BUTTONS = {"tl", "tp"}
# Buttons only a facilitator may press (reminder buttons: also the action's owner).
FACILITATOR_BUTTONS = {"sm", "nx", "bk", "dl", "ln", "rd", "rs", "rb", "kk", "vc"}
# Where a stranger tries: their private chat, or the group of the workshop they belong to.
STRANGER_PLACES = ["private", "other group"]


def test_every_verb_has_a_case() -> None:
    assert set(COMMANDS) == set(COMMAND_VERBS), "a new command needs an access case here"
    assert set(BUTTONS) == set(buttons.VERBS), "every button verb has a handler"
    assert {Verb(v) for v in COMMAND_VERBS.values()} | {Verb.BUTTON} == set(Verb), \
        "every verb is reachable as a command or a button"


def _place(place: str) -> dict[str, Any]:
    return {"private": True} if place == "private" else {"chat": GROUP_B}


@pytest.mark.parametrize("place", STRANGER_PLACES)
@pytest.mark.parametrize("name", sorted(COMMAND_VERBS))
def test_a_stranger_command_changes_and_reveals_nothing(world: World, name: str,
                                                         place: str) -> None:
    w = world
    before = snapshot(w.db, w.a)
    text = COMMANDS[name].args.replace("{wrong_code}", _wrong_code(w))
    replies = w.send("eve", COMMAND_VERBS[name], text, **_place(place))
    assert replies, f"/{name} from a stranger gets an answer"
    assert snapshot(w.db, w.a) == before, f"/{name} by a stranger ({place}) changed A"
    seen = shown(replies, w.engine)
    for secret in a_secrets(w):
        assert secret not in seen, f"/{name} by a stranger ({place}) showed {secret!r}"


@pytest.mark.parametrize("private", [False, True], ids=["group", "private"])
@pytest.mark.parametrize("name", sorted(n for n, c in COMMANDS.items() if c.facilitator_only))
def test_a_member_cannot_use_facilitator_commands(world: World, name: str,
                                                  private: bool) -> None:
    w = world
    if private:
        # anna's private chat works in her active workshop: make it A.
        w.send("anna", Verb.BUTTON, f"ws:{w.a}", private=True)
    before = snapshot(w.db, w.a)
    case = COMMANDS[name]
    if private and name in OWN_IN_PRIVATE:
        # anna's own: in private /new makes her own workshop, /lang sets her own language.
        return
    replies = w.send("anna", COMMAND_VERBS[name], case.args, private=private)
    assert snapshot(w.db, w.a) == before, f"/{name} by a member changed A"
    assert case.refusal is not None
    assert t("nl", case.refusal, title=A_TITLE) in [r.text for r in replies]


@pytest.mark.parametrize("name", sorted(POTENT))
def test_the_facilitator_can_change_with_the_same_commands(world: World, name: str) -> None:
    w = world
    before = snapshot(w.db, w.a)
    w.send("fenna", COMMAND_VERBS[name], COMMANDS[name].args)
    if name == "new":  # a new workshop replaces A in the group; A itself is not edited
        assert w.workshop(GROUP_A).title == COMMANDS[name].args
        return
    assert snapshot(w.db, w.a) != before, f"/{name} by the facilitator changed nothing"


def test_a_member_cannot_remove_someone_elses_entry(world: World) -> None:
    w = world
    w.send("fenna", Verb.TEXT, "Entry van de facilitator")  # entry 2 of step 5
    before = snapshot(w.db, w.a)
    replies = w.send("anna", Verb.REMOVE, "2")
    assert [r.text for r in replies] == [t("nl", "remove-not-yours")]
    assert snapshot(w.db, w.a) == before


def _at_step(w: World, step: int) -> None:
    if w.workshop(GROUP_A).current_step != step:
        w.send("fenna", Verb.STEP, str(step))


@pytest.mark.parametrize("place", STRANGER_PLACES)
@pytest.mark.parametrize("verb", BUTTON_VERBS)
def test_a_stranger_button_changes_and_reveals_nothing(world: World, verb: str,
                                                        place: str) -> None:
    w = world
    case = button_action(w, verb)
    _at_step(w, case.step)
    before = snapshot(w.db, w.a)
    replies = w.send("eve", Verb.BUTTON, case.action, **_place(place))
    assert snapshot(w.db, w.a) == before, f"{case.action} by a stranger ({place}) changed A"
    assert replies and replies[0].text, replies
    assert verb in NO_WORKSHOP_BUTTONS or replies[0].kind is Kind.ALERT, replies
    assert all(r.attachment is None for r in replies)
    seen = shown(replies, w.engine)
    for secret in a_secrets(w):
        assert secret not in seen, f"{case.action} by a stranger ({place}) showed {secret!r}"


@pytest.mark.parametrize("verb", sorted(FACILITATOR_BUTTONS))
def test_a_member_cannot_press_facilitator_buttons(world: World, verb: str) -> None:
    w = world
    case = button_action(w, verb)
    _at_step(w, case.step)
    before = snapshot(w.db, w.a)
    replies = w.send("anna", Verb.BUTTON, case.action)
    assert snapshot(w.db, w.a) == before, f"{case.action} by a member changed A"
    assert replies[0].kind is Kind.ALERT
    assert replies[0].text in {t("nl", "only-facilitator"), t("nl", "remind-not-owner")}


def test_a_member_cannot_press_someone_elses_forget_choice(world: World) -> None:
    w = world
    case = button_action(w, "fg")
    before = snapshot(w.db, w.a)
    replies = w.send("anna", Verb.BUTTON, case.action)
    assert [r.text for r in replies] == [t("nl", "forget-not-yours")]
    assert snapshot(w.db, w.a) == before


def test_the_facilitator_only_buttons_are_the_marked_ones(world: World) -> None:
    marked = {v for v in BUTTON_VERBS if button_action(world, v).facilitator_only}
    assert marked == FACILITATOR_BUTTONS


@pytest.mark.parametrize("verb", BUTTON_VERBS)
def test_the_rightful_presser_gets_an_effect(world: World, verb: str) -> None:
    """The same forged strings work for the right person: the refusals above mean something."""
    w = world
    case = button_action(w, verb)
    _at_step(w, case.step)
    wid = w.a
    before = snapshot(w.db, wid)
    who = case.rightful or "fenna"
    replies = w.send(who, Verb.BUTTON, case.action, private=verb in ("ws", "vq", "vn"))
    if verb == "tl":
        assert any(b.action.startswith("tp:0:") for r in replies for row in r.buttons
                   for b in row), replies
        return
    if verb == "tp":  # fenna, A's facilitator, starts a new workshop in A's group
        assert w.workshop(GROUP_A).title == t("nl", "template-quote-title")
        return
    if case.rightful is None:
        # A read-only button: it shows A (its title, plan or files, or the step's help).
        seen = shown(replies, w.engine)
        assert A_TITLE in seen or A_ACTION in seen or t("nl", "help") in seen, (verb, seen)
        return
    if verb == "dl":
        with Session(w.db) as s:
            assert s.get(Workshop, wid) is None
        return
    assert snapshot(w.db, wid) != before, f"{case.action} by {who} changed nothing: {replies}"


@pytest.mark.parametrize("verb", sorted(set(BUTTON_VERBS) - NO_WORKSHOP_BUTTONS))
def test_a_button_of_workshop_a_pressed_in_group_b_is_refused(world: World, verb: str) -> None:
    """Even A's facilitator: A's data must not be shown in (or steered from) B's group."""
    w = world
    case = button_action(w, verb)
    _at_step(w, case.step)
    # fenna is in group B too (she said something there), still facilitating A.
    w.send("fenna", Verb.STATUS, chat=GROUP_B)
    before = snapshot(w.db, w.a)
    replies = w.send("fenna", Verb.BUTTON, case.action, chat=GROUP_B)
    assert snapshot(w.db, w.a) == before, f"{case.action} pressed in group B changed A"
    assert [r.text for r in replies] == [t("nl", "button-unknown")]


# --- join codes -------------------------------------------------------------------------

URLSAFE = set(string.ascii_letters + string.digits + "-_")


def test_join_codes_carry_at_least_64_bits() -> None:
    codes = {workshops.new_join_code() for _ in range(500)}
    assert len(codes) == 500
    alphabet = set().union(*codes)
    assert alphabet <= URLSAFE, "deep-link safe"
    length = min(len(c) for c in codes)
    assert length * math.log2(len(URLSAFE)) >= 64
    # The codes really use the alphabet (not, say, only hex digits padded out).
    assert len(alphabet) > 50


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_wrong_or_renewed_code_is_refused_politely(engine: Engine, lang: str) -> None:
    w = World(engine)
    PEOPLE["ivo"] = Actor("u:ivo", "Ivo", "ivo", lang)
    try:
        w.send("fenna", Verb.NEW, A_TITLE)
        old = w.workshop(GROUP_A).join_code
        for wrong in ("", "x", old.upper() if old.upper() != old else old.lower(),
                      old + "x", " " + old[:-1], "%" * 20, "9" * 400):
            replies = w.send("ivo", Verb.JOIN, wrong, private=True)
            assert [r.text for r in replies] == [t(lang, "join-unknown-code")], wrong
        renewed = w.send("fenna", Verb.RENEW)
        new = w.workshop(GROUP_A).join_code
        assert new != old and new in renewed[0].text and old not in renewed[0].text
        for verb in (Verb.JOIN, Verb.START):
            replies = w.send("ivo", verb, old, private=True)
            assert [r.text for r in replies] == [t(lang, "join-unknown-code")]
        assert A_TITLE not in shown(w.seen[-2:], w.engine)
        joined = w.send("ivo", Verb.START, new, private=True)
        # The welcome speaks the workshop's language (A is Dutch); the refusals spoke ivo's.
        assert t("nl", "join-welcome", title=A_TITLE) == joined[0].text
    finally:
        del PEOPLE["ivo"]


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("verb", [Verb.JOIN, Verb.START])
def test_the_right_code_in_another_group_is_sent_to_a_private_chat(world: World, lang: str,
                                                                   verb: Verb) -> None:
    """Joining in group B would post A's card into B: it happens in a private chat only."""
    w = world
    PEOPLE["ivo"] = Actor("u:ivo", "Ivo", "ivo", lang)
    try:
        w.send("ivo", Verb.HELP, chat=GROUP_B)  # Ivo is in group B, writing in B's language
        before = snapshot(w.db, w.a)
        replies = w.send("ivo", verb, w.workshop(GROUP_A).join_code, chat=GROUP_B)
        assert [r.text for r in replies] == [t(lang, "join-in-private")]
        assert snapshot(w.db, w.a) == before
        assert A_TITLE not in shown(replies, w.engine)
        joined = w.send("ivo", verb, w.workshop(GROUP_A).join_code, private=True)
        assert A_TITLE in joined[0].text
    finally:
        del PEOPLE["ivo"]
