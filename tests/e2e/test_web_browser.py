"""The live map in a real browser (issue #17): Debian's headless Chromium opens the link the
bot gave in the group, the map is drawn, and a new entry arrives without a reload."""

from __future__ import annotations

import asyncio
import base64
import io
import json
import re
import socket
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from bot.web import launch
from tests.bot.web_harness import init_data
from tests.e2e import chromium
from tests.e2e.botrunner import running_bot, settings_for
from tests.fakebotapi import FakeBotAPI

CHROMIUM = chromium.find()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed here (apt-get install chromium); "
    ".ci/run installs it, so CI always runs this test")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _drawn(png: bytes) -> tuple[float, int]:
    """(share of pixels that are not near-white, how many distinct colours) of a screenshot."""
    image = Image.open(io.BytesIO(png)).convert("RGB").resize((400, 250))
    pixels = [image.getpixel((x, y)) for x in range(400) for y in range(250)]
    inked = sum(1 for p in pixels if isinstance(p, tuple) and min(p) < 200)
    return inked / len(pixels), len(set(pixels))


async def test_the_live_map_in_a_real_browser(fake_api: FakeBotAPI, db_url: str,
                                              tmp_path: Path) -> None:
    assert CHROMIUM is not None
    fake = fake_api
    extra = {"WEB_PORT": _free_port(), "DEFAULT_LANGUAGE": "nl"}
    settings = settings_for(fake, db_url, **extra)
    fenna = fake.add_user("Fenna", username="fenna", language_code="nl")
    anna = fake.add_user("Anna", username="anna", language_code="nl")
    group = fake.add_group("Webshop", [fenna, anna])
    async with running_bot(fake, db_url, **extra) as bot:
        ctx = launch.context(bot.svc, settings, fake.token)
        stop = asyncio.Event()
        serving = asyncio.create_task(launch.serve(ctx, launch.bind(ctx, settings), stop))
        try:
            await fake.user_sends(fenna, group, "/new Ik bestel een wasmachine")
            await bot.wait_text(group, "Stap 1/8")
            await fake.user_sends(anna, group, "/add Minder afhakers bij bezorgkeuze")
            await fake.user_sends(anna, group, "/link")
            said = await bot.wait_text(group, "/w/")
            match = re.search(r"http://127\.0\.0\.1:\d+/w/[A-Za-z0-9_-]{43}", said.text or "")
            assert match, said.text
            url = match.group(0)

            async with chromium.browser(CHROMIUM) as page:
                await page.call("Page.navigate", url=url)
                paths = await page.wait_for(
                    "document.querySelectorAll('#map svg path').length", timeout=60)
                assert paths > 20, "the journey map is drawn"
                assert await page.evaluate("document.documentElement.lang") == "nl"
                assert "Minder afhakers" in await page.evaluate("document.body.textContent")
                await page.wait_for("document.getElementById('live-state').className"
                                    ".includes('on')")
                shot = await page.screenshot(tmp_path / "web-view.png")
                inked, colours = _drawn(shot)
                assert inked > 0.05 and colours > 20, "the screenshot shows a drawn map"

                # Printed, the page is A3 landscape (297 x 420 mm: 842 x 1191 pt).
                pdf = await page.call("Page.printToPDF", preferCSSPageSize=True)
                sheet = PdfReader(io.BytesIO(base64.b64decode(pdf["data"]))).pages[0].mediabox
                assert (round(float(sheet.width)), round(float(sheet.height))) == (1191, 842)

                # A new entry in Telegram reaches the open page, without a reload.
                await page.evaluate("window.cjbotKept = 'same page'")
                await page.evaluate("document.querySelector('details.map-text').open = true")
                before = await page.evaluate("document.getElementById('live').dataset.version")
                await fake.user_sends(anna, group, "/add Bezorgmoment vooraf tonen")
                await page.wait_for("document.getElementById('live').textContent"
                                    ".includes('Bezorgmoment vooraf tonen')", timeout=60)
                assert await page.evaluate("window.cjbotKept") == "same page"
                assert await page.evaluate("document.querySelector('details.map-text').open")
                after = await page.evaluate("document.getElementById('live').dataset.version")
                assert int(after) > int(before)

                # Revoked: the page stops being live; opened again, it is 404.
                await fake.user_sends(fenna, group, "/link off")
                await bot.wait_text(group, "ingetrokken")
                await page.wait_for("!document.getElementById('live-state').className"
                                    ".includes('on')", timeout=60)
                await page.call("Page.navigate", url=url)
                await page.wait_for("document.title === '404'", timeout=60)
        finally:
            stop.set()
            await serving


async def test_the_mini_app_in_a_real_browser(fake_api: FakeBotAPI, db_url: str) -> None:
    """The Mini App as Telegram opens it (Telegram's script stood in for by its initData):
    the person's workshop, the map, and their own action marked done."""
    assert CHROMIUM is not None
    fake = fake_api
    extra = {"WEB_PORT": _free_port(), "DEFAULT_LANGUAGE": "en"}
    settings = settings_for(fake, db_url, **extra)
    fenna = fake.add_user("Fenna", username="fenna", language_code="en")
    anna = fake.add_user("Anna", username="anna", language_code="en")
    group = fake.add_group("Webshop", [fenna, anna])
    async with running_bot(fake, db_url, **extra) as bot:
        ctx = launch.context(bot.svc, settings, fake.token)
        stop = asyncio.Event()
        serving = asyncio.create_task(launch.serve(ctx, launch.bind(ctx, settings), stop))
        try:
            await fake.user_sends(fenna, group, "/new I order a washing machine")
            await bot.wait_text(group, "Step 1/8")
            await fake.user_sends(anna, group, "/add Fewer drop-outs")
            await fake.user_sends(fenna, group, "/step 8")
            await bot.wait_text(group, "Step 8/8")
            await fake.user_sends(fenna, group, "/add Confirmation email with delivery slot | "
                                  "impact 5 | effort 1 | @anna")
            await bot.wait(lambda: bot.actions())
            action = bot.actions()[0]
            init = init_data(anna.id, first_name="Anna", token=fake.token)
            noop = "function () {}"
            stand_in = (f"window.Telegram = {{WebApp: {{initData: {json.dumps(init)}, "
                        f"ready: {noop}, expand: {noop}, showAlert: {noop}}}}};")
            async with chromium.browser(CHROMIUM) as page:
                await page.call("Network.enable")
                await page.call("Network.setBlockedURLs", urls=["https://telegram.org/*"])
                await page.call("Page.addScriptToEvaluateOnNewDocument", source=stand_in)
                base = f"http://127.0.0.1:{extra['WEB_PORT']}"
                await page.call("Page.navigate", url=f"{base}/app?w={action.workshop_id}")
                await page.wait_for(f"!!document.querySelector('[data-done=\"{action.id}\"]')",
                                    timeout=60)
                await page.wait_for("document.querySelectorAll('#part svg').length === 2",
                                    timeout=60)
                await page.evaluate(f"document.querySelector('[data-done=\"{action.id}\"]')"
                                    ".click()")
                await bot.wait(lambda: bot.actions()[0].status == "done", timeout=30)
                await page.wait_for("!document.querySelector('[data-done]')", timeout=30)
                # Back to the list: the person's workshops.
                await page.evaluate("document.querySelector('[data-back]').click()")
                await page.wait_for("document.body.textContent.includes('Your workshops')")
        finally:
            stop.set()
            await serving
