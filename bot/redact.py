"""Keeps the bot token and the webhook secret out of every log line (PTB and httpx log URLs
that contain the token, and at DEBUG the parameters of setWebhook, secret_token included)."""

from __future__ import annotations

import logging

REDACTED = "<token>"


class RedactingFormatter(logging.Formatter):
    """Formats as the wrapped formatter does, then removes secrets from the whole text."""

    def __init__(self, inner: logging.Formatter | None, secrets: list[str]) -> None:
        super().__init__()
        self.inner = inner or logging.Formatter()
        self.secrets = [s for s in secrets if s]

    def format(self, record: logging.LogRecord) -> str:
        """The record's text with every secret replaced."""
        text = self.inner.format(record)
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        return text


def install(secrets: list[str]) -> None:
    """Wrap every root handler's formatter so no secret is ever written."""
    root = logging.getLogger()
    if not root.handlers:
        logging.basicConfig(level=logging.INFO)
    for handler in root.handlers:
        if isinstance(handler.formatter, RedactingFormatter):
            # Installed already (for the token at start): the webhook secret joins later.
            known = handler.formatter.secrets
            known.extend(s for s in secrets if s and s not in known)
        else:
            handler.setFormatter(RedactingFormatter(handler.formatter, secrets))
    # httpx logs every request URL at INFO; those URLs carry the token.
    if root.level > logging.DEBUG:
        logging.getLogger("httpx").setLevel(logging.WARNING)
