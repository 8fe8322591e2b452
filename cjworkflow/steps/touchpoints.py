"""Step 4, touchpoints: a line is "[stage:] text [channel]"; every stage should get one."""

from __future__ import annotations

from cjworkflow.reading import parsing
from cjworkflow.steps.base import PlainEntry, Progress, Stages, Step
from cjworkflow.storage.models import Entry, EntryKind

# Asked of a touchpoint typed without a stage.
ASK_STAGE = "touchpoint_stage"


def read(line: str, stages: Stages, focus: int) -> PlainEntry:
    """A touchpoint line; without a stage it is stored and the member asked for one."""
    tp = parsing.parse_touchpoint(line, [label for _, label in stages])
    if tp.stage is None:
        return PlainEntry(EntryKind.TOUCHPOINT, tp.text, {"channel": tp.channel}, ask=ASK_STAGE)
    return PlainEntry(EntryKind.TOUCHPOINT, tp.text,
                      {"channel": tp.channel, "stage_id": stages[tp.stage][0]})


def card_line(e: Entry, lang: str) -> str:
    """A touchpoint on the card: its text and channel."""
    return e.text + (f" [{e.channel}]" if e.channel else "")


def filled_stages(progress: Progress, st: Step) -> set[int | None]:
    """The ids of the stages holding an entry of st's kinds."""
    return {e.stage_id for e in progress.entries(st.kinds)}


def enough(progress: Progress, st: Step) -> bool:
    """Enough once every stage has a touchpoint."""
    filled = filled_stages(progress, st)
    return all(s in filled for s in progress.stage_ids())


STEP = Step(4, "touchpoints", (EntryKind.TOUCHPOINT,), "touchpoint", per_stage=True,
            read_staged=read, card_line=card_line, enough=enough,
            questions=frozenset({ASK_STAGE}))
