"""Everything stored about one person: collected for /mydata, erased for /forget.

A person's data lives in these places (see models.py): the Person row (name, @handle,
Telegram id, language, whether the bot may write privately, the active workshop), their
Member rows (role and joining time per workshop), the entries and actions they wrote
(author_id, and source_ref, which holds the chat and message the text came from: in a
private chat that is their Telegram id), the actions they own (owner_id) with the reminders
sent or scheduled for them, their emotion scores, their open follow-up questions, the
workshops they created (created_by) and the living-card pointer of their private chat
(ChatCard.chat_ref is their private chat's id), and the survey responses they gave as a
customer (storage/surveys.py: scores, notes, a comment). Update receipts hold only Telegram's update
number, nothing about the person.

Pure functions over the caller's Session; the handlers in handlers_admin.py stay thin.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from sqlmodel import Session, col, select

from cjworkflow.facilitation.personal import marks_of
from cjworkflow.members import rules
from cjworkflow.storage import persons, store, surveys
from cjworkflow.storage.models import (
    Action,
    ChatCard,
    EmotionScore,
    Entry,
    Member,
    PendingQuestion,
    Person,
    PersonaScore,
    Reminder,
    Role,
    Stage,
    Workshop,
)

FORMAT = "cjbot-mydata"
VERSION = 1
FILENAME = "cjbot-mydata.json"
# What an erased entry's or action's source reference becomes: unique, and no chat or id.
ERASED_REF = "erased:{kind}{id}"


def name_of(person: Person) -> str:
    """How the bot names a person to others: their @handle when known."""
    return f"@{person.handle}" if person.handle else person.display_name


@dataclass(frozen=True)
class Handoff:
    """What erasing a person does to one of their workshops."""

    workshop_id: int
    title: str
    # The member who becomes facilitator; None: nobody else takes part, the workshop goes.
    successor: Member | None
    successor_person: Person | None

    @property
    def deletes(self) -> bool:
        """Whether the workshop is deleted (no other member is left)."""
        return self.successor is None


@dataclass(frozen=True)
class Footprint:
    """How much is stored about a person, and what erasing them does to their workshops."""

    workshops: int
    entries: int
    actions_written: int
    actions_owned: int
    scores: int
    reminders: int
    created: int
    handoffs: tuple[Handoff, ...] = ()
    responses: int = 0  # survey responses given as a customer

    @property
    def empty(self) -> bool:
        """Nothing but the person row itself (no membership, nothing written or created)."""
        return not (self.workshops or self.entries or self.actions_written
                    or self.actions_owned or self.scores or self.created or self.responses)


@dataclass
class Erased:
    """What an erasure did."""

    entries_kept: int = 0
    entries_deleted: int = 0
    actions_deleted: int = 0
    actions_unowned: int = 0
    scores_deleted: int = 0
    reminders_deleted: int = 0
    responses_deleted: int = 0
    # (workshop, new facilitator) for every workshop that got a new facilitator.
    promoted: list[tuple[Workshop, Person]] = field(default_factory=list)
    deleted_titles: list[str] = field(default_factory=list)
    # Workshops that remain and changed (their cards and renders must refresh).
    touched: list[Workshop] = field(default_factory=list)


def memberships(session: Session, person_id: int) -> list[tuple[Workshop, Member]]:
    """The person's workshops with their membership, oldest first."""
    return list(reversed(persons.workshops_of(session=session, person_id=person_id)))


def _ids(rows: Sequence[tuple[Workshop, Member]]) -> list[int]:
    return [m.id or 0 for _, m in rows]


def _entries(session: Session, member_ids: list[int]) -> list[Entry]:
    return list(session.exec(select(Entry).where(col(Entry.author_id).in_(member_ids))
                             .order_by(col(Entry.id))).all())


def _actions_written(session: Session, member_ids: list[int]) -> list[Action]:
    return list(session.exec(select(Action).where(col(Action.author_id).in_(member_ids))
                             .order_by(col(Action.id))).all())


def _actions_owned(session: Session, member_ids: list[int]) -> list[Action]:
    return list(session.exec(select(Action).where(col(Action.owner_id).in_(member_ids))
                             .order_by(col(Action.id))).all())


def _scores(session: Session, member_ids: list[int]) -> list[EmotionScore | PersonaScore]:
    """A member's scores: for the team's curve and, per target persona, for its own."""
    team: list[EmotionScore | PersonaScore] = list(session.exec(select(EmotionScore).where(
        col(EmotionScore.member_id).in_(member_ids)).order_by(col(EmotionScore.id))).all())
    return team + list(session.exec(select(PersonaScore).where(
        col(PersonaScore.member_id).in_(member_ids)).order_by(col(PersonaScore.id))).all())


def _reminders(session: Session, action_ids: list[int]) -> list[Reminder]:
    return list(session.exec(select(Reminder).where(col(Reminder.action_id).in_(action_ids))
                             .order_by(col(Reminder.fire_at), col(Reminder.id))).all())


