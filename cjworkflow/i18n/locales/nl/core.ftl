## Algemeen
welcome =
    👋 Welkom bij cjbot: customer journey mapping, stap voor stap, hier in de chat.
    Start een workshop met /new en de klantreis in de woorden van je klant, bijv. /new Ik bestel een wasmachine
    Reizen die het in kaart brengen waard zijn:
    { $examples }
    Een link of code gekregen van een facilitator? Tik op de link of stuur /join CODE.
help =
    Spiekbriefje
    /new <klantreis> start een workshop (jij faciliteert)
    /join <code> doe mee · /workshops overzicht en wisselen
    /status voortgang · /card toon de stapkaart opnieuw
    /next /back /step <n> sturen (facilitators)
    /add <tekst> voeg iets toe (in een groep; of antwoord op de stapkaart)
    /undo haal mijn laatste bijdrage weg (of zet terug wat ik verwijderde) · /remove <n> haal bijdrage n weg (na bevestiging)
    /cancel laat een open vraag vallen
    /map de klantreiskaart · /actions het actieplan · /export bestanden · /link de live kaart op het web
    /stages 5 | 7 | A, B, C fasemodel · /lang nl|en taal
    /remind 3d,1d,0m herinneringsmomenten · /digest on|off weekoverzicht · /timebox <min> [auto|ask]
    /rename <klantreis> nieuwe titel · /renew nieuwe deelnamelink · /promote @naam cofacilitator
    /kick @naam haal iemand uit de workshop (vraagt eerst) · /members wie doet mee
    /vote [pains|ideas|actions] [stippen] stemmen · /estimate teamschatting · /anonymous on|off · /who bijdragen
    /survey enquêtelink voor klanten (/survey off trekt hem in) · /round de reis opnieuw in kaart brengen
    /mydata wat er over mij bewaard is · /forget wis mijn persoonsgegevens · /delete verwijder de workshop
no-workshop-group = Er loopt nog geen workshop in deze groep. Start er een met /new en de klantreis, bijv. /new Ik bestel een wasmachine
no-workshop-private = Je hebt geen actieve workshop. Start er een met /new <klantreis>, doe mee met /join <code> of kies er een met /workshops.
not-member = Je doet niet mee aan deze workshop. Vraag de facilitator om de deelnamelink.
only-facilitator = Dat kan alleen een facilitator.
workshop-finished = Deze workshop is afgerond. Een facilitator kan hem heropenen met /step 8 (of een andere stap).

## Aanmaken en meedoen
new-needs-title =
    Welke klantreis wil je in kaart brengen? Schrijf hem vanuit de klant, bijv. /new Ik bestel een wasmachine
    { $examples }
new-title-too-long = Die titel is te lang (maximaal { $max } tekens). Houd het bij één reis in een korte zin.
new-created =
    🗺 Workshop "{ $title }" — 8 stappen, fasen: { $stages }
    Meedoen vanuit een privéchat: { $link }
btn-model-five = 5 fasen
btn-model-seven = 7 fasen
join-unknown-code = Die deelnamecode werkt niet. Controleer de link of vraag de facilitator om een nieuwe.
join-welcome = ✅ Je doet mee aan "{ $title }". Alles wat je hier typt, telt als bijdrage voor de huidige stap.
workshops-none = Je doet nog niet mee aan een workshop. Start er een met /new <klantreis>.
workshops-head = Je workshops (kies er een om hem actief te maken):
workshop-active = Actieve workshop: "{ $title }".
role-facilitator = facilitator
role-member = deelnemer
role-name = genoemd, doet niet mee

## Sturen
moved-on-empty = Let op: stap "{ $title }" heeft nog geen bijdragen; met /back kun je terug.
moved-on-thin = Let op: deze stap is nog wat mager. { $hint }
reopened = De workshop is weer geopend.
back-at-first = Je bent al bij stap 1.
step-number = Geef een stapnummer van 1 tot en met { $last }, bijv. /step 4
finish-too-early = Afronden kan na stap { $last }; jullie zijn bij stap { $step }. Ga verder met /next of spring met /step { $last }.
finished = 🎉 "{ $title }" staat op de kaart. Hier zijn de klantreiskaart, de prioriteitenmatrix en het actieplan, quick wins eerst.
caption-map = 🗺 Klantreiskaart
caption-matrix = Prioriteitenmatrix: impact tegen moeite
caption-json = De hele workshop (JSON)
caption-csv = Het actieplan (CSV)
caption-markdown = Samenvatting (Markdown)

