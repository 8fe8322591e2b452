"""Faults on both sides of the bot: Telegram misbehaving, and PostgreSQL restarting under it.

Telegram side: six chats (three groups, three private chats, Dutch and English, each with its
own workshop) run a short workshop script while the fake Bot API answers with 429 storms,
5xx, request timeouts and dropped connections. What the bot guarantees:

* every reply reaches the right chat, and the bot keeps answering afterwards;
* a chat waiting out a 429 never stalls another chat (each chat has its own queue), and a
  slow or refused answer to a pressed button holds up no update (it is answered on the side,
  retried while the query lives);
* exactly once, except after a lost answer to a send that had taken effect (a dropped
  connection after the fact, or a timeout Telegram still carried out): sendMessage has no
  idempotency key, so the retry is a duplicate. At most one duplicate per such fault.
  Edits and reactions are idempotent: a lost answer there costs nothing.

Database side: PostgreSQL restarts while the bot runs; updates of that window fail, are not
confirmed to Telegram, are fetched again and stored exactly once after the restart; a card
edit that meets the outage is tried again rather than dropped.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import shutil
import subprocess
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError

from bot.send_queue import MAX_ATTEMPTS
from cjworkflow.flow.engine import WorkshopEngine
from cjworkflow.messages import Actor, Command, Verb
from tests.e2e.botrunner import RunningBot, running_bot
from tests.fakebotapi import FakeBotAPI
from tests.fakebotapi.state import Chat, Message, User

SAY = {
    "nl": {"step": "Stap {n}/8", "status": "Deelnamecode", "intro": "start=",
           "journey": "Ik bestel een wasmachine {i}"},
    "en": {"step": "Step {n}/8", "status": "Join code", "intro": "start=",
           "journey": "I order a washing machine {i}"},
}
# PTB's default read timeout is 5 s: a 5.5 s answer is a request timeout for the bot.
TIMEOUT_DELAY = 5.5
STORM_COUNT, STORM_RETRY_AFTER = 3, 2


@dataclass
class Room:
    """One chat running its own workshop, and what happened to it."""

    name: str
    lang: str
    chat: Chat
    facilitator: User
    member: User
    goal: str
    # Faults for this chat, injected once its first step card is out.
    faults: Callable[[FakeBotAPI, Room], None] = lambda fake, room: None
    # How many duplicate sends the chat's faults may cause (after-effect faults on sends).
    may_duplicate: int = 0
    times: dict[str, float] = field(default_factory=dict)
    entry: Message | None = None

    @property
    def group(self) -> bool:
        """Whether the workshop runs in a group (entries are replies to the card there)."""
        return self.chat.type != "private"

    def say(self, key: str, **args: object) -> str:
        """A marker text of the bot's replies in this room's language."""
        return SAY[self.lang][key].format(**args)


def _bot_texts(fake: FakeBotAPI, chat: Chat, needle: str) -> list[str]:
    """The bot's distinct messages in chat (current text) containing needle."""
    return [m.text or "" for m in fake.sent_messages(chat)
            if not m.deleted and needle in (m.text or "")]


async def _script(bot: RunningBot, room: Room, start: float, title: str) -> None:
    """Run _steps for room, naming the room when a reply never comes."""
    try:
        await _steps(bot, room, start, title)
    except TimeoutError as e:
        raise AssertionError(f"{room.name}: {e} (times so far: {room.times})") from e


async def _steps(bot: RunningBot, room: Room, start: float, title: str) -> None:
    """/new, an entry, /status, /next; the faults for this room start after the first card."""
    fake, loop = bot.fake, asyncio.get_running_loop()
    await fake.user_sends(room.facilitator, room.chat, f"/new {title}")
    await bot.wait_text(room.chat, room.say("intro"), timeout=30)
    room.times["intro"] = loop.time() - start
    card = await bot.wait_text(room.chat, room.say("step", n=1), timeout=30)
    room.times["card"] = loop.time() - start
    room.faults(fake, room)
    if room.group:
        room.entry = await fake.user_sends(room.member, room.chat, room.goal, reply_to=card)
    else:
        room.entry = await fake.user_sends(room.facilitator, room.chat, room.goal)
    entry = room.entry
    await fake.user_sends(room.facilitator, room.chat, "/status")
    await bot.wait_text(room.chat, room.say("status"), timeout=40)
    await bot.wait(lambda: fake.reactions.get((room.chat.id, entry.message_id)), timeout=40)
    # The living card shows the entry: its (debounced) edit got through.
    await bot.wait_text(room.chat, room.goal, timeout=40)
    await fake.user_sends(room.facilitator, room.chat, "/next")
    await bot.wait_text(room.chat, room.say("step", n=2), timeout=40)
    room.times["done"] = loop.time() - start