def _created(session: Session, person_id: int) -> list[Workshop]:
    return list(session.exec(select(Workshop).where(Workshop.created_by == person_id)
                             .order_by(col(Workshop.id))).all())


def handoffs(session: Session, rows: Sequence[tuple[Workshop, Member]]) -> list[Handoff]:
    """Per workshop, who takes over when the person leaves it without a facilitator."""
    out: list[Handoff] = []
    for ws, mine in rows:
        # Only a current member can take over: never a name or someone who was removed.
        others = [(m, p) for m, p in persons.members_with_people(session=session,
                                                                 workshop_id=ws.id or 0)
                  if m.id != mine.id and rules.active(m)]
        if not others:
            out.append(Handoff(ws.id or 0, ws.title, None, None))
            continue
        if any(m.role == Role.FACILITATOR for m, _ in others):
            continue  # another facilitator steers on
        # The member who joined first takes over; someone the bot knows (a Telegram identity)
        # before a person only named by @handle.
        m, p = sorted(others, key=lambda mp: (mp[1].external_id is None, mp[0].id or 0))[0]
        out.append(Handoff(ws.id or 0, ws.title, m, p))
    return out


def footprint(session: Session, person: Person) -> Footprint:
    """How much is stored about person, and what erasing them does to their workshops."""
    rows = memberships(session, person.id or 0)
    mids = _ids(rows)
    owned = _actions_owned(session, mids) if mids else []
    return Footprint(
        workshops=len(rows),
        entries=len(_entries(session, mids)) if mids else 0,
        actions_written=len(_actions_written(session, mids)) if mids else 0,
        actions_owned=len(owned),
        scores=len(_scores(session, mids)) if mids else 0,
        reminders=len(_reminders(session, [a.id or 0 for a in owned])) if owned else 0,
        created=len(_created(session, person.id or 0)),
        handoffs=tuple(handoffs(session, rows)),
        responses=len(surveys.of_person(session=session, person_id=person.id or 0)),
    )


# --- /mydata ---------------------------------------------------------------------------------

def _iso(value: date | time | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _action(a: Action, titles: dict[int, str], stages: dict[int, str]) -> dict[str, Any]:
    return {"workshop": titles.get(a.workshop_id), "title": a.title, "impact": a.impact,
            "effort": a.effort, "due_date": _iso(a.due_date), "due_time": _iso(a.due_time),
            "stage": stages.get(a.stage_id or 0), "status": a.status,
            "blocked_reason": a.blocked_reason, "done_at": _iso(a.done_at),
            "created_at": _iso(a.created_at)}


def collect(session: Session, person: Person, now: datetime) -> dict[str, Any]:
    """Everything stored about person, as a JSON-ready dict (no other person's data)."""
    rows = memberships(session, person.id or 0)
    mids = _ids(rows)
    titles = {ws.id or 0: ws.title for ws, _ in rows}
    workshop_ids = list(titles)
    stages = {s.id or 0: s.label for s in session.exec(
        select(Stage).where(col(Stage.workshop_id).in_(workshop_ids))).all()} if rows else {}
    entries = _entries(session, mids) if mids else []
    scores = _scores(session, mids) if mids else []
    personas = {e.id: e.text for e in session.exec(select(Entry).where(
        col(Entry.id).in_([s.persona_id for s in scores if isinstance(s, PersonaScore)])))}
    owned = _actions_owned(session, mids) if mids else []
    written = _actions_written(session, mids) if mids else []
    reminders = _reminders(session, [a.id or 0 for a in owned]) if owned else []
    pending = list(session.exec(select(PendingQuestion).where(
        col(PendingQuestion.member_id).in_(mids)).order_by(col(PendingQuestion.id))).all()) \
        if mids else []
    by_action = {a.id: a for a in owned}
    active = session.get(Workshop, person.active_workshop_id) \
        if person.active_workshop_id else None
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": now.isoformat(),
        "person": {
            "display_name": person.display_name, "handle": person.handle,
            "telegram_id": person.external_id, "language": person.language,
            "bot_may_write_privately": person.private_chat_ok,
            "active_workshop": active.title if active is not None else None,
            "first_seen": _iso(person.created_at),
        },
        "memberships": [
            {"workshop": ws.title, "role": m.role, "joined_at": _iso(m.joined_at),
             "workshop_status": ws.status, "workshop_created_at": _iso(ws.created_at)}
            for ws, m in rows
        ],
        "workshops_created": [ws.title for ws in _created(session, person.id or 0)],
        "entries": [
            {"workshop": titles.get(e.workshop_id), "kind": e.kind, "step": e.step,
             "stage": stages.get(e.stage_id or 0), "text": e.text, "detail": e.detail,
             "goal": e.goal, "channel": e.channel, "created_at": _iso(e.created_at)}
            for e in entries
        ],
        "emotion_scores": [
            {"workshop": titles.get(s.workshop_id), "stage": stages.get(s.stage_id),
             "kind": s.kind, "score": s.score, "word": s.word,
             "persona": personas.get(s.persona_id) if isinstance(s, PersonaScore) else None,
             "created_at": _iso(s.created_at)}
            for s in scores
        ],
        "actions_owned": [_action(a, titles, stages) for a in owned],
        "actions_written": [_action(a, titles, stages) for a in written],
        "reminders": [
            {"action": by_action[r.action_id].title if r.action_id in by_action else None,
             "kind": r.kind, "fire_at": _iso(r.fire_at), "sent_at": _iso(r.sent_at),
             "late": r.late}
            for r in reminders
        ],
        "open_questions": [
            {"workshop": titles.get(q.workshop_id), "field": q.field,
             "asked_at": _iso(q.created_at)}
            for q in pending
        ],
        "votes_and_estimates": marks_of(session, mids, titles),
        "survey_responses": surveys.personal(session=session, person_id=person.id or 0),
    }


