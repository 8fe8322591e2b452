"""Step 4, touchpoints: a line is "[stage:] text [channel]"; every stage should get one."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from cjworkflow.reading import parsing
from cjworkflow.reading.dates import ParseError
from cjworkflow.reading.lines import prepare_line
from cjworkflow.steps.base import PlainEntry, Progress, Stages, Step
from cjworkflow.storage.models import Entry, EntryKind

# Asked of a touchpoint typed without a stage.
ASK_STAGE = "touchpoint_stage"


@dataclass(frozen=True)
class TouchpointInput:
    text: str
    stage: int | None
    channel: str | None


_CHANNEL_FIELD = re.compile(r"(?:kanaal|channel)\s*[:=]?\s*(.*)", re.I | re.S)
_CHANNEL_INLINE = re.compile(r"\s*[;,]?\s*\b(?:kanaal|channel)\s*[:=]\s*(.*)$", re.I | re.S)


def parse_touchpoint(line: str, stages: Sequence[str]) -> TouchpointInput:
    """A touchpoint from "[stage]: text [| channel]" or "text; kanaal: channel"."""
    stage, rest = parsing.split_stage_prefix(prepare_line(line), stages)
    segments = [s.strip() for s in rest.split("|")]
    text, channels = segments[0], []
    inline = _CHANNEL_INLINE.search(text)
    if inline:
        text = text[: inline.start()].strip()
        channels.append(inline[1].strip())
    for segment in segments[1:]:
        field = _CHANNEL_FIELD.fullmatch(segment)
        channels.append((field[1] if field else segment).strip())
    if not text:
        raise ParseError("parse-empty")
    return TouchpointInput(text=text, stage=stage,
                           channel=", ".join(c for c in channels if c) or None)


def read(line: str, stages: Stages, focus: int) -> PlainEntry:
    """A touchpoint line; without a stage it is stored and the member asked for one."""
    tp = parse_touchpoint(line, [label for _, label in stages])
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
