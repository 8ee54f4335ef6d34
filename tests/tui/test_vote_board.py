"""The dot vote on the projected screen: the BAR's vote over its challenges ranks them live as phones (real
aiohttp clients through the real server on loopback) send ballots, a new ballot moves the ranking, and the
result is in the summary after closing."""

from __future__ import annotations

from pathlib import Path

from activities import load
from facilitator.tui.screens.summary import SummaryScreen
from facilitator.tui.widgets.boards import Board, VotesBoard
from tests.support import answer, close_session, make_app, phones, screen_text, session_joined, until

ORGS = ["อบต.ท่าข้าม", "รพ.สต.บ้านนา", "โรงเรียนบ้านนา"]
CHALLENGES = ["เวลาว่างของภาคีไม่ตรงกัน", "[/] [@click=app.quit]ข้อมูลกระจาย", "ไม่มีงบประมาณต่อเนื่อง"]
STEPS = [step.id for step in load("bar").steps]


def board_text(app: object) -> str:
    boards = app.screen.query("#board")  # type: ignore[attr-defined]
    return boards.first(Board).plain if boards else ""


def ranked(text: str) -> list[list[str]]:
    """The board's rows after its header: rank, item words…, dots, voters."""
    rows = text.splitlines()[2:]
    return [row.split() for row in rows if row.strip()]


async def test_the_ranking_follows_the_ballots_as_they_arrive(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(160, 45)) as pilot, phones(3) as devices:
        served = await session_joined(pilot, *((phone, [("organisation", org)]) for phone, org in zip(devices, ORGS)))
        await served.live.goto(STEPS.index("challenges"))
        for number, text in enumerate(CHALLENGES):
            await answer(devices[number], served, {"text": text}, f"challenge-{number:04d}")
        notes = served.live.answers_for(STEPS.index("challenges"))
        await pilot.press("right")
        await until(pilot, lambda: served.step == STEPS.index("challenges-vote") and bool(board_text(app)),
                    "the vote's board")
        assert isinstance(app.screen.query_one("#board"), VotesBoard)
        assert not app.screen.query_one("#wall").display   # the ranking replaces the wall of cards
        assert "โหวตแล้ว 0 คน · 0 จุด" in board_text(app)
        assert CHALLENGES[1] in board_text(app)             # participant text, drawn literally

        await answer(devices[0], served, {f"dots.{notes[2].id}": "1", f"dots.{notes[0].id}": "1"}, "ballot-0001")
        await until(pilot, lambda: "โหวตแล้ว 1 คน · 2 จุด" in board_text(app), "the first ballot")
        await answer(devices[1], served, {f"dots.{notes[2].id}": "1", f"dots.{notes[1].id}": "1"}, "ballot-0002")
        await until(pilot, lambda: "โหวตแล้ว 2 คน · 4 จุด" in board_text(app), "the second ballot")
        rows = ranked(board_text(app))
        assert rows[0][:2] == ["1.", CHALLENGES[2]] and rows[0][-2:] == ["2", "2"]
        assert rows[0][2] == "█" * len(rows[0][2]) and len(rows[0][2]) > len(rows[1][2])   # the longest bar
        # A phone changes its mind: its new ballot replaces the earlier one, and the ranking moves.
        await answer(devices[0], served, {f"dots.{notes[1].id}": "1"}, "ballot-0003")
        await until(pilot, lambda: ranked(board_text(app))[0][1] == "[/]", "the new first place")
        rows = ranked(board_text(app))
        assert rows[0][-2:] == ["2", "2"] and rows[1][1:2] == [CHALLENGES[2]] and rows[1][-2:] == ["1", "1"]
        assert "โหวตแล้ว 2 คน · 3 จุด" in board_text(app)

        await close_session(pilot)
        assert isinstance(app.screen, SummaryScreen)
        summary = app.screen.query_one("#votes-board", VotesBoard).plain
        assert "โหวตแล้ว 2 คน · 3 จุด" in summary and CHALLENGES[1] in summary
        assert "ผลการโหวตด้วยจุด" in screen_text(app)
        saved = next(s for s in app.store.catalog.summaries(served.live.session.id) if s["kind"] == "votes")
        assert [(item["rank"], item["dots"]) for item in saved["steps"][0]["items"]] == [(1, 2), (2, 1), (3, 0)]
