"""Three phones from three organisations split roles in real Chromium, against the real app: the role-split
summary (and the board on the projected screen) shows the task nobody leads and the task two organisations lead.

The Textual app runs under ``run_test`` with its web server on 127.0.0.1 (port 0) and a real TinyDB data
directory in ``tmp_path``; Playwright drives Chromium from the same event loop. Every wait is bounded.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import BrowserContext, Page, expect
from textual.pilot import Pilot
from textual.widget import Widget

from facilitator.core.i18n import t
from facilitator.core.live import LiveSession
from facilitator.core.kinds import tasks_of
from facilitator.core.summaries.role_split import role_split
from facilitator.store import Store
from facilitator.tui.app import FacilitatorApp
from tests.support import drawn_text, join_page, make_app, send_page, session_started, until

ContextFactory = Callable[..., Awaitable[BrowserContext]]

BAN_NA = "รพ.สต.บ้านนา"
THA_KHAM = "อบต.ท่าข้าม"
SCHOOL = "โรงเรียนบ้านนา"
PARTNERS = [(BAN_NA, "government"), (THA_KHAM, "local_admin"), (SCHOOL, "academic")]
NEW_TASK = "รถรับส่งผู้ป่วย"
SIZE = (160, 50)


def role_split_app(tmp_path: Path) -> FacilitatorApp:
    """The facilitator's app in Thai, opening a role-split session of a three-partner partnership."""
    store = Store(tmp_path)
    partnership = store.create_partnership("ภาคีตำบลบ้านนา", PARTNERS)
    return make_app(store, "role-split", "แบ่งบทบาทภาคีตำบล", partnership_id=partnership.id)


def summary_of(live: LiveSession) -> dict[str, Any]:
    """The role-split summary of the live session as of now."""
    return role_split(live.session, live.participants.values(), live.answers, live.partnership,
                      tasks_of(live.session))


async def tap(phone: Page, task: str, label: str) -> None:
    """Tap the big button ``label`` in the card of task ``task`` (an id, or the task's name)."""
    card = phone.locator(f'fieldset.task[data-task="{task}"]')
    if not await card.count():
        card = phone.locator("fieldset.task", has_text=task)
    await card.locator("label.choice").get_by_text(label, exact=True).click()


async def split_roles(pilot: Pilot[int], phone_context: ContextFactory) -> tuple[LiveSession, list[Page]]:
    """Three phones join, the facilitator opens the role step, and they claim:

    รพ.สต.บ้านนา leads coordination and shared data; อบต.ท่าข้าม also leads shared data (an overlap) and
    supports the fund with money; the school adds a task, leads it, and co-delivers the shared rules. Nobody
    leads the shared fund or the shared rules (gaps).
    """
    app = pilot.app
    assert isinstance(app, FacilitatorApp)
    live = await session_started(pilot)
    url = app.join_url(live.session.code)
    phones = []
    for organisation, _ in PARTNERS:
        phone = await (await phone_context()).new_page()
        await join_page(phone, url, organisation=organisation, pick=True)  # the partnership knows its sector
        phones.append(phone)
    await until(pilot, lambda: len(live.participants) == 3, "three phones to join")
    assert sorted((p.organisation, p.sector) for p in live.participants.values()) == sorted(PARTNERS)

    await pilot.press("right")
    await until(pilot, lambda: live.session.step == 0, "the role step to open")
    for phone in phones:
        await expect(phone.locator("fieldset.task")).to_have_count(4)
    ban_na, tha_kham, school = phones

    await tap(ban_na, "mechanism", "เจ้าภาพหลัก")
    await tap(ban_na, "data", "เจ้าภาพหลัก")
    await send_page(ban_na, 2)

    fund_resources = tha_kham.locator('fieldset.resources[data-level="level.fund"][data-when="support"]')
    await expect(fund_resources).to_be_hidden()  # resources are asked for with "support" only
    await tap(tha_kham, "data", "เจ้าภาพหลัก")
    await tap(tha_kham, "fund", "หนุนเสริมทรัพยากร")
    await expect(fund_resources).to_be_visible()
    await fund_resources.get_by_text("งบประมาณ", exact=True).click()
    await tha_kham.fill('input[name="note.fund"]', "งบ 20,000 บาท")
    await send_page(tha_kham, 2)
    await expect(tha_kham.locator("#mine li")).to_have_text([
        "ข้อมูลกลาง: เจ้าภาพหลัก", "กองทุนกลาง: หนุนเสริมทรัพยากร (งบประมาณ) — งบ 20,000 บาท",
    ])

    await school.fill("#task-name", NEW_TASK)
    await school.click("#add-task button[type=submit]")
    await expect(school.locator("#task-status")).to_have_text("เพิ่มงานแล้ว")
    await expect(school.locator("fieldset.task")).to_have_count(5)
    await tap(school, NEW_TASK, "เจ้าภาพหลัก")
    await tap(school, "rules", "ร่วมดำเนินการ")
    await send_page(school, 2)

    await until(pilot, lambda: len(live.answers_for(0)) == 3, "three claims stored")
    return live, phones


