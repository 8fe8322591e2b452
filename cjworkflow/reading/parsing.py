"""Reading what workshop members type: the field readers the steps share.

Lines, stage prefixes, scores and numbers; each step reads its own lines with these
(steps/personas.py, touchpoints.py, elements.py, resources.py, walkthrough.py,
action_lines.py).

Every parser returns its documented type or raises ParseError, whose key is a message in
locales/<lang>/parsing.ftl; no other exception escapes, whatever the text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from cjworkflow.limits import MAX_DIGITS
from cjworkflow.reading.dates import ParseError, parse_due
from cjworkflow.reading.lines import MAX_LINE, clean_text, split_lines

__all__ = [
    "FACES",
    "FACE_ALIASES",
    "ParseError",
    "keyword_score",
    "match_stage",
    "nonempty",
    "normalise",
    "parse_due",
    "parse_score",
    "read_score",
    "score_and_word",
    "split_lines",
    "split_persona",
    "split_stage_prefix",
]

MIN_PREFIX = 3

FACES: dict[str, int] = {"😣": 1, "🙁": 2, "😐": 3, "🙂": 4, "😄": 5}
# Faces people reach for when the five above are not at hand.
FACE_ALIASES: dict[str, int] = {
    "😡": 1, "😠": 1, "😖": 1, "😫": 1,
    "😞": 2, "😟": 2, "☹": 2, "😕": 2,
    "😶": 3, "😑": 3,
    "😊": 4, "☺": 4,
    "😀": 5, "😃": 5, "😁": 5, "🤩": 5, "😍": 5,
}

def normalise(s: str) -> str:
    """s casefolded, without accents and with single spaces, for matching names."""
    decomposed = unicodedata.normalize("NFKD", s)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


# --- stages ------------------------------------------------------------------------------

_STAGE_NUMBER = re.compile(r"(?:(?:fase|stage|phase)\s*)?#?([0-9]{1,3})")


def _label_forms(label: str) -> set[str]:
    # "Actie / Conversie" and "Aandacht (see)" should answer to each of their parts.
    full = normalise(label)
    plain = normalise(re.sub(r"\([^)]*\)", " ", label))
    forms = {full, plain, *(part.strip() for part in re.split(r"[/|]", plain))}
    return {form for form in forms if form}


def match_stage(token: str, stages: Sequence[str]) -> int | None:
    """The 0-based stage index for a number, label or unique 3+ character prefix, else None."""
    wanted = normalise(token)
    if not wanted:
        return None
    number = _STAGE_NUMBER.fullmatch(wanted)
    if number:
        n = int(number[1])
        return n - 1 if 1 <= n <= len(stages) else None
    forms = [_label_forms(label) for label in stages]
    exact = [i for i, f in enumerate(forms) if wanted in f]
    if exact:
        return exact[0] if len(exact) == 1 else None
    if len(wanted) < MIN_PREFIX:
        return None
    starts = [i for i, f in enumerate(forms) if any(form.startswith(wanted) for form in f)]
    return starts[0] if len(starts) == 1 else None


_NUMBER_PREFIX = re.compile(r"((?:fase|stage|phase)\s*)?([0-9]{1,3})\s*([:.)])(.*)", re.I | re.S)
_NAME_PREFIX = re.compile(r"([^:]{1,60}):(.*)", re.S)


def split_stage_prefix(line: str, stages: Sequence[str]) -> tuple[int | None, str]:
    """(stage index, text) for "2: text" or "Overweging: text"; (None, line) without a prefix."""
    stripped = line.strip()
    number = _NUMBER_PREFIX.fullmatch(stripped)
    if number:
        rest = number[4]
        # "2.5 kg" and "2:30" are text, not stage 2.
        if rest[:1].isdigit():
            return None, line
        index = match_stage((number[1] or "") + number[2], stages)
        return (None, line) if index is None else (index, _after_prefix(rest))
    named = _NAME_PREFIX.match(stripped)
    if named:
        index = match_stage(named[1], stages)
        if index is not None:
            return index, _after_prefix(named[2])
    return None, line


def _after_prefix(rest: str) -> str:
    text = rest.strip()
    if not text:
        raise ParseError("parse-empty")
    return text


# --- scores ------------------------------------------------------------------------------

_SCORE = re.compile(r"([0-9]{1,3})(?:\s*/\s*5)?")


def read_score(text: str, field: str) -> int:
    """A score 1-5 from a digit or a face, named field in the refusal; else ParseError."""
    value = text.strip().replace("\ufe0f", "").strip()
    face = FACES.get(value) or FACE_ALIASES.get(value)
    if face:
        return face
    m = _SCORE.fullmatch(value)
    if m and 1 <= int(m[1]) <= 5:
        return int(m[1])
    raise ParseError("parse-score-range", field=field)


def _is_score(text: str) -> bool:
    try:
        read_score(text, "score")
    except ParseError:
        return False
    return True


def parse_score(text: str) -> int:
    """A score 1-5 from a digit ("3", "3/5") or a face 😣🙁😐🙂😄; else ParseError."""
    # Cut before cleaning: cleaning costs time per character, and no score is that long.
    return read_score(clean_text(text[:MAX_LINE]), "score")


_SCORE_TOKEN = re.compile(r"([0-9]+\s*/\s*5|\S+)(.*)", re.S)


def keyword_score(separator: str | None, value: str, field: str) -> int | None:
    """The score after a score keyword, or None when the words after it are just text.

    With ":" the rest must be a score ("emotie: 2"); without one, a score must follow at once
    ("emotie 2"), so "gevoel van onrust" stays an ordinary line.
    """
    value = value.strip()
    if separator:
        return read_score(value, field)
    if not value:
        raise ParseError("parse-score-range", field=field)
    token = _SCORE_TOKEN.fullmatch(value)
    # A number out of range ("emotie 7") is a score to fix, not text.
    if token is None or not (_is_score(token[1]) or token[1][0].isdigit()):
        return None
    if token[2].strip():
        raise ParseError("parse-score-range", field=field)
    return read_score(token[1], field)


# Around a named emotion: "emotie 2 (onrustig)", "emotie 2 - onrustig".
_WORD_TRIM = " -–—:;,.()[]"


def score_and_word(separator: str | None, value: str, field: str) -> tuple[int, str | None] | None:
    """The score after a score keyword and the emotion named after it, or None for plain text.

    "emotie 2 onrustig" is (2, "onrustig"), "emotie 2" (2, None); as keyword_score, a line
    whose keyword is followed by words and no score ("gevoel van onrust") is None.
    """
    value = value.strip()
    if not value:
        raise ParseError("parse-score-range", field=field)
    token = _SCORE_TOKEN.fullmatch(value)
    if token is None or not (_is_score(token[1]) or token[1][0].isdigit()):
        if separator:
            raise ParseError("parse-score-range", field=field)
        return None
    return read_score(token[1], field), token[2].strip(_WORD_TRIM) or None


_PERSONA = re.compile(r"(.*?)\s*\|\s*persona\s*[:=]?\s*([^|]*)", re.I | re.S)


def split_persona(text: str) -> tuple[str, str | None]:
    """(the line before it, the persona named) for "… | persona Senior"; else (text, None)."""
    m = _PERSONA.fullmatch(text)
    if m is None:
        return text, None
    return m[1], nonempty(m[2])


def nonempty(text: str) -> str:
    """The text stripped; ParseError when nothing is left."""
    stripped = text.strip()
    if not stripped:
        raise ParseError("parse-empty")
    return stripped


# --- numbers -------------------------------------------------------------------------


def is_number(text: str) -> bool:
    """Plain ASCII digits only ("²" or "٣" pass str.isdigit() but are no numbers to int())."""
    t = text.strip()
    return 0 < len(t) <= MAX_DIGITS and t.isascii() and t.isdigit()
