"""WEB_PORT, WEB_LISTEN and WEB_BASE_URL (issue #17)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.web import launch
from cjworkflow.config import Settings


def _settings(tmp_path: Path, **values: object) -> Settings:
    return Settings(_env_file=None, CJBOT_DATA_DIR=tmp_path, **values)  # type: ignore[call-arg]


def test_no_port_no_web_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("WEB_PORT", "WEB_BASE_URL", "WEB_LISTEN"):
        monkeypatch.delenv(name, raising=False)
    s = _settings(tmp_path)
    assert s.web_port is None and s.resolved_web_base_url is None
    assert s.web_listen == "127.0.0.1"
    assert _settings(tmp_path, WEB_PORT="").web_port is None  # WEB_PORT= from .env


def test_the_base_defaults_to_the_local_port_and_loses_its_slash(tmp_path: Path) -> None:
    assert _settings(tmp_path, WEB_PORT=8080).resolved_web_base_url == "http://127.0.0.1:8080"
    s = _settings(tmp_path, WEB_PORT=8080, WEB_BASE_URL="https://maps.example.org/cjbot/")
    assert s.resolved_web_base_url == "https://maps.example.org/cjbot"


@pytest.mark.parametrize("values", [
    {"WEB_PORT": 0}, {"WEB_PORT": 70000}, {"WEB_PORT": "eighty"},
    {"WEB_PORT": 8080, "WEB_BASE_URL": "maps.example.org"},
    {"WEB_PORT": 8080, "WEB_BASE_URL": "ftp://maps.example.org"},
    {"WEB_PORT": 8080, "WEB_BASE_URL": "https://"},
    {"WEB_PORT": 8080, "WEB_BASE_URL": "https://x.org/?token=1"},
])
def test_bad_values_are_refused_at_start(tmp_path: Path, values: dict[str, object]) -> None:
    with pytest.raises(ValidationError, match="WEB_"):
        _settings(tmp_path, **values)


def test_one_server_for_webhook_and_web_view_when_the_ports_match(tmp_path: Path) -> None:
    same = _settings(tmp_path, WEB_PORT=8443, WEBHOOK_PORT=8443)
    assert launch.shares_webhook(same, "https://bot.example.org/hook")
    assert not launch.shares_webhook(same, None), "polling: the web view serves alone"
    other = _settings(tmp_path, WEB_PORT=8080, WEBHOOK_PORT=8443)
    assert not launch.shares_webhook(other, "https://bot.example.org/hook")


def test_the_bot_process_starts_without_the_drawing_libraries() -> None:
    """The web view draws its page in the render worker: loading the bot (web server
    included) must not load matplotlib, numpy or reportlab (start-up time and memory)."""
    import subprocess
    import sys

    probe = ("import sys, bot.app, bot.web.server, cjbot.cli; "
             "print(','.join(m for m in ('matplotlib', 'numpy', 'reportlab', 'pypdf') "
             "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == ""
