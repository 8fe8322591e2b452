# Herinneringen over acties, het wekelijkse overzicht en timeboxes per stap.

cmd-remind = herinneringen vóór deadlines: /remind 3d,1d,0m of /remind off
cmd-digest = wekelijks actie-overzicht in de groep: /digest on|off
cmd-timebox = timebox voor deze stap: /timebox <minuten> [auto|ask]

remind-before = ⏰ Herinnering: er komt een deadline aan.
remind-due = ⏰ De deadline is nu.
remind-overdue = ⚠️ De deadline van deze actie is verstreken.
remind-snooze = ⏰ Herinnering, zoals je vroeg.
remind-body =
    { $action }
    Workshop: { $title }
    Deadline: { $due }
remind-late = (Te laat verstuurd: ik was op het geplande moment niet bereikbaar.)
remind-start-bot = { $handle }, deze herinnering is voor jou. Start een privégesprek met mij, dan herinner ik je voortaan persoonlijk: { $link }

btn-remind-done = Klaar ✅
btn-remind-day = Later: 1 dag
btn-remind-week = Later: 1 week
btn-remind-blocked = Geblokkeerd ⛔

remind-done-ok = Afgevinkt: { $action } ✅
remind-snoozed = Ik herinner je opnieuw op { $when }.
remind-not-open = Deze actie staat niet meer open.
remind-not-owner = Alleen de eigenaar van de actie of een facilitator kan dat doen.
remind-action-gone = Deze actie bestaat niet meer.
ask-action-blocked-reason = Wat houdt "{ $title }" tegen? Antwoord met een korte reden (of "overslaan").
remind-blocked-ok = Gemarkeerd als geblokkeerd. Ik heb de facilitators ingelicht.
remind-blocked-facilitator = ⛔ { $owner } zit vast met "{ $action }" ({ $title }): { $reason }
remind-overdue-facilitator = ⚠️ De deadline van "{ $action }" ({ $owner }, { $title }) is verstreken ({ $due }).

remind-show = Herinneringen in deze workshop: { $offsets } vóór de deadline (0m = op het moment zelf). Wijzigen met /remind 3d,1d,0m of uitzetten met /remind off.
remind-set = Herinneringen ingesteld: { $offsets } vóór de deadline.
remind-off-show = Herinneringen staan uit in deze workshop. Aanzetten met bijvoorbeeld /remind 1d,0m
remind-off = Herinneringen staan nu uit in deze workshop.
remind-bad-offsets = Ik begrijp "{ $text }" niet. Gebruik bijvoorbeeld /remind 3d,1d,0m (w = weken, d = dagen, h = uren, m = minuten), hooguit 52 weken, of /remind off.

digest-is-on = Het wekelijkse overzicht staat aan. Uitzetten met /digest off.
digest-is-off = Het wekelijkse overzicht staat uit. Aanzetten met /digest on.
digest-set-on = Het wekelijkse overzicht staat aan: elke week zet ik de stand van de acties in de groep.
digest-set-off = Het wekelijkse overzicht staat uit.
digest-usage = Gebruik /digest on of /digest off.
digest-head = 📬 Weekoverzicht: { $title }
digest-owner = { $owner }: ✅ { $done } klaar · 🔵 { $open } open · ⚠️ { $overdue } te laat · ⛔ { $blocked } geblokkeerd

timebox-usage = Gebruik /timebox <minuten> [auto|ask], bijvoorbeeld /timebox 10 auto. Stoppen met /timebox off.
timebox-set-auto = ⏱ { $minutes } min voor deze stap. Daarna ga ik door naar de volgende stap.
timebox-set-ask = ⏱ { $minutes } min voor deze stap. Daarna vraag ik de facilitator of we doorgaan.
timebox-off = ⏱ Timebox gestopt.
timebox-warning = ⏱ Nog één minuut voor deze stap.
timebox-ended-auto = ⏱ De tijd is om: door naar de volgende stap.
timebox-ended-ask = ⏱ De tijd voor deze stap is om. Facilitator: door naar de volgende stap?
btn-timebox-next = Volgende stap ▶
card-timebox = ⏱ nog { $minutes } min
