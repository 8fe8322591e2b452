"""The journey map and priority matrix renderers: valid, Telegram-sized, non-blank PNGs."""

from __future__ import annotations

import dataclasses
import io
import multiprocessing
import re
import struct
import warnings
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest
from matplotlib import image as mpimg

from cjworkflow.outputs.render import render_journey_map, render_matrix
from cjworkflow.outputs.render.journey_map import ITEM_MAX_LINES, Layout, _item_lines, _pack
from cjworkflow.outputs.render.matrix import MARKER_D, spread_ties
from cjworkflow.outputs.render.text import (
    ASCENT,
    DESCENT,
    clean,
    fit,
    has_glyph,
    outline,
    width,
    wrap,
)
from tests.render_factory import make_actions, make_snapshot

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
LOCALES = Path(__file__).resolve().parents[2] / "cjworkflow" / "i18n" / "locales"


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) from the PNG's IHDR chunk."""
    assert data[:8] == PNG_SIGNATURE
    assert data[12:16] == b"IHDR"
    w, h = struct.unpack(">II", data[16:24])
    return int(w), int(h)


def assert_telegram_photo(data: bytes, min_width: int = 1) -> np.ndarray:
    """Check Telegram's photo limits and that the image shows something; returns pixels."""
    w, h = png_size(data)
    assert w >= min_width
    assert max(w, h) <= 10_000
    assert max(w, h) / min(w, h) <= 20
    assert len(data) <= 10 * 1024 * 1024
    pixels = mpimg.imread(io.BytesIO(data), format="png")
    assert pixels.shape[:2] == (h, w)
    assert float(pixels[..., :3].var()) > 0.005, "image is (nearly) blank"
    return pixels


# --- the map ---------------------------------------------------------------------------------

def test_map_is_a_wide_valid_png() -> None:
    data = render_journey_map(make_snapshot(), "nl")
    assert data.startswith(PNG_SIGNATURE)
    assert_telegram_photo(data, min_width=1600)


def test_large_map_stays_under_telegram_downscale() -> None:
    w, h = png_size(render_journey_map(make_snapshot(stages=7, items=10, actions=12), "en"))
    assert w <= 2560 and h <= 2560


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize(
    "kwargs",
    [
        {"stages": 3, "items": 0},
        {"stages": 3, "items": 30},
        {"stages": 9, "items": 0},
        {"stages": 9, "items": 30},
        {"stages": 5, "items": 2, "scores": False, "ideal": False},
        {"stages": 4, "items": 1, "scores": True, "ideal": False, "actions": 0},
    ],
    ids=["3x0", "3x30", "9x0", "9x30", "no-scores", "no-ideal"],
)
def test_extreme_maps_render(kwargs: dict[str, object], lang: str) -> None:
    snapshot = make_snapshot(lang=lang, **kwargs)  # type: ignore[arg-type]
    assert_telegram_photo(render_journey_map(snapshot, lang), min_width=1600)


def test_map_without_personas_title_or_stages() -> None:
    snapshot = dataclasses.replace(make_snapshot(), title="🧺🚚", personas=(), stages=())
    assert_telegram_photo(render_journey_map(snapshot, "en"), min_width=1600)


def test_map_with_hostile_text() -> None:
    nasty = "$\\alpha$ {x} %s <b>&amp; \t tab\nnewline 👩‍👩‍👧 ✓ 中文 " + "x" * 400
    base = make_snapshot(stages=3, items=1)
    stage = dataclasses.replace(base.stages[0], label=nasty, pains=(nasty,),
                                touchpoints=((nasty, "📱"),))
    persona = dataclasses.replace(base.personas[0], name=nasty, goal=nasty, description=nasty)
    snapshot = dataclasses.replace(base, title=nasty * 3, stages=(stage, *base.stages[1:]),
                                   personas=(persona,) * 6)
    assert_telegram_photo(render_journey_map(snapshot, "nl"), min_width=1600)


