"""Text for the renderers: glyph filtering, exact widths, wrapping, and glyph outlines.

matplotlib 3.11 rasterises Text glyph by glyph in Python, which made a full journey map take
well over the 0.5 s budget. The renderers therefore draw text as filled glyph outlines (one
Path per colour) laid out here with the font's own advances and kerning, which Agg fills in
one pass. Because widths come from the same font, wrapping is exact, not estimated.

DejaVu Sans lacks most emoji; a character it cannot draw comes from the bundled monochrome
Symbola (fonts/Symbola.ttf), loaded only when first needed at the same em size, so advances
and wrapping stay exact. Kerning applies only between two glyphs of the same font.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache
from pathlib import Path

import numpy as np
from matplotlib import font_manager
from matplotlib.ft2font import FT2Font, Kerning, LoadFlags

FAMILY = "DejaVu Sans"
ELLIPSIS = "…"
# DejaVu Sans: ascender 1901, descender -483 on a 2048-unit em.
ASCENT = 1901 / 2048
DESCENT = 483 / 2048
FALLBACK = Path(__file__).resolve().parent / "fonts" / "Symbola.ttf"
# Joiners, selectors and skin-tone modifiers only shape colour emoji; drawn in a monochrome
# font they would show as stray glyphs or swatches, so a ZWJ sequence becomes its parts.
_INVISIBLE = {"\u200d", "\ufe0e", "\ufe0f", "\u20e3"} | {chr(c) for c in range(0x1F3FB, 0x1F400)}
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_SCALE = 100.0  # the em size the font is loaded at, in points at 72 dpi

# FT2Font objects are not thread-safe, and renders may run in a thread pool.
_lock = threading.Lock()

Outline = tuple[np.ndarray, np.ndarray]


@lru_cache(maxsize=2)
def _font(bold: bool) -> FT2Font:
    """The DejaVu Sans face of this weight, loaded at _SCALE."""
    props = font_manager.FontProperties(family=FAMILY, weight="bold" if bold else "normal")
    font = FT2Font(font_manager.findfont(props, fallback_to_default=True))
    font.set_size(_SCALE, 72)
    return font


@lru_cache(maxsize=1)
def _fallback() -> FT2Font:
    """The Symbola face for characters DejaVu Sans lacks, loaded at _SCALE on first use."""
    font = FT2Font(str(FALLBACK))
    font.set_size(_SCALE, 72)
    return font


def _face(code: int, bold: bool) -> FT2Font | None:
    """The font that draws code at this weight: DejaVu Sans, else Symbola, else None.

    Call with _lock held.
    """
    font = _font(bold)
    if font.get_char_index(code) != 0:
        return font
    fallback = _fallback()
    return fallback if fallback.get_char_index(code) != 0 else None


@lru_cache(maxsize=8192)
def in_family(char: str, bold: bool) -> bool:
    """Whether DejaVu Sans itself (not the Symbola fallback) draws char at this weight."""
    with _lock:
        return _font(bold).get_char_index(ord(char)) != 0 or char == " "


@lru_cache(maxsize=8192)
def has_glyph(char: str) -> bool:
    """Whether char can be drawn in both weights, by DejaVu Sans or else by Symbola."""
    code = ord(char)
    with _lock:
        return all(_face(code, bold) is not None for bold in (False, True))


@lru_cache(maxsize=8192)
def _glyph(char: str, bold: bool) -> tuple[float, np.ndarray, np.ndarray]:
    """(advance in em, outline vertices in em with y up, path codes)."""
    with _lock:
        font = _face(ord(char), bold)
        if font is None:
            return 0.0, np.empty((0, 2)), np.empty(0, dtype=np.uint8)
        glyph = font.load_char(ord(char), flags=LoadFlags.NO_HINTING)
        vertices, codes = font.get_path()
        advance = float(glyph.linearHoriAdvance) / 65536 / _SCALE
    outline_v = np.asarray(vertices, dtype=float) / _SCALE
    outline_c = np.asarray(codes, dtype=np.uint8)
    # Shared between threads through the cache: make accidental mutation fail loudly.
    outline_v.flags.writeable = False
    outline_c.flags.writeable = False
    return advance, outline_v, outline_c


@lru_cache(maxsize=16384)
def _kerning(left: str, right: str, bold: bool) -> float:
    """The kerning between two characters in em (usually 0)."""
    with _lock:
        font = _face(ord(left), bold)
        if font is None or _face(ord(right), bold) is not font:
            return 0.0
        a, b = font.get_char_index(ord(left)), font.get_char_index(ord(right))
        return font.get_kerning(a, b, Kerning.UNFITTED) / 64 / _SCALE


def em_width(char: str, bold: bool = False) -> float:
    """The advance width of char in em."""
    return _glyph(char, bold)[0]


def drawable(text: str) -> bool:
    """Whether clean(text) keeps anything; usually decided by the first character."""
    for char in unicodedata.normalize("NFC", text):
        if char.isspace() or char in _INVISIBLE or unicodedata.category(char) in ("Cc", "Cf"):
            continue
        if has_glyph(char):
            return True  # kept by clean, and no whitespace rule removes it
    return bool(clean(text))


def clean(text: str | None) -> str:
    """text limited to glyphs DejaVu Sans or Symbola has, with whitespace tidied; keeps newlines."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text)
    kept: list[str] = []
    for char in text:
        if char in "\n\t":
            kept.append(char)
        elif char in _INVISIBLE or unicodedata.category(char) in ("Cc", "Cf"):
            continue
        elif has_glyph(char):
            kept.append(char)
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(kept).split("\n"))
    return "\n".join(line for line in lines if line)


