"""Screens that hold from 80×24 to 200×60 (the role board gives its matrix the whole width on a narrow screen,
the summary scrolls), one order for every list (newest first), the load figures explained, and keys that need
a partnership saying so instead of doing nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.containers import VerticalScroll
from textual.widgets import DataTable, OptionList

from activities import load
from facilitator.core.vocab import LEVELS
from facilitator.tui.screens.home import HomeScreen
from facilitator.tui.widgets.boards import Board, role_content, timeline_content
from tests.support import close_session, make_app, screen_text, until
from tests.tui.test_snapshots import CLAIMS, ORGS, roles_claimed

TASKS = ["กลไกกลาง (การประสานงาน)", "กติกากลาง", "ข้อมูลกลาง", "กองทุนกลาง"]


@pytest.mark.parametrize("size", [(80, 24), (120, 30), (200, 60)])
async def test_the_role_board_shows_every_organisation_and_task_in_full(tmp_path: Path,
                                                                      size: tuple[int, int]) -> None:
    app = make_app(tmp_path, "role-split")
    async with app.run_test(size=size) as pilot:
        await roles_claimed(pilot)
        board = app.screen.query_one("#board", Board)
        for name in [org for org, _, _ in ORGS[:len(CLAIMS)]] + TASKS:   # every row reached by scrolling it
            board.scroll_home(animate=False, immediate=True)
            for _ in range(board.max_scroll_y + 1):
                if name in screen_text(app):
                    break
                board.scroll_down(animate=False, immediate=True)
                await pilot.pause()
            assert name in screen_text(app), f"{name} in full on the board"
        assert "…" not in board.plain


async def test_the_summary_scrolls_to_its_last_table_at_80x24(tmp_path: Path) -> None:
    app = make_app(tmp_path, "role-split")
    async with app.run_test(size=(80, 24)) as pilot:
        await roles_claimed(pilot)
        await close_session(pilot)
        scroll = app.screen.query_one(VerticalScroll)
        await until(pilot, lambda: scroll.max_scroll_y > 0, "more summary than one screen")
        for table in app.screen.query(DataTable):  # no table wider than the screen
            assert table.virtual_size.width <= table.size.width, table.id
        last = app.screen.query_one("#orgs", DataTable)
        assert not scroll.region.contains_region(last.region)
        scroll.focus()
        await pilot.press("end")
        await until(pilot, lambda: scroll.scroll_y == scroll.max_scroll_y, "scrolled to the end")
        await until(pilot, lambda: scroll.region.intersection(last.region).height > 0, "the last table shown")


def test_the_load_figures_are_explained_under_the_board() -> None:
    summary = {"tasks": [], "organisations": [], "load": [{"organisation": "อบต.ท่าข้าม", "score": 5}]}
    text = role_content(summary, "th").plain
    assert "ภาระงาน = คะแนนรวมของทุกงานที่หน่วยงานรับ" in text
    assert all(f"{label('th')} {weight}" in text for (level, label), weight in zip(LEVELS.items(), (3, 2, 1, 0),
                                                                                   strict=True))
    assert "ภาระงาน =" not in role_content({"tasks": [], "organisations": [], "load": []}, "th").plain


def test_the_timeline_board_lists_the_newest_session_first() -> None:
    sessions = [{"created_at": f"2026-0{m}-01T02:00:00+00:00", "title": f"ครั้งที่ {m}", "activity_name": "BAR",
                 "participants": 1, "answers": 1} for m in (1, 2, 3)]  # as the summary keeps them: oldest first
    lines = timeline_content({"sessions": sessions}, "th").plain.splitlines()
    assert ["ครั้งที่ 3" in lines[1], "ครั้งที่ 2" in lines[2], "ครั้งที่ 1" in lines[3]] == [True, True, True]


def test_the_timeline_board_dates_a_session_by_the_day_it_was_held() -> None:
    typed_in = {"created_at": "2027-01-20T02:00:00+00:00", "held_at": "2026-12-03", "title": "BAR บนกระดาษ",
                "activity_name": "BAR", "participants": 1, "answers": 1}
    saved_before = {key: value for key, value in typed_in.items() if key != "held_at"}  # an older summary
    assert "3 ธ.ค. 2569" in timeline_content({"sessions": [typed_in]}, "th").plain
    assert "20 ม.ค. 2570" in timeline_content({"sessions": [saved_before]}, "th").plain


async def test_every_list_at_home_is_newest_first(tmp_path: Path) -> None:
    app = make_app(tmp_path, None)
    first = app.store.create_partnership("ภาคีแรก")
    second = app.store.create_partnership("ภาคีที่สอง")
    async with app.run_test(size=(160, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        for title in ("เก่า", "ใหม่"):
            live = await app.workshop.open_session(load("bar"), title, lang="th", partnership_id=first.id)
            await app.workshop.close_session(live)
        options = app.screen.query_one("#partnerships", OptionList)
        app.screen.refresh_all()  # type: ignore[attr-defined]
        await until(pilot, lambda: options.option_count == 3)
        assert [str(options.get_option_at_index(i).id) for i in (1, 2)] == [second.id, first.id]
        table = app.screen.query_one("#sessions", DataTable)
        everything = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
        options.highlighted = 2
        await until(pilot, lambda: table.row_count == 2 and str(table.get_row_at(0)[1]) == "ใหม่")
        assert [str(table.get_row_at(i)[1]) for i in range(2)] == everything == ["ใหม่", "เก่า"]


@pytest.mark.parametrize("key", ["s", "m", "v", "d"])
async def test_a_partnership_key_with_all_sessions_highlighted_says_what_to_select(tmp_path: Path,
                                                                                 key: str) -> None:
    app = make_app(tmp_path, None)
    app.store.create_partnership("ภาคีแรก")
    async with app.run_test(size=(160, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        partnerships = app.screen.query_one("#partnerships", OptionList)
        assert partnerships.highlighted == 0  # "all sessions"
        partnerships.focus()  # d acts on the list that has the focus
        await pilot.press(key)
        await until(pilot, lambda: any("เลือกภาคีในรายการภาคี/เครือข่ายก่อน" in str(n.message) for n in app._notifications))
        assert isinstance(app.screen, HomeScreen)


async def test_the_footer_says_what_enter_does_on_the_sessions(tmp_path: Path) -> None:
    app = make_app(tmp_path, None)
    async with app.run_test(size=(160, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await app.workshop.close_session(await app.workshop.open_session(load("bar"), "ครั้งแรก", lang="th"))
        app.screen.refresh_all()  # type: ignore[attr-defined]
        table = app.screen.query_one("#sessions", DataTable)
        await until(pilot, lambda: table.row_count == 1)
        table.focus()
        await until(pilot, lambda: "⏎ เปิด" in screen_text(app).splitlines()[-1], "Enter described")


@pytest.mark.parametrize("size, columns", [((80, 24), 2), ((160, 45), 3)])
async def test_the_wall_has_fewer_wider_cards_on_a_narrow_screen(tmp_path: Path, size: tuple[int, int],
                                                                  columns: int) -> None:
    app = make_app(tmp_path, "bar")
    async with app.run_test(size=size) as pilot:
        await until(pilot, lambda: app.screen.query("#wall"))
        await pilot.press("right")
        wall = app.screen.query_one("#wall")
        await until(pilot, lambda: wall.region.width > 0, "the wall")
        await pilot.pause()
        assert wall.columns == columns
        assert (wall.region.width >= size[0] - 2) == (columns == 2)  # the side panel only from 120 columns
