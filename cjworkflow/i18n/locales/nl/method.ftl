## Methode-diepgang (issue #14): acties per fase en doel, scenario's, wat de klant denkt,
## een benoemde emotie naast de score.

action-stage = fase { $number } { $label }
action-goal-number = doel { $number }
action-goal = doel: { $goal }
parse-action-goal-number = "{ $value }" is geen doelnummer. Noem een doel uit stap 1 met zijn nummer, bijv. "Levertijd tonen | doel 2".
parse-action-goal-unknown = { $count ->
    [0] Er zijn nog geen doelen (stap 1), dus "doel { $number }" kan ik niet koppelen. Laat "doel" weg of voeg eerst doelen toe in stap 1.
    [one] Doel { $number } bestaat niet: er is 1 doel. Gebruik "doel 1" of laat "doel" weg.
   *[other] Doel { $number } bestaat niet: er zijn { $count } doelen. Gebruik een nummer van 1 tot { $count }, bijv. "doel 1".
}

export-col-goal = Doel
export-scenario = Scenario
export-thought = Denkt
export-emotion-words = Genoemde emoties
export-improvements = Verbeteracties

card-kind-scenario = 🎬 scenario:
card-kind-thought = 💭 denkt:
card-emotion-words = Genoemd: { $words }
entry-score-word = Emotie in "{ $stage }": { $score } ({ $word })
entry-ideal-word = Ideale emotie in "{ $stage }": { $score } ({ $word })

render-lane-scenarios = Scenario
render-lane-thoughts = Wat de klant denkt
render-lane-improvements = Verbeteracties
render-improvement = #{ $number } { $title }

mermaid-scenario = Scenario — { $text }
mermaid-thought = Denkt — { $text }
mermaid-pain = Pijn — { $text }
mermaid-emotion = Gevoel — { $text }

entry-persona-score = { $kind ->
    [ideal] Ideale emotie in "{ $stage }" voor { $persona }: { $score }
   *[current] Emotie in "{ $stage }" voor { $persona }: { $score }
}
parse-persona-needs-targets = Per persona geef je scores en observaties pas bij twee of meer doelpersona's (stap 3); er { $count ->
    [one] is er nu 1
   *[other] zijn er nu { $count }
}. Laat "| persona …" weg, of markeer eerst meer doelpersona's.
parse-persona-unknown = "{ $name }" is geen doelpersona. Kies een nummer of naam: { $names }, bijv. "emotie 2 | persona 1".
parse-persona-scores-only = Per persona geef je een emotie ("emotie 2 | persona 1") of, bij de doorloop, een observatie. Zet dit zonder "| persona …" op een eigen regel.
card-persona-emotion = { $persona }: gemiddeld { $mean }
render-legend-persona = { $persona }
