"""The session's bar at 80 columns: where the session stands is read whole; a long title gives way."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.widgets import Static

from facilitator.core.i18n import t
from tests.support import make_app, session_started, until

LONG_TITLE = "ทบทวนก่อนปฏิบัติการ เครือข่ายสุขภาพอำเภอนาทอง ครั้งที่ 2 ประจำปีงบประมาณ 2570"


@pytest.mark.parametrize("lang", ["th", "en"])
async def test_a_long_title_is_shortened_so_the_counts_show_whole(tmp_path: Path, lang: str) -> None:
    app = make_app(tmp_path, "bar", LONG_TITLE, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await session_started(pilot)
        await pilot.press("right")
        bar = app.screen.query_one("#bar", Static)
        answers = f"{t('answers', lang)} 0"
        await until(pilot, lambda: answers in str(bar.render()), "the first step's counts")
        line = str(bar.render())
        assert line.rstrip().endswith(f"{t('joined', lang)} 0"), line
        assert "…" in line and LONG_TITLE[:10] in line and LONG_TITLE not in line
        assert cell_len(line) <= bar.content_size.width


async def test_a_title_that_fits_is_shown_whole(tmp_path: Path) -> None:
    app = make_app(tmp_path, "bar", "BAR นาทอง")
    async with app.run_test(size=(80, 24)) as pilot:
        await session_started(pilot)
        bar = app.screen.query_one("#bar", Static)
        await until(pilot, lambda: "BAR นาทอง" in str(bar.render()), "the bar")
        assert "…" not in str(bar.render())


async def test_switching_language_keeps_the_time_the_step_has_been_open(tmp_path: Path) -> None:
    app = make_app(tmp_path, "bar", "BAR นาทอง")
    async with app.run_test(size=(120, 30)) as pilot:
        await session_started(pilot)
        await pilot.press("right")
        bar = app.screen.query_one("#bar", Static)
        await until(pilot, lambda: f"{t('answers', 'th')} 0" in str(bar.render()), "the first step")
        app.screen.step_started -= 90   # type: ignore[attr-defined]  # the step opened a minute and a half ago
        await pilot.press("l")
        await until(pilot, lambda: "Step 1 of" in str(app.screen.query_one("#bar", Static).render()), "English")
        assert "Time 01:3" in str(app.screen.query_one("#bar", Static).render())
        await pilot.press("right")   # the next step starts its own time
        await until(pilot, lambda: "Step 2 of" in str(app.screen.query_one("#bar", Static).render()))
        assert "Time 00:0" in str(app.screen.query_one("#bar", Static).render())
