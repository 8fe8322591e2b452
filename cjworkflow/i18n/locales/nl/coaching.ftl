# Issue #14 part B: lines that look stored by mistake, and coaching that reads the input.
# Same message ids as en/coaching.ftl.
check-emoji-only = "{ $line }" is alleen emoji; dat bewaar ik niet als bijdrage. Wil je iets toevoegen, schrijf het dan in woorden.
check-late-answer = "{ $line }" lijkt een antwoord, maar er staat geen vraag meer open. Bedoel je een nieuwe actie met deze naam? Stuur dan "+ { $line }".
check-action-twice = "{ $title }" staat al in het actieplan. Wil je hem er echt twee keer in? Stuur dan "+ " met de regel erachter.
