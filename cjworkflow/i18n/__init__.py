"""Message catalogs (Project Fluent .ftl files per language) and lookup."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from fluent.runtime import FluentBundle, FluentResource

LANGUAGES = ("nl", "en")
LOCALES_DIR = Path(__file__).parent / "locales"


class MissingMessage(KeyError):
    """A message key that the catalog of a language does not have."""


def normalise_lang(lang: str | None, default: str = "nl") -> str:
    """A supported language code for lang (e.g. 'nl-BE' -> 'nl'), or default."""
    if lang:
        short = lang.strip().lower().replace("_", "-").split("-")[0]
        if short in LANGUAGES:
            return short
    return default


def catalog_files(lang: str) -> list[Path]:
    """The .ftl files of one language, in a stable order."""
    return sorted((LOCALES_DIR / lang).glob("*.ftl"))


@cache
def bundle(lang: str) -> FluentBundle:
    """The compiled catalog of one language."""
    b = FluentBundle([lang], use_isolating=False)
    for path in catalog_files(lang):
        b.add_resource(FluentResource(path.read_text(encoding="utf-8")))
    return b


def message_ids(lang: str) -> set[str]:
    """Every message id in a language's catalog."""
    return set(bundle(lang)._messages)


def has(lang: str, key: str) -> bool:
    """Whether key exists in the language's catalog."""
    return bundle(normalise_lang(lang)).has_message(key)


def t(lang: str, key: str, **kwargs: Any) -> str:
    """The message key in lang, with kwargs filled in."""
    b = bundle(normalise_lang(lang))
    if not b.has_message(key):
        raise MissingMessage(f"{lang}:{key}")
    message = b.get_message(key)
    if message.value is None:
        raise MissingMessage(f"{lang}:{key} has no value")
    text, errors = b.format_pattern(message.value, kwargs)
    if errors:
        raise ValueError(f"{lang}:{key}: {errors}")
    return str(text)
