"""Mini App initData (issue #17): Telegram's rule, computed here independently of the code."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from urllib.parse import quote, urlencode

import pytest

from bot.web.initdata import MAX_INIT_DATA, validate

TOKEN = "7000000001:AAH-example-token-for-the-initdata-tests"


def telegram_signs(fields: dict[str, str], token: str = TOKEN) -> str:
    """initData as core.telegram.org describes it: sorted key=value lines, HMAC-SHA256 with
    the key HMAC_SHA256("WebAppData", bot_token)."""
    check = "\n".join(f"{k}={fields[k]}" for k in sorted(fields))
    secret = hmac.new(b"WebAppData", token.encode(), hashlib.sha256).digest()
    digest = hmac.new(secret, check.encode(), hashlib.sha256).hexdigest()
    return urlencode({**fields, "hash": digest}, quote_via=quote)


def _fields(**over: str) -> dict[str, str]:
    user = {"id": 42, "first_name": "Anna", "last_name": "de Vries", "username": "anna",
            "language_code": "nl"}
    return {"auth_date": str(int(time.time())), "query_id": "AAHdF6IQAAAAAN0XohDhrOrc",
            "user": json.dumps(user, separators=(",", ":")), **over}


def test_telegram_signed_data_names_its_user() -> None:
    user = validate(telegram_signs(_fields()), TOKEN)
    assert user is not None
    assert (user.id, user.first_name, user.username, user.language) == (
        42, "Anna de Vries", "anna", "nl")


def test_extra_fields_are_part_of_what_is_signed() -> None:
    data = telegram_signs(_fields(signature="abc", chat_type="private"))
    assert validate(data, TOKEN) is not None
    assert validate(data.replace("private", "group"), TOKEN) is None


@pytest.mark.parametrize("mangle", [
    lambda d: d.replace("Anna", "Eve"),  # the user changed
    lambda d: d + "&extra=1",  # a field added
    lambda d: d.replace("hash=", "hash=0"),  # the hash changed
    lambda d: d.replace("hash=", "hsh="),  # no hash
    lambda d: d + "&user=x",  # a field twice
    lambda d: "%%%" + d,  # not a query string
    lambda d: d + "&pad=" + "x" * MAX_INIT_DATA,  # too large
    lambda d: "",
])
def test_anything_changed_or_odd_is_refused(mangle: object) -> None:
    data = telegram_signs(_fields())
    assert validate(mangle(data), TOKEN) is None  # type: ignore[operator]


def test_another_bots_data_or_stale_data_is_refused() -> None:
    assert validate(telegram_signs(_fields(), "1:other-bot"), TOKEN) is None
    stale = _fields(auth_date=str(int(time.time()) - 2 * 24 * 3600))
    assert validate(telegram_signs(stale), TOKEN) is None
    future = _fields(auth_date=str(int(time.time()) + 3600))
    assert validate(telegram_signs(future), TOKEN) is None


@pytest.mark.parametrize("user", ['"anna"', "[]", '{"id": "42"}', '{"id": 0}', '{"id": true}',
                                  "{", '{"first_name": "x"}'])
def test_a_signed_but_odd_user_is_refused(user: str) -> None:
    assert validate(telegram_signs(_fields(user=user)), TOKEN) is None
