"""The bad input a room sends: every case gets a clear answer and loses nothing already stored."""

from __future__ import annotations

import asyncio
import unicodedata

import aiohttp
import pytest

from facilitator.core.model import Status
from tests.support import HTML, JSON, Served, form_token, join, new_phone, post_answer, post_form


@pytest.fixture
async def running(served: Served) -> Served:
    await served.live.advance()
    return served


@pytest.mark.parametrize(
    "text",
    [
        "[@click=app.quit]x", "a [/] b", "[/", "[TODO]", "[link=https://x]y",
        "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>',
        "=HYPERLINK(\"http://x\")", "+1", "@SUM(A1)", "-2", "😀👍🏽 🇹🇭", "ผู้ใหญ่ที่นี่อยากให้น้ำปั้นมีส่วนร่วม",
    ],
)
async def test_hostile_text_is_stored_as_typed_and_escaped_on_the_page(
    running: Served, phone: aiohttp.ClientSession, text: str
) -> None:
    response = await post_answer(phone, running, {"text": text}, "client-0001")
    assert response.status == 200
    assert running.live.answers[-1].text == text
    page = await (await phone.get(running.url("/s/{code}"))).text()
    assert "<script>alert" not in page and "<img src=x" not in page
    if "<" not in text and '"' not in text:
        assert text in page


async def test_empty_and_blank_answers_are_refused_in_the_phones_language(
    running: Served, phone: aiohttp.ClientSession
) -> None:
    for text in ("", "   ", "\u200b\n\t"):  # a lone zero-width space is invisible: blank too
        response = await post_answer(phone, running, {"text": text}, "client-0001")
        body = await response.json()
        assert response.status == 422 and body["message"] == "คำตอบว่างเปล่า กรุณาพิมพ์ข้อความ"
    english = await post_form(phone, running, "/s/{code}/answers?lang=en",
                              {"step": "0", "text": "", "client_id": "client-0009"}, headers=JSON)
    assert (await english.json())["message"] == "The answer is empty: please type something."


async def test_a_100_kb_answer_is_refused_with_413_and_a_page(running: Served, phone: aiohttp.ClientSession) -> None:
    response = await post_answer(phone, running, {"text": "ก" * 100_000}, "client-0001", headers=HTML)
    assert response.status == 413
    assert "ข้อมูลที่ส่งมีขนาดใหญ่เกินไป" in await response.text()
    assert running.live.answers == []


async def test_an_answer_over_500_characters_is_refused_and_kept_in_the_box(
    running: Served, phone: aiohttp.ClientSession
) -> None:
    text = "ข" * 501
    response = await post_answer(phone, running, {"text": text}, "client-0001", headers=HTML)
    assert response.status == 422
    page = await response.text()
    assert "ข้อความยาวเกินไป" in page and text in page  # the draft comes back; nothing typed is lost


async def test_invalid_utf8_is_a_400_page(running: Served, phone: aiohttp.ClientSession) -> None:
    body = f"csrf={await form_token(phone, running)}&step=0&client_id=client-0001&text=".encode() + b"\xff\xfe\xc3("
    response = await phone.post(running.url("/s/{code}/answers"), data=body,
                                headers={"Content-Type": "application/x-www-form-urlencoded", **HTML})
    assert response.status == 400
    assert "อักขระที่อ่านไม่ได้" in await response.text()


async def test_nul_and_bidi_controls_are_removed_zero_width_joiner_kept(
    running: Served, phone: aiohttp.ClientSession
) -> None:
    response = await post_answer(phone, running, {"text": "a\x00b\u202ec 👩\u200d🌾"}, "client-0001")
    assert response.status == 200
    assert running.live.answers[-1].text == "abc 👩\u200d🌾"


async def test_decomposed_thai_is_stored_composed(running: Served, phone: aiohttp.ClientSession) -> None:
    decomposed = unicodedata.normalize("NFD", "น้ำ")
    await post_answer(phone, running, {"text": decomposed}, "client-0001")
    assert running.live.answers[-1].text == unicodedata.normalize("NFC", "น้ำ")


async def test_a_double_tap_stores_one_answer(running: Served, phone: aiohttp.ClientSession) -> None:
    first, second = await asyncio.gather(
        post_answer(phone, running, {"text": "ครั้งเดียว"}, "client-0001"),
        post_answer(phone, running, {"text": "ครั้งเดียว"}, "client-0001"),
    )
    assert first.status == second.status == 200
    assert (await first.json())["answer"]["id"] == (await second.json())["answer"]["id"]
    assert [r.text for r in running.live.answers] == ["ครั้งเดียว"]


