## General
welcome =
    👋 Welcome to cjbot: customer journey mapping, step by step, right here in the chat.
    Start a workshop with /new followed by the journey in your customer's words, e.g. /new I order a washing machine
    Journeys worth mapping:
    { $examples }
    Got a link or code from a facilitator? Tap the link or send /join CODE.
help =
    Cheat sheet
    /new <journey> start a workshop (you facilitate)
    /join <code> join one · /workshops list and switch
    /status progress · /card show the step card again
    /next /back /step <n> steer (facilitators)
    /add <text> add an entry (in a group; or reply to the step card)
    /undo remove my last entry (or put back what I removed) · /remove <n> remove entry n (after a confirmation)
    /cancel drop an open question
    /map the journey map · /actions the action plan · /export files · /link the live map on the web
    /stages 5 | 7 | A, B, C stage model · /lang nl|en language
    /remind 3d,1d,0m reminder moments · /digest on|off weekly digest · /timebox <min> [auto|ask]
    /rename <journey> new title · /renew new join link · /promote @name co-facilitator
    /kick @name remove someone (asks first) · /members who is in
    /vote [pains|ideas|actions] [dots] dot vote · /estimate team estimate · /anonymous on|off · /who contributions
    /survey survey link for customers (/survey off revokes it) · /round map the journey again
    /mydata what is stored about me · /forget erase my personal data · /delete delete the workshop
no-workshop-group = There is no workshop in this group yet. Start one with /new followed by the journey, e.g. /new I order a washing machine
no-workshop-private = You have no active workshop. Start one with /new <journey>, join one with /join <code>, or pick one with /workshops.
not-member = You are not part of this workshop. Ask the facilitator for the join link.
only-facilitator = Only a facilitator can do that.
workshop-finished = This workshop is finished. A facilitator can reopen it with /step 8 (or any step).

## Creating and joining
new-needs-title =
    What journey do you want to map? Write it from the customer's side, e.g. /new I order a washing machine
    { $examples }
new-title-too-long = That title is too long (at most { $max } characters). Keep it to one journey in a short sentence.
new-created =
    🗺 Workshop "{ $title }" — 8 steps, stages: { $stages }
    Joining from a private chat: { $link }
btn-model-five = 5 stages
btn-model-seven = 7 stages
join-unknown-code = That join code doesn't work. Check the link, or ask the facilitator for a new one.
join-welcome = ✅ You have joined "{ $title }". Everything you type here counts as an entry for the current step.
workshops-none = You are not in any workshop yet. Start one with /new <journey>.
workshops-head = Your workshops (choose one to make it active):
workshop-active = Active workshop: "{ $title }".
role-facilitator = facilitator
role-member = member
role-name = named, not joined

## Steering
moved-on-empty = Note: step "{ $title }" has no entries yet; you can come back with /back.
moved-on-thin = Note: this step looks thin. { $hint }
reopened = The workshop is open again.
back-at-first = You are at step 1 already.
step-number = Give a step number from 1 to { $last }, e.g. /step 4
finish-too-early = Finishing comes after step { $last }; you are at step { $step }. Use /next to continue or /step { $last }.
finished = 🎉 "{ $title }" is mapped. Here is the map, the priority matrix and the action plan, quick wins first.
caption-map = 🗺 Journey map
caption-matrix = Priority matrix: impact against effort
caption-json = The whole workshop (JSON)
caption-csv = The action plan (CSV)
caption-markdown = Summary (Markdown)

# Files that did not work out, and long plans as a file
render-timeout = ⏳ Making this file took too long and was stopped. Nothing is lost and the bot carries on as usual; please try again shortly.
render-failed = ⚠️ This file could not be made. Nothing is lost and the bot carries on as usual; please try again shortly.
plan-as-file = 📎 The plan has { $count } actions: the first { $shown } are above, the whole plan is in the file below (Excel and CSV via /export).
caption-plan = 📋 The whole action plan (text)

btn-export = Export
btn-next = Next ▶
btn-finish = Finish ✅
btn-back = ◀ Back
btn-status = Status
btn-help = Help
btn-prev-stage = ◀ Stage
btn-next-stage = Stage ▶
btn-skip = Skip
btn-delete = Yes, delete
stages-show =
    Stages: { $stages }
    { $explain }
