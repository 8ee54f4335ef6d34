"""Moderating single answers on the wall: the facilitator selects a card with the arrows and hides it with ``x``
(or shows it again); phones editing and withdrawing their answers move the cards in place. The real app, its
server on loopback, phones over HTTP, a real data directory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiohttp
from textual.pilot import Pilot

from exports import export
from facilitator.store import Store
from facilitator.tui.app import FacilitatorApp, RoomSettings
from facilitator.tui.screens.confirm import ConfirmScreen
from facilitator.tui.screens.session import SessionScreen
from facilitator.tui.widgets.wall import AnswerWall
from tests.support import (
    LOOPBACK,
    Served,
    close_session,
    live_of,
    make_app,
    post_answer,
    post_form,
    screen_text,
    session_joined,
    until,
    wall_texts,
)

SIZE = (140, 45)
ANSWERS = ["ข้อมูลผู้สูงอายุชุดเดียวกัน", "คำที่ไม่ควรขึ้นจอ [/]", "ทุกตำบลมีแผนร่วม"]
STUB = "ซ่อนคำตอบไว้ 1 รายการ — กด x เพื่อแสดงอีกครั้ง"


async def three_answers(pilot: Pilot[int], phone: aiohttp.ClientSession) -> Served:
    """Join, open the first step, send :data:`ANSWERS`, and wait for their cards."""
    served = await session_joined(pilot, (phone, {"organisation": "รพ.สต.บ้านนา"}))
    await pilot.press("right")
    await until(pilot, lambda: served.step == 0)
    for i, text in enumerate(ANSWERS):
        assert (await post_answer(phone, served, {"text": text}, f"client-{i:04d}")).status == 200
    await until(pilot, lambda: wall_texts(pilot.app) == ANSWERS, "three cards")  # type: ignore[arg-type]
    return served


@asynccontextmanager
async def wall_of_three(
    tmp_path: Path, phone: aiohttp.ClientSession
) -> AsyncIterator[tuple[FacilitatorApp, Pilot[int], Served]]:
    """The app on a first step with :data:`ANSWERS` on its wall, sent by ``phone``."""
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        yield app, pilot, await three_answers(pilot, phone)


def selected_texts(app: FacilitatorApp) -> list[str]:
    """The first line of every card drawn as selected."""
    wall = app.screen.query_one(AnswerWall)
    return [card.text.split("\n")[0] for card in wall.cards if card.id == wall.selected]


def overview_answers(served: Served) -> int:
    """How many answers the session's overview counts at step 1."""
    overview = served.live.summaries()[0]
    return int(overview["steps"][0]["answers"])


async def test_x_hides_the_selected_card_everywhere_and_again_shows_it(
    tmp_path: Path, phone: aiohttp.ClientSession
) -> None:
    async with wall_of_three(tmp_path, phone) as (app, pilot, served):
        wall = app.screen.query_one(AnswerWall)
        assert wall.selected is None and selected_texts(app) == []   # nothing selected until an arrow
        await pilot.press("x")   # nothing to hide yet: it says how to select, and hides nothing
        await until(pilot, lambda: any("↑ ↓" in str(n.message) for n in app._notifications), "the hint")
        await pilot.press("down")   # the first press selects the newest card
        assert selected_texts(app) == [ANSWERS[2]]
        await pilot.press("up")
        assert selected_texts(app) == [ANSWERS[1]]
        await pilot.press("x")
        await until(pilot, lambda: ANSWERS[1] not in [a.text for a in served.live.answers], "the answer hidden")
        await until(pilot, lambda: wall_texts(app) == [ANSWERS[0], STUB, ANSWERS[2]], "the stub")
        assert ANSWERS[1] not in screen_text(app)   # the hidden text is never projected
        await until(pilot, lambda: "คำตอบ 2" in screen_text(app), "the bar counting again")   # at its own rate
        assert overview_answers(served) == 2
        page = await (await phone.get(served.url("/s/{code}"))).text()
        assert "ผู้อำนวยความสะดวกซ่อนคำตอบนี้ไว้" in page   # the phone's own list says why
        on_disk = Store(tmp_path, read_only=True).load(served.live.session.id)
        assert [(a.text, a.hidden) for a in on_disk.set_aside] == [(ANSWERS[1], True)]
        await pilot.press("x")   # the stub is still selected: x shows the answer again
        await until(pilot, lambda: wall_texts(app) == ANSWERS, "the card back")
        assert overview_answers(served) == 3 and selected_texts(app) == [ANSWERS[1]]
        assert Store(tmp_path, read_only=True).load(served.live.session.id).set_aside == []


