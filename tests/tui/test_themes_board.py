"""The themes board and the word view, driven from the keyboard against the real server and a real data
directory: answers grouped into a theme, renamed, and still there after the app starts again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList, Static

from facilitator.core import themes
from facilitator.core.i18n import t
from facilitator.core.live import LiveSession
from facilitator.tui.app import FacilitatorApp, RoomSettings
from facilitator.tui.screens.confirm import ConfirmScreen
from facilitator.tui.screens.name_dialog import NameDialog
from facilitator.tui.screens.session import SessionScreen
from facilitator.tui.screens.themes import ThemesScreen
from facilitator.tui.screens.words import WordsScreen
from tests.tui.test_thai_keyboard import typed
from facilitator.store import Store
from tests.support import (
    LOOPBACK,
    answer,
    close_session,
    join,
    live_of,
    make_app,
    phones,
    screen_text,
    served_by,
    session_joined,
    until,
    wall_texts,
)

SIZE = (140, 45)
#: Three answers; the first two share the word ข้อมูล (and ทุกตำบล).
ANSWERS = [
    "ทุกตำบลใช้ข้อมูลผู้สูงอายุชุดเดียวกัน",
    "มีข้อมูลกลางที่ทุกตำบลเปิดดูได้",
    "ประชุมร่วมกันทุกเดือน",
]
#: What the facilitator names the theme: markup that must stay characters.
NAME = "ข้อมูล [/] [@click=app.quit]x"
RENAMED = "ข้อมูลกลาง [b]"


async def answered(pilot: Pilot[Any], texts: list[str] = ANSWERS) -> None:
    """Two phones join, the first step opens, and they send ``texts`` in turn; wait for the wall."""
    app = pilot.app
    assert isinstance(app, FacilitatorApp)
    async with phones(2) as devices:
        served = await session_joined(pilot, *((device, {"organisation": "รพ.สต.บ้านนา"}) for device in devices))
        await pilot.press("right")
        await until(pilot, lambda: served.step == 0, "the first step")
        for i, text in enumerate(texts):
            await answer(devices[i % 2], served, {"text": text}, f"answer-{i:04d}")
    await until(pilot, lambda: wall_texts(app) == texts, "the answers on the wall")


async def type_name(pilot: Pilot[Any], name: str) -> None:
    """Replace what the name dialog's box holds with ``name``, and confirm."""
    await until(pilot, lambda: isinstance(pilot.app.screen, NameDialog), "the name dialog")
    pilot.app.screen.query_one(Input).value = name
    await pilot.press("enter")


def board(app: FacilitatorApp) -> ThemesScreen:
    assert isinstance(app.screen, ThemesScreen)
    return app.screen


async def board_opened(pilot: Pilot[Any]) -> LiveSession:
    """The answers on the wall (see :func:`answered`), then ``g``: the session, its themes board on screen."""
    await answered(pilot)
    await pilot.press("g")
    await until(pilot, lambda: isinstance(pilot.app.screen, ThemesScreen), "the themes board")
    assert isinstance(pilot.app, FacilitatorApp)
    return live_of(pilot.app)


async def test_two_answers_grouped_renamed_and_back_after_a_restart(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        live = await board_opened(pilot)
        await pilot.press("n")
        await type_name(pilot, NAME)
        await until(pilot, lambda: [t.name for t in live.session.themes] == [NAME], "the theme created")
        await until(pilot, lambda: NAME in screen_text(app), "the theme's name drawn as typed")
        # The first answer is highlighted: 1 puts it in theme 1; then the second.
        await pilot.press("1")
        await pilot.press("down", "1")
        ids = [a.id for a in live.answers_for(0)]
        await until(pilot, lambda: live.session.themes[0].answers == tuple(ids[:2]), "two answers in the theme")
        # 0 takes one out, 1 puts it back.
        await pilot.press("0")
        await until(pilot, lambda: live.session.themes[0].answers == (ids[0],), "one taken out")
        await pilot.press("1")
        await until(pilot, lambda: len(live.session.themes[0].answers) == 2, "put back")
        await pilot.press("tab")
        assert app.focused is app.screen.query_one("#themes", OptionList)
        await pilot.press("r")
        await type_name(pilot, RENAMED)
        await until(pilot, lambda: live.session.themes[0].name == RENAMED, "the theme renamed")
        await until(pilot, lambda: RENAMED in screen_text(app), "the new name drawn")
        # Deleting a theme with answers is refused, and says why.
        await pilot.press("d")
        refusal = t("themes_not_empty", "th")
        await until(pilot, lambda: any(n.message == refusal for n in app._notifications), "the refusal")
        assert len(live.session.themes) == 1
        await pilot.press("escape")
        assert isinstance(app.screen, SessionScreen)
        session_id = live.session.id

    again = FacilitatorApp(Store(tmp_path), RoomSettings(LOOPBACK, 0, "th"), offer_resume=True)
    async with again.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(again.screen, ConfirmScreen), "the offer to resume")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(again.screen, SessionScreen), "the session")
        live = live_of(again)
        assert live.session.id == session_id
        await pilot.press("g")
        await until(pilot, lambda: isinstance(again.screen, ThemesScreen), "the themes board")
        await until(pilot, lambda: RENAMED in screen_text(again), "the theme after the restart")
        grouped = themes.grouped(live.session.themes, live.answers_for(0), 0)
        assert [(th.name if th else None, [a.text for a in group]) for th, group in grouped] == [
            (RENAMED, ANSWERS[:2]), (None, ANSWERS[2:]),
        ]


