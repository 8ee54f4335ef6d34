"""Structured steps over the real server: role claims, added tasks, progress, expectations, ratings and
points — each with and without the page's script (JSON or plain form posts)."""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp
from markupsafe import escape

from activities import load
from facilitator.core.model import Answer
from facilitator.core.kinds import tasks_of
from facilitator.core.summaries.role_split import role_split
from facilitator.core.vocab import NO_ROLE
from tests.server.conftest import BAN_NA, SCHOOL, THA_KHAM, Serve
from tests.support import HTML, JSON, Served, joined, new_phone, next_state, post_answer, post_form

#: The BAR's role-claim step.
ROLES = [step.id for step in load("bar").steps].index("roles")
HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(1)> [@click=app.quit]x'


def split(served: Served) -> dict[str, Any]:
    live = served.live
    return role_split(live.session, live.participants.values(), live.answers, live.partnership,
                      tasks_of(live.session))


# -- role claims -------------------------------------------------------------------------------------------
async def test_the_role_page_has_a_card_per_task_with_big_choices(serve: Serve) -> None:
    async with serve("bar", step=ROLES) as served:
        async with await joined(served, organisation=BAN_NA, also=f"{SCHOOL}, อสม.บ้านนา") as phone:
            page = await (await phone.get(served.url("/s/{code}"))).text()
    assert page.count('class="item task"') == 4
    for task in ("mechanism", "rules", "data", "fund"):
        for level in ("lead", "co", "support", "informed", ""):
            assert f'name="level.{task}" value="{level}"' in page
        assert f'name="resource.{task}" value="money"' in page and f'name="note.{task}"' in page
        assert f'name="level.{task}" value="" checked' in page  # nothing claimed yet: "none"
    assert 'action="/s/' in page and '/tasks"' in page  # the "add a task" form
    # The person speaks for three organisations: a select of them, the main one chosen.
    assert f'<option value="{BAN_NA}" selected>' in page
    assert f'<option value="{SCHOOL}">' in page and '<option value="อสม.บ้านนา">' in page


async def test_claims_are_stored_as_data_and_shown_in_words(serve: Serve) -> None:
    async with serve("bar", step=ROLES) as served:
        async with await joined(served, organisation=BAN_NA) as phone:
            response = await post_answer(phone, served, [
                ("organisation", BAN_NA), ("level.mechanism", "lead"), ("level.data", "co"),
                ("level.fund", "support"), ("resource.fund", "money"), ("resource.fund", "people"),
                ("note.fund", "งบ 20,000 บาท"), ("level.rules", ""),
            ], "claims-0001")
            assert response.status == 200
            body = await response.json()
            assert body["ok"] and body["message"] == "บันทึกแล้ว"
            assert body["answer"]["lines"] == [
                "กลไกกลาง (การประสานงาน): เจ้าภาพหลัก", "ข้อมูลกลาง: ร่วมดำเนินการ",
                "กองทุนกลาง: หนุนเสริมทรัพยากร (งบประมาณ, คน) — งบ 20,000 บาท",
            ]
            (stored,) = served.live.answers
            assert stored.step == ROLES and stored.data == {"organisation": BAN_NA, "claims": {
                "mechanism": {"level": "lead", "resources": [], "note": ""},
                "data": {"level": "co", "resources": [], "note": ""},
                "fund": {"level": "support", "resources": ["money", "people"], "note": "งบ 20,000 บาท"},
                "rules": {"level": NO_ROLE, "resources": [], "note": ""},  # "none", chosen on purpose
            }}
            page = await (await phone.get(served.url("/s/{code}"))).text()
            assert "<li>กองทุนกลาง: หนุนเสริมทรัพยากร (งบประมาณ, คน) — งบ 20,000 บาท</li>" in page
            assert 'name="level.mechanism" value="lead" checked' in page  # the form shows what counts
            assert 'name="resource.fund" value="people" checked' in page
            assert 'name="note.fund" maxlength="200" value="งบ 20,000 บาท"' in page