async def test_a_hidden_answer_stays_out_of_the_saved_summary_and_the_exports(
    tmp_path: Path, phone: aiohttp.ClientSession
) -> None:
    async with wall_of_three(tmp_path, phone) as (app, pilot, served):
        await pilot.press("up", "up", "x")
        await until(pilot, lambda: STUB in wall_texts(app), "the stub")
        session_id = served.live.session.id
        await close_session(pilot)
        overview = next(s for s in app.store.catalog.summaries(session_id) if s["kind"] == "session_overview")
        assert overview["answers"] == 2 and overview["steps"][0]["answers"] == 2
        record = app.store.load(session_id)
        markdown = export(record, "md", "th").decode()
        assert "ไม่ควรขึ้นจอ" not in markdown and "*คำตอบที่ผู้อำนวยความสะดวกซ่อนไว้: 1 รายการ*" in markdown
        json_text = export(record, "json", "th").decode()
        assert '"hidden": true' in json_text and json_text.count('"hidden"') == 1


async def test_the_selection_follows_new_cards_and_clears_on_the_next_step(
    tmp_path: Path, phone: aiohttp.ClientSession
) -> None:
    async with wall_of_three(tmp_path, phone) as (app, pilot, served):
        await pilot.press("down", "up", "up")
        assert selected_texts(app) == [ANSWERS[0]]
        await pilot.press("up")   # the first card stays selected
        assert selected_texts(app) == [ANSWERS[0]]
        await post_answer(phone, served, {"text": "คำตอบใหม่"}, "client-0009")
        await until(pilot, lambda: len(wall_texts(app)) == 4, "the new card")
        assert selected_texts(app) == [ANSWERS[0]]   # a new card does not move the selection
        await pilot.press("right")
        await until(pilot, lambda: served.step == 1)
        assert app.screen.query_one(AnswerWall).selected is None
        await post_answer(phone, served, {"text": "ข้อสอง"}, "client-0010")
        await until(pilot, lambda: wall_texts(app) == ["ข้อสอง"])
        assert selected_texts(app) == []


async def test_phone_edits_and_withdrawals_move_the_cards_in_place(
    tmp_path: Path, phone: aiohttp.ClientSession
) -> None:
    async with wall_of_three(tmp_path, phone) as (app, pilot, served):
        first, second = served.live.answers[0].id, served.live.answers[1].id
        await pilot.press("down", "up")   # the middle card selected, then withdrawn by its phone
        edited = await post_form(phone, served, f"/s/{{code}}/answers/{first}/edit", {"text": "แก้แล้ว"},
                                 allow_redirects=False)
        assert edited.status == 303
        await until(pilot, lambda: wall_texts(app) == ["แก้แล้ว", ANSWERS[1], ANSWERS[2]], "the edited card")
        withdrawn = await post_form(phone, served, f"/s/{{code}}/answers/{second}/withdraw", allow_redirects=False)
        assert withdrawn.status == 303
        await until(pilot, lambda: wall_texts(app) == ["แก้แล้ว", ANSWERS[2]], "the card gone")
        assert selected_texts(app) == [ANSWERS[2]]   # the selection moved to a neighbour
        await until(pilot, lambda: "คำตอบ 2" in screen_text(app), "the bar counting again")


async def test_a_hidden_answer_is_still_hidden_after_a_restart(tmp_path: Path, phone: aiohttp.ClientSession) -> None:
    async with wall_of_three(tmp_path, phone) as (app, pilot, served):
        session_id = served.live.session.id
        await pilot.press("down", "x")
        await until(pilot, lambda: wall_texts(app) == [ANSWERS[0], ANSWERS[1], STUB], "the stub")
    again = FacilitatorApp(Store(tmp_path), RoomSettings(LOOPBACK, 0, "th"), offer_resume=True)
    async with again.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(again.screen, ConfirmScreen), "the resume offer")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(again.screen, SessionScreen), "the session")
        live = live_of(again)
        assert live.session.id == session_id
        await until(pilot, lambda: wall_texts(again) == [ANSWERS[0], ANSWERS[1], STUB], "the stub after restart")
        assert ANSWERS[2] not in screen_text(again) and live.count_for(0) == 2
        await pilot.press("down", "ป")   # and it can be shown again (x, with the keyboard in Thai mode)
        await until(pilot, lambda: wall_texts(again) == ANSWERS, "the card back")


async def test_the_arrows_select_nothing_on_a_board(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        served = await session_joined(pilot)
        roles = [step.id for step in served.live.session.activity.steps].index("roles")
        for _ in range(roles + 1):
            await pilot.press("right")
        await until(pilot, lambda: served.step == roles, "the role-claim step")
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        assert screen.check_action("select_card", (1,)) is False and screen.check_action("toggle_card", ()) is False
