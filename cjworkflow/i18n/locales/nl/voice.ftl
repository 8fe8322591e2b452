## Klantstem (issue 15): de enquête die klanten invullen, /survey, hun curve en exports

cmd-survey = een enquêtelink waarmee klanten de reis scoren (facilitator)
survey-closed = Deze enquête is gesloten of de link klopt niet. Bedankt dat je wilde helpen!
survey-full = Deze enquête heeft zoveel antwoorden gekregen als ze kan bewaren. Toch bedankt!
survey-hello =
    👋 Hallo! We willen graag weten hoe je "{ $title }" hebt ervaren.
    Je krijgt { $count } korte vragen: tik per stap een gezichtje, van 😠 (heel slecht) tot 😄 (heel goed). Het duurt ongeveer een minuut, en je naam wordt aan niemand getoond. /cancel stopt.
survey-hello-again = 👋 Welkom terug bij "{ $title }". Je hebt al eerder geantwoord: tik opnieuw een gezichtje om een antwoord te veranderen, of sla over om het leeg te laten.
survey-question = { $n }/{ $total } · { $stage }
    Hoe voelde je je hier?
survey-earlier = (vorige keer: { $face })
survey-btn-skip = Deze overslaan
survey-noted = Genoteerd, dank je
survey-skipped = Overgeslagen
survey-tell = ✍ Gebeurde er iets bij "{ $stage }"? Typ het in een paar woorden als je wilt.
survey-comment = Nog één vraag: wil je ons verder nog iets vertellen? Typ het, of tik op "Nee, dank je".
survey-btn-no-comment = Nee, dank je
survey-thanks =
    🙏 Dank je wel! Met je antwoorden kan het team deze klantreis verbeteren.
    Open de link opnieuw om ze te veranderen. /mydata laat zien wat ik over je bewaar, /forget wist het.
survey-done-already = Je bent al klaar: dank je wel!
survey-too-long = Dat is wat lang: hooguit { $max } tekens, graag.
survey-face-first = Tik eerst een gezichtje; vertel daarna wat er daar gebeurde, als je wilt.
survey-note-noted = ✍ Dank je, genoteerd bij die stap.
survey-none-open = Er is geen open enquêtelink. Stuur /survey om er een te maken. Antwoorden tot nu toe: { $count }.
survey-off = 🔒 De enquêtelink is ingetrokken: hij werkt niet meer. De { $count } antwoorden blijven op de kaart. /survey maakt een nieuwe link.
survey-title-too-long = De titel voor klanten mag hooguit { $max } tekens lang zijn.
survey-created =
    📣 Enquêtelink voor klanten van "{ $title }":
    { $link }
    Deel hem met klanten (mail, website, bon). Ze scoren elke fase met gezichtjes, in een privégesprek met mij; ze zien het werk van het team nooit en worden nooit deelnemer. Antwoorden tot nu toe: { $count }. /survey off trekt de link in; /survey <titel> noemt de reis zoals klanten hem kennen.
survey-link =
    📣 Enquêtelink voor "{ $title }":
    { $link }
    Antwoorden tot nu toe: { $count }. /survey off trekt hem in.
survey-status-open = 📣 Klantenquête open · { $count ->
        [one] 1 antwoord
       *[other] { $count } antwoorden
    }
survey-status = 📣 Antwoorden van klanten: { $count }
privacy-responses = { $count ->
        [one] 1 enquêteantwoord
       *[other] { $count } enquêteantwoorden
    }
forget-responses = • { $responses } die je als klant gaf (hoe dan ook gewist)

render-legend-customers = klanten (gemiddeld, n)
render-legend-differ = klanten zien dit anders
render-customers-differ = klanten zien dit anders
render-customers-score = { NUMBER($value, maximumFractionDigits: 1, minimumFractionDigits: 1) } (n={ $n })

export-customers-head = Stem van de klant
export-customers-intro = { $count } antwoorden van klanten. Team en klanten per fase (gemiddelde, aantal):
export-customers-stage = { $stage }: team { $team } (n={ $team_n }) · klanten { $customers } (n={ $customers_n })
export-customers-differ = ⚠ klanten zien dit anders
export-customers-notes = Wat klanten hier zagen gebeuren:
export-customers-comments = Opmerkingen van klanten
export-col-team-mean = Team gemiddeld
export-col-team-n = Team n
export-col-customers-mean = Klanten gemiddeld
export-col-customers-n = Klanten n
export-col-differ = Verschil
export-col-comment = Opmerking
export-sheet-customers = Klanten

import-scores-done = ✅ { $count } antwoorden van klanten uit het bestand toegevoegd aan "{ $title }". /map toont hun curve.
import-scores-line = Regel { $line }: { $problem }
import-scores-failed = ⚠ Er is niets uit het bestand opgeslagen:
import-scores-empty = het bestand heeft geen regels
import-scores-header = de eerste regel moet de kolommen stage en score noemen (comment mag erbij)
import-scores-stage = "{ $stage }" is geen fase van deze workshop (fasen: { $stages })
import-scores-score = de score moet een heel getal van 1 tot 5 zijn, niet "{ $score }"
import-scores-comment = de opmerking mag hooguit { $max } tekens lang zijn
import-scores-too-large = Het bestand is te groot: hooguit { $max } kB.
import-scores-too-many = Het bestand heeft meer dan { $max } regels.
import-scores-encoding = Het bestand is geen leesbare tekst (sla het op als CSV in UTF-8).
import-scores-full = De workshop heeft al zoveel antwoorden als hij kan bewaren ({ $max }).
import-scores-not-facilitator = Alleen een facilitator van je actieve workshop kan scores van klanten toevoegen. Maak hem actief met /workshops.

