## Meldingen voor regels die de bot niet kon lezen (cjworkflow/parsing.py, cjworkflow/dates.py).
## Elke melding zegt wat er mis is en hoe het goed kan, met een voorbeeld.

parse-too-long = Die regel is te lang (meer dan { $max } tekens). Knip hem op in kortere regels, één punt per regel.
parse-too-many-lines = Dat bericht heeft meer dan { $max } regels, dus ik heb er geen opgeslagen. Stuur ze in delen van hoogstens { $max } regels.
parse-message-too-long = Dat bericht is te lang (meer dan { $max } tekens), dus ik heb niets opgeslagen. Stuur het in kortere delen.
parse-empty = Na het label staat geen tekst. Schrijf iets achter de dubbele punt, bijv. "Overweging: vergelijkt prijzen online".

parse-persona-no-name = Een persona begint met een naam, bijv. "Sandra: officemanager, bestelt kantoorartikelen | doel: snel en foutloos bestellen".
parse-persona-name-too-long = Die personanaam is te lang (meer dan { $max } tekens). Zet de details achter een dubbele punt, bijv. "Sandra: officemanager bij een klein bedrijf".

parse-score-range = { $field ->
    [impact] Impact is een score van 1 (laag) tot 5 (hoog), bijv. "impact 4".
    [effort] Moeite is een score van 1 (weinig) tot 5 (veel), bijv. "moeite 2".
    [emotion] Een emotie is één score van 1 tot 5 of een gezichtje 😣 🙁 😐 🙂 😄, bijv. "emotie 2". Zet de reden op een eigen regel, bijv. "pijn: moest te lang wachten".
    [ideal] De ideale emotie is één score van 1 tot 5 of een gezichtje 😣 🙁 😐 🙂 😄, bijv. "ideaal 4".
   *[other] Een score is een heel getal van 1 tot 5 of een gezichtje 😣 🙁 😐 🙂 😄, bijv. "3".
}

parse-action-no-title = Een actie begint met wat er moet gebeuren, bijv. "Levertijd tonen op de bestelpagina | impact 4 | moeite 2 | @anna | deadline vrijdag".
parse-action-title-too-long = Die actietitel is te lang (meer dan { $max } tekens). Houd hem kort, bijv. "Levertijd tonen op de bestelpagina".
parse-action-owner-too-long = Die naam van de eigenaar is te lang (meer dan { $max } tekens). Gebruik een naam of een @naam, bijv. "eigenaar: Anna" of "@anna".
parse-action-unknown-field = "{ $field }" begrijp ik niet. Gebruik impact, moeite, eigenaar, deadline of doel, gescheiden door | of ;, bijv. "Binnen een dag terugbellen | impact 4 | moeite 2 | eigenaar: @anna | deadline 15 december".

parse-date-past = Die datum ligt in het verleden ({ $date }). Kies een datum vanaf vandaag, bijv. "vrijdag" of "15 december".
parse-date-too-far = Die datum ligt meer dan { $years } jaar vooruit. Kies een deadline tot en met { $latest }, bijv. "eind december" of "over 3 maanden".
parse-date-unreadable = "{ $text }" kan ik niet als datum lezen. Probeer bijv. "vrijdag", "morgen 14:00", "over 2 weken", "eind december" of "15-12-2026".
