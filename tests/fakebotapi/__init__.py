"""Fake Telegram Bot API server for end-to-end tests; see ``tests.fakebotapi.server``."""

from .entities import EntityParseError, detect_entities, entity_text, parse, utf16_len
from .limits import FakeClock, Limits
from .server import DEFAULT_TOKEN, ApiError, FakeBotAPI
from .state import (
    Call,
    CallbackAnswer,
    CallbackQuery,
    Chat,
    Message,
    StoredFile,
    User,
    Webhook,
    WebhookDelivery,
)

__all__ = [
    "DEFAULT_TOKEN",
    "ApiError",
    "Call",
    "CallbackAnswer",
    "CallbackQuery",
    "Chat",
    "EntityParseError",
    "FakeBotAPI",
    "FakeClock",
    "Limits",
    "Message",
    "StoredFile",
    "User",
    "Webhook",
    "WebhookDelivery",
    "detect_entities",
    "entity_text",
    "parse",
    "utf16_len",
]
