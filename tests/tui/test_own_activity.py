"""An activity of the facilitator's own (a file in ``<data dir>/activities/``) in the app's new-session dialog:
offered beside the built-in ones and started by its id; a file broken since the dialog opened is refused, and the
app stays on the home screen."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Select

from activities.library import own_dir
from tests.support import make_app, session_started, until
from tests.tui.test_start_anonymous import new_session_dialog
from tests.unit.test_activity_commands import doc_example


def with_own_activity(data_dir: Path) -> Path:
    folder = own_dir(data_dir)
    folder.mkdir(parents=True)
    path = folder / "village.toml"
    path.write_text(doc_example(), encoding="utf-8")
    return path


async def test_the_dialog_offers_and_starts_an_own_activity(tmp_path: Path) -> None:
    with_own_activity(tmp_path)
    app = make_app(tmp_path, activity=None, lang="en")
    async with app.run_test(size=(140, 40)) as pilot:
        await new_session_dialog(pilot)
        picker = app.screen.query_one("#activity", Select)
        assert ("Preparing the older people's health day", "village-health-day") in picker._options
        picker.value = "village-health-day"
        app.screen.query_one("#title", Input).value = "วันสุขภาพ"
        await pilot.click("#ok")
        live = await session_started(pilot)
        assert live.session.activity.id == "village-health-day" and len(live.session.activity.steps) == 4


async def test_a_file_broken_since_the_dialog_opened_is_refused(tmp_path: Path) -> None:
    path = with_own_activity(tmp_path)
    app = make_app(tmp_path, activity=None, lang="en")
    async with app.run_test(size=(140, 40)) as pilot:
        await new_session_dialog(pilot)
        app.screen.query_one("#activity", Select).value = "village-health-day"
        path.write_text(doc_example().replace('kind = "points"', 'kind = "vote"'), encoding="utf-8")
        await pilot.click("#ok")
        await until(pilot, lambda: any("unknown activity 'village-health-day'" in str(n.message)
                                       for n in app._notifications), "the refusal to be shown")
        assert not app.workshop.room.lives()
