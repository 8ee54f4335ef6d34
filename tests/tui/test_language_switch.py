"""``l`` switches every screen between Thai and English while the app runs; the command palette and the
notifications speak the screens' language too. Phones keep the language they chose."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from textual.command import CommandInput, CommandList, CommandPalette
from textual.widgets import Button, Footer

from facilitator.core.i18n import t
from facilitator.tui.screens.home import HomeScreen
from facilitator.tui.screens.partnership_forms import NewPartnershipScreen
from facilitator.tui.screens.session import SessionScreen
from facilitator.tui.widgets.qr_code import QRCode
from facilitator.tui.widgets.wall import AnswerWall
from tests.support import (
    answer,
    close_session,
    make_app,
    palette_command,
    phones,
    screen_text,
    session_joined,
    until,
    wall_texts,
)


def footer_text(app: object) -> str:
    """What the current screen's footer shows."""
    footer = app.screen.query_one(Footer)  # type: ignore[attr-defined]
    return " ".join(str(item.render()) for item in footer.query("FooterKey"))


def palette_entries(app: object) -> list[str]:
    """The titles the open command palette lists (each entry: its title, a newline, its help)."""
    commands = app.screen.query_one(CommandList)  # type: ignore[attr-defined]
    return [str(commands.get_option_at_index(i).prompt).split("\n")[0] for i in range(commands.option_count)]


async def test_l_redraws_the_wall_its_footer_and_the_palette_in_the_other_language(tmp_path: Path) -> None:
    app = make_app(tmp_path, "bar")
    async with app.run_test(size=(140, 40)) as pilot:
        async with phones(1) as (phone,):
            served = await session_joined(pilot, (phone, {"organisation": "อบต.ท่าข้าม"}))
            await pilot.press("right")
            await until(pilot, lambda: served.step == 0, "the first step")
            await answer(phone, served, {"text": "ข้อมูลชุดเดียวกัน"}, "answer-0001")
            await until(pilot, lambda: wall_texts(app) == ["ข้อมูลชุดเดียวกัน"], "the answer on the wall")
        await until(pilot, lambda: "ข้อ 1 จาก 6" in screen_text(app) and "ถัดไป" in footer_text(app))
        assert "เป้าหมายของเราคืออะไร" in screen_text(app)

        await pilot.press("l")
        await until(pilot, lambda: "Step 1 of 6" in screen_text(app), "the bar in English")
        text = screen_text(app)
        assert "What are our intended results" in text and "ข้อ 1 จาก 6" not in text
        assert "Next" in footer_text(app) and "ภาษาไทย" in footer_text(app)
        assert wall_texts(app) == ["ข้อมูลชุดเดียวกัน"]  # the room's answers stay on the wall, as typed
        assert served.live.session.lang == "th"  # the session (and its phones) keep their language

        await pilot.press("ctrl+p")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        await until(pilot, lambda: "ภาษาไทย (Thai)" in palette_entries(app), "the palette's entries")
        entries = palette_entries(app)
        assert "Screenshot" in entries and "Quit" in entries
        assert app.screen.query_one(CommandInput).placeholder == "Search for a command…"
        await pilot.press("escape")

        await pilot.press("l")
        await until(pilot, lambda: "ข้อ 1 จาก 6" in screen_text(app) and "ถัดไป" in footer_text(app))
        await pilot.press("ctrl+p")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        await until(pilot, lambda: "English (ภาษาอังกฤษ)" in palette_entries(app), "the palette in Thai")
        assert {"บันทึกภาพหน้าจอ", "ออกจากโปรแกรม", "แป้นลัด"} <= set(palette_entries(app))
        assert app.screen.query_one(CommandInput).placeholder == "ค้นหาคำสั่ง…"


async def test_hidden_answers_stay_hidden_and_the_screen_below_catches_up(tmp_path: Path) -> None:
    app = make_app(tmp_path, "bar")
    async with app.run_test(size=(140, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))
        await pilot.press("right")
        await until(pilot, lambda: "ข้อ 1 จาก 6" in screen_text(app))
        await pilot.press("h")
        await until(pilot, lambda: app.screen.query_one(AnswerWall).hidden_answers)

        await pilot.press("l")
        await until(pilot, lambda: "Step 1 of 6" in screen_text(app))
        assert app.screen.query_one(AnswerWall).hidden_answers, "switching language revealed hidden answers"
        assert "Answers hidden" in screen_text(app)

        await pilot.press("escape")  # home was composed in Thai, under the wall
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await until(pilot, lambda: "All sessions" in screen_text(app) and "New session" in footer_text(app))
        assert "ทุกกิจกรรม" not in screen_text(app)


