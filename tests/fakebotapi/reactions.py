"""Reactions as Telegram judges them: the emoji set, one per bot, and each chat's settings.

Bot API 10.1: ``ChatFullInfo.available_reactions`` is omitted when every emoji reaction is
allowed, an empty list when reactions are off, otherwise the list of allowed ones; a bot's
``setMessageReaction`` with anything else is 400 REACTION_INVALID.
"""

from __future__ import annotations

from collections.abc import Iterable

from .state import JSON

# ReactionTypeEmoji.emoji in the Bot API 10.1 specification, in its order.
EMOJI = (
    "❤", "👍", "👎", "🔥", "🥰", "👏", "😁", "🤔", "🤯", "😱", "🤬", "😢", "🎉", "🤩", "🤮",
    "💩", "🙏", "👌", "🕊", "🤡", "🥱", "🥴", "😍", "🐳", "❤\u200d🔥", "🌚", "🌭", "💯", "🤣",
    "⚡", "🍌", "🏆", "💔", "🤨", "😐", "🍓", "🍾", "💋", "🖕", "😈", "😴", "😭", "🤓", "👻",
    "👨\u200d💻", "👀", "🎃", "🙈", "😇", "😨", "🤝", "✍", "🤗", "🫡", "🎅", "🎄", "☃", "💅",
    "🤪", "🗿", "🆒", "💘", "🙉", "🦄", "😘", "💊", "🙊", "😎", "👾", "🤷\u200d♂", "🤷",
    "🤷\u200d♀", "😡",
)
_EMOJI = frozenset(EMOJI)


def _plain(emoji: object) -> str:
    """The emoji without variation selectors: PTB's constants carry U+FE0F, the spec not."""
    return str(emoji).replace("\ufe0f", "")


def allowed_list(emojis: Iterable[str] | None) -> list[str] | None:
    """A chat's setting, checked: None (all allowed), [] (none) or only these emoji."""
    if emojis is None:
        return None
    chosen = list(dict.fromkeys(_plain(e) for e in emojis))
    unknown = [e for e in chosen if e not in _EMOJI]
    if unknown:
        raise ValueError(f"not a Telegram reaction emoji: {unknown}")
    return chosen


def available_json(allowed: list[str] | None) -> JSON:
    """The ``available_reactions`` part of getChat's answer (nothing when all are allowed)."""
    if allowed is None:
        return {}
    return {"available_reactions": [{"type": "emoji", "emoji": e} for e in allowed]}


def reaction_error(reaction: object, allowed: list[str] | None) -> str | None:
    """Telegram's refusal of a bot's ``reaction`` parameter in a chat, or None if it is fine."""
    if not isinstance(reaction, list):
        return "can't parse reaction JSON object"
    if len(reaction) > 1:
        return "REACTIONS_TOO_MANY"
    for item in reaction:
        if not isinstance(item, dict):
            return "REACTION_INVALID"
        kind = item.get("type")
        if kind == "emoji":
            emoji = _plain(item.get("emoji"))
            if emoji not in _EMOJI or (allowed is not None and emoji not in allowed):
                return "REACTION_INVALID"
        elif kind == "custom_emoji":
            if not str(item.get("custom_emoji_id", "")).isdigit() or allowed is not None:
                return "REACTION_INVALID"  # PTB sends unknown emoji as custom_emoji
        else:
            return "REACTION_INVALID"  # "paid" too: bots can't use paid reactions
    return None
