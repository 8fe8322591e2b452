# The terminal chat (cjbot chat): its own words where Telegram's would not fit.
# Same message ids as nl/chat.ftl.
chat-how-to-join = Others join by speaking as them: /as <name>.
chat-how-to-add = ✍ Just type a line to add something; choose a button by its number.
chat-button-none = { $count ->
    [0] There are no buttons right now. Type /card for the step card.
   *[other] There is no button { $number }; choose a number from 1 to { $count }.
}
chat-button-stale = Button { $number } belongs to an older step card and no longer does anything. This is the card now:
chat-pressed = ✓ { $label }
chat-bye = Goodbye.
chat-help-add = /add <text> add an entry (here every plain line is one already)
