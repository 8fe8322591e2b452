## Teamfacilitatie: stippen stemmen, teamschattingen, anonieme modus, /who
cmd-vote = stemmen met stippen (facilitator): /vote [pains|ideas|actions] [stippen] [10m] · /vote close
cmd-estimate = teamschatting van impact en moeite (facilitator): /estimate [nummer|all] [10m]
cmd-anonymous = anonieme modus (facilitator): /anonymous on|off
cmd-who = wie droeg hoeveel bij per stap (facilitator)

card-anonymous = 🕶 Anonieme modus: geen namen bij bijdragen, scores, stemmen of schattingen.
anonymous-on = 🕶 De anonieme modus staat aan: geen kaart, klantreiskaart, status of export noemt wie iets schreef, scoorde, stemde of schatte. Tip: schrijf mij privé, dan ziet de groep ook je bericht niet.
anonymous-off = De anonieme modus staat uit: bijdragen tonen weer wie ze schreef.
anonymous-usage = Gebruik /anonymous on of /anonymous off.

vote-subject-pains = pijnpunten
vote-subject-ideas = ideeën
vote-subject-actions = acties
vote-usage = Gebruik /vote [pains|ideas|actions] [stippen] [minuten], bijvoorbeeld /vote pains 3 of /vote ideas 5 10m. Sluiten met /vote close.
vote-dots-bound = Geef iedereen tussen 1 en { $max } stippen.
vote-nothing = Er zijn nog geen { $subject } om op te stemmen.
vote-opened = 🗳 Stemmen op de { $subject }: iedereen heeft { $dots } stippen. Tik op een punt om er een stip op te zetten, op ↩ om er een terug te nemen.
poll-first = Alleen de eerste { $shown } van { $count } staan op de kaart.
vote-card-head = 🗳 Stemmen op de { $subject } · { $dots } stippen per persoon · { $voters ->
    [one] 1 deelnemer heeft gestemd
   *[other] { $voters } deelnemers hebben gestemd
  }
vote-card-how = Tik op ● voor een stip, op ↩ om er een terug te nemen. De stand blijft verborgen tot de stemming sluit.
vote-btn-back = ↩
poll-closes-in = sluit over { $minutes } min
poll-btn-close = 🔒 Sluiten (facilitator)
vote-dot = "{ $text }": { $here } van jouw stippen · nog { $left } over
vote-no-dots-left = Je hebt al je { $dots } stippen gebruikt. Neem er een terug met ↩ om hem te verplaatsen.
vote-none-here = Daar staat geen stip van jou op.
vote-closed-head = 🗳 Stemming gesloten: de { $subject } op stippen
vote-closed-none = Niemand zette een stip.
vote-offer-head = 🗳 Pijnpunten en ideeën met de meeste stippen: tik erop om er een actie van te maken.
vote-made-action = "{ $text }" is nu een actie.
vote-already-action = "{ $text }" is al een actie.

estimate-usage = Gebruik /estimate voor alle acties zonder score, /estimate <nummer> voor één actie, eventueel met minuten (bijvoorbeeld /estimate 10m). Sluiten met /estimate close.
estimate-no-action = Er is geen actie { $number } (het plan heeft er { $count }).
estimate-nothing = Elke actie heeft al een impact en een moeite. Schat er een opnieuw met /estimate <nummer>.
estimate-opened = 🃏 Teamschatting van { $count ->
    [one] 1 actie
   *[other] { $count } acties
  }: iedereen tikt impact (I) en moeite (M), 1–5. Niemand ziet de schatting van een ander tot die sluit.
estimate-card-head = 🃏 Teamschatting · { $voters ->
    [one] 1 deelnemer heeft geschat
   *[other] { $voters } deelnemers hebben geschat
  }
estimate-card-how = Per actie: I = impact, M = moeite (1 laag – 5 hoog). Verborgen tot de schatting sluit.
estimate-btn-impact = { $n }·I{ $score }
estimate-btn-effort = { $n }·M{ $score }
estimate-mine = Jouw schatting voor "{ $title }": impact { $impact } · moeite { $effort } (verborgen tot het sluit)
estimate-closed-head = 🃏 Schatting gesloten: de mediaan van het team
estimate-closed-line = • { $title }: impact { $impact } · moeite { $effort } ({ $count ->
    [one] 1 schatting
   *[other] { $count } schattingen
  })
estimate-closed-none = Niemand heeft geschat.
discuss-flag = ⚠ bespreken

poll-none-open = Er loopt geen stemming of schatting. Begin er een met /vote of /estimate.
poll-already-open = Er loopt al een stemming of schatting. Sluit die eerst met /vote close.
poll-closed = Deze stemming is gesloten: er is niets veranderd.
poll-not-member = Alleen deelnemers van de workshop kunnen stemmen of schatten.

who-head = 👥 Bijdragen aan "{ $title }" per stap (minste eerst)
who-line = { $name }: { $total } ({ $steps })
who-quiet = 🤫 Nog niets van: { $names }. Nodig ze bij naam uit, of zet /anonymous on aan.
who-anonymous = De anonieme modus staat aan: ik laat niet zien wie wat bijdroeg. Zet hem uit met /anonymous off.
