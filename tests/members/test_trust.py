"""The trust model (issue #12 item 3): who is a member, and what everyone else can reach.

A person becomes a member only by taking part in the workshop's own group or through its join
link or code. A named owner is a name; a handle is looked up among the workshop's members
only; whoever leaves or is kicked loses access; an import links nobody but the importer; the
JSON export carries no other participant's Telegram id. On SQLite and PostgreSQL, nl and en.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, select

from cjworkflow.i18n import fmt, t
from cjworkflow.messages import Actor, Command, Dest, Kind, Reply, Verb
from cjworkflow.storage import transfer
from cjworkflow.storage.models import (
    Action,
    Entry,
    Member,
    PendingQuestion,
    Person,
    Removal,
    Role,
    Workshop,
)
from tests.harness import Room, button, texts

DUE = "2026-11-27 14:00"
DAY_BEFORE = datetime(2026, 11, 26, 13, 0, tzinfo=UTC)
OWNER = {"nl": "eigenaar", "en": "owner"}
IMPACT = {"nl": "impact 4 | moeite 2", "en": "impact 4 | effort 2"}


@pytest.fixture(params=["nl", "en"])
def room(engine: Engine, request: pytest.FixtureRequest) -> Room:
    """Fenna facilitates a workshop at step 8 in the group; anna takes part there."""
    r = Room(engine, lang=request.param)
    r.start()
    for who in ("anna", "fenna"):
        r.send(who, Verb.START, private=True)  # the bot may write to them privately
    r.say("anna", "Snel geleverd")
    r.goto(8)
    return r


def action_line(room: Room, title: str, owner: str) -> str:
    return f"{title} | {IMPACT[room.lang]} | {owner} | {DUE}"


def outsider(name: str, lang: str = "nl") -> Actor:
    """Someone with a Telegram identity and username who is not in the room."""
    return Actor(f"u:{name}", name.title(), name, lang)


def as_actor(room: Room, actor: Actor, verb: Verb, text: str = "", *,
             chat: str | None = None) -> list[Reply]:
    """A command from actor: privately, or in chat."""
    return room.engine.handle(Command(
        actor=actor, verb=verb, text=text, chat_ref=chat or actor.external_id,
        private=chat is None, source_ref=f"o:{next(room.refs)}",
        receipt_key=f"or:{next(room.refs)}"))


def owner_of(room: Room, title: str) -> tuple[Member, Person]:
    with Session(room.db) as s:
        a = s.exec(select(Action).where(Action.title == title)).one()
        m = s.get(Member, a.owner_id)
        assert m is not None
        p = s.get(Person, m.person_id)
        assert p is not None
        return m, p


def member(room: Room, who: str) -> Member:
    wid = room.workshop().id
    with Session(room.db) as s:
        p = s.exec(select(Person).where(
            Person.external_id == room.people[who].external_id)).one()
        return s.exec(select(Member).where(Member.person_id == p.id,
                                           Member.workshop_id == wid)).one()


def tick(room: Room, when: datetime) -> list[Reply]:
    room.now = when
    return room.engine.due_replies(when)


def private_to(replies: list[Reply], ref: str) -> list[Reply]:
    return [r for r in replies if r.dest is Dest.PERSON and r.person_ref == ref]


def count(db: Engine, model: type[Person] | type[Entry]) -> int:
    with Session(db) as s:
        return int(s.exec(select(func.count()).select_from(model)).one())


def stored(room: Room) -> int:
    """Entries and actions stored (at step 8 a line is an action)."""
    return count(room.db, Entry) + count(room.db, Action)


# --- named owners ------------------------------------------------------------------------


def test_a_named_owner_is_only_a_name_and_is_invited_in_the_group(room: Room) -> None:
    replies = room.say("anna", action_line(room, "Bezorgslot", "@zoe"))
    m, p = owner_of(room, "Bezorgslot")
    assert (m.role, p.external_id, p.handle, p.display_name) == (Role.NAME, None, None, "@zoe")
    ws = room.workshop()
    link = f"https://t.me/cjbot?start={ws.join_code}"
    (invite,) = [r for r in replies if r.dest is Dest.WORKSHOP and r.text]
    assert invite.text == t(room.lang, "owner-invite", name="@zoe", title=ws.title, link=link)
    # anna is no facilitator: fenna hears privately that zoe is not a member yet.
    (note,) = private_to(replies, "u:fenna")
    assert note.text == t(room.lang, "owner-not-member-invited", name="@zoe", title=ws.title,
                          link=link)
    # A second action for zoe reuses her name and does not invite again.
    again = room.say("anna", action_line(room, "Retourlabel", "@Zoe"))
    assert owner_of(room, "Retourlabel")[0].id == m.id
    assert not [r for r in again if r.dest is not Dest.ORIGIN and r.kind is not Kind.CARD_EDIT]


def test_the_real_zoe_sees_nothing_and_gets_no_private_reminder(room: Room) -> None:
    room.say("anna", action_line(room, "Bezorgslot", "@zoe"))
    zoe = outsider("zoe", room.lang)
    as_actor(room, zoe, Verb.START)  # she has a private chat with the bot
    assert texts(as_actor(room, zoe, Verb.WORKSHOPS)) == t(room.lang, "workshops-none")
    for verb in (Verb.EXPORT, Verb.STATUS, Verb.MAP, Verb.ACTIONS):
        shown = as_actor(room, zoe, verb)
        assert all(r.attachment is None for r in shown)
        assert room.workshop().title not in texts(shown)
    # Pressing the workshop's buttons privately does not let her in either.
    refused = as_actor(room, zoe, Verb.BUTTON, f"ws:{room.workshop().id}")
    assert [r.text for r in refused] == [t(room.lang, "not-member")]
    sent = tick(room, DAY_BEFORE)
    assert not private_to(sent, "u:zoe")
    (group,) = [r for r in sent if r.dest is Dest.WORKSHOP]
    assert "@zoe" in group.text and "https://t.me/cjbot?start=" in group.text


def test_a_handle_is_never_looked_up_outside_the_workshop(room: Room) -> None:
    # eve is a real person known to the bot, in another group's workshop.
    eve = outsider("eve", room.lang)
    as_actor(room, eve, Verb.NEW, "Een andere reis", chat="group:other")
    as_actor(room, eve, Verb.START)
    replies = room.say("anna", action_line(room, "Bezorgslot", "@eve"))
    m, p = owner_of(room, "Bezorgslot")
    assert m.role == Role.NAME and p.external_id is None
    assert not private_to(replies, "u:eve")
    titles = texts(as_actor(room, eve, Verb.WORKSHOPS))
    assert "Een andere reis" in titles and room.workshop().title not in titles
    assert not private_to(tick(room, DAY_BEFORE), "u:eve")


def test_owner_look_ups_find_this_workshops_members(room: Room) -> None:
    room.say("bram", "hallo")  # bram takes part in the group: a member
    room.say("anna", action_line(room, "Bezorgslot", "@bram"))
    room.say("anna", action_line(room, "Retourlabel", f"{OWNER[room.lang]}: Bram"))
    for title in ("Bezorgslot", "Retourlabel"):
        m, p = owner_of(room, title)
        assert (m.role, p.external_id) == (Role.MEMBER, "u:bram")
    # A plain name nobody has is a name too, and the facilitator is told.
    replies = room.say("fenna", action_line(room, "Klantpanel", f"{OWNER[room.lang]}: Team Sales"))
    m, p = owner_of(room, "Klantpanel")
    assert (m.role, p.display_name, p.handle) == (Role.NAME, "Team Sales", None)
    assert t(room.lang, "owner-not-member", name="Team Sales", title=room.workshop().title,
             link=f"https://t.me/cjbot?start={room.workshop().join_code}") in texts(replies)


def test_a_strangers_private_workshop_cannot_message_anyone_by_handle(room: Room) -> None:
    crook = outsider("crook", room.lang)
    as_actor(room, crook, Verb.NEW, "Gratis prijs")
    as_actor(room, crook, Verb.STEP, "8")
    line = action_line(room, "Klik op https://phish.example/login", "@anna")
    replies = as_actor(room, crook, Verb.TEXT, line)
    due = tick(room, DAY_BEFORE) + tick(room, DAY_BEFORE + timedelta(days=3))
    reached = {r.person_ref for r in replies + due if r.dest is Dest.PERSON}
    assert reached <= {"u:crook"}
    # The reminder of a name in a workshop without a group goes to its facilitator only.
    assert [r.text for r in due][:1] == [t(
        room.lang, "remind-owner-not-member", owner="@anna", title="Gratis prijs",
        action="Klik op https://phish.example/login",
        due=fmt.due(date(2026, 11, 27), time(14, 0), room.lang))]
    assert all(r.chat_ref is None for r in replies if r.dest is Dest.WORKSHOP)
    assert "Gratis prijs" not in texts(room.send("anna", Verb.WORKSHOPS, private=True))


def test_the_named_person_joining_by_code_takes_over_their_actions(room: Room) -> None:
    room.say("anna", action_line(room, "Bezorgslot", "@zoe"))
    name_member, name_person = owner_of(room, "Bezorgslot")
    zoe = outsider("zoe", room.lang)
    as_actor(room, zoe, Verb.JOIN, room.workshop().join_code)
    m, p = owner_of(room, "Bezorgslot")
    assert (m.role, p.external_id) == (Role.MEMBER, "u:zoe")
    with Session(room.db) as s:
        assert s.get(Member, name_member.id) is None and s.get(Person, name_person.id) is None
    (mine,) = private_to(tick(room, DAY_BEFORE), "u:zoe")
    assert "Bezorgslot" in mine.text


def test_the_named_person_taking_part_in_the_group_takes_over_their_actions(room: Room) -> None:
    room.say("anna", action_line(room, "Bezorgslot", "@ravi"))
    room.say("ravi", "Bellen na levering")  # ravi's Telegram username is "ravi"
    m, p = owner_of(room, "Bezorgslot")
    assert (m.role, p.external_id) == (Role.MEMBER, "u:ravi")


def test_writing_with_a_handle_claims_no_name_elsewhere(room: Room) -> None:
    room.say("anna", action_line(room, "Bezorgslot", "@zoe"))
    zoe = outsider("zoe", room.lang)
    as_actor(room, zoe, Verb.START)  # she writes to the bot, but joins nothing
    m, p = owner_of(room, "Bezorgslot")
    assert m.role == Role.NAME and p.external_id is None


# --- leaving and /kick ---------------------------------------------------------------------


def test_who_leaves_the_group_loses_access_and_comes_back_by_taking_part(room: Room) -> None:
    room.send("anna", Verb.BUTTON, f"ws:{room.workshop().id}", private=True)
    room.say("anna", action_line(room, "Bezorgslot", "@anna"))
    room.say("anna", "Iets zonder impact")  # leaves anna a follow-up question
    entries = stored(room)
    assert room.engine.left_group(room.group, "u:anna") == 1
    m = member(room, "anna")
    assert (m.removal, m.removed_at is not None) == (Removal.LEFT, True)
    with Session(room.db) as s:
        assert not s.exec(select(PendingQuestion).where(
            PendingQuestion.member_id == m.id)).all()
    said = room.say("anna", "Nog een idee", private=True)
    assert [r.text for r in said] == [t(room.lang, "member-removed")]
    assert stored(room) == entries
    assert texts(room.send("anna", Verb.WORKSHOPS, private=True)) == t(room.lang,
                                                                       "workshops-none")
    assert [r.text for r in room.send("anna", Verb.EXPORT, private=True)] == [
        t(room.lang, "member-removed")]
    sent = tick(room, DAY_BEFORE)
    assert not private_to(sent, "u:anna")  # her action's reminder goes to the facilitator
    assert any("Bezorgslot" in r.text for r in private_to(sent, "u:fenna"))
    # What she wrote stays; taking part in the group again makes her a member again.
    room.say("anna", "Terug van weggeweest")
    assert member(room, "anna").removed_at is None
    assert stored(room) == entries + 1


def test_kick_asks_first_and_cancel_changes_nothing(room: Room) -> None:
    (ask,) = room.send("fenna", Verb.KICK, "@anna")
    assert ask.text == t(room.lang, "kick-confirm", name="@anna", title=room.workshop().title)
    room.press("fenna", button(ask, t(room.lang, "btn-kick-cancel")))
    assert member(room, "anna").removed_at is None


def test_a_kicked_member_cannot_write_in_the_group_or_privately_until_rejoining(
        room: Room) -> None:
    room.send("anna", Verb.BUTTON, f"ws:{room.workshop().id}", private=True)
    entries = stored(room)
    (ask,) = room.send("fenna", Verb.KICK, "@anna")
    done = room.press("fenna", button(ask, t(room.lang, "btn-kick")))
    assert done[0].kind is Kind.ALERT
    ws = room.workshop()
    assert "/renew" in texts(done)  # the facilitator is offered a new join code
    assert member(room, "anna").removal == Removal.KICKED
    group = room.say("anna", "Ik schrijf toch")
    assert [r.text for r in group] == [t(room.lang, "member-kicked")]
    private = room.say("anna", "En privé", private=True)
    assert [r.text for r in private] == [t(room.lang, "member-removed")]
    assert stored(room) == entries
    # She still reads what the group sees anyway, as everyone in the group may.
    assert room.send("anna", Verb.STATUS)[0].text
    assert member(room, "anna").removal == Removal.KICKED
    # Leaving the group afterwards does not turn the kick into a mere leave.
    room.engine.left_group(room.group, "u:anna")
    assert member(room, "anna").removal == Removal.KICKED
    # The join code lets her in again.
    room.send("anna", Verb.JOIN, ws.join_code, private=True)
    assert member(room, "anna").removed_at is None
    room.say("anna", "Weer terug")
    assert stored(room) == entries + 1


def test_kick_by_name_works_for_a_remote_member_who_joined_by_code(room: Room) -> None:
    room.send("ravi", Verb.JOIN, room.workshop().join_code, private=True)
    (ask,) = room.send("fenna", Verb.KICK, "Ravi", private=True)
    room.press("fenna", button(ask, t(room.lang, "btn-kick")), private=True)
    assert member(room, "ravi").removal == Removal.KICKED
    assert [r.text for r in room.say("ravi", "hallo", private=True)] == [
        t(room.lang, "member-removed")]


def test_a_facilitator_cannot_kick_themselves_nor_an_unknown(room: Room) -> None:
    assert [r.text for r in room.send("fenna", Verb.KICK, "@fenna")] == [
        t(room.lang, "kick-self")]
    assert [r.text for r in room.send("fenna", Verb.KICK, "@zoe")] == [
        t(room.lang, "kick-unknown", name="@zoe")]
    assert [r.text for r in room.send("fenna", Verb.KICK, "")] == [t(room.lang, "kick-usage")]
    assert member(room, "fenna").removed_at is None


def test_the_last_facilitator_is_never_kicked(room: Room) -> None:
    room.send("fenna", Verb.PROMOTE, "@anna")
    (ask,) = room.send("anna", Verb.KICK, "@fenna")
    # fenna steps down in between: anna is the last facilitator, she cannot go.
    fenna = member(room, "fenna").id
    with Session(room.db) as s:
        m = s.get(Member, fenna)
        assert m is not None
        m.role = Role.MEMBER
        s.commit()
    (ask_self,) = room.send("anna", Verb.KICK, "@anna")
    assert ask_self.text == t(room.lang, "kick-self")
    room.press("anna", button(ask, t(room.lang, "btn-kick")))
    assert member(room, "fenna").removed_at is not None  # a member now: may go
    assert member(room, "anna").removed_at is None


def test_members_lists_everyone(room: Room) -> None:
    room.now = datetime.now(UTC)  # joining times are the database's
    room.say("anna", f"Bezorgslot | {IMPACT[room.lang]} | @zoe")
    room.say("bram", "hallo")
    room.engine.left_group(room.group, "u:bram")
    room.now = room.now + timedelta(days=3, hours=1)
    (listing,) = room.send("fenna", Verb.MEMBERS)
    lines = listing.text.splitlines()
    assert lines[0] == t(room.lang, "members-head", title=room.workshop().title, count=2)
    three = t(room.lang, "ago-days", count=3)
    assert lines[1] == t(room.lang, "members-line", name="@fenna",
                         role=t(room.lang, "role-facilitator"), ago=three)
    assert lines[2] == t(room.lang, "members-line", name="@anna",
                         role=t(room.lang, "role-member"), ago=three)
    assert lines[3].startswith(t(room.lang, "members-line", name="@bram",
                                 role=t(room.lang, "role-member"), ago=three))
    assert lines[3].endswith(t(room.lang, "members-left", ago=three))
    assert lines[4] == t(room.lang, "members-line-name", name="@zoe")
    assert [r.text for r in room.send("anna", Verb.MEMBERS)] == [
        t(room.lang, "only-facilitator")]


# --- import and export -----------------------------------------------------------------------


def test_a_crafted_import_links_nobody(room: Room) -> None:
    """A file naming anna's Telegram id and fenna's handle enrols neither of them."""
    wid = room.workshop().id or 0
    with Session(room.db) as s:
        data = transfer.export_workshop(s, wid)
    for p in data["people"]:
        if p["handle"] == "anna":
            p["external_id"] = "u:anna"  # an arbitrary (here: real) Telegram id
        if p["handle"] == "fenna":
            p["external_id"] = None  # a "placeholder" with a real person's handle
    people = count(room.db, Person)
    crook = outsider("crook", room.lang)
    (done,) = room.engine.import_file(crook, json.dumps(data).encode())
    copy = done.workshop_id
    assert copy is not None
    with Session(room.db) as s:
        rows = s.exec(select(Member, Person).join(Person, col(Person.id) == col(Member.person_id))
                      .where(Member.workshop_id == copy)).all()
        linked = sorted(p.external_id for m, p in rows if p.external_id)
        assert linked == ["u:crook"]
        assert {m.role for m, p in rows if p.external_id is None} == {Role.NAME}
        assert all(p.handle is None for m, p in rows if p.external_id is None)
        # Entries keep their authors, as names.
        authors = s.exec(select(Entry.author_id).where(Entry.workshop_id == copy)).all()
        assert authors and all(a is not None for a in authors)
    assert count(room.db, Person) == people + 1 + len(data["people"])
    for who in ("anna", "fenna"):
        titles = texts(room.send(who, Verb.WORKSHOPS, private=True))
        assert titles.count(room.workshop().title) == 1  # only the original
    with Session(room.db) as s:
        ws = s.get(Workshop, copy)
        assert ws is not None and ws.chat_ref is None


def test_the_json_export_carries_no_other_telegram_id(room: Room) -> None:
    room.say("bram", "hallo")
    replies = room.send("anna", Verb.EXPORT)
    (json_reply,) = [r for r in replies if r.attachment and r.attachment.kind == "json"]
    raw = json_reply.attachment.transfer if json_reply.attachment else None
    assert raw is not None
    data = json.loads(raw)
    ids = {p["handle"]: p["external_id"] for p in data["people"]}
    assert ids == {"fenna": None, "anna": "u:anna", "bram": None}
    for other in ("u:fenna", "u:bram"):
        assert other.encode() not in raw


def test_who_was_removed_still_gets_help_and_sets_their_language(room: Room) -> None:
    room.send("anna", Verb.BUTTON, f"ws:{room.workshop().id}", private=True)
    room.engine.left_group(room.group, "u:anna")
    (help_,) = room.send("anna", Verb.HELP, private=True)
    assert t(room.lang, "help") in help_.text
    other = "en" if room.lang == "nl" else "nl"
    assert [r.text for r in room.send("anna", Verb.LANG, other, private=True)] == [
        t(other, "lang-set-me")]
    assert [r.text for r in room.send("anna", Verb.CANCEL, private=True)] == [
        t(other, "cancel-nothing")]


def test_who_was_removed_is_not_invited_back_by_naming_them_as_owner(room: Room) -> None:
    room.engine.left_group(room.group, "u:anna")
    refused = room.say("fenna", action_line(room, "Bezorgslot", "@anna"))
    assert [r.text for r in refused] == [t(room.lang, "owner-removed", name="@anna")]
    with Session(room.db) as s:
        assert not s.exec(select(Action)).all()
