"""Formatting of dates, names and long texts for chat replies."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time

from babel.dates import format_date

from cjworkflow.messages import MAX_TEXT


def due(d: date | None, tm: time | None, lang: str) -> str:
    """A deadline as people read it, e.g. 'vr 27 nov' or 'Fri 27 Nov 14:00'."""
    if d is None:
        return "—"
    text = format_date(d, format="EEE d MMM", locale=lang).replace(".", "")
    if d.year != date.today().year:
        text += f" {d.year}"
    if tm is not None:
        text += f" {tm.strftime('%H:%M')}"
    return text


def clip(text: str, limit: int) -> str:
    """text cut to at most limit characters, with an ellipsis when cut."""
    return text if len(text) <= limit else text[: max(0, limit - 1)].rstrip() + "…"


def split_message(text: str, limit: int = MAX_TEXT) -> list[str]:
    """Split text into chunks of at most limit characters, at line ends where possible."""
    chunks: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            if current:
                chunks.append(current)
                current = ""
            chunks.append(line[:limit])
            line = line[limit:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            chunks.append(current)
            current = line
        else:
            current = candidate
    if current or not chunks:
        chunks.append(current)
    return [c for c in chunks if c.strip()] or [text[:limit]]


def named_words(pairs: Sequence[tuple[str, int]], limit: int = 40) -> str:
    """Named emotions with how often: "onrustig ×2, boos" (each word clipped to limit)."""
    return ", ".join(clip(word, limit) + (f" ×{n}" if n > 1 else "") for word, n in pairs)
