"""The home screen's sessions table at 80×24, 120×45 and 160×45, in Thai and in English: every column shows,
its header whole and in order, the date, status and counts of a session whole, and the table fits its width
(a long title gives way, cut with "…")."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable

from activities import load
from facilitator.core.i18n import format_date, t
from facilitator.tui.screens.home import COLUMNS, HomeScreen
from facilitator.tui.widgets.columns import squeezed
from tests.support import make_app, screen_text, until

TITLE = "ประชุมภาคีเครือข่ายตำบลท่าข้ามเพื่อการพัฒนาคุณภาพชีวิตผู้สูงอายุและผู้พิการ ครั้งที่ 1"


def in_order(line: str, parts: list[str]) -> bool:
    """Whether ``line`` shows every one of ``parts`` whole, one after the other."""
    for part in parts:
        found = line.find(part)
        if found < 0:
            return False
        line = line[found + len(part):]
    return True


@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize("size", [(80, 24), (120, 45), (160, 45)], ids=["80x24", "120x45", "160x45"])
async def test_every_column_of_the_sessions_table_shows_and_the_table_fits_its_width(
    tmp_path: Path, size: tuple[int, int], lang: str,
) -> None:
    app = make_app(tmp_path, None, lang=lang)
    async with app.run_test(size=size) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await app.workshop.open_session(load("bar"), TITLE, lang=lang)
        app.screen.refresh_all()  # type: ignore[attr-defined]
        table = app.screen.query_one("#sessions", DataTable)
        await until(pilot, lambda: table.row_count == 1 and 0 < table.virtual_size.width <= table.size.width,
                    "the table within its width")
        assert table.region.right <= app.size.width
        date = format_date(app.store.sessions()[0]["created_at"], lang)
        header, row = [t(key, lang) for key in COLUMNS], [date, TITLE[:8], t("lobby", lang), "0", "0"]

        def drawn(words: list[str]) -> bool:
            return any(in_order(line, words) for line in screen_text(app).splitlines())

        await until(pilot, lambda: drawn(header) and drawn(row), "every column's header and cell drawn whole")


def test_a_table_too_wide_gives_way_from_its_widest_column_down_to_each_columns_floor() -> None:
    natural, floors = [17, 40, 26, 7, 12, 7], [17, 8, 8, 7, 12, 7]   # date, title, activity, status, counts
    assert squeezed(natural, 80, gap=0, floors=floors) == (17, 18, 19, 7, 12, 7)
    assert squeezed(natural, 40, gap=0, floors=floors) == tuple(floors)   # no column below its floor