def width(text: str, size: float, bold: bool = False) -> float:
    """Width of one line of text in points at font size size."""
    total = 0.0
    previous = ""
    for char in text:
        total += _glyph(char, bold)[0]
        if previous:
            total += _kerning(previous, char, bold)
        previous = char
    return total * size


def outline(text: str, size: float, bold: bool = False, italic: bool = False) -> Outline:
    """The glyph outlines of one line, in points, origin on the baseline at its left, y up."""
    parts_v: list[np.ndarray] = []
    parts_c: list[np.ndarray] = []
    x = 0.0
    previous = ""
    for char in text:
        advance, vertices, codes = _glyph(char, bold)
        if previous:
            x += _kerning(previous, char, bold)
        if len(vertices):
            parts_v.append(np.add(vertices, (x, 0.0)))
            parts_c.append(codes)
        x += advance
        previous = char
    if not parts_v:
        return np.empty((0, 2)), np.empty(0, dtype=np.uint8)
    vertices = np.concatenate(parts_v) * size
    if italic:
        # DejaVu Sans Oblique is a 0.2 shear of the upright face; do the same.
        vertices[:, 0] += vertices[:, 1] * 0.2
    return vertices, np.concatenate(parts_c)


def _most(max_width: float, size: float) -> int:
    """More characters than can fit on one line of max_width points at size."""
    return int(max_width / (0.1 * size)) + 1


def ellipsize(text: str, max_width: float, size: float, bold: bool = False) -> str:
    """text on one line, cut with an ellipsis so that it fits max_width points."""
    text = text.replace("\n", " ")
    # Hardly any glyph is narrower than 0.1 em, which bounds how much can possibly fit: a
    # text longer than that is not measured whole (a 100,000-character one would be).
    if len(text) <= _most(max_width, size) and width(text, size, bold) <= max_width:
        return text
    budget = max_width - width(ELLIPSIS, size, bold)
    longest = min(len(text), int(budget / (0.1 * size)) + 1)
    for end in range(longest, 0, -1):
        head = text[:end].rstrip(" -")
        if width(head, size, bold) <= budget:
            return head + ELLIPSIS
    return ELLIPSIS


def _break_word(word: str, room: float, line_width: float, size: float, bold: bool) -> list[str]:
    """Pieces of a word too long for a line; each but the last ends in a hyphen."""
    pieces: list[str] = []
    hyphen = em_width("-", bold) * size
    current = ""
    used = 0.0
    limit = room
    for char in word:
        w = em_width(char, bold) * size
        if current and used + w + hyphen > limit:
            # A hyphen the writer already put in the second half is the nicer break.
            cut = current.rfind("-", len(current) // 2, len(current) - 1) + 1
            if cut:
                pieces.append(current[:cut])
                current = current[cut:]
            else:
                pieces.append(current + "-")
                current = ""
            used, limit = width(current, size, bold), line_width
        current += char
        used += w
    pieces.append(current)
    return pieces


def wrap(text: str, max_width: float, size: float, bold: bool = False) -> list[str]:
    """text wrapped into lines of at most max_width points; over-long words are broken."""
    lines: list[str] = []
    space = em_width(" ", bold) * size
    for paragraph in clean(text).split("\n"):
        line = ""
        used = 0.0
        for word in paragraph.split(" "):
            w = width(word, size, bold)
            if not line and w <= max_width:
                line, used = word, w
            elif line and used + space + w <= max_width:
                line, used = f"{line} {word}", used + space + w
            elif w <= max_width:
                lines.append(line)
                line, used = word, w
            else:
                # Dutch compounds ("klantcontactmedewerkersopleiding") outgrow a column;
                # start them on the current line when there is real room left.
                room = max_width - used - space if line else max_width
                if line and room < max_width * 0.35:
                    lines.append(line)
                    line, room = "", max_width
                pieces = _break_word(word, room, max_width, size, bold)
                if line:
                    pieces[0] = f"{line} {pieces[0]}"
                lines.extend(pieces[:-1])
                line = pieces[-1]
                used = width(line, size, bold)
        if line:
            lines.append(line)
    return lines


def clamp_lines(
    lines: list[str], max_lines: int, max_width: float, size: float, bold: bool = False
) -> list[str]:
    """At most max_lines lines, the last one ending in an ellipsis when text was dropped."""
    if len(lines) <= max_lines:
        return lines
    kept = lines[: max(max_lines, 1)]
    kept[-1] = ellipsize(kept[-1].rstrip("-") + ELLIPSIS, max_width, size, bold)
    return kept


def fit(text: str, max_width: float, size: float, max_lines: int, bold: bool = False) -> list[str]:
    """text wrapped to max_width and cut to max_lines lines."""
    # Only so much can show in max_lines lines: the rest is not wrapped, only cut. One more
    # character than can fit still makes the last line end in an ellipsis.
    room = max(max_lines, 1) * (_most(max_width, size) + 1)
    if len(text) > room:
        text = clean(text)[: room + 1]
    return clamp_lines(wrap(text, max_width, size, bold), max_lines, max_width, size, bold)
