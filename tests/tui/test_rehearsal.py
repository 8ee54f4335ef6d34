"""Rehearsal mode in the running app: simulated phones join a demo session over real HTTP, fill its wall and its
role board, follow the facilitator from step to step, and stop cleanly when the session closes or the app
quits; the dialog's switch and ``facilitator run --demo`` start one; home marks it and deletes it unfinished."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable

from activities import load
from facilitator.__main__ import parse_args, start_request
from facilitator.core.i18n import t
from facilitator.core.live import SessionSink
from facilitator.core.model import Answer, Participant, Session, Status
from facilitator.core.workshop import Workshop
from facilitator.rehearsal import load_samples
from facilitator.store import Store
from facilitator.tui.app import FacilitatorApp, RoomSettings, StartRequest
from facilitator.tui.screens.confirm import ConfirmScreen
from facilitator.tui.screens.home import HomeScreen
from facilitator.tui.widgets.boards import RoleBoard
from tests.support import LOOPBACK, close_session, screen_text, session_started, until, wall_cards, wall_texts
from tests.tui.test_start_anonymous import new_session_dialog, start_switched_on

SIZE = (160, 45)
#: Seconds between two actions of a simulated phone: fast, so the test does not wait on people thinking.
FAST = 0.01
ROOM = load_samples()
#: Waits here cover a dozen phones joining and answering over HTTP, each answer fsynced.
LONG = 3000


def rehearsal_app(data: Path, activity: str | None = "bar", *, lang: str = "th") -> FacilitatorApp:
    start = StartRequest(load(activity), "ซ้อม BAR", demo=True) if activity is not None else None
    return FacilitatorApp(Store(data), RoomSettings(LOOPBACK, 0, lang, rehearsal_pace=FAST), start)


def joined_all(app: FacilitatorApp) -> bool:
    (live,) = app.workshop.room.lives()
    return len(live.participants) == len(ROOM.people)


async def test_the_wall_and_the_role_board_fill_from_simulated_phones(tmp_path: Path) -> None:
    app = rehearsal_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        live = await session_started(pilot)
        assert live.session.demo is True
        rehearsal = app.rehearsals[live.session.id]
        await until(pilot, lambda: joined_all(app), "every simulated phone to join", tries=LONG)
        assert {p.organisation for p in live.participants.values()} == {p.organisation for p in ROOM.people}
        assert live.answers == []   # nothing is answered in the lobby
        assert t("rehearsal_mark", "th") in screen_text(app)

        await pilot.press("right")
        await until(pilot, lambda: len(wall_cards(app)) >= len(ROOM.people), "the wall to fill",
                    tries=LONG)
        goals = ROOM.texts("goals")
        assert all(text in goals for text in wall_texts(app))
        assert {a.participant_id for a in live.answers_for(0)} == set(live.participants)

        roles = [step.id for step in live.session.activity.steps].index("roles")
        for _ in range(roles):   # on to the role split (past the vote); the phones follow
            await pilot.press("right")
        await until(pilot, lambda: live.session.step == roles, "the role step")
        await until(pilot, lambda: len({a.data["organisation"] for a in live.answers_for(roles)})
                    == len({o for p in ROOM.people for o in (p.organisation, *p.also)}), "every organisation's claims",
                    tries=LONG)
        board = app.screen.query_one(RoleBoard)
        await until(pilot, lambda: board.display and f"{t('gap', 'th')}: กติกากลาง" in screen_text(app),
                    "the gap on the role board")
        assert f"{t('overlap', 'th')}: ข้อมูลกลาง" in screen_text(app)
        (proposed,) = [p.proposes for p in ROOM.people if p.proposes]
        assert [task.label.th for task in live.session.tasks] == [proposed]   # a phone added a task to split
        (roles,) = [s for s in live.summaries() if s["kind"] == "role_split"]
        assert roles["gaps"] == ["rules", live.session.tasks[0].id] and roles["overlaps"] == ["data"]

        await close_session(pilot)
        assert live.session.status is Status.CLOSED
        assert t("rehearsal_record", "th") in screen_text(app)   # the summary says where the answers came from
        await until(pilot, lambda: not rehearsal.running, "the phones to stop")
        assert rehearsal.problems == [] and live.session.id not in app.rehearsals
    record = Store(tmp_path).load(live.session.id)
    assert record.session.demo is True and len(record.answers) == len(live.answers)


class HeldStore(Store):
    """The real store, whose sessions hold every answer at the door until :attr:`gate` opens: the phones that
    send one wait for the server's reply meanwhile."""

    def __init__(self, data_dir: Path) -> None:
        super().__init__(data_dir)
        self.gate = asyncio.Event()
        self.held = 0

    def sink(self, session: Session) -> SessionSink:
        inner, store = super().sink(session), self

        class Held:
            async def save_session(self, session: Session) -> None:
                await inner.save_session(session)

            async def save_participant(self, participant: Participant) -> None:
                await inner.save_participant(participant)

            async def save_answer(self, answer: Answer) -> None:
                store.held += 1
                await store.gate.wait()
                await inner.save_answer(answer)

            async def close_session(self, session: Session, summaries: list[dict[str, Any]]) -> None:
                await inner.close_session(session, summaries)

        return Held()


