"""Clock, flood-control limits, scripted faults and media checks for the fake Bot API."""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

Clock = Callable[[], float]

MAX_TEXT_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024
MAX_CALLBACK_DATA_BYTES = 64
MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
MAX_PHOTO_SIDES_SUM = 10_000
MAX_PHOTO_RATIO = 20.0


class FakeClock:
    """A manually advanced clock: pass it as ``FakeBotAPI(clock=FakeClock())``."""

    def __init__(self, start: float = 1_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        """Return the current fake time in seconds."""
        return self.now

    def advance(self, seconds: float) -> None:
        """Move the clock forward by ``seconds``."""
        if seconds < 0:
            raise ValueError("a clock only moves forward")
        self.now += seconds


@dataclass
class Limits:
    """Flood-control settings; every limit can be switched off with ``None``.

    Defaults follow Telegram's published numbers: 30 messages/s overall, 20 messages per
    minute per group, about one message per second per chat (bursts tolerated), plus a
    separate per-group budget for edits.
    """

    enabled: bool = True
    global_per_second: int | None = 30
    group_per_minute: int | None = 20
    edits_per_minute: int | None = 30
    edits_limit_private: bool = False
    per_chat_per_second: float | None = 1.0
    per_chat_burst: int = 20


class _Window:
    """Sliding window counter: at most ``limit`` hits per ``period`` seconds."""

    def __init__(self) -> None:
        self.hits: deque[float] = deque()

    def wait(self, now: float, limit: int, period: float) -> float:
        while self.hits and self.hits[0] <= now - period:
            self.hits.popleft()
        if len(self.hits) < limit:
            return 0.0
        return self.hits[len(self.hits) - limit] + period - now

    def hit(self, now: float) -> None:
        self.hits.append(now)


@dataclass
class _Bucket:
    """Token bucket: ``burst`` tokens, refilled at ``rate`` tokens per second."""

    tokens: float
    stamp: float

    def wait(self, now: float, rate: float, burst: int) -> float:
        self.tokens = min(float(burst), self.tokens + (now - self.stamp) * rate)
        self.stamp = now
        if self.tokens >= 1.0:
            return 0.0
        return (1.0 - self.tokens) / rate

    def take(self) -> None:
        self.tokens -= 1.0


def retry_after_seconds(wait: float) -> int:
    """Round a wait time up to Telegram's whole-second ``retry_after`` (at least 1)."""
    return max(1, math.ceil(wait - 1e-9))


class RateLimiter:
    """Telegram-like flood control driven by an injectable clock."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.reset()

    def reset(self) -> None:
        """Forget every counted hit."""
        self._global = _Window()
        self._group: dict[int, _Window] = {}
        self._edits: dict[int, _Window] = {}
        self._buckets: dict[int, _Bucket] = {}

    def check(self, kind: str, chat_id: int, is_group: bool, now: float) -> int | None:
        """Return ``retry_after`` seconds if the call must be refused, else None."""
        lim = self.limits
        if not lim.enabled:
            return None
        waits: list[float] = []
        if kind == "send":
            if lim.global_per_second is not None:
                waits.append(self._global.wait(now, lim.global_per_second, 1.0))
            if is_group and lim.group_per_minute is not None:
                window = self._group.setdefault(chat_id, _Window())
                waits.append(window.wait(now, lim.group_per_minute, 60.0))
            if lim.per_chat_per_second is not None:
                bucket = self._buckets.setdefault(chat_id, _Bucket(lim.per_chat_burst, now))
                waits.append(bucket.wait(now, lim.per_chat_per_second, lim.per_chat_burst))
        elif (
            kind == "edit"
            and lim.edits_per_minute is not None
            and (is_group or lim.edits_limit_private)
        ):
            window = self._edits.setdefault(chat_id, _Window())
            waits.append(window.wait(now, lim.edits_per_minute, 60.0))
        worst = max(waits, default=0.0)
        return retry_after_seconds(worst) if worst > 0 else None

    def record(self, kind: str, chat_id: int, is_group: bool, now: float) -> None:
        """Count one accepted call."""
        lim = self.limits
        if kind == "send":
            self._global.hit(now)
            if is_group:
                self._group.setdefault(chat_id, _Window()).hit(now)
            if lim.per_chat_per_second is not None:
                bucket = self._buckets.setdefault(chat_id, _Bucket(lim.per_chat_burst, now))
                bucket.wait(now, lim.per_chat_per_second, lim.per_chat_burst)
                bucket.take()
        elif kind == "edit":
            self._edits.setdefault(chat_id, _Window()).hit(now)


@dataclass
class Fault:
    """A scripted failure consumed by the next ``remaining`` matching calls."""

    kind: str  # "error" (HTTP error answer), "drop" (close the socket) or "delay" (answer late)
    remaining: int
    methods: frozenset[str] | None = None  # lower-cased names; None: all but getUpdates
    chat_id: int | None = None
    status: int = 500
    description: str = "Internal Server Error"
    parameters: dict[str, object] = field(default_factory=dict)
    after_effect: bool = False  # "drop"/"delay": the call takes effect though the answer is lost
    delay: float = 0.0  # for "delay": real seconds to wait before handling the call

    def matches(self, method: str, chat_id: int | None) -> bool:
        """Whether this fault applies to a call of ``method`` for ``chat_id``."""
        if self.remaining <= 0:
            return False
        if self.methods is None:
            if method.lower() == "getupdates":  # only when asked for explicitly
                return False
        elif method.lower() not in self.methods:
            return False
        return self.chat_id is None or self.chat_id == chat_id


def method_set(methods: Iterable[str] | str | None) -> frozenset[str] | None:
    """Normalise a method filter to a set of lower-cased names (None means all)."""
    if methods is None:
        return None
    if isinstance(methods, str):
        methods = [methods]
    return frozenset(m.lower() for m in methods)


def image_size(data: bytes) -> tuple[int, int] | None:
    """Return (width, height) of a PNG, JPEG or GIF image, or None if unrecognised."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR" and len(data) >= 24:
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        return int.from_bytes(data[6:8], "little"), int.from_bytes(data[8:10], "little")
    if data[:2] == b"\xff\xd8":
        i = 2
        while i + 9 < len(data):
            if data[i] != 0xFF:
                return None
            marker = data[i + 1]
            if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
                i += 2
                continue
            seg_len = int.from_bytes(data[i + 2 : i + 4], "big")
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                height = int.from_bytes(data[i + 5 : i + 7], "big")
                width = int.from_bytes(data[i + 7 : i + 9], "big")
                return width, height
            i += 2 + seg_len
    return None


def photo_dimension_error(width: int, height: int) -> bool:
    """Whether Telegram would refuse these photo dimensions (sum > 10000 or ratio > 20)."""
    if width <= 0 or height <= 0:
        return True
    if width + height > MAX_PHOTO_SIDES_SUM:
        return True
    return max(width, height) / min(width, height) > MAX_PHOTO_RATIO
