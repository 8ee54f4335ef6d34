"""The step's countdown, with a clock the test turns: pure, then held by a live session over the real store."""

from __future__ import annotations

import errno
import os
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from facilitator.core.events import Event, TimerChanged
from facilitator.core.live import LiveSession, Rejected, StorageError
from facilitator.core.model import Session
from facilitator.core.step_timer import StepTimer, clock_face, parse_minutes
from facilitator.core.workshop import Workshop
from facilitator.store import Store
from tests.support import FakeClock
from tests.unit.test_live import ACTIVITY, THAI, TOKEN_A


# -- the timer on its own ---------------------------------------------------------------------------------
def test_counts_down_with_its_clock_and_stops_at_zero() -> None:
    clock = FakeClock()
    timer = StepTimer(120, clock=clock)
    assert (timer.remaining(), timer.shown_seconds(), timer.warning, timer.expired) == (120, 120, False, False)
    clock.turn(59.5)
    assert timer.shown_seconds() == 61 and not timer.warning   # 60.5 s left shows as 01:01
    clock.turn(0.5)
    assert timer.shown_seconds() == 60 and timer.warning       # the last minute
    clock.turn(59.9)
    assert timer.shown_seconds() == 1 and timer.warning and not timer.expired
    clock.turn(0.1)
    assert timer.expired and not timer.warning and timer.remaining() == 0
    clock.turn(500)
    assert timer.remaining() == 0                              # never below zero


def test_pause_holds_and_resume_counts_on() -> None:
    clock = FakeClock()
    timer = StepTimer(300, clock=clock)
    clock.turn(100)
    timer.pause()
    assert timer.paused
    clock.turn(1000)
    assert timer.remaining() == 200
    timer.pause()                       # pausing twice changes nothing
    timer.resume()
    clock.turn(50)
    assert timer.remaining() == 150 and not timer.paused
    timer.toggle()
    clock.turn(50)
    assert timer.paused and timer.remaining() == 150
    timer.toggle()
    assert not timer.paused


def test_add_a_minute_reopens_an_expired_timer_that_stopped_answers() -> None:
    clock = FakeClock()
    timer = StepTimer(60, stop_at_zero=True, clock=clock)
    assert not timer.closes_answers
    clock.turn(75)
    assert timer.expired and timer.closes_answers
    timer.add()
    assert timer.remaining() == 60 and not timer.closes_answers   # the minute counts from now, not from zero
    clock.turn(60)
    assert timer.closes_answers


def test_without_the_stop_option_an_expired_timer_closes_nothing() -> None:
    clock = FakeClock()
    timer = StepTimer(60, clock=clock)
    clock.turn(60)
    assert timer.expired and not timer.closes_answers


def test_added_minute_while_paused_stays_paused() -> None:
    clock = FakeClock()
    timer = StepTimer(30, clock=clock)
    timer.pause()
    timer.add()
    clock.turn(100)
    assert timer.paused and timer.remaining() == 90


def test_a_record_counts_on_by_the_wall_clock_since_it_was_kept() -> None:
    clock = FakeClock()
    timer = StepTimer(300, stop_at_zero=True, clock=clock)
    clock.turn(100)
    record = timer.to_record(wall_now=5000.0)
    assert record == {"remaining": 200.0, "paused": False, "stop_at_zero": True, "at": 5000.0}
    again = StepTimer.from_record(record, clock=FakeClock(), wall_now=5030.0)
    assert again.remaining() == 170 and again.stop_at_zero and not again.paused
    late = StepTimer.from_record(record, clock=FakeClock(), wall_now=9000.0)
    assert late.expired and late.closes_answers


def test_a_paused_record_is_where_it_was_held() -> None:
    timer = StepTimer(300, clock=FakeClock())
    timer.pause()
    again = StepTimer.from_record(timer.to_record(wall_now=0.0), clock=FakeClock(), wall_now=99999.0)
    assert again.paused and again.remaining() == 300


@pytest.mark.parametrize("record", [{}, {"remaining": "x", "paused": False, "stop_at_zero": False, "at": 0},
                                    {"remaining": 1, "paused": False, "stop_at_zero": False}, None])
def test_an_unreadable_record_is_refused(record: object) -> None:
    with pytest.raises(ValueError):
        StepTimer.from_record(record, wall_now=0.0)  # type: ignore[arg-type]


def test_what_a_phone_is_told_is_whole_seconds() -> None:
    clock = FakeClock()
    timer = StepTimer(90, stop_at_zero=True, clock=clock)
    clock.turn(0.4)
    assert timer.to_json() == {"remaining": 90, "paused": False, "stops": True}


@pytest.mark.parametrize(("typed", "minutes"), [
    ("5", 5), (" 12 ", 12), ("180", 180), ("0", None), ("181", None), ("", None), ("-3", None), ("2.5", None),
    ("๕", None), ("five", None), ("[b]1", None),
])
def test_minutes_typed_by_the_facilitator(typed: str, minutes: int | None) -> None:
    assert parse_minutes(typed) == minutes


def test_clock_face() -> None:
    assert [clock_face(s) for s in (0, 59, 60, 605, 7200)] == ["00:00", "00:59", "01:00", "10:05", "120:00"]


# -- held by the live session -----------------------------------------------------------------------------
@dataclass
class Timed:
    store: Store
    live: LiveSession
    clock: FakeClock
    events: list[Event]


async def timed_session(store: Store, clock: FakeClock) -> LiveSession:
    """A session opened by the workshop over ``store``, its countdowns counting with ``clock``."""
    live = await Workshop(store).open_session(ACTIVITY, "เครือข่ายสุขภาพตำบลท่าข้าม")
    live.clock = live.wall = clock
    return live