@pytest.mark.browser
async def test_three_phones_split_roles_with_a_gap_and_an_overlap(
    tmp_path: Path, phone_context: ContextFactory
) -> None:
    app = role_split_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        live, phones = await split_roles(pilot, phone_context)
        summary = summary_of(live)
        added = next(task.id for task in live.session.tasks if task.label.th == NEW_TASK)
        assert "fund" in summary["gaps"] and set(summary["gaps"]) == {"fund", "rules"}
        assert summary["overlaps"] == ["data"]
        assert summary["coordinator"] == [BAN_NA]
        assert summary["matrix"] == {
            BAN_NA: {"mechanism": "lead", "data": "lead"},
            THA_KHAM: {"data": "lead", "fund": "support"},
            SCHOOL: {"rules": "co", added: "lead"},
        }
        fund = next(row for row in summary["tasks"] if row["id"] == "fund")
        assert fund["support"] == [{"organisation": THA_KHAM, "resources": ["money"], "note": "งบ 20,000 บาท"}]

        # A phone that sends again replaces its claims; the page shows what now counts.
        ban_na = phones[0]
        await tap(ban_na, "data", "ร่วมดำเนินการ")
        await send_page(ban_na, 2)
        await expect(ban_na.locator('input[name="level.data"][value="co"]')).to_be_checked()
        await until(pilot, lambda: len(live.answers_for(0)) == 4, "the second claim stored")
        assert summary_of(live)["overlaps"] == []
        for phone in phones:
            await phone.close()


def rendered_text(widget: Widget) -> str:
    """What ``widget`` and everything in it draw, without spaces."""
    return "".join(drawn_text(part) for part in (widget, *widget.query("*")) if part.size.area)


@pytest.mark.browser
async def test_the_board_shows_the_gap_and_the_overlap(tmp_path: Path, phone_context: ContextFactory) -> None:
    app = role_split_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        live, phones = await split_roles(pilot, phone_context)
        summary = summary_of(live)
        assert "fund" in summary["gaps"] and summary["overlaps"] == ["data"]
        boards = app.screen.query("#board")
        assert boards, "no #board on the step screen"
        board = boards.first()
        gap, overlap = t("gap", "th").replace(" ", ""), t("overlap", "th").replace(" ", "")
        await until(pilot, lambda: gap in rendered_text(board) and overlap in rendered_text(board),
                    "the board to show the gap and the overlap")
        for phone in phones:
            await phone.close()


@pytest.mark.browser
async def test_roles_claimed_without_javascript(tmp_path: Path, phone_context: ContextFactory) -> None:
    phone = await (await phone_context(java_script_enabled=False)).new_page()
    app = role_split_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        live = await session_started(pilot)
        response = await phone.goto(app.join_url(live.session.code))
        assert response is not None and response.status == 200
        assert await phone.locator("#organisation_other").is_visible()  # no script: both ways are shown
        await phone.select_option("#organisation", THA_KHAM)
        await phone.locator("fieldset.also").get_by_text(SCHOOL, exact=True).click()  # the school too
        async with phone.expect_navigation():
            await phone.click("#join button[type=submit]")
        await until(pilot, lambda: len(live.participants) == 1, "the phone to join")
        (person,) = live.participants.values()
        assert person.organisations == [THA_KHAM, SCHOOL]

        await pilot.press("right")
        await until(pilot, lambda: live.session.step == 0, "the role step to open")
        await phone.get_by_role("link", name="รีเฟรช").click()
        await expect(phone.locator("fieldset.task")).to_have_count(4)
        await expect(phone.locator('fieldset.resources[data-level="level.fund"][data-when="support"]')).to_be_visible()

        await tap(phone, "fund", "เจ้าภาพหลัก")
        await phone.fill('input[name="note.fund"]', '<img src=x onerror="window.__pwned=1">')
        async with phone.expect_navigation():
            await phone.click("#answer button[type=submit]")
        await expect(phone.locator("#mine li")).to_have_text(
            ['กองทุนกลาง: เจ้าภาพหลัก — <img src=x onerror="window.__pwned=1">'])
        await expect(phone.locator('input[name="level.fund"][value="lead"]')).to_be_checked()
        assert await phone.locator("#mine img").count() == 0

        # Without a script, switching organisation cannot redraw the form: the server shows the school's own
        # claims with the change just made, to check and send again; the health centre's lead is not copied.
        await phone.select_option("#speaking-for", SCHOOL)
        await tap(phone, "rules", "รับทราบ")
        async with phone.expect_navigation():
            await phone.click("#answer button[type=submit]")
        await expect(phone.locator(".error")).to_have_text(
            f"ตอนนี้แสดงบทบาทของ {SCHOOL} แล้ว ตรวจดูอีกครั้งแล้วกดส่ง")
        await expect(phone.locator("#speaking-for")).to_have_value(SCHOOL)
        await expect(phone.locator('input[name="level.fund"][value=""]')).to_be_checked()
        await expect(phone.locator('input[name="level.rules"][value="informed"]')).to_be_checked()
        assert len(live.answers_for(0)) == 1
        async with phone.expect_navigation():
            await phone.click("#answer button[type=submit]")
        await expect(phone.locator("#speaking-for")).to_have_value(SCHOOL)
        await expect(phone.locator("#mine li")).to_have_text(["กติกากลาง: รับทราบ"])

        await phone.fill("#task-name", NEW_TASK)
        async with phone.expect_navigation():
            await phone.click("#add-task button[type=submit]")
        await expect(phone.locator("fieldset.task")).to_have_count(5)

        await until(pilot, lambda: len(live.answers_for(0)) == 2, "both claims stored")
        summary = summary_of(live)
        assert summary["matrix"][THA_KHAM] == {"fund": "lead"}
        assert summary["matrix"][SCHOOL] == {"rules": "informed"}
        assert "fund" not in summary["gaps"] and summary["coordinator"] is None
        await phone.close()


