"""The home screen's footer at 80 and at 120 columns, in Thai and in English: each entry it shows is whole, and
the keys a facilitator needs to get a session going — open one, start one, the list of keys, quit — are among
them; the partnership's rarer keys are the ones left out."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator.core.i18n import t
from facilitator.tui.screens.home import HomeScreen
from tests.support import make_app, until
from tests.tui.test_session_footer import cut_off, footer_entries


@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize("size", [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")])
async def test_the_home_footer_shows_the_keys_that_matter_most_whole(
    tmp_path: Path, size: tuple[int, int], lang: str,
) -> None:
    app = make_app(tmp_path, None, lang=lang)
    needed = [f"l {t('switch_language', lang)}", f"? {t('keys_help', lang)}", f"⏎ {t('open', lang)}",
              f"n {t('new_session', lang)}", f"q {t('quit', lang)}"]
    async with app.run_test(size=size) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "the home screen")
        await until(pilot, lambda: set(needed) <= set(footer_entries(app)), "the home screen's footer")
        assert cut_off(app) == []
        shown = footer_entries(app)
        assert f"d {t('delete', lang)}" not in shown   # the rarest key goes first
        assert shown.index(f"n {t('new_session', lang)}") < shown.index(f"q {t('quit', lang)}")   # in order


@pytest.mark.parametrize("lang", ["th", "en"])
async def test_on_a_wide_screen_the_home_footer_shows_every_key(tmp_path: Path, lang: str) -> None:
    app = make_app(tmp_path, None, lang=lang)
    async with app.run_test(size=(200, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "the home screen")
        await until(pilot, lambda: f"d {t('delete', lang)}" in footer_entries(app), "every key at 200 columns")
        rarer = [f"{key} {t(what, lang)}" for key, what in
                 [("p", "new_partnership"), ("m", "merge"), ("s", "stage"), ("v", "progress"), ("d", "delete")]]
        assert set(rarer) <= set(footer_entries(app)) and cut_off(app) == []