forget-customer-explain =
    🔒 Wissen wat ik over je bewaar? Dat is { $responses } (je gezichtjes, wat je typte, je opmerking) en je naam, Telegram-account en taal.
    De kaart van het team telt je antwoorden daarna niet meer mee. Er verandert niets tot je op een knop tikt.
forget-customer-btn = Wis mijn antwoorden
forget-customer-done = ✅ Gewist: { $responses }, je naam, Telegram-account en taal.

import-scores-said = { $text }
survey-finish-hint = 📣 Volgende stap: toets de curve bij klanten zelf. /survey geeft een link waarmee zij de reis fase voor fase scoren.
survey-finish-count = 📣 Antwoorden van klanten tot nu toe: { $count }. /map toont hun curve naast die van jullie.
survey-digest = 📣 { $count ->
        [one] 1 nieuw antwoord van een klant
       *[other] { $count } nieuwe antwoorden van klanten
    } deze week ({ $total } in totaal). /map toont hun curve.

## Klantreissjablonen (artikelen 003/004)
templates-head = Of begin met een sjabloon: een klantreis, zijn fasen en een paar voorbeeldcontactmomenten (alles aan te passen).
btn-templates = 📋 Begin met een sjabloon
template-created = 📋 Sjabloon "{ $title }": { $count } voorbeeldcontactmomenten staan in stap 4. Verander de fasen met /stages, haal een voorbeeld weg met /remove in stap 4.
template-new_customer-title = Ik word klant
template-new_customer-stages = Oriënteren, Vergelijken, Kiezen, Aanmelden, Welkom
template-new_customer-touchpoints =
    1: Zoekresultaat in Google | web
    2: Reviews van andere klanten | web
    3: Gesprek met een adviseur | telefoon
    4: Aanmeldformulier | website
    5: Welkomstmail | e-mail
template-repeat_online-title = Ik bestel opnieuw online
template-repeat_online-stages = Behoefte, Inloggen, Bestellen, Betalen, Ontvangen
template-repeat_online-touchpoints =
    1: Herinneringsmail | e-mail
    2: Mijn account | website
    3: Bestelgeschiedenis | website
    4: Betaalpagina | website
    5: Track & trace | sms
template-repeat_offline-title = Ik koop opnieuw in de winkel
template-repeat_offline-stages = Behoefte, Naar de winkel, Vinden, Afrekenen, Gebruiken
template-repeat_offline-touchpoints =
    1: Folder | post
    2: Openingstijden | website
    3: Schapindeling | winkel
    4: Kassa | winkel
    5: Klantenkaart | winkel
template-quote-title = Ik vraag een offerte aan
template-quote-stages = Oriënteren, Aanvragen, Wachten, Offerte ontvangen, Beslissen
template-quote-touchpoints =
    1: Website met referenties | web
    2: Offerteformulier | website
    3: Bevestigingsmail | e-mail
    4: Offerte als pdf | e-mail
    5: Nabelgesprek met de verkoper | telefoon
template-complaint-title = Ik dien een klacht in
template-complaint-stages = Probleem, Contact zoeken, Melden, Afhandeling, Oplossing
template-complaint-touchpoints =
    1: Product werkt niet | product
    2: Contactpagina | website
    3: Klachtenformulier | website
    4: Ontvangstbevestiging | e-mail
    5: Terugbelgesprek | telefoon
template-service-title = Ik krijg service of onderhoud
template-service-stages = Vraag, Afspraak maken, Voorbereiden, Bezoek, Nazorg
template-service-touchpoints =
    1: Helpdesk | telefoon
    2: Online afspraakplanner | website
    3: Herinnering met tijdvak | sms
    4: Monteur aan de deur | bezoek
    5: Tevredenheidsvraag | e-mail
template-internal-title = Ik hoor van een verandering in mijn werk
template-internal-stages = Eerste signaal, Uitleg, Vragen stellen, Toepassen, Terugblik
template-internal-touchpoints =
    1: Gerucht bij de koffieautomaat | informeel
    2: Mail van de directie | e-mail
    3: Teamoverleg | overleg
    4: Intranetpagina | intranet
    5: Evaluatie met de leidinggevende | gesprek

## Rondes: de klantreis opnieuw in kaart brengen
cmd-round = de reis opnieuw in kaart brengen: deze ronde bewaren, de volgende beginnen (facilitator)
round-started =
    🔁 Ronde { $number } van deze klantreis. Ronde { $before } is bewaard: de curves, observaties en de acties die erin klaar zijn (/map en de pdf vergelijken ze).
    Meegenomen, alles aan te passen: doelen, persona's, fasen, contactmomenten, wat de klant doet, pijnpunten, ideeën, momenten van de waarheid en de open acties met eigenaar en deadline. Leeg begonnen: de emotiescores en de doorloop. De enquêtelink, als die open is, vraagt nu naar deze ronde.
round-status = 🔁 Ronde { $number }
round-too-many = Deze workshop bewaart al { $max } rondes: begin voor de volgende een nieuwe workshop (/new).
round-finish-hint = 🔁 Later: /round brengt dezelfde reis opnieuw in kaart, om te zien of de veranderingen werken.
render-legend-round = ronde { $number }
render-rounds-done = Klaar in ronde { $number }: { $actions }
pdf-rounds-head = Rondes vergeleken
pdf-rounds-intro = Per ronde de gemiddelde emotie per fase, van team en klanten (n), en de acties die erin klaar zijn.
pdf-rounds-done = Klaar in ronde { $number }: { $actions }
pdf-rounds-none = niets als klaar gemarkeerd
pdf-rounds-col-team = Ronde { $number }: team
pdf-rounds-col-customers = Ronde { $number }: klanten
survey-stopped = Enquête gestopt. Wat je al beantwoordde blijft bewaard; open de link opnieuw om verder te gaan of iets te veranderen.
