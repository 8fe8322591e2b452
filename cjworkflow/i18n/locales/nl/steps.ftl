# Stappen van de workshop: titel, vraag, uitleg, invoer, voorbeeld en "genoeg" per stap,
# plus de fasemodellen en voorbeeldreizen. Platte tekst voor Telegram, geen opmaak.
# Zelfde message-ids als en/steps.ftl.

## Stap 1 · Doelen

step-goals-title = Doelen
step-goals-prompt = Wat wil je met deze kaart bereiken? Wat moet er straks beter gaan, voor de klant en voor jullie?
step-goals-guide = Kies één klantreis en baken hem af: waar begint hij en waar houdt hij op? Schrijf hem op zoals de klant hem beleeft, dus "Ik vraag een offerte aan" en niet "offertetraject". Maak je doelen concreet, want elke verbetering die je in stap 8 bedenkt, moet eraan bijdragen.
step-goals-syntax = Eén doel per regel. Meerdere regels in één bericht mag ook.
step-goals-example = Minder klanten die afhaken bij het kiezen van een bezorgmoment
step-goals-enough = Met minstens één doel weet je straks waaraan elke verbetering moet bijdragen.

## Stap 2 · Persona's

step-personas-title = Persona's
step-personas-prompt = Wie maakt deze reis? Beschrijf je klanten: wie zijn het, in welke situatie zitten ze en wat willen ze bereiken?
step-personas-guide = Een persona is een verzonnen maar herkenbare klant die staat voor een groep echte klanten. Leg vast wie het is, in welke situatie hij zit en wat hij wil bereiken; dat doel kleurt hoe hij elke stap beleeft. Baseer je op wat je echt over klanten weet, uit gesprekken, de klantenservice en je eigen data, niet op aannames.
step-personas-syntax =
    Naam: omschrijving
    Met een doel erbij: Naam: omschrijving | doel: …
    Alleen een naam mag ook.
    Engels werkt ook: | goal: …
step-personas-example = Sanne: 34, twee kleine kinderen, de oude wasmachine lekt | doel: binnen twee dagen een nieuwe die gewoon werkt
step-personas-enough = Minstens één persona, het liefst met een doel erbij.

## Stap 3 · Doelpersona's

step-targets-title = Doelpersona's
step-targets-prompt = Voor welke persona's maken we deze kaart? Markeer er één of meer.
step-targets-guide = Je kunt niet voor iedereen tegelijk een goede reis ontwerpen. Kies de persona's voor wie deze reis het zwaarst weegt, bijvoorbeeld omdat ze veel omzet brengen of nu vaak afhaken. De rest van de workshop kijk je door hun ogen.
step-targets-syntax = Typ de naam of het nummer van een persona om die te markeren; nog een keer typen haalt de markering weg. Je kunt ook de personaknoppen kiezen.
step-targets-example = Sanne
step-targets-enough = Markeer minstens één persona, zodat duidelijk is door wiens ogen je kijkt.

## Stap 4 · Contactmomenten

step-touchpoints-title = Contactmomenten
step-touchpoints-prompt = Waar komt de klant jullie tegen? Noem per fase de contactmomenten en het kanaal.
step-touchpoints-guide = Een contactmoment is elk moment waarop de klant een mening over jullie vormt of bijstelt: een advertentie, een Google-review, een 404-pagina, de bezorger aan de deur. Ook wat je niet zelf in de hand hebt telt mee, zoals een vergelijkingssite of een buurvrouw die jullie aanraadt. Wees volledig: aan een aankoop gaan vaak wel tien contactmomenten vooraf.
step-touchpoints-syntax =
    fase: contactmoment | kanaal
    De fase mag als nummer of als naam, bijvoorbeeld:
    2: Vergelijkingssite | web
    Overweging: Review op Google | web
    Laat je de fase weg, dan krijg je knoppen om hem te kiezen.
step-touchpoints-example = Actie: Bezorgmoment kiezen bij het afrekenen | webshop
step-touchpoints-enough = Minstens één contactmoment in elke fase, zodat er geen blinde vlekken in de reis zitten.

## Stap 5 · Elementen

step-elements-title = Elementen
step-elements-prompt = Wat doet de klant in deze fase, hoe voelt hij zich, waar schuurt het en wat zou helpen?
step-elements-guide = Mensen kiezen op gevoel en zoeken er pas achteraf een verklaring bij, dus hoe de klant zich per fase voelt is minstens zo belangrijk als wat hij doet. Niet voor niets vindt 80% van de klanten de ervaring met een bedrijf even belangrijk als het product (Salesforce). Zoek bij elke negatieve emotie het pijnpunt dat erachter zit, en markeer de momenten van de waarheid: daar moet je het verschil maken.
step-elements-syntax =
    Wat je typt, komt bij de fase in beeld; voor een andere fase zet je er "Actie:" of "3:" voor.
    Gewone regel: wat de klant doet (doet: mag ook)
    denkt: wat de klant denkt
    pijn: waar het schuurt
    idee: of oplossing: wat zou helpen
    moment: of een ! vooraan: moment van de waarheid
    scenario: de situatie van de klant in deze fase
    emotie 2 (of emotie 2 onrustig), of kies een gezichtje (1 t/m 5): hoe de klant zich voelt
    Met twee of meer doelpersona's: "emotie 2 | persona Senior" is de emotie van die persona.
    Met ◀ ▶ ga je naar een andere fase.
    Engelse woorden werken ook: does:, thinks:, pain:, idea:, solution:, emotion 2 anxious.
step-elements-example = pijn: pas na het betalen zie je wanneer de wasmachine komt
step-elements-enough = Geef elke fase minstens één handeling van de klant en een emotiescore.

