"""The terminal chat as a person uses it: numbers press buttons, stale ones say so, Ctrl-C."""

from __future__ import annotations

import io
import os
import pty
import select
import signal
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from cjworkflow import chat
from cjworkflow.flow.engine import WorkshopEngine
from cjworkflow.i18n import t

TITLES = {"nl": "Ik vraag een offerte aan", "en": "I ask for a quote"}


class Screen:
    """A terminal chat on a fresh engine, with what it printed."""

    def __init__(self, db: Engine, lang: str, tmp: Path) -> None:
        self.lines: list[str] = []
        self.lang = lang
        self.chat = chat.TerminalChat(WorkshopEngine(db, default_language=lang), out_dir=tmp,
                                      lang=lang, write=self.lines.append)

    def type(self, line: str) -> str:
        """Type one line; what was printed for it."""
        start = len(self.lines)
        self.chat.send(line)
        return "".join(self.lines[start:])


@pytest.fixture(params=["nl", "en"])
def screen(request: pytest.FixtureRequest, engine: Engine, tmp_path: Path) -> Screen:
    """A terminal chat in nl and in en with a workshop just started."""
    s = Screen(engine, request.param, tmp_path)
    s.type(f"/new {TITLES[request.param]}")
    return s


def test_a_typed_number_presses_the_button_shown_with_it(screen: Screen) -> None:
    lang = screen.lang
    screen.type("Minder afhakers" if lang == "nl" else "Fewer drop-outs")
    labels = [b.label for b in screen.chat.buttons]
    number = labels.index(t(lang, "btn-next")) + 1
    out = screen.type(str(number))
    assert t(lang, "card-step", n=2, total=8, title=t(lang, "step-personas-title")) in out
    # The number was a press, not an entry: step 1's card lists one goal only.
    assert f"» {t(lang, 'btn-next')}" in out
    screen.type("/back")
    card = screen.type("/card")
    assert "1. " in card and "2. " not in card


def test_press_and_brackets_press_too_and_a_missing_number_says_so(screen: Screen) -> None:
    lang = screen.lang
    count = len(screen.chat.buttons)
    out = screen.type(f"/press {count + 5}")
    assert out.strip() == t(lang, "chat-button-none", number=count + 5, count=count)
    out = screen.type(f"{count + 5}")
    assert t(lang, "chat-button-none", number=count + 5, count=count) in out
    status = [b.label for b in screen.chat.buttons].index(t(lang, "btn-status")) + 1
    assert f"» {t(lang, 'btn-status')}" in screen.type(f"[{status}]")


def test_every_press_answers_and_an_older_cards_button_is_stale(screen: Screen) -> None:
    lang = screen.lang
    screen.type("/step 5")
    labels = [b.label for b in screen.chat.buttons]
    face = next(i for i, label in enumerate(labels) if label.endswith(" 2")) + 1
    forward = next(i for i, label in enumerate(labels) if label.endswith("▶")
                   and label != t(lang, "btn-next")) + 1
    # Focusing the next stage only edits the card: the terminal prints it again.
    out = screen.type(str(forward))
    assert out.strip() and "▶" in out
    stages = [b.label for b in screen.chat.buttons]
    assert stages != labels
    # The face pressed now scores the stage in focus now, and says so.
    out = screen.type(str(face))
    assert "2" in out and "» " in out
    # A second terminal on the same database moves the step on: the first one's numbers
    # belong to an older card.
    other = chat.TerminalChat(screen.chat.engine, out_dir=screen.chat.out_dir, lang=lang,
                              write=lambda _text: None)
    other.send("/next")
    out = screen.type(str(face))
    assert t(lang, "chat-button-stale", number=face) in out
    assert t(lang, "card-step", n=6, total=8, title=t(lang, "step-resources-title")) in out