@pytest.mark.parametrize("keys", [("s",), ("tab", "tab", "enter")], ids=["s", "enter-on-the-list"])
async def test_a_suggestion_becomes_a_theme_with_one_key(tmp_path: Path, keys: tuple[str, ...]) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        live = await board_opened(pilot)
        await until(pilot, lambda: board(app)._suggested, "the suggestions")
        shown = board(app)._suggested[0]
        assert shown.word in {"ข้อมูล", "ตำบล", "ทุกตำบล"}
        await pilot.press(*keys)
        ids = tuple(a.id for a in live.answers_for(0)[:2])
        await until(pilot, lambda: [(t.name, t.answers) for t in live.session.themes] == [(shown.word, ids)],
                    "the suggested theme with both answers")


async def test_the_word_view_lists_segmented_words(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await answered(pilot)
        await pilot.press("w")
        await until(pilot, lambda: isinstance(app.screen, WordsScreen), "the word view")
        table = app.screen.query_one(DataTable)
        await until(pilot, lambda: table.row_count > 0, "the words counted")
        rows = {str(table.get_row_at(i)[0]): table.get_row_at(i)[1] for i in range(table.row_count)}
        assert rows["ข้อมูล"] == 2 and rows["ผู้สูงอายุ"] == 1 and rows["ประชุม"] == 1
        assert "ที่" not in rows  # a stop word
        await pilot.press("escape")
        assert isinstance(app.screen, SessionScreen)


@pytest.mark.parametrize("key", ["g", "w"])
async def test_boards_and_the_lobby_offer_no_themes(tmp_path: Path, key: str) -> None:
    app = make_app(tmp_path, "role-split")
    async with app.run_test(size=SIZE) as pilot:
        await session_joined(pilot)
        await pilot.press(key)  # the join screen: no step
        assert isinstance(app.screen, SessionScreen)
        await pilot.press("right")
        await until(pilot, lambda: live_of(app).session.step == 0, "the role-claim step")
        await pilot.press(key)  # a board, not a wall of cards
        assert isinstance(app.screen, SessionScreen)


async def test_the_close_summary_shows_the_themes_with_their_answers(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await answered(pilot)
        live = live_of(app)
        ids = [a.id for a in live.answers_for(0)]
        await live.change_themes(lambda found: themes.create(found, 0, NAME, ids[1:]))
        await close_session(pilot)
        shown = str(app.screen.query_one("#themes-summary", Static).render())
        assert shown.index(NAME) < shown.index(ANSWERS[1]) < shown.index(ANSWERS[2])
        assert shown.index(t("themes_other", "th")) < shown.index(ANSWERS[0])
        await until(pilot, lambda: NAME in screen_text(app), "the theme's name drawn as typed")


def test_number_keys_answer_in_thai_mode_too() -> None:
    merged = ThemesScreen._merged_bindings
    assert merged is not None
    for n, char in enumerate("จๅ/-ภถุึคต"):
        (event,) = typed(char)
        assert [b.action for b in merged.key_to_bindings.get(event.key, [])] == [f"move({n})"], char


async def test_answers_arriving_while_the_board_is_open_join_its_list(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        live = await board_opened(pilot)
        served = served_by(app)
        cards = app.screen.query_one("#cards", OptionList)
        assert cards.option_count == len(ANSWERS)
        async with phones(1) as (late,):
            await join(late, served, {"organisation": "อบต.ท่าข้าม"})
            for i in range(3):
                await answer(late, served, {"text": f"ข้อมูลกลางของตำบล {i} [/] [@click=app.quit]x"}, f"late-{i:04d}")
        await until(pilot, lambda: cards.option_count == len(ANSWERS) + 3, "the new answers on the board")
        assert live.count_for(0) == len(ANSWERS) + 3
        await until(pilot, lambda: len(board(app)._suggested[0].answers) == 5, "suggestions with them")
        await until(pilot, lambda: "ตำบล 2 [/] [@click=app.quit]x" in screen_text(app), "the markup as typed")


async def test_a_step_without_answers_says_so_in_both_views(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await session_joined(pilot)
        await pilot.press("right")
        await until(pilot, lambda: live_of(app).session.step == 0, "the first step")
        await pilot.press("w")
        await until(pilot, lambda: isinstance(app.screen, WordsScreen), "the word view")
        note = app.screen.query_one("#words-note", Static)
        await until(pilot, lambda: str(note.render()) == t("words_none", "th"), "no words yet")
        assert not app.screen.query_one(DataTable).display
        await pilot.press("escape", "g")
        await until(pilot, lambda: isinstance(app.screen, ThemesScreen), "the themes board")
        cards = app.screen.query_one("#cards", OptionList)
        assert cards.option_count == 1 and cards.get_option_at_index(0).disabled
        assert t("no_answers_yet", "th") in screen_text(app)
        await pilot.press("1", "0", "d", "r", "s")  # nothing to move, rename, delete or accept
        assert live_of(app).session.themes == [] and isinstance(app.screen, ThemesScreen)
