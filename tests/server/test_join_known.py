"""The join page over the real server, for a partnership's sessions: an invited organisation whose sector the
partnership knows is not asked it, and a phone remembers its name and organisation from the BAR to the AAR
(never a name from an anonymous session)."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import aiohttp
from markupsafe import escape
from yarl import URL

from facilitator.core.i18n import t
from facilitator.server.remembered import COOKIE_PREFIX
from tests.server.conftest import BAN_NA, SCHOOL, THA_KHAM, Serve
from tests.support import LOOPBACK, Served, new_phone, post_form, served_room

CLUB = "ชมรมผู้สูงอายุ"  # invited, sector not known
PARTNERS = [(BAN_NA, "government"), (THA_KHAM, "local_admin"), (SCHOOL, "academic"), (CLUB, "")]
NAME = "สมชาย ใจดี"


async def page_of(phone: aiohttp.ClientSession, served: Served, query: str = "") -> str:
    async with phone.get(served.url("/j/{code}" + query)) as response:
        assert response.status == 200
        return await response.text()


def remembered_cookie(phone: aiohttp.ClientSession, partnership_id: str) -> dict[str, object] | None:
    """What the phone keeps for the partnership, decoded (``None`` when it keeps nothing)."""
    cookie = phone.cookie_jar.filter_cookies(URL(f"http://{LOOPBACK}/")).get(COOKIE_PREFIX + partnership_id)
    if cookie is None:
        return None
    raw = cookie.value
    return json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))


# -- a known sector is not asked ------------------------------------------------------------------------------
async def test_the_page_marks_the_organisations_whose_sector_is_known(serve: Serve) -> None:
    async with serve("bar", step=None, partnership=PARTNERS) as served, new_phone() as phone:
        page = await page_of(phone, served, "?lang=en")
        assert f'<option value="{THA_KHAM}" data-sector="local_admin" data-sector-label="Local administration">' in page
        assert f'<option value="{CLUB}">' in page  # its sector is not known: asked
        assert str(escape(t("sector_known_note", "en"))) in page  # what a page without script says
        assert 'id="sector-known"' in page and 'data-template="Sector: {sector} (already known' in page


async def test_the_partnerships_sector_is_taken_for_an_invited_organisation(serve: Serve) -> None:
    async with serve("bar", step=None, partnership=PARTNERS) as served:
        joins = [
            ({"organisation": THA_KHAM}, (THA_KHAM, "local_admin")),                   # not asked: known
            ({"organisation": BAN_NA, "sector": "academic"}, (BAN_NA, "government")),  # a wrong pick without script
            ({"organisation": "__other__", "organisation_other": "อบต ท่าข้าม"}, (THA_KHAM, "local_admin")),
            ({"organisation": CLUB, "sector": "community"}, (CLUB, "community")),      # unknown to it: asked
            ({"organisation": "__other__", "organisation_other": "วัดบ้านนา", "sector": "other"}, ("วัดบ้านนา", "other")),
        ]
        for fields, expected in joins:
            async with new_phone() as phone:
                await post_form(phone, served, "/j/{code}", fields)
                person = next(p for p in served.live.participants.values() if p.organisation == expected[0])
                assert (person.organisation, person.sector) == expected


async def test_without_a_partnership_the_sector_is_asked_as_before(serve: Serve) -> None:
    async with serve("bar", step=None) as served, new_phone() as phone:
        page = await page_of(phone, served, "?lang=en")
        assert str(escape(t("sector_known_note", "en"))) not in page and 'id="sector-known"' not in page
        await post_form(phone, served, "/j/{code}", {"organisation": THA_KHAM, "sector": "community"})
        (person,) = served.live.participants.values()
        assert person.sector == "community"


# -- the phone remembers its person for the partnership -------------------------------------------------------
async def test_the_aar_join_form_comes_filled_in_with_what_the_bar_was_given(tmp_path: Path) -> None:
    async with served_room(tmp_path) as at:
        partnership = at.store.create_partnership("ภาคีตำบลบ้านนา", PARTNERS)
        other = at.store.create_partnership("ภาคีอื่น", PARTNERS)
        bar = await at.open("bar", partnership.id)
        async with new_phone() as phone, new_phone() as stranger:
            assert 'value=""' in await page_of(phone, bar)  # nothing remembered yet
            await post_form(phone, bar, "/j/{code}", [("name", NAME), ("organisation", THA_KHAM), ("also", SCHOOL)])
            await at.close(bar)
            aar = await at.open("aar", partnership.id)
            page = await page_of(phone, aar)
            assert f'id="name" name="name" maxlength="80" autocomplete="name" value="{NAME}"' in page
            assert f'<option value="{THA_KHAM}" selected' in page
            assert f'name="also" value="{SCHOOL}" checked' in page
            await post_form(phone, aar, "/j/{code}", [("name", NAME), ("organisation", THA_KHAM), ("also", SCHOOL)])
            (person,) = aar.live.participants.values()
            assert (person.name, person.organisation, person.sector, person.also) == (
                NAME, THA_KHAM, "local_admin", [SCHOOL])
            assert NAME not in await page_of(stranger, aar)  # another phone remembers nothing
            elsewhere = await at.open("bar", other.id)
            assert NAME not in await page_of(phone, elsewhere)  # nor does another partnership's session
            alone = await at.open("bar", None)
            assert NAME not in await page_of(phone, alone)
            cookies_before = len(phone.cookie_jar)
            await post_form(phone, alone, "/j/{code}", {"name": NAME, "organisation": "วัดบ้านนา"})
            assert len(phone.cookie_jar) == cookies_before  # a session without a partnership keeps nothing


async def test_an_anonymous_session_neither_shows_nor_keeps_a_name(tmp_path: Path) -> None:
    async with served_room(tmp_path) as at:
        partnership = at.store.create_partnership("ภาคีตำบลบ้านนา", PARTNERS)
        bar = await at.open("bar", partnership.id)
        async with new_phone() as phone:
            await post_form(phone, bar, "/j/{code}", {"name": NAME, "organisation": THA_KHAM})
            assert remembered_cookie(phone, partnership.id) == {
                "organisation": THA_KHAM, "sector": "local_admin", "also": [], "name": NAME}
            anonymous = await at.open("aar", partnership.id, anonymous=True)
            page = await page_of(phone, anonymous)
            assert NAME not in page and 'name="name"' not in page
            assert f'<option value="{THA_KHAM}" selected' in page  # the organisation is still filled in
            await post_form(phone, anonymous, "/j/{code}", {"name": NAME, "organisation": THA_KHAM})
            (person,) = anonymous.live.participants.values()
            assert (person.name, person.organisation) == ("", THA_KHAM)
            assert remembered_cookie(phone, partnership.id) == {  # the name is forgotten, not carried on
                "organisation": THA_KHAM, "sector": "local_admin", "also": []}
            later = await at.open("checkin", partnership.id)
            page = await page_of(phone, later)
            assert NAME not in page and f'<option value="{THA_KHAM}" selected' in page


async def test_a_forged_remembered_cookie_is_only_text_in_the_form(tmp_path: Path) -> None:
    async with served_room(tmp_path) as at:
        partnership = at.store.create_partnership("ภาคีตำบลบ้านนา", PARTNERS)
        bar = await at.open("bar", partnership.id)
        hostile = {"name": '"><script>alert(1)</script>', "organisation": ["<b>x</b>"], "sector": 5, "also": [1]}
        forged = base64.urlsafe_b64encode(json.dumps(hostile).encode()).decode().rstrip("=")
        for value in (forged, "!!not base64!!", base64.urlsafe_b64encode(b"[1, 2]").decode(), "x" * 5000):
            async with new_phone() as phone:
                phone.cookie_jar.update_cookies({COOKIE_PREFIX + partnership.id: value}, URL(bar.base))
                page = await page_of(phone, bar)
                assert "<script>alert" not in page and "<b>x</b>" not in page
        async with new_phone() as phone:
            phone.cookie_jar.update_cookies({COOKIE_PREFIX + partnership.id: forged}, URL(bar.base))
            page = await page_of(phone, bar)
            assert 'value="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in page
            assert 'value="&lt;b&gt;x&lt;/b&gt;"' in page  # another organisation, typed
