"""Telegram's photo limits (Bot API sendPhoto): what fails them goes as a document instead.

"The photo must be at most 10 MB in size. The photo's width and height must not exceed 10000
in total. Width and height ratio must be at most 20." Beyond these Telegram answers 400
PHOTO_INVALID_DIMENSIONS (or PHOTO_SAVE_FILE_INVALID); a document has none of these limits.
"""

from __future__ import annotations

MAX_PHOTO_BYTES = 10 * 2**20
MAX_SIDES_SUM = 10_000
MAX_RATIO = 20
_PNG = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) from a PNG's header, or None if data is no PNG."""
    if len(data) < 24 or not data.startswith(_PNG) or data[12:16] != b"IHDR":
        return None
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def fits(width: int, height: int) -> bool:
    """Whether Telegram takes a photo of width x height pixels."""
    if width <= 0 or height <= 0:
        return False
    return width + height <= MAX_SIDES_SUM and max(width, height) <= MAX_RATIO * min(width, height)


def sendable_as_photo(data: bytes) -> bool:
    """Whether these image bytes can go with sendPhoto (else: send them as a document)."""
    size = png_size(data)
    return len(data) <= MAX_PHOTO_BYTES and size is not None and fits(*size)