@pytest.mark.browser
async def test_a_person_with_two_hats_switches_organisation_on_the_page(
    tmp_path: Path, phone_context: ContextFactory
) -> None:
    phone = await (await phone_context()).new_page()
    app = role_split_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        live = await session_started(pilot)
        await phone.goto(app.join_url(live.session.code))
        await expect(phone.locator("#organisation_other")).to_be_hidden()  # shown only for "another"
        await phone.select_option("#organisation", "__other__")
        await expect(phone.locator("#organisation_other")).to_be_visible()
        await phone.select_option("#organisation", BAN_NA)
        await phone.locator("fieldset.also").get_by_text(SCHOOL, exact=True).click()
        await phone.click("#join button[type=submit]")
        await phone.wait_for_url("**/s/*")
        await pilot.press("right")
        await until(pilot, lambda: live.session.step == 0, "the role step to open")
        await expect(phone.locator("fieldset.task")).to_have_count(4)

        await tap(phone, "data", "เจ้าภาพหลัก")
        await send_page(phone, 1)
        await phone.select_option("#speaking-for", SCHOOL)
        await expect(phone.locator('input[name="level.data"][value=""]')).to_be_checked()
        await tap(phone, "rules", "ร่วมดำเนินการ")
        await send_page(phone, 1)
        await expect(phone.locator("#mine li")).to_have_text(["กติกากลาง: ร่วมดำเนินการ"])
        await phone.select_option("#speaking-for", BAN_NA)
        await expect(phone.locator('input[name="level.data"][value="lead"]')).to_be_checked()
        await expect(phone.locator('input[name="level.rules"][value=""]')).to_be_checked()

        await until(pilot, lambda: len(live.answers_for(0)) == 2, "both claims stored")
        assert summary_of(live)["matrix"] == {BAN_NA: {"data": "lead"}, THA_KHAM: {}, SCHOOL: {"rules": "co"}}
        await phone.close()


@pytest.mark.browser
async def test_points_left_follow_the_typing_and_the_server_checks_the_budget(tmp_path: Path, phone: Page) -> None:
    app = make_app(tmp_path, "pilot-areas", "เลือกพื้นที่นำร่อง")
    async with app.run_test(size=SIZE) as pilot:
        live = await session_started(pilot)
        await join_page(phone, app.join_url(live.session.code))
        await pilot.press("right")
        await until(pilot, lambda: live.session.step == 0, "the points step to open")
        step = live.session.activity.steps[0]
        first, second = (f'input[name="points.{area.id}"]' for area in step.options[:2])
        await expect(phone.locator("#points-left")).to_have_text(f"เหลือ {step.budget} คะแนน")
        await phone.fill(first, "7")
        await expect(phone.locator("#points-left")).to_have_text(f"เหลือ {step.budget - 7} คะแนน")
        await phone.fill(second, str(step.budget))
        await expect(phone.locator("#points-left")).to_have_text(f"เหลือ {-7} คะแนน")
        await expect(phone.locator("#points-left")).to_have_class("points-left bad")
        await phone.click("#answer button[type=submit]")
        await expect(phone.locator("#status")).to_have_text("ให้คะแนนรวมเกินที่มี")
        assert live.answers_for(0) == []
        await phone.fill(second, "3")
        await send_page(phone, 2)
        await expect(phone.locator("#mine li")).to_have_text(
            [f"{step.options[0].label.th}: 7", f"{step.options[1].label.th}: 3"])
        await expect(phone.locator("#points-left")).to_have_text("เหลือ 0 คะแนน")
        await until(pilot, lambda: len(live.answers_for(0)) == 1, "the points stored")
        assert live.answers_for(0)[0].data == {"allocations": {step.options[0].id: 7, step.options[1].id: 3}}
        await phone.close()
