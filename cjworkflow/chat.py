"""The terminal adapter: run a workshop from a shell, speaking as different members."""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from cjworkflow.flow.engine import WorkshopEngine
from cjworkflow.flow.verbs import COMMAND_VERBS
from cjworkflow.i18n import t
from cjworkflow.messages import Actor, Button, Command, Kind, Reply, Verb
from cjworkflow.outputs.produce import produce
from cjworkflow.reading.parsing import is_number

CHAT_REF = "terminal"
# Read in the terminal as one's own screen: what Telegram keeps out of a group.
PRIVATE_VERBS = frozenset({Verb.MYDATA})
# Telegram-only lines (a catalog key, its arguments, what marks the line: an argument in it
# or how it starts; None: the whole text) and the terminal's own wording for them: there is
# no private chat, no step card to reply to.
SWAPS: tuple[tuple[str, tuple[str, ...], str | None, str], ...] = (
    ("new-created", ("title", "stages", "link"), "link", "chat-how-to-join"),
    ("group-how-to-add", (), None, "chat-how-to-add"),
    ("help", (), "/add ", "chat-help-add"),
)
PRESS = re.compile(r"^(?:/press\s+|\[\s*)?(\d{1,3})\s*\]?$")


def parse_input(line: str) -> tuple[Verb, str] | None:
    """A typed line as (verb, text); None for an unknown /command."""
    if not line.startswith("/"):
        return Verb.TEXT, line
    head, _, rest = line[1:].partition(" ")
    verb = COMMAND_VERBS.get(head.lower())
    return (verb, rest.strip()) if verb else None


def terminal_wording(text: str, lang: str) -> str:
    """The text with its Telegram-only lines in the terminal's words."""
    for key, names, mark, ours in SWAPS:
        template = t(lang, key, **{n: "\x00" if n == mark else "\x01" for n in names})
        for line in template.splitlines():
            if mark in names and "\x00" not in line:
                continue
            if mark is not None and mark not in names and not line.startswith(mark):
                continue
            pattern = ".*?".join(re.escape(part) for part in re.split("[\x00\x01]", line))
            text = re.sub(f"^{pattern}$", t(lang, ours).replace("\\", "\\\\"), text,
                          flags=re.MULTILINE)
    return text


