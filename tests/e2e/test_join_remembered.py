"""A phone in real Chromium across a partnership's sessions: the AAR's join page comes filled in with the name and
organisation given at the BAR, an invited organisation's known sector is shown instead of asked, and an anonymous
session leaves the phone remembering no name."""

from __future__ import annotations

from pathlib import Path

from playwright.async_api import Page, expect

from facilitator.core.i18n import t
from tests.support import served_room

BAN_NA, THA_KHAM, CLUB = "รพ.สต.บ้านนา", "อบต.ท่าข้าม", "ชมรมผู้สูงอายุ"
PARTNERS = [(BAN_NA, "government"), (THA_KHAM, "local_admin"), (CLUB, "")]
NAME = "สมชาย ใจดี"


async def test_the_aar_remembers_the_bar_and_the_known_sector_is_not_asked(tmp_path: Path, phone: Page) -> None:
    async with served_room(tmp_path) as at:
        partnership = at.store.create_partnership("ภาคีตำบลบ้านนา", PARTNERS)
        bar = await at.open("bar", partnership.id)
        await phone.goto(bar.url("/j/{code}"))
        await expect(phone.locator("#name")).to_have_value("")
        await expect(phone.locator("#sector-ask")).to_be_visible()  # nothing chosen yet: asked
        await phone.fill("#name", NAME)
        await phone.select_option("#organisation", THA_KHAM)
        await expect(phone.locator("#sector-ask")).to_be_hidden()  # its sector is known: said, not asked
        await expect(phone.locator("#sector-known")).to_have_text(
            t("sector_known", "th", sector="องค์กรปกครองส่วนท้องถิ่น"))
        await phone.select_option("#organisation", CLUB)  # invited, sector not known: asked
        await expect(phone.locator("#sector-ask")).to_be_visible()
        await expect(phone.locator("#sector-known")).to_be_hidden()
        await phone.select_option("#organisation", THA_KHAM)
        await phone.click("#join button[type=submit]")
        await phone.wait_for_url("**/s/*")
        (person,) = bar.live.participants.values()
        assert (person.name, person.organisation, person.sector) == (NAME, THA_KHAM, "local_admin")
        await at.close(bar)

        aar = await at.open("aar", partnership.id)
        await phone.goto(aar.url("/j/{code}"))
        await expect(phone.locator("#name")).to_have_value(NAME)
        await expect(phone.locator("#organisation")).to_have_value(THA_KHAM)
        await expect(phone.locator("#sector-ask")).to_be_hidden()
        await phone.click("#join button[type=submit]")  # one tap: nothing to type again
        await phone.wait_for_url("**/s/*")
        (person,) = aar.live.participants.values()
        assert (person.name, person.organisation, person.sector) == (NAME, THA_KHAM, "local_admin")
        await at.close(aar)

        anonymous = await at.open("checkin", partnership.id, anonymous=True)
        await phone.goto(anonymous.url("/j/{code}"))
        assert await phone.locator("#name").count() == 0 and NAME not in await phone.content()
        await expect(phone.locator("#organisation")).to_have_value(THA_KHAM)
        await phone.click("#join button[type=submit]")
        await phone.wait_for_url("**/s/*")
        (person,) = anonymous.live.participants.values()
        assert (person.name, person.organisation) == ("", THA_KHAM)
        await at.close(anonymous)

        after = await at.open("health", partnership.id)
        await phone.goto(after.url("/j/{code}"))
        await expect(phone.locator("#name")).to_have_value("")  # the anonymous session left no name behind
        await expect(phone.locator("#organisation")).to_have_value(THA_KHAM)
