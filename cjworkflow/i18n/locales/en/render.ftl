# Texts drawn in the images: the journey map and the priority matrix.
# Same message ids as nl/render.ftl. Plain text; the font cannot draw emoji.

## Quadrants of the priority matrix (also used outside the images)

quadrant-quick_win = Quick wins
quadrant-major_project = Major projects
quadrant-fill_in = Fill-ins
quadrant-thankless = Thankless tasks
quadrant-unrated = Not yet rated

## General

render-more = +{ $count } more
render-date = { DATETIME($date, dateStyle: "medium") }
render-score = { NUMBER($value, minimumFractionDigits: 1, maximumFractionDigits: 1) }
render-footer = cjbot · { DATETIME($date, dateStyle: "medium") }

## Journey map

render-map-kicker = Customer journey map
render-map-untitled = Untitled journey
render-map-personas = Who this map is for
render-map-persona-goal = Goal: { $goal }
render-map-no-personas = No target persona chosen yet.
render-map-more-personas = +{ $count ->
        [one] 1 other target persona
       *[other] { $count } other target personas
    }
render-map-more-stages = +{ $count ->
        [one] 1 more stage
       *[other] { $count } more stages
    } not shown
render-map-stage = { $number }. { $label }
render-map-touchpoint = { $text } ({ $channel })
render-lane-touchpoints = Touchpoints
render-lane-actions = What the customer does
render-lane-emotion = Emotion
render-lane-emotion-scale = 1 = negative
    5 = positive
render-lane-pains = Pain points
render-lane-solutions = Solutions and ideas
render-lane-moments = Moments of truth
render-lane-observations = Walkthrough observations
render-emotion-none = no scores yet
render-emotion-split = split (σ { NUMBER($spread, minimumFractionDigits: 1, maximumFractionDigits: 1) })
render-legend-current = current emotion (team mean)
render-legend-spread = spread (±1 standard deviation)
render-legend-split = strong disagreement (σ ≥ 1.0): discuss it
render-legend-ideal = ideal emotion
render-legend-moment = moment of truth

## Priority matrix

render-matrix-title = Action priority matrix
render-matrix-capped = the plan's first { $shown } are plotted
render-matrix-summary = { $total ->
        [one] 1 action
       *[other] { $total } actions
    } · { $rated } rated · { $done } done
render-matrix-effort = Effort  (1 = little · 5 = a lot)
render-matrix-impact = Impact  (1 = small · 5 = large)
render-matrix-hint-quick_win = do first
render-matrix-hint-major_project = plan these
render-matrix-hint-fill_in = when there is time
render-matrix-hint-thankless = best avoided
render-matrix-plan = Action plan, in order
render-matrix-no-actions = No actions yet
render-matrix-unrated-note = Give impact and effort to place them in the matrix.
render-matrix-due = due { DATETIME($date, dateStyle: "medium") }
render-matrix-done = done
render-matrix-blocked = blocked
