"""The new-session dialog asks where, by whom and when the meeting is held (all optional) and keeps them in the
record; a date it cannot read is said on screen and nothing starts."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Label

from facilitator.core.i18n import t
from facilitator.core.model import SessionDetails
from facilitator.tui.screens.new_session import NewSessionScreen
from tests.support import make_app, session_started, until
from tests.tui.test_start_anonymous import new_session_dialog


async def test_place_facilitator_and_time_are_kept(tmp_path: Path) -> None:
    app = make_app(tmp_path, activity=None, lang="th")
    async with app.run_test(size=(140, 45)) as pilot:
        await new_session_dialog(pilot)
        dialog = app.screen
        dialog.query_one("#title", Input).value = "ภาคีตำบลหนองบัว"
        dialog.query_one("#place", Input).value = "ศาลาประชาคม"
        dialog.query_one("#facilitator", Input).value = "น้ำฝน"
        held = dialog.query_one("#held_at", Input)
        held.value = "3/12/2569 25:00"
        held.focus()
        await pilot.press("enter")   # Enter in any of the boxes starts, as the start button does
        error = dialog.query_one("#details-error", Label)
        await until(pilot, lambda: str(error.content) == t("bad_held_at", "th"), "the message on screen")
        assert isinstance(app.screen, NewSessionScreen) and app.screen.focused is held
        held.value = "3/12/2569 09:30"
        await pilot.press("enter")
        live = await session_started(pilot)
        expected = SessionDetails("ศาลาประชาคม", "น้ำฝน", "2026-12-03T09:30+07:00")
        assert live.session.details == expected
        assert app.store.load(live.session.id).session.details == expected


async def test_left_empty_they_are_not_asked_again(tmp_path: Path) -> None:
    app = make_app(tmp_path, activity=None, lang="en")
    async with app.run_test(size=(100, 40)) as pilot:
        await new_session_dialog(pilot)
        title = app.screen.query_one("#title", Input)
        title.value = "BAR"
        title.focus()
        await pilot.press("enter")
        live = await session_started(pilot)
        assert live.session.details == SessionDetails() and "details" not in live.session.to_dict()
