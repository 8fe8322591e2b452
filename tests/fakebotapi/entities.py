"""Telegram-style formatting: HTML / MarkdownV2 / Markdown parsing and entity detection.

Telegram parses ``parse_mode`` markup server-side and stores the *plain* text plus a list of
``MessageEntity`` objects whose ``offset``/``length`` are counted in UTF-16 code units. The
parsers here do the same, with Telegram's error wording for malformed markup, so a bot that
forgets to escape user input fails against the fake as it would against Telegram.
"""

from __future__ import annotations

import html
import re
from typing import Any

Entity = dict[str, Any]


class EntityParseError(ValueError):
    """Markup that Telegram would refuse with "can't parse entities"."""


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units, as Telegram counts entity offsets."""
    return len(text.encode("utf-16-le")) // 2


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


def entity_text(text: str, entity: Entity) -> str:
    """Return the part of ``text`` that ``entity`` covers (UTF-16 aware)."""
    raw = text.encode("utf-16-le")
    start = entity["offset"] * 2
    return raw[start : start + entity["length"] * 2].decode("utf-16-le")


def parse(text: str, parse_mode: str | None) -> tuple[str, list[Entity]]:
    """Parse ``text`` according to ``parse_mode``; returns (plain text, entities)."""
    if not parse_mode:
        return text, []
    mode = parse_mode.lower()
    if mode == "html":
        return parse_html(text)
    if mode == "markdownv2":
        return parse_markdown_v2(text)
    if mode == "markdown":
        return parse_markdown(text)
    raise EntityParseError(f'Unsupported parse_mode "{parse_mode}"')


# --------------------------------------------------------------------------------------- HTML

_HTML_SIMPLE = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
}
_HTML_SUPPORTED = {*_HTML_SIMPLE, "a", "span", "tg-emoji"}
_TAG_RE = re.compile(
    r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>\"']+))?)*)"
    r"\s*>"
)
_ATTR_RE = re.compile(r"([a-zA-Z-]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>\"']+)))?")
_HTML_ENTITY_RE = re.compile(r"&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|lt|gt|amp|quot);")


def parse_html(text: str) -> tuple[str, list[Entity]]:
    """Parse Telegram's HTML subset; raises EntityParseError like Telegram would."""
    out: list[str] = []
    out_len = 0  # UTF-16 length of ''.join(out)
    stack: list[tuple[str, int, dict[str, str]]] = []
    entities: list[Entity] = []
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c == "<":
            m = _TAG_RE.match(text, i)
            if not m:
                name_m = re.match(r"</?([a-zA-Z0-9-]*)", text[i:])
                name = name_m.group(1) if name_m else ""
                raise EntityParseError(
                    f'Unsupported start tag "{name}" at byte offset {_byte_offset(text, i)}'
                )
            closing, name, raw_attrs = m.group(1) == "/", m.group(2).lower(), m.group(3)
            if closing:
                if not stack:
                    raise EntityParseError(
                        f"Unexpected end tag at byte offset {_byte_offset(text, i)}"
                    )
                open_name, start, attrs = stack.pop()
                if open_name != name:
                    raise EntityParseError(
                        f"Unmatched end tag at byte offset {_byte_offset(text, i)}, "
                        f'expected "</{open_name}>", found "</{name}>"'
                    )
                entity = _html_entity(open_name, attrs, start, out_len - start)
                if entity is not None:
                    entities.append(entity)
            else:
                if name not in _HTML_SUPPORTED:
                    raise EntityParseError(
                        f'Unsupported start tag "{name}" at byte offset {_byte_offset(text, i)}'
                    )
                attrs = {
                    a.group(1).lower(): next((g for g in a.groups()[1:] if g is not None), "")
                    for a in _ATTR_RE.finditer(raw_attrs)
                }
                if name == "span" and attrs.get("class") != "tg-spoiler":
                    raise EntityParseError(
                        f'Tag "span" must have class "tg-spoiler" at byte offset '
                        f"{_byte_offset(text, i)}"
                    )
                stack.append((name, out_len, attrs))
            i = m.end()
            continue
        if c == "&":
            m = _HTML_ENTITY_RE.match(text, i)
            if not m:
                raise EntityParseError(
                    f"Character '&' must be escaped as \"&amp;\" at byte offset "
                    f"{_byte_offset(text, i)}"
                )
            decoded = html.unescape(m.group(0))
            out.append(decoded)
            out_len += utf16_len(decoded)
            i = m.end()
            continue
        out.append(c)
        out_len += utf16_len(c)
        i += 1
    if stack:
        raise EntityParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1][0]}"')
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(out), entities


