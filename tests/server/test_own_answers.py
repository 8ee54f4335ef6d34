"""A phone editing and withdrawing its own answers through the real server, with a real HTTP client: plain
forms (POST, 303, the step page) and the page script's JSON; every refusal is a page in the phone's language
and changes nothing stored."""

from __future__ import annotations

from activities import load

import html

import aiohttp
import pytest

from facilitator.core.model import Answer
from facilitator.store import Store
from tests.server.conftest import BAN_NA, THA_KHAM, Serve
from tests.support import HTML, JSON, Served, answer, form_token, joined, new_phone, next_state, post_form

FIRST, SECOND = "อยากให้ทุกหมู่บ้านมีน้ำสะอาด", "ทุกตำบลมีแผนร่วม"


@pytest.fixture
async def running(serve: Serve, held: int | None) -> Served:   # type: ignore[misc]
    async with serve("bar", step=0) as served:
        yield served


@pytest.fixture
async def phone(running: Served) -> aiohttp.ClientSession:   # type: ignore[misc]
    async with await joined(running, organisation=BAN_NA) as client:
        yield client


async def two_notes(phone: aiohttp.ClientSession, served: Served) -> tuple[str, str]:
    first = await answer(phone, served, {"text": FIRST}, "client-0001")
    second = await answer(phone, served, {"text": SECOND}, "client-0002")
    return first["answer"]["id"], second["answer"]["id"]


async def change(phone: aiohttp.ClientSession, served: Served, answer_id: str, what: str, text: str | None = None,
                 *, headers: dict[str, str] = HTML, lang: str = "") -> aiohttp.ClientResponse:
    """Send an answer's Edit or Withdraw form as the page does without its script (no redirect followed)."""
    fields = {"text": text} if text is not None else {}
    query = f"?lang={lang}" if lang else ""
    return await post_form(phone, served, f"/s/{{code}}/answers/{answer_id}/{what}{query}", fields,
                           headers=headers, allow_redirects=False)


def on_disk(served: Served) -> list[Answer]:
    """Every answer of the session as another process reads it from disk now."""
    return Store(served.store.data_dir, read_only=True).load(served.live.session.id).every_answer()


async def test_edit_without_script_is_a_303_to_the_page_showing_the_new_text(
    running: Served, phone: aiohttp.ClientSession
) -> None:
    first, _ = await two_notes(phone, running)
    page = await (await phone.get(running.url("/s/{code}"))).text()
    assert f'action="/s/{running.code}/answers/{first}/edit"' in page and "แก้ไข" in page and "ถอนคำตอบ" in page
    response = await change(phone, running, first, "edit", "อยากให้ทุกหมู่บ้านมีน้ำสะอาดตลอดปี")
    assert response.status == 303 and response.headers["Location"] == f"/s/{running.code}"
    page = await (await phone.get(running.url("/s/{code}"))).text()
    assert "อยากให้ทุกหมู่บ้านมีน้ำสะอาดตลอดปี" in page
    assert [a.text for a in on_disk(running)] == ["อยากให้ทุกหมู่บ้านมีน้ำสะอาดตลอดปี", SECOND]
    assert on_disk(running)[0].edited_at is not None
    overview = running.live.summaries()[0]
    assert overview["steps"][0]["answers"] == 2


async def test_edit_and_withdraw_with_the_script_answer_json(running: Served, phone: aiohttp.ClientSession) -> None:
    first, second = await two_notes(phone, running)
    edited = await change(phone, running, first, "edit", "แก้", headers=JSON)
    assert edited.status == 200 and await edited.json() == {"ok": True, "message": "แก้ไขคำตอบแล้ว"}
    withdrawn = await change(phone, running, second, "withdraw", headers=JSON, lang="en")
    assert withdrawn.status == 200 and (await withdrawn.json())["message"] == "Answer withdrawn"