async def test_a_later_claim_replaces_the_earlier_in_the_summary(serve: Serve) -> None:
    async with serve("bar", step=ROLES) as served:
        async with await joined(served, organisation=BAN_NA) as phone:
            await post_answer(phone, served, {"level.data": "lead", "level.mechanism": "lead"}, "claims-0001")
            assert split(served)["matrix"][BAN_NA] == {"mechanism": "lead", "data": "lead"}
            response = await post_answer(phone, served, {"level.data": "informed", "level.mechanism": "lead"},
                                         "claims-0002", headers=HTML, follow=False)
            assert response.status == 303 and response.headers["Location"] == served.url("/s/{code}")[
                len(served.base):]
            summary = split(served)
            assert summary["matrix"][BAN_NA] == {"mechanism": "lead", "data": "informed"}
            assert summary["coordinator"] == [BAN_NA]
            assert "data" in summary["gaps"] and summary["overlaps"] == []
            page = await (await phone.get(served.url("/s/{code}"))).text()
            assert 'name="level.data" value="informed" checked' in page
            assert "<li>ข้อมูลกลาง: รับทราบ</li>" in page and "ข้อมูลกลาง: เจ้าภาพหลัก" not in page
            # "None" withdraws the organisation's claim; the page and the summary both drop it.
            await post_answer(phone, served, {"level.data": "", "level.mechanism": "lead"}, "claims-0003")
            assert split(served)["matrix"][BAN_NA] == {"mechanism": "lead"}
            page = await (await phone.get(served.url("/s/{code}"))).text()
            assert 'name="level.data" value="" checked' in page and "<li>ข้อมูลกลาง" not in page


async def test_two_phones_leading_one_task_is_an_overlap(serve: Serve) -> None:
    async with serve("role-split") as served:
        async with (await joined(served, organisation=BAN_NA) as one,
                    await joined(served, organisation=THA_KHAM) as two):
            await post_answer(one, served, {"level.data": "lead"}, "claims-0001")
            await post_answer(two, served, {"level.data": "lead", "level.fund": "co"}, "claims-0002")
        summary = split(served)
        assert summary["overlaps"] == ["data"]
        assert set(summary["gaps"]) == {"mechanism", "rules", "fund"}
        assert summary["coordinator"] is None


async def test_an_invalid_level_is_a_400_page_that_keeps_the_form(serve: Serve) -> None:
    async with serve("bar", step=ROLES) as served:
        async with await joined(served, organisation=BAN_NA) as phone:
            response = await post_answer(phone, served, {"level.data": "boss", "level.fund": "lead",
                                                         "note.fund": "ยังไม่ส่ง"}, "claims-0001", headers=HTML)
            assert response.status == 400
            page = await response.text()
            assert "คำขอไม่ถูกต้อง" in page
            assert 'name="level.fund" value="lead" checked' in page and 'value="ยังไม่ส่ง"' in page
            assert 'name="client_id" value="claims-0001"' in page  # a retry is the same answer
            json_reply = await post_answer(phone, served, {"level.data": "boss"}, "claims-0002")
            assert json_reply.status == 400 and (await json_reply.json())["reason"] == "bad_request"
            nothing = await post_answer(phone, served, {"note.data": "ยังไม่แน่ใจ"}, "claims-0003")
            assert nothing.status == 422 and (await nothing.json())["message"] == "คำตอบว่างเปล่า กรุณาพิมพ์ข้อความ"
            elsewhere = await post_answer(phone, served, {"organisation": THA_KHAM, "level.data": "lead"},
                                          "claims-0004")
            assert elsewhere.status == 400  # only for organisations the person speaks for
            assert served.live.answers == []


