"""Journey templates (articles 003/004): a journey's title, stage model and example
touchpoints, to start a workshop from instead of a blank page. Everything stays editable.

The table holds only keys; the texts are in the catalogs in the method's own syntax:
template-<key>-title (the journey from the customer's side), template-<key>-stages (a
/stages list) and template-<key>-touchpoints (step 4's lines, "2: Text | channel").
"""

from __future__ import annotations

from collections.abc import Sequence

from cjworkflow.i18n import t
from cjworkflow.steps import stages as stage_models
from cjworkflow.steps.entries import PlainEntry, staged_entry
from cjworkflow.steps.template_keys import KEYS, LIST, PICK
from cjworkflow.steps.touchpoints import STEP as TOUCHPOINTS

__all__ = ["KEYS", "LIST", "PICK", "stage_labels", "title", "touchpoint_step", "touchpoints"]


def title(key: str, lang: str) -> str:
    """A template's journey title in lang."""
    return t(lang, f"template-{key}-title")


def stage_labels(key: str, lang: str) -> list[str]:
    """A template's stages in lang (a custom stage model, checked like /stages)."""
    model, labels = stage_models.parse_model(t(lang, f"template-{key}-stages"))
    if model != "custom":
        raise ValueError(f"template {key}: its stages are no custom list")
    return labels


def touchpoints(key: str, lang: str, stages: Sequence[tuple[int, str]]) -> list[PlainEntry]:
    """A template's example touchpoints, read by the touchpoint step as typed lines."""
    out = []
    for line in t(lang, f"template-{key}-touchpoints").split("\n"):
        entry = staged_entry(TOUCHPOINTS.parser, line, stages, 0) if line.strip() else None
        if entry is None:
            raise ValueError(f"template {key}: {line!r} is no touchpoint line")
        out.append(entry)
    return out


def touchpoint_step() -> int:
    """The step the example touchpoints belong to."""
    return TOUCHPOINTS.number
