"""Members' text made safe for the files it is exported to: spreadsheets, Markdown, calendars.

Stored text was cleaned when it was typed (lines.clean_text), but imports and older rows may
still hold anything, so every exporter cleans again here, just before the library sees it.
"""

from __future__ import annotations

import re
import unicodedata

from cjworkflow.reading.lines import clean_text

# OWASP's CSV-injection list (= + - @, tab, CR), and LF too: a spreadsheet that trims a
# leading line break would find a formula behind it.
FORMULA_START = frozenset("=+-@\t\r\n")
# Markdown structure that user text must not make: links and images ([…](…), ![…](…)),
# reference definitions, code spans and the escapes themselves; HTML and <autolinks> are
# written as entities, so no viewer parses a tag.
_MD_ESCAPE = re.compile(r"([\\`\[\]|*_~])")
_MD_ENTITIES = {"<": "&lt;", ">": "&gt;"}
# A scheme's "://" with its slashes escaped is no longer an autolink to a linkifying viewer.
_SCHEME = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*):(/+)")
_MAILTO = re.compile(r"(?i)\b(mailto):")
# A dot before letters (evil.example, anna@example.com) is how a viewer that links bare
# domains finds one: escaped, the text stays the same and no link is made.
_DOMAIN_DOT = re.compile(r"(?i)(?<=[a-z0-9-])\.(?=[a-z]{2})")
# Block markers a line may start with once it sits behind "- " or "| ".
_MD_BLOCK_START = re.compile(r"^(#+|[-+=]|\d+)([.)]?)(?=\s|$)")


def plain(text: str | None) -> str:
    """text on one line, without control characters, bidi overrides or stray invisibles."""
    if not text:
        return ""
    # Most text is clean already: isprintable() is False for every control, format and
    # separator character except the space, which is what clean_text() drops or folds.
    if (text.isprintable() and "  " not in text and text.strip() == text
            and unicodedata.is_normalized("NFC", text)):
        return text
    return clean_text(text)


def cell_text(text: str | None) -> str:
    """A spreadsheet cell's text that no spreadsheet reads as a formula (OWASP: a leading ')."""
    value = plain(text)
    return "'" + value if value[:1] in FORMULA_START else value


def board_cell(text: str) -> str:
    """A multi-line cell we compose ourselves: each line cleaned, the first never a formula."""
    lines = [plain(line) for line in text.split("\n")]
    joined = "\n".join(lines)
    return "'" + joined if joined[:1] in FORMULA_START else joined


def owner_label(owner: str | None, name: str | None = None) -> str:
    """An owner as a spreadsheet shows it: "Anna (@anna)", never a cell starting with @."""
    owner = plain(owner)
    if not owner.startswith("@"):
        return cell_text(owner)
    person = plain(name) or owner[1:]
    return cell_text(f"{person} ({owner})" if person != owner else owner)


def markdown_text(text: str | None) -> str:
    """text as Markdown that renders as the same text: no HTML, link, image or table cell."""
    out = _MD_ESCAPE.sub(r"\\\1", plain(text))
    out = "".join(_MD_ENTITIES.get(c, c) for c in out)
    out = _SCHEME.sub(lambda m: m.group(1) + ":" + "\\/" * len(m.group(2)), out)
    out = _MAILTO.sub(r"\1\\:", out)
    out = _DOMAIN_DOT.sub(r"\\.", out)
    return _MD_BLOCK_START.sub(_unblock, out, count=1)


def _unblock(match: re.Match[str]) -> str:
    # "1. x" stays text as "1\. x", "# x" as "\# x": a backslash before a digit is no escape.
    marker, delimiter = match.group(1), match.group(2)
    if marker[0].isdigit():
        return marker + ("\\" + delimiter if delimiter else "")
    return "\\" + marker + delimiter