class TerminalChat:
    """A group-like chat in the terminal: everyone who speaks is a workshop member."""

    def __init__(self, engine: WorkshopEngine, *, out_dir: Path, lang: str,
                 write: Callable[[str], object] = sys.stdout.write) -> None:
        self.engine = engine
        self.out_dir = out_dir
        self.lang = lang
        self.write = write
        self.actor = Actor("terminal:facilitator", "Facilitator", "facilitator", lang)
        self.buttons: list[Button] = []
        # Which shown buttons sit on a step card, and the workshop of that card.
        self.card_actions: set[str] = set()
        self.card_buttons: list[tuple[str, str]] = []
        self.card_workshop: int | None = None
        self.counter = 0

    def say(self, text: str) -> None:
        """Print one line block."""
        self.write(text.rstrip("\n") + "\n")
        flush = getattr(sys.stdout, "flush", None)
        if self.write == sys.stdout.write and flush is not None:
            flush()

    def speak_as(self, name: str) -> None:
        """Switch the speaking member (created on first use)."""
        handle = "".join(ch for ch in name.lower() if ch.isalnum() or ch == "_") or "member"
        self.actor = Actor(f"terminal:{handle}", name, handle, self.lang)
        self.say(t(self.lang, "chat-speaking-as", name=name))

    def send(self, line: str) -> list[Reply]:
        """Handle one typed line and print the replies."""
        line = line.strip()
        if not line:
            return []
        if line.startswith("/as "):
            self.speak_as(line[4:].strip())
            return []
        pressed = PRESS.match(line)
        if pressed and (self.buttons or not is_number(line)):
            return self.press(int(pressed.group(1)))
        parsed = parse_input(line)
        verb, text = parsed if parsed is not None else (Verb.HELP, line.split()[0])
        return self.handle(verb, text)

    def press(self, number: int) -> list[Reply]:
        """Press the button shown with this number; a card's old button says it is stale."""
        if not 1 <= number <= len(self.buttons):
            self.say(t(self.lang, "chat-button-none", number=number, count=len(self.buttons)))
            return []
        button = self.buttons[number - 1]
        if button.action in self.card_actions and self.card_workshop is not None:
            current = self.engine.card(self.card_workshop, lang=self.lang)
            if current is not None and button.action not in _actions(current):
                self.say(t(self.lang, "chat-button-stale", number=number))
                self.show([replace(current, kind=Kind.CARD)])
                return []
        self.say(f"» {button.label}")
        replies = self.handle(Verb.BUTTON, button.action)
        if not any(r.text or r.attachment for r in replies if r.kind is not Kind.CARD_EDIT):
            self.say(t(self.lang, "chat-pressed", label=button.label))
        return replies

    def handle(self, verb: Verb, text: str) -> list[Reply]:
        """One command through the engine; its replies printed."""
        self.counter += 1
        cmd = Command(actor=self.actor, verb=verb, text=text, chat_ref=CHAT_REF,
                      private=verb in PRIVATE_VERBS, source_ref=f"term:{self.counter}")
        replies = self.engine.handle(cmd)
        self.show(replies)
        return replies

    def show(self, replies: Iterable[Reply]) -> None:
        """Print replies; buttons get numbers to type; attachments are written to files."""
        shown: list[Button] = []
        on_card: list[Button] = []
        for reply in replies:
            if reply.attachment is not None:
                produced = produce(reply.attachment)
                self.out_dir.mkdir(parents=True, exist_ok=True)
                path = self.out_dir / produced.filename
                path.write_bytes(produced.data)
                self.say(f"{reply.text}\n" + t(self.lang, "chat-file", path=str(path)))
                continue
            if reply.kind is Kind.CARD_EDIT:
                reply = self.edited_card(reply)
                if not reply.text:
                    continue
            if reply.kind in (Kind.CARD, Kind.CARD_EDIT):
                on_card.extend(b for row in reply.buttons for b in row)
                self.card_workshop = reply.workshop_id or self.card_workshop
            prefix = "— " if reply.kind in (Kind.ACK, Kind.ALERT) else ""
            self.say(prefix + terminal_wording(reply.text, self.lang))
            for row in reply.buttons:
                labels = []
                for button in row:
                    shown.append(button)
                    labels.append(f"[{len(shown)}] {button.label}")
                self.say("   " + "  ".join(labels))
        if shown:
            self.buttons = shown
            self.card_actions = {b.action for b in on_card}
            self.card_buttons = [(b.label, b.action) for b in on_card]

    def edited_card(self, reply: Reply) -> Reply:
        """A changed card: printed again only when its buttons changed (as Telegram edits it)."""
        wid = reply.workshop_id or self.card_workshop
        current = self.engine.card(wid, lang=self.lang) if wid is not None else None
        if current is None or not self.card_buttons or self.card_buttons == [
                (b.label, b.action) for row in current.buttons for b in row]:
            return Reply(kind=Kind.CARD_EDIT)
        return current


def _actions(reply: Reply) -> set[str]:
    return {b.action for row in reply.buttons for b in row}


def _line_editing(history: Path | None) -> Callable[[], None]:
    """Arrow keys and history for input() where the platform has readline; returns a saver."""
    try:
        import readline
    except ImportError:  # Windows without pyreadline: plain input() still works
        return lambda: None
    readline.set_history_length(1000)
    if history is not None and history.is_file():
        with contextlib.suppress(OSError):
            readline.read_history_file(history)

    def save() -> None:
        if history is not None:
            try:
                history.parent.mkdir(parents=True, exist_ok=True)
                readline.write_history_file(history)
            except OSError:
                pass  # a history is a convenience: never a reason to fail
    return save


def run(engine: WorkshopEngine, *, out_dir: Path, lang: str, stdin: TextIO = sys.stdin,
        history: Path | None = None) -> int:
    """Read lines until /quit, end of input or Ctrl-C."""
    chat = TerminalChat(engine, out_dir=out_dir, lang=lang)
    chat.say(t(lang, "chat-intro"))
    interactive = stdin.isatty() and stdin is sys.stdin
    save = _line_editing(history) if interactive else (lambda: None)
    try:
        while True:
            prompt = f"{chat.actor.display_name}> "
            line = input(prompt) + "\n" if interactive else stdin.readline()
            if not line or line.strip() in ("/quit", "/exit"):
                return 0
            chat.send(line)
    except (KeyboardInterrupt, EOFError):
        chat.say("\n" + t(lang, "chat-bye"))
        return 0
    finally:
        save()
