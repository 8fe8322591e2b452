"""The button table (cjworkflow.flow.buttons): typed arguments, the 64-byte budget, one
press handler per kind."""

from __future__ import annotations

import pytest

from cjworkflow.errors import UserError
from cjworkflow.flow import buttons
from cjworkflow.flow.handlers_buttons import BUTTONS, PERSONAL
from cjworkflow.messages import MAX_ACTION_BYTES


def _longest(arg: buttons.Arg) -> str:
    """The longest value arg takes."""
    if arg.choices is not None:
        return max(arg.choices, key=lambda c: len(c.encode("utf-8")))
    if arg.text:
        return "é" * (arg.text // 2) + "x" * (arg.text % 2)
    return str(buttons.MAX_ID)


@pytest.mark.parametrize("code", sorted(buttons.KINDS))
def test_every_kind_with_its_longest_arguments_fits_and_reads_back(code: str) -> None:
    kind = buttons.KINDS[code]
    values = [_longest(a) for a in kind.args]
    button = buttons.make("label", code, buttons.MAX_ID, *values)
    assert len(button.action.encode("utf-8")) == kind.longest <= MAX_ACTION_BYTES
    pressed = buttons.parse(button.action)
    assert (pressed.kind, pressed.workshop_id, pressed.args) == (kind, buttons.MAX_ID,
                                                                 tuple(values))


@pytest.mark.parametrize("code", sorted(buttons.KINDS))
def test_a_kind_refuses_what_it_does_not_take(code: str) -> None:
    kind = buttons.KINDS[code]
    values = [_longest(a) for a in kind.args]
    with pytest.raises(UserError, match="button-unknown"):
        buttons.parse(":".join([code, "1", *values, "1"]))  # one argument too many
    with pytest.raises(ValueError):
        buttons.make("label", code, 1, *values, "1")
    for i, arg in enumerate(kind.args):
        wrong = "x" if arg.choices is None and not arg.text else "no:colon"
        if arg.choices is not None:
            wrong = "nonsense"
        forged = [*values[:i], wrong, *values[i + 1:]]
        with pytest.raises(UserError, match="button-unknown"):
            buttons.parse(":".join([code, "1", *forged]))
        with pytest.raises(ValueError):
            buttons.make("label", code, 1, *forged)
        if not arg.optional:
            with pytest.raises(UserError, match="button-unknown"):
                buttons.parse(":".join([code, "1", *values[:i]]))


def test_ids_beyond_postgresql_integers_are_forged() -> None:
    with pytest.raises(UserError, match="button-unknown"):
        buttons.parse(f"tg:1:{buttons.MAX_ID + 1}")
    with pytest.raises(UserError, match="button-unknown"):
        buttons.parse(f"st:{buttons.MAX_ID + 1}")
    with pytest.raises(UserError, match="button-unknown"):
        buttons.parse("zz:1")


def test_optional_arguments_may_be_left_out() -> None:
    # A /delete button from before expiry existed has no minute: it reads (and expires).
    assert buttons.parse("dl:5").args == ()
    assert buttons.parse("ln:5").args == ()


def test_every_kind_has_one_press_handler() -> None:
    assert set(BUTTONS) == set(buttons.KINDS)
    assert {"fg", "vq", "vn", "tl", "tp"} == PERSONAL
