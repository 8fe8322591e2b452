# Issue #14 part B: lines that look stored by mistake, and coaching that reads the input.
# Same message ids as en/coaching.ftl.
check-emoji-only = "{ $line }" is alleen emoji; dat bewaar ik niet als bijdrage. Wil je iets toevoegen, schrijf het dan in woorden.
check-late-answer = "{ $line }" lijkt een antwoord, maar er staat geen vraag meer open. Bedoel je een nieuwe actie met deze naam? Stuur dan "+ { $line }".
check-action-twice = "{ $title }" staat al in het actieplan. Wil je hem er echt twee keer in? Stuur dan "+ " met de regel erachter.

## De titel van de klantreis
title-tip = 💡 "{ $title }" klinkt als jullie eigen proces. Schrijf de reis zoals de klant hem beleeft, bijvoorbeeld "{ $suggestion }". Wijzigen kan met /rename <nieuwe titel>.
title-tip-quote = Ik vraag een offerte aan
title-tip-order = Ik bestel een product
title-tip-return = Ik stuur een product terug
title-tip-complaint = Ik dien een klacht in
title-tip-signup = Ik meld me aan
title-tip-delivery = Ik ontvang mijn bestelling
title-tip-pay = Ik betaal mijn rekening
title-tip-any = Ik … (wat de klant wil bereiken)
renamed = De klantreis heet nu "{ $title }".
rename-needs-title = Geef de nieuwe titel mee, bijv. /rename Ik vraag een offerte aan
cmd-rename = geef de klantreis een nieuwe titel (facilitator)

## Vragen op de kaart
coach-persona-goal = Wat wil { $name } bereiken? Een doel kleurt hoe de persona elke stap beleeft: typ de persona opnieuw met | doel: … erachter (en haal de oude weg met /remove).
coach-touchpoint-channel = Via welk kanaal komt de klant "{ $name }" tegen? Zet het erachter: … | kanaal.
coach-walkthrough-solution = "{ $line }" klinkt als een oplossing. Wat merkt de klant hier nu? Bewaar de oplossing voor stap 8.
coach-ends-low-current = De reis eindigt laag ({ $stage }: { $score }). Het einde blijft het langst hangen: geef de ideale reis daar een positieve piek.
coach-ends-low-ideal = Ook de ideale reis eindigt laag ({ $stage }: { $score }). Eindig met een positieve piek, dan worden eerdere dalen vaak vergeten.
coach-moment-low = Het moment van de waarheid in "{ $stage }" scoort laag ({ $score }). Op cruciale momenten wil je de emotie juist positief hebben.
coach-no-gap = De ideale curve is overal hoog. Een ideale reis is niet alleen maar positief: een bewuste dip vóór een piek (de pain-pleasure gap) maakt het hoogtepunt sterker.

## Context op de kaarten
context-goals = 🎯 Doelen (stap 1):
context-problems = ⚠ Problemen uit de doorloop:
context-ideas = 💡 Ideeën die nog geen actie zijn:
context-needs = ➕ Nog nodig:
context-more = … en nog { $count }
context-no-stage = ▸ Nog zonder fase
context-touchpoints = 📍 Contactmomenten hier: { $list }
