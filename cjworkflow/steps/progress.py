"""A workshop's progress as the steps' "enough" rules read it, from the database."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session

from cjworkflow.storage import store, workshops
from cjworkflow.storage.models import Entry, EntryKind, ScoreKind


class StoredProgress:
    """The steps.base.Progress of one workshop; each question is one query, asked only when a
    step's rule needs it."""

    def __init__(self, session: Session, workshop_id: int) -> None:
        self.session = session
        self.workshop_id = workshop_id

    def entries(self, kinds: Sequence[EntryKind]) -> Sequence[Entry]:
        """The workshop's entries of these kinds."""
        return store.entries(session=self.session, workshop_id=self.workshop_id,
                             kinds=kinds)

    def stage_ids(self) -> list[int | None]:
        """The ids of the workshop's stages."""
        return [s.id for s in workshops.stages_of(session=self.session,
                                              workshop_id=self.workshop_id)]

    def scored_stages(self, kind: ScoreKind) -> set[int]:
        """The ids of the stages that have at least one score of this kind."""
        return {s.stage_id for s in store.scores(session=self.session,
                                                 workshop_id=self.workshop_id)
                if s.kind == kind}
