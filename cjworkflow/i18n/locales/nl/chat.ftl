# The terminal chat (cjbot chat): its own words where Telegram's would not fit.
# Same message ids as en/chat.ftl.
chat-how-to-join = Anderen doen mee door als hen te praten: /as <naam>.
chat-how-to-add = ✍ Typ gewoon een regel om iets toe te voegen; een knop kies je met zijn nummer.
chat-button-none = { $count ->
    [0] Er staan nu geen knoppen. Typ /card voor de stapkaart.
   *[other] Er is geen knop { $number }; kies een nummer van 1 tot { $count }.
}
chat-button-stale = Knop { $number } hoort bij een oudere stapkaart en doet niets meer. Dit is de kaart van nu:
chat-pressed = ✓ { $label }
chat-bye = Tot ziens.
chat-help-add = /add <tekst> voeg iets toe (hier is elke gewone regel al een bijdrage)
