"""The customers' side of a workshop as plain, picklable data for renderers and exports."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from cjworkflow.limits.voice import DIFFER_BY


@dataclass(frozen=True)
class StageVoice:
    """What customers said about one stage: their scores (1-5) and notes, without names."""

    position: int
    label: str
    scores: tuple[int, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def mean(self) -> float | None:
        """The customers' mean score, or None without scores."""
        return statistics.fmean(self.scores) if self.scores else None

    @property
    def n(self) -> int:
        """How many customers scored it."""
        return len(self.scores)


@dataclass(frozen=True)
class CustomerVoice:
    """Every customer response of a workshop, summed up per stage."""

    responses: int
    stages: tuple[StageVoice, ...] = ()
    comments: tuple[str, ...] = ()

    def at(self, position: int) -> StageVoice | None:
        """The customers' view of the stage at position."""
        return next((s for s in self.stages if s.position == position), None)


def differs(team: float | None, customers: float | None) -> bool:
    """Whether team and customers see a stage differently (a point or more apart)."""
    return team is not None and customers is not None and abs(team - customers) >= DIFFER_BY


@dataclass(frozen=True)
class RoundStage:
    """One stage as a kept round saw it: team and customer means with counts."""

    position: int
    label: str
    team: float | None = None
    team_n: int = 0
    ideal: float | None = None
    customers: float | None = None
    customers_n: int = 0
    observations: tuple[str, ...] = ()


@dataclass(frozen=True)
class RoundView:
    """A finished round of the journey: its curves and the actions done in it."""

    number: int
    started_at: str  # ISO dates: kept as the round's summary wrote them
    ended_at: str
    stages: tuple[RoundStage, ...] = ()
    done: tuple[str, ...] = ()  # titles of the actions done during the round
    responses: int = 0

    def at(self, position: int) -> RoundStage | None:
        """The round's view of the stage at position (stages may have changed since)."""
        return next((s for s in self.stages if s.position == position), None)