## Stap 6 · Middelen

step-resources-title = Middelen
step-resources-prompt = Wat hebben jullie nodig om deze reis goed in kaart te brengen en te verbeteren, en wat hebben jullie al?
step-resources-guide = Denk aan data (webstatistieken, CRM, klachten), mensen (collega's met klantcontact, iemand die de site kan aanpassen), tijd en budget. Informatie uit de eerste hand is goud waard: plan klantinterviews of een klantarena, een sessie met een paar klanten tegelijk. Zet wat je al hebt naast wat nog ontbreekt; dat laatste wordt vanzelf een actiepunt.
step-resources-syntax =
    heb: … of + … voor wat het team al heeft
    nodig: … of - … voor wat nog nodig is
    Een gewone regel telt als nodig.
    Engels werkt ook: have:, need:
step-resources-example = nodig: vijf interviews met klanten die vorige maand een wasmachine kochten
step-resources-enough = Minstens één middel: iets wat je al hebt of iets wat je nog nodig hebt.

## Stap 7 · Doorloop

step-walkthrough-title = Doorloop
step-walkthrough-prompt = Doorloop de reis zelf, als klant. Wat zag je, en waar week dat af van wat jullie dachten?
step-walkthrough-guide = Bestel echt, bel de klantenservice, lees de mails: ervaar de reis zoals een klant dat doet. Klanten zeggen vaak het een en doen het ander, dus leg wat je ziet naast interviews en je eigen data. Noteer wat de huidige reis mist ten opzichte van de ideale reis, als probleem en nog niet als oplossing. Ideaal is niet overal positief: een dal vlak voor een piek maakt die piek sterker (de pain-pleasure gap), zolang cruciale contactmomenten positief blijven en de reis eindigt op een hoogtepunt.
step-walkthrough-syntax =
    Wat je typt, komt bij de fase in beeld; een fase ervoor zetten mag ook ("Actie: …").
    Gewone regel: een observatie, wat je zag tegenover wat je verwachtte.
    ideaal 4, of kies een knop: de emotie die de klant hier idealiter voelt.
    Met twee of meer doelpersona's: zet "| persona 2" of "| persona Senior" achter een observatie of ideaal.
    Engels werkt ook: ideal 4.
step-walkthrough-example = Actie: de bezorgdatum zie je pas na het betalen; wij dachten dat die al op de productpagina stond
step-walkthrough-enough = Minstens één observatie, en voor elke fase een ideale emotie.

## Stap 8 · Verbeteringen

step-changes-title = Verbeteringen
step-changes-prompt = Welke verbeteringen pakken jullie aan? Geef elke verbetering een impact, moeite, eigenaar en deadline.
step-changes-guide = Maak van elk probleem uit de doorloop een concrete verbetering en geef impact en moeite een score: veel impact voor weinig moeite is een quick win, die doe je eerst. Toets elke verbetering aan de doelen uit stap 1; alleen pijn wegnemen is niet genoeg. Zonder eigenaar en deadline gebeurt er niets, dus elke actie krijgt ze allebei. En plan alvast een nieuwe ronde: de reis verandert mee met je klanten.
step-changes-syntax =
    Titel | impact 4 | moeite 2 | @eigenaar | deadline vrijdag
    Voor een fase zet je "3:" of "Service:" voor de titel; "doel 2" koppelt aan doel 2 uit stap 1.
    Impact en moeite van 1 tot 5. Velden in willekeurige volgorde, met | of ; ertussen.
    Datums: 15-12-2026, 15-12-2026 14:00, vrijdag, 15 december, over 2 weken
    Ontbreekt er iets, dan krijg je een vraag.
    Engels werkt ook: effort, owner, due friday, in 2 weeks, goal 2.
step-changes-example = Bezorgmoment al tonen op de productpagina | impact 5 | moeite 2 | @teamlid_a | deadline over 2 weken
step-changes-enough = Minstens één actie met een eigenaar en een deadline, anders blijft het bij goede voornemens.

## Fasemodellen

stage-model-five = 5 fasen: Aandacht · Overweging · Actie · Service · Promotor
stage-model-seven = 7 fasen: Bewustwording · Ontdekking · Interesse · Overweging · Actie · Gebruik · Ambassadeur
stage-model-custom = Eigen fasen

stage-five-awareness = Aandacht
stage-five-consideration = Overweging
stage-five-purchase = Actie
stage-five-service = Service
stage-five-loyalty = Promotor

stage-seven-awareness = Bewustwording
stage-seven-discovery = Ontdekking
stage-seven-interest = Interesse
stage-seven-consideration = Overweging
stage-seven-action = Actie
stage-seven-use = Gebruik
stage-seven-advocacy = Ambassadeur

stage-models-explain = Het vijffasenmodel loopt van Aandacht tot Promotor; het zevenfasenmodel is fijnmaziger, van Bewustwording tot Ambassadeur. Een klant loopt zelden rechtdoor: hij gaat terug, vergelijkt opnieuw en komt weer, en een tevreden ambassadeur is zelf een contactmoment voor nieuwe klanten. Kies met /stages 5 of /stages 7, of noem je eigen fasen, gescheiden door komma's: /stages Oriënteren, Kiezen, Bestellen, Ontvangen

## Voorbeeldreizen (voor /new)

journey-examples =
    • Ik word klant en plaats mijn eerste bestelling
    • Ik bestel opnieuw in de webshop
    • Ik heb een vraag over mijn bestelling
    • Ik dien een klacht in over mijn levering
    • Ik vraag een offerte aan
    • Ik koop het nog een keer, maar nu in de winkel
    • Ik wil als medewerker weten wat er verandert (interne communicatie)
