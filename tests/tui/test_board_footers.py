"""The footers of the themes board, of a closed session's summary and of a partnership's progress, at 80 and at
120 columns, in Thai and in English: each entry they show is whole, and the keys a facilitator reaches for —
back (Escape), the list of keys (``?``) and the screen's own main key — are among them; the rarer keys are the
ones left out, and ``?`` still lists them."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList

from facilitator.core.i18n import t
from facilitator.tui.app import FacilitatorApp
from facilitator.tui.screens.home import HomeScreen
from facilitator.tui.screens.progress import ProgressScreen
from facilitator.tui.screens.themes import ThemesScreen
from tests.support import close_session, make_app, session_started, until
from tests.tui.test_session_footer import cut_off, footer_entries, listed_keys

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 36), id="120x36")]
#: Besides: a narrow terminal (a laptop screen split in two), where even a short footer runs out of room.
NARROW = pytest.param((46, 20), id="46x20")


def entry(key: str, what: str, lang: str) -> str:
    """A footer entry as drawn: the key, then what it does in ``lang``."""
    return f"{key} {t(what, lang)}"


async def fitted(pilot: Pilot[int], needed: list[str], what: str) -> list[str]:
    """Wait until the footer shows ``needed`` (in that order) and nothing it shows is cut off; what it shows."""
    app = pilot.app
    assert isinstance(app, FacilitatorApp)

    def fits() -> bool:
        shown = footer_entries(app)
        return [e for e in shown if e in needed] == needed and cut_off(app) == []

    await until(pilot, fits, f"{what}: {needed} shown, nothing cut off")
    return footer_entries(app)


async def themes_board(pilot: Pilot[int]) -> None:
    """The session's first step opened, then ``g``: its themes board."""
    live = await session_started(pilot)
    await pilot.press("right")
    await until(pilot, lambda: live.session.step == 0, "the first step")
    await pilot.press("g")
    await until(pilot, lambda: isinstance(pilot.app.screen, ThemesScreen) and pilot.app.screen.is_mounted,
                "the themes board")


@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize("size", SIZES)
async def test_the_themes_board_footer_keeps_back_help_and_new_theme_whole(
    tmp_path: Path, size: tuple[int, int], lang: str,
) -> None:
    app = make_app(tmp_path, lang=lang)
    async with app.run_test(size=size) as pilot:
        await themes_board(pilot)
        shown = await fitted(pilot, [entry("?", "keys_help", lang), entry("n", "themes_new", lang),
                                     entry("s", "themes_accept", lang), entry("esc", "back", lang)],
                             "the themes board's footer")
        if size[0] == 80:   # the rarest key makes room; ? lists it
            assert entry("d", "themes_delete", lang) not in shown
            rows = await listed_keys(pilot)
            assert any("d" in row and t("themes_delete", lang) in row for row in rows)
        else:
            assert entry("r", "themes_rename", lang) in shown and entry("d", "themes_delete", lang) in shown


async def test_the_themes_board_footer_fits_again_after_the_language_changes(tmp_path: Path) -> None:
    app = make_app(tmp_path, lang="th")
    async with app.run_test(size=(80, 24)) as pilot:
        await themes_board(pilot)
        await fitted(pilot, [entry("?", "keys_help", "th"), entry("n", "themes_new", "th"),
                             entry("esc", "back", "th")], "the Thai footer")
        await pilot.press("l")
        await fitted(pilot, [entry("?", "keys_help", "en"), entry("n", "themes_new", "en"),
                             entry("esc", "back", "en")], "the English footer")


async def summary_shown(pilot: Pilot[int]) -> None:
    """The session closed from the keyboard: its summary."""
    await session_started(pilot)
    await close_session(pilot)


async def progress_shown(pilot: Pilot[int]) -> None:
    """A partnership made, highlighted in the home screen's list, then ``v``: its progress."""
    app = pilot.app
    assert isinstance(app, FacilitatorApp)
    await until(pilot, lambda: isinstance(app.screen, HomeScreen), "the home screen")
    home = app.screen
    assert isinstance(home, HomeScreen)
    app.store.create_partnership("ภาคีตำบลท่าข้าม", [("อบต.ท่าข้าม", "local_admin")])
    home.refresh_all()
    partnerships = home.query_one("#partnerships", OptionList)
    await until(pilot, lambda: partnerships.option_count == 2, "the partnership in the list")
    partnerships.highlighted = 1
    await pilot.press("v")
    await until(pilot, lambda: isinstance(app.screen, ProgressScreen) and app.screen.is_mounted,
                "the partnership's progress")


@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize("size", [*SIZES, NARROW])
@pytest.mark.parametrize(("activity", "shown_by"), [pytest.param("bar", summary_shown, id="summary"),
                                                    pytest.param(None, progress_shown, id="progress")])
async def test_the_summary_and_progress_footers_keep_home_help_and_export_whole(
    tmp_path: Path, activity: str | None, shown_by: Callable[[Pilot[int]], Awaitable[None]], size: tuple[int, int],
    lang: str,
) -> None:
    app = make_app(tmp_path, activity, lang=lang)
    async with app.run_test(size=size) as pilot:
        await shown_by(pilot)
        shown = await fitted(pilot, [entry("?", "keys_help", lang), entry("e", "export", lang),
                                     entry("esc", "home", lang)], "the footer")
        if size[0] >= 80:   # room for every entry: the language switch and the command palette's key too
            assert shown[0] == entry("l", "switch_language", lang) and len(shown) == 5