def _html_entity(name: str, attrs: dict[str, str], offset: int, length: int) -> Entity | None:
    if length <= 0:
        return None
    if name == "a":
        href = attrs.get("href", "")
        if not href:
            return None
        return {"type": "text_link", "offset": offset, "length": length, "url": href}
    if name == "span":
        return {"type": "spoiler", "offset": offset, "length": length}
    if name == "tg-emoji":
        return {
            "type": "custom_emoji",
            "offset": offset,
            "length": length,
            "custom_emoji_id": attrs.get("emoji-id", ""),
        }
    kind = _HTML_SIMPLE[name]
    if kind == "blockquote" and "expandable" in attrs:
        kind = "expandable_blockquote"
    entity: Entity = {"type": kind, "offset": offset, "length": length}
    if kind == "pre" and attrs.get("language"):
        entity["language"] = attrs["language"]
    return entity


# --------------------------------------------------------------------------------- MarkdownV2

_MDV2_RESERVED = set("_*[]()~`>#+-=|{}.!")
_MDV2_NAMES = {
    "*": "Bold",
    "_": "Italic",
    "__": "Underline",
    "~": "Strikethrough",
    "||": "Spoiler",
    "`": "Code",
    "```": "Pre",
    "[": "TextUrl",
}
_MDV2_TYPES = {
    "*": "bold",
    "_": "italic",
    "__": "underline",
    "~": "strikethrough",
    "||": "spoiler",
    "`": "code",
    "```": "pre",
}


def parse_markdown_v2(text: str) -> tuple[str, list[Entity]]:
    """Parse MarkdownV2; unescaped reserved characters and unclosed entities are errors."""
    out: list[str] = []
    out_len = 0
    # open entities: (marker, utf16 start, byte offset of the marker, extra)
    stack: list[tuple[str, int, int, str]] = []
    entities: list[Entity] = []
    quote_start: int | None = None
    i = 0
    n = len(text)

    def emit(s: str) -> None:
        nonlocal out_len
        out.append(s)
        out_len += utf16_len(s)

    def reserved(ch: str) -> EntityParseError:
        return EntityParseError(
            f"Character '{ch}' is reserved and must be escaped with the preceding '\\'"
        )

    while i < n:
        c = text[i]
        in_code = bool(stack) and stack[-1][0] in ("`", "```")
        if c == "\\":
            if i + 1 >= n or not 1 <= ord(text[i + 1]) <= 126:
                raise reserved("\\")
            emit(text[i + 1])
            i += 2
            continue
        if in_code:
            marker = stack[-1][0]
            if text.startswith(marker, i):
                _, start, _, extra = stack.pop()
                if out_len > start:
                    entity: Entity = {
                        "type": _MDV2_TYPES[marker],
                        "offset": start,
                        "length": out_len - start,
                    }
                    if marker == "```" and extra:
                        entity["language"] = extra
                    entities.append(entity)
                i += len(marker)
            else:
                emit(c)
                i += 1
            continue
        at_line_start = i == 0 or text[i - 1] == "\n"
        if c == ">" and at_line_start:
            if quote_start is None:
                quote_start = out_len
            i += 1
            continue
        if c == "\n" and quote_start is not None and not text.startswith(">", i + 1):
            if out_len > quote_start:
                entities.append(
                    {"type": "blockquote", "offset": quote_start, "length": out_len - quote_start}
                )
            quote_start = None
        if text.startswith("```", i):
            j = text.find("\n", i + 3)
            language = ""
            if j != -1 and re.fullmatch(r"[A-Za-z0-9_+#-]*", text[i + 3 : j]):
                language = text[i + 3 : j]
                k = j + 1
            else:
                k = i + 3
            stack.append(("```", out_len, _byte_offset(text, i), language))
            i = k
            continue
        marker = ""
        if c == "`":
            marker = "`"
        elif c == "*":
            marker = "*"
        elif c == "~":
            marker = "~"
        elif text.startswith("||", i):
            marker = "||"
        elif c == "_":
            if stack and stack[-1][0] == "__" and text.startswith("__", i):
                marker = "__"
            elif stack and stack[-1][0] == "_":
                marker = "_"
            elif text.startswith("__", i):
                marker = "__"
            else:
                marker = "_"
        if marker:
            open_idx = next(
                (k for k in range(len(stack) - 1, -1, -1) if stack[k][0] == marker), None
            )
            if open_idx is None:
                stack.append((marker, out_len, _byte_offset(text, i), ""))
            else:
                _, start, _, _ = stack.pop(open_idx)
                if out_len > start:
                    entities.append(
                        {"type": _MDV2_TYPES[marker], "offset": start, "length": out_len - start}
                    )
            i += len(marker)
            continue
        if c == "[":
            stack.append(("[", out_len, _byte_offset(text, i), ""))
            i += 1
            continue
        if c == "]":
            if not stack or stack[-1][0] != "[":
                raise reserved("]")
            if not text.startswith("(", i + 1):
                raise EntityParseError(
                    f"Can't find end of TextUrl entity at byte offset {stack[-1][2]}"
                )
            j = i + 2
            url_chars: list[str] = []
            while j < n and text[j] != ")":
                if text[j] == "\\" and j + 1 < n:
                    url_chars.append(text[j + 1])
                    j += 2
                else:
                    url_chars.append(text[j])
                    j += 1
            if j >= n:
                raise EntityParseError(
                    f"Can't find end of a URL at byte offset {_byte_offset(text, i + 2)}"
                )
            _, start, _, _ = stack.pop()
            if out_len > start:
                entities.append(
                    {
                        "type": "text_link",
                        "offset": start,
                        "length": out_len - start,
                        "url": "".join(url_chars),
                    }
                )
            i = j + 1
            continue
        if c in _MDV2_RESERVED:
            raise reserved(c)
        emit(c)
        i += 1
    if stack:
        marker, _, byte_off, _ = stack[-1]
        raise EntityParseError(
            f"Can't find end of {_MDV2_NAMES[marker]} entity at byte offset {byte_off}"
        )
    if quote_start is not None and out_len > quote_start:
        entities.append(
            {"type": "blockquote", "offset": quote_start, "length": out_len - quote_start}
        )
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(out), entities


