"""The simulated Telegram world: users, chats, messages, callback queries and call records."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import telegram

JSON = dict[str, Any]

MEMBER_STATUSES = ("creator", "administrator", "member", "restricted", "left", "kicked")
PRESENT_STATUSES = ("creator", "administrator", "member", "restricted")


@dataclass(eq=False)
class User:
    """A Telegram user (or the bot itself, with ``is_bot=True``)."""

    id: int
    first_name: str
    username: str | None = None
    last_name: str | None = None
    language_code: str | None = None
    is_bot: bool = False
    started: bool = False  # opened a private chat with the bot (pressed Start)
    blocked: bool = False  # blocked the bot

    def to_api(self) -> JSON:
        """Bot API ``User`` JSON."""
        data: JSON = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        if self.last_name:
            data["last_name"] = self.last_name
        if self.username:
            data["username"] = self.username
        if self.language_code and not self.is_bot:
            data["language_code"] = self.language_code
        return data

    def to_telegram(self, bot: telegram.Bot | None = None) -> telegram.User:
        """This user as a PTB ``telegram.User``."""
        import telegram

        return telegram.User.de_json(self.to_api(), bot)


@dataclass(eq=False)
class Chat:
    """A private chat, group or supergroup."""

    id: int
    type: str  # "private" | "group" | "supergroup"
    title: str | None = None
    username: str | None = None
    user: User | None = None  # the other party of a private chat
    members: dict[int, str] = field(default_factory=dict)  # user id -> member status
    migrated_to: Chat | None = None
    migrated_from: Chat | None = None
    next_message_id: int = 1
    # getChat's available_reactions: None = every emoji, [] = reactions off, else only these.
    available_reactions: list[str] | None = None
    # The last bot that sent a message here: bare commands go to it (privacy mode).
    last_bot_id: int | None = None

    @property
    def is_group(self) -> bool:
        """True for groups and supergroups."""
        return self.type in ("group", "supergroup")

    def to_api(self) -> JSON:
        """Bot API ``Chat`` JSON (the short form embedded in messages)."""
        data: JSON = {"id": self.id, "type": self.type}
        if self.type == "private" and self.user is not None:
            data["first_name"] = self.user.first_name
            if self.user.last_name:
                data["last_name"] = self.user.last_name
            if self.user.username:
                data["username"] = self.user.username
        else:
            data["title"] = self.title or ""
            if self.username:
                data["username"] = self.username
        return data


@dataclass(eq=False)
class Message:
    """A message as Telegram stores it (plain text + entities, after parse_mode parsing)."""

    chat: Chat
    message_id: int
    date: int
    from_user: User | None
    created_at: float = 0.0  # fake-clock time of creation
    text: str | None = None
    entities: list[JSON] = field(default_factory=list)
    caption: str | None = None
    caption_entities: list[JSON] = field(default_factory=list)
    reply_markup: JSON | None = None  # whatever was sent: inline keyboard, ForceReply, ...
    reply_to: Message | None = None
    photo: list[JSON] | None = None
    document: JSON | None = None
    service: JSON = field(default_factory=dict)  # new_chat_members, migrate_to_chat_id, ...
    edit_date: int | None = None
    deleted: bool = False
    delivered: bool = False  # a user message: did the bot get an update for it?
    parse_mode: str | None = None
    raw_text: str | None = None  # text/caption exactly as the bot sent it (before parsing)
    reactions: list[JSON] = field(default_factory=list)  # the bot's reaction on the message
    versions: list[JSON] = field(default_factory=list)  # snapshots before each edit

    @property
    def from_bot(self) -> bool:
        """True if the bot sent this message."""
        return self.from_user is not None and self.from_user.is_bot

    @property
    def is_service(self) -> bool:
        """True for service messages (joins, migrations, ...)."""
        return bool(self.service)

    @property
    def inline_keyboard(self) -> list[list[JSON]]:
        """Rows of inline buttons (empty if the message has no inline keyboard)."""
        if self.reply_markup and "inline_keyboard" in self.reply_markup:
            return self.reply_markup["inline_keyboard"]
        return []

    @property
    def buttons(self) -> list[JSON]:
        """All inline buttons, row by row."""
        return [button for row in self.inline_keyboard for button in row]

    @property
    def callback_data(self) -> list[str]:
        """The callback_data of every inline button, in order."""
        return [b["callback_data"] for b in self.buttons if "callback_data" in b]

    def button(self, text: str) -> JSON:
        """The inline button whose label contains ``text`` (KeyError if none)."""
        for b in self.buttons:
            if text in b.get("text", ""):
                return b
        raise KeyError(f"no button with text {text!r} in {[b.get('text') for b in self.buttons]}")

    @property
    def force_reply(self) -> bool:
        """True if the message was sent with a ForceReply markup."""
        return bool(self.reply_markup and self.reply_markup.get("force_reply"))

    def snapshot(self) -> JSON:
        """A copy of the current content, for the edit history."""
        return copy.deepcopy(
            {
                "text": self.text,
                "entities": self.entities,
                "caption": self.caption,
                "caption_entities": self.caption_entities,
                "reply_markup": self.reply_markup,
                "edit_date": self.edit_date,
            }
        )

    def to_api(self, include_reply: bool = True) -> JSON:
        """Bot API ``Message`` JSON, as Telegram returns it."""
        data: JSON = {
            "message_id": self.message_id,
            "date": self.date,
            "chat": self.chat.to_api(),
        }
        if self.from_user is not None:
            data["from"] = self.from_user.to_api()
        if self.reply_to is not None and include_reply:
            data["reply_to_message"] = self.reply_to.to_api(include_reply=False)
        if self.edit_date is not None:
            data["edit_date"] = self.edit_date
        if self.text is not None:
            data["text"] = self.text
            if self.entities:
                data["entities"] = copy.deepcopy(self.entities)
        if self.photo is not None:
            data["photo"] = copy.deepcopy(self.photo)
        if self.document is not None:
            data["document"] = copy.deepcopy(self.document)
        if self.caption is not None:
            data["caption"] = self.caption
            if self.caption_entities:
                data["caption_entities"] = copy.deepcopy(self.caption_entities)
        # Telegram only echoes inline keyboards back in Message.reply_markup.
        if self.reply_markup and "inline_keyboard" in self.reply_markup:
            data["reply_markup"] = copy.deepcopy(self.reply_markup)
        data.update(copy.deepcopy(self.service))
        return data

    def to_telegram(self, bot: telegram.Bot | None = None) -> telegram.Message:
        """This message as a PTB ``telegram.Message``."""
        import telegram

        return telegram.Message.de_json(self.to_api(), bot)


@dataclass(eq=False)
class CallbackAnswer:
    """What the bot answered to a callback query."""

    callback_query_id: str
    text: str | None
    show_alert: bool
    url: str | None
    cache_time: int | None
    time: float


@dataclass(eq=False)
class CallbackQuery:
    """A button press by a user."""

    id: str
    from_user: User
    message: Message
    data: str
    chat_instance: str
    created_at: float
    update_id: int | None = None
    answer: CallbackAnswer | None = None

    @property
    def answered(self) -> bool:
        """True once the bot called answerCallbackQuery for this query."""
        return self.answer is not None

    def to_api(self) -> JSON:
        """Bot API ``CallbackQuery`` JSON."""
        return {
            "id": self.id,
            "from": self.from_user.to_api(),
            "message": self.message.to_api(),
            "chat_instance": self.chat_instance,
            "data": self.data,
        }


@dataclass(eq=False)
class Call:
    """One request the bot made to the fake, with its outcome."""

    method: str  # as spelled in the URL, e.g. "sendMessage"
    params: JSON  # decoded parameters (JSON-encoded form fields already decoded)
    time: float  # fake-clock time
    chat_id: int | str | None = None
    status: int = 200
    result: Any = None
    error: str | None = None  # the Bot API description when ok is false
    parameters: JSON | None = None  # ResponseParameters of an error (retry_after, ...)
    files: dict[str, int] = field(default_factory=dict)  # uploaded part name -> size

    @property
    def ok(self) -> bool:
        """True if the call succeeded."""
        return self.error is None and 200 <= self.status < 300


@dataclass(eq=False)
class StoredFile:
    """A file uploaded by the bot (photo or document)."""

    file_id: str
    file_unique_id: str
    data: bytes
    file_path: str
    kind: str  # "photo" | "document"
    file_name: str | None = None
    mime_type: str | None = None
    width: int | None = None
    height: int | None = None


@dataclass(eq=False)
class Webhook:
    """The registered webhook (setWebhook) and its delivery state."""

    url: str
    secret_token: str | None = None
    max_connections: int = 40
    ip_address: str | None = None
    last_error_date: int | None = None
    last_error_message: str | None = None


@dataclass(eq=False)
class WebhookDelivery:
    """One POST of an update to the webhook."""

    update_id: int
    time: float
    status: int | None  # HTTP status, None on a connection error
    error: str | None = None
    secret_header: str | None = None
