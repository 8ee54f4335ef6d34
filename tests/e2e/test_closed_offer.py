"""Phone pages in real Chromium against the participants' server, run in the test's own event loop over a real
store: a phone left on a closed session's page is offered the partnership's next session when it opens, without
a reload; a draft brought back after a reload leaves hidden fields to the server."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.async_api import Page, Route, expect

from activities import load
from facilitator.core.workshop import Workshop
from facilitator.server.app import Server, make_app
from facilitator.store import Store
from tests.support import LOOPBACK, join_page


@pytest.mark.browser
async def test_a_phone_on_a_closed_session_is_offered_the_one_opened_next(tmp_path: Path, phone: Page) -> None:
    store = Store(tmp_path)
    workshop = Workshop(store)
    server = Server(make_app(workshop.room), LOOPBACK, 0)
    await server.start()
    try:
        base = f"http://{LOOPBACK}:{server.bound_port}"
        partnership = store.create_partnership("ภาคีตำบลบ้านนา")
        first = await workshop.open_session(load("bar"), "ประชุมครั้งแรก", partnership_id=partnership.id)
        await first.goto(0)
        await join_page(phone, f"{base}/j/{first.session.code}", organisation="รพ.สต.บ้านนา")
        await phone.evaluate("window.__marker = 1")  # gone if the page reloads

        await workshop.close_session(first)
        await expect(phone.locator("#live h1")).to_have_text("ปิดกิจกรรมแล้ว")
        await expect(phone.locator("#open-now")).to_have_count(0)

        second = await workshop.open_session(load("bar"), "ประชุมครั้งที่สอง", partnership_id=partnership.id)
        offer = phone.locator("#open-now")
        await expect(offer).to_have_text("เข้าร่วมกิจกรรมที่เปิดอยู่ตอนนี้: ประชุมครั้งที่สอง")
        assert await phone.evaluate("window.__marker") == 1, "the page reloaded instead of following"
        await offer.click()
        await phone.wait_for_url(f"**/j/{second.session.code}")
        await expect(phone.locator("h1")).to_have_text("เข้าร่วม")
    finally:
        await server.stop()
        await store.close()


@pytest.mark.browser
async def test_a_draft_brought_back_after_a_reload_leaves_hidden_fields_to_the_server(
    tmp_path: Path, phone: Page
) -> None:
    """A reload brings back what was typed, never a hidden field (a token the server may have renewed)."""
    store = Store(tmp_path)
    workshop = Workshop(store)
    server = Server(make_app(workshop.room), LOOPBACK, 0)
    await server.start()
    issued = ["before"]

    async def with_hidden_field(route: Route) -> None:  # the page as a server that renews a hidden token sends it
        response = await route.fetch()
        field = f'<input type="hidden" name="renewed" value="{issued[-1]}">'
        await route.fulfill(response=response, body=(await response.text()).replace("</form>", field + "</form>"))

    try:
        base = f"http://{LOOPBACK}:{server.bound_port}"
        live = await workshop.open_session(load("bar"), "ประชุมภาคีตำบล")
        await live.goto(0)
        await join_page(phone, f"{base}/j/{live.session.code}", organisation="รพ.สต.บ้านนา")
        await phone.route(f"**/s/{live.session.code}", with_hidden_field)
        await phone.goto(f"{base}/s/{live.session.code}")
        await expect(phone.locator("input[name=renewed]")).to_have_value("before")
        await phone.fill("#text", "ร่างที่ยังไม่ได้ส่ง")
        issued.append("after")
        await phone.goto(f"{base}/s/{live.session.code}")
        await expect(phone.locator("#text")).to_have_value("ร่างที่ยังไม่ได้ส่ง")
        await expect(phone.locator("input[name=renewed]")).to_have_value("after")
    finally:
        await server.stop()
        await store.close()
