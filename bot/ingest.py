"""Telegram updates -> engine Commands; privacy-mode aware."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import (
    Chat,
    ChatMember,
    ChatMemberRestricted,
    Message,
    MessageEntity,
    Update,
    User,
)

from cjworkflow.flow.verbs import COMMAND_VERBS
from cjworkflow.messages import Actor, Command, Verb

PREFIX = "tg:"


def chat_ref(chat_id: int) -> str:
    """The engine's reference for a Telegram chat."""
    return f"{PREFIX}{chat_id}"


def chat_id(ref: str) -> int:
    """The Telegram chat id behind an engine chat reference."""
    return int(ref.removeprefix(PREFIX))


def actor(user: User) -> Actor:
    """The engine's view of a Telegram user."""
    return Actor(external_id=person_ref(user.id), display_name=user.full_name[:128],
                 handle=user.username, language=user.language_code)


@dataclass(frozen=True)
class Origin:
    """Where an update came from, for replying, reacting and answering buttons."""

    chat_id: int
    private: bool
    message_id: int | None = None
    callback_id: str | None = None


def split_command(message: Message, bot_username: str) -> tuple[str, str] | None:
    """'/cmd@bot rest' -> ('cmd', 'rest'), keeping the rest's newlines; None if not for us."""
    text = message.text or ""
    entity = next((e for e in message.entities if e.type == MessageEntity.BOT_COMMAND
                   and e.offset == 0), None)
    if entity is None:
        return None
    head = text[1:entity.length]
    name, _, target = head.partition("@")
    if target and target.lower() != bot_username.lower():
        return None
    return name.lower(), text[entity.length:].strip()


def is_for_bot(message: Message, bot_id: int, bot_username: str) -> str | None:
    """Group text the bot should take: a reply to one of its messages, without a leading
    @botname. A plain @mention is not enough: Telegram keeps those from a bot in privacy mode."""
    reply = message.reply_to_message
    if reply is None or reply.from_user is None or reply.from_user.id != bot_id:
        return None
    return strip_mention(message.text or "", bot_username)


def strip_mention(text: str, bot_username: str) -> str:
    """text without a leading '@botname' (and the comma or colon after it), else unchanged."""
    head = text.lstrip()
    mention = f"@{bot_username}"
    if not bot_username or not head.lower().startswith(mention.lower()):
        return text
    rest = head[len(mention):]
    if rest[:1].isalnum() or rest[:1] == "_":
        return text  # a longer handle that only starts like ours
    return rest.lstrip(" \t\r\n,:")


def command(update: Update, verb: Verb, text: str) -> tuple[Command, Origin] | None:
    """The Command and Origin for an update, or None when it has no user or chat."""
    user = update.effective_user
    chat: Chat | None = update.effective_chat
    if user is None or chat is None or user.is_bot:
        return None
    private = chat.type == Chat.PRIVATE
    query = update.callback_query
    message = update.effective_message
    source = (f"tg:cb:{query.id}" if query is not None
              else f"tg:{chat.id}:{message.message_id}" if message is not None else None)
    cmd = Command(actor=actor(user), verb=verb, text=text, chat_ref=chat_ref(chat.id),
                  private=private, source_ref=source, receipt_key=f"tg:u:{update.update_id}",
                  bot_username=own_username(update))
    origin = Origin(chat_id=chat.id, private=private,
                    message_id=message.message_id if message is not None and query is None
                    else None,
                    callback_id=query.id if query is not None else None)
    return cmd, origin


def person_ref(user_id: int) -> str:
    """The engine's reference (external id) for a Telegram user."""
    return f"{PREFIX}{user_id}"


@dataclass(frozen=True)
class Left:
    """A user who is no longer in a group chat."""

    id: int
    chat_id: int


# chat_member statuses of someone no longer in the chat ("kicked" is banned).
GONE = frozenset({ChatMember.LEFT, ChatMember.BANNED})


def left_member(update: Update) -> Left | None:
    """Who left a group: a left_chat_member service message, or a chat_member update whose
    new status is left, banned, or restricted and no longer a member; None otherwise."""
    message = update.message
    if message is not None and message.left_chat_member is not None:
        return Left(message.left_chat_member.id, message.chat_id)
    change = update.chat_member
    if change is None or change.chat.type == Chat.PRIVATE:
        return None
    new = change.new_chat_member
    gone = new.status in GONE or (isinstance(new, ChatMemberRestricted) and not new.is_member)
    return Left(new.user.id, change.chat.id) if gone else None


def own_username(update: Update) -> str | None:
    """The bot's username, from the bot the update came with (None without one)."""
    try:
        return update.get_bot().username or None
    except RuntimeError:  # an update built without a bot, or a bot not initialized
        return None


def verb_for(name: str) -> Verb | None:
    """The verb of a slash command name."""
    return COMMAND_VERBS.get(name)
