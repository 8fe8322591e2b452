"""A plain, picklable read model of one workshop, for renderers and exports."""

from __future__ import annotations

import statistics
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

    @property
    def target_personas(self) -> tuple[PersonaView, ...]:
        """Personas marked as the map's target."""
        return tuple(p for p in self.personas if p.is_target)