async def test_withdraw_takes_the_answer_off_the_page_and_the_summary_and_keeps_it_marked(
    running: Served, phone: aiohttp.ClientSession
) -> None:
    first, second = await two_notes(phone, running)
    response = await change(phone, running, first, "withdraw")
    assert response.status == 303
    page = await (await phone.get(running.url("/s/{code}"))).text()
    assert FIRST not in page and SECOND in page
    assert [a.text for a in running.live.answers] == [SECOND]
    assert running.live.summaries()[0]["steps"][0]["answers"] == 1
    assert [(a.text, a.withdrawn) for a in on_disk(running)] == [(FIRST, True), (SECOND, False)]
    again = await change(phone, running, first, "withdraw")   # a second tap: the same page, nothing more
    assert again.status == 303 and len(on_disk(running)) == 2


async def test_another_phones_answer_is_refused_with_403_and_nothing_changes(
    running: Served, phone: aiohttp.ClientSession
) -> None:
    first, _ = await two_notes(phone, running)
    async with await joined(running, organisation=THA_KHAM) as other:
        edit = await change(other, running, first, "edit", "ของฉันแล้ว")
        assert edit.status == 403 and "คำตอบนี้เป็นของผู้อื่น ไม่มีการเปลี่ยนแปลงใด ๆ" in await edit.text()
        withdraw = await change(other, running, first, "withdraw", lang="en")
        english = await withdraw.text()
        assert withdraw.status == 403 and "someone else" in english and "nothing was changed" in english
        json = await change(other, running, first, "withdraw", headers=JSON)
        assert json.status == 403 and (await json.json())["reason"] == "not_yours"
    async with new_phone() as stranger:   # never joined: sent to join, like an answer
        response = await post_form(stranger, running, f"/s/{{code}}/answers/{first}/withdraw", headers=HTML)
        assert response.status == 403 and "กรุณาเข้าร่วมก่อน" in await response.text()
    assert [(a.text, a.withdrawn) for a in on_disk(running)] == [(FIRST, False), (SECOND, False)]


@pytest.mark.parametrize("bad_id", ["nope", "x" * 300, "%3Cscript%3E", "..%2F..%2Fetc"])
async def test_an_unknown_answer_is_a_404_page(running: Served, phone: aiohttp.ClientSession, bad_id: str) -> None:
    await two_notes(phone, running)
    response = await change(phone, running, bad_id, "edit", "x")
    assert response.status == 404 and "ไม่พบคำตอบนี้ ไม่มีการเปลี่ยนแปลงใด ๆ" in await response.text()
    assert [a.text for a in on_disk(running)] == [FIRST, SECOND]


async def test_after_the_step_closed_nothing_changes_and_the_page_says_so(
    running: Served, phone: aiohttp.ClientSession
) -> None:
    first, second = await two_notes(phone, running)
    await running.live.advance()
    edit = await change(phone, running, first, "edit", "สายไปแล้ว")
    page = await edit.text()
    assert edit.status == 409 and "ข้อนี้ปิดแล้ว ไม่มีการเปลี่ยนแปลงใด ๆ" in page and "ข้อ 2 จาก 6" in page
    withdraw = await change(phone, running, second, "withdraw", headers=JSON)
    assert withdraw.status == 409 and (await withdraw.json())["message"] == "ข้อนี้ปิดแล้ว ไม่มีการเปลี่ยนแปลงใด ๆ"
    assert [(a.text, a.withdrawn) for a in on_disk(running)] == [(FIRST, False), (SECOND, False)]


@pytest.mark.parametrize("text, status, said", [
    ("", 422, "คำตอบว่างเปล่า กรุณาพิมพ์ข้อความ"),
    ("  \u200b ", 422, "คำตอบว่างเปล่า กรุณาพิมพ์ข้อความ"),
    ("ข" * 501, 422, "ข้อความยาวเกินไป"),
    ("ก" * 100_000, 413, "ข้อมูลที่ส่งมีขนาดใหญ่เกินไป"),
])
async def test_a_bad_edit_gets_the_answer_a_new_answer_gets_and_keeps_what_was_typed(
    running: Served, phone: aiohttp.ClientSession, text: str, status: int, said: str
) -> None:
    first, _ = await two_notes(phone, running)
    response = await change(phone, running, first, "edit", text)
    page = await response.text()
    assert response.status == status and said in page
    if status == 422:   # the edit form comes back open, with the text as typed
        assert "<details class=\"edit\" open>" in page and html.escape(text.strip() or text, quote=False) in page
    assert [a.text for a in on_disk(running)] == [FIRST, SECOND]


