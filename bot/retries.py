"""Which failures are worth waiting out, and how often an update that keeps failing is tried.

Transient: the database or Telegram is away (a restart, a dropped connection, a timeout).
Such an update is tried again until the dependency is back, however long that takes: giving
up would lose it for a reason that has nothing to do with the update. Anything else (a bug,
a value the database refuses) fails the same way every time: after LIMIT attempts the update
is set aside as a dead letter (bot/deadletter.py) so that the updates after it are served.
"""

from __future__ import annotations

import socket
from collections import OrderedDict
from dataclasses import dataclass, field

from sqlalchemy import exc as sa
from telegram.error import BadRequest, NetworkError, RetryAfter

# Attempts of an update that fails for a non-transient reason before it is set aside.
LIMIT = 3
# Pause before the next such attempt, per attempt made (0.5 s, 1 s): long enough for a
# momentary race (two processes creating the same row) to be over, short enough that the
# chats behind it wait a second or two, not minutes.
QUICK_DELAY = 0.5
# Dead letters remembered per process, so that a redelivery of one is confirmed at once.
REMEMBERED = 1000


def is_transient(error: BaseException) -> bool:
    """Whether error means a dependency is away (wait for it) rather than a bad update."""
    seen: BaseException | None = error
    for _ in range(5):  # the error and what it was raised from
        if seen is None:
            return False
        if _transient_one(seen):
            return True
        seen = seen.__cause__
    return False


def _transient_one(error: BaseException) -> bool:
    if isinstance(error, sa.DBAPIError):
        # Operational/Interface errors are the connection's (server gone, restart, lock
        # timeout, deadlock, serialization failure). A DataError or IntegrityError is the
        # update's own: the same value is refused on every attempt.
        return (isinstance(error, sa.OperationalError | sa.InterfaceError)
                or bool(error.connection_invalidated))
    if isinstance(error, sa.TimeoutError | sa.DisconnectionError):
        return True  # the pool had no connection for us, or one died while taken
    if isinstance(error, NetworkError):
        return not isinstance(error, BadRequest)  # Telegram refusing a request is final
    if isinstance(error, RetryAfter):
        return True
    return isinstance(error, ConnectionError | TimeoutError | socket.gaierror)


@dataclass
class Retries:
    """Per process: the last failure of each update being retried, and its attempts."""

    limit: int = LIMIT
    errors: dict[int, BaseException] = field(default_factory=dict)
    attempts: dict[int, int] = field(default_factory=dict)
    buried: OrderedDict[int, None] = field(default_factory=OrderedDict)
    # Set by the last failure: wait QUICK_DELAY * attempts, not the growing backoff.
    soon: bool = False

    def note(self, update_id: int, error: BaseException | None) -> None:
        """Remember why update_id failed (the error handler sees the exception)."""
        if error is not None:
            self.errors[update_id] = error

    def count(self, update_id: int) -> int:
        """One more failed attempt of update_id; how many so far."""
        self.attempts[update_id] = self.attempts.get(update_id, 0) + 1
        return self.attempts[update_id]

    def done(self, update_id: int) -> None:
        """update_id succeeded (or was set aside): forget its attempts."""
        self.attempts.pop(update_id, None)
        self.errors.pop(update_id, None)

    def bury(self, update_id: int) -> None:
        """update_id is a dead letter now: confirm it if it comes again."""
        self.done(update_id)
        self.buried[update_id] = None
        while len(self.buried) > REMEMBERED:
            self.buried.popitem(last=False)

    def is_buried(self, update_id: int) -> bool:
        """Whether update_id was set aside by this process."""
        return update_id in self.buried