def _storm(fake: FakeBotAPI, room: Room) -> None:
    # The storm goes on for the card's edits and the reactions.
    fake.inject_429(count=2, retry_after=1, methods={"editMessageText", "setMessageReaction"},
                    chat_id=room.chat.id)


def _server_errors(fake: FakeBotAPI, room: Room) -> None:
    fake.inject_error(502, count=1, methods="sendMessage", chat_id=room.chat.id)
    fake.inject_error(500, count=1, description="Internal Server Error",
                      methods="sendMessage", chat_id=room.chat.id)
    # The card's next send (after /next) is carried out, but its answer is lost.
    fake.drop_connections(1, methods="sendMessage", chat_id=room.chat.id, after_effect=True)


def _timeouts(fake: FakeBotAPI, room: Room) -> None:
    fake.inject_delay(TIMEOUT_DELAY, methods="sendMessage", chat_id=room.chat.id)
    # An edit that took effect although its answer was lost: the retry is "not modified".
    fake.drop_connections(1, methods="editMessageText", chat_id=room.chat.id,
                          after_effect=True)


def _drops(fake: FakeBotAPI, room: Room) -> None:
    fake.drop_connections(1, methods="sendMessage", chat_id=room.chat.id)
    fake.inject_error(500, count=1, methods="setMessageReaction", chat_id=room.chat.id)
    fake.drop_connections(1, methods="sendMessage", chat_id=room.chat.id)


def _late_timeout(fake: FakeBotAPI, room: Room) -> None:
    # Telegram carried the send out, only too late: the bot had given up and sends again.
    fake.inject_delay(TIMEOUT_DELAY, methods="sendMessage", chat_id=room.chat.id,
                      after_effect=True)
    fake.inject_error(502, count=1, methods="setMessageReaction", chat_id=room.chat.id)


def _lost_answers(fake: FakeBotAPI, room: Room) -> None:
    fake.drop_connections(1, methods="setMessageReaction", chat_id=room.chat.id,
                          after_effect=True)
    fake.drop_connections(1, methods="sendMessage", chat_id=room.chat.id, after_effect=True)
    # Polling's own answer lost after the fact: the same updates come again.
    fake.drop_connections(1, methods="getUpdates", after_effect=True)
    # More 429s in a row on the card's edits than the bot has attempts for network errors:
    # flood control is waited out, never given up on (the card used to stay stale).
    fake.inject_429(count=MAX_ATTEMPTS + 1, retry_after=1, methods="editMessageText",
                    chat_id=room.chat.id)


