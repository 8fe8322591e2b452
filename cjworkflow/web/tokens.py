"""A web link's token: random, 256 bits, stored only as a hash, compared in constant time."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

TOKEN_BYTES = 32  # 256 bits: the issue asks at least 128
# token_urlsafe(32) is 43 characters of the URL-safe base64 alphabet, no padding.
TOKEN_LENGTH = 43
# Live links per workshop: each /link adds one (a link on a screen keeps working); beyond
# this the oldest stops working.
MAX_LINKS = 20
TOKEN_RE = re.compile(rf"[A-Za-z0-9_-]{{{TOKEN_LENGTH}}}")


def new_token() -> str:
    """A fresh random token for a web link."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def well_formed(token: str) -> bool:
    """Whether token could be one of ours: the right length and alphabet (checked first, so a
    long or odd path never reaches the database)."""
    return len(token) == TOKEN_LENGTH and TOKEN_RE.fullmatch(token) is not None


def token_hash(token: str) -> str:
    """What the database keeps of a token: its SHA-256, hex (a leaked row opens nothing)."""
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def matches(stored_hash: str, token: str) -> bool:
    """Whether token is the one stored_hash was made of, in constant time."""
    return hmac.compare_digest(stored_hash.encode("ascii"), token_hash(token).encode("ascii"))


def page_url(base: str, token: str) -> str:
    """The public address of the web view for token under base (WEB_BASE_URL)."""
    return f"{base.rstrip('/')}/w/{token}"


def app_url(base: str, workshop_id: int | None = None) -> str:
    """The Mini App's address (opened by a web_app button), on a workshop when given."""
    tail = f"?w={workshop_id}" if workshop_id else ""
    return f"{base.rstrip('/')}/app{tail}"


def is_https(base: str | None) -> bool:
    """Whether base is an https address: Telegram opens buttons and Mini Apps only on those."""
    return bool(base) and str(base).lower().startswith("https://")
