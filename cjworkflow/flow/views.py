"""Views (the verb table's VIEWS: /status, /map, /actions, /export): read without any lock.

A view records the asker only when they are new or their name changed (a short write), then
reads the workshop in a session that takes no lock and keeps no receipt, so a transport can
run it beside the updates that follow.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cjworkflow.errors import UserError
from cjworkflow.flow import verbs
from cjworkflow.flow.context import Ctx
from cjworkflow.i18n import normalise_lang, t
from cjworkflow.messages import Command, Reply
from cjworkflow.storage import persons
from cjworkflow.storage.db import reading, transaction
from cjworkflow.storage.models import Person

if TYPE_CHECKING:
    from cjworkflow.flow.engine import WorkshopEngine


def answer(engine: WorkshopEngine, cmd: Command) -> list[Reply]:
    """What a view shows; a user's mistake (no workshop, not a member) as a message."""
    lang = normalise_lang(cmd.actor.language, engine.default_language)
    ctx: Ctx | None = None
    try:
        for attempt in (1, 2):
            with reading(engine.read_db) as session:
                person = persons.person_by_external_id(session=session,
                                                       external_id=cmd.actor.external_id)
                if person is None or _stale(person, cmd):
                    if attempt == 2:
                        raise RuntimeError("the person was not recorded")
                    _record_person(engine, cmd)
                    continue
                lang = normalise_lang(person.language or cmd.actor.language,
                                      engine.default_language)
                ctx = Ctx(session, cmd, person, lang, engine.clock(), engine, read_only=True)
                return verbs.run(ctx)
    except UserError as e:
        lang = e.lang or (ctx.lang if ctx else lang)
        return [Reply(text=t(lang, e.key, **e.args_))]
    return []


def _record_person(engine: WorkshopEngine, cmd: Command) -> None:
    """Create or refresh the person behind a command (and note a private chat)."""
    with transaction(engine.db) as session:
        person = persons.upsert_person(session=session, actor=cmd.actor)
        if cmd.private and not person.private_chat_ok:
            person.private_chat_ok = True


def _stale(person: Person, cmd: Command) -> bool:
    """Whether the stored person needs the command's name, handle or private chat."""
    current = (person.display_name, person.handle)
    return (persons.refreshed(cmd.actor, display_name=person.display_name, handle=person.handle)
            != current or (cmd.private and not person.private_chat_ok))
