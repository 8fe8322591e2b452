## Customer voice (issue 15): the survey customers answer, /survey, their curve and exports

cmd-survey = a survey link for customers to score the journey (facilitator)
survey-closed = This survey is closed or the link is wrong. Thank you for wanting to help!
survey-full = This survey has received as many responses as it can take. Thank you anyway!
survey-hello =
    👋 Hello! We would like to know how you experienced "{ $title }".
    You get { $count } short questions: tap a face for each step, from 😠 (very bad) to 😄 (very good). It takes about a minute, and your name is never shown to anyone. /cancel stops.
survey-hello-again = 👋 Welcome back to "{ $title }". You answered before: tap a face again to change an answer, or skip to keep it empty.
survey-question = { $n }/{ $total } · { $stage }
    How did you feel here?
survey-earlier = (last time: { $face })
survey-btn-skip = Skip this one
survey-noted = Noted, thank you
survey-skipped = Skipped
survey-tell = ✍ Did something happen at "{ $stage }"? Type it in a few words if you like.
survey-comment = One last question: is there anything else you would like to tell us? Type it, or tap "No, thanks".
survey-btn-no-comment = No, thanks
survey-thanks =
    🙏 Thank you! Your answers help the team improve this journey.
    Open the link again to change them. /mydata shows what I keep about you, /forget erases it.
survey-done-already = You have already finished: thank you!
survey-too-long = That is a bit long: at most { $max } characters, please.
survey-face-first = Tap a face first; then tell me what happened there, if you like.
survey-note-noted = ✍ Thank you, noted with that step.
survey-none-open = There is no open survey link. Send /survey to make one. Responses so far: { $count }.
survey-off = 🔒 The survey link is revoked: it no longer opens. The { $count } responses stay on the map. /survey makes a new link.
survey-title-too-long = The title for customers may be at most { $max } characters.
survey-created =
    📣 Survey link for customers of "{ $title }":
    { $link }
    Share it with customers (mail, website, receipt). They score each stage with faces, in a private chat with me; they never see the team's work and never become members. Responses so far: { $count }. /survey off revokes the link; /survey <title> names the journey the way customers know it.
survey-link =
    📣 Survey link for "{ $title }":
    { $link }
    Responses so far: { $count }. /survey off revokes it.
survey-status-open = 📣 Customer survey open · { $count ->
        [one] 1 response
       *[other] { $count } responses
    }
survey-status = 📣 Customer responses: { $count }
privacy-responses = { $count ->
        [one] 1 survey response
       *[other] { $count } survey responses
    }
forget-responses = • { $responses } you gave as a customer (deleted either way)

render-legend-customers = customers (mean, n)
render-legend-differ = customers see this differently
render-customers-differ = customers see this differently
render-customers-score = { NUMBER($value, maximumFractionDigits: 1, minimumFractionDigits: 1) } (n={ $n })

export-customers-head = Customers' voice
export-customers-intro = { $count } customer responses. Team and customers per stage (mean, count):
export-customers-stage = { $stage }: team { $team } (n={ $team_n }) · customers { $customers } (n={ $customers_n })
export-customers-differ = ⚠ customers see this differently
export-customers-notes = What customers said happened here:
export-customers-comments = Customers' comments
export-col-team-mean = Team mean
export-col-team-n = Team n
export-col-customers-mean = Customers mean
export-col-customers-n = Customers n
export-col-differ = Differ
export-col-comment = Comment
export-sheet-customers = Customers

import-scores-done = ✅ { $count } customer responses added to "{ $title }" from the file. /map shows their curve.
import-scores-line = Line { $line }: { $problem }
import-scores-failed = ⚠ Nothing was stored from the file:
import-scores-empty = the file has no rows
import-scores-header = the first line must name the columns stage and score (comment is optional)
import-scores-stage = "{ $stage }" is not a stage of this workshop (stages: { $stages })
import-scores-score = the score must be a whole number from 1 to 5, not "{ $score }"
import-scores-comment = the comment may be at most { $max } characters
import-scores-too-large = The file is too large: at most { $max } KB.
import-scores-too-many = The file has more than { $max } rows.
import-scores-encoding = The file is not readable text (save it as CSV in UTF-8).
import-scores-full = The workshop already has as many responses as it can keep ({ $max }).
import-scores-not-facilitator = Only a facilitator of your active workshop can add customers' scores. Make it active with /workshops.