async def test_a_phone_without_an_organisation_names_one_when_claiming(serve: Serve) -> None:
    async with serve("bar", step=ROLES) as served:
        async with await joined(served, organisation="") as phone:
            page = await (await phone.get(served.url("/s/{code}"))).text()
            assert '<input id="speaking-for" name="organisation"' in page
            refused = await post_answer(phone, served, {"level.data": "lead"}, "claims-0001")
            assert refused.status == 422
            assert (await refused.json())["message"] == "กรุณาระบุหน่วยงานที่คุณเป็นตัวแทน"
            await post_answer(phone, served, {"organisation": SCHOOL, "level.data": "lead"}, "claims-0002")
            assert split(served)["matrix"][SCHOOL] == {"data": "lead"}
            page = await (await phone.get(served.url("/s/{code}"))).text()
            assert '<input id="speaking-for" name="organisation"' in page and f'value="{SCHOOL}"' in page


async def test_a_person_with_several_hats_claims_for_each_organisation(serve: Serve) -> None:
    async with serve("bar", step=ROLES) as served:
        async with await joined(served, organisation=BAN_NA, also=SCHOOL) as phone:
            await post_answer(phone, served, {"organisation": BAN_NA, "level.data": "lead"}, "claims-0001")
            await post_answer(phone, served, {"organisation": SCHOOL, "level.fund": "support",
                                              "resource.fund": "place"}, "claims-0002")
            assert split(served)["matrix"] == {BAN_NA: {"data": "lead"}, SCHOOL: {"fund": "support"}}
            # The page answers for the organisation last answered for, with its claims…
            page = await (await phone.get(served.url("/s/{code}"))).text()
            assert f'<option value="{SCHOOL}" selected>' in page
            assert 'name="level.fund" value="support" checked' in page
            assert 'name="level.data" value="" checked' in page
            # …and, without the page's script, a link switches to another one.
            page = await (await phone.get(served.url("/s/{code}"), params={"for": BAN_NA})).text()
            assert f'<option value="{BAN_NA}" selected>' in page
            assert 'name="level.data" value="lead" checked' in page
            assert 'name="level.fund" value="" checked' in page


async def test_switching_organisation_without_the_script_shows_its_claims_to_check(serve: Serve) -> None:
    async with serve("bar", step=ROLES) as served:
        async with await joined(served, organisation=BAN_NA, also=SCHOOL) as phone:
            await post_answer(phone, served, {"organisation": SCHOOL, "level.fund": "co"}, "claims-0001")
            await post_answer(phone, served, {"organisation": BAN_NA, "level.data": "lead", "level.fund": "informed"},
                              "claims-0002")
            page = await (await phone.get(served.url("/s/{code}"))).text()
            assert f'name="claims_for" value="{BAN_NA}"' in page
            # The form showed the health centre's claims; the select was switched to the school and one
            # level changed: the health centre's lead on data is not copied to the school.
            response = await post_answer(phone, served, {"organisation": SCHOOL, "claims_for": BAN_NA,
                                                         "level.data": "lead", "level.fund": "informed",
                                                         "level.rules": "support", "resource.rules": "people"},
                                         "claims-0003", headers=HTML)
            assert response.status == 409
            page = await response.text()
            assert f"ตอนนี้แสดงบทบาทของ {SCHOOL} แล้ว" in page
            assert f'<option value="{SCHOOL}" selected>' in page and f'name="claims_for" value="{SCHOOL}"' in page
            assert 'name="level.data" value="" checked' in page  # the school's own: nothing
            assert 'name="level.fund" value="co" checked' in page  # the school's own, untouched
            assert 'name="level.rules" value="support" checked' in page  # what the phone changed
            assert 'name="resource.rules" value="people" checked' in page
            assert 'name="client_id" value="claims-0003"' in page
            assert len(served.live.answers) == 2
            script = await post_answer(phone, served, {"organisation": SCHOOL, "claims_for": BAN_NA,
                                                       "level.data": "lead"}, "claims-0004")
            assert script.status == 409 and (await script.json())["reason"] == "check_org"
            await post_answer(phone, served, {"organisation": SCHOOL, "claims_for": SCHOOL, "level.fund": "co",
                                              "level.rules": "support"}, "claims-0005")
            assert split(served)["matrix"] == {BAN_NA: {"data": "lead", "fund": "informed"},
                                               SCHOOL: {"rules": "support", "fund": "co"}}