async def test_quitting_while_phones_are_answering_leaves_no_errors(tmp_path: Path,
                                                                   caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    store = HeldStore(tmp_path)
    app = FacilitatorApp(store, RoomSettings(LOOPBACK, 0, "th", rehearsal_pace=FAST),
                         StartRequest(load("bar"), "ซ้อม BAR", demo=True))
    async with app.run_test(size=SIZE) as pilot:
        live = await session_started(pilot)
        rehearsal = app.rehearsals[live.session.id]
        await until(pilot, lambda: joined_all(app), "every simulated phone to join", tries=LONG)
        await pilot.press("right")
        await until(pilot, lambda: store.held >= 3, "phones waiting for the reply to their answers", tries=LONG)
        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        await pilot.click("#yes")
        await until(pilot, lambda: app.return_code is not None, "the app to quit")
    assert app.return_code == 0
    assert not rehearsal.running and rehearsal.problems == []
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
    assert live.answers == [] and Store(tmp_path).load(live.session.id).answers == []   # none was told saved


async def test_a_resumed_rehearsal_brings_back_the_same_phones(tmp_path: Path) -> None:
    app = rehearsal_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        live = await session_started(pilot)
        await until(pilot, lambda: joined_all(app), "every simulated phone to join", tries=LONG)
        await pilot.press("right")
        await until(pilot, lambda: len({a.participant_id for a in live.answers_for(0)}) == len(ROOM.people),
                    "every phone's answer", tries=LONG)
        app.exit()
    first = Store(tmp_path).load(live.session.id)

    again = FacilitatorApp(Store(tmp_path), RoomSettings(LOOPBACK, 0, "th", rehearsal_pace=FAST), offer_resume=True)
    async with again.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(again.screen, ConfirmScreen), "the resume offer")
        await pilot.press("enter")
        resumed = await session_started(pilot)
        assert resumed.session.id in again.rehearsals
        await pilot.press("right")
        await until(pilot, lambda: len({a.participant_id for a in resumed.answers_for(1)}) == len(ROOM.people),
                    "every phone's answer to the next step", tries=LONG)
        assert set(resumed.participants) == {p.id for p in first.participants}   # the same people, not new ones
        assert len(resumed.answers_for(0)) == len(first.answers)                # step 1 was not answered again
        again.exit()


