"""Reading what workshop members type: entry lines, stage prefixes, scores and actions.

Every parser returns its documented type or raises ParseError, whose key is a message in
locales/<lang>/parsing.ftl; no other exception escapes, whatever the text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from cjworkflow.limits import MAX_DIGITS
from cjworkflow.reading.dates import ParseError, parse_due
from cjworkflow.reading.lines import MAX_LINE, clean_text, prepare_line, split_lines
from cjworkflow.storage.models import EntryKind

__all__ = [
    "FACES",
    "FACE_ALIASES",
    "ElementInput",
    "ObservationInput",
    "ParseError",
    "PersonaInput",
    "ResourceInput",
    "TouchpointInput",
    "match_stage",
    "normalise",
    "parse_due",
    "parse_element",
    "parse_observation",
    "parse_persona",
    "parse_resource",
    "parse_score",
    "parse_touchpoint",
    "read_score",
    "split_lines",
    "split_stage_prefix",
]

MAX_PERSONA_NAME = 100
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


def _keyword_score(separator: str | None, value: str, field: str) -> int | None:
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


# --- personas ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonaInput:
    name: str
    description: str | None
    goal: str | None


_GOAL = re.compile(r"(?:doel|doelen|goal|goals)(?:\s*[:=]\s*|\s+|$)(.*)", re.I | re.S)


def parse_persona(line: str) -> PersonaInput:
    """A persona from "Name: description | doel: goal"; a bare name is fine."""
    text = prepare_line(line)
    if not text:
        raise ParseError("parse-empty")
    parts = re.split(r"\s*([|;])\s*", text)
    main, goals = parts[0], []
    for sep, segment in zip(parts[1::2], parts[2::2], strict=True):
        goal = _GOAL.fullmatch(segment)
        if goal:
            if goal[1].strip():
                goals.append(goal[1].strip())
        elif segment:
            # Not a goal: the separator was part of the description.
            main += f"{sep} {segment}" if sep == ";" else f" {sep} {segment}"
    name, _, description = main.partition(":")
    name = name.strip()
    if not name:
        raise ParseError("parse-persona-no-name")
    if len(name) > MAX_PERSONA_NAME:
        raise ParseError("parse-persona-name-too-long", max=MAX_PERSONA_NAME)
    return PersonaInput(name=name, description=description.strip() or None,
                        goal="; ".join(goals) or None)


# --- touchpoints -------------------------------------------------------------------------


@dataclass(frozen=True)
class TouchpointInput:
    text: str
    stage: int | None
    channel: str | None


_CHANNEL_FIELD = re.compile(r"(?:kanaal|channel)\s*[:=]?\s*(.*)", re.I | re.S)
_CHANNEL_INLINE = re.compile(r"\s*[;,]?\s*\b(?:kanaal|channel)\s*[:=]\s*(.*)$", re.I | re.S)


def parse_touchpoint(line: str, stages: Sequence[str]) -> TouchpointInput:
    """A touchpoint from "[stage]: text [| channel]" or "text; kanaal: channel"."""
    stage, rest = split_stage_prefix(prepare_line(line), stages)
    segments = [s.strip() for s in rest.split("|")]
    text, channels = segments[0], []
    inline = _CHANNEL_INLINE.search(text)
    if inline:
        text = text[: inline.start()].strip()
        channels.append(inline[1].strip())
    for segment in segments[1:]:
        field = _CHANNEL_FIELD.fullmatch(segment)
        channels.append((field[1] if field else segment).strip())
    if not text:
        raise ParseError("parse-empty")
    return TouchpointInput(text=text, stage=stage,
                           channel=", ".join(c for c in channels if c) or None)


# --- elements (step 5) -------------------------------------------------------------------


@dataclass(frozen=True)
class ElementInput:
    kind: EntryKind | None
    stage: int | None
    text: str | None
    score: int | None


_KIND_WORDS: dict[str, EntryKind] = {
    # "actie"/"action" are deliberately absent: they name stages in both stage models.
    "doet": EntryKind.USER_ACTION, "doen": EntryKind.USER_ACTION, "doe": EntryKind.USER_ACTION,
    "does": EntryKind.USER_ACTION, "do": EntryKind.USER_ACTION,
    "pijn": EntryKind.PAIN, "pijnpunt": EntryKind.PAIN, "pijnpunten": EntryKind.PAIN,
    "knelpunt": EntryKind.PAIN, "pain": EntryKind.PAIN, "pain point": EntryKind.PAIN,
    "painpoint": EntryKind.PAIN,
    "idee": EntryKind.SOLUTION, "oplossing": EntryKind.SOLUTION,
    "idea": EntryKind.SOLUTION, "solution": EntryKind.SOLUTION,
    "moment": EntryKind.MOMENT, "mot": EntryKind.MOMENT,
    "moment of truth": EntryKind.MOMENT, "moment van de waarheid": EntryKind.MOMENT,
    "waarheidsmoment": EntryKind.MOMENT,
}
_KIND = re.compile(
    r"(" + "|".join(re.escape(w) for w in sorted(_KIND_WORDS, key=len, reverse=True))
    + r")\s*[:=](.*)", re.I | re.S)
_EMOTION = re.compile(r"(?:emotie|emotion|gevoel|feeling)\b\s*([:=])?(.*)", re.I | re.S)
_MOMENT_MARK = re.compile(r"!+(.*)", re.S)


def _element_body(text: str) -> tuple[EntryKind | None, str | None, int | None] | None:
    """(kind, text, score) when text opens with a kind keyword, "!" or a score; else None."""
    emotion = _EMOTION.fullmatch(text)
    if emotion:
        score = _keyword_score(emotion[1], emotion[2], "emotion")
        if score is not None:
            return None, None, score
    kind = _KIND.fullmatch(text)
    if kind:
        return _KIND_WORDS[kind[1].casefold()], _nonempty(kind[2]), None
    moment = _MOMENT_MARK.fullmatch(text)
    if moment:
        return EntryKind.MOMENT, _nonempty(moment[1]), None
    face = text.replace("\ufe0f", "")
    if face in FACES or face in FACE_ALIASES:
        # A lone face is an emotion; a lone digit stays text ("3" could be anything).
        return None, None, read_score(face, "emotion")
    return None


def _nonempty(text: str) -> str:
    stripped = text.strip()
    if not stripped:
        raise ParseError("parse-empty")
    return stripped


def parse_element(line: str, stages: Sequence[str]) -> ElementInput:
    """An element line: [stage:] [doet:|pijn:|idee:|moment:|!] text, or "emotie 2" for a score."""
    text = prepare_line(line)
    if not text:
        raise ParseError("parse-empty")
    # A leading kind keyword wins over a stage name, so "pijn: …" is never a stage prefix.
    body = _element_body(text)
    stage = None
    if body is None:
        stage, text = split_stage_prefix(text, stages)
        body = _element_body(text)
    if body is None:
        return ElementInput(kind=EntryKind.USER_ACTION, stage=stage, text=text, score=None)
    kind, body_text, score = body
    return ElementInput(kind=kind, stage=stage, text=body_text, score=score)


# --- resources (step 6) ------------------------------------------------------------------


@dataclass(frozen=True)
class ResourceInput:
    text: str
    have: bool


_HAVE = re.compile(
    r"(?:(?:heb|hebben|hebben we|we hebben|have|we have|got|aanwezig|in huis)\s*[:=]|[+✅✔☑])(.*)",
    re.I | re.S)
_NEED = re.compile(
    r"(?:(?:nodig|hebben we nodig|need|needed|we need|ontbreekt|missing|mis)\s*[:=]|[-−])(.*)",
    re.I | re.S)


def parse_resource(line: str) -> ResourceInput:
    """A resource: "heb: x"/"have: x"/"+ x" is at hand; "nodig: x"/"- x"/plain is needed."""
    text = prepare_line(line).replace("\ufe0f", "")
    have = _HAVE.fullmatch(text)
    if have:
        return ResourceInput(text=_nonempty(have[1]), have=True)
    need = _NEED.fullmatch(text)
    if need:
        return ResourceInput(text=_nonempty(need[1]), have=False)
    return ResourceInput(text=_nonempty(text), have=False)


# --- observations (step 7) ---------------------------------------------------------------


@dataclass(frozen=True)
class ObservationInput:
    stage: int | None
    text: str | None
    ideal: int | None


_IDEAL = re.compile(
    r"(?:ideale emotie|ideale score|ideaal gevoel|ideal emotion|ideal score|ideal feeling"
    r"|ideaal|ideal)\b\s*([:=])?(.*)", re.I | re.S)


def _ideal(text: str) -> int | None:
    m = _IDEAL.fullmatch(text)
    return _keyword_score(m[1], m[2], "ideal") if m else None


def parse_observation(line: str, stages: Sequence[str]) -> ObservationInput:
    """A walkthrough line: [stage:] observation, or "ideaal 4" / "ideal: 😄" for the ideal score."""
    text = prepare_line(line)
    if not text:
        raise ParseError("parse-empty")
    ideal = _ideal(text)
    if ideal is not None:
        return ObservationInput(stage=None, text=None, ideal=ideal)
    stage, rest = split_stage_prefix(text, stages)
    ideal = _ideal(rest)
    if ideal is not None:
        return ObservationInput(stage=stage, text=None, ideal=ideal)
    return ObservationInput(stage=stage, text=rest, ideal=None)


# --- actions (step 8) --------------------------------------------------------------------


def is_number(text: str) -> bool:
    """Plain ASCII digits only ("²" or "٣" pass str.isdigit() but are no numbers to int())."""
    t = text.strip()
    return 0 < len(t) <= MAX_DIGITS and t.isascii() and t.isdigit()
