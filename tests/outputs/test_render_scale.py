"""Renders at scale: a worker's memory stays flat, and a huge workshop costs no more to draw."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from cjworkflow.i18n import t
from cjworkflow.outputs.render import render_journey_map, render_matrix
from cjworkflow.outputs.render.journey_map import (
    LANE_MAX_LINES,
    Layout,
    _clean_cell,
    _item_lines,
    _pack,
)
from cjworkflow.outputs.render.text import clean, drawable
from cjworkflow.snapshot import StageView, WorkshopSnapshot
from tests.render_factory import make_snapshot

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def no_cyclic_gc() -> Iterator[None]:
    """The cyclic collector off, as it effectively is between a worker's rare full passes."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect()


def _live_rasters() -> int:
    """Agg raster buffers still alive (each is width x height x 4 bytes)."""
    return sum(1 for o in gc.get_objects() if type(o).__name__ == "RendererAgg")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_maps_and_matrices_free_their_rasters_at_once(no_cyclic_gc: None, lang: str) -> None:
    # A big map's raster is ~20 MB; before the fix every render left one behind until the
    # next full collection, and a long-lived worker grew from ~140 to ~390 MiB over 40 maps.
    before = _live_rasters()
    snap = make_snapshot(stages=7, items=10, actions=12, lang=lang)
    images = [render_journey_map(snap, lang), render_matrix(snap, lang),
              render_journey_map(snap, lang)]
    assert all(image.startswith(PNG_SIGNATURE) and len(image) > 10_000 for image in images)
    assert _live_rasters() == before


def _big_snapshot(per_cell: int) -> WorkshopSnapshot:
    """Five stages with per_cell distinct items in every lane (a very big workshop)."""
    def items(stage: int, lane: str) -> tuple[str, ...]:
        return tuple(f"{lane} {stage}.{i}: klant wacht op de bezorger van de wasmachine"
                     for i in range(per_cell))
    stages = tuple(StageView(
        position=p, label=f"Fase {p + 1}",
        touchpoints=tuple((x, "web") for x in items(p, "contact")),
        user_actions=items(p, "doet"), pains=items(p, "pijn"), solutions=items(p, "idee"),
        moments=items(p, "moment"), observations=items(p, "observatie"),
        scores=(2, 4, 3), ideal_scores=(5,)) for p in range(5))
    return WorkshopSnapshot(id=1, title="Grote sessie", language="nl",
                            timezone="Europe/Amsterdam", stage_model="five", current_step=5,
                            status="active", created_at=datetime(2026, 11, 1, tzinfo=UTC),
                            version=3, stages=stages)


def test_a_huge_workshop_wraps_only_what_its_map_can_show() -> None:
    # 400 items per cell: only the first dozen or so of each cell can ever be drawn, so
    # only those may be wrapped (before, all 12,000 were: half of a big fresh render).
    _item_lines.cache_clear()
    image = render_journey_map(_big_snapshot(400), "nl")
    assert image.startswith(PNG_SIGNATURE)
    cells = 6 * 5
    assert _item_lines.cache_info().currsize <= cells * (LANE_MAX_LINES + 1)


def test_more_counts_every_drawable_item_and_no_blank_one() -> None:
    lay = Layout(5)
    blank = ["\u200b\u200d", "   ", "\x07"]  # nothing to draw: not an item
    items = [f"Punt {i}" for i in range(30)] + blank + ["🚚 laat", "Nog één"]
    cell = _pack(_clean_cell(items), lay.item_w_pt, LANE_MAX_LINES)
    shown = len(cell.items)
    assert 1 <= shown < LANE_MAX_LINES
    assert shown + cell.hidden == 32  # 30 + the two real ones after the blanks
    assert t("nl", "render-more", count=cell.hidden).startswith("+")


@pytest.mark.parametrize("text", ["abc", "  x ", "", " ", "\u200b", "\u200d\ufe0f", "\x00\x07",
                                  "e\u0301", "🚚", "\U0001F3FB", "\t\n", "😀\u200d😀", "\u2028"])
def test_drawable_agrees_with_clean(text: str) -> None:
    assert drawable(text) == bool(clean(text))
