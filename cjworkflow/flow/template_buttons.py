"""The journey templates as buttons, one per row (below /new's question and on the welcome)."""

from __future__ import annotations

from cjworkflow.flow import buttons
from cjworkflow.messages import Button
from cjworkflow.steps import templates


def templates_offered(lang: str) -> list[list[Button]]:
    """A button per template: pressing one starts a workshop from it where it is pressed."""
    return [[buttons.make("📋 " + templates.title(key, lang), templates.PICK, 0, key)]
            for key in templates.KEYS]
