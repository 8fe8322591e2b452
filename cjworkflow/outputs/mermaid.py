"""The journey as a Mermaid `journey` diagram: one section per stage, scored by emotion.

A journey diagram is unquoted text (`title …`, `section …`, `Task: score: actor, actor`), so
each field writes the characters that would end or break it as Mermaid's entity codes
(#58; for a colon); line breaks become spaces and control characters and bidi overrides go.
"""

from __future__ import annotations

import math

from cjworkflow.i18n import t
from cjworkflow.i18n.fmt import clip, named_words
from cjworkflow.safety.text import plain
from cjworkflow.snapshot import StageView, WorkshopSnapshot

NEUTRAL = 3  # the score of a stage nobody has scored yet
INDENT = "    "
# Which characters each field cannot hold as they are: ";" ends a statement anywhere, "#"
# starts a comment (and an entity code), "%%" a comment, ":" separates a task's parts and
# "," its actors (kept out of task names too: some renderers split them on it). "<" and ">"
# go too: a renderer that draws labels as HTML gets no tag.
_TITLE = ";#%<>"
_SECTION = ";:#%<>"
_TASK = ";:,#%<>"
_ACTOR = ";:,#%<>"


def escape(text: str, unsafe: str) -> str:
    """text on one line, cleaned, with every character of unsafe as an entity code (#58;)."""
    flat = plain(text)
    return "".join(f"#{ord(c)};" if c in unsafe else c for c in flat)


def score(stage: StageView) -> int:
    """The stage's mean current emotion rounded half up to 1-5 (neutral 3 without scores)."""
    mean = stage.mean
    if mean is None:
        return NEUTRAL
    return min(5, max(1, math.floor(mean + 0.5)))


def _task(name: str, value: int, actors: list[str]) -> str:
    who = ", ".join(escape(a, _ACTOR) for a in actors)
    return f"{INDENT * 2}{escape(name, _TASK)}: {value}: {who}"


def _method_tasks(stage: StageView, lang: str) -> tuple[list[str], list[str]]:
    """The stage's scenario (first) and its thoughts, pains and named emotions (after what the
    customer does), as task names marked with what they are: "Pijn — …"."""

    def marked(key: str, texts: tuple[str, ...] | list[str]) -> list[str]:
        return [t(lang, key, text=clip(text, 500)) for text in texts if plain(text)]

    named = named_words(stage.named_emotions())
    return (marked("mermaid-scenario", stage.scenarios),
            marked("mermaid-thought", stage.thoughts) + marked("mermaid-pain", stage.pains)
            + marked("mermaid-emotion", [named] if named else []))


def journey(snap: WorkshopSnapshot, lang: str) -> bytes:
    """The Mermaid text per stage: its scenario, touchpoints, what the customer does and
    thinks, its pains and named emotions, each task scored with the stage's emotion."""
    # A touchpoint's actor is its channel; what the customer does has the stage's channels as
    # actors; either falls back to "team". A stage with neither gets one task, its own name.
    team = t(lang, "mermaid-team")
    title = escape(snap.title, _TITLE) or escape(t(lang, "render-map-untitled"), _TITLE)
    out = ["journey", f"{INDENT}title {title}"]
    for stage in snap.stages:
        value = score(stage)
        section = escape(stage.label, _SECTION) or str(stage.position + 1)
        out.append(f"{INDENT}section {section}")
        channels = list(dict.fromkeys(c.strip() for _, c in stage.touchpoints
                                      if c and c.strip()))
        tasks = [(text, [channel.strip()] if channel and channel.strip() else [team])
                 for text, channel in stage.touchpoints]
        tasks += [(text, channels or [team]) for text in stage.user_actions]
        tasks = [(text, actors) for text, actors in tasks if escape(text, _TASK)]
        first, last = _method_tasks(stage, lang)
        tasks = [(x, [team]) for x in first] + tasks + [(x, [team]) for x in last]
        if not tasks:
            tasks = [(stage.label or section, [team])]
        out += [_task(text, value, actors) for text, actors in tasks]
    return ("\n".join(out) + "\n").encode("utf-8")