def test_nl_and_en_maps_differ() -> None:
    nl = render_journey_map(make_snapshot(lang="nl"), "nl")
    en = render_journey_map(make_snapshot(lang="nl"), "en")
    assert nl != en


def test_map_is_deterministic() -> None:
    snapshot = make_snapshot(stages=4, items=2)
    assert render_journey_map(snapshot, "nl") == render_journey_map(snapshot, "nl")


def test_threads_render_the_same_bytes() -> None:
    snapshots = [
        make_snapshot(stages=n, items=2, lang=lang) for n in (3, 6) for lang in ("nl", "en")
    ]
    serial = [render_journey_map(s, s.language) for s in snapshots]
    with ThreadPoolExecutor(max_workers=4) as pool:
        threaded = list(pool.map(lambda s: render_journey_map(s, s.language), snapshots * 2))
    assert threaded == serial * 2


@pytest.mark.slow
def test_process_pool_renders() -> None:
    snapshot = make_snapshot(stages=4, items=2)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        data = pool.submit(render_matrix, snapshot, "nl").result(timeout=60)
    assert data == render_matrix(snapshot, "nl")


# --- the matrix ------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("mode,count", [("mixed", 6), ("mixed", 0), ("unrated", 5),
                                        ("tie", 30), ("mixed", 60)],
                         ids=["mixed", "none", "unrated", "tie", "many"])
def test_matrix_renders(lang: str, mode: str, count: int) -> None:
    snapshot = dataclasses.replace(make_snapshot(lang=lang),
                                   actions=make_actions(count, lang, mode))
    assert_telegram_photo(render_matrix(snapshot, lang))


def test_nl_and_en_matrices_differ() -> None:
    snapshot = make_snapshot()
    assert render_matrix(snapshot, "nl") != render_matrix(snapshot, "en")


@pytest.mark.parametrize("n", [2, 3, 6, 7, 12, 30])
def test_ties_do_not_hide_each_other(n: int) -> None:
    placed = spread_ties(make_actions(n, "nl", "tie"))
    assert len(placed) == n
    for i, a in enumerate(placed):
        for b in placed[i + 1 :]:
            distance = float(np.hypot(a.x - b.x, a.y - b.y))
            assert distance >= 0.9 * (a.diameter + b.diameter) / 2
    assert all(p.diameter <= MARKER_D for p in placed)


def test_unrated_actions_are_not_plotted() -> None:
    assert spread_ties(make_actions(6, "en", "unrated")) == []


# --- text handling ---------------------------------------------------------------------------

def test_clean_drops_what_the_font_cannot_draw() -> None:
    # U+0378 is unassigned, U+E000 private use: no font draws them.
    cleaned = clean("Goed 👍🏽 zo, café 🏗️ één\u200d ✓ \u0378\ue000\U000f0000 x")
    assert cleaned == "Goed 👍 zo, café 🏗 één ✓ x"
    assert all(has_glyph(ch) for ch in cleaned)


def test_clean_drops_joiners_selectors_and_skin_tones() -> None:
    assert clean("👩\u200d👩\u200d👧 ❤\ufe0f 👋🏻🏿 1\ufe0f\u20e3") == "👩👩👧 ❤ 👋 1"
    assert not any(has_glyph(ch) for ch in "\u0378\ue000\U000f0000")


@pytest.mark.parametrize("emoji", ["🚚", "🙂", "⏰", "📦", "😡"])
def test_emoji_come_from_the_fallback_font(emoji: str) -> None:
    assert has_glyph(emoji)
    assert clean(f"a {emoji} b") == f"a {emoji} b"
    for bold in (False, True):
        assert 0.4 < width(emoji, 1, bold) < 1.5  # about one em, like the text around it
        assert width(f"a{emoji}b", 10, bold) == pytest.approx(
            width("a", 10, bold) + width(emoji, 10, bold) + width("b", 10, bold)
        )
        vertices, codes = outline(emoji, 10, bold)
        assert len(vertices) == len(codes) > 0
        # On the baseline at text size: within the line box the canvas reserves for text.
        assert vertices[:, 1].min() >= -DESCENT * 10 and vertices[:, 1].max() <= ASCENT * 10


