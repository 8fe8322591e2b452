# Workshop steps: title, question, guidance, input syntax, example and "enough" per step,
# plus the stage models and example journeys. Plain text for Telegram, no markup.
# Same message ids as nl/steps.ftl.

## Step 1 · Goals

step-goals-title = Goals
step-goals-prompt = What should this map achieve? What needs to work better afterwards, for the customer and for you?
step-goals-guide = Pick one journey and give it clear edges: where does it start, where does it end? Phrase it the way the customer lives it: "I request a quote", not "quotation process". Keep your goals concrete, because every improvement you come up with in step 8 has to serve them.
step-goals-syntax = One goal per line. Several lines in one message are fine.
step-goals-example = Fewer customers dropping out when choosing a delivery slot
step-goals-enough = At least one goal, so every later improvement has something to be measured against.

## Step 2 · Personas

step-personas-title = Personas
step-personas-prompt = Who takes this journey? Describe your customers: who they are, what situation they're in and what they want to achieve.
step-personas-guide = A persona is a made-up but recognisable customer who stands for a group of real ones. Capture who they are, their situation and their goal; that goal shapes how they experience every step. Build on what you actually know about customers, from conversations, support and your own data, rather than on assumptions.
step-personas-syntax =
    Name: description
    With a goal: Name: description | goal: …
    A name on its own is fine too.
    Dutch works as well: | doel: …
step-personas-example = Sam: 34, two small kids, the old washing machine is leaking | goal: a new one that just works, within two days
step-personas-enough = At least one persona, ideally with a goal.

## Step 3 · Target personas

step-targets-title = Target personas
step-targets-prompt = Which personas is this map for? Mark one or more.
step-targets-guide = You can't design a great journey for everyone at once. Pick the personas for whom this journey matters most, for instance because they bring in the most revenue or drop out most often. For the rest of the workshop, you look through their eyes.
step-targets-syntax = Type a persona's name or number to mark it; type it again to unmark it. You can also choose the persona buttons.
step-targets-example = Sam
step-targets-enough = At least one marked persona, so it's clear whose eyes you're looking through.

## Step 4 · Touchpoints

step-touchpoints-title = Touchpoints
step-touchpoints-prompt = Where does the customer run into you? List the touchpoints in each stage and their channel.
step-touchpoints-guide = A touchpoint is any moment a customer forms or changes an opinion about you: a display ad, a Google review, a 404 page, the delivery driver at the door. Things outside your control count too, like a comparison site or a neighbour's recommendation. Be thorough: a purchase is often preceded by as many as ten contact moments.
step-touchpoints-syntax =
    stage: touchpoint | channel
    The stage can be its number or its name, e.g.:
    2: Comparison site | web
    Consideration: Google review | web
    Leave the stage out and you'll get buttons to pick one.
step-touchpoints-example = Purchase: Choosing a delivery slot at checkout | online shop
step-touchpoints-enough = At least one touchpoint in every stage, so the journey has no blind spots.

## Step 5 · Elements

step-elements-title = Elements
step-elements-prompt = What does the customer do in this stage, how do they feel, where does it hurt and what would help?
step-elements-guide = People decide on emotion and justify it afterwards, so how a customer feels in each stage matters as much as what they do. No wonder 80% of customers find their experience with a company as important as its products (Salesforce). Trace every negative emotion back to the pain point behind it, and mark the moments of truth: the moments where you have to make the difference.
step-elements-syntax =
    What you type goes to the stage in focus; for another stage, start with "Purchase:" or "3:".
    Plain line: what the customer does (or does:)
    thinks: what the customer thinks
    pain: where it hurts
    idea: or solution: what would help
    moment: or a leading !: a moment of truth
    scenario: the customer's situation in this stage
    emotion 2 (or emotion 2 anxious), or choose a face (1 to 5): how the customer feels
    With two or more target personas: "emotion 2 | persona Senior" is that persona's emotion.
    Use ◀ ▶ to move between stages.
    Dutch keywords work too: doet:, denkt:, pijn:, idee:, oplossing:, emotie 2 onrustig.
step-elements-example = pain: you only see the delivery date after you've paid
step-elements-enough = Give every stage at least one customer action and an emotion score.

## Step 6 · Resources