stages-set = Stages are now: { $stages }
stages-too-few = Give at least { $min } stages, separated by commas, e.g. /stages Orient, Choose, Order, Receive
stages-too-many = At most { $max } stages fit on a map. Merge a few, or use /stages 7.
stages-label-too-long = Keep each stage name under { $max } characters.
stages-duplicate = Two stages have the same name. Give each stage its own name.
stages-would-lose = Stage "{ $stage }" still holds { $count } entries; move or remove them first, so nothing is lost.
lang-choose = Which language? /lang nl or /lang en
lang-set-me = I'll speak English with you.
lang-set-workshop = This workshop now speaks English.
renewed = New join link: { $link } (the old one no longer works).
promoted = { $name } is now a co-facilitator.
promote-unknown = I don't know { $name } in this workshop. They must add an entry or join first.
delete-confirm = Delete "{ $title }" with all its entries and actions? This cannot be undone.
deleted = Workshop "{ $title }" has been deleted.
delete-expired = This delete button has expired (it works for { $minutes } minutes): nothing was deleted. Send /delete again if you really want to delete the workshop.
forget-explain =
    🔒 Erase your personal data? In { $workshops } I store:
    • your name, @handle, Telegram account and language
    • { $entries } and { $written } you wrote
    • { $scores }, { $owned } you own, { $reminders }, your open questions
    Erasing removes your name, @handle, Telegram account, language, memberships, emotion scores, open questions and reminders. Actions you own stay in the plan, without an owner.
    Your entries: keep them in the workshops without your name, or erase them too (an action someone else owns stays, without your name).
    Where you are the only facilitator, the member who joined first takes over. A workshop nobody else takes part in is deleted.
    Nothing changes until you press a button.
forget-details-head = In your workshops:
forget-detail-handoff = • "{ $title }": { $name } becomes facilitator
forget-detail-delete = • "{ $title }": deleted, nobody else takes part
forget-group-details = Send /forget in a private chat with me to see what happens to each workshop.
forget-sent-private = I sent you the choice in our private chat.
btn-forget-keep = Erase me, keep my entries anonymous
btn-forget-all = Erase me and my entries
btn-forget-cancel = Cancel
forget-cancelled = Cancelled: nothing was erased.
forget-done-kept = ✅ Your personal data is erased: name, @handle, Telegram account, language, memberships, emotion scores, open questions and reminders. Kept in the workshops without your name: { $entries }. Now without an owner: { $owned }.
forget-done-deleted = ✅ Your personal data is erased: name, @handle, Telegram account, language, memberships, emotion scores, open questions and reminders, and what you wrote: { $entries } and { $actions }. Now without an owner: { $owned }.
privacy-workshops = { $count ->
        [one] 1 workshop
       *[other] { $count } workshops
    }
privacy-entries = { $count ->
        [one] 1 entry
       *[other] { $count } entries
    }
privacy-actions = { $count ->
        [one] 1 action
       *[other] { $count } actions
    }
privacy-scores = { $count ->
        [one] 1 emotion score
       *[other] { $count } emotion scores
    }
privacy-reminders = { $count ->
        [one] 1 reminder
       *[other] { $count } reminders
    }
forget-done-workshops = Deleted, as nobody else took part: { $titles }
forget-nothing = I had nothing stored about you beyond your name and Telegram account; those are erased now.
forget-not-yours = This choice belongs to someone else. Send /forget to erase your own data.
forget-gone = That data is already erased.
forget-new-facilitator = A facilitator of "{ $title }" erased their data; { $name } is now its facilitator.
mydata-caption = Everything I store about you (JSON). /forget erases it.
mydata-sent-private = I sent your data to our private chat.
mydata-open-private = Your data is personal, so I won't post it here. Open a private chat with me (tap my name, then Start) and send /mydata there.
cancelled = Question dropped. What you already entered is kept.
cancel-nothing = There was no open question. Nothing changed.

## Entries
entry-empty = That message has no text I can use.

## Bounds: a workshop at one of its caps (cjworkflow/limits)
limit-entries = This workshop is full: it holds { $max } entries, the most a workshop may have. Start a new workshop with /new for more, or remove entries you no longer need.
limit-actions = This workshop already has { $max } actions, the most it may have. Finish or remove some before adding more.
limit-members = This workshop already has { $max } members, the most it may have. Ask the facilitator to make room or start a new workshop.
limit-not-stored = { $count ->
        [one] 1 line was not stored.
       *[other] { $count } lines were not stored.
    }
entry-stored = 👍 { $count ->
        [one] Added: { $last }
       *[other] Added { $count } entries, the last: { $last }
    }
