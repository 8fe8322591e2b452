"""Transport-free message types: a Command goes into the engine, Replies come out."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cjworkflow.snapshot import WorkshopSnapshot

MAX_ACTION_BYTES = 64
MAX_TEXT = 4096
MAX_CAPTION = 1024


class Verb(StrEnum):
    """What a user asked for; adapters map their own input onto these. Everything else about
    a verb (how it is typed, who may use it, its handler) is its row in cjworkflow.flow.verbs."""

    START = "start"
    HELP = "help"
    NEW = "new"
    JOIN = "join"
    WORKSHOPS = "workshops"
    STATUS = "status"
    NEXT = "next"
    BACK = "back"
    STEP = "step"
    TEXT = "text"  # an entry line (or several) or an answer to a pending question
    BUTTON = "button"  # a pressed button: text holds its action string
    UNDO = "undo"
    REMOVE = "remove"
    FINISH = "finish"
    MAP = "map"
    ACTIONS = "actions"
    EXPORT = "export"
    LANG = "lang"
    STAGES = "stages"
    CANCEL = "cancel"
    RENEW = "renew"
    PROMOTE = "promote"
    FORGET = "forget"
    MYDATA = "mydata"
    DELETE = "delete"
    CARD = "card"
    REMIND = "remind"
    DIGEST = "digest"
    TIMEBOX = "timebox"
    KICK = "kick"
    MEMBERS = "members"
    # Team facilitation (flow.handlers_facilitation).
    VOTE = "vote"
    ESTIMATE = "estimate"
    ANONYMOUS = "anonymous"
    WHO = "who"
    LINK = "link"  # the read-only web view (issue #17)
    SURVEY = "survey"
    ROUND = "round"
    RENAME = "rename"



@dataclass(frozen=True)
class Actor:
    """Who sent a command, as the transport knows them."""

    external_id: str
    display_name: str
    handle: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class Command:
    """One user input, ready for the engine."""

    actor: Actor
    verb: Verb
    text: str = ""
    # The chat it came from (transport reference) and whether it is a private chat.
    chat_ref: str = "local"
    private: bool = True
    # A stable reference of the input; the same reference is never stored twice.
    source_ref: str | None = None
    # The whole update's key: an update seen twice changes nothing the second time.
    receipt_key: str | None = None
    # Set when the transport knows which workshop is meant (e.g. a button's payload).
    workshop_id: int | None = None
    # The bot's own handle where the transport has one: in a group with several bots, a bare
    # /next may go to another bot, so /help shows /next@handle.
    bot_username: str | None = None


class Dest(StrEnum):
    """Where a reply goes."""

    ORIGIN = "origin"  # back where the command came from
    WORKSHOP = "workshop"  # the workshop's group chat (or origin if it has none)
    PERSON = "person"  # a person's private chat (Reply.person_ref)


class Kind(StrEnum):
    """How an adapter should deliver a reply."""

    MESSAGE = "message"
    CARD = "card"  # a new step card (the step changed): send it, it becomes the living card
    # The living card changed: no text; the adapter fetches WorkshopEngine.card() when its
    # debounce fires, so a burst of entries costs one card render, not one each.
    CARD_EDIT = "card_edit"
    ACK = "ack"  # a light acknowledgement (a reaction), text is a fallback
    ALERT = "alert"  # a short answer to a pressed button


@dataclass(frozen=True)
class Button:
    """A button: a label and an action string of at most 64 bytes; or, with url, a link (one
    the transport opens inside itself when web_app, as a Telegram Mini App)."""

    label: str
    action: str
    url: str | None = None
    web_app: bool = False

    def __post_init__(self) -> None:
        if len(self.action.encode("utf-8")) > MAX_ACTION_BYTES:
            raise ValueError(f"button action over {MAX_ACTION_BYTES} bytes: {self.action!r}")


@dataclass(frozen=True)
class Attachment:
    """Something to render or export off the event loop: see cjworkflow.outputs.produce."""

    kind: str  # map | matrix | pdf | pdf_a3 | xlsx | csv | ics | json | markdown | mermaid
    snapshot: WorkshopSnapshot
    lang: str
    # kind "json": the lossless export, read in the command's transaction (a worker has no DB)
    transfer: bytes | None = None


@dataclass
class Reply:
    """One thing to show a user."""

    text: str = ""
    buttons: list[list[Button]] = field(default_factory=list)
    kind: Kind = Kind.MESSAGE
    dest: Dest = Dest.ORIGIN
    person_ref: str | None = None  # external id, for Dest.PERSON
    # Filled in by the engine for Dest.WORKSHOP: the workshop's chat (None: it has none).
    chat_ref: str | None = None
    # The language of the reply (card edits are rendered later, in this language).
    lang: str | None = None
    attachment: Attachment | None = None
    force_reply: bool = False
    workshop_id: int | None = None
    # An input the user should be prompted with (e.g. placeholder text).
    placeholder: str | None = None
    # Sent instead when Dest.PERSON's private chat refuses (the person blocked the bot).
    fallback: Reply | None = None
    # A card: the workshop's version it shows (a later change must reach it by an edit).
    version: int | None = None
