"""Reading step 8's action lines: [stage:] title, impact, effort, owner, deadline and goal.

The stage prefix is read as staged lines read theirs ("3: …", "Aankoop: …"); a numbered list
("1. …", "2) …") stays a title. "doel 2" / "goal 2" names a goal of step 1 by its number.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time

from cjworkflow.reading.dates import ParseError, parse_due
from cjworkflow.reading.lines import prepare_line
from cjworkflow.reading.parsing import FACE_ALIASES, FACES, read_score, split_stage_prefix

MAX_ACTION_TITLE = 200
MAX_OWNER_NAME = 100


@dataclass(frozen=True)
class ActionInput:
    title: str
    impact: int | None
    effort: int | None
    owner_handle: str | None  # without "@", as typed (case preserved)
    owner_self: bool  # "owner: me" / "eigenaar: ik" / "@me" / "@ik"
    owner_name: str | None  # "owner: Anna" (a name without @)
    due_date: date | None
    due_time: time | None
    stage: int | None = None  # 0-based index of the stage the line named
    goal: int | None = None  # the goal's number as typed (1-based), checked by the caller


_SCORE_KEYWORDS = {"impact": "impact", "effort": "effort", "moeite": "effort",
                   "inspanning": "effort"}
# "i4"/"e2" only count in the compact form, so "e-mail" or "i.v.m." never read as a score.
_SHORT_SCORE_KEYWORDS = {**_SCORE_KEYWORDS, "i": "impact", "e": "effort"}
_OWNER_KEYWORDS = {"owner", "eigenaar", "wie", "who", "trekker"}
_DUE_KEYWORDS = {"due", "deadline", "datum", "voor", "uiterlijk", "date", "by", "before",
                 "wanneer", "when", "klaar"}
_GOAL_KEYWORDS = {"doel", "goal"}
_GOAL_NUMBER = re.compile(r"#?([0-9]{1,3})")
# "1. Bel klanten" is a numbered list, not stage 1: only "1:" names a stage by number.
_LIST_NUMBER = re.compile(r"(?:#?[0-9]{1,3})\s*[.)]")
_SELF_WORDS = {"me", "ik", "mij", "mezelf", "myself", "zelf", "self", "i"}
_HANDLE = re.compile(r"@([A-Za-z0-9_]{1,64})")
_FACE_ALT = "|".join(re.escape(f) for f in (*FACES, *FACE_ALIASES))
# Score fields and @handles may share one segment: "i4 e2 @anna", "impact 4 effort 2".
_COMPACT = re.compile(
    r"\s*(?:(?P<kw>impact|effort|moeite|inspanning|i|e)\s*[:=]?\s*"
    r"(?P<score>[0-9]+|(?:" + _FACE_ALT + r")\ufe0f?)(?![0-9A-Za-z])"
    r"|(?P<handle>@[A-Za-z0-9_]{1,64})(?![A-Za-z0-9_]))\s*", re.I)
_KEYWORD = re.compile(r"([^\W\d_]+)\s*[:=]?\s*(.*)", re.S)


@dataclass
class _ActionFields:
    impact: int | None = None
    effort: int | None = None
    owner_handle: str | None = None
    owner_self: bool = False
    owner_name: str | None = None
    due_date: date | None = None
    due_time: time | None = None
    goal: int | None = None

    def set_goal(self, value: str) -> None:
        number = _GOAL_NUMBER.fullmatch(value.strip())
        if number is None or int(number[1]) < 1:
            raise ParseError("parse-action-goal-number", value=_shorten(value))
        self.goal = int(number[1])

    def set_score(self, field: str, value: str) -> None:
        score = read_score(value, field)
        if field == "impact":
            self.impact = score
        else:
            self.effort = score

    def set_owner(self, value: str, segment: str) -> None:
        self.owner_handle, self.owner_self, self.owner_name = None, False, None
        handle = _HANDLE.fullmatch(value)
        if value.casefold().lstrip("@") in _SELF_WORDS:
            self.owner_self = True
        elif handle:
            self.owner_handle = handle[1]
        elif value and not value.startswith("@"):
            if len(value) > MAX_OWNER_NAME:
                raise ParseError("parse-action-owner-too-long", max=MAX_OWNER_NAME)
            self.owner_name = value
        else:
            raise ParseError("parse-action-unknown-field", field=_shorten(segment))


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _compact_fields(segment: str, fields: _ActionFields) -> bool:
    """Apply a segment made only of score fields and @handles; False if it is something else."""
    found: list[tuple[str, str]] = []
    pos = 0
    while pos < len(segment):
        m = _COMPACT.match(segment, pos)
        if m is None or m.end() == pos:
            return False
        if m["handle"]:
            found.append(("owner", m["handle"]))
        else:
            found.append((_SHORT_SCORE_KEYWORDS[m["kw"].casefold()], m["score"]))
        pos = m.end()
    for name, value in found:
        if name == "owner":
            fields.set_owner(value, segment)
        else:
            fields.set_score(name, value)
    return bool(found)


def _apply_field(segment: str, fields: _ActionFields, lang: str, today: date,
                 now: time | None) -> None:
    if _compact_fields(segment, fields):
        return
    m = _KEYWORD.fullmatch(segment)
    keyword = m[1].casefold() if m else ""
    value = m[2].strip() if m else ""
    if m and keyword in _SCORE_KEYWORDS:
        fields.set_score(_SCORE_KEYWORDS[keyword], value)
    elif m and keyword in _GOAL_KEYWORDS:
        fields.set_goal(value)
    elif m and keyword in _OWNER_KEYWORDS:
        fields.set_owner(value, segment)
    elif m and keyword in _DUE_KEYWORDS:
        fields.due_date, fields.due_time = parse_due(value, lang=lang, today=today, now=now)
    elif segment.startswith("@"):
        fields.set_owner(segment, segment)
    else:
        # A bare date ("| vrijdag") is a deadline; anything else is a field we do not know.
        try:
            fields.due_date, fields.due_time = parse_due(segment, lang=lang, today=today,
                                                         now=now)
        except ParseError as error:
            if error.key != "parse-date-unreadable":
                raise
            raise ParseError("parse-action-unknown-field", field=_shorten(segment)) from None


def _stage_and_title(head: str, stages: Sequence[str]) -> tuple[int | None, str]:
    if not stages or _LIST_NUMBER.match(head):
        return None, head
    return split_stage_prefix(head, stages)


def parse_action(line: str, *, lang: str, today: date, now: time | None = None,
                 stages: Sequence[str] = ()) -> ActionInput:
    """An action: "[stage:] Title | impact 4 | effort 2 | @owner | due vrijdag | doel 2",
    fields in any order; the stage as a number or one of stages' labels."""
    text = prepare_line(line)
    head, *segments = (s.strip() for s in re.split(r"[|;]", text))
    stage, title = _stage_and_title(head, stages)
    if not title:
        raise ParseError("parse-action-no-title")
    if len(title) > MAX_ACTION_TITLE:
        raise ParseError("parse-action-title-too-long", max=MAX_ACTION_TITLE)
    fields = _ActionFields()
    for segment in segments:
        if segment:
            _apply_field(segment, fields, lang, today, now)
    return ActionInput(title=title, impact=fields.impact, effort=fields.effort,
                       owner_handle=fields.owner_handle, owner_self=fields.owner_self,
                       owner_name=fields.owner_name, due_date=fields.due_date,
                       due_time=fields.due_time, stage=stage, goal=fields.goal)