async def test_hostile_notes_in_claims_are_shown_escaped(serve: Serve) -> None:
    async with serve("bar", step=ROLES) as served:
        async with await joined(served, organisation=BAN_NA) as phone:
            response = await post_answer(phone, served, {"level.data": "lead", "note.data": HOSTILE}, "claims-0001")
            assert response.status == 200
            assert served.live.answers[0].data["claims"]["data"]["note"] == HOSTILE
            page = await (await phone.get(served.url("/s/{code}"))).text()
    assert "<script>alert" not in page and "<img src=x" not in page
    assert str(escape(f"ข้อมูลกลาง: เจ้าภาพหลัก — {HOSTILE}")) in page
    assert f'value="{escape(HOSTILE)}"' in page


# -- tasks added by the room -------------------------------------------------------------------------------
async def test_a_phone_adds_a_task_then_claims_it(serve: Serve) -> None:
    async with serve("role-split") as served:
        async with await joined(served, organisation=BAN_NA) as phone:
            response = await post_form(phone, served, "/s/{code}/tasks", {"name": "รถรับส่งผู้ป่วย"},
                                        allow_redirects=False)
            assert response.status == 303 and response.headers["Location"].endswith(f"/s/{served.code}")
            task = tasks_of(served.live.session)[-1]
            assert task.label.th == "รถรับส่งผู้ป่วย" and task.id.startswith("t-")
            page = await (await phone.get(served.url("/s/{code}"))).text()
            assert f'name="level.{task.id}" value="lead"' in page and "รถรับส่งผู้ป่วย" in page

            again = await post_form(phone, served, "/s/{code}/tasks", {"name": " รถรับส่ง ผู้ป่วย "},
                                     headers=JSON)
            body = await again.json()
            assert again.status == 200 and body["task"]["id"] == task.id  # the same task, not a duplicate
            assert body["message"] == "เพิ่มงานแล้ว" and len(tasks_of(served.live.session)) == 5

            await post_answer(phone, served, {f"level.{task.id}": "lead", f"note.{task.id}": "ใช้รถ อบต."},
                              "claims-0001")
            summary = split(served)
            assert summary["matrix"][BAN_NA] == {task.id: "lead"}
            assert task.id not in summary["gaps"]
            page = await (await phone.get(served.url("/s/{code}"))).text()
            assert "<li>รถรับส่งผู้ป่วย: เจ้าภาพหลัก — ใช้รถ อบต.</li>" in page


async def test_adding_a_task_is_refused_in_the_phones_language(serve: Serve) -> None:
    async with serve("role-split") as served:
        async with await joined(served, organisation=BAN_NA) as phone:
            empty = await post_form(phone, served, "/s/{code}/tasks", {"name": "  "}, headers=JSON)
            assert empty.status == 422 and (await empty.json())["message"] == "คำตอบว่างเปล่า กรุณาพิมพ์ข้อความ"
            long = await post_form(phone, served, "/s/{code}/tasks?lang=en", {"name": "ก" * 81})
            assert long.status == 422
            page = await long.text()
            assert "That text is too long." in page and "ก" * 81 in page  # the name typed stays in its box
            await served.live.goto(1)  # a notes step: no tasks to add now
            closed = await post_form(phone, served, "/s/{code}/tasks", {"name": "งานใหม่"}, headers=JSON)
            assert closed.status == 409
        async with new_phone() as stranger:
            refused = await stranger.post(served.url("/s/{code}/tasks"), data={"name": "งานใหม่"})
            assert refused.status == 403 and "กรุณาเข้าร่วมก่อน" in await refused.text()
        assert served.live.session.tasks == []