async def test_telegram_faults_lose_no_reply_and_stall_no_chat(fake_api: FakeBotAPI,
                                                                db_url: str) -> None:
    fake = fake_api
    people = {name: fake.add_user(name, username=name.lower(), language_code=lang)
              for name, lang in (("Fenna", "nl"), ("Anna", "nl"), ("Fiona", "en"),
                                 ("Ben", "en"), ("Gijs", "nl"), ("Bram", "nl"),
                                 ("Pien", "nl"), ("Paul", "en"), ("Pat", "en"))}
    p = people
    for name in ("Pien", "Paul", "Pat"):
        fake.user_starts_bot(p[name])
    fake.reset_rate_limits()
    rooms = [
        Room("G1 storm", "nl", fake.add_group("Storm", [p["Fenna"], p["Anna"]]),
             p["Fenna"], p["Anna"], "Minder afhakers bij de bezorgkeuze", _storm),
        Room("G2 5xx", "en", fake.add_group("Shop", [p["Fiona"], p["Ben"]]),
             p["Fiona"], p["Ben"], "Fewer drop-outs at checkout", _server_errors,
             may_duplicate=1),
        Room("G3 timeout", "nl", fake.add_group("Klantenservice", [p["Gijs"], p["Bram"]]),
             p["Gijs"], p["Bram"], "Sneller antwoord op klachten", _timeouts),
        Room("P1 drops", "nl", fake.private_chat(p["Pien"]), p["Pien"], p["Pien"],
             "Duidelijke levertijd", _drops),
        Room("P2 late", "en", fake.private_chat(p["Paul"]), p["Paul"], p["Paul"],
             "Clear delivery slot", _late_timeout, may_duplicate=1),
        Room("P3 lost", "en", fake.private_chat(p["Pat"]), p["Pat"], p["Pat"],
             "Fewer calls about invoices", _lost_answers, may_duplicate=1),
    ]
    stormed = rooms[0]
    async with running_bot(fake, db_url) as bot:
        loop = asyncio.get_running_loop()
        # One chat under a 429 storm from its first reply on, and 429s for anyone besides.
        fake.inject_429(count=STORM_COUNT, retry_after=STORM_RETRY_AFTER,
                        methods="sendMessage", chat_id=stormed.chat.id)
        fake.inject_429(count=3, retry_after=1)
        start = loop.time()
        await asyncio.gather(*(_script(bot, room, start, room.say("journey", i=i))
                               for i, room in enumerate(rooms)))

        # The storm held up its own chat only: every other chat had its first step card
        # while the stormed chat was still waiting out retry_after.
        storm_wait = STORM_COUNT * STORM_RETRY_AFTER
        assert stormed.times["intro"] >= storm_wait - 0.5, stormed.times
        for room in rooms[1:]:
            assert room.times["card"] < min(storm_wait, stormed.times["intro"]), \
                (room.name, room.times, stormed.times)
        stormed_calls = [c for c in fake.calls_to("sendMessage") if c.chat_id == stormed.chat.id]
        gaps = [b.time - a.time for a, b in itertools.pairwise(stormed_calls) if a.status == 429]
        assert len(gaps) >= STORM_COUNT and all(g >= STORM_RETRY_AFTER - 0.2 for g in gaps[:3])

        # No crash: with the faults gone every chat is answered promptly again.
        fake.clear_faults()
        since = loop.time()
        for room in rooms:
            await fake.user_sends(room.facilitator, room.chat, "/status")
        for room in rooms:
            await bot.wait(lambda r=room: len(_bot_texts(fake, r.chat, r.say("status"))) >= 2,
                           timeout=10)
        after = loop.time() - since

    report = {room.name: {k: round(v, 1) for k, v in room.times.items()} for room in rooms}
    print(f"\nfault timings (s): {report}; answers after the faults: {after:.2f} s")
    duplicates = {}
    for room in rooms:
        counts = {what: len(_bot_texts(fake, room.chat, needle)) for what, needle in
                  (("intro", room.say("intro")), ("card 1", room.say("step", n=1)),
                   ("status", room.say("status")), ("card 2", room.say("step", n=2)))}
        expected = {"intro": 1, "card 1": 1, "status": 2, "card 2": 1}
        extra = sum(counts.values()) - sum(expected.values())
        duplicates[room.name] = extra
        assert all(counts[k] >= v for k, v in expected.items()), (room.name, counts)
        assert 0 <= extra <= room.may_duplicate, (room.name, counts)
        # Nothing went to the wrong chat: no other room's entry shows up here.
        others = [r.goal for r in rooms if r is not room]
        assert not any(g in (m.text or "") for m in fake.sent_messages(room.chat) for g in others)
        assert room.entry is not None
        assert fake.reactions.get((room.chat.id, room.entry.message_id)) == \
            [{"type": "emoji", "emoji": "👍"}]
    print(f"duplicate sends per chat: {duplicates}")
    # Every entry stored exactly once, even though one batch of updates came twice.
    assert sorted(e.text for e in bot.entries()) == sorted(r.goal for r in rooms)
    assert fake.confirmed_offset > max(fake.fetched_update_ids)
    assert after < 5.0


