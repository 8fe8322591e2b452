"""Settings from the environment or `.env`, with documented defaults."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATA_DIR = Path.home() / ".local" / "share" / "cjbot"
# What Telegram accepts as a webhook's secret_token (setWebhook).
WEBHOOK_SECRET_RE = re.compile(r"[A-Za-z0-9_-]{1,256}")


class Settings(BaseSettings):
    """All of cjbot's settings; each maps to an environment variable of the same name."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    data_dir: Path = Field(default=DEFAULT_DATA_DIR, alias="CJBOT_DATA_DIR")
    database_url: str | None = Field(default=None, alias="DATABASE_URL")
    default_language: str = Field(default="nl", alias="DEFAULT_LANGUAGE")
    default_timezone: str = Field(default="Europe/Amsterdam", alias="DEFAULT_TIMEZONE")
    log_level: str = Field(default="INFO", alias="LOG_LEVEL")
    telegram_bot_token: SecretStr | None = Field(default=None, alias="TELEGRAM_BOT_TOKEN")
    telegram_api_base_url: str = Field(
        default="https://api.telegram.org/bot", alias="TELEGRAM_API_BASE_URL"
    )
    webhook_url: str | None = Field(default=None, alias="WEBHOOK_URL")
    webhook_listen: str = Field(default="127.0.0.1", alias="WEBHOOK_LISTEN")
    webhook_port: int = Field(default=8443, alias="WEBHOOK_PORT")
    webhook_secret: SecretStr | None = Field(default=None, alias="WEBHOOK_SECRET")
    # Only for a self-hosted Bot API server (telegram-bot-api --local), which may post to
    # http://; Telegram's own servers post to https:// only.
    webhook_allow_http: bool = Field(default=False, alias="WEBHOOK_ALLOW_HTTP")
    # At most one edit of a chat's living step card per this many seconds.
    card_edit_seconds: float = Field(default=3.0, alias="CARD_EDIT_SECONDS")
    render_workers: int = Field(default=2, alias="RENDER_WORKERS")
    # Seconds one render (map, matrix, PDF, XLSX...) may take before it is stopped.
    render_timeout: float = Field(default=60.0, alias="RENDER_TIMEOUT")
    group_messages_per_minute: int = Field(default=20, alias="GROUP_MESSAGES_PER_MINUTE")
    poll_timeout: int = Field(default=30, alias="POLL_TIMEOUT")
    # Reminders before an action's deadline (w/d/h/m; 0m = at the deadline; "off": none).
    reminder_offsets: str = Field(default="1d,0m", alias="REMINDER_OFFSETS")
    # How often the bot claims due reminders, digests and timeboxes.
    reminder_tick_seconds: float = Field(default=15.0, alias="REMINDER_TICK_SECONDS")
    # The web view (issue #17): unset WEB_PORT, no web server and no /link.
    web_port: int | None = Field(default=None, alias="WEB_PORT")
    web_listen: str = Field(default="127.0.0.1", alias="WEB_LISTEN")
    # The public base the links use (behind a reverse proxy: its https:// address).
    web_base_url: str | None = Field(default=None, alias="WEB_BASE_URL")

    @field_validator("web_port", mode="before")
    @classmethod
    def _blank_port(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("web_port")
    @classmethod
    def _valid_port(cls, value: int | None) -> int | None:
        if value is not None and not 1 <= value <= 65535:
            raise ValueError("WEB_PORT must be between 1 and 65535")
        return value

    @field_validator("web_base_url")
    @classmethod
    def _valid_base(cls, value: str | None) -> str | None:
        value = (value or "").strip().rstrip("/")
        if not value:
            return None
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.query:
            raise ValueError("WEB_BASE_URL must be an http:// or https:// address, e.g. "
                             "https://cjbot.example.org")
        return value

    @property
    def resolved_web_base_url(self) -> str | None:
        """WEB_BASE_URL, or http://127.0.0.1:<WEB_PORT>; None without a web server."""
        if self.web_port is None:
            return None
        return self.web_base_url or f"http://127.0.0.1:{self.web_port}"

    @field_validator("reminder_offsets")
    @classmethod
    def _valid_offsets(cls, value: str) -> str:
        from cjworkflow.errors import UserError
        from cjworkflow.schedule.reminders import OFF, parse_offsets

        if value.strip().lower() == OFF:
            return OFF
        try:
            parse_offsets(value)
        except UserError:
            raise ValueError("REMINDER_OFFSETS must look like 3d,1d,0m (w/d/h/m) or off") from None
        return value

    @field_validator("reminder_tick_seconds")
    @classmethod
    def _positive_tick(cls, value: float) -> float:
        if not 0.1 <= value <= 3600:
            raise ValueError("REMINDER_TICK_SECONDS must be between 0.1 and 3600")
        return value

    @field_validator("render_timeout")
    @classmethod
    def _sane_render_timeout(cls, value: float) -> float:
        if not 1 <= value <= 3600:
            raise ValueError("RENDER_TIMEOUT must be between 1 and 3600 seconds")
        return value

    @field_validator("default_language")
    @classmethod
    def _known_language(cls, value: str) -> str:
        value = value.strip().lower()
        if value not in ("nl", "en"):
            raise ValueError("DEFAULT_LANGUAGE must be nl or en")
        return value

    @field_validator("data_dir")
    @classmethod
    def _expand_home(cls, value: Path) -> Path:
        return value.expanduser()

    @property
    def resolved_database_url(self) -> str:
        """DATABASE_URL, or the SQLite file in the data directory."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'cjbot.db'}"


def webhook_problem(settings: Settings, url: str) -> str | None:
    """Why the webhook cannot start with url and these settings (one line that never quotes
    the secret, nor the URL, whose path may be secret too), or None when it can."""
    parts = urlsplit(url.strip())
    schemes = ("https", "http") if settings.webhook_allow_http else ("https",)
    if parts.scheme.lower() not in schemes or not parts.hostname:
        return ("the webhook URL must be a full https:// address (Telegram posts updates "
                "over HTTPS only); WEBHOOK_ALLOW_HTTP=true allows http:// for a self-hosted "
                "Bot API server.")
    configured = settings.webhook_secret
    secret = configured.get_secret_value().strip() if configured is not None else ""
    if secret and not WEBHOOK_SECRET_RE.fullmatch(secret):
        return (f"WEBHOOK_SECRET is not valid for Telegram: 1 to 256 characters, only A-Z, "
                f"a-z, 0-9, _ and - (it has {len(secret)} characters); or leave it unset to "
                "derive one from the token.")
    return None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process's settings, read once."""
    return Settings()