entry-score = Emotion in "{ $stage }": { $score }
entry-ideal = Ideal emotion in "{ $stage }": { $score }
target-marked = { $name } is a target persona of this map.
target-unmarked = { $name } is no longer a target persona.
target-no-personas = There are no personas yet. Go back to step 2 (a facilitator sends /back) and add some first.
target-unknown = I don't know a persona "{ $name }". Choose one of: { $names }
owner-unknown = I don't know "{ $name }" in this workshop. Use their @handle, or "me".
stage-unknown = "{ $name }" is not a stage. Give its number or name, or choose a button.
undo-nothing = You have no entries in this workshop to undo.
removed = Removed: { $text }
remove-confirm = Remove { $number }: { $text }?
btn-remove = 🗑 Yes, remove
removed-undo = Removed: { $text } — /undo puts it back.
restored = Put back: { $text }
remove-gone = That entry is already removed.
remove-number = Give the number of an entry on the card, from 1 to { $count }, e.g. /remove 2
remove-nothing = There is nothing on this step's card to remove yet.
new-group-busy = This group is running the workshop "{ $title }". Only its facilitator can start a new one here (or finish it first); you can start your own in a private chat with me.
remove-not-yours = You can only remove your own entries (a facilitator can remove any).
ask-action-impact = How much impact does "{ $title }" have? 1 = little, 5 = a lot.
ask-action-effort = How much effort does "{ $title }" take? 1 = little, 5 = a lot.
ask-action-owner = Who owns "{ $title }"? Choose a name, or type @handle or "me".
ask-action-due = When must "{ $title }" be done? Choose a button or type a date, e.g. "Friday" or "15 December".
ask-touchpoint-stage = In which stage does "{ $title }" happen?
due-in-week = in 1 week
due-in-two-weeks = in 2 weeks
due-in-month = in 1 month
button-expired = This button belongs to an earlier step; the workshop is at step { $step } now.
button-unknown = This button is not valid (anymore).
question-expired = This question was already answered or dropped.
question-not-yours = This question is for someone else.

## The card
card-step = Step { $n }/{ $total } · { $title }
card-finished = ✅ Finished — /map and /actions show the result.
card-persona-goal = goal: { $goal }
card-have = ✔ have:
card-need = ➕ need:
card-kind-user_action = does:
card-kind-pain = 😣 pain:
card-kind-solution = 💡 idea:
card-kind-moment = ⭐ moment of truth:
card-no-owner = no owner yet
card-scores = impact { $impact } · effort { $effort }
status-open = open
status-done = done
status-blocked = blocked
card-focus = ▶ Stage: { $stage }
card-emotion-none = Emotion: no scores yet — choose a face below.
card-emotion = Emotion: average { $mean } from { $count } { $count ->
        [one] score
       *[other] scores
    }
card-emotion-disagree = wide spread — discuss this
card-ideal = ideal { $score }
card-empty = No entries yet. For example: { $example }
card-stage-empty = Nothing in this stage yet.
card-other-stages = (+{ $count } in other stages)
card-more-earlier = … { $count } earlier entries not shown (all of them on /map and in /export)
status-head = Join code: { $code } · { $members } members
status-line = { $mark } { $n }. { $title }: { $count }
plan-empty = No actions yet for "{ $title }". Add them in step 8, e.g. Confirmation email with delivery slot | impact 5 | effort 1 | @anna | due Friday
plan-head = Action plan "{ $title }" (quick wins first):

## Terminal chat
chat-intro = cjbot terminal chat. Type /help for commands, a button's number to press it, /as <name> to speak as someone else, /quit or Ctrl-C to leave.
chat-speaking-as = Now speaking as { $name }.
chat-file = [file written: { $path }]
demo-written = Demo written to { $dir }:

## Exports
export-plan = Action plan
export-col-number = #
export-col-quadrant = Priority
export-col-title = Action
export-col-impact = Impact
export-col-effort = Effort
export-col-owner = Owner
export-col-due_date = Deadline
export-col-due_time = Time
export-col-status = Status
export-col-stage = Stage

## Telegram
error-generic = Sorry, something went wrong on my side. Your earlier entries are safe; please try again.
# An update that kept failing was set aside (dead letter); said once.
error-dead-letter = Sorry, I could not handle this, even after several tries. I set it aside for the team running this bot; your earlier entries are safe.
cmd-start = start, or join a workshop from a link
cmd-help = cheat sheet and the current step's syntax
cmd-new = start a workshop: /new <journey>
cmd-join = join a workshop: /join <code>
cmd-workshops = my workshops; switch the active one
cmd-status = progress per step
cmd-card = show the step card again
cmd-next = next step (facilitator)
cmd-back = previous step (facilitator)
cmd-step = jump to step n (facilitator)
cmd-add = add an entry: /add <text>
cmd-undo = remove my last entry
cmd-remove = remove entry n: /remove <n>
cmd-cancel = drop an open question
cmd-map = the journey map
cmd-actions = the prioritised action plan
cmd-export = files: report (PDF), action plan (Excel, CSV), calendar, summary, JSON
cmd-lang = language: /lang nl or /lang en
cmd-stages = stage model: /stages 5, 7 or your own list
cmd-renew = new join link (facilitator)
cmd-promote = make someone co-facilitator
cmd-kick = remove someone from the workshop (facilitator, asks first)
cmd-members = everyone in the workshop: role, joined, left (facilitator)
cmd-mydata = a file with everything stored about me
cmd-forget = erase my personal data (asks first)
cmd-delete = delete the workshop (facilitator)

## Access (bad input and access-control work)
join-in-private = Joining happens in a private chat with me: open the join link, or send me /join <code> there.
command-unknown = I don’t know the command /{ $name }.
command-unknown-suggest = I don’t know the command /{ $name }. Did you mean /{ $suggestion }?
