"""The join page of a partnership over the real server: its organisations to pick, another typed, several
hats, and what a refused join keeps."""

from __future__ import annotations

from tests.server.conftest import BAN_NA, SCHOOL, THA_KHAM, Serve
from tests.support import new_phone, post_form

PARTNERS = [(BAN_NA, "government"), (THA_KHAM, "local_admin"), (SCHOOL, "academic")]


async def test_the_join_page_lists_the_partnerships_organisations(serve: Serve) -> None:
    async with serve("bar", partnership=PARTNERS) as served:
        async with new_phone() as phone:
            page = await (await phone.get(served.url("/j/{code}"))).text()
            assert '<select id="organisation" name="organisation">' in page
            for name, sector in PARTNERS:
                assert f'<option value="{name}" data-sector="{sector}"' in page
                assert f'name="also" value="{name}"' in page
            assert '<option value="__other__">' in page and 'name="organisation_other"' in page
            await post_form(phone, served, "/j/{code}", [
                ("organisation", THA_KHAM), ("also", SCHOOL), ("also", THA_KHAM), ("sector", "local_admin"),
            ])
            (person,) = served.live.participants.values()
            assert (person.organisation, person.also, person.sector) == (THA_KHAM, [SCHOOL], "local_admin")
            edit = await (await phone.get(served.url("/j/{code}?edit=1"))).text()
            assert f'<option value="{THA_KHAM}" selected data-sector="local_admin"' in edit
            assert f'name="also" value="{SCHOOL}" checked' in edit


async def test_joining_for_an_organisation_not_in_the_list(serve: Serve) -> None:
    async with serve("bar", partnership=PARTNERS) as served:
        async with new_phone() as phone:
            await post_form(phone, served, "/j/{code}", {
                "organisation": "__other__", "organisation_other": "ชมรมผู้สูงอายุ", "also": BAN_NA})
            (person,) = served.live.participants.values()
            assert (person.organisation, person.also) == ("ชมรมผู้สูงอายุ", [BAN_NA])
            edit = await (await phone.get(served.url("/j/{code}?edit=1"))).text()
            assert '<option value="ชมรมผู้สูงอายุ" selected>' in edit  # the name typed joined the list
            assert f'name="also" value="{BAN_NA}" checked' in edit
        async with new_phone() as typed_only:  # no script: the select left alone, the name typed below it
            await post_form(typed_only, served, "/j/{code}", {"organisation": "", "organisation_other": "วัดบ้านนา"})
            assert {p.organisation for p in served.live.participants.values()} == {"ชมรมผู้สูงอายุ", "วัดบ้านนา"}
        partnership = served.store.partnership(served.live.session.partnership_id or "")
        assert [org.name for org in partnership.organisations] == [
            *(name for name, _ in PARTNERS), "ชมรมผู้สูงอายุ", "วัดบ้านนา"]
        async with new_phone() as later:  # the next phones pick them from the list
            page = await (await later.get(served.url("/j/{code}"))).text()
            assert '<option value="ชมรมผู้สูงอายุ">' in page and '<option value="วัดบ้านนา">' in page


async def test_an_organisation_the_list_lacks_is_edited_as_another(serve: Serve) -> None:
    async with serve("bar", partnership=PARTNERS) as served:
        invited = served.store.partnership(served.live.session.partnership_id or "")
        async with new_phone() as phone:
            await post_form(phone, served, "/j/{code}", {
                "organisation": "__other__", "organisation_other": "ชมรมผู้สูงอายุ", "also": BAN_NA})
            served.live.partnership = invited  # the list as it was invited, without the name typed
            edit = await (await phone.get(served.url("/j/{code}?edit=1"))).text()
            assert '<option value="__other__" selected>' in edit and 'value="ชมรมผู้สูงอายุ"' in edit


async def test_without_a_partnership_other_hats_are_typed_with_commas(serve: Serve) -> None:
    async with serve("bar", step=None) as served:
        async with new_phone() as phone:
            page = await (await phone.get(served.url("/j/{code}"))).text()
            assert '<input id="organisation" name="organisation"' in page and 'id="also" name="also"' in page
            await post_form(phone, served, "/j/{code}", {"organisation": BAN_NA,
                                                           "also": f" อสม.บ้านนา , {SCHOOL},,{BAN_NA}"})
            (person,) = served.live.participants.values()
            assert person.organisations == [BAN_NA, "อสม.บ้านนา", SCHOOL]
            edit = await (await phone.get(served.url("/j/{code}?edit=1"))).text()
            assert f'value="อสม.บ้านนา, {SCHOOL}"' in edit
            waiting = await (await phone.get(served.url("/s/{code}"))).text()
            assert f"{BAN_NA}, อสม.บ้านนา, {SCHOOL}" in waiting


async def test_a_refused_join_keeps_what_was_typed(serve: Serve) -> None:
    async with serve("bar", partnership=PARTNERS) as served:
        async with new_phone() as phone:
            response = await post_form(phone, served, "/j/{code}", {
                "name": "สมศรี", "organisation": "__other__", "organisation_other": "ก" * 81, "also": SCHOOL})
            assert response.status == 422
            page = await response.text()
            assert "ข้อความยาวเกินไป" in page and 'value="สมศรี"' in page and "ก" * 81 in page
            assert f'name="also" value="{SCHOOL}" checked' in page
        assert served.live.participants == {}
