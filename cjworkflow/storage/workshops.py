"""Repository functions of workshops as a whole: creation, join codes, stages, the chat
they are bound to, finishing: keyword-only, each taking the caller's session."""

from __future__ import annotations

import secrets
from collections.abc import Sequence

from sqlalchemy import func
from sqlmodel import Session, col, select

from cjworkflow.steps import stages as stage_models
from cjworkflow.storage.models import (
    ChatCard,
    EmotionScore,
    Entry,
    Member,
    Person,
    PersonaScore,
    Role,
    Stage,
    Workshop,
    WorkshopStatus,
)
from cjworkflow.storage.store import touch

JOIN_CODE_BYTES = 12  # 96 bits: unguessable, and short enough for a deep link


def new_join_code() -> str:
    """A fresh, unguessable join code (URL-safe, deep-link-safe)."""
    return secrets.token_urlsafe(JOIN_CODE_BYTES)


def create_workshop(
    *, session: Session, title: str, creator: Person, language: str, timezone: str,
    chat_ref: str | None, stage_model: str = "five", custom: Sequence[str] = (),
) -> tuple[Workshop, Member]:
    """A new workshop with its stages and its creator as facilitator."""
    workshop = Workshop(
        title=title, language=language, timezone=timezone, stage_model=stage_model,
        join_code=new_join_code(), chat_ref=chat_ref, created_by=creator.id,
    )
    session.add(workshop)
    session.flush()
    assert workshop.id is not None
    set_stages(session=session, workshop=workshop, model=stage_model, custom=custom)
    member = Member(workshop_id=workshop.id, person_id=creator.id or 0, role=Role.FACILITATOR)
    session.add(member)
    session.flush()
    return workshop, member


def stages_of(*, session: Session, workshop_id: int) -> list[Stage]:
    """A workshop's stages in order."""
    return list(session.exec(
        select(Stage).where(Stage.workshop_id == workshop_id).order_by(col(Stage.position))
    ).all())


def stage_usage(*, session: Session, stage_id: int) -> int:
    """How many entries and scores hang on a stage."""
    n = session.exec(
        select(func.count()).select_from(Entry).where(Entry.stage_id == stage_id)
    ).one()
    for model in (EmotionScore, PersonaScore):
        n += session.exec(
            select(func.count()).select_from(model).where(model.stage_id == stage_id)
        ).one()
    return int(n)


def set_stages(
    *, session: Session, workshop: Workshop, model: str, custom: Sequence[str] = ()
) -> list[Stage]:
    """Give the workshop a stage model; keeps stages by position so no entry is lost.

    Raises StageModelError when a stage that would disappear still holds entries.
    """
    assert workshop.id is not None
    keys: list[str | None]
    labels: list[str]
    if model == "custom":
        keys, labels = [None] * len(custom), list(custom)
    else:
        keys = list(stage_models.model_keys(model))
        labels = stage_models.labels_for(model, workshop.language)
    existing = stages_of(session=session, workshop_id=workshop.id)
    for extra in existing[len(keys):]:
        used = stage_usage(session=session, stage_id=extra.id or 0)
        if used:
            raise stage_models.StageModelError("stages-would-lose", stage=extra.label, count=used)
    for extra in existing[len(keys):]:
        session.delete(extra)
    session.flush()
    result: list[Stage] = []
    for position, (key, label) in enumerate(zip(keys, labels, strict=True)):
        if position < len(existing):
            stage = existing[position]
            stage.key, stage.label = key, label
        else:
            stage = Stage(workshop_id=workshop.id, position=position, key=key, label=label)
            session.add(stage)
        result.append(stage)
    workshop.stage_model = model
    workshop.focus_stage = min(workshop.focus_stage, len(result) - 1)
    session.flush()
    return result


def relabel_stages(*, session: Session, workshop: Workshop) -> None:
    """Translate predefined stage labels after a language change."""
    for stage in stages_of(session=session, workshop_id=workshop.id or 0):
        stage.label = stage_models.label(workshop.stage_model, stage.key, stage.label,
                                         workshop.language)


def workshop_for_chat(*, session: Session, chat_ref: str, lock: bool = False) -> Workshop | None:
    """The most recent workshop bound to a group chat (locked for this transaction if lock)."""
    q = select(Workshop).where(Workshop.chat_ref == chat_ref).order_by(col(Workshop.id).desc())
    if lock:
        q = q.with_for_update()
    return session.exec(q).first()


def workshop_by_code(*, session: Session, code: str) -> Workshop | None:
    """A workshop by its join code."""
    return session.exec(select(Workshop).where(Workshop.join_code == code.strip())).first()


def finish(workshop: Workshop) -> None:
    """Mark the workshop finished."""
    workshop.status = WorkshopStatus.FINISHED
    touch(workshop)


def move_chat(*, session: Session, old_ref: str, new_ref: str) -> int:
    """A chat got a new reference (a group became a supergroup): its workshops follow."""
    moved = 0
    for ws in session.exec(select(Workshop).where(Workshop.chat_ref == old_ref)).all():
        ws.chat_ref = new_ref
        moved += 1
    for card in session.exec(select(ChatCard).where(ChatCard.chat_ref == old_ref)).all():
        session.delete(card)  # the old chat's messages cannot be edited from the new one
    return moved
