"""Telegram's photo limits as the bot applies them: width + height <= 10000, ratio <= 20."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot import photos
from tests.e2e.test_fakebotapi import png
from tests.fakebotapi.limits import photo_dimension_error


@pytest.mark.parametrize(("width", "height", "fits"), [
    (2400, 1800, True), (5000, 5000, True), (5001, 5000, False), (9999, 2, False),
    (100, 2000, True), (100, 2001, False), (2001, 100, False), (0, 10, False),
])
def test_photo_limits_are_on_the_sum_and_the_ratio(width: int, height: int, fits: bool) -> None:
    assert photos.fits(width, height) is fits
    assert photos.sendable_as_photo(png(width, height, pixels=False)) is fits


def test_too_big_or_unknown_pictures_go_as_documents() -> None:
    assert not photos.sendable_as_photo(png(100, 100, pixels=False) + bytes(10 * 2**20))
    assert not photos.sendable_as_photo(b"GIF89a" + bytes(20))
    assert photos.png_size(png(640, 480)) == (640, 480)


@given(st.integers(1, 12_000), st.integers(1, 12_000))
@settings(max_examples=300, deadline=None)
def test_the_bot_and_the_fake_telegram_agree(width: int, height: int) -> None:
    """What the bot sends as a photo the fake (the spec's rule) accepts, and nothing more."""
    assert photos.fits(width, height) is not photo_dimension_error(width, height)
