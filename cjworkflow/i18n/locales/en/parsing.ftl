## Messages for lines the bot could not read (cjworkflow/parsing.py, cjworkflow/dates.py).
## Each says what is wrong and how to fix it, with an example.

parse-too-long = That line is too long (more than { $max } characters). Split it into shorter lines, one idea per line.
parse-too-many-lines = That message has more than { $max } lines, so I stored none of them. Send them in parts of at most { $max } lines.
parse-message-too-long = That message is too long (more than { $max } characters), so I stored none of it. Send it in shorter parts.
parse-empty = There is no text after the label. Write something after the colon, e.g. "Consideration: compares prices online".

parse-persona-no-name = A persona needs a name first, e.g. "Sandra: office manager, orders supplies | goal: order quickly without mistakes".
parse-persona-name-too-long = That persona name is too long (more than { $max } characters). Put the details after a colon, e.g. "Sandra: office manager at a small firm".

parse-score-range = { $field ->
    [impact] Impact is a score from 1 (low) to 5 (high), e.g. "impact 4".
    [effort] Effort is a score from 1 (little) to 5 (a lot), e.g. "effort 2".
    [emotion] An emotion is one score from 1 to 5 or a face 😣 🙁 😐 🙂 😄, e.g. "emotion 2". Put the reason on its own line, e.g. "pain: waited too long".
    [ideal] The ideal emotion is one score from 1 to 5 or a face 😣 🙁 😐 🙂 😄, e.g. "ideal 4".
   *[other] A score is a whole number from 1 to 5 or a face 😣 🙁 😐 🙂 😄, e.g. "3".
}

parse-action-no-title = An action starts with what should happen, e.g. "Add delivery time to the order page | impact 4 | effort 2 | @anna | due Friday".
parse-action-title-too-long = That action title is too long (more than { $max } characters). Keep it short, e.g. "Add delivery time to the order page".
parse-action-owner-too-long = That owner name is too long (more than { $max } characters). Use a name or a handle, e.g. "owner: Anna" or "@anna".
parse-action-unknown-field = I don’t understand "{ $field }". Use impact, effort, owner, due or goal, separated by | or ;, e.g. "Call back within a day | impact 4 | effort 2 | owner: @anna | due 15 December".

parse-date-past = That date is in the past ({ $date }). Pick a date from today on, e.g. "Friday" or "15 December".
parse-date-too-far = That date is more than { $years } years ahead. Pick a deadline up to { $latest }, e.g. "end of December" or "in 3 months".
parse-date-unreadable = I can’t read "{ $text }" as a date. Try e.g. "Friday", "tomorrow 14:00", "in 2 weeks", "end of December" or "2026-12-15".
