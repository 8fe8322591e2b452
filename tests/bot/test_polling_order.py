"""How a batch of updates is processed: in Telegram's order, stopping at a failure."""

from __future__ import annotations

import asyncio

from telegram import Update

from bot.polling import process_batch
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


def _svc() -> Services:
    return Services(engine=None, deliverer=None)  # type: ignore[arg-type]


def _batch() -> list[Update]:
    return [
        _update(1, MEMBER, "Goal one"),
        _update(2, OTHER, "Goal two"),
        _update(3, MEMBER, "Goal three"),
        _update(4, FACILITATOR, "/next", chat=GROUP),
        _update(5, MEMBER, "Persona after next"),
        _update(6, OTHER, "Persona two"),
    ]


async def test_updates_run_one_by_one_in_telegram_order() -> None:
    svc = _svc()
    app = RecordingApp(svc)
    assert await process_batch(app, svc, _batch()) is None  # type: ignore[arg-type]
    assert app.log == [(e, i) for i in range(1, 7) for e in ("start", "end")]


async def test_a_failure_stops_the_batch_before_the_next_steering_update() -> None:
    svc = _svc()
    app = RecordingApp(svc, fail=frozenset({3}))
    # Fetched again from the failed entry; /next must not run before it is stored.
    assert await process_batch(app, svc, _batch()) == 3  # type: ignore[arg-type]
    assert ("start", 4) not in app.log
    assert not svc.failed
