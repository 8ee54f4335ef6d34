"""The session state machine: lobby → steps → closed."""

from __future__ import annotations

import pytest

from facilitator.core import state
from facilitator.core.model import Status
from facilitator.core.state import InvalidTransition, Position

LOBBY = Position(Status.LOBBY, None)
N = 3


def test_lobby_does_not_accept_answers_and_a_step_does() -> None:
    assert not LOBBY.accepting
    assert Position(Status.RUNNING, 0).accepting
    assert not Position(Status.CLOSED, 2).accepting


def test_advance_walks_from_the_lobby_through_every_step() -> None:
    pos = LOBBY
    seen = []
    for _ in range(N):
        pos = state.advance(pos, N)
        seen.append(pos)
    assert seen == [Position(Status.RUNNING, i) for i in range(N)]


def test_advance_past_the_last_step_raises() -> None:
    with pytest.raises(InvalidTransition):
        state.advance(Position(Status.RUNNING, N - 1), N)


def test_advance_from_the_lobby_of_an_empty_activity_raises() -> None:
    with pytest.raises(InvalidTransition):
        state.advance(LOBBY, 0)


def test_back_from_a_step_and_from_the_first_step() -> None:
    assert state.back(Position(Status.RUNNING, 2), N) == Position(Status.RUNNING, 1)
    assert state.back(Position(Status.RUNNING, 0), N) == LOBBY


def test_back_from_the_lobby_raises() -> None:
    with pytest.raises(InvalidTransition):
        state.back(LOBBY, N)


@pytest.mark.parametrize("step", [-1, N, N + 5])
def test_goto_out_of_range_raises(step: int) -> None:
    with pytest.raises(InvalidTransition):
        state.goto(Position(Status.RUNNING, 1), step, N)


@pytest.mark.parametrize("start", [LOBBY, Position(Status.RUNNING, 2)])
def test_goto_in_range_from_anywhere_open(start: Position) -> None:
    assert state.goto(start, 1, N) == Position(Status.RUNNING, 1)


@pytest.mark.parametrize("start", [LOBBY, Position(Status.RUNNING, 1)])
def test_close_from_lobby_or_step(start: Position) -> None:
    closed = state.close(start)
    assert closed.status is Status.CLOSED
    assert closed.step == start.step


def test_nothing_moves_after_close() -> None:
    closed = state.close(Position(Status.RUNNING, 1))
    with pytest.raises(InvalidTransition):
        state.advance(closed, N)
    with pytest.raises(InvalidTransition):
        state.back(closed, N)
    with pytest.raises(InvalidTransition):
        state.goto(closed, 0, N)
    with pytest.raises(InvalidTransition):
        state.close(closed)


def test_close_twice_raises_even_from_the_lobby() -> None:
    closed = state.close(LOBBY)
    with pytest.raises(InvalidTransition):
        state.close(closed)
