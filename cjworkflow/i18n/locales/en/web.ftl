## The workshop on the web (issue #17): /link, the page and the Telegram Mini App.

cmd-link = web link to the live map (/link off revokes it)
link-made = Live web view of "{ $title }" — the map, the priority matrix and the action plan, updated as the team types:
    { $url }
    Anyone with this link can look (read only). /link off revokes it; /link again makes a new one and the old one stops working.
link-off = The web link of "{ $title }" is revoked: it now shows "not found".
link-off-none = "{ $title }" has no web link. /link makes one.
link-usage = Use /link for the web link, or /link off to revoke it.
link-no-server = The web view is not switched on for this bot (the host sets WEB_PORT).
btn-web-app = Open live map 🗺
btn-web-link = Open in browser 🌐
web-live-on = live
web-live-off = not live
web-step = Step { $n } of 8 · version { $version }
web-emotion = Emotion: average { NUMBER($mean, maximumFractionDigits: 1) } from { $count } { $count ->
        [one] score
       *[other] scores
    }
web-stage-empty = Nothing here yet.
web-goals = Goals
web-map-text = The map as text
web-matrix = Priority matrix
web-plan = Action plan
web-plan-empty = No actions yet.
web-col-number = #
web-col-action = Action
web-col-stage = Stage
web-col-quadrant = Quadrant
web-col-impact = Impact
web-col-effort = Effort
web-col-owner = Owner
web-col-due = Due
web-col-status = Status
web-not-found = This link does not exist or was revoked. Ask the facilitator for a new one (/link).
web-app-title = Your workshops
web-app-none = You are not in any workshop yet.
web-app-loading = Loading…
web-app-open-telegram = Open this page from the button in Telegram.
web-app-forbidden = This page could not confirm who you are. Open it again from Telegram.
web-app-my-actions = Your actions
web-app-done = Mark done
web-app-back = All workshops