async def test_a_phone_that_slept_through_a_step_keeps_its_draft(running: Served, phone: aiohttp.ClientSession) -> None:
    await running.live.advance()  # the room moved on while the phone slept
    response = await post_answer(phone, running, {"text": "คำตอบที่พิมพ์ค้างไว้"}, "client-0001", step=0,
                                 headers=HTML)
    assert response.status == 409
    page = await response.text()
    assert "ข้อนี้ปิดรับคำตอบแล้ว" in page and "คำตอบที่พิมพ์ค้างไว้" in page
    assert "ข้อ 2 จาก 6" in page  # and it now shows the open step


async def test_unknown_code_and_closed_session_pages(running: Served, phone: aiohttp.ClientSession) -> None:
    unknown = await phone.get(running.base + "/j/0000")
    assert unknown.status == 404 and "ไม่พบกิจกรรมนี้" in await unknown.text()
    unknown_en = await phone.get(running.base + "/s/0000?lang=en")
    assert unknown_en.status == 404 and "Session not found" in await unknown_en.text()
    await running.live.close()
    closed = await phone.get(running.url("/j/{code}"))
    assert closed.status == 410 and "This session has closed" in await closed.text()  # ?lang=en was remembered
    late = await post_answer(phone, running, {"text": "late"}, "client-0001")
    assert late.status == 409 and running.live.session.status is Status.CLOSED


async def test_no_facilitator_action_is_reachable_from_a_phone(running: Served, phone: aiohttp.ClientSession) -> None:
    for path in ("/s/{code}/advance", "/s/{code}/close", "/admin", "/s/{code}/step"):
        response = await phone.post(running.url(path), data={"step": "3"})
        assert response.status in (404, 405)
    assert running.live.session.step == 0 and running.live.session.status is Status.RUNNING


async def test_foreign_host_and_cross_site_posts_are_refused(running: Served, phone: aiohttp.ClientSession) -> None:
    rebinding = await phone.get(running.url("/j/{code}"), headers={"Host": "attacker.example"})
    assert rebinding.status == 421
    cross = await post_answer(phone, running, {"text": "x"}, "client-0001",
                              headers={**JSON, "Origin": "http://attacker.example"})
    assert cross.status == 403
    cross_site = await post_answer(phone, running, {"text": "x"}, "client-0002",
                                   headers={**JSON, "Sec-Fetch-Site": "cross-site"})
    assert cross_site.status == 403
    same = await post_answer(phone, running, {"text": "x"}, "client-0003", headers={**JSON, "Origin": running.base})
    assert same.status == 200
    assert [r.text for r in running.live.answers] == ["x"]


async def test_pages_carry_security_headers(running: Served, phone: aiohttp.ClientSession) -> None:
    response = await phone.get(running.url("/s/{code}"))
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


async def test_a_hammering_phone_is_slowed_down_and_others_are_not(running: Served, phone: aiohttp.ClientSession) -> None:
    statuses = [
        (await post_answer(phone, running, {"text": f"spam {i}"}, f"client-{i:04d}")).status for i in range(30)
    ]
    assert statuses[:10] == [200] * 10 and 429 in statuses
    async with new_phone() as other:
        await join(other, running)
        assert (await post_answer(other, running, {"text": "ปกติ"}, "client-9999")).status == 200


async def test_forty_phones_behind_one_address_all_join_and_answer(running: Served) -> None:
    async def one(i: int) -> int:
        async with new_phone() as client:
            await join(client, running, organisation=f"อสม. หมู่ {i}")
            return (await post_answer(client, running, {"text": f"คำตอบ {i}"}, f"client-{i:04d}")).status

    statuses = await asyncio.gather(*(one(i) for i in range(40)))
    assert statuses == [200] * 40
    assert len(running.live.participants) == 40
    assert len(running.live.answers) == 40


async def test_answering_without_joining_sends_the_phone_to_join(running: Served) -> None:
    async with new_phone() as stranger:
        response = await post_answer(stranger, running, {"text": "x"}, "client-0001", headers=HTML)
        assert response.status == 403
        assert "กรุณาเข้าร่วมก่อน" in await response.text()


async def test_a_hidden_origin_is_accepted_only_with_the_browsers_same_origin_word(
    running: Served, phone: aiohttp.ClientSession
) -> None:
    trusted = await post_answer(phone, running, {"text": "a"}, "client-0001",
                                headers={**JSON, "Origin": "null", "Sec-Fetch-Site": "same-origin"})
    assert trusted.status == 200
    refused = await post_answer(phone, running, {"text": "b"}, "client-0002", headers={**JSON, "Origin": "null"})
    assert refused.status == 403
    page = await phone.get(running.url("/s/{code}"))
    assert page.headers["Referrer-Policy"] == "same-origin"
