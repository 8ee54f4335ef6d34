"""Drop-down lists show names as typed: an organisation a phone typed as ``[/]…`` or a partnership named with
brackets is words, not Textual markup (which would fail the dialog as it opens)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList, Select

from facilitator.tui.screens.home import HomeScreen
from facilitator.tui.screens.new_session import NewSessionScreen
from facilitator.tui.screens.partnership_forms import MergeScreen
from tests.support import make_app, until

TYPED = "[/]อบต.ท่าข้าม"
STYLED = "[b]รพ.สต.บ้านนา[/b]"


def listed(select: Select[str]) -> list[str]:
    """The words of every option the open list shows."""
    overlay = select.query_one(OptionList)
    return [str(overlay.get_option_at_index(i).prompt) for i in range(overlay.option_count)]


async def test_organisations_to_merge_are_listed_as_typed(tmp_path: Path) -> None:
    app = make_app(tmp_path, None)
    async with app.run_test(size=(140, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        partnership = app.store.create_partnership("ภาคีตำบลท่าข้าม", [(TYPED, ""), (STYLED, "")])
        app.screen.refresh_all()  # type: ignore[attr-defined]
        app.screen.query_one("#partnerships", OptionList).highlighted = 1
        await pilot.press("m")
        await until(pilot, lambda: isinstance(app.screen, MergeScreen))
        duplicate = app.screen.query_one("#duplicate", Select)
        await pilot.click("#duplicate")
        await until(pilot, lambda: duplicate.expanded, "the list open")
        assert listed(duplicate)[1:] == [TYPED, STYLED]
        await pilot.press("escape")
        duplicate.value = TYPED
        app.screen.query_one("#into", Select).value = STYLED
        await pilot.click("#ok")
        await until(pilot, lambda: len(app.store.partnership(partnership.id).organisations) == 1)
        assert [(o.name, o.aliases) for o in app.store.partnership(partnership.id).organisations] == [
            (STYLED, [TYPED])]


async def test_a_partnership_with_brackets_in_its_name_is_offered_for_a_new_session(tmp_path: Path) -> None:
    app = make_app(tmp_path, None)
    async with app.run_test(size=(140, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        app.store.create_partnership("[/] ภาคี [@click=app.quit]ท่าข้าม", [("อบต.ท่าข้าม", "")])
        app.screen.refresh_all()  # type: ignore[attr-defined]
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, NewSessionScreen))
        partnerships = app.screen.query_one("#partnership", Select)
        await pilot.click("#partnership")
        await until(pilot, lambda: partnerships.expanded, "the list open")
        assert "[/] ภาคี [@click=app.quit]ท่าข้าม" in listed(partnerships)