async def test_the_dialogs_switch_starts_a_rehearsal_and_home_marks_it(tmp_path: Path) -> None:
    app = rehearsal_app(tmp_path, activity=None, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        live = await start_switched_on(pilot, "demo", "rehearsal_switch", "Practice BAR")
        assert live.session.demo is True and live.session.id in app.rehearsals
        await until(pilot, lambda: len(live.participants) > 0, "a simulated phone", tries=LONG)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert "Rehearsal · Practice BAR" in screen_text(app)


async def test_a_session_started_without_the_switch_gets_no_simulated_phones(tmp_path: Path) -> None:
    app = rehearsal_app(tmp_path, activity=None, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await new_session_dialog(pilot)
        await pilot.click("#ok")
        live = await session_started(pilot)
        assert live.session.demo is False and app.rehearsals == {}
        assert t("rehearsal_mark", "en") not in screen_text(app)


async def test_run_demo_starts_a_rehearsal(tmp_path: Path) -> None:
    for argv, demo in ((["--demo", "--pace", "0.01"], True), ([], False)):
        data_dir = tmp_path / str(demo)
        args = parse_args(["run", "bar", *argv, "--data-dir", str(data_dir)])
        store = Store(data_dir)
        start = start_request(args, store)
        assert start is not None and start.demo is demo
        app = FacilitatorApp(store, RoomSettings(LOOPBACK, 0, "th", rehearsal_pace=args.pace or FAST), start)
        async with app.run_test(size=SIZE) as pilot:
            live = await session_started(pilot)
            assert live.session.demo is demo and (live.session.id in app.rehearsals) is demo
    assert parse_args(["run", "bar", "--demo", "--pace", "2.5"]).pace == 2.5


async def test_home_deletes_an_unfinished_rehearsal_without_closing_it_first(tmp_path: Path) -> None:
    store = Store(tmp_path)
    workshop = Workshop(store)
    demo = await workshop.open_session(load("bar"), "ซ้อมค้างไว้", demo=True)
    real = await workshop.open_session(load("bar"), "ประชุมจริงค้างไว้")
    await store.close()
    app = FacilitatorApp(Store(tmp_path), RoomSettings(LOOPBACK, 0, "en", rehearsal_pace=FAST))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        table = app.screen.query_one("#sessions", DataTable)
        table.focus()
        rows = [str(key.value) for key in table.rows]
        table.move_cursor(row=rows.index(real.session.id))
        await pilot.press("d")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)   # a real unfinished session: close it first
        table.move_cursor(row=rows.index(demo.session.id))
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        await pilot.click("#yes")
        await until(pilot, lambda: demo.session.id not in [str(k.value) for k in table.rows], "the deletion")
    assert [item.id for item in Store(tmp_path, read_only=True).trashed()] == [demo.session.id]


async def test_a_step_the_phones_cannot_answer_is_left_alone(tmp_path: Path) -> None:
    app = rehearsal_app(tmp_path, "checkin")   # its progress step has no commitments to rate without a partnership
    async with app.run_test(size=SIZE) as pilot:
        live = await session_started(pilot)
        rehearsal = app.rehearsals[live.session.id]
        await until(pilot, lambda: joined_all(app), "every simulated phone to join", tries=LONG)
        await pilot.press("right")
        await until(pilot, lambda: live.session.step == 0, "the progress step")
        await pilot.press("right")
        await until(pilot, lambda: len({a.participant_id for a in live.answers_for(1)}) == len(ROOM.people),
                    "every phone's answer to the notes after it", tries=LONG)
        assert live.answers_for(0) == [] and rehearsal.problems == [] and rehearsal.running


async def test_the_resume_offer_puts_a_real_meeting_before_a_newer_rehearsal(tmp_path: Path) -> None:
    store = Store(tmp_path)
    workshop = Workshop(store)
    await workshop.open_session(load("bar"), "ประชุมจริงค้างไว้")
    await workshop.open_session(load("bar"), "ซ้อมทีหลัง", demo=True)
    await store.close()
    app = FacilitatorApp(Store(tmp_path), RoomSettings(LOOPBACK, 0, "th", rehearsal_pace=FAST), offer_resume=True)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the resume offer")
        await pilot.press("enter")
        live = await session_started(pilot)
        assert live.session.title == "ประชุมจริงค้างไว้" and app.rehearsals == {}


async def test_the_merge_dialog_offers_no_spelling_a_rehearsal_typed(tmp_path: Path) -> None:
    from textual.widgets import OptionList

    from facilitator.tui.screens.partnership_forms import MergeScreen

    store = Store(tmp_path)
    workshop = Workshop(store)
    partnership = store.create_partnership("ภาคีตำบลท่าข้าม", [("อบต.ท่าข้าม", "local_admin")])
    demo = await workshop.open_session(load("bar"), "ซ้อม", partnership_id=partnership.id, demo=True)
    await demo.join("token-" + "a" * 24, organisation="กลุ่มที่มีแต่ในการซ้อม")
    real = await workshop.open_session(load("bar"), "จริง", partnership_id=partnership.id)
    await real.join("token-" + "b" * 24, organisation="อบต ท่าข้ามใหม่")
    for live in (demo, real):
        await workshop.close_session(live)
    await store.close()
    app = FacilitatorApp(Store(tmp_path), RoomSettings(LOOPBACK, 0, "th", rehearsal_pace=FAST))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        app.screen.query_one("#partnerships", OptionList).highlighted = 1
        await pilot.press("m")
        await until(pilot, lambda: isinstance(app.screen, MergeScreen))
        offered = app.screen._names   # type: ignore[attr-defined]
        assert offered == sorted(["อบต.ท่าข้าม", "อบต ท่าข้ามใหม่"])
