"""The terminal adapter: run a workshop from a shell, speaking as different members."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TextIO

from cjworkflow.flow.engine import WorkshopEngine
from cjworkflow.flow.verbs import COMMAND_VERBS
from cjworkflow.i18n import t
from cjworkflow.messages import Actor, Button, Command, Kind, Reply, Verb
from cjworkflow.outputs.produce import produce
from cjworkflow.reading.parsing import is_number

CHAT_REF = "terminal"


def parse_input(line: str) -> tuple[Verb, str] | None:
    """A typed line as (verb, text); None for an unknown /command."""
    if not line.startswith("/"):
        return Verb.TEXT, line
    head, _, rest = line[1:].partition(" ")
    verb = COMMAND_VERBS.get(head.lower())
    return (verb, rest.strip()) if verb else None


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
        self.counter = 0

    def say(self, text: str) -> None:
        """Print one line block."""
        self.write(text.rstrip("\n") + "\n")

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
        if line.startswith("/press ") or (line.startswith("[") and line.endswith("]")):
            number = line.strip("[]").replace("/press", "").strip()
            if not is_number(number) or not 1 <= int(number) <= len(self.buttons):
                self.say("?")
                return []
            verb, text = Verb.BUTTON, self.buttons[int(number) - 1].action
        else:
            parsed = parse_input(line)
            if parsed is None:
                verb, text = Verb.HELP, line.split()[0]
            else:
                verb, text = parsed
        self.counter += 1
        cmd = Command(actor=self.actor, verb=verb, text=text, chat_ref=CHAT_REF, private=False,
                      source_ref=f"term:{self.counter}")
        replies = self.engine.handle(cmd)
        self.show(replies)
        return replies

    def show(self, replies: Iterable[Reply]) -> None:
        """Print replies; buttons get numbers to /press; attachments are written to files."""
        shown: list[Button] = []
        for reply in replies:
            if reply.attachment is not None:
                produced = produce(reply.attachment)
                self.out_dir.mkdir(parents=True, exist_ok=True)
                path = self.out_dir / produced.filename
                path.write_bytes(produced.data)
                self.say(f"{reply.text}\n" + t(self.lang, "chat-file", path=str(path)))
                continue
            if reply.kind is Kind.CARD_EDIT:
                continue  # the terminal shows new cards; /card prints the current one
            self.say(("— " if reply.kind in (Kind.ACK, Kind.ALERT) else "") + reply.text)
            for row in reply.buttons:
                labels = []
                for button in row:
                    shown.append(button)
                    labels.append(f"[{len(shown)}] {button.label}")
                self.say("   " + "  ".join(labels))
        if shown:
            self.buttons = shown


def run(engine: WorkshopEngine, *, out_dir: Path, lang: str, stdin: TextIO = sys.stdin) -> int:
    """Read lines until /quit or end of input."""
    chat = TerminalChat(engine, out_dir=out_dir, lang=lang)
    chat.say(t(lang, "chat-intro"))
    interactive = stdin.isatty()
    while True:
        if interactive:
            sys.stdout.write(f"{chat.actor.display_name}> ")
            sys.stdout.flush()
        line = stdin.readline()
        if not line or line.strip() in ("/quit", "/exit"):
            return 0
        chat.send(line)
