"""A phone in real Chromium follows the step's countdown the facilitator sets from the wall's keyboard: it
counts down by itself, warns in the last minute, is refused at zero (the text stays in its box, the button
is disabled), and takes answers again once the facilitator adds a minute.

Two clocks are turned by the test: the live session's (a :class:`FakeClock`) and the page's (Playwright's
``page.clock``), so nothing waits for real minutes to pass."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.async_api import Page, expect

from facilitator.core.i18n import t
from tests.support import FakeClock, make_app, page_at_first_step, send_page, until

LATE = "คำตอบที่ส่งช้าไป <b>ไม่</b> [b]"


@pytest.mark.browser
async def test_phone_counts_down_and_is_refused_after_zero(tmp_path: Path, phone: Page) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(160, 50)) as pilot:
        await phone.clock.install()                   # the page's time passes when the test says so
        live = await page_at_first_step(pilot, phone)
        clock = FakeClock()
        live.clock = clock
        timer = phone.locator("#timer")
        await expect(timer).to_be_hidden()

        await pilot.press("t")
        await pilot.press("backspace", "2", "tab", "space", "enter")   # 2 minutes, stop at zero
        await until(pilot, lambda: live.timer is not None, "the timer to start")
        await expect(timer).to_be_visible()
        await expect(timer.locator(".clock")).to_have_text(re.compile(r"0[12]:[0-5]\d"))
        await phone.clock.fast_forward(61_000)
        await expect(timer.locator(".clock")).to_have_text(re.compile(r"00:5\d"))
        await expect(timer).to_have_class(re.compile(r"\bwarn\b"))
        await expect(timer.locator(".note")).to_have_text(t("timer_last_minute", "th"))

        clock.turn(120)                               # the server's time is up before the phone's
        await phone.fill("#text", LATE)
        await phone.click("#answer button[type=submit]")
        await expect(phone.locator("#status")).to_have_text(t("time_up", "th"))
        await expect(phone.locator("#status")).to_have_class("status bad")
        await expect(phone.locator("#answer button[type=submit]")).to_be_disabled()
        await expect(timer).to_have_class(re.compile(r"\bover\b"))
        await expect(timer.locator(".note")).to_have_text(t("timer_closed_phone", "th"))
        assert await phone.input_value("#text") == LATE      # nothing typed is lost
        assert live.answers == []

        await pilot.press("plus")                     # the facilitator reopens the step for a minute
        await expect(phone.locator("#answer button[type=submit]")).to_be_enabled()
        await expect(phone.locator("#status")).to_have_text("")
        await expect(timer.locator(".clock")).to_have_text(re.compile(r"0[01]:[0-5]\d"))
        await send_page(phone, 1)
        assert [answer.text for answer in live.answers] == [LATE]

        await phone.clock.fast_forward(61_000)        # the phone's own countdown reaches zero
        await expect(timer.locator(".clock")).to_have_text("00:00")
        await expect(phone.locator("#answer button[type=submit]")).to_be_disabled()

        await pilot.press("ctrl+q")