def test_wrap_measures_emoji() -> None:
    lines = wrap("🚚 " * 40, 100, 11)
    assert len(lines) > 1
    assert all(0 < width(line, 11) <= 100 + 1e-6 for line in lines)
    assert "".join(lines).replace(" ", "") == "🚚" * 40


def _without_emoji(text: str) -> str:
    """text with every character outside DejaVu's reach (here: the emoji) removed."""
    return "".join(ch for ch in text if ord(ch) < 0x2300)


def test_map_draws_emoji() -> None:
    base = make_snapshot(stages=3, items=1)
    stage = dataclasses.replace(
        base.stages[0],
        pains=("Wacht te lang ⏰🙂", "Pakket kwijt 📦"),
        touchpoints=(("Bezorger 🚚 belt niet aan", "🚚 bezorging"),),
    )
    with_emoji = dataclasses.replace(base, title="Kaart 🚚", stages=(stage, *base.stages[1:]))
    plain_stage = dataclasses.replace(
        stage,
        pains=tuple(_without_emoji(p) for p in stage.pains),
        touchpoints=tuple((_without_emoji(t), _without_emoji(c or "")) for t, c in
                          stage.touchpoints),
    )
    plain = dataclasses.replace(with_emoji, title="Kaart",
                                stages=(plain_stage, *base.stages[1:]))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        drawn = assert_telegram_photo(render_journey_map(with_emoji, "nl"), min_width=1600)
        bare = assert_telegram_photo(render_journey_map(plain, "nl"), min_width=1600)
    assert drawn.shape == bare.shape
    assert np.abs(drawn - bare).max() > 0.5


def test_wrap_breaks_long_compounds() -> None:
    word = "klantcontactmedewerkersopleidingsprogramma"
    lines = wrap(f"De {word} ontbreekt", 120, 11)
    assert len(lines) >= 3
    assert all(width(line, 11) <= 120 + 1e-6 for line in lines)
    assert "".join(line.rstrip("-") for line in lines).replace(" ", "") == (
        f"De{word}ontbreekt"
    )


def test_wrap_prefers_an_existing_hyphen() -> None:
    lines = wrap("klantcontact-medewerkersopleiding", 150, 11)
    assert lines[0] == "klantcontact-"


def test_fit_marks_cut_text() -> None:
    lines = fit("een " * 200, 100, 11, 3)
    assert len(lines) == 3 and lines[-1].endswith("…")


def test_full_cell_says_how_many_more() -> None:
    lay = Layout(5)
    items = [f"Punt {i} met wat uitleg erbij" for i in range(30)]
    cell = _pack(items, lay.item_w_pt, 12)
    shown = sum(len(lines) for lines in cell.items)
    assert shown <= 11  # one line stays free for "+N more"
    assert cell.hidden == 30 - len(cell.items) > 0
    assert all(len(_item_lines(i, lay.item_w_pt)) <= ITEM_MAX_LINES for i in items)


def test_cell_that_fits_hides_nothing() -> None:
    lay = Layout(5)
    cell = _pack(["kort", "ook kort"], lay.item_w_pt, 2)
    assert cell.hidden == 0 and len(cell.items) == 2


# --- catalogs --------------------------------------------------------------------------------

def _ids(path: Path) -> set[str]:
    return set(re.findall(r"^([a-zA-Z][\w-]*)\s*=", path.read_text(encoding="utf-8"), re.M))


def test_render_catalogs_define_the_same_ids() -> None:
    nl, en = _ids(LOCALES / "nl" / "render.ftl"), _ids(LOCALES / "en" / "render.ftl")
    assert nl == en
    quadrants = {"quick_win", "major_project", "fill_in", "thankless", "unrated"}
    assert {f"quadrant-{q}" for q in quadrants} <= nl
    assert all(i.startswith("render-") for i in nl - {f"quadrant-{q}" for q in quadrants})
