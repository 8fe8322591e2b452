"""The priority matrix: quadrant thresholds and the plan order."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cjworkflow.steps.priority import ORDER, Quadrant, prioritise, quadrant


@dataclass(frozen=True)
class A:
    """A minimal rated action."""

    id: int | None
    impact: int | None
    effort: int | None
    due_date: date | None = None
    due_time: time | None = None


@pytest.mark.parametrize(
    ("impact", "effort", "expected"),
    [
        (5, 1, Quadrant.QUICK_WIN),
        (3, 2, Quadrant.QUICK_WIN),
        (3, 1, Quadrant.QUICK_WIN),
        (3, 3, Quadrant.MAJOR_PROJECT),
        (5, 5, Quadrant.MAJOR_PROJECT),
        (4, 3, Quadrant.MAJOR_PROJECT),
        (2, 2, Quadrant.FILL_IN),
        (1, 1, Quadrant.FILL_IN),
        (2, 3, Quadrant.THANKLESS),
        (1, 5, Quadrant.THANKLESS),
        (None, 1, Quadrant.UNRATED),
        (5, None, Quadrant.UNRATED),
        (None, None, Quadrant.UNRATED),
    ],
)
def test_quadrant_thresholds(impact: int | None, effort: int | None, expected: Quadrant) -> None:
    assert quadrant(impact, effort) is expected


def test_every_score_pair_maps_by_the_threshold_of_three() -> None:
    for impact in range(1, 6):
        for effort in range(1, 6):
            q = quadrant(impact, effort)
            assert (q in (Quadrant.QUICK_WIN, Quadrant.MAJOR_PROJECT)) == (impact >= 3)
            assert (q in (Quadrant.MAJOR_PROJECT, Quadrant.THANKLESS)) == (effort >= 3)


def test_quadrants_in_plan_order() -> None:
    actions = [A(1, None, 2), A(2, 1, 5), A(3, 2, 1), A(4, 5, 5), A(5, 4, 1)]
    ordered = prioritise(actions)
    assert [quadrant(a.impact, a.effort) for a in ordered] == list(ORDER)
    assert [a.id for a in ordered] == [5, 4, 3, 2, 1]


def test_within_a_quadrant_higher_impact_then_lower_effort() -> None:
    actions = [A(1, 3, 1), A(2, 5, 2), A(3, 5, 1), A(4, 4, 1)]
    assert [a.id for a in prioritise(actions)] == [3, 2, 4, 1]


def test_same_scores_earlier_deadline_first_and_no_deadline_last() -> None:
    actions = [
        A(1, 5, 1, None),
        A(2, 5, 1, date(2026, 12, 24)),
        A(3, 5, 1, date(2026, 11, 27)),
        A(4, 5, 1, date(2026, 11, 27), time(9, 0)),
    ]
    # A time on the same day comes before the same day without a time.
    assert [a.id for a in prioritise(actions)] == [4, 3, 2, 1]


def test_full_ties_break_on_id() -> None:
    actions = [A(9, 4, 2, date(2026, 12, 1)), A(3, 4, 2, date(2026, 12, 1)),
               A(5, 4, 2, date(2026, 12, 1))]
    assert [a.id for a in prioritise(actions)] == [3, 5, 9]


def test_unrated_actions_come_last_whatever_their_other_fields() -> None:
    actions = [A(1, 5, None, date(2026, 11, 23)), A(2, 1, 5, None)]
    assert [a.id for a in prioritise(actions)] == [2, 1]


def test_prioritise_leaves_its_input_alone() -> None:
    actions = [A(1, 1, 5), A(2, 5, 1)]
    prioritise(actions)
    assert [a.id for a in actions] == [1, 2]


scores = st.one_of(st.none(), st.integers(min_value=1, max_value=5))
rated = st.builds(
    A,
    id=st.integers(min_value=1, max_value=10_000),
    impact=scores,
    effort=scores,
    due_date=st.one_of(st.none(), st.dates(min_value=date(2026, 1, 1),
                                           max_value=date(2030, 12, 31))),
    due_time=st.one_of(st.none(), st.times()),
)


@given(st.lists(rated, max_size=40))
def test_prioritise_is_a_permutation_in_non_decreasing_quadrant_order(actions: list[A]) -> None:
    ordered = prioritise(actions)
    assert sorted(map(id, ordered)) == sorted(map(id, actions))
    ranks = [ORDER.index(quadrant(a.impact, a.effort)) for a in ordered]
    assert ranks == sorted(ranks)
    for before, after in pairwise(ordered):
        if quadrant(before.impact, before.effort) is quadrant(after.impact, after.effort):
            assert (before.impact or 0) >= (after.impact or 0)
