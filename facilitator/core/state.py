"""The session state machine: lobby → step 1 … step n → closed.

Pure functions over (status, step, number of steps). The facilitator may go back to an earlier step; a closed
session never reopens.
"""

from __future__ import annotations

from dataclasses import dataclass

from facilitator.core.model import Status


class InvalidTransition(ValueError):
    """A move the state machine does not allow (for example: next after the last step, anything after close)."""


@dataclass(frozen=True, slots=True)
class Position:
    """Where a session stands."""

    status: Status
    step: int | None

    @property
    def accepting(self) -> bool:
        """Whether phones may answer now."""
        return self.status is Status.RUNNING


def goto(pos: Position, step: int, n_steps: int) -> Position:
    """Open step ``step`` (0-based) from the lobby or another step."""
    if pos.status is Status.CLOSED:
        raise InvalidTransition("session is closed")
    if not 0 <= step < n_steps:
        raise InvalidTransition(f"no step {step + 1} (the activity has {n_steps})")
    return Position(Status.RUNNING, step)


def advance(pos: Position, n_steps: int) -> Position:
    """The next step: from the lobby, the first one."""
    return goto(pos, 0 if pos.step is None else pos.step + 1, n_steps)


def back(pos: Position, n_steps: int) -> Position:
    """The previous step; from the first step, back to the lobby (the join screen)."""
    if pos.status is Status.CLOSED:
        raise InvalidTransition("session is closed")
    if pos.step is None:
        raise InvalidTransition("already in the lobby")
    if pos.step == 0:
        return Position(Status.LOBBY, None)
    return goto(pos, pos.step - 1, n_steps)


def close(pos: Position) -> Position:
    """Close the session for good."""
    if pos.status is Status.CLOSED:
        raise InvalidTransition("session is already closed")
    return Position(Status.CLOSED, pos.step)
