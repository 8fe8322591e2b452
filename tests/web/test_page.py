"""The web view's HTML (issue #17): the drawings inline, the map's text, the plan, in the
workshop's language; names only where allowed; user text never becomes markup."""

from __future__ import annotations

import gzip
import re
from dataclasses import replace

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from cjworkflow import demo
from cjworkflow.flow.engine import WorkshopEngine
from cjworkflow.snapshot import WorkshopSnapshot
from cjworkflow.storage.models import Workshop
from cjworkflow.storage.readmodel import build_snapshot
from cjworkflow.web import document, page, read


def _snapshot(engine: Engine, lang: str) -> tuple[WorkshopSnapshot, Workshop]:
    wid = demo.build(WorkshopEngine(engine, default_language=lang), lang)
    with Session(engine) as s:
        ws = s.get(Workshop, wid)
        assert ws is not None
        return build_snapshot(session=s, workshop=ws), ws


@pytest.fixture
def demo_en(sqlite_engine: Engine) -> tuple[WorkshopSnapshot, Workshop]:
    return _snapshot(sqlite_engine, "en")


def test_the_part_holds_both_drawings_the_map_text_and_the_plan(
        demo_en: tuple[WorkshopSnapshot, Workshop]) -> None:
    snap, _ = demo_en
    html = page.fragment(snap)
    svgs = re.findall(r"<svg\b[^>]*>", html)
    assert len(svgs) == 2 and all('role="img"' in s and "width=" not in s for s in svgs)
    assert "<?xml" not in html and "<!DOCTYPE svg" not in html
    # Ids are made unique on the page: the map's and the matrix's clip paths differ.
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    for ref in re.findall(r"url\(#([^)]+)\)", html):
        assert ref in ids
    stage = snap.stages[0]
    assert stage.label in html
    first = next(item for s in snap.stages for item in s.pains)
    assert first in html
    assert snap.actions[0].title in html and "Action plan" in html
    assert snap.actions[0].owner and snap.actions[0].owner in html


def test_a_dutch_workshop_is_shown_in_dutch(sqlite_engine: Engine) -> None:
    snap, _ = _snapshot(sqlite_engine, "nl")
    html = page.fragment(snap)
    assert "Actieplan" in html and "Prioriteitenmatrix" in html and "Eigenaar" in html


def test_anonymous_mode_drops_every_name(demo_en: tuple[WorkshopSnapshot, Workshop]) -> None:
    snap, _ = demo_en
    owners = {a.owner for a in snap.actions if a.owner} | {
        a.owner_name for a in snap.actions if a.owner_name} | set(snap.members)
    assert owners
    hidden = read.public(snap, anonymous=True)
    html = page.fragment(hidden)
    for name in owners:
        assert name not in html
    assert read.public(snap, anonymous=False) is snap


def test_user_text_is_escaped(demo_en: tuple[WorkshopSnapshot, Workshop]) -> None:
    snap, _ = demo_en
    evil = "<script>alert(1)</script>"
    stage = replace(snap.stages[0], pains=(evil,))
    html = page.fragment(replace(snap, title=evil, stages=(stage, *snap.stages[1:])))
    assert evil not in html and "&lt;script&gt;" in html
    whole = document.document(title=evil, lang="en", version=1, live="")
    assert whole.count("<script") == 1, "only the page's own script"


def test_the_document_prints_on_a3_landscape_and_keeps_itself_live() -> None:
    html = document.document(title="T", lang="nl", version=7, live="<p>x</p>")
    assert "@page { size: A3 landscape" in html and "@media print" in html
    assert 'data-version="7"' in html and f'<script src="{document.SCRIPT_PATH}">' in html
    assert "EventSource" in document.SCRIPT and "/events" in document.SCRIPT
    assert 'lang="nl"' in html and "niet live" in html


def test_the_packed_page_is_the_document_compressed(
        demo_en: tuple[WorkshopSnapshot, Workshop]) -> None:
    snap, _ = demo_en
    packed = document.packed(snap)
    page_html = gzip.decompress(packed.page_gz).decode()
    part_html = gzip.decompress(packed.part_gz).decode()
    assert part_html in page_html and page_html.startswith("<!doctype html>")
    assert (packed.version, packed.title, packed.language) == (snap.version, snap.title, "en")
    assert len(packed.page_gz) < len(page_html) / 2


def test_the_page_names_no_join_code(demo_en: tuple[WorkshopSnapshot, Workshop]) -> None:
    snap, ws = demo_en
    assert ws.join_code not in page.fragment(snap)


def test_not_found_page_in_both_languages() -> None:
    assert "revoked" in document.not_found("en") and "ingetrokken" in document.not_found("nl")
