"""The verb table: which handler answers which verb (every adapter's commands end here)."""

from __future__ import annotations

from cjworkflow.flow.engine import Handler
from cjworkflow.flow.handlers import (
    on_actions,
    on_back,
    on_card,
    on_export,
    on_finish,
    on_help,
    on_join,
    on_map,
    on_new,
    on_next,
    on_remove,
    on_start,
    on_status,
    on_step,
    on_text,
    on_undo,
    on_workshops,
)
from cjworkflow.flow.handlers_admin import (
    on_cancel,
    on_delete,
    on_forget,
    on_lang,
    on_mydata,
    on_promote,
    on_renew,
    on_stages,
)
from cjworkflow.flow.handlers_buttons import on_button
from cjworkflow.flow.handlers_reminders import on_digest, on_remind, on_timebox
from cjworkflow.members.commands import on_kick, on_members
from cjworkflow.messages import Verb

TABLE: dict[Verb, Handler] = {
    Verb.START: on_start, Verb.HELP: on_help, Verb.NEW: on_new, Verb.JOIN: on_join,
    Verb.WORKSHOPS: on_workshops, Verb.STATUS: on_status, Verb.NEXT: on_next,
    Verb.BACK: on_back, Verb.STEP: on_step, Verb.TEXT: on_text, Verb.BUTTON: on_button,
    Verb.UNDO: on_undo, Verb.REMOVE: on_remove, Verb.FINISH: on_finish, Verb.MAP: on_map,
    Verb.ACTIONS: on_actions, Verb.EXPORT: on_export, Verb.LANG: on_lang,
    Verb.STAGES: on_stages, Verb.CANCEL: on_cancel, Verb.RENEW: on_renew,
    Verb.PROMOTE: on_promote, Verb.FORGET: on_forget, Verb.DELETE: on_delete,
    Verb.CARD: on_card, Verb.REMIND: on_remind, Verb.DIGEST: on_digest,
    Verb.TIMEBOX: on_timebox, Verb.MYDATA: on_mydata, Verb.KICK: on_kick,
    Verb.MEMBERS: on_members,
}
