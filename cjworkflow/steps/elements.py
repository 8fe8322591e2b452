"""Step 5, elements: per stage what the customer does, feels and needs, and how it feels.

A line is "[stage:] [doet:|denkt:|pijn:|idee:|moment:|scenario:|!] text", or "emotie 2
[onrustig]" for the stage's score and the emotion named beside it;
the card works through one stage at a time. Enough once every stage has an element and a score.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from cjworkflow.i18n import t
from cjworkflow.reading import parsing
from cjworkflow.reading.dates import ParseError
from cjworkflow.reading.lines import prepare_line
from cjworkflow.steps.base import PlainEntry, Progress, Score, Stages, Step, focused_id
from cjworkflow.steps.touchpoints import filled_stages
from cjworkflow.storage.models import Entry, EntryKind, ScoreKind

KINDS = (EntryKind.USER_ACTION, EntryKind.PAIN, EntryKind.SOLUTION, EntryKind.MOMENT,
         EntryKind.SCENARIO, EntryKind.THOUGHT)


@dataclass(frozen=True)
class ElementInput:
    kind: EntryKind | None
    stage: int | None
    text: str | None
    score: int | None
    word: str | None = None  # the emotion named beside a score
    persona: str | None = None  # the target persona a score is given for


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
    # The stage's scenario (article 004): the same word in both languages.
    "scenario": EntryKind.SCENARIO,
    # What the customer thinks: the "mindsets" lane of journey maps.
    "denkt": EntryKind.THOUGHT, "denken": EntryKind.THOUGHT, "gedachte": EntryKind.THOUGHT,
    "thinks": EntryKind.THOUGHT, "think": EntryKind.THOUGHT, "thought": EntryKind.THOUGHT,
}
_KIND = re.compile(
    r"(" + "|".join(re.escape(w) for w in sorted(_KIND_WORDS, key=len, reverse=True))
    + r")\s*[:=](.*)", re.I | re.S)
_EMOTION = re.compile(r"(?:emotie|emotion|gevoel|feeling)\b\s*([:=])?(.*)", re.I | re.S)
_MOMENT_MARK = re.compile(r"!+(.*)", re.S)


_Body = tuple[EntryKind | None, str | None, int | None]


def _element_body(text: str) -> _Body | None:
    """(kind, text, score) when text opens with a kind keyword, "!" or a score; else None.

    With a score, text is the emotion named beside it ("emotie 2 onrustig"), if any.
    """
    emotion = _EMOTION.fullmatch(text)
    if emotion:
        scored = parsing.score_and_word(emotion[1], emotion[2], "emotion")
        if scored is not None:
            return None, scored[1], scored[0]
    kind = _KIND.fullmatch(text)
    if kind:
        return _KIND_WORDS[kind[1].casefold()], parsing.nonempty(kind[2]), None
    moment = _MOMENT_MARK.fullmatch(text)
    if moment:
        return EntryKind.MOMENT, parsing.nonempty(moment[1]), None
    face = text.replace("\ufe0f", "")
    if face in parsing.FACES or face in parsing.FACE_ALIASES:
        # A lone face is an emotion; a lone digit stays text ("3" could be anything).
        return None, None, parsing.read_score(face, "emotion")
    return None


def parse_element(line: str, stages: Sequence[str]) -> ElementInput:
    """An element line: [stage:] [doet:|pijn:|idee:|moment:|!] text, or "emotie 2" for a score."""
    text, persona = parsing.split_persona(prepare_line(line))
    if not text:
        raise ParseError("parse-empty")
    # A leading kind keyword wins over a stage name, so "pijn: …" is never a stage prefix.
    body = _element_body(text)
    stage = None
    if body is None:
        stage, text = parsing.split_stage_prefix(text, stages)
        body = _element_body(text)
    if body is not None and body[2] is not None:
        return ElementInput(kind=None, stage=stage, text=None, score=body[2], word=body[1],
                            persona=persona)
    if persona is not None:
        # Per persona the method asks how it feels (and, in step 7, what is observed).
        raise ParseError("parse-persona-scores-only")
    if body is None:
        return ElementInput(kind=EntryKind.USER_ACTION, stage=stage, text=text, score=None)
    kind, body_text, score = body
    return ElementInput(kind=kind, stage=stage, text=body_text, score=score)


def read(line: str, stages: Stages, focus: int) -> PlainEntry | Score:
    """An element line (the focused stage unless it names one), or a current score."""
    el = parse_element(line, [label for _, label in stages])
    if el.score is not None:
        return Score(ScoreKind.CURRENT, el.score, el.stage, el.word, el.persona)
    stage_id = focused_id(stages, focus) if el.stage is None else stages[el.stage][0]
    return PlainEntry(el.kind or EntryKind.USER_ACTION, el.text or "", {"stage_id": stage_id})


def card_line(e: Entry, lang: str) -> str:
    """An element on the card: its kind's label, then its text."""
    return t(lang, f"card-kind-{EntryKind(e.kind).value}") + " " + e.text


def enough(progress: Progress, st: Step) -> bool:
    """Enough once every stage has an element and a current score."""
    filled = filled_stages(progress, st) & progress.scored_stages(ScoreKind.CURRENT)
    return all(s in filled for s in progress.stage_ids())


STEP = Step(5, "elements", KINDS, "element", per_stage=True, staged=True,
            score_kind=ScoreKind.CURRENT, read_staged=read, card_line=card_line, enough=enough)