# ----------------------------------------------------------------------- legacy Markdown (v1)

_MD1_TYPES = {"*": "bold", "_": "italic", "`": "code", "```": "pre"}


def parse_markdown(text: str) -> tuple[str, list[Entity]]:
    """Parse legacy Markdown (``*bold*``, ``_italic_``, ``\\`code\\```, ``[text](url)``)."""
    out: list[str] = []
    out_len = 0
    entities: list[Entity] = []
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c == "\\" and i + 1 < n and text[i + 1] in "_*`[":
            out.append(text[i + 1])
            out_len += 1
            i += 2
            continue
        marker = "```" if text.startswith("```", i) else c if c in "*_`" else ""
        if marker:
            end = text.find(marker, i + len(marker))
            if end == -1:
                raise EntityParseError(
                    f"Can't find end of the entity starting at byte offset {_byte_offset(text, i)}"
                )
            inner = text[i + len(marker) : end]
            if inner:
                entities.append(
                    {"type": _MD1_TYPES[marker], "offset": out_len, "length": utf16_len(inner)}
                )
            out.append(inner)
            out_len += utf16_len(inner)
            i = end + len(marker)
            continue
        if c == "[":
            m = re.match(r"\[([^\]]*)\]\(([^)]*)\)", text[i:])
            if not m:
                raise EntityParseError(
                    f"Can't find end of the entity starting at byte offset {_byte_offset(text, i)}"
                )
            label = m.group(1)
            if label:
                entities.append(
                    {
                        "type": "text_link",
                        "offset": out_len,
                        "length": utf16_len(label),
                        "url": m.group(2),
                    }
                )
            out.append(label)
            out_len += utf16_len(label)
            i += m.end()
            continue
        out.append(c)
        out_len += utf16_len(c)
        i += 1
    return "".join(out), entities


# ------------------------------------------------------------- entities Telegram adds itself

_AUTO_RE = re.compile(
    r"(?P<bot_command>(?<![\w/@])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![\w@]))"
    r"|(?P<mention>(?<![\w@/])@[A-Za-z0-9_]{5,32}(?!\w))"
    r"|(?P<url>(?<!\w)https?://[^\s<>\"]+)"
    r"|(?P<hashtag>(?<![\w#])#[^\W\d]\w*)"
)


def detect_entities(text: str) -> list[Entity]:
    """Entities Telegram attaches to a user's plain message (commands, mentions, URLs, tags)."""
    entities: list[Entity] = []
    for m in _AUTO_RE.finditer(text):
        kind = m.lastgroup
        if kind is None:
            continue
        entities.append(
            {
                "type": kind,
                "offset": utf16_len(text[: m.start()]),
                "length": utf16_len(m.group(0)),
            }
        )
    return entities