# Bestanden die niet lukten, en lange plannen als bestand
render-timeout = ⏳ Dit bestand maken duurde te lang en is gestopt. Er is niets verloren en de bot werkt gewoon door; probeer het zo nog eens.
render-failed = ⚠️ Dit bestand kon niet gemaakt worden. Er is niets verloren en de bot werkt gewoon door; probeer het zo nog eens.
plan-as-file = 📎 Het plan telt { $count } acties: hierboven de eerste { $shown }, het hele plan staat in het bestand hieronder (Excel en CSV via /export).
caption-plan = 📋 Het hele actieplan (tekst)

btn-export = Exporteren
btn-next = Volgende ▶
btn-finish = Afronden ✅
btn-back = ◀ Terug
btn-status = Status
btn-help = Hulp
btn-prev-stage = ◀ Fase
btn-next-stage = Fase ▶
btn-skip = Overslaan
btn-delete = Ja, verwijderen
stages-show =
    Fasen: { $stages }
    { $explain }
stages-set = De fasen zijn nu: { $stages }
stages-too-few = Geef minstens { $min } fasen, gescheiden door komma's, bijv. /stages Oriënteren, Kiezen, Bestellen, Ontvangen
stages-too-many = Er passen maximaal { $max } fasen op een kaart. Voeg er een paar samen, of gebruik /stages 7.
stages-label-too-long = Houd elke fasenaam korter dan { $max } tekens.
stages-duplicate = Twee fasen hebben dezelfde naam. Geef elke fase een eigen naam.
stages-would-lose = In fase "{ $stage }" staan nog { $count } bijdragen; verplaats of verwijder die eerst, zodat er niets verloren gaat.
lang-choose = Welke taal? /lang nl of /lang en
lang-set-me = Ik praat Nederlands met je.
lang-set-workshop = Deze workshop spreekt nu Nederlands.
renewed = Nieuwe deelnamelink: { $link } (de oude werkt niet meer).
promoted = { $name } is nu cofacilitator.
promote-unknown = Ik ken { $name } niet in deze workshop. Laat diegene eerst iets toevoegen of meedoen.
delete-confirm = "{ $title }" met alle bijdragen en acties verwijderen? Dit kan niet ongedaan worden gemaakt.
deleted = Workshop "{ $title }" is verwijderd.
delete-expired = Deze verwijderknop is verlopen (hij geldt { $minutes } minuten): er is niets verwijderd. Stuur /delete opnieuw als je de workshop echt wilt verwijderen.
forget-explain =
    🔒 Je persoonsgegevens wissen? In { $workshops } bewaar ik:
    • je naam, @gebruikersnaam, Telegram-account en taal
    • { $entries } en { $written } die je schreef
    • { $scores }, { $owned } waarvan je eigenaar bent, { $reminders }, je open vragen
    Wissen haalt weg: je naam, @gebruikersnaam, Telegram-account, taal, lidmaatschappen, emotiescores, open vragen en herinneringen. Acties waarvan je eigenaar bent blijven in het plan staan, zonder eigenaar.
    Je bijdragen: laat ze zonder je naam in de workshops staan, of wis ze ook (een actie van een andere eigenaar blijft staan, zonder je naam).
    Ben je de enige facilitator, dan neemt het lid dat het eerst meedeed het over. Een workshop waar verder niemand aan meedoet wordt verwijderd.
    Er verandert niets tot je op een knop tikt.
forget-details-head = In je workshops:
forget-detail-handoff = • "{ $title }": { $name } wordt facilitator
forget-detail-delete = • "{ $title }": verwijderd, verder doet niemand mee
forget-group-details = Stuur /forget in een privégesprek met mij om per workshop te zien wat er gebeurt.
forget-sent-private = Ik heb je de keuze gestuurd in ons privégesprek.
btn-forget-keep = Wis mij, bijdragen blijven anoniem
btn-forget-all = Wis mij en mijn bijdragen
btn-forget-cancel = Annuleren
forget-cancelled = Geannuleerd: er is niets gewist.
forget-done-kept = ✅ Je persoonsgegevens zijn gewist: naam, @gebruikersnaam, Telegram-account, taal, lidmaatschappen, emotiescores, open vragen en herinneringen. Zonder je naam in de workshops gebleven: { $entries }. Nu zonder eigenaar: { $owned }.
forget-done-deleted = ✅ Je persoonsgegevens zijn gewist: naam, @gebruikersnaam, Telegram-account, taal, lidmaatschappen, emotiescores, open vragen en herinneringen, en wat je schreef: { $entries } en { $actions }. Nu zonder eigenaar: { $owned }.
privacy-workshops = { $count ->
        [one] 1 workshop
       *[other] { $count } workshops
    }
privacy-entries = { $count ->
        [one] 1 bijdrage
       *[other] { $count } bijdragen
    }
privacy-actions = { $count ->
        [one] 1 actie
       *[other] { $count } acties
    }
privacy-scores = { $count ->
        [one] 1 emotiescore
       *[other] { $count } emotiescores
    }
