"""Answers that arrive while the join view is shown are on the wall when the facilitator comes back to it."""

from __future__ import annotations

from pathlib import Path

import aiohttp
from textual.widgets import ContentSwitcher

from tests.support import make_app, post_answer, screen_text, until
from tests.tui.test_moderation import SIZE, three_answers


async def test_cards_that_arrived_behind_the_join_view_are_drawn_on_return(
    tmp_path: Path, phone: aiohttp.ClientSession
) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        served = await three_answers(pilot, phone)
        await pilot.press("j")
        await until(pilot, lambda: app.screen.query_one(ContentSwitcher).current == "join", "the join view")
        assert (await post_answer(phone, served, {"text": "มาระหว่างหน้าเข้าร่วม"}, "client-0100")).status == 200
        await pilot.press("j")
        await until(pilot, lambda: "มาระหว่างหน้าเข้าร่วม" in screen_text(app), "the card drawn")
        assert (await post_answer(phone, served, {"text": "ใบถัดไป"}, "client-0101")).status == 200
        await until(pilot, lambda: "ใบถัดไป" in screen_text(app), "the next card drawn")