step-resources-title = Resources
step-resources-prompt = What do you need to map and improve this journey, and what do you already have?
step-resources-guide = Think of data (web analytics, CRM, complaints), people (colleagues who talk to customers, someone who can change the site), time and budget. First-hand information is gold: plan customer interviews or a customer panel with a few customers at once. Put what you have next to what's missing; the missing part turns into an action point by itself.
step-resources-syntax =
    have: … or + … for what the team already has
    need: … or - … for what's still needed
    A plain line counts as needed.
    Dutch works too: heb:, nodig:
step-resources-example = need: five interviews with customers who bought a washing machine last month
step-resources-enough = At least one resource: something you have or something you still need.

## Step 7 · Walkthrough

step-walkthrough-title = Walkthrough
step-walkthrough-prompt = Walk the journey yourself, as a customer. What did you see, and where did it differ from what you assumed?
step-walkthrough-guide = Place a real order, call support, read the emails: live through the journey the way a customer does. Customers say one thing and do another, so check what you find against interviews and your own data. Write down what the current journey lacks compared with the ideal one, as problems, not yet as solutions. Ideal doesn't mean positive everywhere: a dip just before a high makes the high feel stronger (the pain-pleasure gap), as long as crucial touchpoints stay positive and the journey ends on a high.
step-walkthrough-syntax =
    What you type goes to the stage in focus; a stage prefix works too ("Purchase: …").
    Plain line: an observation, what you saw versus what you assumed.
    ideal 4, or choose a button: the emotion the customer should ideally feel here.
    With two or more target personas: put "| persona 2" or "| persona Senior" after an observation or ideal.
    Dutch works too: ideaal 4.
step-walkthrough-example = Purchase: the delivery date only shows up after payment; we assumed it was on the product page
step-walkthrough-enough = At least one observation, and an ideal emotion for every stage.

## Step 8 · Changes

step-changes-title = Changes
step-changes-prompt = Which improvements will you take on? Give each one an impact, effort, owner and deadline.
step-changes-guide = Turn each problem from the walkthrough into a concrete improvement and score its impact and effort: high impact for little effort is a quick win, so do those first. Check every improvement against the goals from step 1; just removing pain isn't enough. Nothing happens without an owner and a deadline, so every action gets both. And book the next round now: the journey keeps changing along with your customers.
step-changes-syntax =
    Title | impact 4 | effort 2 | @owner | due Friday
    For a stage, put "3:" or "Service:" before the title; "goal 2" links it to goal 2 of step 1.
    Impact and effort from 1 to 5. Fields in any order, with | or ; between them.
    Dates: 2026-12-15, 2026-12-15 14:00, Friday, 15 December, in 2 weeks
    If anything's missing, you'll be asked.
    Dutch works too: moeite, deadline vrijdag, over 2 weken, doel 2.
step-changes-example = Show the delivery slot on the product page | impact 5 | effort 2 | @teamlid_a | due in 2 weeks
step-changes-enough = At least one action with an owner and a deadline; otherwise it stays a good intention.

## Stage models

stage-model-five = 5 stages: Awareness · Consideration · Purchase · Service · Loyalty
stage-model-seven = 7 stages: Awareness · Discovery · Interest · Consideration · Action · Use · Advocacy
stage-model-custom = Custom stages

stage-five-awareness = Awareness
stage-five-consideration = Consideration
stage-five-purchase = Purchase
stage-five-service = Service
stage-five-loyalty = Loyalty

stage-seven-awareness = Awareness
stage-seven-discovery = Discovery
stage-seven-interest = Interest
stage-seven-consideration = Consideration
stage-seven-action = Action
stage-seven-use = Use
stage-seven-advocacy = Advocacy

stage-models-explain = The five-stage model runs from Awareness to Loyalty; the seven-stage model is finer-grained, from Awareness to Advocacy. Customers rarely move in a straight line: they loop back, compare again and return, and a happy advocate becomes a touchpoint for new customers. Choose with /stages 5 or /stages 7, or list your own stages separated by commas: /stages Explore, Choose, Order, Receive

## Example journeys (for /new)

journey-examples =
    • I become a customer and place my first order
    • I reorder from the online shop
    • I have a question about my order
    • I file a complaint about my delivery
    • I request a quote
    • I buy the same thing again, but this time in the shop
    • As an employee, I want to know what's changing (internal communication)
