"""The session screen's footer on the projected screen: at 160 and at 120 columns, in Thai and in English, it
shows each of its entries whole — the keys the room needs while a step runs — and ``?`` lists every key of the
screen, those kept out of the footer too. It offers only keys that do something where the session stands."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import aiohttp
import pytest
from textual.binding import Binding
from textual.pilot import Pilot
from textual.widgets import Footer, Static
from textual.widgets._footer import FooterKey, FooterLabel, KeyGroup

from facilitator.core.i18n import t
from facilitator.tui.app import FacilitatorApp
from facilitator.tui.screens.help import HelpScreen
from facilitator.tui.screens.session import SessionScreen
from facilitator.tui.screens.set_timer import SetTimerScreen
from tests.support import make_app, screen_text, session_started, until
from tests.tui.test_session_screen import open_first_step

SIZES = [pytest.param((160, 45), id="160x45"), pytest.param((120, 40), id="120x40")]


def footer_entries(app: FacilitatorApp) -> list[str]:
    """What each entry the footer shows says: a key and what it does ("→ ถัดไป"), or keys shown together and
    what they do together ("t p + จับเวลา")."""
    entries: list[str] = []
    for item in app.screen.query_one(Footer).children:
        if not item.display:
            continue
        if isinstance(item, KeyGroup):
            entries.append(" ".join(key.key_display for key in item.query(FooterKey)))
        elif isinstance(item, FooterLabel):
            entries[-1] += f" {item.render()}"
        elif isinstance(item, FooterKey):
            entries.append(f"{item.key_display} {item.description}")
    return entries


def footer_line(app: FacilitatorApp) -> str:
    """The footer as the screen draws it: its last line."""
    return screen_text(app).splitlines()[-1]


def cut_off(app: FacilitatorApp) -> list[str]:
    """The entries the footer shows that its line does not show whole (cut off at the right)."""
    line = footer_line(app)
    return [entry for entry in footer_entries(app) if entry not in line]


async def listed_keys(pilot: Pilot[int]) -> list[str]:
    """Press ``?`` and wait for the list of keys: its rows, a key and what it does."""
    await pilot.press("question_mark")
    await until(pilot, lambda: isinstance(pilot.app.screen, HelpScreen), "the list of keys")
    return str(pilot.app.screen.query_one("#help-keys", Static).render()).splitlines()


async def step_with_countdown(pilot: Pilot[int], phone: aiohttp.ClientSession, app: FacilitatorApp) -> None:
    """Open the first step (a wall of cards) and start its countdown with t: the most keys the footer offers."""
    served = await open_first_step(pilot, phone, app)
    await pilot.press("t")
    await until(pilot, lambda: isinstance(app.screen, SetTimerScreen), "the timer dialog")
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, SessionScreen) and served.live.timer is not None)
    await until(pilot, lambda: "toggle_timer" in {key.action for key in app.screen.query_one(Footer).query(FooterKey)},
                "the countdown's keys in the footer")


@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize("size", SIZES)
async def test_the_footer_shows_every_entry_whole_on_a_running_step(
    tmp_path: Path, phone: aiohttp.ClientSession, size: tuple[int, int], lang: str,
) -> None:
    app = make_app(tmp_path, lang=lang)
    async with app.run_test(size=size) as pilot:
        await step_with_countdown(pilot, phone, app)
        assert cut_off(app) == []
        assert footer_entries(app) == [
            f"l {t('switch_language', lang)}", f"? {t('keys_help', lang)}", f"→ {t('next', lang)}",
            f"← {t('previous', lang)}", f"h {t('hide', lang)}", f"x {t('hide_card', lang)}",
            f"t p + {t('timer_keys', lang)}", f"j {t('join_screen', lang)}", f"c {t('close', lang)}",
            f"esc {t('home', lang)}",
        ]


async def test_a_role_step_offers_adding_a_task_in_the_footer_at_120_columns(
    tmp_path: Path, phone: aiohttp.ClientSession,
) -> None:
    app = make_app(tmp_path, "role-split")
    async with app.run_test(size=(120, 40)) as pilot:
        await step_with_countdown(pilot, phone, app)
        entries = footer_entries(app)
        assert f"a {t('add_task', 'th')}" in entries and f"x {t('hide_card', 'th')}" not in entries
        assert cut_off(app) == []


@pytest.mark.parametrize("lang", ["th", "en"])
async def test_at_80_columns_the_footer_keeps_the_keys_that_matter_most_whole_and_question_mark_lists_the_rest(
    tmp_path: Path, phone: aiohttp.ClientSession, lang: str,
) -> None:
    app = make_app(tmp_path, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await step_with_countdown(pilot, phone, app)
        kept = [f"l {t('switch_language', lang)}", f"? {t('keys_help', lang)}", f"→ {t('next', lang)}",
                f"← {t('previous', lang)}", f"h {t('hide', lang)}", f"j {t('join_screen', lang)}",
                f"c {t('close', lang)}"]
        await until(pilot, lambda: footer_entries(app) == kept, "the footer fitted to 80 columns")
        assert cut_off(app) == []
        rows = await listed_keys(pilot)
        for key, what in [("x", "hide_card"), ("t", "set_timer"), ("p", "pause_timer"), ("+", "add_minute"),
                          ("esc", "home")]:   # left out of the footer, listed here
            assert any(key in row and t(what, lang) in row for row in rows), (key, what)
        await pilot.press("escape")
        await pilot.resize_terminal(160, 45)   # room again: every entry comes back
        await until(pilot, lambda: len(footer_entries(app)) == 10, "every entry at 160 columns")
        assert cut_off(app) == []


@pytest.mark.parametrize("lang", ["th", "en"])
async def test_question_mark_lists_every_key_the_screen_offers_those_off_the_footer_too(
    tmp_path: Path, phone: aiohttp.ClientSession, lang: str,
) -> None:
    app = make_app(tmp_path, lang=lang)
    async with app.run_test(size=(160, 45)) as pilot:
        await step_with_countdown(pilot, phone, app)
        screen = app.screen
        offered: list[Binding] = [binding for binding in SessionScreen.BINDINGS   # type: ignore[misc]
                                  if isinstance(binding, Binding) and not binding.system
                                  and screen.check_action(binding.action.partition("(")[0], ())]
        off_footer = {binding.key for binding in offered if not binding.show}
        assert {"g", "w", "e", "s", "up", "down"} <= off_footer
        rows = await listed_keys(pilot)
        for binding in offered:
            key = app.get_key_display(replace(binding, key=binding.key.split(",")[0]))
            what = t(binding.description, lang)
            assert any(key in row and what in row for row in rows), (key, what)


@pytest.mark.parametrize("lang", ["th", "en"])
async def test_the_lobby_offers_no_join_screen_key_as_it_shows_the_join_screen_already(
    tmp_path: Path, phone: aiohttp.ClientSession, lang: str,
) -> None:
    app = make_app(tmp_path, lang=lang)
    join = f"j {t('join_screen', lang)}"
    async with app.run_test(size=(160, 45)) as pilot:
        await session_started(pilot)
        await until(pilot, lambda: f"→ {t('next', lang)}" in footer_entries(app), "the lobby's footer")
        assert join not in footer_entries(app) and join not in footer_line(app)
        assert not [row for row in await listed_keys(pilot) if t("join_screen", lang) in row]
        await pilot.press("escape")
        await open_first_step(pilot, phone, app)   # over a step, j shows the join screen again
        await until(pilot, lambda: join in footer_entries(app), "j offered on a step")


@pytest.mark.parametrize("lang", ["th", "en"])
async def test_under_the_list_of_keys_the_footer_shows_its_keys_and_l_switches_the_list_with_the_screen(
    tmp_path: Path, phone: aiohttp.ClientSession, lang: str,
) -> None:
    other = "en" if lang == "th" else "th"
    app = make_app(tmp_path, lang=lang)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_first_step(pilot, phone, app)
        session = app.screen
        await listed_keys(pilot)
        modal = [f"l {t('switch_language', lang)}", f"esc {t('back', lang)}"]   # what works while it is open
        await until(pilot, lambda: footer_entries(app) == modal, "the list's own footer")
        assert footer_line(app).split() == " ".join(modal).split()
        await pilot.press("l")
        await until(pilot, lambda: footer_entries(app) == [f"l {t('switch_language', other)}",
                                                           f"esc {t('back', other)}"], "l in the list")
        rows = str(app.screen.query_one("#help-keys", Static).render())
        assert t("help_title", other) in screen_text(app) and f"{t('next', other)}" in rows
        await until(pilot, lambda: session.lang == other, "the screen under the list switched with it")
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is session and footer_entries(app)[:3] == [
            f"l {t('switch_language', other)}", f"? {t('keys_help', other)}", f"→ {t('next', other)}"],
            "the screen's own footer again, whole")
        assert cut_off(app) == []