@pytest.fixture
async def timed(tmp_path: Path) -> AsyncIterator[Timed]:
    store, clock = Store(tmp_path), FakeClock()
    events: list[Event] = []
    live = await timed_session(store, clock)
    live.subscribe(events.append)
    try:
        yield Timed(store, live, clock, events)
    finally:
        await store.close()


async def test_no_timer_in_the_lobby(timed: Timed) -> None:
    with pytest.raises(Rejected) as info:
        await timed.live.set_timer(5)
    assert info.value.reason == "timer_no_step"
    with pytest.raises(Rejected) as info:
        await timed.live.toggle_timer()
    assert info.value.reason == "timer_none"


async def test_minutes_out_of_range_are_refused(timed: Timed) -> None:
    await timed.live.goto(0)
    for minutes in (0, 181):
        with pytest.raises(Rejected):
            await timed.live.set_timer(minutes)
    assert timed.live.timer is None


async def test_stop_at_zero_refuses_answers_until_a_minute_is_added(timed: Timed) -> None:
    live, clock = timed.live, timed.clock
    pid = (await live.join(TOKEN_A)).id
    await live.goto(0)
    timer = await live.set_timer(1, stop_at_zero=True)
    assert timed.events[-1] == TimerChanged(live.session, 0, timer)
    await live.answer(pid, 0, THAI, "client-0001")
    clock.turn(60)
    with pytest.raises(Rejected) as info:
        await live.answer(pid, 0, THAI, "client-0002")
    assert info.value.reason == "time_up"
    assert (await live.answer(pid, 0, THAI, "client-0001")).client_id == "client-0001"   # a retry of a stored one
    await live.add_minute()
    await live.answer(pid, 0, THAI, "client-0002")
    assert [a.client_id for a in timed.store.load(live.session.id).answers] == ["client-0001", "client-0002"]


async def test_without_stop_at_zero_answers_go_on(timed: Timed) -> None:
    live = timed.live
    pid = (await live.join(TOKEN_A)).id
    await live.goto(0)
    await live.set_timer(1)
    timed.clock.turn(3600)
    await live.answer(pid, 0, THAI, "client-0001")


async def test_each_step_has_its_own_timer(timed: Timed) -> None:
    live, clock = timed.live, timed.clock
    pid = (await live.join(TOKEN_A)).id
    await live.goto(0)
    await live.set_timer(1, stop_at_zero=True)
    await live.advance()
    assert live.timer is None
    clock.turn(120)
    await live.answer(pid, 1, THAI, "client-0001")   # the next step has no countdown
    await live.back()
    assert live.timer is not None and live.timer.closes_answers


async def test_pause_is_kept_and_announced(timed: Timed) -> None:
    live = timed.live
    await live.goto(0)
    await live.set_timer(2)
    await live.toggle_timer()
    assert live.timer is not None and live.timer.paused
    assert isinstance(timed.events[-1], TimerChanged) and timed.events[-1].timer.paused
    assert Session.from_dict(live.session.to_dict()).timers["0"]["paused"] is True


async def test_a_resumed_session_keeps_its_timer(tmp_path: Path) -> None:
    clock = FakeClock()
    store = Store(tmp_path)
    live = await timed_session(store, clock)
    await live.goto(1)
    await live.set_timer(10, stop_at_zero=True)
    clock.turn(100)
    await store.close()

    clock.turn(20)   # the laptop restarts: 2 minutes in all have passed since the timer was set
    store = Store(tmp_path)
    try:
        record = store.load(live.session.id)
        again = LiveSession(record.session, store.sink(record.session), clock=clock, wall=clock)
        assert again.timer is not None
        assert again.timer.remaining() == 480 and again.timer.stop_at_zero
        resumed = Workshop(store).resume_session(live.session.id)   # the real clocks: counted on since then
        assert resumed.timer is not None and resumed.timer.expired
    finally:
        await store.close()


def test_a_session_without_timers_is_stored_as_before() -> None:
    session = Session("s", "1234", "x", "th", ACTIVITY)
    assert "timers" not in session.to_dict()
    assert Session.from_dict(session.to_dict()).timers == {}


async def test_a_countdown_that_could_not_be_stored_changes_nothing(
    timed: Timed, monkeypatch: pytest.MonkeyPatch,
) -> None:
    live = timed.live
    await live.goto(0)
    real_write = os.write

    def full_disk(fd: int, data: bytes) -> int:
        if b'"timers"' in bytes(data):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", full_disk)
    with pytest.raises(StorageError):
        await live.set_timer(5)
    assert live.timer is None and live.session.timers == {}
    monkeypatch.undo()
    await live.set_timer(5)
    monkeypatch.setattr(os, "write", full_disk)
    kept = dict(live.session.timers)
    with pytest.raises(StorageError):
        await live.toggle_timer()
    assert live.timer is not None and not live.timer.paused and live.session.timers == kept
    assert not any(isinstance(e, TimerChanged) and e.timer.paused for e in timed.events)


async def test_an_unreadable_kept_countdown_is_left_out(tmp_path: Path) -> None:
    store = Store(tmp_path)
    try:
        session = store.create_session(ACTIVITY, "x")
        session.timers = {"zero": {"remaining": 1, "paused": True, "stop_at_zero": True, "at": 0},
                          "1": {"remaining": "soon"},
                          "2": {"remaining": 90, "paused": True, "stop_at_zero": False, "at": 0}}
        live = LiveSession(Session.from_dict(session.to_dict()), store.sink(session))
        assert list(live.timers) == [2] and live.timers[2].remaining() == 90
    finally:
        await store.close()
