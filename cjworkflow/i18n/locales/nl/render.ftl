# Teksten in de afbeeldingen: de klantreiskaart en de prioriteitenmatrix.
# Zelfde message-ids als en/render.ftl. Platte tekst; emoji kan het lettertype niet tekenen.

## Kwadranten van de prioriteitenmatrix (ook gebruikt buiten de afbeeldingen)

quadrant-quick_win = Quick wins
quadrant-major_project = Grote projecten
quadrant-fill_in = Opvullers
quadrant-thankless = Ondankbare taken
quadrant-unrated = Nog niet gescoord

## Algemeen

render-more = +{ $count } meer
render-date = { DATETIME($date, dateStyle: "medium") }
render-score = { NUMBER($value, minimumFractionDigits: 1, maximumFractionDigits: 1) }
render-footer = cjbot · { DATETIME($date, dateStyle: "medium") }

## Klantreiskaart

render-map-kicker = Klantreiskaart
render-map-untitled = Klantreis zonder titel
render-map-personas = Voor wie
render-map-persona-goal = Doel: { $goal }
render-map-no-personas = Nog geen doelpersona gekozen.
render-map-more-personas = +{ $count ->
        [one] 1 andere doelpersona
       *[other] { $count } andere doelpersona's
    }
render-map-more-stages = +{ $count ->
        [one] 1 fase
       *[other] { $count } fasen
    } meer, niet getoond
render-map-stage = { $number }. { $label }
render-map-touchpoint = { $text } ({ $channel })
render-lane-touchpoints = Contactmomenten
render-lane-actions = Wat de klant doet
render-lane-emotion = Emotie
render-lane-emotion-scale = 1 = negatief
    5 = positief
render-lane-pains = Pijnpunten
render-lane-solutions = Oplossingen en ideeën
render-lane-moments = Momenten van de waarheid
render-lane-observations = Observaties uit de doorloop
render-emotion-none = nog geen scores
render-emotion-split = verdeeld (σ { NUMBER($spread, minimumFractionDigits: 1, maximumFractionDigits: 1) })
render-legend-current = huidige emotie (teamgemiddelde)
render-legend-spread = spreiding (±1 standaardafwijking)
render-legend-split = grote onenigheid (σ ≥ 1,0): bespreek dit
render-legend-ideal = ideale emotie
render-legend-moment = moment van de waarheid

## Prioriteitenmatrix

render-matrix-title = Prioriteitenmatrix
render-matrix-capped = de eerste { $shown } van het plan staan in de matrix
render-matrix-summary = { $total ->
        [one] 1 actie
       *[other] { $total } acties
    } · { $rated } gescoord · { $done } afgerond
render-matrix-effort = Moeite  (1 = weinig · 5 = veel)
render-matrix-impact = Impact  (1 = klein · 5 = groot)
render-matrix-hint-quick_win = eerst doen
render-matrix-hint-major_project = inplannen
render-matrix-hint-fill_in = als er tijd over is
render-matrix-hint-thankless = liever niet
render-matrix-plan = Actieplan, in volgorde
render-matrix-no-actions = Nog geen acties
render-matrix-unrated-note = Geef impact en moeite op om ze in de matrix te zetten.
render-matrix-due = uiterlijk { DATETIME($date, dateStyle: "medium") }
render-matrix-done = afgerond
render-matrix-blocked = geblokkeerd
