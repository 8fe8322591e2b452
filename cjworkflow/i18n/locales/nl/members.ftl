## Wie doet mee (het vertrouwensmodel): vertrekken, /kick, /members, genoemde eigenaren

member-removed = Je doet niet meer mee aan deze workshop, dus wat je stuurt wordt niet bewaard. Vraag een facilitator om de deelnamelink om weer mee te doen.
member-kicked = Een facilitator heeft je uit deze workshop gehaald: wat je stuurt wordt niet bewaard. Vraag een facilitator om de deelnamelink om weer mee te doen.
owner-ambiguous = Er zijn meerdere deelnemers die "{ $name }" heten. Gebruik hun @naam.
owner-removed = { $name } doet niet meer mee aan deze workshop. Geef de actie een andere eigenaar.
owner-invite = { $name }, je bent eigenaar van een actie in "{ $title }". Doe mee met de workshop om de herinneringen te krijgen: { $link }
owner-not-member = { $name } doet nog niet mee aan "{ $title }": alleen een naam bij de actie, zonder herinneringen. Deel de deelnamelink met diegene: { $link }
owner-not-member-invited = { $name } doet nog niet mee aan "{ $title }": alleen een naam bij de actie. Ik heb diegene in de groep uitgenodigd met de deelnamelink.
remind-owner-not-member = ⏰ "{ $action }" in "{ $title }" (deadline { $due }) is van { $owner }, die niet meedoet: er is niemand herinnerd. Geef de actie een andere eigenaar of nodig diegene uit.

kick-usage = Wie moet uit de workshop? /kick @naam (of /kick en de naam).
kick-unknown = Ik ken { $name } niet onder de deelnemers van deze workshop.
kick-ambiguous = Meerdere deelnemers passen bij "{ $name }". Gebruik hun @naam.
kick-already = { $name } is al uit deze workshop gehaald.
kick-self = Je kunt jezelf niet verwijderen. Een andere facilitator kan dat, of gebruik /forget.
kick-last-facilitator = Dat is de laatste facilitator: maak eerst iemand anders facilitator met /promote.
kick-confirm = { $name } uit "{ $title }" halen? Wat diegene schreef blijft staan; wat diegene daarna stuurt wordt niet bewaard, en de workshop is niet meer te zien.
btn-kick = Ja, verwijderen
btn-kick-cancel = Annuleren
kick-cancelled = Er is niemand verwijderd.
kick-done-alert = { $name } verwijderd
kicked = { $name } is uit "{ $title }" gehaald. Met de huidige deelnamelink kan diegene nog terugkomen: stuur mij /renew in een privéchat voor een nieuwe.
kicked-group = { $name } doet niet meer mee aan deze workshop: wat diegene hier stuurt wordt niet bewaard.

members-head = Deelnemers van "{ $title }" ({ $count } nu):
members-line = { $name } — { $role } — doet { $ago } mee
members-line-name = { $name } — genoemd als eigenaar, doet niet mee
members-left = { $ago } geleden vertrokken
members-kicked = { $ago } geleden verwijderd
members-more = … en nog { $count }
ago-minutes = { $count } min
ago-hours = { $count } uur
ago-days = { $count ->
        [one] 1 dag
       *[other] { $count } dagen
    }
