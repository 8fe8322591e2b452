## Method depth (issue #14): actions per stage and goal, scenarios, what the customer thinks,
## a named emotion beside the score.

action-stage = stage { $number } { $label }
action-goal-number = goal { $number }
action-goal = goal: { $goal }
parse-action-goal-number = "{ $value }" is not a goal number. Name a goal from step 1 by its number, e.g. "Show delivery time | goal 2".
parse-action-goal-unknown = { $count ->
    [0] There are no goals yet (step 1), so I cannot link "goal { $number }". Leave "goal" out or add goals in step 1 first.
    [one] Goal { $number } does not exist: there is 1 goal. Use "goal 1" or leave "goal" out.
   *[other] Goal { $number } does not exist: there are { $count } goals. Use a number from 1 to { $count }, e.g. "goal 1".
}

export-col-goal = Goal
export-scenario = Scenario
export-thought = Thinks
export-emotion-words = Named emotions
export-improvements = Improvements

card-kind-scenario = 🎬 scenario:
card-kind-thought = 💭 thinks:
card-emotion-words = Named: { $words }
entry-score-word = Emotion in "{ $stage }": { $score } ({ $word })
entry-ideal-word = Ideal emotion in "{ $stage }": { $score } ({ $word })

render-lane-scenarios = Scenario
render-lane-thoughts = What the customer thinks
render-lane-improvements = Improvements
render-improvement = #{ $number } { $title }

mermaid-scenario = Scenario — { $text }
mermaid-thought = Thinks — { $text }
mermaid-pain = Pain — { $text }
mermaid-emotion = Feels — { $text }

entry-persona-score = { $kind ->
    [ideal] Ideal emotion in "{ $stage }" for { $persona }: { $score }
   *[current] Emotion in "{ $stage }" for { $persona }: { $score }
}
parse-persona-needs-targets = Scores and observations per persona need two or more target personas (step 3); there { $count ->
    [one] is 1 now
   *[other] are { $count } now
}. Leave out "| persona …", or mark more target personas first.
parse-persona-unknown = "{ $name }" is not a target persona. Pick a number or name: { $names }, e.g. "emotion 2 | persona 1".
parse-persona-scores-only = Per persona you give an emotion ("emotion 2 | persona 1") or, in the walkthrough, an observation. Put this on a line of its own without "| persona …".
card-persona-emotion = { $persona }: average { $mean }
render-legend-persona = { $persona }
