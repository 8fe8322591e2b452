# Reminders about actions, the weekly digest and step timeboxes.

cmd-remind = reminders before deadlines: /remind 3d,1d,0m or /remind off
cmd-digest = weekly action digest in the group: /digest on|off
cmd-timebox = timebox this step: /timebox <minutes> [auto|ask]

remind-before = ⏰ Reminder: a deadline is coming up.
remind-due = ⏰ The deadline is now.
remind-overdue = ⚠️ This action is past its deadline.
remind-snooze = ⏰ Reminder, as you asked.
remind-body =
    { $action }
    Workshop: { $title }
    Deadline: { $due }
remind-late = (Sent late: I was unavailable at the planned moment.)
remind-start-bot = { $handle }, this reminder is for you. Start a private chat with me so I can remind you personally: { $link }

btn-remind-done = Done ✅
btn-remind-day = Later: 1 day
btn-remind-week = Later: 1 week
btn-remind-blocked = Blocked ⛔

remind-done-ok = Marked as done: { $action } ✅
remind-snoozed = I'll remind you again on { $when }.
remind-not-open = This action is no longer open.
remind-not-owner = Only the action's owner or a facilitator can do that.
remind-action-gone = This action no longer exists.
ask-action-blocked-reason = What is blocking "{ $title }"? Reply with a short reason (or "skip").
remind-blocked-ok = Marked as blocked. I've let the facilitators know.
remind-blocked-facilitator = ⛔ { $owner } is blocked on "{ $action }" ({ $title }): { $reason }
remind-overdue-facilitator = ⚠️ "{ $action }" ({ $owner }, { $title }) is past its deadline ({ $due }).

remind-show = Reminders in this workshop: { $offsets } before the deadline (0m = at the deadline). Change with /remind 3d,1d,0m or switch off with /remind off.
remind-set = Reminders set: { $offsets } before the deadline.
remind-off-show = Reminders are off in this workshop. Switch on with e.g. /remind 1d,0m
remind-off = Reminders are now off in this workshop.
remind-bad-offsets = I don't understand "{ $text }". Use e.g. /remind 3d,1d,0m (w = weeks, d = days, h = hours, m = minutes), at most 52 weeks, or /remind off.

digest-is-on = The weekly digest is on. Switch off with /digest off.
digest-is-off = The weekly digest is off. Switch on with /digest on.
digest-set-on = The weekly digest is on: every week I post the state of the actions in the group.
digest-set-off = The weekly digest is off.
digest-usage = Use /digest on or /digest off.
digest-head = 📬 Weekly digest: { $title }
digest-owner = { $owner }: ✅ { $done } done · 🔵 { $open } open · ⚠️ { $overdue } overdue · ⛔ { $blocked } blocked

timebox-usage = Use /timebox <minutes> [auto|ask], e.g. /timebox 10 auto. Stop it with /timebox off.
timebox-set-auto = ⏱ { $minutes } min for this step. Then I'll move on to the next step.
timebox-set-ask = ⏱ { $minutes } min for this step. Then I'll ask the facilitator whether to move on.
timebox-off = ⏱ Timebox stopped.
timebox-warning = ⏱ One minute left for this step.
timebox-ended-auto = ⏱ Time's up: on to the next step.
timebox-ended-ask = ⏱ Time's up for this step. Facilitator: move on to the next step?
btn-timebox-next = Next step ▶
card-timebox = ⏱ { $minutes } min left
