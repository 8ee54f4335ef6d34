"""The dot vote's live ranking as the room sees it, as snapshots at 80×24 and 160×45: the BAR's vote over its
challenges after three phones voted. The join code, the address on screen, the records' clock and the step
timer are pinned as in :mod:`tests.tui.test_snapshots` (its autouse fixture, imported here)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from activities import load
from tests.support import answer, make_app, phones, screen_text, session_joined, until
from tests.tui.test_snapshots import SIZES, joins, pinned  # noqa: F401 - pinned: the autouse fixture

STEPS = [step.id for step in load("bar").steps]
CHALLENGES = ["เวลาว่างของภาคีไม่ตรงกัน", "ข้อมูลผู้ป่วยกระจายอยู่หลายหน่วยงาน", "ไม่มีงบประมาณต่อเนื่อง",
              "คนทำงานย้ายบ่อย"]
#: Each phone's dots, by challenge number.
BALLOTS = [(1, 2, 0), (1, 2), (1, 3, 2)]


async def three_phones_voted(pilot: Pilot[Any]) -> None:
    async with phones(3) as devices:
        served = await session_joined(pilot, *joins(devices))
        for _ in range(STEPS.index("challenges") + 1):
            await pilot.press("right")
        await until(pilot, lambda: served.step == STEPS.index("challenges"), "the challenges step")
        for number, text in enumerate(CHALLENGES):
            await answer(devices[number % 3], served, {"text": text}, f"challenge-{number:04d}")
        notes = served.live.answers_for(STEPS.index("challenges"))
        await pilot.press("right")
        await until(pilot, lambda: served.step == STEPS.index("challenges-vote"), "the vote")
        for who, picks in enumerate(BALLOTS):
            await answer(devices[who], served, {f"dots.{notes[i].id}": "1" for i in picks}, f"ballot-{who:04d}")
    await until(pilot, lambda: "โหวตแล้ว 3 คน · 8 จุด" in screen_text(pilot.app), "every ballot on the board")


@pytest.mark.parametrize("size", SIZES)
def test_vote_board(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(tmp_path), run_before=three_phones_voted, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_vote_board_projector(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(tmp_path, theme="projector"), run_before=three_phones_voted, terminal_size=size)
