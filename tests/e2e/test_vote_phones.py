"""Dot voting in real Chromium with the page's script, against the real app: the BAR's challenges become the
items of its vote, a phone taps − and + (the dots left follow, one dot per item, no more than it has), sends,
and the live ranking on the projected screen follows; a second ballot replaces the first.

The Textual app runs under ``run_test`` with its web server on 127.0.0.1 (port 0) and a real TinyDB data
directory in ``tmp_path``; Playwright drives Chromium from the same event loop. Every wait is bounded.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from playwright.async_api import BrowserContext, Page, expect

from activities import load
from facilitator.tui.widgets.boards import Board
from tests.support import join_page, make_app, send_page, session_started, until

ContextFactory = Callable[..., Awaitable[BrowserContext]]

STEPS = [step.id for step in load("bar").steps]
HOSTILE = '<img src=x onerror="document.title=\'owned\'"> [/] ข้อมูลกระจาย'
CHALLENGES = ["เวลาว่างของภาคีไม่ตรงกัน", HOSTILE, "ไม่มีงบประมาณต่อเนื่อง"]


def item(phone: Page, text: str):  # type: ignore[no-untyped-def]
    """The card of the vote's item ``text``."""
    return phone.locator(".item.vote").filter(has=phone.get_by_text(text, exact=True))


async def tap(phone: Page, text: str, sign: str) -> None:
    """Tap + or − beside item ``text``."""
    await item(phone, text).locator(".dot-plus" if sign == "+" else ".dot-minus").click()


@pytest.mark.browser
async def test_a_phone_places_its_dots_with_taps_and_the_wall_ranks_them(
    tmp_path: Path, phone_context: ContextFactory
) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(160, 50)) as pilot:
        live = await session_started(pilot)
        url = app.join_url(live.session.code)
        phone = await (await phone_context()).new_page()
        dialogs: list[str] = []
        phone.on("dialog", lambda dialog: dialogs.append(dialog.message))
        await join_page(phone, url, organisation="รพ.สต.บ้านนา")
        for _ in range(STEPS.index("challenges") + 1):
            before = live.session.step
            await pilot.press("right")
            await until(pilot, lambda: live.session.step != before, "the next step")
        for number, text in enumerate(CHALLENGES, start=1):
            await expect(phone.locator("#text")).to_be_visible()
            await send_page(phone, number, text=text)
        await pilot.press("right")
        await until(pilot, lambda: live.session.step == STEPS.index("challenges-vote"), "the vote")

        # The page follows the room to the vote: a card per challenge, its select turned into − ● + buttons.
        await expect(phone.locator(".item.vote")).to_have_count(3)
        await expect(phone.locator("#votes select").first).to_be_hidden()
        await expect(phone.locator(".dot-control")).to_have_count(3)
        await expect(item(phone, HOSTILE)).to_have_count(1)      # shown as the words typed, not as HTML
        assert await phone.locator("#votes img").count() == 0
        left = phone.locator("#dots-left")
        await expect(left).to_have_text("เหลือ 3 จุด")

        await tap(phone, CHALLENGES[0], "+")
        await expect(left).to_have_text("เหลือ 2 จุด")
        await expect(item(phone, CHALLENGES[0]).locator(".dots-shown")).to_have_text("●")
        await expect(item(phone, CHALLENGES[0]).locator(".dot-plus")).to_be_disabled()   # one dot per item
        await tap(phone, HOSTILE, "+")
        await tap(phone, CHALLENGES[2], "+")
        await expect(left).to_have_text("เหลือ 0 จุด")
        for button in await phone.locator(".dot-plus").all():
            await expect(button).to_be_disabled()                 # no dots left
        await tap(phone, CHALLENGES[0], "−")
        await expect(left).to_have_text("เหลือ 1 จุด")
        await expect(item(phone, CHALLENGES[0]).locator(".dots-shown")).to_have_text("")
        await expect(item(phone, CHALLENGES[0]).locator(".dot-plus")).to_be_enabled()

        await send_page(phone, 2)
        await expect(phone.locator("#mine li")).to_have_text([f"{HOSTILE}: 1", f"{CHALLENGES[2]}: 1"])
        # The page came back from the server with the ballot that counts, its buttons drawn again.
        await expect(item(phone, HOSTILE).locator(".dots-shown")).to_have_text("●")
        await expect(left).to_have_text("เหลือ 1 จุด")
        board = app.screen.query_one("#board", Board)
        await until(pilot, lambda: "โหวตแล้ว 1 คน · 2 จุด" in board.plain, "the ballot on the wall")

        # A new ballot replaces the earlier one.
        await tap(phone, HOSTILE, "−")
        await tap(phone, CHALLENGES[0], "+")
        await send_page(phone, 2)
        await expect(phone.locator("#mine li")).to_have_text([f"{CHALLENGES[0]}: 1", f"{CHALLENGES[2]}: 1"])
        await until(pilot, lambda: "โหวตแล้ว 1 คน · 2 จุด" in board.plain
                    and len(live.answers_for(STEPS.index("challenges-vote"))) == 2, "the second ballot")
        ranking = [line.split() for line in board.plain.splitlines()[2:] if line.strip()]
        assert [row[-2:] for row in ranking] == [["1", "1"], ["1", "1"], ["0", "0"]]
        assert ranking[2][0].startswith("<img")                  # the challenge nobody votes for now, last
        assert dialogs == [] and await phone.title() != "owned"
        await phone.close()