privacy-reminders = { $count ->
        [one] 1 herinnering
       *[other] { $count } herinneringen
    }
forget-done-workshops = Verwijderd, omdat verder niemand meedeed: { $titles }
forget-nothing = Ik had niets over je bewaard behalve je naam en Telegram-account; die zijn nu gewist.
forget-not-yours = Deze keuze is van iemand anders. Stuur /forget om je eigen gegevens te wissen.
forget-gone = Die gegevens zijn al gewist.
forget-new-facilitator = Een facilitator van "{ $title }" heeft zijn of haar gegevens gewist; { $name } is nu facilitator.
mydata-caption = Alles wat ik over je bewaar (JSON). /forget wist het.
mydata-sent-private = Ik heb je gegevens naar ons privégesprek gestuurd.
mydata-open-private = Je gegevens zijn persoonlijk, dus die zet ik hier niet neer. Open een privégesprek met mij (tik op mijn naam, dan Start) en stuur daar /mydata.
cancelled = Vraag vervallen. Wat je al had ingevoerd, blijft bewaard.
cancel-nothing = Er stond geen vraag open. Er is niets veranderd.

## Bijdragen
entry-empty = In dat bericht staat geen tekst die ik kan gebruiken.

## Grenzen: een workshop die aan een van zijn grenzen zit (cjworkflow/limits)
limit-entries = Deze workshop is vol: hij heeft { $max } bijdragen, het meeste dat een workshop mag hebben. Begin met /new een nieuwe workshop voor meer, of haal bijdragen weg die niet meer nodig zijn.
limit-actions = Deze workshop heeft al { $max } acties, het meeste dat hij mag hebben. Rond er een paar af of haal ze weg voordat je er meer toevoegt.
limit-members = Deze workshop heeft al { $max } deelnemers, het meeste dat hij mag hebben. Vraag de facilitator om ruimte te maken of begin een nieuwe workshop.
limit-not-stored = { $count ->
        [one] 1 regel is niet opgeslagen.
       *[other] { $count } regels zijn niet opgeslagen.
    }
entry-stored = 👍 { $count ->
        [one] Toegevoegd: { $last }
       *[other] { $count } bijdragen toegevoegd, de laatste: { $last }
    }
entry-score = Emotie in "{ $stage }": { $score }
entry-ideal = Ideale emotie in "{ $stage }": { $score }
target-marked = { $name } is een doelpersona van deze kaart.
target-unmarked = { $name } is geen doelpersona meer.
target-no-personas = Er zijn nog geen persona's. Ga terug naar stap 2 (een facilitator stuurt /back) en voeg er eerst een paar toe.
target-unknown = Ik ken geen persona "{ $name }". Kies uit: { $names }
owner-unknown = Ik ken "{ $name }" niet in deze workshop. Gebruik de @gebruikersnaam, of "ik".
stage-unknown = "{ $name }" is geen fase. Geef het nummer of de naam, of kies een knop.
undo-nothing = Je hebt in deze workshop nog niets toegevoegd om ongedaan te maken.
removed = Verwijderd: { $text }
remove-confirm = { $number } verwijderen: { $text }?
btn-remove = 🗑 Ja, verwijderen
removed-undo = Verwijderd: { $text } — /undo zet het terug.
restored = Teruggezet: { $text }
remove-gone = Die bijdrage is al verwijderd.
remove-number = Geef het nummer van een bijdrage op de kaart, van 1 tot en met { $count }, bijv. /remove 2
remove-nothing = Op de kaart van deze stap staat nog niets om te verwijderen.
new-group-busy = In deze groep loopt de workshop "{ $title }". Alleen de facilitator daarvan kan hier een nieuwe starten (of rond hem eerst af); je eigen workshop start je in een privéchat met mij.
remove-not-yours = Je kunt alleen je eigen bijdragen verwijderen (een facilitator kan alles verwijderen).
ask-action-impact = Hoeveel impact heeft "{ $title }"? 1 = weinig, 5 = veel.
ask-action-effort = Hoeveel moeite kost "{ $title }"? 1 = weinig, 5 = veel.
ask-action-owner = Wie is eigenaar van "{ $title }"? Kies een naam, of typ @gebruikersnaam of "ik".
ask-action-due = Wanneer moet "{ $title }" klaar zijn? Kies een knop of typ een datum, bijv. "vrijdag" of "15 december".
ask-touchpoint-stage = In welke fase speelt "{ $title }"?
due-in-week = over 1 week
due-in-two-weeks = over 2 weken
due-in-month = over 1 maand
button-expired = Deze knop hoort bij een eerdere stap; de workshop is nu bij stap { $step }.
button-unknown = Deze knop is niet (meer) geldig.
question-expired = Deze vraag is al beantwoord of vervallen.
question-not-yours = Deze vraag is voor iemand anders.

