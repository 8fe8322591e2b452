"""The button table: each kind of button, its short code and typed arguments, checked twice.

An action string is '<code>:<workshop>:<args…>', at most 64 bytes (Telegram's callback_data).
make() builds one only from arguments its kind accepts; parse() decodes one and refuses
anything forged or garbled. Every kind's longest action fits the budget (checked at import).
The press handlers (flow.handlers_buttons.BUTTONS) are keyed by these codes, one each.
"""

from __future__ import annotations

from dataclasses import dataclass

from cjworkflow.errors import UserError
from cjworkflow.i18n import LANGUAGES
from cjworkflow.messages import MAX_ACTION_BYTES, Button
from cjworkflow.reading.parsing import is_number
from cjworkflow.steps import template_keys as templates

MAX_ID = 2**31 - 1  # ids are PostgreSQL integers: larger ones are forged


@dataclass(frozen=True)
class Arg:
    """One argument of a button: a number up to MAX_ID, one of some words, or short text."""

    name: str
    choices: tuple[str, ...] | None = None  # one of these words
    text: int = 0  # free text of at most this many bytes (0: a number or a choice)
    optional: bool = False  # older buttons lack it (only at the end)

    def accepts(self, value: str) -> bool:
        """Whether value is one this argument takes."""
        if self.choices is not None:
            return value in self.choices
        if self.text:
            return 0 < len(value.encode("utf-8")) <= self.text and ":" not in value
        return is_number(value) and int(value) <= MAX_ID

    @property
    def longest(self) -> int:
        """The most bytes a value of it takes."""
        if self.choices is not None:
            return max(len(c.encode("utf-8")) for c in self.choices)
        return self.text or len(str(MAX_ID))


def _number(name: str, *, optional: bool = False) -> Arg:
    return Arg(name, optional=optional)


def _one_of(name: str, *choices: str, optional: bool = False) -> Arg:
    return Arg(name, choices=choices, optional=optional)


@dataclass(frozen=True)
class Kind:
    """A kind of button: its code and arguments (the workshop id always comes first)."""

    code: str
    about: str
    args: tuple[Arg, ...] = ()
    # About a person rather than a workshop: pressed before any workshop is resolved.
    personal: bool = False

    @property
    def longest(self) -> int:
        """The most bytes one of its action strings takes."""
        return (len(self.code) + 1 + len(str(MAX_ID))
                + sum(1 + a.longest for a in self.args))


