"""Cleaning what members type before it is parsed: line breaks, bullets, invisible characters.

Cards, maps and exports show stored text as it is, so anything that only hides or reorders
text (control characters, bidi overrides, zero-width spaces) is dropped here, once.
"""

from __future__ import annotations

import re
import unicodedata

from cjworkflow.limits import MAX_LINE, MAX_LINES, MAX_MESSAGE
from cjworkflow.reading.dates import ParseError

__all__ = ["MAX_LINE", "clean_text", "prepare_line", "split_lines"]

_BULLET = re.compile(r"[-*•–—·▪‣◦](?:\s+|$)")
_LINE_BREAKS = frozenset("\t\n\r\v\f\x1c\x1d\x1e\x1f\x85\u2028\u2029")


def _joins_emoji(text: str, i: int) -> bool:
    # A zero-width joiner inside an emoji sequence (👩‍💻) is part of the symbol; keep it there.
    if i == 0 or i + 1 >= len(text):
        return False
    before, after = text[i - 1], text[i + 1]
    return (unicodedata.category(before) in {"So", "Sk"} or before == "\ufe0f") and \
        unicodedata.category(after) == "So"


# ZWNJ and ZWJ shape words in the Arabic-script (Persian: می‌خواهم) and Indic scripts: there
# they are part of the text. Every other invisible format character (bidi overrides, zero-width
# spaces, BOMs, joiners in Latin text) is dropped: it only hides or reorders what cards show.
_LETTER_JOINERS = frozenset("\u200c\u200d")
_JOINING_SCRIPTS = ((0x0600, 0x08FF), (0x0900, 0x0DFF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))


def _joins_letters(text: str, i: int) -> bool:
    if i == 0 or i + 1 >= len(text):
        return False
    before, after = text[i - 1], text[i + 1]
    return (unicodedata.category(before)[0] in "LM" and unicodedata.category(after)[0] in "LM"
            and any(lo <= ord(ch) <= hi for ch in (before, after) for lo, hi in _JOINING_SCRIPTS))


def clean_text(text: str) -> str:
    """text on one line: control and invisible format characters dropped, spaces single, NFC."""
    kept: list[str] = []
    for i, ch in enumerate(text):
        if ch in _LINE_BREAKS:
            kept.append(" ")
            continue
        category = unicodedata.category(ch)
        if category in {"Cc", "Cs"}:
            continue
        if category == "Cf" and not ((ch == "\u200d" and _joins_emoji(text, i))
                                     or (ch in _LETTER_JOINERS and _joins_letters(text, i))):
            continue
        kept.append(ch)
    return " ".join(unicodedata.normalize("NFC", "".join(kept)).split())


def prepare_line(line: str) -> str:
    """One line cleaned as split_lines() cleans it; ParseError when it is too long."""
    # Checked before cleaning too: cleaning costs time per character.
    if len(line) > MAX_MESSAGE:
        raise ParseError("parse-too-long", max=MAX_LINE)
    cleaned = clean_text(line)
    if len(cleaned) > MAX_LINE:
        raise ParseError("parse-too-long", max=MAX_LINE)
    return cleaned


def split_lines(text: str) -> list[str]:
    """One cleaned entry per non-empty line, bullets removed; ParseError for a too-long line,
    a message longer than Telegram allows or one of more than MAX_LINES lines."""
    # Refused before any per-character work, so a hostile message costs next to nothing.
    if len(text) > MAX_MESSAGE:
        if len(text.splitlines()) <= 1:
            raise ParseError("parse-too-long", max=MAX_LINE)
        raise ParseError("parse-message-too-long", max=MAX_MESSAGE)
    lines: list[str] = []
    for raw in text.splitlines():
        line = clean_text(raw)
        bullet = _BULLET.match(line)
        if bullet:
            line = line[bullet.end():]
        if not line:
            continue
        if len(line) > MAX_LINE:
            raise ParseError("parse-too-long", max=MAX_LINE)
        if len(lines) == MAX_LINES:
            raise ParseError("parse-too-many-lines", max=MAX_LINES)
        lines.append(line)
    return lines