def test_the_terminal_says_nothing_only_telegram_has(screen: Screen) -> None:
    lang = screen.lang
    intro = "".join(screen.lines)
    assert t(lang, "group-how-to-add") not in intro
    assert t(lang, "chat-how-to-add") in intro and t(lang, "chat-how-to-join") in intro
    assert "t.me" not in intro
    help_text = screen.type("/help")
    assert t(lang, "chat-help-add") in help_text
    assert t(lang, "help").splitlines()[0] in help_text
    out = screen.type("/mydata")
    assert t(lang, "mydata-open-private") not in out
    assert t(lang, "chat-file", path=str(screen.chat.out_dir / "cjbot-mydata.json")) in out


def test_end_of_input_and_quit_end_the_chat(sqlite_engine: Engine, tmp_path: Path) -> None:
    class Interrupted(io.StringIO):
        def readline(self, size: int | None = -1) -> str:
            raise KeyboardInterrupt

    engine = WorkshopEngine(sqlite_engine, default_language="en")
    assert chat.run(engine, out_dir=tmp_path, lang="en", stdin=Interrupted()) == 0
    assert chat.run(engine, out_dir=tmp_path, lang="nl", stdin=io.StringIO("/quit\n")) == 0


def _exit_status(pid: int, wait: float = 30.0) -> int:
    """The child's wait status; killed (and so failing the test) if it has not exited."""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    return os.waitpid(pid, 0)[1]


def _read_until(fd: int, needle: bytes, seen: bytearray, wait: float = 60.0) -> bool:
    """Read the terminal until needle shows (or the child is gone, or wait seconds pass
    without output)."""
    while needle not in seen:
        ready, _, _ = select.select([fd], [], [], wait)
        if not ready:
            return False
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            return False
        if not chunk:
            return False
        seen.extend(chunk)
    return True


@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal needs POSIX")
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_in_a_real_terminal_history_recalls_a_line_and_ctrl_c_exits_cleanly(
        tmp_path: Path, lang: str) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("TELEGRAM_BOT_TOKEN",)}
    env.update(DATABASE_URL=f"sqlite:///{tmp_path / 'tty.db'}", CJBOT_DATA_DIR=str(tmp_path),
               LOG_LEVEL="WARNING", PYTHONIOENCODING="utf-8", TERM="xterm")
    script = Path(sys.executable).with_name("cjbot")
    argv = ([str(script)] if script.exists() else [sys.executable, "-m", "cjbot.cli"])
    pid, fd = pty.fork()
    if pid == 0:  # the child: the chat with the pseudo-terminal as its terminal
        os.execvpe(argv[0], [*argv, "chat", "--lang", lang, "--out", str(tmp_path)], env)
    seen = bytearray()
    try:
        assert _read_until(fd, b"Facilitator> ", seen), seen
        # The answer, then the prompt again: the chat waits for the next line.
        answered = (t(lang, "no-workshop-group")[-12:] + "\r\nFacilitator> ").encode()
        os.write(fd, b"/status\r")
        assert _read_until(fd, answered, seen), seen
        del seen[:]
        os.write(fd, b"\x1b[A\r")  # arrow up: the last line again
        assert _read_until(fd, answered, seen), seen
        assert b"/status" in seen
        # Ctrl-C, pressed again if the first press fell just before readline listened: a
        # SIGINT between the prompt and readline's select() waits for the next key (CPython).
        bye = t(lang, "chat-bye").encode()
        for _ in range(10):
            os.write(fd, b"\x03")
            if _read_until(fd, bye, seen, wait=1.0):
                break
        _read_until(fd, b"\x00never", seen, wait=10.0)
    except BaseException:
        os.kill(pid, signal.SIGKILL)  # a failed step above: never leave the child behind
        raise
    finally:
        status = _exit_status(pid)
        os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 0
    assert b"Traceback" not in seen and b"KeyboardInterrupt" not in seen
    assert t(lang, "chat-bye").encode() in seen
    assert "/status" in (tmp_path / "chat_history").read_text(encoding="utf-8")