async def test_adding_tasks_is_rate_limited_like_answers(serve: Serve) -> None:
    async with serve("role-split", answer_rate=(0.01, 3)) as served:
        async with await joined(served, organisation=BAN_NA) as phone:
            statuses = [
                (await post_form(phone, served, "/s/{code}/tasks", {"name": f"งาน {i}"}, headers=JSON)).status
                for i in range(5)
            ]
            assert statuses[:3] == [200] * 3 and statuses[3:] == [429, 429]
            slow = await post_form(phone, served, "/s/{code}/tasks", {"name": "งาน 9"}, headers=JSON)
            assert (await slow.json())["message"] == "ส่งถี่เกินไป กรุณารอสักครู่แล้วลองใหม่"
        assert len(served.live.session.tasks) == 3


# -- points, ratings, expectations, progress, actions --------------------------------------------------------
async def test_points_over_the_budget_are_refused_in_thai(serve: Serve) -> None:
    async with serve("pilot-areas") as served:
        step = served.live.session.activity.steps[0]
        areas = [area.id for area in step.options]
        async with await joined(served, organisation=BAN_NA) as phone:
            page = await (await phone.get(served.url("/s/{code}"))).text()
            assert f'data-budget="{step.budget}"' in page and f"เหลือ {step.budget} คะแนน" in page
            assert page.count('type="number"') == len(areas) and 'min="0"' in page and 'step="1"' in page
            over = await post_answer(phone, served, {f"points.{areas[0]}": "7", f"points.{areas[1]}": "4"},
                                     "points-0001")
            assert over.status == 422 and (await over.json())["message"] == "ให้คะแนนรวมเกินที่มี"
            page_reply = await post_answer(phone, served, {f"points.{areas[0]}": "7", f"points.{areas[1]}": "4"},
                                           "points-0002", headers=HTML)
            assert page_reply.status == 422
            page = await page_reply.text()
            assert "ให้คะแนนรวมเกินที่มี" in page and "เหลือ -1 คะแนน" in page
            assert f'name="points.{areas[0]}"' in page and 'value="7"' in page
            bad = await post_answer(phone, served, {f"points.{areas[0]}": "2.5"}, "points-0003")
            assert bad.status == 422 and (await bad.json())["reason"] == "bad_points"
            assert served.live.answers == []
            ok = await post_answer(phone, served, {f"points.{areas[0]}": "6", f"points.{areas[2]}": "4"}, "points-0004")
            assert ok.status == 200
            assert served.live.answers[0].data == {"allocations": {areas[0]: 6, areas[2]: 4}}
            page = await (await phone.get(served.url("/s/{code}"))).text()
            assert f"<li>{step.options[0].label.th}: 6</li>" in page and "เหลือ 0 คะแนน" in page


async def test_a_health_rating_takes_traffic_lights_in_words(serve: Serve) -> None:
    async with serve("health") as served:
        blocks = served.live.session.activity.steps[0].options
        async with await joined(served, organisation=BAN_NA) as phone:
            page = await (await phone.get(served.url("/s/{code}"))).text()
            assert page.count('class="item block"') == len(blocks)
            assert "เขียว (ดีแล้ว)" in page and "เหลือง (ต้องปรับ)" in page and "แดง (มีปัญหา)" in page
            assert "light-green" in page and "light-red" in page
            response = await post_answer(phone, served, {f"light.{blocks[0].id}": "green",
                                                         f"light.{blocks[1].id}": "red",
                                                         "text": "ยังไม่มีการประชุมสม่ำเสมอ"}, "light-0001")
            assert response.status == 200
            (stored,) = served.live.answers
            assert stored.data == {"lights": {blocks[0].id: "green", blocks[1].id: "red"}}
            assert stored.text == "ยังไม่มีการประชุมสม่ำเสมอ"
            page = await (await phone.get(served.url("/s/{code}?lang=en"))).text()
            assert f"<li>{blocks[1].label.en}: Red (a problem)</li>" in page
            assert f'name="light.{blocks[1].id}" value="red" checked' in page
            wrong = await post_answer(phone, served, {f"light.{blocks[0].id}": "blue"}, "light-0002")
            assert wrong.status == 400


