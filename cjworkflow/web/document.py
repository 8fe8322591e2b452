"""The web view's HTML document around its live part: styles (screen and an A3 landscape
print sheet) and the small script that keeps the live part current without a reload."""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from html import escape

from cjworkflow.i18n import t
from cjworkflow.snapshot import WorkshopSnapshot

# Level 1: a big map's page compresses in tens of ms, to within a fifth of level 6's size.
GZIP_LEVEL = 1

STYLE = """
:root { --ink:#1a1a1a; --muted:#5f5f5f; --line:#d8d8d8; --accent:#0072b2; }
* { box-sizing: border-box; }
body { margin:0; font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
  color:var(--ink); background:#f6f6f4; }
header.top { display:flex; gap:1rem; align-items:baseline; justify-content:space-between;
  padding:.8rem 1.2rem; background:#fff; border-bottom:1px solid var(--line); }
header.top h1 { font-size:1.25rem; margin:0; }
.live-state { font-size:.85rem; color:var(--muted); white-space:nowrap; }
.live-state::before { content:"●"; margin-right:.3em; color:#b0b0b0; }
.live-state.on::before { color:#009e73; }
main { padding:1rem 1.2rem 2rem; }
.meta { color:var(--muted); margin:.2rem 0 1rem; }
.sheet { background:#fff; border:1px solid var(--line); border-radius:6px;
  padding:1rem; margin-bottom:1.2rem; }
.sheet h2 { font-size:1.05rem; margin:0 0 .6rem; }
.drawing { overflow:auto; }
.drawing svg { display:block; width:100%; height:auto; }
.drawing.narrow svg { max-width:1100px; margin:0 auto; }
.map-text { margin-top:.8rem; }
.stages { display:grid; grid-template-columns:repeat(auto-fill,minmax(16rem,1fr)); gap:.8rem; }
.stage h3 { font-size:.95rem; margin:.4rem 0 .2rem; }
.stage h4 { font-size:.8rem; margin:.4rem 0 0; color:var(--muted); }
.stage ul, .sheet ul { margin:.2rem 0; padding-left:1.1rem; }
.emotion, .muted { color:var(--muted); }
table.plan { border-collapse:collapse; width:100%; }
table.plan th, table.plan td { border-bottom:1px solid var(--line); padding:.3rem .5rem;
  text-align:left; vertical-align:top; }
tr.status-done td { color:var(--muted); text-decoration:line-through; }
button.done { font:inherit; padding:.2rem .6rem; }
@page { size: A3 landscape; margin: 10mm; }
@media print {
  body { background:#fff; font-size:10pt; }
  header.top { border:0; padding:0 0 4mm; }
  .live-state, .map-text, .no-print { display:none; }
  main { padding:0; }
  .sheet { border:0; padding:0; margin:0; break-after:page; }
  .sheet:last-child { break-after:auto; }
  .drawing { overflow:visible; }
  .drawing svg { max-height:250mm; }
}
"""

# Keeps #live current: the server says when the workshop's version changed (server-sent
# events), the script fetches the new live part and swaps it in. EventSource reconnects by
# itself; a 404 (the link was revoked) ends it. Served as a file (SCRIPT_PATH), and the
# addresses come from the page's own: the page holds no token and is the same for every
# viewer of a version, so it is compressed once.
SCRIPT_PATH = "/static/live.js"
SCRIPT = """
(function () {
  var live = document.getElementById("live"), state = document.getElementById("live-state");
  if (!live || !window.EventSource) return;
  var here = location.pathname.replace(/\\/+$/, "");
  live.dataset.part = here + "/part"; live.dataset.events = here + "/events";
  var shown = Number(live.dataset.version), busy = false, wanted = shown;
  function mark(on) { state.className = on ? "live-state on" : "live-state";
    state.textContent = on ? state.dataset.on : state.dataset.off; }
  function refresh() {
    if (busy || wanted <= shown) return;
    busy = true;
    fetch(live.dataset.part, {cache: "no-store"}).then(function (r) {
      if (r.status === 404) { source.close(); mark(false); throw new Error("gone"); }
      if (!r.ok) throw new Error(String(r.status));
      var v = Number(r.headers.get("X-Workshop-Version"));
      return r.text().then(function (html) {
        // The reader's place stays: an opened "map as text" stays open.
        var opened = !!live.querySelector("details.map-text[open]");
        live.innerHTML = html; shown = v; live.dataset.version = String(v);
        var d = live.querySelector("details.map-text"); if (d && opened) d.open = true;
      });
    }).catch(function () {}).then(function () { busy = false; refresh(); });
  }
  var source = new EventSource(live.dataset.events);
  source.addEventListener("open", function () { mark(true); });
  source.addEventListener("error", function () { mark(false); });
  source.addEventListener("version", function (e) {
    wanted = Math.max(wanted, Number(e.data)); refresh();
  });
})();
"""


def document(*, title: str, lang: str, version: int, live: str) -> str:
    """The whole page: live is the live part's HTML (page.fragment), already escaped."""
    on, off = escape(t(lang, "web-live-on")), escape(t(lang, "web-live-off"))
    return (
        f'<!doctype html><html lang="{escape(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer"><meta name="robots" content="noindex">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>"
        f'<header class=top><h1>{escape(title)}</h1>'
        f'<span id=live-state class=live-state data-on="{on}" data-off="{off}">{off}</span>'
        f'</header><main><div id=live data-version="{version}">{live}</div></main>'
        f'<script src="{SCRIPT_PATH}"></script></body></html>'
    )


@dataclass(frozen=True)
class Packed:
    """A workshop version's live part and whole page, gzip-compressed, ready to send."""

    version: int
    title: str
    language: str
    part_gz: bytes
    page_gz: bytes


def packed(snap: WorkshopSnapshot) -> Packed:
    """Render, wrap and compress the page of snap (already made read.public()): the drawings make
    this slow, so it runs in a render worker, once per version."""
    # Imported here, in the worker: the drawings need matplotlib, which the bot process that
    # serves the page never loads (start-up time and memory).
    from cjworkflow.web.page import fragment

    part = fragment(snap)
    page = document(title=snap.title, lang=snap.language, version=snap.version, live=part)
    return Packed(snap.version, snap.title, snap.language,
                  gzip.compress(part.encode(), GZIP_LEVEL, mtime=0),
                  gzip.compress(page.encode(), GZIP_LEVEL, mtime=0))


def not_found(lang: str) -> str:
    """The page for an unknown, malformed or revoked link: no hint which one it was."""
    return (f'<!doctype html><html lang="{escape(lang)}"><head><meta charset="utf-8">'
            f"<title>404</title></head><body><h1>404</h1>"
            f"<p>{escape(t(lang, 'web-not-found'))}</p></body></html>")
