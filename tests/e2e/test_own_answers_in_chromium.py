"""A phone in real Chromium editing and withdrawing its own answers, with the page's script and without it,
against the real app: the wall follows, the phone's list shows what now counts, and a hidden answer is marked."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from playwright.async_api import BrowserContext, Page, expect
from textual.pilot import Pilot

from facilitator.core.live import LiveSession
from facilitator.tui.app import FacilitatorApp
from tests.support import join_page, make_app, send_page, session_started, until, wall_texts

ORGANISATION = "รพ.สต.บ้านนา"
FIRST, SECOND = "อยากให้ทุกหมู่บ้านมีน้ำสะอาด", "ทุกตำบลมีแผนร่วม"
EDITED = "อยากให้ทุกหมู่บ้านมีน้ำสะอาดตลอดปี"
SIZE = (160, 50)

ContextFactory = Callable[..., Awaitable[BrowserContext]]


def item(phone: Page, text: str):  # type: ignore[no-untyped-def]
    """The entry of "my answers" that shows ``text``."""
    return phone.locator("#mine li[data-id]").filter(has=phone.locator(".answer-text", has_text=text))


async def first_step(pilot: Pilot[int], app: FacilitatorApp, phone: Page) -> LiveSession:
    live = await session_started(pilot)
    await join_page(phone, app.join_url(live.session.code), organisation=ORGANISATION, sector="government")
    await pilot.press("right")
    await until(pilot, lambda: live.session.step == 0, "step 1 to open")
    return live


@pytest.mark.browser
async def test_edit_and_withdraw_with_the_pages_script(tmp_path: Path, phone: Page) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await first_step(pilot, app, phone)
        await phone.wait_for_selector("textarea#text")
        await send_page(phone, 1, text=FIRST)
        await send_page(phone, 2, text=SECOND)
        await expect(phone.locator("#mine details.edit")).to_have_count(2)   # each one has its Edit
        await until(pilot, lambda: wall_texts(app) == [FIRST, SECOND], "both cards")
        await phone.evaluate("window.__marker = 1")
        await phone.fill("#text", "ร่างที่ยังไม่ส่ง")   # a draft of the next answer is never lost

        first = item(phone, FIRST)
        await first.locator("summary").click()
        await first.locator("textarea").fill(EDITED)
        await first.get_by_role("button", name="บันทึกการแก้ไข").click()
        await expect(phone.locator("#mine-status")).to_have_text("แก้ไขคำตอบแล้ว")
        await expect(phone.locator("#mine .answer-text")).to_have_text([EDITED, SECOND])
        await until(pilot, lambda: wall_texts(app) == [EDITED, SECOND], "the card edited in place")

        await item(phone, SECOND).get_by_role("button", name="ถอนคำตอบ").click()
        await expect(phone.locator("#mine-status")).to_have_text("ถอนคำตอบแล้ว")
        await expect(phone.locator("#mine .answer-text")).to_have_text([EDITED])
        await until(pilot, lambda: wall_texts(app) == [EDITED], "the card gone")
        assert await phone.input_value("#text") == "ร่างที่ยังไม่ส่ง"
        assert await phone.evaluate("window.__marker") == 1, "the page reloaded instead of updating"
        await phone.close()


@pytest.mark.browser
async def test_edit_and_withdraw_without_javascript(tmp_path: Path, phone_context: ContextFactory) -> None:
    phone = await (await phone_context(java_script_enabled=False)).new_page()
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        live = await first_step(pilot, app, phone)
        code = live.session.code
        await phone.get_by_role("link", name="รีเฟรช").click()
        for text in (FIRST, SECOND):
            await phone.fill("#text", text)
            async with phone.expect_navigation():
                await phone.click("#answer button[type=submit]")
        await expect(phone.locator("#mine .answer-text")).to_have_text([FIRST, SECOND])

        first = item(phone, FIRST)
        await first.locator("summary").click()   # <details> opens without any script
        await first.locator("textarea").fill("   ")
        async with phone.expect_navigation():   # a blank edit: the page again, the old text kept everywhere
            await first.get_by_role("button", name="บันทึกการแก้ไข").click()
        await expect(phone.locator("p.error")).to_have_text("คำตอบว่างเปล่า กรุณาพิมพ์ข้อความ")
        assert [a.text for a in live.answers_for(0)] == [FIRST, SECOND]

        await item(phone, FIRST).locator("textarea").fill(EDITED)   # the form came back open
        async with phone.expect_navigation():
            await item(phone, FIRST).get_by_role("button", name="บันทึกการแก้ไข").click()
        assert phone.url.endswith(f"/s/{code}")
        await expect(phone.locator("#mine .answer-text")).to_have_text([EDITED, SECOND])
        await until(pilot, lambda: wall_texts(app) == [EDITED, SECOND], "the card edited in place")

        async with phone.expect_navigation():
            await item(phone, SECOND).get_by_role("button", name="ถอนคำตอบ").click()
        await expect(phone.locator("#mine .answer-text")).to_have_text([EDITED])
        await until(pilot, lambda: wall_texts(app) == [EDITED], "the card gone")

        await pilot.press("down", "x")   # the facilitator hides the one left: the phone's list says so
        await until(pilot, lambda: live.answers_for(0) == [], "the answer hidden")
        await phone.reload()
        await expect(item(phone, EDITED).locator(".hidden-mark")).to_have_text("ผู้อำนวยความสะดวกซ่อนคำตอบนี้ไว้")
        await expect(item(phone, EDITED).locator("details.edit")).to_have_count(0)
        await phone.close()


@pytest.mark.browser
async def test_a_hidden_answer_is_marked_on_the_phone_as_it_happens(tmp_path: Path, phone: Page) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        live = await first_step(pilot, app, phone)
        await phone.wait_for_selector("textarea#text")
        await send_page(phone, 1, text=FIRST)
        await until(pilot, lambda: wall_texts(app) == [FIRST], "the card")
        await pilot.press("up", "x")
        await until(pilot, lambda: live.answers_for(0) == [], "the answer hidden")
        await expect(item(phone, FIRST).locator(".hidden-mark")).to_have_text("ผู้อำนวยความสะดวกซ่อนคำตอบนี้ไว้")
        await pilot.press("x")   # shown again: the mark goes, Edit comes back
        await expect(item(phone, FIRST).locator(".hidden-mark")).to_have_count(0)
        await expect(item(phone, FIRST).locator("details.edit")).to_have_count(1)
        await phone.close()
