"""How a batch of updates is processed: strict order on SQLite, author lanes on PostgreSQL."""

from __future__ import annotations

import asyncio

from telegram import Update

from bot.polling import lane_of, process_batch
from bot.services import Services

GROUP = -100
FACILITATOR, MEMBER, OTHER = 1, 2, 3


def _update(uid: int, user: int, text: str, chat: int | None = None) -> Update:
    data = {"update_id": uid, "message": {
        "message_id": uid, "date": 0, "text": text,
        "chat": {"id": chat or user, "type": "private" if chat is None else "supergroup"},
        "from": {"id": user, "is_bot": False, "first_name": f"U{user}"}}}
    return Update.de_json(data, None)


class RecordingApp:
    """Stands in for the PTB application: logs when each update starts and ends."""

    def __init__(self, svc: Services, fail: frozenset[int] = frozenset()) -> None:
        self.svc = svc
        self.fail = fail
        self.log: list[tuple[str, int]] = []

    async def process_update(self, update: Update) -> None:
        """Take a little time, like an engine call in a thread; mark failures like the handlers."""
        self.log.append(("start", update.update_id))
        await asyncio.sleep(0.01)
        if update.update_id in self.fail:
            self.svc.failed.add(update.update_id)
        self.log.append(("end", update.update_id))


def _svc(inline_ok: bool) -> Services:
    return Services(engine=None, deliverer=None, inline_ok=inline_ok)  # type: ignore[arg-type]


def _batch() -> list[Update]:
    return [
        _update(1, MEMBER, "Goal one"),
        _update(2, OTHER, "Goal two"),
        _update(3, MEMBER, "Goal three"),
        _update(4, FACILITATOR, "/next", chat=GROUP),
        _update(5, MEMBER, "Persona after next"),
        _update(6, OTHER, "Persona two"),
    ]


def test_entries_and_reading_commands_get_their_authors_lane_steering_none() -> None:
    assert lane_of(_update(1, MEMBER, "Goal")) == f"u{MEMBER}"
    assert lane_of(_update(1, MEMBER, "reply in group", chat=GROUP)) == f"u{MEMBER}"
    for text in ("/add 2: Website", "/map", "/STATUS@cjbot_test_bot", "/export pdf"):
        assert lane_of(_update(1, MEMBER, text)) == f"u{MEMBER}", text
    for text in ("/next", "/back", "/step 3", "/start abc", "/finish", "/", "/lang en"):
        assert lane_of(_update(1, MEMBER, text)) is None, text


async def test_sqlite_processes_one_by_one_in_telegram_order() -> None:
    svc = _svc(inline_ok=True)
    app = RecordingApp(svc)
    assert await process_batch(app, svc, _batch()) is None  # type: ignore[arg-type]
    assert app.log == [(e, i) for i in range(1, 7) for e in ("start", "end")]


async def test_postgres_lanes_overlap_but_steering_waits_for_earlier_entries() -> None:
    svc = _svc(inline_ok=False)
    app = RecordingApp(svc)
    assert await process_batch(app, svc, _batch()) is None  # type: ignore[arg-type]
    pos = {event: n for n, event in enumerate(app.log)}
    # Different authors' entries run at the same time ...
    assert pos[("start", 2)] < pos[("end", 1)]
    # ... one author's entries stay in order ...
    assert pos[("end", 1)] < pos[("start", 3)]
    # ... and /next starts only after every entry sent before it is done, and alone.
    assert max(pos[("end", i)] for i in (1, 2, 3)) < pos[("start", 4)]
    assert pos[("end", 4)] < min(pos[("start", i)] for i in (5, 6))
    assert sorted(i for e, i in app.log if e == "end") == [1, 2, 3, 4, 5, 6]


async def test_postgres_failure_stops_before_the_next_steering_update() -> None:
    svc = _svc(inline_ok=False)
    app = RecordingApp(svc, fail=frozenset({3}))
    # Refetch from the failed entry; /next must not run before it is stored.
    assert await process_batch(app, svc, _batch()) == 3  # type: ignore[arg-type]
    assert ("start", 4) not in app.log
    assert not svc.failed


async def test_postgres_reports_the_earliest_failure_across_lanes() -> None:
    svc = _svc(inline_ok=False)
    app = RecordingApp(svc, fail=frozenset({2, 3}))
    assert await process_batch(app, svc, _batch()) == 2  # type: ignore[arg-type]
