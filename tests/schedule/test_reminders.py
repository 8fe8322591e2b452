"""Action reminders: offsets, time zones, claiming exactly once, buttons, overdue, digests."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from cjworkflow.errors import UserError
from cjworkflow.flow.engine import WorkshopEngine
from cjworkflow.messages import Dest, Reply, Verb
from cjworkflow.schedule import reminders
from cjworkflow.storage.db import make_engine
from cjworkflow.storage.models import Action, ActionStatus, InboundReceipt, Reminder, ReminderKind
from tests.harness import Room, button, texts

# The deadline of ACTION_LINE: Friday 27 Nov 2026 14:00 in Amsterdam = 13:00 UTC.
ACTION_LINE = "Bevestigingsmail | impact 5 | moeite 1 | @anna | 2026-11-27 14:00"
DEADLINE = datetime(2026, 11, 27, 13, 0, tzinfo=UTC)
DAY_BEFORE = DEADLINE - timedelta(days=1)
FIRST_OVERDUE = datetime(2026, 11, 28, 8, 0, tzinfo=UTC)  # 09:00 local, the day after


def at(h: int, m: int = 0, *, d: date) -> datetime:
    return datetime.combine(d, time(h, m), tzinfo=UTC)


@pytest.fixture(params=["nl", "en"])
def room(engine: Engine, request: pytest.FixtureRequest) -> Room:
    r = Room(engine, lang=request.param)
    r.start()
    for who in ("anna", "fenna"):
        r.send(who, Verb.START, private=True)  # the bot may write to them privately
    r.say("anna", "hallo")
    r.goto(8)
    return r


def tick(room: Room, when: datetime) -> list[Reply]:
    room.now = when
    return room.engine.due_replies(when)


def action(room: Room) -> Action:
    with Session(room.db) as s:
        a = s.exec(select(Action)).first()
        assert a is not None
        return a


def unsent(room: Room) -> list[Reminder]:
    with Session(room.db) as s:
        return list(s.exec(select(Reminder).where(col(Reminder.sent_at).is_(None))
                           .order_by(col(Reminder.fire_at))).all())


def to(replies: list[Reply], ref: str) -> list[Reply]:
    return [r for r in replies if r.dest is Dest.PERSON and r.person_ref == ref]


# --- offsets and time -------------------------------------------------------------------

def test_parse_offsets_reads_units_and_sorts_largest_first() -> None:
    assert reminders.parse_offsets("0m, 1d,3d 2h 1w") == [
        timedelta(weeks=1), timedelta(days=3), timedelta(days=1), timedelta(hours=2),
        timedelta(0)]
    assert reminders.format_offsets(reminders.parse_offsets("3d,1d,0m")) == "3d, 1d, 0m"


@pytest.mark.parametrize("bad", ["", "3x", "d3", "-1d", "60w", "1d,2d,3d,4d,5d,6d,7d,8d,9d"])
def test_parse_offsets_rejects_bad_input_kindly(bad: str) -> None:
    with pytest.raises(UserError) as e:
        reminders.parse_offsets(bad)
    assert e.value.key == "remind-bad-offsets"


def test_date_only_deadline_counts_from_nine_local_and_days_follow_the_wall_clock() -> None:
    """Across the DST change (25 Oct 2026) a day offset keeps 09:00 local."""
    offsets = reminders.parse_offsets("3d,1d,0m")
    after = reminders.deadline(date(2026, 10, 26), None, "Europe/Amsterdam")  # CET, UTC+1
    fires = [reminders.before(after, o) for o in offsets]
    assert fires == [datetime(2026, 10, 23, 7, 0, tzinfo=UTC),  # CEST: 09:00 = 07:00 UTC
                     datetime(2026, 10, 25, 8, 0, tzinfo=UTC),  # CET: 09:00 = 08:00 UTC
                     datetime(2026, 10, 26, 8, 0, tzinfo=UTC)]
    earlier = reminders.deadline(date(2026, 10, 24), None, "Europe/Amsterdam")  # CEST
    assert [reminders.before(earlier, o) for o in offsets] == [
        datetime(2026, 10, 21, 7, 0, tzinfo=UTC), datetime(2026, 10, 23, 7, 0, tzinfo=UTC),
        datetime(2026, 10, 24, 7, 0, tzinfo=UTC)]
    # Hours count in real time: 2h before 09:00 CET on the day after the change.
    assert reminders.before(after, timedelta(hours=2)) == datetime(2026, 10, 26, 6, 0,
                                                                   tzinfo=UTC)
    # The first overdue reminder: 09:00 local the day after, then weekly.
    assert reminders.first_overdue(earlier) == datetime(2026, 10, 25, 8, 0, tzinfo=UTC)
    assert reminders.next_overdue(earlier, datetime(2026, 10, 25, 8, 0, tzinfo=UTC)) == \
        datetime(2026, 11, 1, 8, 0, tzinfo=UTC)


def test_other_time_zone(engine: Engine) -> None:
    local = reminders.deadline(date(2026, 3, 9), time(10, 0), "America/New_York")  # EDT
    assert reminders.before(local, timedelta(days=1)) == datetime(2026, 3, 8, 14, 0,
                                                                  tzinfo=UTC)  # still EDT
    assert reminders.before(local, timedelta(0)) == datetime(2026, 3, 9, 14, 0, tzinfo=UTC)


# --- the flow ---------------------------------------------------------------------------

def test_reminders_reach_the_owner_once_then_overdue_day_after_then_weekly(room: Room) -> None:
    room.say("bram", ACTION_LINE)
    assert [r.kind for r in unsent(room)] == ["before", "due", "overdue"]
    assert tick(room, DAY_BEFORE - timedelta(seconds=1)) == []
    first = tick(room, DAY_BEFORE)
    assert len(first) == 1 and first[0].person_ref == "u:anna"
    assert "Bevestigingsmail" in first[0].text and "14:00" in first[0].text
    assert first[0].lang == room.lang
    labels = [b.label for row in first[0].buttons for b in row]
    assert len(labels) == 4 and any("✅" in x for x in labels)
    assert tick(room, DAY_BEFORE) == []  # claimed: never twice
    assert len(to(tick(room, DEADLINE), "u:anna")) == 1
    over = tick(room, FIRST_OVERDUE)
    assert len(to(over, "u:anna")) == 1
    told = to(over, "u:fenna")
    assert len(told) == 1 and "@anna" in told[0].text  # the first overdue tells facilitators
    assert [(r.kind, r.fire_at) for r in unsent(room)] == [
        ("overdue", FIRST_OVERDUE + timedelta(days=7))]
    assert to(tick(room, FIRST_OVERDUE + timedelta(days=6)), "u:anna") == []
    week = tick(room, FIRST_OVERDUE + timedelta(days=7))
    assert len(to(week, "u:anna")) == 1 and to(week, "u:fenna") == []


def test_done_button_closes_the_action_and_drops_its_reminders(room: Room) -> None:
    room.say("bram", ACTION_LINE)
    sent = tick(room, DAY_BEFORE)[0]
    replies = room.press("anna", button(sent, "✅"), private=True)
    a = action(room)
    assert a.status == ActionStatus.DONE and a.done_at is not None
    assert "Bevestigingsmail" in texts(replies)
    assert unsent(room) == []
    assert [r for r in tick(room, FIRST_OVERDUE + timedelta(days=30))
            if r.dest is Dest.PERSON] == []


def test_only_the_owner_or_a_facilitator_may_press(room: Room) -> None:
    room.say("bram", ACTION_LINE)
    sent = tick(room, DAY_BEFORE)[0]
    replies = room.press("bram", button(sent, "✅"))
    assert action(room).status == ActionStatus.OPEN
    assert replies and replies[0].text
    room.press("fenna", button(sent, "✅"))
    assert action(room).status == ActionStatus.DONE


def test_snooze_reminds_again_a_day_or_a_week_later(room: Room) -> None:
    room.say("bram", ACTION_LINE)
    sent = tick(room, DAY_BEFORE)[0]
    label = "1 dag" if room.lang == "nl" else "1 day"
    room.press("anna", button(sent, label), private=True)
    kinds = [(r.kind, r.fire_at) for r in unsent(room)]
    assert (ReminderKind.SNOOZE, DAY_BEFORE + timedelta(days=1)) in kinds
    assert ("due", DEADLINE) not in kinds  # the snooze replaces what came before it
    again = tick(room, DAY_BEFORE + timedelta(days=1))
    assert len(to(again, "u:anna")) == 1
    week = button(again[0], "1 week")
    room.press("anna", week, private=True)
    assert (ReminderKind.SNOOZE, DAY_BEFORE + timedelta(days=8)) in [
        (r.kind, r.fire_at) for r in unsent(room)]


def test_blocked_asks_a_reason_and_tells_the_facilitators(room: Room) -> None:
    room.say("bram", ACTION_LINE)
    room.goto(2)  # the reason is answerable whatever step the workshop is in
    sent = tick(room, DAY_BEFORE)[0]
    ask = room.press("anna", button(sent, "⛔"), private=True)
    assert ask[0].force_reply and "Bevestigingsmail" in ask[0].text
    replies = room.say("anna", "wacht op IT", private=True)
    a = action(room)
    assert a.status == ActionStatus.BLOCKED and a.blocked_reason == "wacht op IT"
    told = to(replies, "u:fenna")
    assert len(told) == 1 and "wacht op IT" in told[0].text and "@anna" in told[0].text
    assert unsent(room) == []
    assert [r for r in tick(room, FIRST_OVERDUE) if r.dest is Dest.PERSON] == []


def test_owner_without_private_chat_is_mentioned_in_the_group(room: Room) -> None:
    room.say("bram", ACTION_LINE.replace("@anna", "@zoe"))  # zoe never wrote to the bot
    sent = tick(room, DAY_BEFORE)
    assert len(sent) == 1 and sent[0].dest is Dest.WORKSHOP and sent[0].chat_ref == "group:1"
    assert "@zoe" in sent[0].text and "https://t.me/cjbot?start=" in sent[0].text


def test_owner_who_blocked_the_bot_is_reached_in_the_group_until_they_write_again(
        room: Room) -> None:
    room.say("bram", ACTION_LINE)
    (private,) = tick(room, DAY_BEFORE)
    # The private reminder carries the group mention for when Telegram refuses the chat.
    fallback = private.fallback
    assert fallback is not None and fallback.dest is Dest.WORKSHOP
    assert fallback.chat_ref == "group:1" and "@anna" in fallback.text
    assert "Bevestigingsmail" in fallback.text and fallback.buttons == private.buttons
    assert room.engine.private_chat_refused("u:anna") is True
    assert room.engine.private_chat_refused("u:anna") is False  # already known
    (due,) = tick(room, DEADLINE)
    assert due.dest is Dest.WORKSHOP and "@anna" in due.text
    room.send("anna", Verb.START, private=True)  # she unblocked and wrote to the bot
    over = tick(room, FIRST_OVERDUE)
    assert len(to(over, "u:anna")) == 1


def test_after_downtime_only_the_latest_due_reminder_is_sent_late(room: Room) -> None:
    room.engine.reminder_offsets = "3d,1d,0m"
    room.say("bram", ACTION_LINE)
    room.say("bram", "Tweede actie | impact 2 | moeite 2 | @anna | 2026-12-20")
    assert len(unsent(room)) == 8
    replies = tick(room, DEADLINE + timedelta(hours=3))
    assert len(replies) == 1  # three were due for the first action; one is sent
    assert "Bevestigingsmail" in replies[0].text
    late = "Te laat verstuurd" if room.lang == "nl" else "Sent late"
    assert late in replies[0].text
    with Session(room.db) as s:
        sent = s.exec(select(Reminder).where(col(Reminder.sent_at).is_not(None))).all()
        assert len(sent) == 3 and sum(r.late for r in sent) == 1
    assert tick(room, DEADLINE + timedelta(hours=3)) == []


def test_changing_the_deadline_resyncs_and_past_moments_are_not_created(room: Room) -> None:
    room.say("bram", "Late actie | impact 2 | moeite 2 | @anna")
    assert unsent(room) == []  # no deadline yet: nothing to remind
    room.now = datetime(2026, 11, 26, 20, 0, tzinfo=UTC)
    room.say("bram", "2026-11-27 09:00")  # answers the deadline question
    assert [r.kind for r in unsent(room)] == ["due", "overdue"]  # 1d before has passed


def test_remind_command_shows_sets_and_switches_off(room: Room) -> None:
    assert "1d, 0m" in texts(room.send("fenna", Verb.REMIND))
    room.say("bram", ACTION_LINE)
    assert "only" in texts(room.send("bram", Verb.REMIND, "off")).lower() or \
        "alleen" in texts(room.send("bram", Verb.REMIND, "off")).lower()
    assert "2h" in texts(room.send("fenna", Verb.REMIND, "2h"))
    assert next(r.fire_at for r in unsent(room)) == DEADLINE - timedelta(hours=2)
    assert "52" in texts(room.send("fenna", Verb.REMIND, "9x"))
    room.send("fenna", Verb.REMIND, "off")
    assert room.workshop().reminder_offsets == "off" and unsent(room) == []
    assert "/remind 1d,0m" in texts(room.send("fenna", Verb.REMIND))


# --- claiming exactly once --------------------------------------------------------------

def _many(room: Room, n: int) -> None:
    for i in range(n):
        room.say("bram", f"Actie {i} | impact 2 | moeite 2 | @anna | 2026-11-27 14:00")


def test_concurrent_ticks_in_two_threads_claim_each_reminder_once(room: Room) -> None:
    _many(room, 12)
    got: list[Reply] = []
    lock = threading.Lock()
    barrier = threading.Barrier(2)

    def run() -> None:
        barrier.wait()
        mine = room.engine.due_replies(DAY_BEFORE)
        with lock:
            got.extend(mine)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert sorted(r.text.split("\n")[1] for r in got) == sorted(f"Actie {i}" for i in range(12))


def test_two_engines_on_one_database_claim_each_reminder_once(db_url: str, engine: Engine) -> None:
    """Two "processes" (own engines and pools) tick concurrently, over and over."""
    room = Room(engine)
    room.start()
    room.send("anna", Verb.START, private=True)
    room.say("anna", "hallo")
    room.goto(8)
    _many(room, 40)
    engines = [WorkshopEngine(make_engine(db_url), clock=lambda: DAY_BEFORE) for _ in range(2)]
    got: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(2)

    def run(e: WorkshopEngine) -> None:
        barrier.wait()
        for step in range(0, 3600 * 24 * 3, 3600 * 6):
            mine = e.due_replies(DAY_BEFORE + timedelta(seconds=step))
            with lock:
                got.extend(r.text for r in mine if r.person_ref == "u:anna")

    try:
        threads = [threading.Thread(target=run, args=(e,)) for e in engines]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
    finally:
        for e in engines:
            e.db.dispose()
    # Each action: its day-before, its due and its first overdue reminder, once each.
    assert len(got) == 40 * 3 and len(set(got)) == 40 * 3  # each one, and none twice
    with Session(engine) as s:
        rows = s.exec(select(Reminder).where(col(Reminder.sent_at).is_not(None))).all()
        assert len(rows) == 40 * 3


# --- the weekly digest ------------------------------------------------------------------

def test_weekly_digest_by_owner_in_the_group(room: Room) -> None:
    room.say("bram", ACTION_LINE)
    room.say("bram", "Open actie | impact 2 | moeite 2 | @anna | 2026-12-20")
    room.say("bram", "Fenna's actie | impact 2 | moeite 2 | @fenna | 2026-12-20")
    sent = tick(room, DAY_BEFORE)[0]
    room.press("anna", button(sent, "✅"), private=True)
    created = room.workshop().created_at
    week = created + timedelta(days=7, minutes=1)
    digest = [r for r in tick(room, week) if r.dest is Dest.WORKSHOP]
    assert len(digest) == 1 and digest[0].chat_ref == "group:1"
    lines = digest[0].text.split("\n")
    assert "Ik bestel een wasmachine" in lines[0]
    anna = next(x for x in lines if x.startswith("@anna"))
    assert "1" in anna.split("·")[0] and "1" in anna.split("·")[1]  # 1 done, 1 open
    assert any(x.startswith("@fenna") for x in lines)
    assert [r for r in tick(room, week + timedelta(days=6)) if r.dest is Dest.WORKSHOP] == []
    assert len([r for r in tick(room, week + timedelta(days=7))
                if r.dest is Dest.WORKSHOP]) == 1
    room.send("fenna", Verb.DIGEST, "off")
    assert [r for r in tick(room, week + timedelta(days=30))
            if r.dest is Dest.WORKSHOP] == []


def test_digest_command(room: Room) -> None:
    on = texts(room.send("fenna", Verb.DIGEST))
    assert "/digest off" in on
    room.send("fenna", Verb.DIGEST, "off")
    assert room.workshop().digest_enabled is False
    assert "/digest on" in texts(room.send("fenna", Verb.DIGEST))
    room.send("bram", Verb.DIGEST, "on")
    assert room.workshop().digest_enabled is False  # only facilitators switch it
    room.send("fenna", Verb.DIGEST, "on")
    assert room.workshop().digest_enabled is True


def test_undo_removes_the_actions_reminders(room: Room) -> None:
    room.say("anna", ACTION_LINE)
    assert len(unsent(room)) == 3
    room.send("anna", Verb.UNDO)
    with Session(room.db) as s:
        assert s.exec(select(Reminder)).all() == []


def test_an_imported_workshop_gets_its_reminders(room: Room) -> None:
    from cjworkflow.messages import Actor
    from cjworkflow.storage import transfer

    room.say("bram", ACTION_LINE)
    with Session(room.db) as s:
        raw = transfer.export_bytes(s, room.workshop().id or 0)
    room.engine.import_file(Actor("u:iris", "Iris", "iris", "nl"), raw)
    with Session(room.db) as s:
        per_action = {a: len(s.exec(select(Reminder).where(Reminder.action_id == a)).all())
                      for a in s.exec(select(Action.id)).all()}
    assert sorted(per_action.values()) == [3, 3]


def test_settings_check_the_reminder_offsets() -> None:
    from pydantic import ValidationError

    from cjworkflow.config import Settings

    assert Settings(REMINDER_OFFSETS="3d,1d,0m").reminder_offsets == "3d,1d,0m"
    assert Settings(REMINDER_OFFSETS="OFF").reminder_offsets == "off"
    with pytest.raises(ValidationError):
        Settings(REMINDER_OFFSETS="soon")
    with pytest.raises(ValidationError):
        Settings(REMINDER_TICK_SECONDS=0)


def test_update_receipts_are_kept_a_week_then_pruned_by_the_tick(room: Room) -> None:
    now = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
    with Session(room.db) as s:
        s.add(InboundReceipt(key="tg:u:old", created_at=now - timedelta(days=8)))
        s.add(InboundReceipt(key="tg:u:recent", created_at=now - timedelta(days=2)))
        s.commit()
    tick(room, now)
    with Session(room.db) as s:
        keys = set(s.exec(select(InboundReceipt.key)).all())
    assert "tg:u:recent" in keys and "tg:u:old" not in keys
