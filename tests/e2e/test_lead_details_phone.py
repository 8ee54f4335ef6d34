"""A phone in real Chromium claims the lead of a task and gives its due date and contact person: the fields
show only with "lead", and what was sent comes back on the phone's list."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.async_api import expect

from tests.e2e.conftest import ContextFactory
from tests.e2e.test_role_phones import BAN_NA, SIZE, role_split_app, tap
from tests.support import join_page, send_page, session_started, until


@pytest.mark.browser
async def test_a_lead_gives_its_due_date_and_contact(tmp_path: Path, phone_context: ContextFactory) -> None:
    app = role_split_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        live = await session_started(pilot)
        phone = await (await phone_context()).new_page()
        await join_page(phone, app.join_url(live.session.code), organisation=BAN_NA, pick=True)  # its sector is known
        await pilot.press("right")
        await until(pilot, lambda: live.session.step == 0, "the role step to open")
        details = phone.locator('fieldset.resources[data-level="level.fund"][data-when="lead"]')
        await expect(phone.locator("fieldset.task")).to_have_count(4)
        await expect(details).to_be_hidden()
        await tap(phone, "fund", "ร่วมดำเนินการ")
        await expect(details).to_be_hidden()  # asked of a lead only
        await tap(phone, "fund", "เจ้าภาพหลัก")
        await expect(details).to_be_visible()
        await phone.fill('input[name="due.fund"]', "2027-03-31")
        await phone.fill('input[name="contact.fund"]', "นางสมศรี 081-234-5678")
        await send_page(phone, 1)
        await expect(phone.locator("#mine li")).to_have_text([
            "กองทุนกลาง: เจ้าภาพหลัก — กำหนดเสร็จ 31 มี.ค. 2570 — ผู้ประสานงาน: นางสมศรี 081-234-5678",
        ])
        [answer] = live.answers
        assert answer.data["claims"]["fund"]["due"] == "2027-03-31"
        await phone.close()
