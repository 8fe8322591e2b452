"""Produces an attachment's bytes (render or export); safe to run in a worker process."""

from __future__ import annotations

import re
from dataclasses import dataclass

from cjworkflow import exports
from cjworkflow.messages import Attachment

KINDS = {
    "map": ("journey-map", "png", "image/png"),
    "matrix": ("priority-matrix", "png", "image/png"),
    "csv": ("action-plan", "csv", "text/csv"),
    "json": ("workshop", "json", "application/json"),
    "markdown": ("summary", "md", "text/markdown"),
}


@dataclass(frozen=True)
class Produced:
    """A finished file: its name, bytes and MIME type; is_image for photos."""

    filename: str
    data: bytes
    mime: str

    @property
    def is_image(self) -> bool:
        return self.mime.startswith("image/")


def slug(title: str) -> str:
    """A file-name-safe short form of a title."""
    s = re.sub(r"[^\w]+", "-", title.lower(), flags=re.UNICODE).strip("-")
    return s[:40] or "workshop"


def produce(att: Attachment) -> Produced:
    """Render or export one attachment."""
    stem, ext, mime = KINDS[att.kind]
    snap, lang = att.snapshot, att.lang
    if att.kind == "map":
        from cjworkflow.render import render_journey_map

        data = render_journey_map(snap, lang)
    elif att.kind == "matrix":
        from cjworkflow.render import render_matrix

        data = render_matrix(snap, lang)
    elif att.kind == "csv":
        data = exports.actions_csv(snap, lang)
    elif att.kind == "json":
        data = exports.workshop_json(snap)
    else:
        data = exports.markdown(snap, lang)
    return Produced(f"{slug(snap.title)}-{stem}.{ext}", data, mime)
