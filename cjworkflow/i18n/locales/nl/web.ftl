## De workshop op het web (issue #17): /link, de pagina en de Telegram Mini App.

cmd-link = weblink naar de live kaart (/link off trekt hem in)
link-made = Live webweergave van "{ $title }" — de kaart, de prioriteitenmatrix en het actieplan, bijgewerkt terwijl het team typt:
    { $url }
    Iedereen met deze link kan meekijken (alleen lezen). /link off trekt hem in; /link opnieuw maakt een nieuwe en de oude werkt dan niet meer.
link-off = De weblink van "{ $title }" is ingetrokken: hij toont nu "niet gevonden".
link-off-none = "{ $title }" heeft geen weblink. /link maakt er een.
link-usage = Gebruik /link voor de weblink, of /link off om hem in te trekken.
link-no-server = De webweergave staat voor deze bot niet aan (de beheerder zet WEB_PORT).
btn-web-app = Open live kaart 🗺
btn-web-link = Open in browser 🌐
web-live-on = live
web-live-off = niet live
web-step = Stap { $n } van 8 · versie { $version }
web-emotion = Emotie: gemiddeld { NUMBER($mean, maximumFractionDigits: 1) } over { $count } { $count ->
        [one] score
       *[other] scores
    }
web-stage-empty = Hier staat nog niets.
web-goals = Doelen
web-map-text = De kaart als tekst
web-matrix = Prioriteitenmatrix
web-plan = Actieplan
web-plan-empty = Nog geen acties.
web-col-number = #
web-col-action = Actie
web-col-stage = Fase
web-col-quadrant = Kwadrant
web-col-impact = Impact
web-col-effort = Moeite
web-col-owner = Eigenaar
web-col-due = Deadline
web-col-status = Status
web-not-found = Deze link bestaat niet of is ingetrokken. Vraag de facilitator om een nieuwe (/link).
web-app-title = Jouw workshops
web-app-none = Je doet nog niet mee aan een workshop.
web-app-loading = Laden…
web-app-open-telegram = Open deze pagina via de knop in Telegram.
web-app-forbidden = Deze pagina kon niet bevestigen wie je bent. Open hem opnieuw vanuit Telegram.
web-app-my-actions = Jouw acties
web-app-done = Klaar
web-app-back = Alle workshops
