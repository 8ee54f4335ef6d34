"""The projector look (``b``, ``--theme projector``, remembered in the data directory), ``?`` listing the keys
of the screen in its language, and the palette's screenshot saved in the data directory."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Digits, Static

from facilitator.__main__ import parse_args
from facilitator.tui.projector import DEFAULT_THEME, PROJECTOR_CLASS
from facilitator.tui.screens.help import HelpScreen
from facilitator.tui.screens.home import HomeScreen
from facilitator.tui.screens.session import SessionScreen
from tests.support import make_app, palette_command, screen_text, until


async def test_b_switches_to_the_projector_look_and_the_data_directory_remembers_it(tmp_path: Path) -> None:
    app = make_app(tmp_path, "bar")
    async with app.run_test(size=(140, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))
        assert app.theme == DEFAULT_THEME and app.screen.query_one("#bar").region.height == 1
        await pilot.press("b")
        await until(pilot, lambda: app.theme == "projector")
        assert app.has_class(PROJECTOR_CLASS)
        assert str(app.current_theme.background) != str(app.get_theme(DEFAULT_THEME).background)
        await until(pilot, lambda: app.screen.query_one("#bar").region.height == 3, "the taller bar")
        await pilot.press("right")
        await until(pilot, lambda: app.screen.query_one("#prompt").region.height >= 5, "the prompt's band")
        big = app.screen.query_one("#big-joined", Digits)
        await until(pilot, lambda: big.region.height == 3 and big.value == "0", "the big counters")
        await pilot.press("b")
        await until(pilot, lambda: big.region.height == 0 and app.screen.query_one("#bar").region.height == 1)
        await pilot.press("b")

    again = make_app(tmp_path, None)  # the next start, without --theme
    async with again.run_test(size=(140, 40)) as pilot:
        await until(pilot, lambda: isinstance(again.screen, HomeScreen))
        assert again.theme == "projector" and again.has_class(PROJECTOR_CLASS)
        await pilot.press("b")  # back to the look before
        await until(pilot, lambda: again.theme == DEFAULT_THEME and not again.has_class(PROJECTOR_CLASS))

    third = make_app(tmp_path, None, theme="projector")  # --theme overrides what was remembered
    async with third.run_test(size=(140, 40)) as pilot:
        await until(pilot, lambda: isinstance(third.screen, HomeScreen))
        assert third.theme == "projector"


def test_the_command_line_names_the_look() -> None:
    assert parse_args(["--theme", "projector"]).theme == "projector"
    assert parse_args(["run", "bar", "--theme", "default"]).theme == "default"
    assert parse_args([]).theme is None


async def test_question_mark_lists_every_key_of_the_screen_in_its_language(tmp_path: Path) -> None:
    app = make_app(tmp_path, "bar")
    async with app.run_test(size=(140, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        keys = str(app.screen.query_one("#help-keys", Static).render())
        for word in ("ถัดไป", "ก่อนหน้า", "ซ่อน/แสดงคำตอบ", "ปิดกิจกรรม", "English", "จอโปรเจกเตอร์"):
            assert word in keys, word
        assert "Scroll" not in keys and "Focus" not in keys  # Textual's own keys, in English, are left out
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))

        await pilot.press("l", "question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        keys = str(app.screen.query_one("#help-keys", Static).render())
        assert "Next" in keys and "Close" in keys and "ภาษาไทย" in keys and "ถัดไป" not in keys
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))


async def test_the_homes_footer_says_what_enter_does_on_each_list(tmp_path: Path) -> None:
    app = make_app(tmp_path, None)
    async with app.run_test(size=(160, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        app.store.create_partnership("ภาคีตำบลท่าข้าม")
        app.screen.refresh_all()  # type: ignore[attr-defined]
        app.screen.query_one("#partnerships").focus()
        await until(pilot, lambda: "ไปที่รายการกิจกรรม" in screen_text(app).splitlines()[-1], "Enter on the list")
        assert "⏎" in screen_text(app).splitlines()[-1]


async def test_the_palettes_screenshot_lands_in_the_data_directory(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # a laptop with no ~/Downloads
    app = make_app(tmp_path / "data", None)
    async with app.run_test(size=(120, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await palette_command(pilot, "บันทึกภาพ", "บันทึกภาพหน้าจอ")
        folder = tmp_path / "data" / "screenshots"
        await until(pilot, lambda: folder.is_dir() and any(folder.glob("*.svg")), "the screenshot")
        path = next(folder.glob("*.svg"))
        assert "<svg" in path.read_text(encoding="utf-8")
        await until(pilot, lambda: any(n.title == "บันทึกภาพหน้าจอแล้ว" and str(path) in str(n.message)
                                       for n in app._notifications), "where it was saved")