## De kaart
card-step = Stap { $n }/{ $total } · { $title }
card-finished = ✅ Afgerond — /map en /actions tonen het resultaat.
card-persona-goal = doel: { $goal }
card-have = ✔ hebben:
card-need = ➕ nodig:
card-kind-user_action = doet:
card-kind-pain = 😣 pijn:
card-kind-solution = 💡 idee:
card-kind-moment = ⭐ moment van de waarheid:
card-no-owner = nog geen eigenaar
card-scores = impact { $impact } · moeite { $effort }
status-open = open
status-done = klaar
status-blocked = geblokkeerd
card-focus = ▶ Fase: { $stage }
card-emotion-none = Emotie: nog geen scores — kies hieronder een gezichtje.
card-emotion = Emotie: gemiddeld { $mean } over { $count } { $count ->
        [one] score
       *[other] scores
    }
card-emotion-disagree = spreiding groot — bespreek dit
card-ideal = ideaal { $score }
card-empty = Nog geen bijdragen. Bijvoorbeeld: { $example }
card-stage-empty = Nog niets in deze fase.
card-other-stages = (+{ $count } in andere fasen)
card-more-earlier = … { $count } eerdere bijdragen niet getoond (allemaal op /map en in /export)
status-head = Deelnamecode: { $code } · { $members } deelnemers
status-line = { $mark } { $n }. { $title }: { $count }
plan-empty = Nog geen acties voor "{ $title }". Voeg ze toe in stap 8, bijv. Bevestigingsmail met bezorgmoment | impact 5 | moeite 1 | @anna | deadline vrijdag
plan-head = Actieplan "{ $title }" (quick wins eerst):

## Terminalchat
chat-intro = cjbot terminalchat. Typ /help voor de commando's, het nummer van een knop om hem te kiezen, /as <naam> om als iemand anders te praten, /quit of Ctrl-C om te stoppen.
chat-speaking-as = Je praat nu als { $name }.
chat-file = [bestand geschreven: { $path }]
demo-written = Demo geschreven naar { $dir }:

## Exports
export-plan = Actieplan
export-col-number = #
export-col-quadrant = Prioriteit
export-col-title = Actie
export-col-impact = Impact
export-col-effort = Moeite
export-col-owner = Eigenaar
export-col-due_date = Deadline
export-col-due_time = Tijd
export-col-status = Status
export-col-stage = Fase

## Telegram
error-generic = Sorry, er ging bij mij iets mis. Je eerdere bijdragen zijn veilig; probeer het nog eens.
# An update that kept failing was set aside (dead letter); said once.
error-dead-letter = Sorry, dit kon ik niet verwerken, ook niet na een paar pogingen. Ik heb het apart gezet voor het team achter deze bot; je eerdere bijdragen zijn veilig.
cmd-start = begin, of doe mee via een link
cmd-help = spiekbriefje en de invoer van de huidige stap
cmd-new = start een workshop: /new <klantreis>
cmd-join = doe mee aan een workshop: /join <code>
cmd-workshops = mijn workshops; wissel de actieve
cmd-status = voortgang per stap
cmd-card = toon de stapkaart opnieuw
cmd-next = volgende stap (facilitator)
cmd-back = vorige stap (facilitator)
cmd-step = spring naar stap n (facilitator)
cmd-add = voeg iets toe: /add <tekst>
cmd-undo = haal mijn laatste bijdrage weg
cmd-remove = haal bijdrage n weg: /remove <n>
cmd-cancel = laat een open vraag vallen
cmd-map = de klantreiskaart
cmd-actions = het actieplan op prioriteit
cmd-export = bestanden: verslag (PDF), actieplan (Excel, CSV), agenda, samenvatting, JSON
cmd-lang = taal: /lang nl of /lang en
cmd-stages = fasemodel: /stages 5, 7 of een eigen lijst
cmd-renew = nieuwe deelnamelink (facilitator)
cmd-promote = maak iemand cofacilitator
cmd-kick = haal iemand uit de workshop (facilitator, vraagt eerst)
cmd-members = iedereen in de workshop: rol, sinds wanneer, vertrokken (facilitator)
cmd-mydata = een bestand met alles wat over mij bewaard is
cmd-forget = wis mijn persoonsgegevens (vraagt eerst)
cmd-delete = verwijder de workshop (facilitator)

## Access (bad input and access-control work)
join-in-private = Meedoen gaat in een privéchat met mij: open de deelnamelink, of stuur me daar /join <code>.
command-unknown = Het commando /{ $name } ken ik niet.
command-unknown-suggest = Het commando /{ $name } ken ik niet. Bedoelde je /{ $suggestion }?
