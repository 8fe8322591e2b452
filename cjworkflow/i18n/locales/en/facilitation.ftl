## Team facilitation: dot votes, team estimates, anonymous mode, /who
cmd-vote = dot vote (facilitator): /vote [pains|ideas|actions] [dots] [10m] · /vote close
cmd-estimate = team estimate of impact and effort (facilitator): /estimate [number|all] [10m]
cmd-anonymous = anonymous mode (facilitator): /anonymous on|off
cmd-who = who added how much per step (facilitator)

card-anonymous = 🕶 Anonymous mode: no names on entries, scores, votes or estimates.
anonymous-on = 🕶 Anonymous mode is on: no card, map, status or export names who wrote, scored, voted or estimated anything. Tip: write to me privately, so the group does not see your message either.
anonymous-off = Anonymous mode is off: entries show who wrote them again.
anonymous-usage = Use /anonymous on or /anonymous off.

vote-subject-pains = pains
vote-subject-ideas = ideas
vote-subject-actions = actions
vote-usage = Use /vote [pains|ideas|actions] [dots] [minutes], e.g. /vote pains 3 or /vote ideas 5 10m. Close it with /vote close.
vote-dots-bound = Give each member between 1 and { $max } dots.
vote-nothing = There are no { $subject } to vote on yet.
vote-opened = 🗳 Dot vote on the { $subject }: everyone has { $dots } dots. Tap an item to give it a dot, ↩ to take one back.
poll-first = Only the first { $shown } of { $count } are on the card.
vote-card-head = 🗳 Dot vote on the { $subject } · { $dots } dots each · { $voters ->
    [one] 1 member voted
   *[other] { $voters } members voted
  }
vote-card-how = Tap ● to give a dot, ↩ to take one back. Counts stay hidden until the vote closes.
vote-btn-back = ↩
poll-closes-in = closes in { $minutes } min
poll-btn-close = 🔒 Close (facilitator)
vote-dot = "{ $text }": { $here } of your dots · { $left } left
vote-no-dots-left = You have spent all { $dots } dots. Take one back with ↩ to move it.
vote-none-here = You have no dot on that one.
vote-closed-head = 🗳 Vote closed: the { $subject } by dots
vote-closed-none = Nobody gave a dot.
vote-offer-head = 🗳 Top-voted pains and ideas: tap one to make it an action.
vote-made-action = "{ $text }" is now an action.
vote-already-action = "{ $text }" is already an action.

estimate-usage = Use /estimate for all unrated actions, /estimate <number> for one action, optionally with minutes (e.g. /estimate 10m). Close it with /estimate close.
estimate-no-action = There is no action { $number } (the plan has { $count }).
estimate-nothing = Every action already has an impact and an effort. Estimate one again with /estimate <number>.
estimate-opened = 🃏 Team estimate of { $count ->
    [one] 1 action
   *[other] { $count } actions
  }: everyone taps impact (I) and effort (E), 1–5. Nobody sees another's estimate until it closes.
estimate-card-head = 🃏 Team estimate · { $voters ->
    [one] 1 member estimated
   *[other] { $voters } members estimated
  }
estimate-card-how = Per action: I = impact, E = effort (1 low – 5 high). Hidden until the estimate closes.
estimate-btn-impact = { $n }·I{ $score }
estimate-btn-effort = { $n }·E{ $score }
estimate-mine = Your estimate for "{ $title }": impact { $impact } · effort { $effort } (hidden until it closes)
estimate-closed-head = 🃏 Estimate closed: the team's median
estimate-closed-line = • { $title }: impact { $impact } · effort { $effort } ({ $count ->
    [one] 1 estimate
   *[other] { $count } estimates
  })
estimate-closed-none = Nobody estimated.
discuss-flag = ⚠ discuss

poll-none-open = No vote or estimate is open. Start one with /vote or /estimate.
poll-already-open = A vote or estimate is already open. Close it first with /vote close.
poll-closed = This vote is closed: nothing changed.
poll-not-member = Only the workshop's members can vote or estimate.

who-head = 👥 Contributions to "{ $title }" per step (fewest first)
who-line = { $name }: { $total } ({ $steps })
who-quiet = 🤫 Nothing yet from: { $names }. Invite them in by name, or switch on /anonymous on.
who-anonymous = Anonymous mode is on: I don't show who contributed what. Switch it off with /anonymous off.
