"""Anonymous mode in the lossless file: nobody's name tied to what they wrote or scored.

The rows stay importable: authors are left out, each stage's scores are handed to its
scorers in score order (the scores stay, who gave which does not), and people who own no
action become "participant N" (an owner's name is the plan's, not an authorship).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any


def unnamed(data: dict[str, Any]) -> dict[str, Any]:
    """A transfer dict (storage.transfer.export_workshop) with no authorship in it."""
    for row in (*data["entries"], *data["actions"]):
        row["author_id"] = None
    # A stage's scores (and each persona's) are dealt out among their scorers in score order,
    # so a score no longer says who gave it.
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
    for row in data["scores"]:
        groups["team", row["stage_id"], row["kind"]].append(row)
    for row in data.get("persona_scores", []):
        groups["persona", row["stage_id"], row["kind"], row["persona_id"]].append(row)
    for rows in groups.values():
        members = sorted(r["member_id"] for r in rows)
        first = min(str(r["created_at"]) for r in rows)
        for member_id, row in zip(members, sorted(rows, key=lambda r: r["score"]), strict=True):
            row["member_id"], row["created_at"] = member_id, first
    person_of = {m["id"]: m["person_id"] for m in data["members"]}
    owners = {person_of.get(a["owner_id"]) for a in data["actions"]}
    for n, person in enumerate(data["people"], 1):
        person["external_id"] = None  # even the asker's own: the file may travel
        if person["id"] not in owners:
            person["display_name"], person["handle"] = f"participant {n}", None
    return data
