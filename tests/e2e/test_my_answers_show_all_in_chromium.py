"""A phone in real Chromium with many answers to a step: "my answers" lists the latest, says how many earlier
ones there are, and "show all" lists every one; the page's script keeps that view as it refreshes the page
after each answer and edit."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.async_api import Page, expect
from textual.pilot import Pilot

from facilitator.server.steps import MINE_SHOWN
from facilitator.tui.app import FacilitatorApp
from tests.e2e.test_own_answers_in_chromium import SIZE, first_step, item
from tests.support import make_app, send_page, until, wall_texts

EARLIER = [f"ข้อเสนอที่ {i + 1}: อยากให้หมู่บ้านมีน้ำสะอาด" for i in range(11)]
NEW, EDITED = "ข้อเสนอใหม่จากโทรศัพท์", "ข้อเสนอแรกที่แก้แล้ว"


async def answered_earlier(pilot: Pilot[int], app: FacilitatorApp, phone: Page) -> None:
    """The phone joined, the first step open, and its eleven earlier answers stored (faster than the server lets
    one phone send), the page loaded again."""
    live = await first_step(pilot, app, phone)
    (pid,) = live.participants
    for i, text in enumerate(EARLIER):
        await live.submit(pid, 0, f"client-{i:04d}", {"text": [text]})
    await phone.reload()


@pytest.mark.browser
async def test_show_all_lists_every_answer_and_keeps_doing_so_after_sending(tmp_path: Path, phone: Page) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await answered_earlier(pilot, app, phone)
        await expect(phone.locator("#mine .answer-text")).to_have_text(EARLIER[-MINE_SHOWN:])
        await expect(phone.locator("#mine-more")).to_have_text("ยังมีคำตอบก่อนหน้าอีก 6 คำตอบ แสดงทั้งหมด 11 คำตอบ")

        await phone.get_by_role("link", name="แสดงทั้งหมด 11 คำตอบ").click()
        await phone.wait_for_url("**/s/*?all=1")
        await expect(phone.locator("#mine .answer-text")).to_have_text(EARLIER)
        await phone.evaluate("window.__marker = 1")

        await send_page(phone, 12, text=NEW)   # sent with the script; the page is fetched again
        await expect(phone.locator("#mine details.edit")).to_have_count(12)   # the refreshed list, all of it
        await expect(phone.locator("#mine .answer-text")).to_have_text([*EARLIER, NEW])
        await until(pilot, lambda: len(wall_texts(app)) == 12, "the twelve cards")

        oldest = item(phone, EARLIER[0])   # far older than the latest: edited from the full list
        await oldest.locator("summary").click()
        await oldest.locator("textarea").fill(EDITED)
        await oldest.get_by_role("button", name="บันทึกการแก้ไข").click()
        await expect(phone.locator("#mine-status")).to_have_text("แก้ไขคำตอบแล้ว")
        await expect(phone.locator("#mine .answer-text")).to_have_text([EDITED, *EARLIER[1:], NEW])
        assert phone.url.endswith("?all=1")
        assert await phone.evaluate("window.__marker") == 1, "the page reloaded instead of updating"

        await phone.get_by_role("link", name="แสดงเฉพาะ 5 คำตอบล่าสุด").click()
        await expect(phone.locator("#mine .answer-text")).to_have_text([*EARLIER[-4:], NEW])
        await expect(phone.locator("#mine-more")).to_have_text("ยังมีคำตอบก่อนหน้าอีก 7 คำตอบ แสดงทั้งหมด 12 คำตอบ")
        await phone.close()


@pytest.mark.browser
async def test_an_edit_being_typed_stays_on_the_page_when_a_new_answer_pushes_it_out(
    tmp_path: Path, phone: Page
) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await answered_earlier(pilot, app, phone)
        oldest_listed = EARLIER[-MINE_SHOWN]
        await expect(phone.locator("#mine .answer-text").first).to_have_text(oldest_listed)
        editing = item(phone, oldest_listed)
        await editing.locator("summary").click()
        await editing.locator("textarea").fill(EDITED)   # typed, not saved yet

        await send_page(phone, MINE_SHOWN + 1, text=NEW)   # the new answer would push it out of the latest
        await expect(phone.locator("#mine details.edit")).to_have_count(MINE_SHOWN + 1)   # the refreshed list
        await expect(phone.locator("#mine .answer-text")).to_have_text([*EARLIER[-MINE_SHOWN:], NEW])
        await expect(editing.locator("details.edit")).to_have_attribute("open", "")
        await expect(editing.locator("textarea")).to_have_value(EDITED)   # what was typed is still there
        await phone.close()