forget-customer-explain =
    🔒 Erase what I keep about you? That is { $responses } (your faces, what you typed, your comment) and your name, Telegram account and language.
    The team's map no longer counts your answers afterwards. Nothing changes until you tap a button.
forget-customer-btn = Erase my answers
forget-customer-done = ✅ Erased: { $responses }, your name, Telegram account and language.

import-scores-said = { $text }
survey-finish-hint = 📣 Next: check the curve with customers themselves. /survey gives you a link they score the journey with, stage by stage.
survey-finish-count = 📣 Customer responses so far: { $count }. /map shows their curve beside yours.
survey-digest = 📣 { $count ->
        [one] 1 new customer response
       *[other] { $count } new customer responses
    } this week ({ $total } in all). /map shows their curve.

## Journey templates (articles 003/004)
templates-head = Or start from a template: a journey, its stages and a few example touchpoints (all editable).
btn-templates = 📋 Start from a template
template-created = 📋 Template "{ $title }": { $count } example touchpoints are in step 4. Change the stages with /stages, remove an example with /remove in step 4.
template-new_customer-title = I become a customer
template-new_customer-stages = Orienting, Comparing, Choosing, Signing up, Welcome
template-new_customer-touchpoints =
    1: Search result on Google | web
    2: Reviews by other customers | web
    3: Talk with an adviser | phone
    4: Sign-up form | website
    5: Welcome email | email
template-repeat_online-title = I reorder online
template-repeat_online-stages = Need, Logging in, Ordering, Paying, Receiving
template-repeat_online-touchpoints =
    1: Reminder email | email
    2: My account | website
    3: Order history | website
    4: Payment page | website
    5: Track and trace | text message
template-repeat_offline-title = I buy again in the shop
template-repeat_offline-stages = Need, Going to the shop, Finding it, Paying, Using
template-repeat_offline-touchpoints =
    1: Leaflet | post
    2: Opening hours | website
    3: Shelf layout | shop
    4: Checkout | shop
    5: Loyalty card | shop
template-quote-title = I request a quote
template-quote-stages = Orienting, Requesting, Waiting, Receiving the quote, Deciding
template-quote-touchpoints =
    1: Website with references | web
    2: Quote form | website
    3: Confirmation email | email
    4: Quote as a PDF | email
    5: Follow-up call from sales | phone
template-complaint-title = I make a complaint
template-complaint-stages = Problem, Finding contact, Reporting, Handling, Resolution
template-complaint-touchpoints =
    1: Product does not work | product
    2: Contact page | website
    3: Complaint form | website
    4: Acknowledgement of receipt | email
    5: Call back | phone
template-service-title = I get service or maintenance
template-service-stages = Question, Booking, Preparing, Visit, Aftercare
template-service-touchpoints =
    1: Helpdesk | phone
    2: Online booking | website
    3: Reminder with a time slot | text message
    4: Engineer at the door | visit
    5: Satisfaction question | email
template-internal-title = I learn about a change in my work
template-internal-stages = First signal, Explanation, Asking questions, Applying it, Looking back
template-internal-touchpoints =
    1: Rumour at the coffee machine | informal
    2: Email from management | email
    3: Team meeting | meeting
    4: Intranet page | intranet
    5: Review with my manager | conversation

## Rounds: mapping the journey again
cmd-round = map the journey again: keep this round, start the next (facilitator)
round-started =
    🔁 Round { $number } of this journey. Round { $before } is kept: its curves, observations and the actions done in it (/map and the PDF compare them).
    Carried over, all editable: goals, personas, stages, touchpoints, what customers do, pains, ideas, moments of truth and the open actions with their owners and deadlines. Starting empty: the emotion scores and the walkthrough. The survey link, if open, now asks about this round.
round-status = 🔁 Round { $number }
round-too-many = This workshop already keeps { $max } rounds: start a new workshop (/new) for the next one.
round-finish-hint = 🔁 Later: /round maps the same journey again, to check whether the changes worked.
render-legend-round = round { $number }
render-rounds-done = Done in round { $number }: { $actions }
pdf-rounds-head = Rounds compared
pdf-rounds-intro = Each round's mean emotion per stage, team and customers (n), and the actions done in it.
pdf-rounds-done = Done in round { $number }: { $actions }
pdf-rounds-none = nothing marked done
pdf-rounds-col-team = Round { $number }: team
pdf-rounds-col-customers = Round { $number }: customers
survey-stopped = Survey stopped. What you answered so far is kept; open the link again to go on or change it.