KINDS: dict[str, Kind] = {k.code: k for k in (
    Kind("sm", "choose the stage model", (_one_of("model", "five", "seven"),)),
    Kind("nx", "next step, from this step", (_number("step"),)),
    Kind("bk", "previous step, from this step", (_number("step"),)),
    Kind("st", "status"),
    Kind("hp", "help"),
    Kind("tg", "toggle a target persona", (_number("entry"),)),
    Kind("fs", "focus a stage on the card", (_number("step"), _number("position"))),
    Kind("sc", "current emotion of a stage", (_number("stage"), _number("score"))),
    Kind("si", "ideal emotion of a stage", (_number("stage"), _number("score"))),
    Kind("pq", "answer a follow-up question",
         (_number("question"), Arg("value", text=24, optional=True))),
    Kind("ws", "make a workshop my active one"),
    Kind("mp", "the map"),
    Kind("ac", "the action plan"),
    Kind("ex", "export"),
    # Without the minute it was asked (buttons from before it expired) it counts as expired.
    Kind("dl", "delete, confirmed", (_number("minute asked, since the epoch", optional=True),)),
    Kind("rm", "remove an entry or action, confirmed", (_one_of("what", "e", "a"),
                                                         _number("entry or action"))),
    Kind("ln", "language", (_one_of("language", *LANGUAGES, optional=True),)),
    Kind("rd", "a reminded action is done", (_number("action"),)),
    Kind("rs", "remind again later", (_number("action"), _number("days"))),
    Kind("rb", "a reminded action is blocked (asks why)", (_number("action"),)),
    # Its workshop is the group's it was shown in, or 0 when shown privately.
    Kind("fg", "a /forget choice", (_number("person"), _one_of("choice", "k", "d", "c")),
         personal=True),
    Kind("kk", "a /kick confirmation", (_number("member"), _one_of("choice", "y", "n"))),
    # Team facilitation: a dot put on (+) or taken back (-), a hidden estimate, closing, and
    # a top-voted entry made an action.
    Kind("vd", "a dot in a vote", (_number("poll"), _number("item"), _one_of("sign", "+", "-"))),
    Kind("ve", "an estimate", (_number("poll"), _number("action"), _one_of("field", "i", "e"),
                               _number("score"))),
    Kind("vc", "close a vote or estimate", (_number("poll"),)),
    Kind("va", "make a top-voted entry an action", (_number("entry"),)),
    # A customer's survey answers: no workshop (0), their response; personal (no member).
    Kind("vq", "a customer's face for a stage", (_number("response"), _number("position"),
                                                 _number("score, 0: skip")), personal=True),
    Kind("vn", "a customer has no closing comment", (_number("response"),), personal=True),
    # Journey templates: the list (welcome) and one picked; no workshop yet (0).
    Kind(templates.LIST, "the journey templates", personal=True),
    Kind(templates.PICK, "start a workshop from a template",
         (_one_of("template", *templates.KEYS),), personal=True),
    Kind("ta", "make a context line of the action step an action", (_number("entry"),)),
)}
for _kind in KINDS.values():
    if _kind.longest > MAX_ACTION_BYTES:
        raise AssertionError(f"button {_kind.code} may take {_kind.longest} bytes")
    _optional = [a.optional for a in _kind.args]
    if _optional != sorted(_optional):
        raise AssertionError(f"button {_kind.code}: optional arguments come last")
VERBS = frozenset(KINDS)


@dataclass(frozen=True)
class Pressed:
    """A decoded action string: its kind, workshop and arguments (checked against the kind)."""

    verb: str
    workshop_id: int
    args: tuple[str, ...]

    @property
    def kind(self) -> Kind:
        """Its row in the button table."""
        return KINDS[self.verb]

    def int_arg(self, i: int) -> int:
        """Argument i as an int, or a 'button-unknown' error."""
        if i >= len(self.args) or not is_number(self.args[i]) or int(self.args[i]) > MAX_ID:
            raise UserError("button-unknown")
        return int(self.args[i])


def _fits(kind: Kind, args: tuple[str, ...]) -> bool:
    needed = sum(not a.optional for a in kind.args)
    return (needed <= len(args) <= len(kind.args)
            and all(a.accepts(v) for a, v in zip(kind.args, args, strict=False)))


def make(label: str, verb: str, workshop_id: int, *args: object) -> Button:
    """A button of kind verb on a workshop; arguments its kind refuses are a bug."""
    kind = KINDS[verb]
    values = tuple(map(str, args))
    if not _fits(kind, values) or not 0 <= workshop_id <= MAX_ID:
        raise ValueError(f"button {verb} does not take {workshop_id} {values}")
    return Button(label, ":".join([verb, str(workshop_id), *values]))


def parse(action: str) -> Pressed:
    """Decode an action string; anything forged or garbled is a 'button-unknown' error."""
    if len(action.encode("utf-8", "replace")) > MAX_ACTION_BYTES:
        raise UserError("button-unknown")
    parts = action.split(":")
    if (len(parts) < 2 or parts[0] not in KINDS or not is_number(parts[1])
            or int(parts[1]) > MAX_ID):
        raise UserError("button-unknown")
    pressed = Pressed(parts[0], int(parts[1]), tuple(parts[2:]))
    if not _fits(pressed.kind, pressed.args):
        raise UserError("button-unknown")
    return pressed
