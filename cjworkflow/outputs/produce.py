"""Produces an attachment's bytes (render or export); safe to run in a worker process."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from cjworkflow.messages import Attachment
from cjworkflow.outputs import exports
from cjworkflow.snapshot import WorkshopSnapshot

KINDS = {
    "map": ("journey-map", "png", "image/png"),
    "matrix": ("priority-matrix", "png", "image/png"),
    "pdf": ("report-a4", "pdf", "application/pdf"),
    "pdf_a3": ("report-a3", "pdf", "application/pdf"),
    "xlsx": ("action-plan", "xlsx",
             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "csv": ("action-plan", "csv", "text/csv"),
    "plan": ("action-plan", "txt", "text/plain"),  # a long plan, as /actions shows it
    "ics": ("deadlines", "ics", "text/calendar"),
    "json": ("workshop", "json", "application/json"),
    "markdown": ("summary", "md", "text/markdown"),
    "mermaid": ("journey", "mmd", "text/plain"),  # no registered type for Mermaid
}

# What /export sends, in this order (the map and matrix come with /map and /actions).
EXPORT_KINDS = ("pdf", "xlsx", "csv", "ics", "markdown", "mermaid", "json")


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


def export_kinds(snap: WorkshopSnapshot) -> tuple[str, ...]:
    """EXPORT_KINDS worth sending for this workshop: no calendar without a deadline."""
    dated = any(a.due_date is not None for a in snap.actions)
    return tuple(k for k in EXPORT_KINDS if k != "ics" or dated)


def _json(att: Attachment) -> bytes:
    """The lossless transfer file when the attachment carries it, else the snapshot summary.

    The lossless export needs the database (members, authors, per-member scores), which a
    worker process has not got: the adapter reads it in its transaction and hands it over
    as Attachment.transfer (bytes from transfer.export_bytes, or the dict).
    """
    from cjworkflow.storage import transfer

    carried: Any = getattr(att, "transfer", None)
    if isinstance(carried, bytes):
        return carried
    if isinstance(carried, dict):
        return transfer.dumps(carried)
    return exports.workshop_json(att.snapshot)


def produce(att: Attachment) -> Produced:
    """Render or export one attachment."""
    if att.kind == "mydata":
        # A person's own data (personal_data.collect), carried as bytes: no workshop in it.
        from cjworkflow.storage.personal_data import FILENAME

        return Produced(FILENAME, att.transfer or b"{}", "application/json")
    stem, ext, mime = KINDS[att.kind]
    snap, lang = att.snapshot, att.lang
    if att.kind == "map":
        from cjworkflow.outputs.render import render_journey_map

        data = render_journey_map(snap, lang)
    elif att.kind == "matrix":
        from cjworkflow.outputs.render import render_matrix

        data = render_matrix(snap, lang)
    elif att.kind in ("pdf", "pdf_a3"):
        from cjworkflow.outputs.pdf import pdf_report

        data = pdf_report(snap, lang, "a3" if att.kind == "pdf_a3" else "a4")
    elif att.kind == "xlsx":
        from cjworkflow.outputs.xlsx import actions_xlsx

        data = actions_xlsx(snap, lang)
    elif att.kind == "csv":
        data = exports.actions_csv(snap, lang)
    elif att.kind == "ics":
        from cjworkflow.outputs.ics import actions_ics

        data = actions_ics(snap, lang)
    elif att.kind == "mermaid":
        from cjworkflow.outputs.mermaid import journey

        data = journey(snap, lang)
    elif att.kind == "json":
        data = _json(att)
    elif att.kind == "plan":
        data = att.transfer or b""  # made with the plan's messages (cards.plan_parts)
    else:
        data = exports.markdown(snap, lang)
    return Produced(f"{slug(snap.title)}-{stem}.{ext}", data, mime)