async def test_expectations_of_the_linked_bar_are_judged(serve: Serve) -> None:
    async with serve("aar") as served:
        served.live.expectations = [
            Answer("e1", "bar", 0, "p9", "ผู้สูงอายุได้รับการดูแลครบทุกคน", "bar-0001"),
            Answer("e2", "bar", 0, "p9", HOSTILE, "bar-0002"),
        ]
        async with await joined(served, organisation=BAN_NA) as phone:
            page = await (await phone.get(served.url("/s/{code}"))).text()
            assert page.count('class="item expectation"') == 2
            assert "ผู้สูงอายุได้รับการดูแลครบทุกคน" in page and "<script>alert" not in page
            assert 'name="verdict.e1" value="exceeded"' in page and 'name="verdict.e2" value="short"' in page
            response = await post_answer(phone, served, {"verdict.e1": "met", "verdict.e2": "short"}, "verdict-0001")
            assert response.status == 200
            assert served.live.answers[0].data == {"verdicts": {"e1": "met", "e2": "short"}}
            page = await (await phone.get(served.url("/s/{code}"))).text()
            assert "<li>ผู้สูงอายุได้รับการดูแลครบทุกคน: ตามที่คาดหวัง</li>" in page
            unknown = await post_answer(phone, served, {"verdict.e1": "great"}, "verdict-0002")
            assert unknown.status == 400


async def test_without_a_linked_bar_the_expectations_step_takes_a_note(serve: Serve) -> None:
    async with serve("aar") as served:
        async with await joined(served, organisation=BAN_NA) as phone:
            page = await (await phone.get(served.url("/s/{code}"))).text()
            assert "ไม่มี BAR ที่เชื่อมไว้" in page
            noted = await post_answer(phone, served, {"text": "เราคาดว่าจะมีฐานข้อมูลกลาง"}, "verdict-0001")
            assert noted.status == 200
            assert served.live.answers[0].text == "เราคาดว่าจะมีฐานข้อมูลกลาง"


COMMITMENTS = [
    {"id": "c0ffee0001", "task": {"th": "กองทุนกลาง", "en": "Shared fund"}, "lead": THA_KHAM, "supporters": [],
     "due": "", "status": "not_started", "note": "", "history": []},
    {"id": "c0ffee0002", "task": {"th": "ข้อมูลกลาง", "en": "Shared data"}, "lead": BAN_NA, "supporters": [SCHOOL],
     "due": "2026-11-22", "status": "in_progress", "note": "", "history": []},
]


async def test_progress_rates_commitments_own_organisation_first(serve: Serve) -> None:
    async with serve("checkin") as served:
        served.live.commitments = [dict(c) for c in COMMITMENTS]
        async with await joined(served, organisation="รพสต บ้านนา") as phone:  # another spelling of the lead's name
            page = await (await phone.get(served.url("/s/{code}"))).text()
            own, other = page.index("งานที่หน่วยงานของคุณรับไว้"), page.index("งานที่หน่วยงานอื่นรับไว้")
            assert own < page.index('name="status.c0ffee0002"') < other < page.index('name="status.c0ffee0001"')
            assert "22 พ.ย. 2569" in page and "สถานะ: กำลังทำ" in page
            response = await post_answer(phone, served, {"status.c0ffee0002": "blocked",
                                                         "note.c0ffee0002": "รอข้อมูลจากอำเภอ",
                                                         "status.c0ffee0001": ""}, "progress-0001", headers=HTML)
            assert response.status == 200  # followed the redirect back to the page
            assert served.live.answers[0].data == {"organisation": "รพสต บ้านนา", "ratings": {
                "c0ffee0002": {"status": "blocked", "note": "รอข้อมูลจากอำเภอ"}}}
            page = await response.text()
            assert "<li>ข้อมูลกลาง (รพ.สต.บ้านนา): ติดขัด — รอข้อมูลจากอำเภอ</li>" in page
            assert 'name="status.c0ffee0002" value="blocked" checked' in page
            unknown = await post_answer(phone, served, {"status.c0ffee0002": "finished"}, "progress-0002")
            assert unknown.status == 400