async def test_an_edit_in_bad_utf8_is_a_400_page(running: Served, phone: aiohttp.ClientSession) -> None:
    first, _ = await two_notes(phone, running)
    body = f"csrf={await form_token(phone, running)}&text=".encode() + b"\xff\xfe\xc3("
    response = await phone.post(running.url(f"/s/{{code}}/answers/{first}/edit"), data=body, allow_redirects=False,
                                headers={"Content-Type": "application/x-www-form-urlencoded", **HTML})
    assert response.status == 400 and "อักขระที่อ่านไม่ได้" in await response.text()
    assert [a.text for a in on_disk(running)] == [FIRST, SECOND]


async def test_a_form_without_its_token_is_refused(running: Served, phone: aiohttp.ClientSession) -> None:
    first, _ = await two_notes(phone, running)
    response = await phone.post(running.url(f"/s/{{code}}/answers/{first}/withdraw"), data={"csrf": "forged"},
                                headers=HTML, allow_redirects=False)
    assert response.status == 403
    assert [a.withdrawn for a in on_disk(running)] == [False, False]


async def test_a_hidden_answer_is_marked_on_the_phone_can_be_withdrawn_not_edited(
    running: Served, phone: aiohttp.ClientSession
) -> None:
    first, _ = await two_notes(phone, running)
    async with phone.get(running.url("/s/{code}/events")) as stream:
        before = await next_state(stream)
        await running.live.set_hidden(first, True)
        assert await next_state(stream) == before + "-h1"   # the owner's page learns it has something to show
        page = await (await phone.get(running.url("/s/{code}"))).text()
        assert "ผู้อำนวยความสะดวกซ่อนคำตอบนี้ไว้" in page
        assert f"/answers/{first}/edit" not in page and f"/answers/{first}/withdraw" in page
        edit = await change(phone, running, first, "edit", "แก้")
        assert edit.status == 409 and "ถอนคำตอบได้ แต่แก้ไขไม่ได้" in await edit.text()
        assert (await change(phone, running, first, "withdraw")).status == 303
        assert await next_state(stream) == before   # withdrawn: nothing hidden is left to say
    assert [(a.hidden, a.withdrawn) for a in on_disk(running)] == [(True, True), (False, False)]


async def test_a_role_claim_is_withdrawn_whole_and_is_not_edited(serve: Serve) -> None:
    async with serve("bar", step=[step.id for step in load("bar").steps].index("roles")) as running:
        async with await joined(running, organisation=BAN_NA) as phone:
            tasks = [task.id for task in running.live.context().tasks]
            await answer(phone, running, {"level." + tasks[0]: "lead"}, "client-0001")
            latest = await answer(phone, running, {"level." + tasks[1]: "lead"}, "client-0002")
            page = await (await phone.get(running.url("/s/{code}"))).text()
            assert f"/answers/{latest['answer']['id']}/withdraw" in page and "/edit" not in page
            edit = await change(phone, running, latest["answer"]["id"], "edit", "x")
            assert edit.status == 400
            assert (await change(phone, running, latest["answer"]["id"], "withdraw")).status == 303
            split = next(s for s in running.live.summaries() if s["kind"] == "role_split")
            assert set(split["gaps"]) >= {tasks[0], tasks[1]}
            assert [a.withdrawn for a in on_disk(running)] == [True, True]
            page = await (await phone.get(running.url("/s/{code}"))).text()
            assert "ยังไม่มีคำตอบ" in page