async def test_moving_back_from_the_join_screen_says_so_in_the_screens_language(tmp_path: Path) -> None:
    app = make_app(tmp_path, "bar", lang="en")
    async with app.run_test(size=(140, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))
        await pilot.press("left")
        await until(pilot, lambda: any("This is the join screen already" in str(n.message)
                                       for n in app._notifications), "the notice")
        assert not any("lobby" in str(n.message) for n in app._notifications)


async def test_the_title_and_the_forms_buttons_follow_the_language(tmp_path: Path) -> None:
    app = make_app(tmp_path, None)
    async with app.run_test(size=(140, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert app.title == "คุณอำนวย (Facilitator)"
        await pilot.press("p")
        await until(pilot, lambda: isinstance(app.screen, NewPartnershipScreen))
        assert str(app.screen.query_one("#ok", Button).label) == "ตกลง"
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("l")
        await until(pilot, lambda: app.title == "Facilitator" and "Partnerships" in screen_text(app))
        await pilot.press("p")
        await until(pilot, lambda: isinstance(app.screen, NewPartnershipScreen))
        assert str(app.screen.query_one("#ok", Button).label) == "OK"


async def test_the_join_screen_keeps_its_big_qr_code_and_the_summary_follows(tmp_path: Path) -> None:
    app = make_app(tmp_path, "bar")
    async with app.run_test(size=(160, 45)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))
        await until(pilot, lambda: app.screen.query_one("#big-qr", QRCode).scale > 1, "the big QR code")
        scale = app.screen.query_one("#big-qr", QRCode).scale
        await pilot.press("l")
        await until(pilot, lambda: "Scan to join" in screen_text(app))
        await until(pilot, lambda: app.screen.query_one("#big-qr", QRCode).scale == scale, "the same QR size")
        await close_session(pilot)
        await until(pilot, lambda: "Summary" in screen_text(app))
        await pilot.press("l")
        await until(pilot, lambda: "สรุปผล" in screen_text(app) and "Summary" not in screen_text(app))


async def test_the_palettes_language_command_switches_the_screen_below(tmp_path: Path) -> None:
    app = make_app(tmp_path, None)
    async with app.run_test(size=(140, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await palette_command(pilot, "English", "English (ภาษาอังกฤษ)")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen) and "New session" in footer_text(app))
        assert "All sessions" in screen_text(app)


async def search_finds_nothing(pilot: Pilot[int], placeholder: str, typed: str) -> str:
    """Type ``typed`` into the command palette prompting with ``placeholder``, where nothing matches it; the screen
    once the palette has said so."""
    app = pilot.app
    await until(pilot, lambda: isinstance(app.screen, CommandPalette)
                and app.screen.query_one(CommandInput).placeholder == placeholder, placeholder)
    await pilot.press(*typed)
    commands = app.screen.query_one(CommandList)
    await until(pilot, lambda: commands.option_count == 1 and commands.get_option_at_index(0).disabled,
                "the palette saying nothing matched")
    await pilot.pause()
    return screen_text(app)


@pytest.mark.parametrize("lang", ["th", "en"])
async def test_the_palette_says_in_the_screens_language_that_nothing_matched(tmp_path: Path, lang: str) -> None:
    app = make_app(tmp_path, "bar", lang=lang)
    async with app.run_test(size=(140, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))
        await pilot.press("ctrl+p")
        said = await search_finds_nothing(pilot, t("palette_placeholder", lang), "zqzq")
        assert t("palette_no_matches", lang) in said and (lang == "en") == ("No matches" in said)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))
        await palette_command(pilot, "ชุดสี" if lang == "th" else "colour", t("cmd_theme", lang))
        picker = t("theme_placeholder", lang)   # the theme picker too
        said = await search_finds_nothing(pilot, picker, "zqzq")
        assert t("palette_no_matches", lang) in said and (lang == "en") == ("No matches" in said)


async def test_the_screens_timers_wait_while_it_is_composed_again(tmp_path: Path) -> None:
    app = make_app(tmp_path, "bar")
    async with app.run_test(size=(140, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, SessionScreen))
        screen = app.screen
        drawn: list[object] = []  # a timer that reads the screen's widgets, as the bar's clock does
        screen.set_interval(0.001, lambda: drawn.append(screen.query_one("#bar")))
        for words in ["Scan to join", "สแกนเพื่อเข้าร่วม"] * 3:
            await pilot.press("l")
            await until(pilot, lambda: words in screen_text(app), words)
        assert drawn and app.return_code is None
