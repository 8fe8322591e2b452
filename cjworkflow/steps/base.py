"""What a step is: its row in the table and the behaviour its own module gives it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from cjworkflow.storage.models import Entry, EntryKind, ScoreKind


@dataclass(frozen=True)
class PlainEntry:
    """A line read as one entry: what to store (and, if set, the follow-up to ask for it)."""

    kind: EntryKind
    text: str
    extra: dict[str, Any]
    # A follow-up question field (e.g. a touchpoint without a stage asks for its stage).
    ask: str | None = None
    # The target persona the line names ("… | persona Senior"), resolved when stored.
    persona: str | None = None


@dataclass(frozen=True)
class Score:
    """A line read as an emotion score for a stage (None: the stage in focus)."""

    kind: ScoreKind
    score: int
    stage: int | None
    word: str | None = None  # the emotion named beside the score ("emotie 2 onrustig")
    persona: str | None = None  # the target persona it is given for ("| persona Senior")


class Progress(Protocol):
    """What "enough" is judged on; read only when a step asks (the queries cost time)."""

    def entries(self, kinds: Sequence[EntryKind]) -> Sequence[Entry]:
        """The workshop's entries of these kinds."""
        ...

    def stage_ids(self) -> list[int | None]:
        """The ids of the workshop's stages."""
        ...

    def scored_stages(self, kind: ScoreKind) -> set[int]:
        """The ids of the stages that have at least one score of this kind."""
        ...


# The stages a staged reader gets, as (id, label) in the map's order.
Stages = Sequence[tuple[int, str]]
PlainReader = Callable[[str], PlainEntry]
StagedReader = Callable[[str, Stages, int], "PlainEntry | Score"]


def text_line(e: Entry, lang: str) -> str:
    """An entry's card line when the step adds nothing to its text."""
    return e.text


def always_enough(progress: Progress, st: Step) -> bool:
    """Any entry at all is enough (the caller has checked there is one)."""
    return True


def focused_id(stages: Stages, focus: int) -> int | None:
    """The id of the stage in focus (the last one when focus is past the end)."""
    return stages[min(focus, len(stages) - 1)][0] if stages else None


@dataclass(frozen=True)
class Step:
    """One step: its number, catalog key, what an entry is, and its behaviour.

    Texts live in the catalogs as step-<key>-title/-prompt/-guide/-syntax/-example/-enough.
    Each step's module (goals.py … changes.py) declares its Step with its own readers.
    """

    number: int
    key: str
    # The entry kinds this step stores (for counts, undo and the card).
    kinds: tuple[EntryKind, ...]
    # The reader's name, kept for the entry paths that still pick a reader by it.
    parser: str
    # "Enough" is at least this many entries of the step's kinds ...
    min_entries: int = 1
    # ... and, for per-stage steps, something in every stage.
    per_stage: bool = False
    # Whether the step works through the stages one at a time (a stage in focus).
    staged: bool = False
    # Whether the step collects actions rather than entries.
    collects_actions: bool = False
    # Whether a line marks a persona as a target rather than storing an entry.
    picks_targets: bool = False
    # The score a stage gets in this step (its face buttons and "emotie 3" lines).
    score_kind: ScoreKind | None = None
    # How a line becomes an entry with nothing but the line (goals, personas, resources) ...
    read_plain: PlainReader | None = None
    # ... or given the stages and the focus (touchpoints, elements, walkthrough).
    read_staged: StagedReader | None = None
    # The entry kinds the card lists, when not the ones the step stores.
    shows: tuple[EntryKind, ...] | None = None
    # One entry's text on the card (the author is added by the card).
    card_line: Callable[[Entry, str], str] = text_line
    # When the step has enough to move on without a warning.
    enough: Callable[[Progress, Step], bool] = always_enough
    # The follow-up questions (PendingQuestion.field) that belong to this step.
    questions: frozenset[str] = field(default_factory=frozenset)

    @property
    def card_kinds(self) -> tuple[EntryKind, ...]:
        """The entry kinds the step's card lists."""
        return self.kinds if self.shows is None else self.shows