async def test_a_slow_button_answer_stalls_no_other_chat(fake_api: FakeBotAPI,
                                                         tmp_path: Path) -> None:
    fake, db_url = fake_api, f"sqlite:///{tmp_path / 'bot.db'}"  # Telegram's side only
    fenna = fake.add_user("Fenna", username="fenna", language_code="nl")
    anna = fake.add_user("Anna", username="anna", language_code="nl")
    paul = fake.add_user("Paul", username="paul", language_code="en")
    fake.user_starts_bot(paul)
    group = fake.add_group("Team", [fenna, anna])
    async with running_bot(fake, db_url) as bot:
        loop = asyncio.get_running_loop()
        await fake.user_sends(fenna, group, "/new Ik meld een klacht")
        card = await bot.wait_text(group, "Stap 1/8")
        await fake.user_sends(paul, paul, "/new I report a complaint")
        await bot.wait_text(paul, "Step 1/8")
        # The member's press is refused with an alert; Telegram answers the alert slowly
        # (a timeout), then refuses twice with 429.
        fake.inject_delay(TIMEOUT_DELAY, methods="answerCallbackQuery")
        fake.inject_429(count=2, retry_after=1, methods="answerCallbackQuery")
        press = await fake.user_presses(anna, card, card.button("Volgende ▶")["callback_data"])
        await bot.wait(lambda: press.update_id in fake.fetched_update_ids)
        since = loop.time()
        await fake.user_sends(paul, paul, "/status")
        await bot.wait_text(paul, "Join code", timeout=30)
        other_chat = loop.time() - since
        # The alert still reaches the member, once.
        await bot.wait(lambda: fake.callback_answers, timeout=30)
        answered = loop.time() - since
    print(f"\nother chat answered after {other_chat:.2f} s; alert answered after "
          f"{answered:.2f} s")
    assert other_chat < TIMEOUT_DELAY - 2.5, "the other chat waited for the button answer"
    assert [a.text for a in fake.callback_answers] == ["Dat kan alleen een facilitator."]
    assert "Stap 2/8" not in "".join(m.text or "" for m in fake.messages_in(group))


# ------------------------------------------------------------------------ database side


@asynccontextmanager
async def _pien_in_a_workshop(fake: FakeBotAPI, tmp_path: Path
                              ) -> AsyncIterator[tuple[RunningBot, User]]:
    """A running bot on SQLite and Pien with a workshop of her own in her private chat."""
    pien = fake.add_user("Pien", username="pien", language_code="nl")
    fake.user_starts_bot(pien)
    async with running_bot(fake, f"sqlite:///{tmp_path / 'bot.db'}") as bot:
        await fake.user_sends(pien, pien, "/new Ik vraag een offerte aan")
        await bot.wait_text(pien, "Stap 1/8")
        yield bot, pien


def _away_once(real: Callable[..., Any], failures: list[int],
               when: Callable[..., bool] = lambda *a, **k: True) -> Callable[..., Any]:
    """real(), except that the first call for which when() holds meets a database restart."""
    def call(*args: Any, **kwargs: Any) -> Any:
        if not failures and when(*args, **kwargs):
            failures.append(1)
            raise OperationalError("SELECT", {}, Exception("server closed the connection"))
        return real(*args, **kwargs)
    return call


