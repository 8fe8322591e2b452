"""Button action strings: '<verb>:<workshop>:<args…>', at most 64 bytes, checked on the way in."""

from __future__ import annotations

from dataclasses import dataclass

from cjworkflow.errors import UserError
from cjworkflow.messages import MAX_ACTION_BYTES, Button
from cjworkflow.reading.parsing import is_number

MAX_ID = 2**31 - 1  # ids are PostgreSQL integers: larger ones are forged

VERBS = {
    "sm",  # choose stage model: sm:<ws>:five|seven
    "nx",  # next, from step: nx:<ws>:<step>
    "bk",  # back, from step
    "st",  # status
    "hp",  # help
    "tg",  # toggle target persona: tg:<ws>:<entry id>
    "fs",  # focus stage: fs:<ws>:<step>:<position>
    "sc",  # current emotion: sc:<ws>:<stage id>:<score>
    "si",  # ideal emotion: si:<ws>:<stage id>:<score>
    "pq",  # answer a follow-up: pq:<ws>:<question id>:<value>
    "ws",  # make a workshop my active one
    "mp",  # the map
    "ac",  # the action plan
    "ex",  # export
    "dl",  # delete, confirmed: dl:<ws>:<minute it was asked, since the epoch>
    "rm",  # remove an entry, confirmed: rm:<ws>:e|a:<entry or action id>
    "ln",  # language: ln:<ws>:nl|en
    "rd",  # a reminded action is done: rd:<ws>:<action>
    "rs",  # remind again later: rs:<ws>:<action>:<days>
    "rb",  # a reminded action is blocked (asks why): rb:<ws>:<action>
    "fg",  # a /forget choice: fg:<ws of the group it was shown in, or 0>:<person>:k|d|c
    "kk",  # a /kick confirmation: kk:<ws>:<member>:y|n
}


@dataclass(frozen=True)
class Pressed:
    verb: str
    workshop_id: int
    args: tuple[str, ...]

    def int_arg(self, i: int) -> int:
        """Argument i as an int, or a 'button-unknown' error."""
        if i >= len(self.args) or not is_number(self.args[i]) or int(self.args[i]) > MAX_ID:
            raise UserError("button-unknown")
        return int(self.args[i])


def make(label: str, verb: str, workshop_id: int, *args: object) -> Button:
    """A button for verb on a workshop."""
    return Button(label, ":".join([verb, str(workshop_id), *map(str, args)]))


def parse(action: str) -> Pressed:
    """Decode an action string; anything forged or garbled is a 'button-unknown' error."""
    if len(action.encode("utf-8", "replace")) > MAX_ACTION_BYTES:
        raise UserError("button-unknown")
    parts = action.split(":")
    if (len(parts) < 2 or parts[0] not in VERBS or not is_number(parts[1])
            or int(parts[1]) > MAX_ID):
        raise UserError("button-unknown")
    return Pressed(parts[0], int(parts[1]), tuple(parts[2:]))