def to_json(data: dict[str, Any]) -> bytes:
    """A /mydata document as indented UTF-8 JSON (accents and emoji kept readable)."""
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


# --- /forget ---------------------------------------------------------------------------------

def _lock(session: Session, workshop_ids: list[int]) -> None:
    """Lock the person's workshops in id order: their changes serialise with this erasure."""
    if workshop_ids:
        session.exec(select(Workshop.id).where(col(Workshop.id).in_(workshop_ids))
                     .order_by(col(Workshop.id)).with_for_update()).all()


def _drop_pending_about(session: Session, prefix: str, target_id: int) -> None:
    store.drop_pending_for_target(session=session, field_prefix=prefix, target_id=target_id)


def erase(session: Session, person: Person, *, keep_entries: bool) -> Erased:
    """Erase person everywhere; their entries stay anonymous (keep_entries) or are deleted.

    Their emotion scores are deleted either way (a personal opinion, and in a small team an
    "anonymous" score is easily traced back); the actions they own stay, without an owner,
    and every reminder about those actions goes. Actions they wrote are entries too, except
    that one someone else owns stays (without its author): it is that person's task now.
    """
    out = Erased()
    rows = memberships(session, person.id or 0)
    _lock(session, sorted(ws.id or 0 for ws, _ in rows))
    mids = _ids(rows)
    plan = handoffs(session, rows)
    if mids:
        for e in _entries(session, mids):
            if keep_entries:
                e.author_id = None
                e.source_ref = ERASED_REF.format(kind="e", id=e.id)
                out.entries_kept += 1
            else:
                _drop_pending_about(session, "touchpoint", e.id or 0)
                session.delete(e)
                out.entries_deleted += 1
        owned = _actions_owned(session, mids)
        owned_ids = {a.id for a in owned}
        for r in _reminders(session, [a.id or 0 for a in owned]):
            session.delete(r)
            out.reminders_deleted += 1
        for a in owned:
            a.owner_id = None
            out.actions_unowned += 1
        for a in _actions_written(session, mids):
            # Her own actions lost their owner just above: only another owner is left here.
            someone_elses = a.owner_id is not None and a.owner_id not in mids
            if keep_entries or someone_elses:
                a.author_id = None
                a.source_ref = ERASED_REF.format(kind="a", id=a.id)
            else:
                _drop_pending_about(session, "action", a.id or 0)
                for r in _reminders(session, [a.id or 0]):
                    session.delete(r)
                session.delete(a)
                out.actions_deleted += 1
                if a.id in owned_ids:
                    out.actions_unowned -= 1  # deleted, not left without an owner
        for s in _scores(session, mids):
            session.delete(s)
            out.scores_deleted += 1
        for q in session.exec(select(PendingQuestion).where(
                col(PendingQuestion.member_id).in_(mids))).all():
            session.delete(q)
        # Nothing may point at the memberships any more when they go.
        session.flush()
    gone = {h.workshop_id for h in plan if h.deletes}
    for h in plan:
        if h.successor is not None and h.successor_person is not None:
            h.successor.role = Role.FACILITATOR
    for _, m in rows:
        session.delete(m)
    for ws in _created(session, person.id or 0):
        ws.created_by = None
    session.flush()
    for ws, _ in rows:
        if ws.id in gone:
            out.deleted_titles.append(ws.title)
            session.delete(ws)
        else:
            store.touch(ws)  # renders are cached per version: no old name may be served
            out.touched.append(ws)
    out.promoted = [(ws, h.successor_person) for h in plan for ws, _ in rows
                    if ws.id == h.workshop_id and h.successor_person is not None]
    if person.external_id:
        # A private chat's id is the person's Telegram id: its card pointers go too.
        for card in session.exec(select(ChatCard).where(
                ChatCard.chat_ref == person.external_id)).all():
            session.delete(card)
    out.responses_deleted = surveys.erase_person(session=session, person_id=person.id or 0)
    session.delete(person)
    session.flush()
    return out
