"""Issue #14's map fixes: items wrap instead of being cut, the legend names only what is drawn,
the footer shows a date and no version counter."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cjworkflow.i18n import t
from cjworkflow.outputs.render.emotion_lane import legend_kinds
from cjworkflow.outputs.render.journey_map import Layout, _item_lines, _pack
from cjworkflow.snapshot import StageView


def test_a_long_item_wraps_over_the_lane_rather_than_being_cut() -> None:
    lay = Layout(5)
    item = "De klant belt twee keer omdat de bezorger niet aanbelt " * 4  # ~230 characters
    lines = _item_lines(item.strip(), lay.item_w_pt)
    assert len(lines) > 5 and not lines[-1].endswith("…")
    cell = _pack([item.strip()], lay.item_w_pt, 12)
    assert cell.items == [lines] and cell.hidden == 0


def test_an_item_that_does_not_fit_after_others_goes_to_more_uncut() -> None:
    lay = Layout(5)
    long = "lang verhaal over de bezorging en alles wat er mis ging " * 3
    cell = _pack(["kort", "ook kort", long.strip()], lay.item_w_pt, 5)
    assert cell.hidden == 1 and all(not x[-1].endswith("…") for x in cell.items)


@pytest.mark.parametrize(("stages", "kinds"), [
    ((StageView(0, "A"),), []),
    ((StageView(0, "A", scores=(3, 3)),), ["current"]),
    ((StageView(0, "A", scores=(3, 4)), StageView(1, "B", ideal_scores=(4,))),
     ["current", "spread", "ideal"]),
    ((StageView(0, "A", scores=(1, 5), moments=("m",)),), ["current", "moment", "split"]),
])
def test_the_legend_names_only_what_the_curve_draws(stages: tuple[StageView, ...],
                                                    kinds: list[str]) -> None:
    assert legend_kinds(stages) == kinds


@pytest.mark.parametrize(("lang", "expected"), [("nl", "cjbot · 5 dec 2026"),
                                                ("en", "cjbot · Dec 5, 2026")])
def test_the_footer_is_a_date_without_a_version(lang: str, expected: str) -> None:
    text = t(lang, "render-footer", date=datetime(2026, 12, 5, 12, tzinfo=UTC))
    assert "".join(ch for ch in text if ch.isprintable()) == expected
    assert "versie" not in text and "version" not in text


def _drawn(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every string the canvas is asked to draw, recorded."""
    from cjworkflow.outputs.render import canvas
    seen: list[str] = []
    real = canvas.Canvas.text

    def text(self: canvas.Canvas, x: float, y: float, s: str, size: float,
             **kw: object) -> float:
        seen.append(s)
        return real(self, x, y, s, size, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(canvas.Canvas, "text", text)
    return seen


def test_the_matrix_wraps_long_titles_instead_of_cutting_them(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import dataclasses

    from cjworkflow.outputs.render import render_matrix
    from tests.render_factory import make_snapshot
    title = "Levertijd op de productpagina corrigeren en ook in de checkout laten zien"
    snap = make_snapshot(actions=3, lang="nl")
    actions = (dataclasses.replace(snap.actions[0], title=title, impact=5, effort=1),
               *(dataclasses.replace(a, impact=2, effort=5) for a in snap.actions[1:]))
    drawn = _drawn(monkeypatch)
    render_matrix(dataclasses.replace(snap, actions=actions), "nl")
    text = " ".join(" ".join(drawn).split())
    assert not any(s.rstrip().endswith("…") for s in drawn), drawn
    # Both on the plot (under its marker) and in the plan beside it, every word shows.
    assert text.count("checkout laten zien") >= 2 or text.count("laten zien") >= 2
