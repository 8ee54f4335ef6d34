"""Quitting while a session is open asks first; the start after a crash puts the session back in one key, on
the port the phones know."""

from __future__ import annotations

import socket
from pathlib import Path

import aiohttp
import pytest
from textual.widgets import Static

from activities import load
from facilitator.core.i18n import t
from facilitator.core.model import Status
from facilitator.core.workshop import Workshop
from facilitator.store import Store
from facilitator.store.lock import AppLock
from facilitator.tui.app import FacilitatorApp, RoomSettings
from facilitator.tui.screens.confirm import ConfirmScreen
from facilitator.tui.screens.home import HomeScreen
from facilitator.tui.screens.session import SessionScreen
from tests.support import (
    LOOPBACK,
    TITLE,
    live_of,
    make_app,
    post_answer,
    served_by,
    session_joined,
    until,
    wall_texts,
)

SIZE = (140, 45)
ANSWER = "ขอให้ทุกหน่วยงานใช้ข้อมูลชุดเดียวกัน"


def question(app: FacilitatorApp) -> str:
    """The question of the dialog on screen."""
    assert isinstance(app.screen, ConfirmScreen)
    return str(app.screen.query_one(".question", Static).render())


# -- quitting ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize("key", ["ctrl+q", "ctrl+c"])
async def test_quitting_an_open_session_asks_no_keeps_it_and_yes_saves_it_resumable(
    tmp_path: Path, phone: aiohttp.ClientSession, key: str, lang: str
) -> None:
    app = make_app(tmp_path, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        served = await session_joined(pilot, (phone, {"organisation": "รพ.สต.บ้านนา"}))
        await pilot.press("right")
        await until(pilot, lambda: served.step == 0)
        await post_answer(phone, served, {"text": ANSWER}, "client-0001")

        await pilot.press(key)
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        assert question(app) == t("quit_confirm", lang)
        stack = list(app.screen_stack)
        await pilot.press(key)  # a second press while asking neither stacks a dialog nor quits
        assert app.screen_stack == stack and app.return_code is None
        await pilot.click("#no")
        await until(pilot, lambda: isinstance(app.screen, SessionScreen), "the session again")
        assert app.return_code is None
        response = await phone.get(served.url("/s/{code}"))  # still serving its phones
        assert response.status == 200

        await pilot.press(key)
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question again")
        await pilot.click("#yes")
        await until(pilot, lambda: app.return_code is not None, "the app to quit")
    assert app.return_code == 0

    session_id = served.live.session.id
    journal = tmp_path / "sessions" / f"{session_id}.journal"
    assert journal.stat().st_size == 0  # every record folded into the session's file
    store = Store(tmp_path)
    again = Workshop(store).resume_session(session_id)
    assert again.session.status is Status.RUNNING and again.session.step == 0
    assert [a.text for a in again.answers_for(0)] == [ANSWER]


@pytest.mark.parametrize("key", ["ctrl+q", "ctrl+c"])
async def test_with_no_open_session_the_app_quits_at_once(tmp_path: Path, key: str) -> None:
    app = make_app(tmp_path, activity=None)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press(key)
        await until(pilot, lambda: app.return_code is not None, "the app to quit")
        assert not isinstance(app.screen, ConfirmScreen)
    assert app.return_code == 0


async def test_home_asks_too_while_a_session_is_still_served(tmp_path: Path) -> None:
    app = make_app(tmp_path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await session_joined(pilot)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("q")  # home's own quit key asks as well
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        await pilot.press("y")
        await until(pilot, lambda: app.return_code is not None, "the app to quit")


# -- resuming ---------------------------------------------------------------------------------------------------
async def unfinished(data_dir: Path, title: str = TITLE, *, step: int | None = 1, close: bool = False) -> str:
    """A session left as a crash leaves it: at ``step`` (an index; ``None``: the lobby), with one answer there."""
    store = Store(data_dir)
    workshop = Workshop(store)
    live = await workshop.open_session(load("bar"), title)
    if step is not None:
        person = await live.join("token-aaaaaaaaaaaaaaaaaaaa", organisation="รพ.สต.บ้านนา")
        for _ in range(step + 1):
            await live.advance()
        await live.answer(person.id, step, ANSWER, "client-0001")
    if close:
        await workshop.close_session(live)
    await store.close()
    return live.session.id


def restarted(data_dir: Path, lang: str = "th", last_port: int | None = None,
              lock: AppLock | None = None) -> FacilitatorApp:
    """The app as ``facilitator`` starts it: on the home screen, offering what is unfinished."""
    return FacilitatorApp(Store(data_dir), RoomSettings(LOOPBACK, 0, lang, last_port=last_port), lock=lock,
                          offer_resume=True)


@pytest.mark.parametrize("lang, words", [("th", "ข้อ 2 จาก 6"), ("en", "step 2 of 6")])
async def test_one_key_puts_the_unfinished_session_back_at_its_step(tmp_path: Path, lang: str, words: str) -> None:
    session_id = await unfinished(tmp_path)
    code = Store(tmp_path).catalog.session(session_id)["code"]  # type: ignore[index]
    app = restarted(tmp_path, lang)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the offer")
        assert TITLE in question(app) and words in question(app) and code in question(app)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, SessionScreen), "the session")
        live = live_of(app)
        assert (live.session.id, live.session.code, live.session.step) == (session_id, code, 1)
        await until(pilot, lambda: wall_texts(app) == [ANSWER])


