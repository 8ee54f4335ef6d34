"""The summary boards on the projected screen, updated live by real phones (aiohttp clients) through the real
server on loopback, and the summary screen after close."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any, cast

import aiohttp
import pytest
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import Input, Static

from activities import load
from facilitator.core.model import Answer, Session
from facilitator.core.kinds import tasks_of
from facilitator.core.summaries.role_split import role_split
from facilitator.store import Store
from facilitator.tui.app import FacilitatorApp
from facilitator.tui.screens.add_task import AddTaskScreen
from facilitator.tui.screens.session import SessionScreen
from facilitator.tui.widgets.boards import Board, role_content
from facilitator.tui.widgets.columns import table
from tests.support import (
    Fields,
    Served,
    answer,
    close_session,
    make_app,
    phones,
    session_joined,
    until,
    wall_texts,
)

ORGS = ["อบต.ท่าข้าม", "รพ.สต.บ้านนา", "กองทุนหลักประกันสุขภาพตำบล"]
#: The BAR's role-claim step.
BAR_ROLES = [step.id for step in load("bar").steps].index("roles")


def board_text(app: FacilitatorApp) -> str:
    boards = app.screen.query("#board")
    return boards.first(Board).plain if boards else ""


async def goto(pilot: Pilot[int], served: Served, index: int) -> None:
    """Press → until step ``index`` is open (each move is stored before the next)."""
    while (served.step if served.step is not None else -1) < index:
        before = served.step
        await pilot.press("right")
        await until(pilot, lambda: served.step != before)


async def open_board(
    pilot: Pilot[int], joins: list[tuple[aiohttp.ClientSession, Fields]], shows: str = ""
) -> Served:
    """Wait for the join screen, join each phone with its fields, open the first step, and wait until the
    board is drawn (and shows ``shows``)."""
    served = await session_joined(pilot, *joins)
    app = cast(FacilitatorApp, pilot.app)
    await pilot.press("right")
    await until(pilot, lambda: bool(board_text(app)) and shows in board_text(app))
    return served


def line_with(text: str, start: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(start))


# -- the role split -----------------------------------------------------------------------------------------
async def test_role_board_shows_gaps_overlaps_and_the_coordinator_live(tmp_path: Path) -> None:
    app = make_app(tmp_path, "role-split", "ประชุมภาคี")
    async with app.run_test(size=(160, 50)) as pilot, phones(3) as (a, b, c):
        served = await open_board(pilot, [(phone, [("organisation", org), ("sector", "government")])
                                          for phone, org in zip((a, b, c), ORGS, strict=True)],
                                  "ยังไม่มีเจ้าภาพ: กลไกกลาง")
        assert not app.screen.query_one("#wall").display
        assert "ผู้ประสาน: ยังไม่มี" in board_text(app)

        await answer(a, served, [("organisation", ORGS[0]), ("level.mechanism", "lead"), ("level.rules", "lead"),
                                 ("level.data", "co")], "claim-a-001")
        await until(pilot, lambda: "ผู้ประสาน: อบต.ท่าข้าม" in board_text(app))
        await answer(b, served, [("organisation", ORGS[1]), ("level.rules", "lead"), ("level.data", "lead"),
                                 ("level.fund", "support"), ("resource.fund", "money"), ("note.fund", "งบ 50,000")],
                     "claim-b-001")
        await answer(c, served, [("organisation", ORGS[2]), ("level.fund", "informed")], "claim-c-001")
        await until(pilot, lambda: line_with(board_text(app), "กองทุนหลักประกัน").split()[-1] == "รับทราบ")
        assert "มีเจ้าภาพหลายหน่วยงาน: กติกากลาง (อบต.ท่าข้าม, รพ.สต.บ้านนา)" in board_text(app)
        text = board_text(app)
        assert "⚠ ยังไม่มีเจ้าภาพ: กองทุนกลาง" in text
        assert "กลไกกลาง" not in line_with(text, "⚠")
        row = line_with(text, "รพ.สต.บ้านนา").split()
        assert row == ["รพ.สต.บ้านนา", "·", "เจ้าภาพ", "เจ้าภาพ", "หนุน"]
        assert "อบต.ท่าข้าม 8, รพ.สต.บ้านนา 7" in line_with(text, "ภาระงาน")
        assert ORGS[2] not in line_with(text, "ภาระงาน")


async def test_the_bar_counts_a_claim_in_the_frame_that_draws_it_on_the_board(tmp_path: Path) -> None:
    app = make_app(tmp_path, "role-split", "ประชุมภาคี")
    async with app.run_test(size=(160, 50)) as pilot, phones(1) as (a,):
        served = await open_board(pilot, [(a, [("organisation", ORGS[0])])], "ยังไม่มีเจ้าภาพ: กลไกกลาง")
        bar = app.screen.query_one("#bar", Static)
        await until(pilot, lambda: "คำตอบ 0" in str(bar.render()))
        await answer(a, served, [("organisation", ORGS[0]), ("level.mechanism", "lead")], "claim-a-001")
        await until(pilot, lambda: "ผู้ประสาน: อบต.ท่าข้าม" in board_text(app))
        assert "คำตอบ 1" in str(bar.render())   # counted with the board, not a frame later


async def test_a_focused_board_scrolls_itself_and_the_arrows_still_move_the_steps(tmp_path: Path) -> None:
    app = make_app(tmp_path, "role-split", "ประชุมภาคี")
    async with app.run_test(size=(80, 13)) as pilot, phones(1) as (a,):
        served = await open_board(pilot, [(a, [("organisation", ORGS[0])])], "กองทุนกลาง")
        board = app.screen.query_one("#board", Board)
        assert board.max_scroll_y > 0          # more board than the area: it scrolls, the screen does not
        board.focus()
        await pilot.press("down", "down")
        await until(pilot, lambda: board.scroll_y == 2, "the board scrolled by the arrows")
        await pilot.press("right")             # no sideways scroll: → still opens the next step
        await until(pilot, lambda: served.step == 1, "the next step")


async def test_a_added_task_becomes_a_column_and_hidden_mode_hides_the_board(tmp_path: Path) -> None:
    app = make_app(tmp_path, "role-split", "ประชุมภาคี")
    async with app.run_test(size=(160, 50)) as pilot, phones(1) as (a,):
        served = await session_joined(pilot, (a, [("organisation", ORGS[0])]))
        await pilot.press("a")  # no role-claim step open yet: nothing happens
        assert not isinstance(app.screen, AddTaskScreen)
        await pilot.press("right")
        await until(pilot, lambda: "กองทุนกลาง" in board_text(app))
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, AddTaskScreen))
        await pilot.press(*"Data", "space", *"hub")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, SessionScreen) and "Data hub" in board_text(app)
                    and "Data hub" in board_text(app).splitlines()[0])
        task = served.live.session.tasks[-1]
        assert task.label.th == "Data hub"
        await answer(a, served, [("organisation", ORGS[0]), (f"level.{task.id}", "lead")], "claim-a-001")
        await until(pilot, lambda: line_with(board_text(app), ORGS[0]).split()[-1] == "เจ้าภาพ")
        assert "Data hub" not in line_with(board_text(app), "⚠")

        await pilot.press("a")  # cancelling adds nothing
        await until(pilot, lambda: isinstance(app.screen, AddTaskScreen))
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))
        assert len(served.live.session.tasks) == 1

        area = app.screen.query_one("#board-area")
        await pilot.press("h")
        assert not area.display
        note = app.screen.query_one("#hidden-note")
        assert note.display and "คำตอบ: 1" in str(note.render())
        await pilot.press("h")
        assert area.display


async def test_hostile_names_render_literally_on_the_board(tmp_path: Path) -> None:
    hostile = ["[@click=app.quit]x", "a [/] b", "[$accent]", "[link=https://x]y"]
    app = make_app(tmp_path, "role-split", "ประชุมภาคี")
    async with app.run_test(size=(160, 50)) as pilot, phones(len(hostile)) as devices:
        served = await open_board(pilot, [(phone, [("organisation", org), ("name", "[b]x[/b]")])
                                          for phone, org in zip(devices, hostile, strict=True)])
        levels = ["lead", "lead", "lead", "co"]   # three leads: the overlap names them
        for i, (phone, org, level) in enumerate(zip(devices, hostile, levels, strict=True)):
            await answer(phone, served, [("organisation", org), ("level.mechanism", level),
                                         ("level.fund", "co"), ("note.fund", "[/"), ], f"claim-{i:04d}")
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, AddTaskScreen))
        app.screen.query_one(Input).value = "[TODO] [/"
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, SessionScreen) and "[TODO] [/" in board_text(app))
        text = board_text(app)
        for org, level in zip(hostile, ["เจ้าภาพ", "เจ้าภาพ", "เจ้าภาพ", "ร่วม"], strict=True):
            assert line_with(text, org).split()[-5] == level
        assert f"({', '.join(hostile[:3])})" in line_with(text, "‼")
        for board in app.screen.query(Board):
            await pilot.click(board)
        assert app.is_running


async def test_notes_step_keeps_the_wall_through_http_and_close_shows_the_role_split(tmp_path: Path) -> None:
    app = make_app(tmp_path, "role-split", "ประชุมภาคี")
    async with app.run_test(size=(160, 50)) as pilot, phones(2) as (a, b):
        served = await session_joined(pilot, (a, [("organisation", ORGS[0])]), (b, [("organisation", ORGS[1])]))
        await pilot.press("right")
        await until(pilot, lambda: bool(board_text(app)))
        await answer(a, served, [("organisation", ORGS[0]), ("level.mechanism", "lead")], "claim-a-001")
        await answer(b, served, [("organisation", ORGS[1]), ("level.mechanism", "lead")], "claim-b-001")
        await until(pilot, lambda: "ผู้ประสาน: รพ.สต.บ้านนา, อบต.ท่าข้าม" in board_text(app))
        await pilot.press("right")
        await until(pilot, lambda: served.step == 1 and not app.screen.query("#board"))
        assert app.screen.query_one("#wall").display and not app.screen.query_one("#board-area").display
        await answer(a, served, [("text", "ให้ อบต. เป็นเจ้าภาพกองทุน [/]")], "note-a-001")
        await until(pilot, lambda: wall_texts(app) == ["ให้ อบต. เป็นเจ้าภาพกองทุน [/]"])
        await close_session(pilot)
        text = app.screen.query_one("#role-board", Board).plain
        assert "⚠ ยังไม่มีเจ้าภาพ: กติกากลาง, ข้อมูลกลาง, กองทุนกลาง" in text
        assert "‼ มีเจ้าภาพหลายหน่วยงาน: กลไกกลาง" in text
        assert "สรุปการแบ่งบทบาท" in [str(s.render()) for s in app.screen.query(".heading")]


# -- health and pilot areas ---------------------------------------------------------------------------------
async def test_health_board_counts_each_light(tmp_path: Path) -> None:
    app = make_app(tmp_path, "health", "ประชุมภาคี")
    ratings = [
        [("light.trust", "green"), ("light.need", "green")],
        [("light.trust", "red"), ("light.need", "green")],
        [("light.trust", "amber"), ("text", "ยังไม่ค่อยคุยกัน")],
    ]
    async with app.run_test(size=(160, 50)) as pilot, phones(3) as devices:
        served = await open_board(pilot, [(phone, [("organisation", "สสอ.")]) for phone in devices], "ความไว้วางใจ")
        for i, (phone, fields) in enumerate(zip(devices, ratings, strict=True)):
            await answer(phone, served, fields, f"rate-{i:04d}")
        await until(pilot, lambda: line_with(board_text(app), "ความไว้วางใจ").split()[1:5] == ["1", "1", "1", "3"])
        text = board_text(app)
        assert line_with(text, "ความไว้วางใจ").split()[-1] == "1.00"
        need = line_with(text, "ความจำเป็นของการเป็นภาคี").split()
        assert need[1:5] == ["2", "0", "0", "2"] and need[-1] == "2.00"
        assert "● เขียว" in line_with(text, "ความจำเป็นของการเป็นภาคี")
        assert "● เหลือง" in line_with(text, "ความไว้วางใจ")
        assert line_with(text, "ความชัดเจนของเป้าหมาย").split()[1:5] == ["0", "0", "0", "0"]
        assert "ยังไม่ค่อยคุยกัน" in text


async def test_points_board_ranks_the_areas(tmp_path: Path) -> None:
    app = make_app(tmp_path, "pilot-areas", "ประชุมภาคี")
    spreads = [
        [("points.area-2", "6"), ("points.area-4", "4")],
        [("points.area-2", "3"), ("points.area-3", "5"), ("points.area-4", "2")],
    ]
    async with app.run_test(size=(160, 50)) as pilot, phones(2) as devices:
        served = await open_board(pilot, [(phone, [("organisation", "สสจ.")]) for phone in devices], "จังหวัดสตูล")
        for i, (phone, fields) in enumerate(zip(devices, spreads, strict=True)):
            await answer(phone, served, fields, f"points-{i:04d}")

        def ranking() -> list[list[str]]:
            rows = [line.split() for line in board_text(app).splitlines()[1:]]
            return [[row[0], row[1], row[-2], row[-1]] for row in rows]

        await until(pilot, lambda: ranking()[0] == ["1.", "จังหวัดสงขลา", "9", "2"])
        assert ranking() == [
            ["1.", "จังหวัดสงขลา", "9", "2"],
            ["2.", "จังหวัดราชบุรี", "6", "2"],
            ["3.", "จังหวัดนครปฐม", "5", "1"],
            ["4.", "จังหวัดสตูล", "0", "0"],
        ]
        await close_session(pilot)
        assert "จังหวัดสงขลา" in app.screen.query_one("#points-board", Board).plain.splitlines()[1]


# -- a BAR, then its AAR: expectations, progress, the partnership's summary ------------------------------------
async def test_bar_then_aar_shows_expectations_progress_and_the_timeline(tmp_path: Path) -> None:
    store = Store(tmp_path)
    partnership = store.create_partnership("ภาคีตำบลท่าข้าม", [(ORGS[0], "local_admin"), (ORGS[1], "government")])
    app = make_app(store, activity=None)
    async with app.run_test(size=(160, 50)) as pilot, phones(2) as (a, b):
        await app.start_session(load("bar"), "BAR ท่าข้าม", partnership.id)
        served = await session_joined(pilot, (a, [("organisation", ORGS[0])]), (b, [("organisation", ORGS[1])]))
        bar_id = served.live.session.id
        await goto(pilot, served, 0)
        await answer(a, served, [("text", "ทุกหน่วยงานใช้ข้อมูลชุดเดียวกัน")], "goal-a-001")
        await answer(b, served, [("text", "มีกองทุนกลาง")], "goal-b-001")
        await goto(pilot, served, BAR_ROLES)
        await until(pilot, lambda: bool(board_text(app)))
        await answer(a, served, [("organisation", ORGS[0]), ("level.data", "lead")], "claim-a-001")
        await answer(b, served, [("organisation", ORGS[1]), ("level.fund", "lead"), ("level.data", "support")],
                     "claim-b-001")
        await until(pilot, lambda: "ข้อมูลกลาง" not in line_with(board_text(app), "⚠"))
        await close_session(pilot)

        await app.start_session(load("aar"), "AAR ท่าข้าม", partnership.id, bar_id)
        served = await session_joined(pilot, (a, [("organisation", ORGS[0])]), (b, [("organisation", ORGS[1])]))
        live = served.live
        goals = {r.text: r.id for r in live.expectations}
        await pilot.press("right")
        await until(pilot, lambda: "ทุกหน่วยงานใช้ข้อมูลชุดเดียวกัน" in board_text(app))
        shared_data = goals["ทุกหน่วยงานใช้ข้อมูลชุดเดียวกัน"]
        await answer(a, served, [(f"verdict.{shared_data}", "met")], "verdict-a-001")
        await answer(b, served, [(f"verdict.{shared_data}", "short"),
                                 (f"verdict.{goals['มีกองทุนกลาง']}", "exceeded")], "verdict-b-001")
        await until(pilot, lambda: line_with(board_text(app), "ทุกหน่วยงาน").split()[1:4] == ["0", "1", "1"])
        assert line_with(board_text(app), "มีกองทุนกลาง").split()[1:] == ["1", "0", "0", "เกินความคาดหวัง"]

        await goto(pilot, served, 3)
        await until(pilot, lambda: not app.screen.query("#board") and app.screen.query_one("#wall").display)
        await answer(a, served, [("text", "นัดประชุมภาคีทุกสองเดือน"), ("organisation", ORGS[0]),
                                 ("due", "2026-12-31")], "action-a-001")
        await until(pilot, lambda: wall_texts(app)
                    == ["นัดประชุมภาคีทุกสองเดือน — อบต.ท่าข้าม — กำหนดเสร็จ 31 ธ.ค. 2569"])
        await goto(pilot, served, 4)
        await until(pilot, lambda: "ยังไม่เริ่ม" in board_text(app))
        by_lead = {c["lead"]: c["id"] for c in live.commitments}
        assert line_with(board_text(app), "ข้อมูลกลาง").split()[:3] == ["ข้อมูลกลาง", ORGS[0], "ยังไม่เริ่ม"]
        await answer(a, served, [("organisation", ORGS[0]), (f"status.{by_lead[ORGS[0]]}", "blocked"),
                                 (f"note.{by_lead[ORGS[0]]}", "รอระบบจากจังหวัด [/]")], "progress-a-001")
        await until(pilot, lambda: "ติดขัด" in line_with(board_text(app), "ข้อมูลกลาง"))
        assert "รอระบบจากจังหวัด [/]" in line_with(board_text(app), "ข้อมูลกลาง")
        await close_session(pilot)
        progress = app.screen.query_one("#progress-board", Board).plain
        assert "ติดขัด" in line_with(progress, "ข้อมูลกลาง")
        assert line_with(progress, "กองทุนกลาง").split()[:3] == ["กองทุนกลาง", ORGS[1], "ยังไม่เริ่ม"]
        assert line_with(progress, "นัดประชุมภาคี").split()[1:3] == [ORGS[0], "ยังไม่เริ่ม"]
        timeline = app.screen.query_one("#timeline-board", Board).plain.splitlines()
        assert ["AAR ท่าข้าม" in timeline[1], "BAR ท่าข้าม" in timeline[2]] == [True, True]  # newest first
        review = app.screen.query_one("#review-0", Board).plain
        assert line_with(review, "มีกองทุนกลาง").split()[-1] == "เกินความคาดหวัง"


# -- pure drawing --------------------------------------------------------------------------------------------
def test_table_measures_thai_in_cells_not_characters() -> None:
    rows = [[Content("กองทุนกลาง"), Content("1")], [Content("abc"), Content("22")]]
    drawn = table([Content("งาน"), Content("n")], rows, right=frozenset({1}))
    widths = {Content(line).cell_length for line in drawn.plain.splitlines()}
    assert widths == {len("abcdefghi  22")}


@pytest.mark.parametrize("lang, gap", [("th", "ยังไม่มีเจ้าภาพ"), ("en", "No lead yet")])
def test_role_content_without_answers_says_every_task_is_a_gap(lang: str, gap: str) -> None:
    session = Session("s1", "ABCD", "t", lang, load("role-split"))
    text = role_content(role_split(session, [], cast(list[Answer], []), None, tasks_of(session)), lang).plain
    assert f"⚠ {gap}: " in text and text.count("⚠") == 5


@pytest.mark.parametrize("lang, many", [("th", "งานสอง (เจ้าภาพ 4 หน่วยงาน)"), ("en", "Two (4 leads)")])
def test_an_overlap_names_a_few_leads_and_counts_many(lang: str, many: str) -> None:
    def task(tid: str, th: str, en: str, leads: list[str]) -> dict[str, Any]:
        return {"id": tid, "label": {"th": th, "en": en}, "overlap": True,
                "lead": [{"organisation": org} for org in leads]}
    summary = {
        "tasks": [task("t1", "งานหนึ่ง", "One", ["อบต.ท่าข้าม", "รพ.สต.บ้านนา"]),
                  task("t2", "งานสอง", "Two", ["ก", "ข", "ค", "ง"])],
        "organisations": [], "overlaps": ["t1", "t2"],
    }
    overlap = line_with(role_content(summary, lang).plain, "‼")
    assert f"{'งานหนึ่ง' if lang == 'th' else 'One'} (อบต.ท่าข้าม, รพ.สต.บ้านนา)" in overlap
    assert many in overlap and "ข, ค" not in overlap   # four leads are counted, not named


#: The compact matrix's mark of each level (``None``: no claim).
MARKS = {"lead": "●", "co": "◐", "support": "○", "informed": "◌", None: "·"}
CYCLE = ["lead", "co", None, "support", "informed"]


def role_summary(
    orgs: list[str], labels: list[tuple[str, str]], levels: dict[tuple[int, int], str | None]
) -> dict[str, Any]:
    """A role-split summary of ``orgs`` × tasks labelled ``labels`` (th, en), organisation i claiming task j at
    ``levels[i, j]``; gaps and overlaps counted from the leads, as the summary does."""
    ids = [f"t{j}" for j in range(len(labels))]
    matrix = {org: {ids[j]: level for j in range(len(ids)) if (level := levels.get((i, j)))}
              for i, org in enumerate(orgs)}
    tasks = []
    for tid, (th, en) in zip(ids, labels, strict=True):
        leads = [{"organisation": org} for org in orgs if matrix[org].get(tid) == "lead"]
        tasks.append({"id": tid, "label": {"th": th, "en": en}, "lead": leads, "gap": not leads,
                      "overlap": len(leads) > 1})
    return {"tasks": tasks, "organisations": orgs, "matrix": matrix,
            "gaps": [task["id"] for task in tasks if task["gap"]],
            "overlaps": [task["id"] for task in tasks if task["overlap"]]}


def big_board() -> tuple[dict[str, Any], dict[tuple[int, int], str | None]]:
    """Eight organisations × twelve tasks, each task led by one of them but task 3 (no lead) and task 5 (two)."""
    others = ["co", None, "support", "informed"]
    levels: dict[tuple[int, int], str | None] = {
        (i, j): "lead" if i == j % 8 else others[(i + j) % 4] for i in range(8) for j in range(12)
    }
    levels[2, 2] = "co"
    levels[1, 4] = levels[6, 4] = "lead"
    orgs = [f"หน่วยงานที่ {i + 1:02d}" for i in range(8)]
    summary = role_summary(orgs, [(f"งานกลางด้านที่ {j + 1}", f"Shared task {j + 1}") for j in range(12)], levels)
    return summary, levels


def cells(text: str) -> int:
    return max(Content(line).cell_length for line in text.splitlines())


def matrix_and_key(text: str) -> tuple[str, str]:
    """A drawn role board's matrix, and the compact matrix's key and marks above it ("" for the full one)."""
    blocks = text.split("\n\n")
    return (blocks[1], blocks[0]) if blocks[0].startswith("1 = ") else (blocks[0], "")


@pytest.mark.parametrize("lang, corner, lead, none", [("th", "หน่วยงาน", "เจ้าภาพหลัก", "ไม่มีบทบาท"),
                                                      ("en", "Organisation", "Lead", "No role")])
def test_a_role_board_too_wide_for_its_room_draws_the_compact_matrix(
    lang: str, corner: str, lead: str, none: str
) -> None:
    summary, levels = big_board()
    assert [task["gap"] for task in summary["tasks"]].index(True) == 2
    assert [task["overlap"] for task in summary["tasks"]].count(True) == 1 and summary["tasks"][4]["overlap"]
    text = role_content(summary, lang, 116).plain
    grid, key = matrix_and_key(text)
    header, *rows = grid.splitlines()
    assert header.split() == [corner, "1", "2", "⚠3", "4", "‼5", *map(str, range(6, 13))]
    assert cells(grid) <= 116
    for i, (org, row) in enumerate(zip(summary["organisations"], rows, strict=True)):
        assert row.startswith(f"{org} ")   # the name in full, not "หน่วยงา…"
        assert row[len(org):].split() == [MARKS[levels[i, j]] for j in range(12)]
    name = "งานกลางด้านที่" if lang == "th" else "Shared task"
    assert all(f"{n} = {name} {n}" in key for n in range(1, 13)) and cells(key) <= 116
    assert f"● = {lead}" in key and f"· = {none}" in key and "◌ = " in key
    assert ("เจ้าภาพ" if lang == "th" else "Lead") not in grid   # marks, not words, in the cells
    assert line_with(text, "⚠ ").endswith(f"{name} 3") and f"{name} 5 (" in line_with(text, "‼ ")


def test_the_compact_matrix_marks_each_claim_in_its_levels_style() -> None:
    summary, _ = big_board()
    drawn = role_content(summary, "th", 116)
    row = drawn.split("\n")[len(matrix_and_key(drawn.plain)[1].splitlines()) + 2]   # after the key, a blank, the header
    styles = {row.plain[span.start:span.end]: str(span.style) for span in row.spans}
    assert styles == {"●": "bold $success", "◐": "$accent", "○": "$primary", "◌": "dim", "·": "dim"}


@pytest.mark.parametrize("lang", ["th", "en"])
def test_a_role_board_keeps_the_full_matrix_as_long_as_the_names_read_in_full(lang: str) -> None:
    summary, _ = big_board()
    full = role_content(summary, lang, 400).plain
    natural = cells(matrix_and_key(full)[0])
    assert role_content(summary, lang, natural).plain == full
    header, first = full.splitlines()[:2]
    assert ("‼ งานกลางด้านที่ 5" if lang == "th" else "‼ Shared task 5") in header
    assert first.split()[2] == ("เจ้าภาพ" if lang == "th" else "Lead") and "1 = " not in full
    compact = []
    for width in range(natural, 60, -1):
        matrix, key = matrix_and_key(role_content(summary, lang, width).plain)
        grid = matrix.splitlines()
        compact.append(bool(key) and grid[0].split()[1] == "1")
        if not compact[-1]:   # the full matrix, its task names cut maybe, but never the organisations'
            assert all(row.startswith(f"{org} ") for org, row in zip(summary["organisations"], grid[1:]))
    assert compact[0] is False and True in compact and all(compact[compact.index(True):])


@pytest.mark.parametrize("lang", ["th", "en"])
def test_a_small_role_board_is_drawn_in_full_at_the_projectors_width(lang: str) -> None:
    labels = [(step.label("th"), step.label("en")) for step in load("role-split").steps[0].options]
    summary = role_summary(ORGS, labels, {(0, 0): "lead", (1, 0): "lead", (1, 1): "co", (2, 3): "informed"})
    text = role_content(summary, lang, 116).plain
    assert text == role_content(summary, lang, 400).plain   # the room it has is all it needs
    header, *rows = text.split("\n\n")[0].splitlines()
    assert all(label[0 if lang == "th" else 1] in header for label in labels[1:])   # the first is long: cut
    assert rows[2].split()[-1] == ("รับทราบ" if lang == "th" else "Informed")
    assert "1 = " not in text and "◌" not in text   # no key, no marks


@pytest.mark.parametrize("lang", ["th", "en"])
def test_hostile_names_stay_literal_in_the_compact_matrix(lang: str) -> None:
    hostile = [("[b]x[/b]", "[b]x[/b]"), ("[@click=app.quit]งาน[/]", "[@click=app.quit]task[/]")]
    labels = hostile + [(f"งานที่ {j}", f"Task {j}") for j in range(3, 13)]
    orgs = ["[@click=app.quit]", "[red]อบต.[/red]", *(f"หน่วยงานที่ {i:02d}" for i in range(3, 9))]
    summary = role_summary(orgs, labels, {(i, j): CYCLE[(i + j) % 5] for i in range(8) for j in range(12)})
    drawn = role_content(summary, lang, 100)
    grid, key = matrix_and_key(drawn.plain)
    assert grid.splitlines()[1].startswith("[@click=app.quit] ")
    assert grid.splitlines()[2].startswith("[red]อบต.[/red] ")
    assert f"1 = {hostile[0][0]}," in key and f"2 = {hostile[1][0 if lang == 'th' else 1]}," in key
    assert not [span for span in drawn.spans if "click" in str(span.style) or "red" in str(span.style)]


async def test_answers_arriving_together_recompute_the_board_once_per_frame(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(tmp_path, "pilot-areas", "ประชุมภาคี")
    async with app.run_test(size=(160, 50)) as pilot, phones(12) as devices:
        served = await open_board(pilot, [(phone, [("organisation", "สสจ.")]) for phone in devices], "จังหวัดสตูล")
        screen = cast(SessionScreen, app.screen)
        computed = []
        original = screen._board_data

        def counting() -> dict[str, Any] | None:
            computed.append(1)
            return original()

        monkeypatch.setattr(screen, "_board_data", counting)
        await asyncio.gather(*(answer(phone, served, [("points.area-1", "1")], f"points-{i:04d}")
                               for i, phone in enumerate(devices)))
        await until(pilot, lambda: board_text(app).splitlines()[1].split()[-2:] == ["12", "12"])
        assert 1 <= len(computed) < len(devices)


def test_a_prompt_shows_its_hint_under_it_and_participant_text_stays_literal() -> None:
    from facilitator.core.activity import Bilingual, Step
    from facilitator.tui.screens.session import prompt_with_hint

    with_hint = Step("s", "notes", Bilingual("คำถาม [b]", "Question"), hint=Bilingual("เช่น [/] ตัวอย่าง", "e.g. [/]"))
    assert prompt_with_hint(with_hint, "th").plain == "คำถาม [b]\nเช่น [/] ตัวอย่าง"
    assert prompt_with_hint(with_hint, "en").plain == "Question\ne.g. [/]"
    bare = Step("s", "notes", Bilingual("คำถาม", "Question"))
    assert prompt_with_hint(bare, "th").plain == "คำถาม"
