"""The themes board as the room sees it (pytest-textual-snapshot), at 80×24 and 160×45: four Thai answers,
one theme holding two of them, and the suggestions the shared words make. The join code, the address and the
clocks are pinned as in ``test_snapshots.py``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from facilitator.core import words
from facilitator.tui.app import FacilitatorApp
from facilitator.tui.screens.themes import ThemesScreen
from tests.support import live_of, make_app, until
from tests.tui.test_snapshots import SIZES, first_step_answered, pinned  # noqa: F401 (pinned: autouse fixture)
from tests.tui.test_themes_board import type_name

ANSWERS = [
    (0, "ทุกหน่วยงานใช้ข้อมูลผู้ป่วยติดเตียงชุดเดียวกัน"),
    (1, "มีข้อมูลกลางของตำบลที่ทุกหน่วยงานเปิดดูได้"),
    (2, "เด็กนักเรียนช่วยเยี่ยมบ้านผู้สูงอายุทุกเดือน"),
    (0, "อสม. เยี่ยมบ้านผู้ป่วยติดเตียงร่วมกับ รพ.สต."),
]


async def grouped_on_the_board(pilot: Pilot[Any]) -> None:
    await first_step_answered(pilot, [(who, {"text": text}) for who, text in ANSWERS])
    app = pilot.app
    assert isinstance(app, FacilitatorApp)
    live = live_of(app)
    await until(pilot, lambda: live.count_for(0) == len(ANSWERS), "every answer")
    await pilot.press("g")
    await until(pilot, lambda: isinstance(app.screen, ThemesScreen), "the themes board")
    await pilot.press("n")
    await type_name(pilot, "ข้อมูลกลาง")
    await until(pilot, lambda: len(live.session.themes) == 1, "the theme")
    await pilot.press("1", "down", "1", "down")
    await until(pilot, lambda: len(live.session.themes[0].answers) == 2, "two answers in the theme")
    board = app.screen
    assert isinstance(board, ThemesScreen)
    await until(pilot, lambda: words.ready() and board._suggested, "the suggestions")
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_themes_board(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(tmp_path), run_before=grouped_on_the_board, terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_themes_board_projector(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(tmp_path, theme="projector"), run_before=grouped_on_the_board, terminal_size=size)
