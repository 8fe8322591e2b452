# Issue #14 part B: lines that look stored by mistake, and coaching that reads the input.
# Same message ids as nl/coaching.ftl.
check-emoji-only = "{ $line }" is only emoji; I won't store that as an entry. To add something, write it in words.
check-late-answer = "{ $line }" looks like an answer, but no question is open any more. Do you mean a new action with this name? Then send "+ { $line }".
check-action-twice = "{ $title }" is already in the action plan. Do you really want it twice? Then send "+ " followed by the line.
