"""Stage models: the horizontal axis of the journey map."""

from __future__ import annotations

from collections.abc import Sequence

from cjworkflow.i18n import t
from cjworkflow.limits import MAX_MESSAGE, MAX_STAGE_LABEL, MAX_STAGES, MIN_STAGES
from cjworkflow.reading.lines import clean_text

__all__ = ["ALIASES", "MAX_STAGES", "MAX_STAGE_LABEL", "MIN_STAGES", "MODELS", "StageModelError",
           "describe", "label", "labels_for", "model_keys", "parse_model"]

# Five phases (see-think-do-care-love) and seven phases, as in METHOD.md.
MODELS: dict[str, tuple[str, ...]] = {
    "five": ("awareness", "consideration", "purchase", "service", "loyalty"),
    "seven": ("awareness", "discovery", "interest", "consideration", "action", "use", "advocacy"),
}
ALIASES = {"5": "five", "vijf": "five", "five": "five", "7": "seven", "zeven": "seven",
           "seven": "seven"}


class StageModelError(ValueError):
    """A stage list the user must fix; key is a message id."""

    def __init__(self, key: str, **args: object) -> None:
        super().__init__(key)
        self.key = key
        self.args_ = args


def model_keys(model: str) -> tuple[str, ...]:
    """The stage keys of a predefined model."""
    return MODELS[model]


def label(model: str, key: str | None, custom_label: str, lang: str) -> str:
    """A stage's label in lang: translated for predefined models, as typed for custom ones."""
    if key and model in MODELS:
        return t(lang, f"stage-{model}-{key}")
    return custom_label


def labels_for(model: str, lang: str) -> list[str]:
    """All labels of a predefined model in lang."""
    return [t(lang, f"stage-{model}-{k}") for k in MODELS[model]]


def parse_model(text: str) -> tuple[str, list[str]]:
    """'5', '7' or a comma-separated custom list -> (model, custom labels)."""
    raw = text.strip()
    alias = ALIASES.get(raw.casefold())
    if alias:
        return alias, []
    if len(raw) > MAX_MESSAGE:
        raise StageModelError("stages-too-many", max=MAX_STAGES)
    # Labels are cleaned as entry lines are: cards and maps show them as stored.
    parts = [clean_text(p) for p in raw.replace(";", ",").replace("·", ",").split(",")]
    parts = [p for p in parts if p]
    if len(parts) < MIN_STAGES:
        raise StageModelError("stages-too-few", min=MIN_STAGES)
    if len(parts) > MAX_STAGES:
        raise StageModelError("stages-too-many", max=MAX_STAGES)
    if any(len(p) > MAX_STAGE_LABEL for p in parts):
        raise StageModelError("stages-label-too-long", max=MAX_STAGE_LABEL)
    if len({p.casefold() for p in parts}) != len(parts):
        raise StageModelError("stages-duplicate")
    return "custom", parts


def describe(labels: Sequence[str]) -> str:
    """Stage labels joined for display."""
    return " · ".join(labels)
