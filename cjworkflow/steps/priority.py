"""The action priority matrix: impact against effort, quick wins first."""

from __future__ import annotations

from datetime import date, time
from enum import StrEnum
from typing import Protocol, TypeVar

# An action is "high impact" at impact >= 3 and "high effort" at effort >= 3 (scales 1-5),
# so a medium/medium action counts as a major project: it deserves a plan, not a whim.
HIGH_IMPACT = 3
HIGH_EFFORT = 3


class Quadrant(StrEnum):
    QUICK_WIN = "quick_win"
    MAJOR_PROJECT = "major_project"
    FILL_IN = "fill_in"
    THANKLESS = "thankless"
    UNRATED = "unrated"


ORDER = (Quadrant.QUICK_WIN, Quadrant.MAJOR_PROJECT, Quadrant.FILL_IN, Quadrant.THANKLESS,
         Quadrant.UNRATED)
ICONS = {
    Quadrant.QUICK_WIN: "⚡",
    Quadrant.MAJOR_PROJECT: "🏗",
    Quadrant.FILL_IN: "🧩",
    Quadrant.THANKLESS: "🚫",
    Quadrant.UNRATED: "❔",
}


def quadrant(impact: int | None, effort: int | None) -> Quadrant:
    """The quadrant of an action; unrated while impact or effort is missing."""
    if impact is None or effort is None:
        return Quadrant.UNRATED
    high_impact = impact >= HIGH_IMPACT
    high_effort = effort >= HIGH_EFFORT
    if high_impact:
        return Quadrant.MAJOR_PROJECT if high_effort else Quadrant.QUICK_WIN
    return Quadrant.THANKLESS if high_effort else Quadrant.FILL_IN


class Rated(Protocol):
    @property
    def impact(self) -> int | None: ...
    @property
    def effort(self) -> int | None: ...
    @property
    def due_date(self) -> date | None: ...
    @property
    def due_time(self) -> time | None: ...
    @property
    def id(self) -> int | None: ...


def sort_key(action: Rated) -> tuple[int, int, int, date, time, int]:
    """Quadrant order, then higher impact, lower effort, earlier deadline, then age."""
    q = ORDER.index(quadrant(action.impact, action.effort))
    return (
        q,
        -(action.impact or 0),
        action.effort or 99,
        action.due_date or date.max,
        action.due_time or time.max,
        action.id or 0,
    )


T = TypeVar("T", bound=Rated)


def prioritise(actions: list[T]) -> list[T]:
    """Actions in plan order: quick wins first."""
    return sorted(actions, key=sort_key)
