"""Realistic workshop snapshots for render tests and benchmarks (Dutch or English content)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from cjworkflow.snapshot import ActionView, PersonaView, StageView, WorkshopSnapshot
from cjworkflow.steps.priority import HIGH_EFFORT, HIGH_IMPACT, ORDER, quadrant

STAGES = {
    "nl": ["Aandacht", "Ontdekking", "Interesse", "Overweging", "Actie/conversie", "Gebruik",
           "Service", "Promotor", "Ambassadeur voor nieuwe klanten"],
    "en": ["Awareness", "Discovery", "Interest", "Consideration", "Purchase", "Use", "Service",
           "Loyalty", "Advocacy towards new customers"],
}

TOUCHPOINTS = {
    "nl": [("Google-review met één ster 😡", "Google"), ("Nieuwsbrief met kortingscode", "e-mail"),
           ("Medewerker in de winkel", "winkel"), ("404-fout op de productpagina", "website"),
           ("Chat met de klantcontactmedewerkersopleiding-stagiair", "chat"),
           ("Bevestigingsmail zonder bezorgmoment", None),
           ("Bezorger belt niet aan 🚚", "bezorging"), ("Vergelijkingssite", "web")],
    "en": [("One-star Google review 😡", "Google"), ("Newsletter with a discount code", "email"),
           ("Shop assistant", "shop"), ("404 error on the product page", "website"),
           ("Chat with a trainee from customer-service", "chat"),
           ("Confirmation email without a delivery slot", None),
           ("Courier does not ring the bell 🚚", "delivery"), ("Comparison site", "web")],
}

ACTIONS = {
    "nl": ["Vergelijkt drie wasmachines op energielabel", "Leest reviews op de telefoon",
           "Belt de klantenservice over de bezorgkosten", "Kiest een bezorgmoment",
           "Zoekt de garantievoorwaarden (café-Wi-Fi valt steeds weg)",
           "Plaatst de bestelling en betaalt met iDEAL"],
    "en": ["Compares three washing machines by energy label", "Reads reviews on the phone",
           "Calls customer service about delivery costs", "Picks a delivery slot",
           "Looks for the warranty terms (café Wi-Fi keeps dropping)",
           "Places the order and pays with iDEAL"],
}

PAINS = {
    "nl": ["Bezorgkosten pas zichtbaar bij het afrekenen 😤",
           "Klantcontactmedewerkersopleidingsprogramma ontbreekt, dus antwoorden verschillen",
           "Geen bevestiging na betaling", "Wachttijd aan de telefoon: 25 minuten",
           "Formulier wist alles bij een fout", "Niemand weet wanneer de monteur komt"],
    "en": ["Delivery costs only shown at checkout 😤",
           "No customer-contact-staff training programme, so answers differ",
           "No confirmation after payment", "Phone wait time: 25 minutes",
           "Form clears everything on an error", "Nobody knows when the engineer will come"],
}

SOLUTIONS = {
    "nl": ["Toon bezorgkosten al op de productpagina", "Bevestigingsmail met bezorgmoment 📦",
           "Terugbelverzoek in plaats van wachtrij", "Checklist voor de monteur",
           "Eén vast aanspreekpunt per bestelling", "Formulier onthoudt ingevulde velden"],
    "en": ["Show delivery costs on the product page", "Confirmation email with delivery slot 📦",
           "Call-back request instead of a queue", "Checklist for the engineer",
           "One fixed contact person per order", "Form keeps what was filled in"],
}

MOMENTS = {
    "nl": ["Het eerste antwoord van de klantenservice", "De bezorger staat voor de deur",
           "De machine draait de eerste keer"],
    "en": ["The first answer from customer service", "The courier is at the door",
           "The machine runs for the first time"],
}

OBSERVATIONS = {
    "nl": ["Zelf besteld: bezorgmoment kiezen duurde 6 klikken",
           "Klanten zeggen dat prijs telt, maar ze kiezen op levertijd",
           "Chatbot begreep 'wasdroogcombinatie' niet", "Bevestiging kwam pas na 3 uur ⏰"],
    "en": ["Ordered ourselves: picking a slot took 6 clicks",
           "Customers say price matters, but they choose on delivery time",
           "Chatbot did not understand 'washer-dryer'", "Confirmation arrived after 3 hours ⏰"],
}

PLAN = {
    "nl": ["Bevestigingsmail met bezorgmoment", "Nieuwe bezorgplanner bouwen",
           "Bezorgkosten op productpagina", "Klantcontactmedewerkersopleiding opzetten",
           "FAQ over garantie herschrijven", "Oude folders opruimen",
           "Terugbelverzoek invoeren", "Reviews beantwoorden binnen één dag 💬",
           "Magazijnsysteem vervangen", "Monteurs-checklist"],
    "en": ["Confirmation email with delivery slot", "Build a new delivery planner",
           "Delivery costs on product page", "Set up customer-contact staff training",
           "Rewrite the warranty FAQ", "Clear out old leaflets", "Introduce call-back requests",
           "Answer reviews within one day 💬", "Replace the warehouse system",
           "Engineer checklist"],
}

OWNERS = ["@teamlid_a", "Sanne de Vries", None, "@björn", "Zoë"]

# Member scores per stage; some stages disagree strongly (pstdev >= 1) on purpose.
SCORES = [(3, 4, 3, 4), (2, 3, 2, 2), (1, 5, 2, 4), (2, 2, 1, 2), (4, 3, 4, 5), (3, 3, 3),
          (1, 4, 5, 2), (4, 5, 4, 4), (5, 4, 5, 5)]
IDEALS = [(4,), (3, 4), (4,), (3,), (5, 4), (4,), (4, 5), (5,), (5,)]


# (impact, effort): singles, two ties and one unrated action, across all four quadrants.
RATINGS: list[tuple[int | None, int | None]] = [
    (5, 1), (4, 2), (5, 4), (3, 3), (4, 5), (2, 1), (1, 2), (2, 4), (1, 5), (5, 1), (3, 3),
    (None, None), (3, 2), (2, 3), (4, 4),
]


def _take(pool: list[str], n: int, offset: int) -> tuple[str, ...]:
    return tuple(pool[(offset + k) % len(pool)] for k in range(n))


def make_stage(i: int, items: int, lang: str, scores: bool = True, ideal: bool = True,
               label: str | None = None) -> StageView:
    """One filled stage at position i with items entries per lane."""
    tps = TOUCHPOINTS[lang]
    return StageView(
        position=i,
        label=label or STAGES[lang][i % len(STAGES[lang])],
        touchpoints=tuple(tps[(i + k) % len(tps)] for k in range(items)),
        user_actions=_take(ACTIONS[lang], items, i),
        pains=_take(PAINS[lang], items, i * 2),
        solutions=_take(SOLUTIONS[lang], items, i + 1),
        moments=_take(MOMENTS[lang], items, i) if i % 2 == 1 else (),
        observations=_take(OBSERVATIONS[lang], items, i),
        scores=SCORES[i % len(SCORES)] if scores else (),
        ideal_scores=IDEALS[i % len(IDEALS)] if ideal else (),
    )


def make_actions(n: int, lang: str = "nl", mode: str = "mixed") -> tuple[ActionView, ...]:
    """n actions in plan order; mode is "mixed", "unrated" or "tie" (all at 3/3)."""
    drafts: list[tuple[int, int | None, int | None]] = []
    for k in range(n):
        impact: int | None
        effort: int | None
        if mode == "unrated":
            impact, effort = (None, None) if k % 2 else (4, None)
        elif mode == "tie":
            impact, effort = HIGH_IMPACT, HIGH_EFFORT
        else:
            impact, effort = RATINGS[k % len(RATINGS)]
        drafts.append((k, impact, effort))
    drafts.sort(key=lambda d: (ORDER.index(quadrant(d[1], d[2])), -(d[1] or 0), d[2] or 99, d[0]))
    actions = []
    for number, (k, impact, effort) in enumerate(drafts, start=1):
        actions.append(ActionView(
            number=number,
            title=PLAN[lang][k % len(PLAN[lang])],
            impact=impact,
            effort=effort,
            quadrant=quadrant(impact, effort).value,
            owner=OWNERS[k % len(OWNERS)],
            due_date=date(2025, 11, 27 + k % 4) if k % 3 != 2 else None,
            due_time=time(14, 0) if k % 4 == 1 else None,
            status="done" if k % 4 == 3 else ("blocked" if k % 9 == 5 else "open"),
            stage=STAGES[lang][k % 5],
        ))
    return tuple(actions)


def make_snapshot(stages: int = 5, items: int = 3, lang: str = "nl", actions: int = 6,
                  scores: bool = True, ideal: bool = True) -> WorkshopSnapshot:
    """A workshop with stages stages, items entries per cell and actions actions."""
    title = "Ik bestel een wasmachine 🧺" if lang == "nl" else "I order a washing machine 🧺"
    personas = {
        "nl": (PersonaView("Sanne", "34, twee kleine kinderen, de oude wasmachine lekt",
                           "Binnen twee dagen een nieuwe die gewoon werkt", True),
               PersonaView("Kees (72)", "Koopt liever in de winkel dan online",
                           "Iemand die alles uitlegt én de oude machine meeneemt", True),
               PersonaView("Inkoper", None, None, False)),
        "en": (PersonaView("Sanne", "34, two small children, the old machine leaks",
                           "A new one that just works, within two days", True),
               PersonaView("Kees (72)", "Prefers buying in a shop to buying online",
                           "Someone who explains everything and takes the old one away", True),
               PersonaView("Buyer", None, None, False)),
    }[lang]
    return WorkshopSnapshot(
        id=1,
        title=title,
        language=lang,
        timezone="Europe/Amsterdam",
        stage_model="seven" if stages > 5 else "five",
        current_step=8,
        status="active",
        created_at=datetime(2025, 11, 22, 10, 30, tzinfo=UTC),
        version=3,
        stages=tuple(make_stage(i, items, lang, scores, ideal) for i in range(stages)),
        goals=("Minder afhakers bij bezorgkeuze",) if lang == "nl" else ("Fewer drop-outs",),
        personas=personas,
        actions=make_actions(actions, lang),
        members=("@teamlid_a", "@teamlid_b", "Zoë", "Björn"),
    )
