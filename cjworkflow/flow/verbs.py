"""The verb table: every fact about a verb in one row; each other list derives from it.

A row says how the verb is typed (/name and aliases), who may use it and where, whether it
only reads (a view: no lock, no receipt), whether the bot runs it on its event loop, whether
it is in the command menu (described by the catalog's cmd-<name> in every language), and
its handler. run() dispatches a command through its row.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, replace
from enum import StrEnum

from cjworkflow.flow.context import Ctx, Handler, require_facilitator, resolve, within
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
from cjworkflow.flow.handlers_facilitation import on_anonymous, on_estimate, on_vote, on_who
from cjworkflow.flow.handlers_method import on_rename
from cjworkflow.flow.handlers_reminders import on_digest, on_remind, on_timebox
from cjworkflow.flow.handlers_web import on_link
from cjworkflow.i18n import t
from cjworkflow.members.commands import on_kick, on_members
from cjworkflow.messages import Reply, Verb
from cjworkflow.voice.commands import on_round, on_survey


class Who(StrEnum):
    """Who may use a verb."""

    ANYONE = "anyone"  # no membership needed (it acts on the sender's own things)
    MEMBER = "member"  # the workshop's members; in its group everyone is one on first write
    # Members may look; only a facilitator changes something (the handler checks when).
    FACILITATOR_CHANGES = "facilitator-changes"
    FACILITATOR = "facilitator"  # facilitators only: checked before the handler runs


class Where(StrEnum):
    """Where a verb may be used."""

    ANYWHERE = "anywhere"
    PRIVATE = "private"  # in a private chat only (the handler refuses it in a group)


class Need(StrEnum):
    """Which workshop the command needs, found by resolve() before the handler runs."""

    NONE = "none"  # none (or the handler finds its own)
    OPTIONAL = "optional"  # the chat's or active workshop if any; nobody is registered
    GROUP = "group"  # required in a group; in a private chat the active one if any
    REQUIRED = "required"  # required; a newcomer in the workshop's group becomes a member


@dataclass(frozen=True)
class VerbSpec:
    """One verb's row."""

    verb: Verb
    names: tuple[str, ...]  # typed as /name; the first is the one the menu shows
    handler: Handler
    who: Who = Who.MEMBER
    need: Need = Need.REQUIRED
    where: Where = Where.ANYWHERE
    # Only reads: anyone in a workshop's group may use it without registering.
    read_only: bool = False
    # A read-only verb whose cost grows with the workshop: read without taking any lock and
    # keeping no receipt (shown again after a redelivery beats not shown at all), so a
    # transport may run it beside the updates that follow (see flow.views).
    view: bool = False
    # Bounded and short: the bot runs it on its event loop, where a thread hop would cost
    # more than the call (bot/handlers.py).
    inline: bool = False
    menu: bool = True  # in the bot's command menu, described by catalog key cmd-<name>

    @property
    def menu_key(self) -> str:
        """The catalog key of its menu text."""
        return f"cmd-{self.names[0]}"


_M, _F, _C, _A = Who.MEMBER, Who.FACILITATOR, Who.FACILITATOR_CHANGES, Who.ANYONE

