"""Every phone form carries a token bound to the phone's cookie: a post without it, or with another phone's,
is refused with 403 in the phone's language, what was typed kept; with the right one it is accepted."""

from __future__ import annotations

import aiohttp

from bench.load import FORM_TOKEN
from tests.server.conftest import BAN_NA, Serve
from tests.support import (
    HTML,
    JSON,
    Served,
    form_token,
    joined,
    new_phone,
    post_answer,
    post_form,
)

STALE_TH = "หน้านี้เก่าเกินไป ข้อความของคุณยังอยู่ กรุณากดส่งอีกครั้ง"
STALE_EN = "This page was out of date. What you typed is kept: send it again."


async def _post_bare(phone: aiohttp.ClientSession, served: Served, path: str, data: list[tuple[str, str]],
                     headers: dict[str, str]) -> aiohttp.ClientResponse:
    """Post as a forged form would: the phone's cookies go with it, no token of its page does."""
    return await phone.post(served.url(path), data=data, headers=headers)


async def test_an_answer_without_its_token_is_refused_and_its_draft_kept(
    served: Served, phone: aiohttp.ClientSession
) -> None:
    await served.live.goto(0)
    form = [("step", "0"), ("client_id", "client-0001"), ("text", "ร่างคำตอบที่พิมพ์ไว้")]
    page = await _post_bare(phone, served, "/s/{code}/answers", form, HTML)
    assert page.status == 403
    text = await page.text()
    assert STALE_TH in text and "ร่างคำตอบที่พิมพ์ไว้" in text     # the draft is back in its box
    english = await _post_bare(phone, served, "/s/{code}/answers?lang=en", form, JSON)
    assert english.status == 403 and (await english.json())["message"] == STALE_EN
    assert served.live.answers == []
    accepted = await post_answer(phone, served, {"text": "ร่างคำตอบที่พิมพ์ไว้"}, "client-0001")
    assert accepted.status == 200 and [a.text for a in served.live.answers] == ["ร่างคำตอบที่พิมพ์ไว้"]


async def test_another_phones_token_is_refused_and_the_reply_carries_the_right_one(
    served: Served, phone: aiohttp.ClientSession
) -> None:
    await served.live.goto(0)
    async with await joined(served, organisation=BAN_NA) as other:
        foreign = await form_token(other, served)
    own = await form_token(phone, served)
    assert foreign != own
    form = [("step", "0"), ("client_id", "client-0002"), ("text", "คำตอบ"), ("csrf", foreign)]
    refused = await _post_bare(phone, served, "/s/{code}/answers", form, JSON)
    body = await refused.json()
    assert refused.status == 403 and body["reason"] == "stale_form"
    assert body["csrf"] == own                      # what the page's script retries with
    assert served.live.answers == []
    retried = await _post_bare(phone, served, "/s/{code}/answers", [*form[:3], ("csrf", body["csrf"])], JSON)
    assert retried.status == 200 and (await retried.json())["ok"] is True


async def test_a_join_without_its_token_is_refused_with_the_form_kept(served: Served) -> None:
    async with new_phone() as phone:
        form = [("name", "สมศรี"), ("organisation", BAN_NA), ("lang", "en")]
        refused = await _post_bare(phone, served, "/j/{code}", form, HTML)   # no join page seen: no cookie
        assert refused.status == 403
        page = await refused.text()
        assert STALE_EN in page and 'value="สมศรี"' in page
        assert served.live.participants == {}
        # The refusal's own form carries a token bound to the cookie it gave: sending it again joins.
        found = FORM_TOKEN.search(page)
        assert found is not None
        again = await _post_bare(phone, served, "/j/{code}", [*form, ("csrf", found.group(1))], HTML)
        assert again.status == 200 and again.url.path == f"/s/{served.code}"
        assert [p.name for p in served.live.participants.values()] == ["สมศรี"]


async def test_a_forged_join_with_a_token_of_another_phone_is_refused(served: Served) -> None:
    async with new_phone() as attacker, new_phone() as victim:
        token = await form_token(attacker, served)
        await victim.get(served.url("/j/{code}"))     # the victim has a cookie of its own
        refused = await _post_bare(victim, served, "/j/{code}", [("name", "x"), ("csrf", token)], HTML)
        assert refused.status == 403 and STALE_TH in await refused.text()
    assert served.live.participants == {}


async def test_adding_a_task_without_its_token_is_refused_and_the_name_kept(serve: Serve) -> None:
    async with serve("role-split") as served:
        async with await joined(served, organisation=BAN_NA) as phone:
            refused = await _post_bare(phone, served, "/s/{code}/tasks", [("name", "รถรับส่งผู้ป่วย")], HTML)
            assert refused.status == 403
            page = await refused.text()
            assert STALE_TH in page and 'value="รถรับส่งผู้ป่วย"' in page
            assert served.live.session.tasks == []
            accepted = await post_form(phone, served, "/s/{code}/tasks", {"name": "รถรับส่งผู้ป่วย"}, headers=JSON)
            assert accepted.status == 200 and len(served.live.session.tasks) == 1


async def test_every_form_a_phone_page_draws_carries_its_token(serve: Serve) -> None:
    async with serve("role-split") as served:
        async with await joined(served, organisation=BAN_NA) as phone:
            token = await form_token(phone, served)
            page = await (await phone.get(served.url("/s/{code}"))).text()
    forms = page.split("<form")[1:]
    assert len(forms) == 2     # the answer and the add-task forms
    assert all(f'<input type="hidden" name="csrf" value="{token}">' in form.split("</form>")[0] for form in forms)