async def test_progress_without_commitments_says_so(serve: Serve) -> None:
    async with serve("checkin") as served:
        async with await joined(served, organisation=BAN_NA) as phone:
            page = await (await phone.get(served.url("/s/{code}?lang=en"))).text()
    assert "No commitments yet" in page and 'id="answer"' not in page


async def test_an_action_names_who_and_when(serve: Serve) -> None:
    async with serve("aar", step=3) as served:
        async with await joined(served, organisation=THA_KHAM, also=SCHOOL) as phone:
            page = await (await phone.get(served.url("/s/{code}"))).text()
            assert 'type="date"' in page and f'<option value="{SCHOOL}">' in page
            first = await post_answer(phone, served, {"text": "นัดประชุมภาคีทุกสองเดือน", "organisation": THA_KHAM,
                                                      "due": "2026-11-22"}, "action-0001")
            assert first.status == 200
            await post_answer(phone, served, {"text": "ส่งรายชื่อนักเรียน", "organisation": SCHOOL}, "action-0002")
            bad = await post_answer(phone, served, {"text": "x", "due": "22-11-2026"}, "action-0003")
            assert bad.status == 422 and (await bad.json())["message"] == "วันที่ไม่ถูกต้อง"
            page = await (await phone.get(served.url("/s/{code}"))).text()
    assert '<span class="answer-text">นัดประชุมภาคีทุกสองเดือน — อบต.ท่าข้าม — กำหนดเสร็จ 22 พ.ย. 2569</span>' in page
    assert f'<span class="answer-text">ส่งรายชื่อนักเรียน — {SCHOOL}</span>' in page  # each is a commitment


async def test_notes_still_work_as_before(serve: Serve) -> None:
    async with serve("bar") as served:
        async with await joined(served, organisation=BAN_NA) as phone:
            response = await post_answer(phone, served, {"text": "ผู้ใหญ่ที่นี่อยากให้น้ำปั้นมีส่วนร่วม"}, "notes-0001")
            body = await response.json()
            assert body["answer"]["text"] == "ผู้ใหญ่ที่นี่อยากให้น้ำปั้นมีส่วนร่วม"
            page = await (await phone.get(served.url("/s/{code}"))).text()
    assert f'<li data-id="{body["answer"]["id"]}">' in page
    assert '<span class="answer-text">ผู้ใหญ่ที่นี่อยากให้น้ำปั้นมีส่วนร่วม</span>' in page


async def test_the_conftest_bar_session_serves_its_role_step(served: Served, phone: aiohttp.ClientSession) -> None:
    await served.live.goto(ROLES)
    response = await post_answer(phone, served, {"level.mechanism": "lead"}, "claims-0001")
    assert response.status == 200
    assert split(served)["coordinator"] == [BAN_NA]


async def test_a_task_added_by_one_phone_is_announced_to_the_others(serve: Serve) -> None:
    async with serve("role-split") as served:
        async with (await joined(served, organisation=BAN_NA) as adder,
                    await joined(served, organisation=THA_KHAM) as other):
            async with other.get(served.url("/s/{code}/events")) as stream:
                before = await next_state(stream)
                await post_form(adder, served, "/s/{code}/tasks", {"name": "รถรับส่งผู้ป่วย"}, headers=JSON)
                after = await asyncio.wait_for(next_state(stream), timeout=10)
                assert after != before and after.endswith("-1")  # the other phone refreshes its task cards
