"""Telegram Mini App initData: who opened the app, proven by the bot token's signature.

core.telegram.org/bots/webapps, "Validating data received via the Mini App": the
data-check-string is every received field but hash, sorted by key, as key=value joined by
newlines; secret_key = HMAC_SHA256(key="WebAppData", msg=bot_token); the data is Telegram's
when hex(HMAC_SHA256(key=secret_key, msg=data_check_string)) equals hash.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import time
from dataclasses import dataclass
from urllib.parse import parse_qsl

# Telegram's initData is a few hundred bytes; anything past this is refused unread.
MAX_INIT_DATA = 4096
MAX_FIELDS = 32
# A page opened more than a day ago must be opened again from Telegram.
MAX_AGE_S = 24 * 3600
_HASH_RE = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class WebAppUser:
    """The person who opened the Mini App, as Telegram signed it."""

    id: int
    first_name: str
    username: str | None
    language: str | None


def secret_key(bot_token: str) -> bytes:
    """The key initData is signed with: HMAC_SHA256(key="WebAppData", msg=bot_token)."""
    return hmac.new(b"WebAppData", bot_token.encode(), hashlib.sha256).digest()


def sign(fields: dict[str, str], bot_token: str) -> str:
    """The hash Telegram puts beside fields (used by validate, and by tests to play Telegram)."""
    check = "\n".join(f"{k}={v}" for k, v in sorted(fields.items()))
    return hmac.new(secret_key(bot_token), check.encode(), hashlib.sha256).hexdigest()


def validate(init_data: str, bot_token: str, *, now: float | None = None,
             max_age: float = MAX_AGE_S) -> WebAppUser | None:
    """The user initData was signed for; None when it is too large, malformed, unsigned,
    forged, stale or names no user."""
    if not init_data or len(init_data) > MAX_INIT_DATA:
        return None
    try:
        pairs = parse_qsl(init_data, keep_blank_values=True, strict_parsing=True,
                          max_num_fields=MAX_FIELDS)
    except ValueError:
        return None
    fields = dict(pairs)
    if len(fields) != len(pairs):
        return None  # a field twice: which one was signed?
    given = fields.pop("hash", "")
    if not _HASH_RE.fullmatch(given):
        return None
    if not hmac.compare_digest(sign(fields, bot_token), given):
        return None
    try:
        auth_date = int(fields.get("auth_date", ""))
        user = json.loads(fields.get("user", ""))
    except ValueError:
        return None
    current = time.time() if now is None else now
    if not isinstance(user, dict) or not 0 <= current - auth_date <= max_age:
        return None
    uid = user.get("id")
    if not isinstance(uid, int) or isinstance(uid, bool) or uid <= 0:
        return None
    lang, handle = user.get("language_code"), user.get("username")
    name = " ".join(str(user.get(k, "")) for k in ("first_name", "last_name")).strip()
    return WebAppUser(uid, name[:128], handle[:64] if isinstance(handle, str) else None,
                      lang[:8] if isinstance(lang, str) else None)
