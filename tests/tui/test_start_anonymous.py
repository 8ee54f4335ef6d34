"""Starting an anonymous session: from the new-session dialog's switch, and from ``facilitator run
--anonymous``; the wall marks it, a phone is asked no name, and its card is signed by its organisation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Checkbox, Input

from facilitator.__main__ import parse_args, start_request
from facilitator.core.live import LiveSession
from facilitator.core.i18n import t
from facilitator.store import Store
from facilitator.tui.app import FacilitatorApp, RoomSettings
from facilitator.tui.screens.home import HomeScreen
from facilitator.tui.screens.new_session import NewSessionScreen
from tests.support import (
    wall_cards,
    LOOPBACK,
    card_text,
    make_app,
    new_phone,
    post_answer,
    post_form,
    screen_text,
    served_by,
    session_started,
    until,
)

FORGED = "Somchai Forged"
ORG = "รพ.สต.บ้านนา"


async def new_session_dialog(pilot: Pilot[Any]) -> None:
    """From home, press n and wait for the new-session dialog."""
    await until(pilot, lambda: isinstance(pilot.app.screen, HomeScreen))
    await pilot.press("n")
    await until(pilot, lambda: isinstance(pilot.app.screen, NewSessionScreen))


async def start_switched_on(pilot: Pilot[Any], switch_id: str, label_key: str, title: str) -> LiveSession:
    """From home, open the new-session dialog, check that its switch ``switch_id`` (labelled ``label_key``) is
    off, give the title, turn the switch on and start; the session started."""
    await new_session_dialog(pilot)
    switch = pilot.app.screen.query_one(f"#{switch_id}", Checkbox)
    assert switch.value is False and t(label_key, "en") in str(switch.label)
    pilot.app.screen.query_one("#title", Input).value = title
    await pilot.click(f"#{switch_id}")
    await until(pilot, lambda: switch.value)
    await pilot.click("#ok")
    return await session_started(pilot)


async def test_the_dialogs_switch_starts_an_anonymous_session(tmp_path: Path) -> None:
    app = make_app(tmp_path, activity=None, lang="en")
    async with app.run_test(size=(140, 40)) as pilot:
        live = await start_switched_on(pilot, "anonymous", "anonymous_switch", "BAR")
        assert live.session.anonymous is True
        assert app.store.load(live.session.id).session.anonymous is True
        await until(pilot, lambda: t("anonymous_mark", "en") in screen_text(app), "the anonymous mark")

        served = served_by(app)
        async with new_phone() as phone:
            await post_form(phone, served, "/j/{code}", {"name": FORGED, "organisation": ORG})
            await until(pilot, lambda: len(live.participants) == 1, "the phone to join")
            await pilot.press("right")
            await until(pilot, lambda: live.session.step == 0, "the first step")
            await post_answer(phone, served, {"text": "ใช้ข้อมูลชุดเดียวกัน"}, "client-0001")
            await until(pilot, lambda: len(wall_cards(app)) == 1, "the card on the wall")
        assert [p.name for p in live.participants.values()] == [""]
        assert card_text(wall_cards(app)[0]).split("\n")[1] == ORG


async def test_a_session_started_without_the_switch_keeps_names(tmp_path: Path) -> None:
    app = make_app(tmp_path, activity=None, lang="en")
    async with app.run_test(size=(140, 40)) as pilot:
        await new_session_dialog(pilot)
        await pilot.click("#ok")
        live = await session_started(pilot)
        assert live.session.anonymous is False
        assert t("anonymous_mark", "en") not in screen_text(app)


async def test_run_anonymous_starts_an_anonymous_session(tmp_path: Path) -> None:
    for argv, anonymous in ((["--anonymous"], True), ([], False)):
        data_dir = tmp_path / str(anonymous)
        args = parse_args(["run", "bar", *argv, "--lang", "th", "--data-dir", str(data_dir)])
        store = Store(data_dir)
        start = start_request(args, store)
        assert start is not None and start.anonymous is anonymous
        app = FacilitatorApp(store, RoomSettings(LOOPBACK, 0, "th"), start)
        async with app.run_test(size=(140, 40)) as pilot:
            live = await session_started(pilot)
            assert live.session.anonymous is anonymous
            shown = t("anonymous_mark", "th") in screen_text(app)
            assert shown is anonymous
