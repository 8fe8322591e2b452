"""The bot's cache of rendered files: newest version only, bounded in count and bytes."""

from __future__ import annotations

from bot import attachments
from bot.attachments import RenderCache
from cjworkflow.outputs.produce import Produced


def _file(size: int) -> Produced:
    return Produced("map.png", b"x" * size, "image/png")


def _cache() -> RenderCache:
    return RenderCache()


def test_a_new_version_replaces_the_old_one() -> None:
    d = _cache()
    d.put(("map", 1, 1, "nl"), _file(10))
    d.put(("map", 1, 1, "en"), _file(10))
    d.put(("map", 1, 2, "nl"), _file(20))
    assert list(d.files) == [("map", 1, 1, "en"), ("map", 1, 2, "nl")]
    assert d.bytes == 30


def test_big_files_are_evicted_least_recently_used_first_by_size() -> None:
    d = _cache()
    mb = 2**20
    for wid in range(1, 20):  # 19 maps of 4 MiB: far over the 32 MiB bound
        d.put(("map", wid, 1, "nl"), _file(4 * mb))
    assert d.bytes <= attachments.RENDER_CACHE_BYTES
    assert [k[1] for k in d.files] == list(range(12, 20))  # the newest eight stay
    assert d.bytes == sum(len(p.data) for p in d.files.values())
