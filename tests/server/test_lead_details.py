"""A lead claim's due date and contact person, sent from a phone over the real server: kept with the claim,
shown back, refused clearly when the date cannot be read, and carried into the partnership's commitments."""

from __future__ import annotations

from facilitator.core.summaries.progress import commitments
from tests.server.conftest import BAN_NA, Serve
from tests.support import HTML, joined, post_answer


async def test_the_role_page_asks_a_lead_for_a_due_date_and_a_contact(serve: Serve) -> None:
    async with serve("role-split", step=0) as served:
        async with await joined(served, organisation=BAN_NA) as phone:
            page = await (await phone.get(served.url("/s/{code}"))).text()
    assert page.count('data-when="lead"') == page.count('class="item task"') > 0
    assert 'name="due.fund" type="date"' in page and 'name="contact.fund"' in page


async def test_a_lead_with_its_due_date_and_contact_becomes_a_commitment(serve: Serve) -> None:
    async with serve("role-split", step=0, partnership=[(BAN_NA, "government")]) as served:
        async with await joined(served, organisation=BAN_NA) as phone:
            response = await post_answer(phone, served, {
                "organisation": BAN_NA, "level.fund": "lead", "due.fund": "31/3/2570",
                "contact.fund": "<b>นางสมศรี</b> 081-234-5678",
            }, "lead-0001")
            body = await response.json()
            assert response.status == 200 and body["ok"]
            assert body["answer"]["lines"] == [
                "กองทุนกลาง: เจ้าภาพหลัก — กำหนดเสร็จ 31 มี.ค. 2570 — ผู้ประสานงาน: <b>นางสมศรี</b> 081-234-5678",
            ]
            page = await (await phone.get(served.url("/s/{code}"))).text()
            assert 'name="due.fund" type="date" value="2027-03-31"' in page
            assert "&lt;b&gt;นางสมศรี&lt;/b&gt; 081-234-5678" in page and "<b>นางสมศรี" not in page
            record = served.store.load(served.live.session.id)
            [fund] = commitments([record], served.live.partnership)
            assert (fund["lead"], fund["due"], fund["contact"]) == (BAN_NA, "2027-03-31",
                                                                    "<b>นางสมศรี</b> 081-234-5678")


async def test_a_due_date_that_cannot_be_read_is_refused_and_nothing_is_lost(serve: Serve) -> None:
    async with serve("role-split", step=0) as served:
        async with await joined(served, organisation=BAN_NA) as phone:
            await post_answer(phone, served, {"level.data": "co"}, "lead-0001")
            response = await post_answer(phone, served, {"level.fund": "lead", "due.fund": "ปีหน้า"}, "lead-0002",
                                         headers=HTML, follow=False)
            assert response.status == 422
            page = await response.text()
            assert "วันที่ไม่ถูกต้อง" in page and 'value="ปีหน้า"' in page  # the text comes back to fix
    assert len(served.live.answers) == 1
