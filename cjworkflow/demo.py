"""A realistic sample workshop, played through the engine by four people."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session

from cjworkflow.flow.engine import WorkshopEngine
from cjworkflow.messages import Actor, Attachment, Command, Verb
from cjworkflow.outputs.produce import Produced, produce
from cjworkflow.storage import transfer, workshops
from cjworkflow.storage.readmodel import build_snapshot

GROUP = "demo-group"


@dataclass(frozen=True)
class Line:
    who: str  # F facilitator, A and B in the group, R remote in a private chat
    verb: Verb
    text: str = ""


def _script(lang: str) -> tuple[str, list[Line]]:
    """The session, step by step, in one language."""
    nl = lang == "nl"
    T, N = Verb.TEXT, Verb.NEXT
    if nl:
        title = "Ik bestel een wasmachine"
        steps = [
            [("A", "Minder afhakers bij de bezorgkeuze"), ("R", "Inzicht in klachten na levering"),
             ("B", "Meer herhaalaankopen van accessoires")],
            [("A", "Drukke ouder: tweeverdiener, oude machine kapot | doel: binnen twee dagen "
                   "weer kunnen wassen"),
             ("B", "Student: eerste eigen kamer, krap budget | doel: goedkoop en zonder gedoe"),
             ("R", "Senior: wil advies en hulp bij het aansluiten | doel: zekerheid dat alles "
                   "goed komt")],
            [("F", "Drukke ouder"), ("F", "Senior")],
            [("A", "1: Zoekresultaat in Google | zoekmachine"),
             ("B", "1: Advertentie op Instagram | social"),
             ("A", "2: Vergelijkingssite | web"), ("R", "2: Reviews van andere klanten | web"),
             ("B", "3: Productpagina met levertijd | web"),
             ("A", "3: Bezorgkeuze in de checkout | web"),
             ("R", "4: Bevestigingsmail | e-mail"), ("B", "4: Bezorger aan de deur | persoonlijk"),
             ("A", "5: Verzoek om een review | e-mail"),
             ("R", "5: Aanbieding voor wasmiddel | e-mail")],
            [("F", "Aandacht: scenario: de oude machine lekt op zondagavond"),
             ("F", "Actie: scenario: bestelt 's avonds op de bank, op de telefoon"),
             ("A", "Aandacht: doet: zoekt 'wasmachine morgen geleverd'"),
             ("A", "Overweging: denkt: is dit wel de goedkoopste?"),
             ("B", "Actie: denkt: wanneer komt hij nou?"),
             ("B", "Aandacht: pijn: te veel gelijksoortige advertenties"),
             ("A", "Overweging: vergelijkt prijzen en levertijden"),
             ("R", "Overweging: pijn: levertijd pas duidelijk na invullen postcode"),
             ("B", "Actie: doet: kiest een bezorgmoment"),
             ("A", "Actie: pijn: bezorgmoment pas te kiezen na betalen"),
             ("B", "Actie: idee: bezorgmoment tonen vóór het afrekenen"),
             ("F", "Actie: moment: het kiezen van het bezorgmoment"),
             ("R", "Service: pijn: geen bericht op de bezorgdag zelf"),
             ("A", "Service: idee: track & trace per sms met tijdvak"),
             ("F", "Service: moment: de bezorger aan de deur"),
             ("B", "Promotor: doet: schrijft een review na de eerste was"),
             ("F", "Aandacht: emotie 3"), ("A", "Aandacht: emotie 4"), ("B", "Aandacht: emotie 3"),
             ("F", "Overweging: emotie 3"), ("A", "Overweging: emotie 2"),
             ("B", "Overweging: emotie 3"),
             ("F", "Actie: emotie 2 onzeker"), ("A", "Actie: emotie 1 gefrustreerd"),
             ("B", "Actie: emotie 4"),
             ("F", "Service: emotie 2 onrustig"), ("A", "Service: emotie 2 onrustig"),
             ("B", "Service: emotie 3"),
             ("F", "Promotor: emotie 4"), ("A", "Promotor: emotie 4"),
             ("B", "Promotor: emotie 3"),
             ("R", "Aandacht: emotie 3 | persona Senior"),
             ("R", "Overweging: emotie 2 | persona Senior"),
             ("R", "Actie: emotie 1 angstig | persona Senior"),
             ("R", "Service: emotie 2 | persona Senior"),
             ("R", "Promotor: emotie 4 | persona Senior")],
            [("F", "heb: klantenservice met chat"), ("A", "heb: reviews van 4.000 klanten"),
             ("B", "nodig: koppeling met de planning van de vervoerder"),
             ("R", "nodig: sms-dienst")],
            [("A", "Actie: bezorgmoment pas zichtbaar na betalen; we dachten ervoor"),
             ("R", "Service: geen bericht op de bezorgdag, twee keer gebeld"),
             ("B", "Overweging: levertijd op de productpagina klopte niet"),
             ("F", "Aandacht: ideaal 4"), ("F", "Overweging: ideaal 4"), ("F", "Actie: ideaal 4"),
             ("F", "Service: ideaal 4"), ("F", "Promotor: ideaal 5")],
            [("B", "Service: Bevestigingsmail met bezorgmoment | impact 5 | moeite 1 | "
                   "@teamlid_a | deadline vrijdag | doel 1"),
             ("F", "Actie: Bezorgmoment kiezen vóór het afrekenen | impact 5 | moeite 4 | "
                   "eigenaar ik | deadline over 8 weken | doel 1"),
             ("A", "4: Track & trace per sms | impact 4 | moeite 2 | @teamlid_b | deadline over 2 "
                   "weken | doel 2"),
             ("R", "Overweging: Levertijd op de productpagina corrigeren; impact 4; moeite 1; "
                   "@remote_r; deadline over 1 week"),
             ("B", "Promotor: Reviewverzoek pas na de eerste was | impact 2 | moeite 1 | "
                   "@teamlid_b | deadline over 3 weken | doel 3"),
             ("A", "Eigen bezorgapp bouwen | impact 2 | moeite 5 | @facilitator | "
                   "deadline over 20 weken")],
        ]
    else:
        title = "I order a washing machine"
        steps = [
            [("A", "Fewer drop-outs at the delivery choice"),
             ("R", "Understand complaints after delivery"),
             ("B", "More repeat purchases of accessories")],
            [("A", "Busy parent: dual-income household, old machine broke down | goal: "
                   "washing again within two days"),
             ("B", "Student: first own room, tight budget | goal: cheap and hassle-free"),
             ("R", "Senior: wants advice and help with installing | goal: certainty it will "
                   "work")],
            [("F", "Busy parent"), ("F", "Senior")],
            [("A", "1: Google search result | search"), ("B", "1: Instagram ad | social"),
             ("A", "2: Comparison site | web"), ("R", "2: Other customers' reviews | web"),
             ("B", "3: Product page with delivery time | web"),
             ("A", "3: Delivery choice in checkout | web"),
             ("R", "4: Confirmation email | email"), ("B", "4: Courier at the door | in person"),
             ("A", "5: Review request | email"), ("R", "5: Detergent offer | email")],
            [("F", "Awareness: scenario: the old machine leaks on a Sunday evening"),
             ("F", "Purchase: scenario: orders at night on the sofa, on a phone"),
             ("A", "Awareness: does: searches 'washing machine delivered tomorrow'"),
             ("A", "Consideration: thinks: is this really the cheapest?"),
             ("B", "Purchase: thinks: when will it come?"),
             ("B", "Awareness: pain: too many look-alike ads"),
             ("A", "Consideration: compares prices and delivery times"),
             ("R", "Consideration: pain: delivery time only clear after entering a postcode"),
             ("B", "Purchase: does: picks a delivery slot"),
             ("A", "Purchase: pain: delivery slot only after paying"),
             ("B", "Purchase: idea: show delivery slots before checkout"),
             ("F", "Purchase: moment: choosing the delivery slot"),
             ("R", "Service: pain: no message on the delivery day itself"),
             ("A", "Service: idea: track & trace by text message with a time window"),
             ("F", "Service: moment: the courier at the door"),
             ("B", "Loyalty: does: writes a review after the first wash"),
             ("F", "Awareness: emotion 3"), ("A", "Awareness: emotion 4"),
             ("B", "Awareness: emotion 3"),
             ("F", "Consideration: emotion 3"), ("A", "Consideration: emotion 2"),
             ("B", "Consideration: emotion 3"),
             ("F", "Purchase: emotion 2 unsure"), ("A", "Purchase: emotion 1 frustrated"),
             ("B", "Purchase: emotion 4"),
             ("F", "Service: emotion 2 anxious"), ("A", "Service: emotion 2 anxious"),
             ("B", "Service: emotion 3"),
             ("F", "Loyalty: emotion 4"), ("A", "Loyalty: emotion 4"),
             ("B", "Loyalty: emotion 3"),
             ("R", "Awareness: emotion 3 | persona Senior"),
             ("R", "Consideration: emotion 2 | persona Senior"),
             ("R", "Purchase: emotion 1 afraid | persona Senior"),
             ("R", "Service: emotion 2 | persona Senior"),
             ("R", "Loyalty: emotion 4 | persona Senior")],
            [("F", "have: customer service with chat"), ("A", "have: reviews from 4,000 customers"),
             ("B", "need: link with the carrier's planning"), ("R", "need: text message service")],
            [("A", "Purchase: delivery slot only visible after paying; we assumed before"),
             ("R", "Service: no message on the delivery day, called twice"),
             ("B", "Consideration: delivery time on the product page was wrong"),
             ("F", "Awareness: ideal 4"), ("F", "Consideration: ideal 4"),
             ("F", "Purchase: ideal 4"), ("F", "Service: ideal 4"), ("F", "Loyalty: ideal 5")],
            [("B", "Service: Confirmation email with delivery slot | impact 5 | effort 1 | "
                   "@teamlid_a | due friday | goal 1"),
             ("F", "Purchase: Choose delivery slot before checkout | impact 5 | effort 4 | "
                   "owner me | due in 8 weeks | goal 1"),
             ("A", "4: Track & trace by text message | impact 4 | effort 2 | @teamlid_b | due in 2 "
                   "weeks | goal 2"),
             ("R", "Consideration: Fix delivery time on product page; impact 4; effort 1; "
                   "@remote_r; due in 1 week"),
             ("B", "Loyalty: Review request after the first wash | impact 2 | effort 1 | "
                   "@teamlid_b | due in 3 weeks | goal 3"),
             ("A", "Build our own delivery app | impact 2 | effort 5 | @facilitator | "
                   "due in 20 weeks")],
        ]
    lines: list[Line] = []
    for i, entries in enumerate(steps):
        lines += [Line(who, T, text) for who, text in entries]
        if i < len(steps) - 1:
            lines.append(Line("F", N))
    return title, lines


def _actors(lang: str) -> dict[str, Actor]:
    names = {"F": ("Fenna" if lang == "nl" else "Fiona", "facilitator"),
             "A": ("Anna", "teamlid_a"), "B": ("Bram" if lang == "nl" else "Ben", "teamlid_b"),
             "R": ("Ravi", "remote_r")}
    return {k: Actor(f"demo:{lang}:{h}", n, h, lang) for k, (n, h) in names.items()}


def build(engine: WorkshopEngine, lang: str) -> int:
    """Play the sample workshop through the engine; returns the workshop id."""
    title, script = _script(lang)
    actors = _actors(lang)
    group = f"{GROUP}-{lang}"
    engine.handle(Command(actor=actors["F"], verb=Verb.NEW, text=title, chat_ref=group,
                          private=False))
    with Session(engine.db) as session:
        ws = workshops.workshop_for_chat(session=session, chat_ref=group)
        assert ws is not None and ws.id is not None
        wid, code = ws.id, ws.join_code
    # The remote member joins from a private chat through the join code.
    engine.handle(Command(actor=actors["R"], verb=Verb.JOIN, text=code,
                          chat_ref=actors["R"].external_id, private=True))
    for n, line in enumerate(script):
        actor = actors[line.who]
        private = line.who == "R"
        engine.handle(Command(actor=actor, verb=line.verb, text=line.text,
                              chat_ref=actor.external_id if private else group, private=private,
                              source_ref=f"demo:{lang}:{n}"))
    return wid


def write_outputs(engine: WorkshopEngine, workshop_id: int, out: Path, lang: str) -> list[Path]:
    """Write the map, the matrix, the plan as CSV and Markdown, and the lossless JSON into out."""
    from cjworkflow.storage.models import Workshop

    out.mkdir(parents=True, exist_ok=True)
    with Session(engine.db) as session:
        ws = session.get(Workshop, workshop_id)
        assert ws is not None
        snap = build_snapshot(session=session, workshop=ws)
        # The JSON beside the demo is the file `cjbot import` reads, not the summary.
        lossless = transfer.export_bytes(session, workshop_id)
    paths = []
    for kind in ("map", "matrix", "csv", "markdown", "json"):
        carried = lossless if kind == "json" else None
        produced: Produced = produce(Attachment(kind, snap, lang, transfer=carried))
        path = out / produced.filename
        path.write_bytes(produced.data)
        paths.append(path)
    return paths
