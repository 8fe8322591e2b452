# Telegram zoals het echt is (issue #12 punt 7): hoe je de bot in een groep bereikt.
# Dezelfde message ids als en/telegram.ftl.

help-bot-name =
    In een groep lees ik alleen commando's en antwoorden op mijn berichten: antwoord op de stapkaart of gebruik /add <tekst>; een losse @vermelding bereikt me niet.
    Zitten er meer bots in de groep, zet dan mijn naam achter het commando: /next@{ $bot } (dat werkt voor elk commando).
group-how-to-add = ✍ Iets toevoegen in deze groep: antwoord op de stapkaart, of stuur /add <tekst>.
ack-without-reactions = (Reacties staan uit in deze groep, dus ik bevestig af en toe met een bericht; de stapkaart toont elke bijdrage.)