# In the order of the bot's command menu.
SPECS: tuple[VerbSpec, ...] = (
    VerbSpec(Verb.START, ("start",), on_start, _A, Need.NONE),
    VerbSpec(Verb.HELP, ("help",), on_help, _A, Need.OPTIONAL, read_only=True),
    # Anyone starts one; replacing a group's running workshop takes one of its facilitators.
    VerbSpec(Verb.NEW, ("new",), on_new, _C, Need.NONE),
    VerbSpec(Verb.JOIN, ("join",), on_join, _A, Need.NONE, Where.PRIVATE),
    VerbSpec(Verb.WORKSHOPS, ("workshops",), on_workshops, _A, Need.NONE),
    VerbSpec(Verb.STATUS, ("status",), on_status, read_only=True, view=True),
    VerbSpec(Verb.CARD, ("card",), on_card, read_only=True),
    VerbSpec(Verb.NEXT, ("next",), on_next, _F),
    VerbSpec(Verb.BACK, ("back",), on_back, _F),
    VerbSpec(Verb.STEP, ("step",), on_step, _F),
    VerbSpec(Verb.TEXT, ("add",), on_text, inline=True),
    VerbSpec(Verb.UNDO, ("undo",), on_undo, inline=True),
    VerbSpec(Verb.REMOVE, ("remove",), on_remove),
    VerbSpec(Verb.CANCEL, ("cancel", "skip"), on_cancel, _A, Need.OPTIONAL, inline=True),
    VerbSpec(Verb.MAP, ("map",), on_map, read_only=True, view=True),
    VerbSpec(Verb.ACTIONS, ("actions",), on_actions, read_only=True, view=True),
    VerbSpec(Verb.EXPORT, ("export",), on_export, read_only=True, view=True),
    # A member makes a link; only a facilitator revokes (the handler checks `off`).
    VerbSpec(Verb.LINK, ("link",), on_link, _C),
    # In a private chat /lang sets the sender's own language.
    VerbSpec(Verb.LANG, ("lang",), on_lang, _C, Need.GROUP),
    VerbSpec(Verb.STAGES, ("stages",), on_stages, _C),
    VerbSpec(Verb.RENEW, ("renew",), on_renew, _F),
    VerbSpec(Verb.RENAME, ("rename",), on_rename, _F),
    VerbSpec(Verb.PROMOTE, ("promote",), on_promote, _F),
    VerbSpec(Verb.KICK, ("kick",), on_kick, _F),
    VerbSpec(Verb.MEMBERS, ("members",), on_members, _F),
    VerbSpec(Verb.MYDATA, ("mydata",), on_mydata, _A, Need.NONE),
    VerbSpec(Verb.FORGET, ("forget",), on_forget, _A, Need.NONE),
    VerbSpec(Verb.DELETE, ("delete",), on_delete, _F),
    VerbSpec(Verb.REMIND, ("remind",), on_remind, _C),
    VerbSpec(Verb.DIGEST, ("digest",), on_digest, _C),
    VerbSpec(Verb.TIMEBOX, ("timebox",), on_timebox, _F),
    # Team facilitation: the team decides (votes, estimates), quiet members speak unnamed.
    VerbSpec(Verb.VOTE, ("vote",), on_vote, _F),
    VerbSpec(Verb.ESTIMATE, ("estimate",), on_estimate, _F),
    VerbSpec(Verb.ANONYMOUS, ("anonymous",), on_anonymous, _F),
    VerbSpec(Verb.WHO, ("who",), on_who, _F),
    # Customer voice: the survey link customers score the journey with.
    VerbSpec(Verb.SURVEY, ("survey", "enquete"), on_survey, _F),
    # Mapping again: keep this round, start the next with the same journey.
    VerbSpec(Verb.ROUND, ("round", "ronde"), on_round, _F),
    # Typed, but not offered in the menu: /next on the last step finishes too.
    VerbSpec(Verb.FINISH, ("finish",), on_finish, _F, menu=False),
    # A pressed button: its own table (flow.handlers_buttons) finds the workshop and checks.
    VerbSpec(Verb.BUTTON, (), on_button, _A, Need.NONE, menu=False),
)

TABLE: dict[Verb, VerbSpec] = {s.verb: s for s in SPECS}
if len(TABLE) != len(SPECS) or set(TABLE) != set(Verb):
    raise AssertionError("every verb has exactly one row")

# Slash commands shared by every adapter (Telegram, terminal): name -> verb.
COMMAND_VERBS: dict[str, Verb] = {name: s.verb for s in SPECS for name in s.names}
if len(COMMAND_VERBS) != sum(len(s.names) for s in SPECS):
    raise AssertionError("a command name is used twice")
# The bot's command menu (setMyCommands), in order.
MENU: tuple[VerbSpec, ...] = tuple(s for s in SPECS if s.menu)
READ_ONLY = frozenset(s.verb for s in SPECS if s.read_only)
VIEWS = frozenset(s.verb for s in SPECS if s.view)
INLINE = frozenset(s.verb for s in SPECS if s.inline)
if not VIEWS <= READ_ONLY:
    raise AssertionError("a view only reads")


def run(ctx: Ctx) -> list[Reply]:
    """The replies to ctx's command: its workshop found as its row says, then its handler."""
    spec = TABLE[ctx.cmd.verb]
    if spec.need is not Need.NONE:
        required = spec.need is Need.REQUIRED or (spec.need is Need.GROUP
                                                  and not ctx.cmd.private)
        register = spec.need is not Need.OPTIONAL and not spec.read_only
        ctx = resolve(ctx, required=required, register=register)
    handler = _checked(spec)
    if spec.verb is Verb.HELP and ctx.cmd.text.startswith("/"):
        handler = _unknown(handler)
    return within(ctx, handler)


def nearest_command(name: str) -> str | None:
    """The known command name (or alias) closest to a mistyped one, if any is close."""
    close = difflib.get_close_matches(name.lower(), COMMAND_VERBS, n=1, cutoff=0.6)
    return close[0] if close else None


def _unknown(help_handler: Handler) -> Handler:
    """An adapter sends an unknown /name as HELP with text "/name": say so, suggest the nearest."""

    def answer(ctx: Ctx) -> list[Reply]:
        name = ctx.cmd.text[1:].split()[0][:32] if ctx.cmd.text[1:].split() else ""
        suggestion = nearest_command(name)
        if suggestion is not None:
            return [Reply(text=t(ctx.lang, "command-unknown-suggest", name=name,
                                 suggestion=suggestion))]
        said = t(ctx.lang, "command-unknown", name=name)
        return [replace(r, text=(said + "\n\n" + r.text)[:4000]) if i == 0 else r
                for i, r in enumerate(help_handler(ctx))]

    return answer


def _checked(spec: VerbSpec) -> Handler:
    """spec's handler, behind the facilitator check where its row asks for one."""
    if spec.who is not Who.FACILITATOR:
        return spec.handler

    def steer(ctx: Ctx) -> list[Reply]:
        require_facilitator(ctx)
        return spec.handler(ctx)

    return steer
