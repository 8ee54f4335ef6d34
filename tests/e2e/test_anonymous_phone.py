"""A phone in real Chromium joining an anonymous session on the real app: the page asks no name, says why in
the phone's language, and the person joins with an organisation and a sector."""

from __future__ import annotations

from pathlib import Path

from playwright.async_api import Page, expect

from activities import load
from facilitator.core.i18n import t
from facilitator.store import Store
from facilitator.tui.app import FacilitatorApp, RoomSettings, StartRequest
from tests.support import LOOPBACK, TITLE, join_page, session_started, until

ORGANISATION = "รพ.สต.บ้านนา"


async def test_a_phone_joins_an_anonymous_session_without_a_name(tmp_path: Path, phone: Page) -> None:
    start = StartRequest(load("bar"), TITLE, anonymous=True)
    app = FacilitatorApp(Store(tmp_path), RoomSettings(LOOPBACK, 0, "th"), start)
    async with app.run_test(size=(160, 50)) as pilot:
        live = await session_started(pilot)
        url = app.join_url(live.session.code)
        await phone.goto(url + "&lang=en")
        await expect(phone.locator("#anonymous")).to_have_text(t("anonymous_intro", "en"))
        assert await phone.locator("#name, input[name=name]").count() == 0
        await join_page(phone, url, organisation=ORGANISATION, sector="government")
        await until(pilot, lambda: len(live.participants) == 1, "the phone to join")
        (person,) = live.participants.values()
        assert (person.name, person.organisation, person.sector) == ("", ORGANISATION, "government")
