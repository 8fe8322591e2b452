"""The whole bot over HTTP against the fake Bot API: workshops as teams run them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot import ingest
from cjworkflow.flow.engine import WorkshopEngine
from cjworkflow.messages import Actor, Command, Reply, Verb
from cjworkflow.storage.models import EntryKind
from tests.e2e.botrunner import join_code, running_bot
from tests.fakebotapi import FakeBotAPI


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'bot.db'}"


# A few years ahead of the real clock: deadlines lie within 10 years (issue #12).
FAR = date.today().year + 3


def _kinds(bot_entries: list, kind: EntryKind) -> list[str]:  # type: ignore[type-arg]
    return [e.text for e in bot_entries if e.kind == kind]


SCRIPTS = {
    "nl": {
        "new": "/new Ik bestel een wasmachine", "step": "Stap {n}/8", "joined": "Je doet mee",
        "goal_a": "Minder afhakers bij bezorgkeuze", "goal_r": "Inzicht in klachten na levering",
        "personas": "Drukke ouder: tweeverdiener | doel: snel wassen\nStudent: krap budget",
        "target": "Drukke ouder", "persona_names": ["Drukke ouder", "Student"],
        "touchpoints": "/add 2: Vergelijkingssite | web\n3: Bezorgkeuze in de checkout | web",
        "pain": "Actie: pijn: bezorgmoment pas na betalen", "spread": "spreiding groot",
        "resources": "heb: klantenservice\nnodig: sms-dienst",
        "observation": "Actie: bezorgmoment pas zichtbaar na betalen",
        "action": "/add Bevestigingsmail met bezorgmoment | impact 5 | moeite 1 | @anna | "
                  "deadline vrijdag",
        "plan": "Actieplan", "plan_line": "1. Bevestigingsmail met bezorgmoment — @anna",
        "chatter": "Koffie, iemand?",
    },
    "en": {
        "new": "/new I order a washing machine", "step": "Step {n}/8", "joined": "You have joined",
        "goal_a": "Fewer drop-outs at the delivery choice",
        "goal_r": "Understand complaints after delivery",
        "personas": "Busy parent: two jobs | goal: washing again soon\nStudent: tight budget",
        "target": "Busy parent", "persona_names": ["Busy parent", "Student"],
        "touchpoints": "/add 2: Comparison site | web\n3: Delivery choice in checkout | web",
        "pain": "Purchase: pain: delivery slot only after paying", "spread": "wide spread",
        "resources": "have: customer service\nneed: text message service",
        "observation": "Purchase: delivery slot only visible after paying",
        "action": "/add Confirmation email with delivery slot | impact 5 | effort 1 | @anna | "
                  "due friday",
        "plan": "Action plan", "plan_line": "1. Confirmation email with delivery slot — @anna",
        "chatter": "Coffee, anyone?",
    },
}


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_three_people_run_a_whole_workshop(fake_api: FakeBotAPI, db_url: str,
                                                 lang: str) -> None:
    fake, say = fake_api, SCRIPTS[lang]

    def step(n: int) -> str:
        return say["step"].format(n=n)

    fenna = fake.add_user("Fenna", username="fenna", language_code=lang)
    anna = fake.add_user("Anna", username="anna", language_code=lang)
    bram = fake.add_user("Bram", username="bram", language_code=lang)
    ravi = fake.add_user("Ravi", username="ravi", language_code=lang)
    group = fake.add_group("Webshop", [fenna, anna, bram])
    async with running_bot(fake, db_url, DEFAULT_LANGUAGE=lang) as bot:
        await fake.user_sends(fenna, group, say["new"])
        intro = await bot.wait_text(group, "start=")
        assert "https://t.me/cjbot_test_bot?start=" in (intro.text or "")
        card = await bot.wait_text(group, step(1))
        assert card.callback_data, "the step card carries its buttons"

        # Privacy mode: chatter in the group never reaches the bot.
        chatter = await fake.user_sends(anna, group, say["chatter"])
        assert not chatter.delivered
        goal = await fake.user_sends(anna, group, say["goal_a"], reply_to=card)
        await bot.wait(lambda: fake.reactions.get((group.id, goal.message_id)))
        # The remote member joins by the deep link and writes from a private chat.
        fake.user_starts_bot(ravi, join_code(intro.text or ""))
        await bot.wait_text(ravi, say["joined"])
        await fake.user_sends(ravi, ravi, say["goal_r"])
        await bot.wait_text(group, say["goal_r"])  # the group's card was edited

        await fake.user_sends(fenna, group, "/next")
        card = await bot.wait_text(group, step(2))
        await fake.user_sends(bram, group, say["personas"], reply_to=card)
        await fake.user_sends(fenna, group, "/next")
        card = await bot.wait_text(group, step(3))
        await fake.user_presses(anna, card, card.button(say["target"])["callback_data"])
        await bot.wait(lambda: any(e.is_target for e in bot.entries()))

        await fake.user_sends(fenna, group, "/next")
        await bot.wait_text(group, step(4))
        await fake.user_sends(bram, group, say["touchpoints"])
        await fake.user_sends(fenna, group, "/next")
        card = await bot.wait_text(group, step(5))
        for who in (fenna, anna):
            await fake.user_presses(who, card, card.button("😄")["callback_data"])
        await fake.user_presses(bram, card, card.button("😣")["callback_data"])
        await fake.user_sends(anna, group, say["pain"], reply_to=card)
        await bot.wait_text(group, say["spread"])
        await fake.user_sends(fenna, group, "/next")
        await bot.wait_text(group, step(6))
        await fake.user_sends(ravi, ravi, say["resources"])
        await fake.user_sends(fenna, group, "/next")
        card = await bot.wait_text(group, step(7))
        await fake.user_sends(anna, group, say["observation"], reply_to=card)
        await fake.user_sends(fenna, group, "/next")
        await bot.wait_text(group, step(8))
        await fake.user_sends(bram, group, say["action"])
        await bot.wait(lambda: bot.actions())
        await fake.user_sends(fenna, group, "/next")
        plan = await bot.wait_text(group, say["plan"], timeout=60)
        await bot.wait(lambda: len(fake.calls_to("sendPhoto")) >= 2, timeout=60)

    assert say["plan_line"] in (plan.text or "")
    entries = bot.entries()
    assert _kinds(entries, EntryKind.GOAL) == [say["goal_a"], say["goal_r"]]
    assert _kinds(entries, EntryKind.PERSONA) == say["persona_names"]
    assert len(_kinds(entries, EntryKind.TOUCHPOINT)) == 2
    assert len(_kinds(entries, EntryKind.RESOURCE)) == 2
    assert len(_kinds(entries, EntryKind.OBSERVATION)) == 1
    assert say["chatter"] not in {e.text for e in entries}
    photos = [c for c in fake.calls_to("sendPhoto") if c.status == 200]
    assert len(photos) == 2
    # The card was edited in place rather than answered with a message per entry.
    assert fake.calls_to("editMessageText")
    assert all(len(m.text or "") <= 4096 for m in fake.sent_messages(group))


async def test_other_chats_get_answers_while_a_map_renders(fake_api: FakeBotAPI,
                                                           sqlite_url: str) -> None:
    fake = fake_api
    fenna = fake.add_user("Fenna", username="fenna", language_code="nl")
    anna = fake.add_user("Anna", username="anna", language_code="nl")
    for user in (fenna, anna):
        fake.user_starts_bot(user)
    async with running_bot(fake, sqlite_url) as bot:
        await fake.user_sends(fenna, fenna, "/new Ik bestel een wasmachine")
        await fake.user_sends(anna, anna, "/new Ik vraag een offerte aan")
        await bot.wait_text(anna, "Stap 1/8")
        await fake.user_sends(fenna, fenna, "/map")
        await fake.user_sends(anna, anna, "/status")
        await bot.wait_text(anna, "Deelnamecode")
        assert not fake.calls_to("sendPhoto"), "the status answer did not wait for the map"
        await bot.wait(lambda: fake.calls_to("sendPhoto"), timeout=60)
    assert (fenna.id, "upload_photo") in {(c, a) for c, a, _ in fake.chat_actions}, \
        "a 'sending photo' action showed while the map rendered"


async def test_english_workshop_from_new_to_plan(fake_api: FakeBotAPI, sqlite_url: str) -> None:
    fake = fake_api
    fiona = fake.add_user("Fiona", username="fiona", language_code="en")
    ben = fake.add_user("Ben", username="ben", language_code="en")
    group = fake.add_group("Shop", [fiona, ben])
    async with running_bot(fake, sqlite_url, DEFAULT_LANGUAGE="en") as bot:
        await fake.user_sends(fiona, group, "/new I order a washing machine")
        card = await bot.wait_text(group, "Step 1/8 · Goals")
        await fake.user_sends(ben, group, "Fewer drop-outs at checkout", reply_to=card)
        await fake.user_sends(fiona, group, "/step 8")
        await bot.wait_text(group, "Step 8/8")
        await fake.user_sends(ben, group, "/add Confirmation email | impact 5 | effort 1 | "
                                          "owner me | due friday")
        await bot.wait(lambda: bot.actions())
        await fake.user_sends(fiona, group, "/actions")
        plan = await bot.wait_text(group, "Action plan", timeout=30)
    assert "Quick wins" in (plan.text or "")
    commands = fake.get_commands(language_code="nl")
    assert any(c["command"] == "new" for c in commands)


async def test_strangers_and_members_cannot_steer(fake_api: FakeBotAPI, sqlite_url: str) -> None:
    fake = fake_api
    fenna = fake.add_user("Fenna", username="fenna", language_code="nl")
    anna = fake.add_user("Anna", username="anna", language_code="nl")
    eve = fake.add_user("Eve", username="eve", language_code="nl")
    group = fake.add_group("Team", [fenna, anna])
    async with running_bot(fake, sqlite_url) as bot:
        await fake.user_sends(fenna, group, "/new Ik vraag een offerte aan")
        card = await bot.wait_text(group, "Stap 1/8")
        await fake.user_sends(anna, group, "/next")
        await bot.wait_text(group, "Dat kan alleen een facilitator")
        await fake.user_presses(anna, card, card.button("Volgende")["callback_data"])
        await bot.wait(lambda: any("facilitator" in (a.text or "")
                                   for a in fake.callback_answers))
        fake.user_starts_bot(eve)
        await fake.user_sends(eve, eve, "Ik wil ook iets toevoegen")
        await bot.wait_text(eve, "geen actieve workshop")
        await fake.user_sends(eve, eve, "/join verzonnen-code")
        await bot.wait_text(eve, "werkt niet")
    assert bot.entries() == []
    assert "Stap 2/8" not in "".join(m.text or "" for m in fake.messages_in(group))


async def test_a_429_storm_delays_but_loses_no_reply(fake_api: FakeBotAPI,
                                                     sqlite_url: str) -> None:
    fake = fake_api
    fenna = fake.add_user("Fenna", username="fenna", language_code="nl")
    anna = fake.add_user("Anna", username="anna", language_code="nl")
    group = fake.add_group("Team", [fenna, anna])
    async with running_bot(fake, sqlite_url) as bot:
        fake.inject_429(count=4, retry_after=1, methods={"sendMessage"})
        await fake.user_sends(fenna, group, "/new Ik meld een klacht")
        await bot.wait_text(group, "Stap 1/8", timeout=20)
        fake.inject_error(status=502, count=2, methods={"sendMessage"})
        await fake.user_sends(anna, group, "/status")
        await bot.wait_text(group, "Deelnamecode", timeout=20)
    texts = [m.text or "" for m in fake.sent_messages(group)]
    assert sum("Stap 1/8" in t for t in texts) == 1, "each reply arrives exactly once"
    assert sum("Deelnamecode" in t for t in texts) == 1
    assert len([c for c in fake.calls_to("sendMessage") if c.status == 429]) == 4


async def test_group_upgraded_to_supergroup_keeps_its_workshop(fake_api: FakeBotAPI,
                                                               sqlite_url: str) -> None:
    fake = fake_api
    fenna = fake.add_user("Fenna", username="fenna", language_code="nl")
    anna = fake.add_user("Anna", username="anna", language_code="nl")
    group = fake.add_group("Team", [fenna, anna])
    async with running_bot(fake, sqlite_url) as bot:
        await fake.user_sends(fenna, group, "/new Ik bestel opnieuw")
        card = await bot.wait_text(group, "Stap 1/8")
        await fake.user_sends(anna, group, "Sneller herbestellen", reply_to=card)
        await bot.wait(lambda: bot.entries())
        super_ = fake.migrate_group_to_supergroup(group)
        await bot.wait(lambda: bot.svc.engine.card_message(f"tg:{group.id}", 1) is None)
        await fake.user_sends(anna, super_, "/status")
        status = await bot.wait_text(super_, "Deelnamecode")
        await fake.user_sends(fenna, super_, "/next")
        await bot.wait_text(super_, "Stap 2/8")
    assert "1. Doelen: 1" in (status.text or "")


async def test_ten_members_posting_fast_stay_under_the_group_limit(fake_api: FakeBotAPI,
                                                                  sqlite_url: str) -> None:
    fake = fake_api
    people = [fake.add_user(f"Lid{i}", username=f"lid{i}", language_code="nl")
              for i in range(10)]
    group = fake.add_group("Groot team", people)
    async with running_bot(fake, sqlite_url) as bot:
        await fake.user_sends(people[0], group, "/new Ik bestel een wasmachine")
        card = await bot.wait_text(group, "Stap 1/8")
        for round_ in range(4):
            for i, person in enumerate(people):
                await fake.user_sends(person, group, f"Doel {round_}-{i}", reply_to=card)
        await bot.wait(lambda: len(bot.entries()) == 40, timeout=20)
        await bot.wait(lambda: len(fake.reactions) >= 40, timeout=20)
        await bot.wait_text(group, "Doel 3-9", timeout=20)  # the card caught up
    sends = [c for c in fake.calls
             if c.chat_id == group.id and c.method in ("sendMessage", "sendPhoto")]
    assert len(sends) <= 20
    edits = fake.calls_to("editMessageText")
    assert len(edits) < 40 / 2, "card edits are debounced, not one per entry"


async def test_export_sends_every_file_and_the_json_restores(fake_api: FakeBotAPI,
                                                              sqlite_url: str) -> None:
    fake = fake_api
    fenna = fake.add_user("Fenna", username="fenna", language_code="nl")
    fake.user_starts_bot(fenna)
    async with running_bot(fake, sqlite_url) as bot:
        await fake.user_sends(fenna, fenna, "/new Ik bestel een wasmachine")
        await bot.wait_text(fenna, "Stap 1/8")
        await fake.user_sends(fenna, fenna, "Minder afhakers bij de bezorgkeuze")
        await fake.user_sends(fenna, fenna, "/step 8")
        await bot.wait_text(fenna, "Stap 8/8")
        await fake.user_sends(fenna, fenna, "Bevestigingsmail | impact 5 | moeite 1 | "
                                            f"eigenaar ik | deadline {FAR}-12-15")
        await bot.wait(lambda: bot.actions())
        await fake.user_sends(fenna, fenna, "/export")
        await bot.wait(lambda: len([f for f in fake.files.values() if f.kind == "document"])
                       >= 7, timeout=60)
    names = sorted(f.file_name or "" for f in fake.files.values() if f.kind == "document")
    assert sorted(n.rsplit(".", 1)[1] for n in names) == sorted(
        ["csv", "ics", "json", "md", "mmd", "pdf", "xlsx"])
    by_ext = {n.rsplit(".", 1)[1]: f for f in fake.files.values()
              for n in [f.file_name or ""] if f.kind == "document"}
    assert b"Bevestigingsmail" in by_ext["csv"].data
    assert by_ext["pdf"].data.startswith(b"%PDF")
    restored = bot.svc.engine.import_file(Actor("tg:999", "Iris", "iris", "nl"),
                                          by_ext["json"].data)
    assert "Deelnamecode" in restored[0].text or "code" in restored[0].text.lower()


async def test_card_catches_up_when_another_process_changed_the_workshop_meanwhile(
        fake_api: FakeBotAPI, sqlite_url: str) -> None:
    """Two processes: ours read the card, then the other stored an entry before our edit
    landed. Our card must not be left showing the older view."""
    fake = fake_api
    fenna = fake.add_user("Fenna", username="fenna", language_code="nl")
    ravi = fake.add_user("Ravi", username="ravi", language_code="nl")
    group = fake.add_group("Webshop", [fenna, ravi])
    async with running_bot(fake, sqlite_url) as bot:
        await fake.user_sends(fenna, group, "/new Ik bestel een wasmachine")
        card = await bot.wait_text(group, "Stap 1/8")
        other = WorkshopEngine(bot.svc.engine.db)  # the second process, same database
        real_card = bot.svc.engine.card
        crossed: list[bool] = []

        def card_then_other_process_writes(workshop_id: int, *, lang: str | None = None
                                           ) -> Reply | None:
            shown = real_card(workshop_id, lang=lang)
            if not crossed:
                crossed.append(True)
                other.handle(Command(actor=Actor(ingest.PREFIX + str(ravi.id), "Ravi"),
                                     verb=Verb.TEXT, text="Bezorgmoment vooraf kiezen",
                                     chat_ref=ingest.chat_ref(group.id), private=False,
                                     source_ref="other-process:1"))
            return shown

        bot.svc.engine.card = card_then_other_process_writes  # type: ignore[method-assign]
        await fake.user_sends(ravi, group, "Minder afhakers", reply_to=card)
        await bot.wait(lambda: "Bezorgmoment vooraf kiezen" in (
            fake.message(group, card.message_id).text or ""), timeout=15)
    assert crossed
    assert "Minder afhakers" in (fake.message(group, card.message_id).text or "")
