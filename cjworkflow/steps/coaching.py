"""Coaching that reads what the team typed: a gentle question on the card, never a refusal.

A journey title written from the company's side, a persona without a goal, a touchpoint
without a channel, a walkthrough line that is already a solution, and at the ideal-emotion
step the curves (article 004: end on a high, keep moments of truth positive, leave a
pain-pleasure gap). Read when the card is drawn, not per entry: it costs the entry nothing.
"""

from __future__ import annotations

import re
from collections import defaultdict

from sqlmodel import Session

from cjworkflow.i18n import t
from cjworkflow.i18n.fmt import clip
from cjworkflow.steps.base import Step
from cjworkflow.storage import store, workshops
from cjworkflow.storage.models import Entry, EntryKind, ScoreKind, Workshop

MAX_NOTES = 3
LOW = 2.0  # a stage's mean at or below this is low
HIGH = 4.0
FLAT = 1.5  # an ideal curve whose highest and lowest stage differ less than this is flat

# Words that name the company's process rather than what the customer does.
COMPANY_WORDS = re.compile(
    r"(traject|proces|process|procedure|funnel|flow|afhandeling|handling|management|"
    r"pipeline|beheer|onboarding|fulfil+ment|leadgeneratie|lead generation)\b", re.I)
CUSTOMER_START = re.compile(r"^(ik|i|we|wij|mijn|my)\b", re.I)
# Stems of a title and the customer's side of it, per language (the first that matches).
SUGGESTIONS: tuple[tuple[str, str], ...] = (
    ("offerte|quot", "title-tip-quote"),
    ("bestel|order", "title-tip-order"),
    ("retour|return", "title-tip-return"),
    ("klacht|complaint", "title-tip-complaint"),
    ("onboarding|aanmeld|inschrijf|sign.?up|registr", "title-tip-signup"),
    ("lever|bezorg|deliver", "title-tip-delivery"),
    ("betaal|factu|invoice|billing|payment", "title-tip-pay"),
)
SOLUTION_START = re.compile(
    r"^(we|wij|jullie)\s+(moeten|zouden|gaan|willen|kunnen)\b|^(laten we|let's|let us)\b|"
    r"^we\s+(should|must|need to|have to|could|ought to)\b", re.I)


def title_tip(title: str, lang: str) -> str | None:
    """A suggestion for a journey title written from the company's side, or None."""
    if CUSTOMER_START.match(title.strip()) or not COMPANY_WORDS.search(title):
        return None
    suggestion = next((t(lang, key) for stems, key in SUGGESTIONS
                       if re.search(stems, title, re.I)), t(lang, "title-tip-any"))
    return t(lang, "title-tip", title=clip(title, 60), suggestion=suggestion)


def is_solution(text: str) -> bool:
    """Whether a walkthrough line is written as a solution ("we moeten…", "we should…")."""
    return bool(SOLUTION_START.match(text.strip()))


def card_notes(session: Session, ws: Workshop, st: Step, lang: str) -> list[str]:
    """The card's gentle questions about what this step's entries lack (at most MAX_NOTES)."""
    wid = ws.id or 0
    notes: list[str] = []
    kinds = set(st.card_kinds)
    if kinds & {EntryKind.PERSONA, EntryKind.TOUCHPOINT, EntryKind.OBSERVATION}:
        for e in store.entries(session=session, workshop_id=wid, kinds=list(kinds)):
            notes += _entry_note(e, lang)
    if st.score_kind is ScoreKind.IDEAL:
        notes += _curve_notes(session, wid, lang)
    return ["💬 " + n for n in notes[-MAX_NOTES:]]


def _entry_note(e: Entry, lang: str) -> list[str]:
    name = clip(e.text, 40)
    if e.kind == EntryKind.PERSONA and not e.goal:
        return [t(lang, "coach-persona-goal", name=name)]
    if e.kind == EntryKind.TOUCHPOINT and not e.channel:
        return [t(lang, "coach-touchpoint-channel", name=name)]
    if e.kind == EntryKind.OBSERVATION and is_solution(e.text):
        return [t(lang, "coach-walkthrough-solution", line=name)]
    return []


def _fmt(value: float, lang: str) -> str:
    return f"{value:.1f}".replace(".", "," if lang == "nl" else ".")


def _curve_notes(session: Session, wid: int, lang: str) -> list[str]:
    stages = workshops.stages_of(session=session, workshop_id=wid)
    got: dict[tuple[int, str], list[int]] = defaultdict(list)
    for s in store.scores(session=session, workshop_id=wid):
        got[(s.stage_id, str(s.kind))].append(s.score)

    def curve(kind: ScoreKind) -> list[tuple[str, float, int]]:
        return [(st.label, sum(v) / len(v), st.id or 0) for st in stages
                if (v := got.get((st.id or 0, str(kind))))]

    current, ideal = curve(ScoreKind.CURRENT), curve(ScoreKind.IDEAL)
    notes: list[str] = []
    for kind, points in (("current", current), ("ideal", ideal)):
        if points and points[-1][1] <= LOW and points[-1][0] == stages[-1].label:
            notes.append(t(lang, f"coach-ends-low-{kind}", stage=points[-1][0],
                           score=_fmt(points[-1][1], lang)))
    moments = {e.stage_id for e in store.entries(session=session, workshop_id=wid,
                                                 kinds=[EntryKind.MOMENT])}
    by_stage = {sid: (label, mean) for label, mean, sid in current}
    by_stage.update({sid: (label, mean) for label, mean, sid in ideal})
    for sid in moments:
        if sid in by_stage and by_stage[sid][1] <= LOW:
            label, mean = by_stage[sid]
            notes.append(t(lang, "coach-moment-low", stage=label, score=_fmt(mean, lang)))
    means = [m for _, m, _ in ideal]
    if len(means) >= 3 and min(means) >= HIGH and max(means) - min(means) < FLAT:
        notes.append(t(lang, "coach-no-gap"))
    return notes
