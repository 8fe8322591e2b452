"""Dead letters in the database, and which failures count as a dependency being away."""

from __future__ import annotations

import socket
from datetime import timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DataError, IntegrityError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.retries import LIMIT, Retries, is_transient
from cjworkflow.flow.engine import RECEIPTS_KEPT, WorkshopEngine
from cjworkflow.ops import deadletters
from cjworkflow.storage.models import utcnow


def _add(engine: Engine, update_id: int, payload: str | None = '{"update_id": 1}') -> bool:
    return deadletters.add(engine, update_id=update_id, error_class="RuntimeError", attempts=3,
                           chat_ref="tg:42", payload=payload)


def test_a_dead_letter_is_stored_once_per_update(engine: Engine) -> None:
    assert _add(engine, 7) is True
    assert _add(engine, 7) is False, "a second process or run must not tell the sender again"
    [letter] = deadletters.listing(engine)
    assert (letter.update_id, letter.error_class, letter.attempts, letter.chat_ref) == (
        7, "RuntimeError", 3, "tg:42")
    assert deadletters.get(engine, letter.id or 0) is not None


def test_a_payload_over_64_kib_is_not_kept(engine: Engine) -> None:
    _add(engine, 1, payload="x" * (64 * 1024 + 1))
    _add(engine, 2, payload="y" * (64 * 1024))
    by_update = {d.update_id: d for d in deadletters.listing(engine)}
    assert by_update[1].payload is None and by_update[2].payload is not None
    assert "too large to retry" in deadletters.table(list(by_update.values()))


def test_mark_retried_and_the_listing(engine: Engine) -> None:
    _add(engine, 5)
    [letter] = deadletters.listing(engine)
    assert deadletters.as_row(letter)["retried_at"] is None
    deadletters.mark_retried(engine, letter.id or 0)
    [again] = deadletters.listing(engine)
    assert again.retried_at is not None and "retried" in deadletters.table([again])
    assert deadletters.table([]) == "no dead letters"


def test_dead_letters_are_pruned_with_the_receipts(engine: Engine) -> None:
    _add(engine, 1)
    workshop = WorkshopEngine(engine)
    workshop.due_replies(now=utcnow() + RECEIPTS_KEPT - timedelta(hours=1))
    assert len(deadletters.listing(engine)) == 1, "still within the week"
    later = WorkshopEngine(engine)  # prunes on its first tick
    later.due_replies(now=utcnow() + RECEIPTS_KEPT + timedelta(hours=1))
    assert deadletters.listing(engine) == []


def _op() -> OperationalError:
    return OperationalError("SELECT", {}, Exception("server closed the connection"))


@pytest.mark.parametrize("error", [
    _op(), InterfaceError("SELECT", {}, Exception("connection already closed")),
    PoolTimeout("QueuePool limit reached"), NetworkError("httpx.ConnectError"), TimedOut(),
    RetryAfter(3), ConnectionResetError(), TimeoutError(), socket.gaierror("no name"),
    DataError("INSERT", {}, Exception("x"), connection_invalidated=True)])
def test_a_dependency_away_is_transient(error: BaseException) -> None:
    assert is_transient(error)


def _wrapped() -> RuntimeError:
    try:
        raise RuntimeError("while storing") from _op()
    except RuntimeError as e:
        return e


@pytest.mark.parametrize("error", [
    RuntimeError("boom"), OverflowError("date value out of range"), KeyError("x"),
    DataError("INSERT", {}, Exception("value too long for type character varying(64)")),
    IntegrityError("INSERT", {}, Exception("duplicate key")), BadRequest("Message is too long"),
    Forbidden("bot was blocked by the user"), FileNotFoundError("x")])
def test_an_update_s_own_failure_is_not_transient(error: BaseException) -> None:
    assert not is_transient(error)


def test_what_an_error_was_raised_from_counts() -> None:
    assert is_transient(_wrapped())


def test_attempts_are_counted_per_update_and_forgotten_on_success() -> None:
    retries = Retries()
    assert [retries.count(1) for _ in range(LIMIT)] == list(range(1, LIMIT + 1))
    assert retries.count(2) == 1
    retries.done(1)
    assert retries.count(1) == 1
    retries.bury(2)
    assert retries.is_buried(2) and not retries.is_buried(1) and 2 not in retries.attempts
