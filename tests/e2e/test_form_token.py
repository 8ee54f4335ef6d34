"""The page's script sends each form's token with its posts; when the token is out of date (the server
restarted since the page was drawn), the phone is told so in its language, keeps its text, and the next tap
carries the fresh token the refusal brought."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.async_api import Page, expect

from tests.support import make_app, page_at_first_step, send_page

SIZE = (160, 50)
DRAFT = "ควรนัดประชุมติดตามทุกเดือน"


@pytest.mark.browser
async def test_a_stale_form_token_is_refused_then_the_retry_is_saved(tmp_path: Path, phone: Page) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        live = await page_at_first_step(pilot, phone, organisation="รพ.สต.บ้านนา")

        await phone.evaluate("document.querySelector('#answer input[name=csrf]').value = 'drawn-before-a-restart'")
        await phone.fill("#text", DRAFT)
        await phone.click("#answer button[type=submit]")
        status = phone.locator("#status")
        await expect(status).to_have_text("หน้านี้เก่าเกินไป ข้อความของคุณยังอยู่ กรุณากดส่งอีกครั้ง")
        await expect(status).to_have_class("status bad")
        assert await phone.input_value("#text") == DRAFT
        assert live.answers_for(0) == []

        await send_page(phone, 1)   # the same text, tapped again
        assert [answer.text for answer in live.answers_for(0)] == [DRAFT]
        await phone.close()
        await pilot.press("ctrl+q")
