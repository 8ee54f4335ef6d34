"""A dialog opened over the session screen has a footer of its own: it shows the keys that work in the dialog,
in Thai and in English, at 80 and at 120 columns, and none of the session's, which wait until it closes."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator.core.i18n import t
from facilitator.tui.screens.add_task import AddTaskScreen
from facilitator.tui.screens.confirm import ConfirmScreen
from facilitator.tui.screens.export_choice import ExportChoiceScreen
from facilitator.tui.screens.session import SessionScreen
from facilitator.tui.screens.set_timer import SetTimerScreen
from tests.support import make_app, session_started, until
from tests.tui.test_session_footer import footer_entries, footer_line

#: The session's key, the dialog it opens, and that dialog's keys: (key shown, message key of what it does).
DIALOGS = [
    ("c", ConfirmScreen, [("y", "yes"), ("esc", "no")]),
    ("t", SetTimerScreen, [("⏎", "timer_start"), ("esc", "cancel")]),
    ("a", AddTaskScreen, [("esc", "cancel")]),
    ("s", ExportChoiceScreen, [("esc", "cancel")]),
]


@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize("size", [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")])
async def test_a_dialog_over_the_session_shows_its_own_keys_and_none_of_the_sessions(
    tmp_path: Path, size: tuple[int, int], lang: str,
) -> None:
    app = make_app(tmp_path, "role-split", lang=lang)
    async with app.run_test(size=size) as pilot:
        live = await session_started(pilot)
        await pilot.press("right")   # a role step: every one of these dialogs can be opened
        await until(pilot, lambda: live.session.step == 0 and f"← {t('previous', lang)}" in footer_entries(app),
                    "the first step, its keys in the footer")
        session = app.screen
        for key, dialog, keys in DIALOGS:
            theirs = footer_entries(app)
            await pilot.press(key)
            await until(pilot, lambda: isinstance(app.screen, dialog), dialog.__name__)
            own = [f"{shown} {t(what, lang)}" for shown, what in keys]
            # The last line of the screen: the dialog's keys, whole, and nothing else.
            await until(pilot, lambda: footer_line(app).split() == " ".join(own).split(),
                        f"the footer of {dialog.__name__}")
            assert not [entry for entry in theirs if entry in footer_line(app)]
            assert footer_entries(app) == own
            await pilot.press("escape")
            await until(pilot, lambda: app.screen is session and f"c {t('close', lang)}" in footer_line(app),
                        "the session's own footer again")
        assert isinstance(session, SessionScreen)
