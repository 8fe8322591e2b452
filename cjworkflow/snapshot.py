"""A plain, picklable read model of one workshop, for renderers and exports."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time

from cjworkflow.voice.view import CustomerVoice, RoundView


@dataclass(frozen=True)
class StageView:
    """One stage with everything the team put in it."""

    position: int
    label: str
    touchpoints: tuple[tuple[str, str | None], ...] = ()  # (text, channel)
    user_actions: tuple[str, ...] = ()
    pains: tuple[str, ...] = ()
    solutions: tuple[str, ...] = ()
    moments: tuple[str, ...] = ()
    observations: tuple[str, ...] = ()
    scores: tuple[int, ...] = ()  # current emotion, one per member
    ideal_scores: tuple[int, ...] = ()
    scenarios: tuple[str, ...] = ()
    thoughts: tuple[str, ...] = ()
    # The words members named beside their current score ("emotie 2 onrustig").
    emotion_words: tuple[str, ...] = ()
    # Per target persona (its name, the members' scores), when scores were given per persona.
    persona_scores: tuple[tuple[str, tuple[int, ...]], ...] = ()
    persona_ideal_scores: tuple[tuple[str, tuple[int, ...]], ...] = ()

    @property
    def mean(self) -> float | None:
        """Mean current emotion, or None without scores."""
        return statistics.fmean(self.scores) if self.scores else None

    @property
    def spread(self) -> float:
        """Population standard deviation of current scores (0 with fewer than two)."""
        return statistics.pstdev(self.scores) if len(self.scores) > 1 else 0.0

    @property
    def ideal(self) -> float | None:
        """Mean ideal emotion, or None."""
        return statistics.fmean(self.ideal_scores) if self.ideal_scores else None

    def persona_means(self, ideal: bool = False) -> list[tuple[str, float]]:
        """(persona, mean score) for each target persona scored in this stage."""
        pairs = self.persona_ideal_scores if ideal else self.persona_scores
        return [(name, statistics.fmean(scores)) for name, scores in pairs if scores]

    def named_emotions(self, most: int = 3) -> list[tuple[str, int]]:
        """The most named emotion words with how often, most first (case ignored)."""
        counts = Counter(w.casefold() for w in self.emotion_words)
        first: dict[str, str] = {}
        for w in self.emotion_words:
            first.setdefault(w.casefold(), w)
        return [(first[k], n) for k, n in counts.most_common(most)]


@dataclass(frozen=True)
class PersonaView:
    name: str
    description: str | None
    goal: str | None
    is_target: bool


@dataclass(frozen=True)
class ActionView:
    """An action as shown in plans: already ordered by priority in the snapshot."""

    number: int  # its place in the prioritised plan, 1-based
    title: str
    impact: int | None
    effort: int | None
    quadrant: str  # quick_win | major_project | fill_in | thankless | unrated
    owner: str | None
    due_date: date | None
    due_time: time | None
    status: str
    stage: str | None = None
    # The owner's display name when owner is their @handle: spreadsheets write "Anna (@anna)".
    owner_name: str | None = None
    # A team estimate spread two points or more: flagged "discuss" in the plan and matrix.
    discuss: bool = False
    stage_position: int | None = None  # the stage's place (0-based) when it has one
    goal: str | None = None  # the text of the step-1 goal it serves
    goal_number: int | None = None  # that goal's number (1-based)


@dataclass(frozen=True)
class WorkshopSnapshot:
    """Everything needed to draw or export a workshop, detached from the database."""

    id: int
    title: str
    language: str
    timezone: str
    stage_model: str
    current_step: int
    status: str
    created_at: datetime
    version: int
    stages: tuple[StageView, ...]
    goals: tuple[str, ...] = ()
    personas: tuple[PersonaView, ...] = ()
    resources_have: tuple[str, ...] = ()
    resources_need: tuple[str, ...] = ()
    actions: tuple[ActionView, ...] = ()
    members: tuple[str, ...] = field(default=())
    # What customers said (survey responses and imported scores); None without any.
    customers: CustomerVoice | None = None
    # Mapping again: the round this is (1 at first) and the rounds kept before it.
    round: int = 1
    rounds: tuple[RoundView, ...] = ()
    updated_at: datetime | None = None  # the last change, for the map's footer

    @property
    def target_personas(self) -> tuple[PersonaView, ...]:
        """Personas marked as the map's target."""
        return tuple(p for p in self.personas if p.is_target)
