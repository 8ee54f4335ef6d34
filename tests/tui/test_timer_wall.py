"""The step's countdown on the wall, driven from the keyboard (t, p, +) against the real server and a real HTTP
phone; the test turns the live session's clock, the screen redraws it once a second."""

from __future__ import annotations

from pathlib import Path

import aiohttp
from textual.widgets import Digits, Input, Static

from facilitator.core.i18n import t
from facilitator.tui.screens.session import SessionScreen
from facilitator.tui.screens.set_timer import SetTimerScreen
from facilitator.tui.widgets.countdown import Countdown
from tests.support import FakeClock, make_app, post_answer, screen_text, session_joined, until
from tests.tui.test_session_screen import open_first_step

SIZE = (140, 45)


def shown(app: object) -> tuple[str, str, set[str]]:
    """What the wall's countdown shows: its figures, the line under them, and its state classes."""
    countdown = app.screen.query_one(Countdown)  # type: ignore[attr-defined]
    note = str(countdown.query_one("#countdown-note", Static).render())
    return countdown.query_one(Digits).value, note, {c for c in countdown.classes if c.startswith("-") and c != "-shown"}


async def test_the_countdown_reaches_zero_stops_answers_and_a_minute_reopens_them(
    tmp_path: Path, phone: aiohttp.ClientSession,
) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        served = await open_first_step(pilot, phone, app)
        clock = FakeClock()
        served.live.clock = clock
        countdown = app.screen.query_one(Countdown)
        assert not countdown.display                                  # no timer: nothing but the bar's clock
        assert f"{t('time', 'th')} 00:0" in str(app.screen.query_one("#bar", Static).render())

        await pilot.press("t")
        await until(pilot, lambda: isinstance(app.screen, SetTimerScreen), "the timer dialog")
        await pilot.press("backspace", "2", "tab", "space", "enter")   # 2 minutes, tick "stop at zero", start
        await until(pilot, lambda: isinstance(app.screen, SessionScreen) and served.live.timer is not None)
        assert served.live.timer is not None and served.live.timer.stop_at_zero
        await until(pilot, lambda: shown(app)[0] == "02:00", "the countdown drawn")
        assert countdown.display and shown(app)[2] == set() and t("timer_running", "th") in shown(app)[1]
        assert countdown.query_one(Digits).size.height == 3           # big figures, readable from the back row

        clock.turn(61)
        await until(pilot, lambda: shown(app)[0] == "00:59", "the countdown redrawn")
        assert shown(app)[1:] == (t("timer_last_minute", "th"), {"-warning"})

        clock.turn(59)
        await until(pilot, lambda: shown(app)[0] == "00:00", "time up drawn")
        assert shown(app)[1:] == (t("timer_over_closed", "th"), {"-over"})
        assert t("timer_over_closed", "th") in screen_text(app)
        refused = await post_answer(phone, served, {"text": "ช้าไป"}, "client-0001")
        assert refused.status == 409 and (await refused.json())["reason"] == "time_up"

        await pilot.press("plus")
        await until(pilot, lambda: shown(app)[0] == "01:00", "a minute added")
        accepted = await post_answer(phone, served, {"text": "ทันเวลา"}, "client-0001")
        assert accepted.status == 200

        await pilot.press("p")
        await until(pilot, lambda: "-paused" in shown(app)[2], "paused")
        clock.turn(30)
        await pilot.press("๙")                                       # "+" with the keyboard in Thai mode
        await until(pilot, lambda: shown(app)[0] == "02:00", "a minute added in Thai mode")
        await pilot.press("right")                                   # the next step has no countdown
        await until(pilot, lambda: served.step == 1 and not countdown.display, "the next step without one")
        await pilot.press("left")
        await until(pilot, lambda: served.step == 0 and shown(app)[0] == "02:00", "the first step's, still held")
        assert shown(app)[1] == t("timer_paused", "th")


async def test_minutes_that_are_not_a_number_get_a_message_and_escape_sets_nothing(
    tmp_path: Path, phone: aiohttp.ClientSession,
) -> None:
    app = make_app(tmp_path, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        served = await open_first_step(pilot, phone, app)
        await pilot.press("p", "plus")                               # no timer yet: nothing to pause or lengthen
        assert served.live.timer is None
        await pilot.press("t")
        await until(pilot, lambda: isinstance(app.screen, SetTimerScreen), "the timer dialog")
        box = app.screen.query_one("#timer-minutes", Input)
        box.value = "[b]0"
        await pilot.press("enter")
        error = app.screen.query_one("#timer-error", Static)
        await until(pilot, lambda: str(error.render()) == t("timer_bad_minutes", "en"), "the message")
        assert isinstance(app.screen, SetTimerScreen) and served.live.timer is None
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, SessionScreen), "the dialog closed")
        assert served.live.timer is None and not app.screen.query_one(Countdown).display


async def test_the_timer_key_waits_for_a_step(tmp_path: Path, phone: aiohttp.ClientSession) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await session_joined(pilot, (phone, {}))
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)                 # in the lobby there is no step to time


async def test_on_a_small_screen_the_countdown_takes_the_small_qr_codes_place(
    tmp_path: Path, phone: aiohttp.ClientSession,
) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        served = await open_first_step(pilot, phone, app)
        qr = app.screen.query_one("#small-qr")
        assert qr.display
        await served.live.set_timer(5)
        countdown = app.screen.query_one(Countdown)
        await until(pilot, lambda: countdown.display and not qr.display, "the countdown in the QR code's place")
        await pilot.pause()
        assert countdown.region.bottom <= app.screen.region.bottom - 1       # whole, above the footer
        assert shown(app)[0] == "05:00"
    app = make_app(tmp_path / "big")
    async with app.run_test(size=SIZE) as pilot:
        served = await open_first_step(pilot, phone, app)
        await served.live.set_timer(5)
        countdown = app.screen.query_one(Countdown)
        await until(pilot, lambda: countdown.display, "the countdown")
        await pilot.pause()
        assert app.screen.query_one("#small-qr").display                      # room for both