async def test_a_card_edit_survives_a_database_hiccup(fake_api: FakeBotAPI, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    fake, failures = fake_api, []
    async with _pien_in_a_workshop(fake, tmp_path) as (bot, pien):
        engine = bot.svc.engine
        monkeypatch.setattr(engine, "card", _away_once(engine.card, failures))
        await fake.user_sends(pien, pien, "Snelle offerte binnen een dag")
        # The entry is stored at once; the card shows it once the database answers again.
        await bot.wait(lambda: bot.entries())
        await bot.wait_text(pien, "Snelle offerte binnen een dag", timeout=10)
    assert failures == [1]
    assert len(_bot_texts(fake, fake.private_chat(pien), "Stap 1/8")) == 1, \
        "the card was edited, not sent anew"


async def test_a_status_meeting_a_database_hiccup_is_answered_and_holds_up_nothing(
        fake_api: FakeBotAPI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake, failures = fake_api, []
    async with _pien_in_a_workshop(fake, tmp_path) as (bot, pien):
        engine = bot.svc.engine
        monkeypatch.setattr(engine, "handle", _away_once(
            engine.handle, failures, when=lambda cmd: cmd.verb.value == "status"))
        await fake.user_sends(pien, pien, "/status")
        await fake.user_sends(pien, pien, "Snelle offerte binnen een dag")
        # The entry after it is stored and acknowledged while the status waits to be read again.
        await bot.wait(lambda: bot.entries())
        await bot.wait(lambda: fake.reactions)
        assert not _bot_texts(fake, fake.private_chat(pien), "Deelnamecode")
        # The status is read again a second later and arrives once, with the new entry.
        status = await bot.wait_text(pien, "Deelnamecode", timeout=10)
        assert "1. Doelen: 1" in (status.text or ""), status.text
    assert failures == [1]
    assert len(_bot_texts(fake, fake.private_chat(pien), "Deelnamecode")) == 1


async def test_a_new_card_catches_up_with_changes_made_while_it_was_sent(
        fake_api: FakeBotAPI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With two processes, a change handled by the other one while this one sends the next
    step's card is edited into the card it still knows, the previous one; the new card must
    then catch up by itself."""
    fake = fake_api
    async with _pien_in_a_workshop(fake, tmp_path) as (bot, pien):
        engine = bot.svc.engine
        other = WorkshopEngine(engine.db)  # the other process: same database, no deliverer
        real_remember, other_done = engine.set_card_message, []

        def remember_late(chat_ref: str, workshop_id: int, message_ref: str) -> None:
            if not other_done:
                other_done.append(1)
                stored = other.handle(Command(
                    actor=Actor(f"tg:{pien.id}", "Pien", "pien", "nl"), verb=Verb.TEXT,
                    text="Kees Achtenzeventig: koopt liever in de winkel", chat_ref=chat_ref,
                    private=True, source_ref="other:1"))
                assert stored and "⚠" not in stored[0].text, stored
            real_remember(chat_ref, workshop_id, message_ref)

        await fake.user_sends(pien, pien, "Snelle offerte binnen een dag")
        await bot.wait_text(pien, "Snelle offerte binnen een dag")  # the card edit is done
        await asyncio.sleep(1.0)  # and no other edit is due
        monkeypatch.setattr(engine, "set_card_message", remember_late)
        await fake.user_sends(pien, pien, "/next")
        card = await bot.wait_text(pien, "Stap 2/8")
        assert "Kees Achtenzeventig" not in (card.text or "")
        await bot.wait(lambda: "Kees Achtenzeventig" in (
            fake.message(pien, card.message_id).text or ""), timeout=10)
    assert len(_bot_texts(fake, fake.private_chat(pien), "Stap 2/8")) == 1, "edited, not resent"


PG_CTL = shutil.which("pg_ctlcluster")


def _pg_version() -> str | None:
    versions = sorted(os.listdir("/etc/postgresql")) if Path("/etc/postgresql").is_dir() else []
    return versions[-1] if versions else None


def _pg_ctl(action: str) -> subprocess.CompletedProcess[str]:
    """pg_ctlcluster <version> main <action>, as root, without systemd."""
    assert PG_CTL is not None
    return subprocess.run([PG_CTL, "--skip-systemctl-redirect", _pg_version() or "", "main",
                           action], capture_output=True, text=True, timeout=60, check=False)


@pytest.mark.slow
@pytest.mark.parametrize("db_url", [pytest.param("postgres", marks=pytest.mark.postgres)],
                         indirect=True)
async def test_postgres_restart_under_the_running_bot(fake_api: FakeBotAPI, db_url: str,
                                                      postgres_alone: None) -> None:
    if PG_CTL is None or _pg_version() is None or os.geteuid() != 0:
        pytest.skip("restarting PostgreSQL needs pg_ctlcluster, a local cluster and root")
    fake = fake_api
    pien = fake.add_user("Pien", username="pien", language_code="nl")
    fenna = fake.add_user("Fenna", username="fenna", language_code="nl")
    anna = fake.add_user("Anna", username="anna", language_code="nl")
    fake.user_starts_bot(pien)
    group = fake.add_group("Team", [fenna, anna])
    sent: list[str] = []
    lost: set[str] = set()

    def fetched() -> list[tuple[int, str]]:
        """(update_id, text) of every message update the bot fetched, repeats included."""
        return [(u["update_id"], u["message"].get("text", "")) for c in fake.calls_to("getUpdates")
                if c.ok for u in (c.result or []) if "message" in u]

    async def watch_confirmations(bot: RunningBot) -> None:
        """Whenever Telegram is told updates are done, their entries must be stored."""
        seen = 0
        while True:
            await fake.wait_for(lambda s=seen: fake.confirmed_offset > s, timeout=3600)
            seen = fake.confirmed_offset
            done = {text for i, text in fetched() if i < seen and text in sent}
            try:
                stored = {e.text for e in await asyncio.to_thread(bot.entries)}
            except Exception:  # the database is away: nothing is being confirmed now
                continue
            lost.update(done - stored)

    async def entry(text: str, card: Message) -> None:
        # Alternately a reply to the group's card and a line in a private chat.
        if len(sent) % 2:
            await fake.user_sends(pien, pien, text)
        else:
            await fake.user_sends(anna, group, text, reply_to=card)
        sent.append(text)

    try:
        async with running_bot(fake, db_url) as bot:
            loop = asyncio.get_running_loop()
            await fake.user_sends(fenna, group, "/new Ik bestel een wasmachine")
            card = await bot.wait_text(group, "Stap 1/8")
            await fake.user_sends(pien, pien, "/new Ik vraag een offerte aan")
            await bot.wait_text(pien, "Stap 1/8")
            watcher = asyncio.create_task(watch_confirmations(bot))
            try:
                for i in range(4):
                    await entry(f"Voor de herstart {i}", card)
                await bot.wait(lambda: len(bot.entries()) == 4, timeout=10)
                # 1. `restart` with entries arriving all the while.
                restart = asyncio.create_task(asyncio.to_thread(_pg_ctl, "restart"))
                began = loop.time()
                while not restart.done():
                    await entry(f"Tijdens de herstart {len(sent)}", card)
                    await asyncio.sleep(0.1)
                result = await restart
                assert result.returncode == 0, result.stderr
                restarted = loop.time() - began
                # 2. The same split in two, so that the window certainly holds updates: the
                # server is down until the bot has tried a window update and failed.
                assert _pg_ctl("stop").returncode == 0
                down = len(sent)
                for i in range(3):
                    await entry(f"Tijdens de stilstand {i}", card)
                window_ids = await fake.wait_for(lambda: {
                    i for i, text in fetched() if text.startswith("Tijdens de stilstand")})
                await fake.wait_for(lambda: any(
                    [i for i, _ in fetched()].count(w) > 1 for w in window_ids), timeout=10)
                assert fake.confirmed_offset <= min(window_ids), "confirmed while down"
                # A status asked while the server is down is answered once it is back.
                await fake.user_sends(fenna, group, "/status")
                assert _pg_ctl("start").returncode == 0
                started = loop.time()
                for i in range(4):
                    await entry(f"Na de herstart {i}", card)
                await bot.wait(lambda: len(bot.entries()) == len(sent), timeout=20)
                recovered = loop.time() - started
                await bot.wait_text(group, "Deelnamecode", timeout=40)
                # Still answering, in the group and in private.
                await fake.user_sends(fenna, group, "/status")
                await bot.wait(lambda: len(_bot_texts(fake, group, "Deelnamecode")) == 2,
                               timeout=10)
                await fake.user_sends(pien, pien, "/next")
                await bot.wait_text(pien, "Stap 2/8", timeout=10)
                last = max(i for i, _ in fetched())
                await bot.wait(lambda: fake.confirmed_offset > last, timeout=10)
            finally:
                watcher.cancel()
    finally:
        if _pg_ctl("status").returncode != 0:  # never leave the server down
            _pg_ctl("start")
    ids = [i for i, _ in fetched()]
    again = sorted({text for i, text in fetched() if ids.count(i) > 1})
    print(f"\nrestart took {restarted:.1f} s with {down - 4} entries sent meanwhile; after "
          f"stop/start all {len(sent)} entries were stored {recovered:.1f} s after the start; "
          f"updates fetched again: {len(again)}")
    assert down - 4 >= 3, "entries were sent while PostgreSQL restarted"
    # The updates of the down window failed, were fetched again and then stored.
    assert {f"Tijdens de stilstand {i}" for i in range(3)} & set(again), again
    assert sorted(e.text for e in bot.entries()) == sorted(sent), "each stored exactly once"
    assert not lost, f"confirmed to Telegram but not stored: {lost}"
