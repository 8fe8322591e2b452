"""The Telegram Mini App's HTML: a shell that asks the server with Telegram's signed initData,
the person's workshops, and their own actions with a done button. Transport-free."""

from __future__ import annotations

from html import escape

from cjworkflow.i18n import t
from cjworkflow.i18n.fmt import due
from cjworkflow.web.document import STYLE
from cjworkflow.web.read import MyAction, MyWorkshop

TELEGRAM_JS = "https://telegram.org/js/telegram-web-app.js"

# Posts initData with every request (the server checks its signature each time); shows the
# answer; re-asks every few seconds on a workshop (204: unchanged).
SCRIPT = """
(function () {
  var box = document.getElementById("app"), tg = window.Telegram && window.Telegram.WebApp;
  var init = tg ? tg.initData : "";
  var w = Number(new URLSearchParams(location.search).get("w") || 0), shown = 0;
  if (!init) { box.textContent = box.dataset.outside; return; }
  tg.ready(); tg.expand();
  function post(path, body) {
    body.init = init;
    return fetch(path, {method: "POST", cache: "no-store",
      headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)});
  }
  function load() {
    post("/app/api/view", {w: w, v: shown}).then(function (r) {
      if (r.status === 204) return;
      if (r.status === 404 && w) { w = 0; shown = 0; return load(); }
      if (!r.ok) { box.textContent = box.dataset.forbidden; return; }
      var v = Number(r.headers.get("X-Workshop-Version") || 0);
      return r.text().then(function (html) {
        box.innerHTML = html; shown = v;
        if (!w) return;
        return post("/app/api/part", {w: w}).then(function (p) {
          return p.ok ? p.text() : ""; }).then(function (part) {
          var slot = document.getElementById("part"); if (slot) slot.innerHTML = part; });
      });
    }).catch(function () {});
  }
  box.addEventListener("click", function (e) {
    var el = e.target.closest("[data-open],[data-back],[data-done]");
    if (!el) return;
    if (el.dataset.open) { w = Number(el.dataset.open); shown = 0; load(); }
    else if (el.dataset.back !== undefined) { w = 0; shown = 0; load(); }
    else {
      el.disabled = true;
      post("/app/api/done", {w: w, action: Number(el.dataset.done)}).then(function (r) {
        return r.json(); }).then(function (a) { if (a.text && tg.showAlert) tg.showAlert(a.text);
        shown = 0; load(); }).catch(function () { el.disabled = false; });
    }
  });
  load();
  setInterval(function () { if (w) load(); }, 3000);
})();
"""


def shell(lang: str, nonce: str) -> str:
    """The page Telegram opens: no data in it until the signed initData was checked."""
    return (
        f'<!doctype html><html lang="{escape(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>cjbot</title><script src="{TELEGRAM_JS}"></script>'
        f"<style>{STYLE}</style></head><body><main>"
        f'<div id=app data-outside="{escape(t(lang, "web-app-open-telegram"))}"'
        f' data-forbidden="{escape(t(lang, "web-app-forbidden"))}">'
        f'{escape(t(lang, "web-app-loading"))}</div></main>'
        f'<script nonce="{escape(nonce)}">{SCRIPT}</script></body></html>'
    )


def workshop_list(items: list[MyWorkshop], lang: str) -> str:
    """The person's workshops, each a button that opens it."""
    head = f"<h1>{escape(t(lang, 'web-app-title'))}</h1>"
    if not items:
        return f"{head}<p>{escape(t(lang, 'web-app-none'))}</p>"
    rows = "".join(
        f'<li><button class=open data-open="{w.id}">{escape(w.title)}</button></li>'
        for w in items)
    return f"{head}<ul class=workshops>{rows}</ul>"


def _action(a: MyAction, lang: str) -> str:
    button = (f' <button class=done data-done="{a.id}">{escape(t(lang, "web-app-done"))}'
              "</button>" if a.status != "done" else "")
    return (f'<li class="status-{escape(a.status)}">{escape(a.title)} · '
            f"{escape(due(a.due_date, a.due_time, lang))} · "
            f"{escape(t(lang, f'status-{a.status}'))}{button}</li>")


def workshop_view(mine: MyWorkshop, lang: str) -> str:
    """One workshop in the app: back, the person's own actions, and a place for the live part
    (fetched on its own: it is large, and sent as the web view keeps it, compressed)."""
    actions = ""
    if mine.actions:
        actions = (f'<section class=sheet><h2>{escape(t(lang, "web-app-my-actions"))}</h2>'
                   f'<ul class=mine>{"".join(_action(a, lang) for a in mine.actions)}</ul>'
                   "</section>")
    return (f'<p><button data-back>← {escape(t(lang, "web-app-back"))}</button></p>'
            f"<h1>{escape(mine.title)}</h1>{actions}<div id=part></div>")
