# Issue #14 part B: lines that look stored by mistake, and coaching that reads the input.
# Same message ids as nl/coaching.ftl.
check-emoji-only = "{ $line }" is only emoji; I won't store that as an entry. To add something, write it in words.
check-late-answer = "{ $line }" looks like an answer, but no question is open any more. Do you mean a new action with this name? Then send "+ { $line }".
check-action-twice = "{ $title }" is already in the action plan. Do you really want it twice? Then send "+ " followed by the line.

## The journey's title
title-tip = 💡 "{ $title }" sounds like your own process. Write the journey as the customer lives it, for example "{ $suggestion }". Change it with /rename <new title>.
title-tip-quote = I ask for a quote
title-tip-order = I order a product
title-tip-return = I return a product
title-tip-complaint = I make a complaint
title-tip-signup = I sign up
title-tip-delivery = I receive my order
title-tip-pay = I pay my bill
title-tip-any = I … (what the customer wants to achieve)
renamed = The journey is now called "{ $title }".
rename-needs-title = Give the new title, e.g. /rename I ask for a quote
cmd-rename = give the journey a new title (facilitator)

## Questions on the card
coach-persona-goal = What does { $name } want to achieve? A goal colours how the persona lives each step: type the persona again with | goal: … after it (and remove the old one with /remove).
coach-touchpoint-channel = Through which channel does the customer meet "{ $name }"? Add it after the line: … | channel.
coach-walkthrough-solution = "{ $line }" sounds like a solution. What does the customer notice here now? Keep the solution for step 8.
coach-ends-low-current = The journey ends low ({ $stage }: { $score }). The end is what stays with people: give the ideal journey a positive peak there.
coach-ends-low-ideal = The ideal journey ends low too ({ $stage }: { $score }). End on a positive peak, and earlier dips are often forgotten.
coach-moment-low = The moment of truth in "{ $stage }" scores low ({ $score }). At crucial moments you want the emotion positive.
coach-no-gap = The ideal curve is high everywhere. An ideal journey is not only positive: a deliberate dip before a peak (the pain-pleasure gap) makes the high point stronger.

## Context on the cards
context-goals = 🎯 Goals (step 1):
context-problems = ⚠ Problems from the walkthrough:
context-ideas = 💡 Ideas not yet an action:
context-needs = ➕ Still needed:
context-more = … and { $count } more
context-no-stage = ▸ No stage yet
context-touchpoints = 📍 Touchpoints here: { $list }
