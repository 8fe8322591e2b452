## Who is a member (the trust model): leaving, /kick, /members, named owners

member-removed = You are no longer a member of this workshop, so nothing you send is stored. Ask a facilitator for the join link to take part again.
member-kicked = A facilitator removed you from this workshop: what you send is not stored. Ask a facilitator for the join link to take part again.
owner-ambiguous = Several members are called "{ $name }". Use their @handle.
owner-removed = { $name } is no longer a member of this workshop. Give the action another owner.
owner-invite = { $name }, you were named as the owner of an action in "{ $title }". Join the workshop to get its reminders: { $link }
owner-not-member = { $name } is not a member of "{ $title }" yet: they are only a name on the action and get no reminders. Share the join link with them: { $link }
owner-not-member-invited = { $name } is not a member of "{ $title }" yet: they are only a name on the action. I invited them in the group with the join link.
remind-owner-not-member = ⏰ "{ $action }" in "{ $title }" (due { $due }) is owned by { $owner }, who is not a member: nobody was reminded. Give it another owner or invite them.

kick-usage = Who should leave the workshop? /kick @handle (or /kick and their name).
kick-unknown = I don't know { $name } among the members of this workshop.
kick-ambiguous = Several members match "{ $name }". Use their @handle.
kick-already = { $name } was already removed from this workshop.
kick-self = You cannot remove yourself. Another facilitator can, or use /forget.
kick-last-facilitator = That is the last facilitator: /promote someone else first.
kick-confirm = Remove { $name } from "{ $title }"? What they wrote stays; what they send afterwards is not stored, and they no longer see the workshop.
btn-kick = Yes, remove
btn-kick-cancel = Cancel
kick-cancelled = Nobody was removed.
kick-done-alert = { $name } removed
kicked = { $name } is removed from "{ $title }". The current join link would still let them back in: send me /renew in a private chat for a new one.
kicked-group = { $name } is no longer a member of this workshop: what they send here is not stored.

members-head = Members of "{ $title }" ({ $count } current):
members-line = { $name } — { $role } — joined { $ago } ago
members-line-name = { $name } — named as an owner, not joined
members-left = left { $ago } ago
members-kicked = removed { $ago } ago
members-more = … and { $count } more
ago-minutes = { $count } min
ago-hours = { $count } h
ago-days = { $count ->
        [one] 1 day
       *[other] { $count } days
    }