async def test_a_session_in_the_lobby_comes_back_to_its_join_screen(tmp_path: Path) -> None:
    session_id = await unfinished(tmp_path, step=None)
    app = restarted(tmp_path, "en")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the offer")
        assert "join screen" in question(app)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, SessionScreen), "the session")
        assert live_of(app).session.id == session_id and live_of(app).session.step is None


async def test_the_newest_unfinished_session_is_offered_and_escape_stays_home(tmp_path: Path) -> None:
    await unfinished(tmp_path, "เก่า")
    await unfinished(tmp_path, "ใหม่กว่า")
    await unfinished(tmp_path, "ปิดแล้ว", close=True)  # newest, but closed: nothing to resume
    app = restarted(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the offer")
        assert "ใหม่กว่า" in question(app)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert app.workshop.room.lives() == []


async def test_nothing_is_offered_when_every_session_is_closed(tmp_path: Path) -> None:
    await unfinished(tmp_path, close=True)
    app = restarted(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and len(app.screen_stack) == 2


# -- the port ---------------------------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return int(probe.getsockname()[1])


async def test_the_port_of_the_last_run_is_used_again_and_recorded(tmp_path: Path) -> None:
    port = free_port()
    with AppLock.acquire(tmp_path) as lock:  # the last run listened there, then crashed
        lock.listening(port)
    with AppLock.acquire(tmp_path) as lock:
        app = restarted(tmp_path, last_port=lock.previous.port, lock=lock)
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: app.server is not None)
            assert app.server is not None and app.server.bound_port == port
    with AppLock.acquire(tmp_path) as lock:
        assert lock.previous.port == port


async def test_a_taken_last_port_falls_back_to_the_configured_one(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind((LOOPBACK, 0))
        taken.listen()
        port = taken.getsockname()[1]
        with AppLock.acquire(tmp_path) as lock:
            app = restarted(tmp_path, last_port=port, lock=lock)  # configured: 0, any free port
            async with app.run_test(size=SIZE) as pilot:
                await until(pilot, lambda: app.server is not None)
                assert app.server is not None and app.server.bound_port not in (port, 0)
                assert app.error is None
        with AppLock.acquire(tmp_path) as again:
            assert again.previous.port == app.server.bound_port


async def test_a_resumed_session_is_reached_on_the_remembered_port_with_its_code(
    tmp_path: Path, phone: aiohttp.ClientSession
) -> None:
    session_id = await unfinished(tmp_path)
    port = free_port()
    with AppLock.acquire(tmp_path) as lock:
        lock.listening(port)
    with AppLock.acquire(tmp_path) as lock:
        app = restarted(tmp_path, last_port=lock.previous.port, lock=lock)
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the offer")
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(app.screen, SessionScreen), "the session")
            served = served_by(app)
            assert served.base == f"http://{LOOPBACK}:{port}" and served.live.session.id == session_id
            await session_joined(pilot, (phone, {"organisation": "อบต.ท่าข้าม"}))
            await until(pilot, lambda: len(served.live.participants) == 2)
